/**
 * Element facts read through the browser's own prototype getters and methods, never through the element itself.
 *
 * A `<form>` holding `<input name="tagName">` (or `parentElement`, `closest`, `getAttribute`, `hidden`, …) answers
 * `form.tagName` with that input: named controls shadow the form's own properties, and a content script's isolated
 * world sees them too (session 22, hostile pages: reads failed with "tag.charCodeAt is not a function", every field
 * counted as hidden, and an upward walk input → label → form → input never ended). Reading through
 * `Element.prototype`'s getter is immune: a named property lives on the instance, the getter on the prototype. The
 * page cannot change our world's prototypes (content scripts), and in tests the functions fall back to the property
 * where an environment lacks a getter.
 *
 * Use these wherever a node could be any element (a form included); text nodes, documents and shadow roots may be
 * read directly where noted.
 */

type Fn = (...args: never[]) => unknown;

/** The getter or method `name` on `proto` or up its chain, or undefined (an environment without it). */
function member<T extends Fn>(proto: object | undefined, name: string, kind: 'get' | 'value'): T | undefined {
  for (let at = proto; at; at = Object.getPrototypeOf(at) as object | undefined) {
    const found = Object.getOwnPropertyDescriptor(at, name);
    if (found) return (kind === 'get' ? found.get : found.value) as T | undefined;
  }
  return undefined;
}

const ElementProto = typeof Element === 'undefined' ? undefined : Element.prototype;
const NodeProto = typeof Node === 'undefined' ? undefined : Node.prototype;
const HTMLElementProto = typeof HTMLElement === 'undefined' ? undefined : HTMLElement.prototype;
const DocumentProto = typeof Document === 'undefined' ? undefined : Document.prototype;
const FragmentProto = typeof DocumentFragment === 'undefined' ? undefined : DocumentFragment.prototype;

/** `Function.prototype.call`, bound below to each getter and method (captured at load, before any page script could matter). */
const callOf = Function.prototype.call;

/** A getter read safely: through the prototype's getter when there is one, else the property. */
function getter<T>(proto: object | undefined, name: string): (node: Node) => T {
  const get = member<(this: Node) => T>(proto, name, 'get');
  if (!get) return (node) => (node as unknown as Record<string, T>)[name]!;
  // `call` bound to the getter: `f(node)` is `get.call(node)`, and each is a function of its own, so the engine's call
  // sites stay monomorphic (one shared closure would see every getter and be megamorphic).
  return callOf.bind(get) as unknown as (node: Node) => T;
}

/** A method called safely (see `getter`). */
function method<A extends unknown[], R>(proto: object | undefined, name: string): (node: Node, ...args: A) => R {
  const fn = member<(this: Node, ...args: A) => R>(proto, name, 'value');
  if (!fn) return (node, ...args) => (node as unknown as Record<string, (...a: A) => R>)[name]!(...args);
  // `f(node, ...args)` is `fn.call(node, ...args)`, without a rest array per call (see `getter`).
  return callOf.bind(fn) as unknown as (node: Node, ...args: A) => R;
}

// Node facts.
const nodeTypeGet = getter<number>(NodeProto, 'nodeType');
const parentElementGet = getter<Element | null>(NodeProto, 'parentElement');
const parentNodeGet = getter<ParentNode | null>(NodeProto, 'parentNode');
const firstChildGet = getter<ChildNode | null>(NodeProto, 'firstChild');
const nextSiblingGet = getter<ChildNode | null>(NodeProto, 'nextSibling');
const previousSiblingGet = getter<ChildNode | null>(NodeProto, 'previousSibling');
// From Element's chain: happy-dom overrides it there (Chromium keeps it on Node).
const textContentGet = getter<string | null>(ElementProto, 'textContent');
const innerTextGet = getter<string | undefined>(HTMLElementProto, 'innerText');
const ownerDocumentGet = getter<Document | null>(NodeProto, 'ownerDocument');
const getRootNodeCall = method<[], Node>(NodeProto, 'getRootNode');
const containsCall = method<[Node | null], boolean>(NodeProto, 'contains');
const comparePositionCall = method<[Node], number>(NodeProto, 'compareDocumentPosition');
const isConnectedGet = getter<boolean>(NodeProto, 'isConnected');
const cloneNodeCall = method<[boolean], Node>(NodeProto, 'cloneNode');

export const nodeTypeOf = (node: Node): number => nodeTypeGet(node);
/** The parent element (never a control a form names `parentElement`). */
export const parentOf = (node: Node): Element | null => parentElementGet(node);
/** The parent node: an element, a shadow root, a document (never a control named `parentNode`). */
export const parentNodeOf = (node: Node): ParentNode | null => parentNodeGet(node);
export const firstChildOf = (node: Node): ChildNode | null => firstChildGet(node);
export const nextSiblingOf = (node: Node): ChildNode | null => nextSiblingGet(node);
export const previousSiblingOf = (node: Node): ChildNode | null => previousSiblingGet(node);
export const textContentOf = (el: Element): string => textContentGet(el) ?? '';
/** What the page shows of `el` (styles applied); its text content where it has no innerText (SVG, MathML). */
export const innerTextOf = (el: Element): string => (HTMLElementProto && HTMLElementProto.isPrototypeOf(el) ? innerTextGet(el) : undefined) ?? textContentOf(el);
/** The element's document (an element's is never null). */
export const ownerDocOf = (node: Node): Document => ownerDocumentGet(node) ?? (node as Document);
export const rootNodeOf = (node: Node): Node => getRootNodeCall(node);
/** Whether `inner` is `outer` or inside it (never a control named `contains`). */
export const containsOf = (outer: Node, inner: Node | null): boolean => containsCall(outer, inner);
export const comparePosition = (node: Node, other: Node): number => comparePositionCall(node, other);
export const isConnectedOf = (node: Node): boolean => isConnectedGet(node);
/** A deep copy of an element. */
export const cloneOf = <T extends Node>(node: T): T => cloneNodeCall(node, true) as T;

// Element facts.
const tagNameGet = getter<string>(ElementProto, 'tagName');
const localNameGet = getter<string>(ElementProto, 'localName');
const namespaceGet = getter<string | null>(ElementProto, 'namespaceURI');
const idGet = getter<string>(ElementProto, 'id');
const classNameGet = getter<unknown>(ElementProto, 'className');
const classListGet = getter<DOMTokenList>(ElementProto, 'classList');
const shadowRootGet = getter<ShadowRoot | null>(ElementProto, 'shadowRoot');
const childrenGet = getter<HTMLCollection>(ElementProto, 'children');
const fragmentChildrenGet = getter<HTMLCollection>(FragmentProto, 'children');
const firstElementChildGet = getter<Element | null>(ElementProto, 'firstElementChild');
const nextElementSiblingGet = getter<Element | null>(ElementProto, 'nextElementSibling');
const previousElementSiblingGet = getter<Element | null>(ElementProto, 'previousElementSibling');
const childElementCountGet = getter<number>(ElementProto, 'childElementCount');
const getAttributeCall = method<[string], string | null>(ElementProto, 'getAttribute');
const hasAttributeCall = method<[string], boolean>(ElementProto, 'hasAttribute');
const hasAttributesCall = method<[], boolean>(ElementProto, 'hasAttributes');
const attributeNamesCall = method<[], string[]>(ElementProto, 'getAttributeNames');
const closestCall = method<[string], Element | null>(ElementProto, 'closest');
const matchesCall = method<[string], boolean>(ElementProto, 'matches');
const elementQueryCall = method<[string], Element | null>(ElementProto, 'querySelector');
const elementQueryAllCall = method<[string], NodeListOf<Element>>(ElementProto, 'querySelectorAll');
const elementByTagCall = method<[string], HTMLCollectionOf<Element>>(ElementProto, 'getElementsByTagName');
const documentQueryCall = method<[string], Element | null>(DocumentProto, 'querySelector');
const documentQueryAllCall = method<[string], NodeListOf<Element>>(DocumentProto, 'querySelectorAll');
const documentByTagCall = method<[string], HTMLCollectionOf<Element>>(DocumentProto, 'getElementsByTagName');
const fragmentQueryCall = method<[string], Element | null>(FragmentProto, 'querySelector');
const fragmentQueryAllCall = method<[string], NodeListOf<Element>>(FragmentProto, 'querySelectorAll');
const checkVisibilityCall = member<(this: Element, options?: CheckVisibilityOptions) => boolean>(ElementProto, 'checkVisibility', 'value');
const rectCall = method<[], DOMRect>(ElementProto, 'getBoundingClientRect');
const hiddenGet = getter<unknown>(HTMLElementProto, 'hidden');
const assignedSlotGet = getter<HTMLSlotElement | null | undefined>(ElementProto, 'assignedSlot');

/** The tag name as the element gives it (upper case in HTML documents; see dom.ts `tagOf`). */
export const tagNameOf = (el: Element): string => tagNameGet(el);
export const localNameOf = (el: Element): string => localNameGet(el);
export const namespaceOf = (el: Element): string | null => namespaceGet(el);
export const idOf = (el: Element): string => idGet(el);
/** The class attribute as a string ('' for SVG's animated class name or none). */
export const classNameOf = (el: Element): string => {
  const name = classNameGet(el);
  return typeof name === 'string' ? name : '';
};
export const classListOf = (el: Element): DOMTokenList => classListGet(el);
/** The open shadow root (closed ones: dom.ts `shadowOf`). */
export const openShadowOf = (el: Element): ShadowRoot | null => shadowRootGet(el);
/** The child elements of an element or a shadow root. */
export const childrenOf = (parent: Element | DocumentFragment): HTMLCollection => (nodeTypeOf(parent) === 11 ? fragmentChildrenGet(parent) : childrenGet(parent));
export const firstElementChildOf = (el: Element): Element | null => firstElementChildGet(el);
export const nextElementOf = (el: Element): Element | null => nextElementSiblingGet(el);
export const previousElementOf = (el: Element): Element | null => previousElementSiblingGet(el);
export const childElementCountOf = (el: Element): number => childElementCountGet(el);
export const attr = (el: Element, name: string): string | null => getAttributeCall(el, name);
export const hasAttr = (el: Element, name: string): boolean => hasAttributeCall(el, name);
export const hasAttrs = (el: Element): boolean => hasAttributesCall(el);
export const attrNames = (el: Element): string[] => attributeNamesCall(el);
export const closestOf = (el: Element, selector: string): Element | null => closestCall(el, selector);
export const matchesOf = (el: Element, selector: string): boolean => matchesCall(el, selector);
/** The `hidden` property of an HTML element (the attribute's state; false elsewhere), never a control named `hidden`. */
export function hiddenOf(el: Element): boolean {
  try {
    const hidden = hiddenGet(el);
    return hidden === true || hidden === 'until-found';
  } catch {
    return false; // not an HTML element (SVG, MathML): no `hidden` property
  }
}
export const rectOf = (el: Element): DOMRect => rectCall(el);
const scrollHeightGet = getter<number>(ElementProto, 'scrollHeight');
const clientHeightGet = getter<number>(ElementProto, 'clientHeight');
/** How tall an element's content is, and how much of it its box shows (0 for inline boxes). */
export const scrollHeightOf = (el: Element): number => scrollHeightGet(el) ?? 0;
export const clientHeightOf = (el: Element): number => clientHeightGet(el) ?? 0;
/** The slot showing a host's light child (null where none; undefined where the environment has no `assignedSlot`). */
export const assignedSlotOf = (el: Element): HTMLSlotElement | null | undefined => assignedSlotGet(el);

/** The element's parent in the rendered (flat) tree: its slot, its parent, or its shadow root's host. */
export function flatParentOf(el: Element): Element | null {
  const slot = assignedSlotOf(el);
  if (slot) return slot;
  const parent = parentOf(el);
  if (parent) return parent;
  const root = parentNodeOf(el);
  return root && nodeTypeOf(root) === 11 ? (root as ShadowRoot).host : null;
}
/** `checkVisibility` through the prototype; undefined where the environment has none (happy-dom without layout). */
const checkVisibilityBound = checkVisibilityCall ? (callOf.bind(checkVisibilityCall) as unknown as (el: Element, options?: CheckVisibilityOptions) => boolean) : undefined;
export const checkVisibilityOf = (el: Element, options?: CheckVisibilityOptions): boolean | undefined =>
  checkVisibilityBound ? checkVisibilityBound(el, options) : undefined;
export const hasCheckVisibility = (): boolean => !!checkVisibilityCall;

/** `querySelector` on an element, a document or a shadow root (a fragment). */
export function queryOf(root: Element | Document | DocumentFragment, selector: string): Element | null {
  const type = nodeTypeOf(root);
  return type === 9 ? documentQueryCall(root, selector) : type === 11 ? fragmentQueryCall(root, selector) : elementQueryCall(root, selector);
}

/** `querySelectorAll` on an element, a document or a shadow root (a fragment). */
export function queryAllOf(root: Element | Document | DocumentFragment, selector: string): NodeListOf<Element> {
  const type = nodeTypeOf(root);
  return type === 9 ? documentQueryAllCall(root, selector) : type === 11 ? fragmentQueryAllCall(root, selector) : elementQueryAllCall(root, selector);
}

/** `getElementsByTagName` on an element or a document (a live collection). */
export function byTagOf(root: Element | Document, tag: string): HTMLCollectionOf<Element> {
  return nodeTypeOf(root) === 9 ? documentByTagCall(root, tag) : elementByTagCall(root, tag);
}

/** Steps any upward walk may take: a walk that could loop (a clobbered parent) or run away ends here. */
export const MAX_UPWARD_STEPS = 100_000;
