/** Several ways to find an element again, tried in order: id, data-testid, role + name, text, link target, CSS path. */
import type { Locator } from './types.ts';
import { accessibleName, rootOf, shadowOf, tagOf, type Root } from './dom.ts';
import { kindOf, linkTarget, pageAddressOf, roleOf } from './classify.ts';
import { readableToken, truncate } from './text.ts';
import { MAX_UPWARD_STEPS, attr, childrenOf, idOf, localNameOf, nodeTypeOf, ownerDocOf, parentNodeOf, parentOf, queryAllOf, queryOf, rootNodeOf, tagNameOf, textContentOf } from './dom-safe.ts';

export const PIERCE = ' >>> ';

export const cssIdent = (value: string): string => value.replace(/[^A-Za-z0-9_-]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `);
const cssString = (value: string): string => JSON.stringify(value);

function idSelector(id: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(id) ? `#${id}` : `[id=${cssString(id)}]`;
}

function uniqueIn(root: Root, selector: string, cache?: LocatorCache): boolean {
  const known = cache?.unique.get(root)?.get(selector);
  if (known !== undefined) return known;
  let unique: boolean;
  try {
    unique = queryAllOf(root, selector).length === 1;
  } catch {
    unique = false;
  }
  if (cache) {
    let forRoot = cache.unique.get(root);
    if (!forRoot) cache.unique.set(root, (forRoot = new Map()));
    forRoot.set(selector, unique);
  }
  return unique;
}

/**
 * What one page read has worked out already: elements' CSS paths (an entry's path ends in its ancestors', shared by
 * its siblings) and which selectors are unique. Only for one read: the page may change before the next.
 */
export interface LocatorCache {
  paths: Map<Element, string>;
  unique: Map<Root, Map<string, boolean>>;
  /** Per root: how many links go to each target. */
  targets?: Map<Root, Map<string, number>>;
  /** Per parent: each child's place among the children of its tag. */
  places: Map<Element | ShadowRoot, Map<Element, { index: number; count: number }>>;
}

export const newLocatorCache = (): LocatorCache => ({ paths: new Map(), unique: new Map(), places: new Map(), targets: new Map() });

const LINKS = 'a[href], area[href]';

/** How many links of `root` go to each target (linkTarget's form), counted once per root with a cache. */
function linkTargetsIn(root: Root, cache?: LocatorCache): Map<string, number> {
  const known = cache?.targets?.get(root);
  if (known) return known;
  const counts = new Map<string, number>();
  const page = pageAddressOf(ownerDocOf(root));
  for (const link of Array.from(queryAllOf(root, LINKS))) {
    const target = linkTarget(link, page);
    if (target) counts.set(target, (counts.get(target) ?? 0) + 1);
  }
  cache?.targets?.set(root, counts);
  return counts;
}

/** The element's place among its parent's children of its tag (1-based), and how many there are. */
function typeIndex(el: Element, cache?: LocatorCache): { index: number; count: number } {
  const above = parentNodeOf(el);
  const container = parentOf(el) ?? (above && nodeTypeOf(above) === 11 ? above as ShadowRoot : undefined);
  if (!container) return { index: 1, count: 1 };
  let places = cache?.places.get(container);
  if (!places) {
    places = new Map();
    const counts = new Map<string, number>();
    for (const child of Array.from(childrenOf(container))) {
      const index = (counts.get(tagNameOf(child)) ?? 0) + 1;
      counts.set(tagNameOf(child), index);
      places.set(child, { index, count: 0 });
    }
    for (const [child, place] of places) place.count = counts.get(tagNameOf(child))!;
    cache?.places.set(container, places);
  }
  return places.get(el) ?? { index: 1, count: 1 };
}

/** A control's text for `text` locators: its whole text content (fast to compare, and the same at any width). */
const shownText = (el: Element): string => textContentOf(el).replace(/\s+/g, ' ').trim();

/** A structural path inside the element's own root: from the nearest ancestor with a unique id, nth-of-type where needed. */
export function cssPath(el: Element, cache?: LocatorCache): string {
  const cached = cache?.paths.get(el);
  if (cached !== undefined) return cached;
  const root = rootOf(el);
  // Up to the nearest ancestor whose path is known or has a unique id, then down again (a loop, not recursion: a
  // page can nest thousands of levels deep).
  const chain: Element[] = [];
  let path = '';
  for (let node: Element | null = el; node && chain.length < MAX_UPWARD_STEPS; node = parentOf(node)) {
    const known = cache?.paths.get(node);
    if (known !== undefined) {
      path = known;
      break;
    }
    // Only an id a person chose: a generated one (`ember1234`, `:r1:`) is different on the next load.
    if (idOf(node) && readableToken(idOf(node)) && uniqueIn(root, idSelector(idOf(node)), cache)) {
      path = idSelector(idOf(node));
      cache?.paths.set(node, path);
      break;
    }
    chain.push(node);
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const node = chain[i]!;
    const { index, count } = typeIndex(node, cache);
    // localName: an SVG `foreignObject` keeps its case (type selectors match SVG names exactly).
    const tag = cssIdent(localNameOf(node));
    const part = count > 1 ? `${tag}:nth-of-type(${index})` : tag;
    path = path ? `${path} > ${part}` : part;
    cache?.paths.set(node, path);
  }
  return path;
}

/**
 * A structural path from `container` down to `el` (`:scope > p:nth-of-type(3) > a:nth-of-type(2)`), nth-of-type where
 * siblings share the tag; undefined when `el` is not below `container` in the same tree.
 */
export function relativePath(container: Element, el: Element, cache?: LocatorCache): string | undefined {
  const parts: string[] = [];
  let node: Element | null = el;
  for (; node && node !== container && parts.length < MAX_UPWARD_STEPS; node = parentOf(node)) {
    const { index, count } = typeIndex(node, cache);
    const tag = cssIdent(localNameOf(node));
    parts.push(count > 1 ? `${tag}:nth-of-type(${index})` : tag);
  }
  if (node !== container || !parts.length) return undefined;
  return `:scope > ${parts.reverse().join(' > ')}`;
}

/** The CSS path of the shadow hosts and iframes around an element, outermost first, or undefined at top level. */
export function rootPath(el: Element, cache?: LocatorCache): string | undefined {
  const hops: string[] = [];
  let current: Element = el;
  for (let hop = 0; hop < MAX_UPWARD_STEPS; hop++) {
    const root = rootNodeOf(current);
    if (nodeTypeOf(root) === 11 && (root as ShadowRoot).host) {
      current = (root as ShadowRoot).host;
      hops.unshift(cssPath(current, cache));
      continue;
    }
    const frame = ownerDocOf(current).defaultView?.frameElement;
    if (frame) {
      current = frame;
      hops.unshift(cssPath(current, cache));
      continue;
    }
    break;
  }
  return hops.length ? hops.join(PIERCE) : undefined;
}

const IMPLICIT_ROLE: Record<string, string> = {
  link: 'link', button: 'button', text_input: 'textbox', text_area: 'textbox', select: 'combobox', checkbox: 'checkbox',
  radio: 'radio', switch: 'switch', slider: 'slider', tab: 'tab', menuitem: 'menuitem', option: 'option',
  combobox: 'combobox', editable: 'textbox', file_input: 'button',
};

export function roleFor(el: Element): string | undefined {
  const explicit = roleOf(el);
  if (explicit) return explicit;
  const kind = kindOf(el);
  return kind ? IMPLICIT_ROLE[kind] : undefined;
}

export function locatorsFor(el: Element, name: string, cache?: LocatorCache): Locator[] {
  const out: Locator[] = [];
  const root = rootOf(el);
  const within = rootPath(el, cache);
  const add = (locator: Locator) => out.push(within ? { ...locator, root: within } : locator);
  if (idOf(el) && readableToken(idOf(el)) && uniqueIn(root, idSelector(idOf(el)), cache)) add({ by: 'id', value: idOf(el) });
  const testId = attr(el, 'data-testid') ?? attr(el, 'data-test-id') ?? attr(el, 'data-test');
  // Lists often repeat a test id in every row ("edit"): only one that picks this element out is a locator.
  if (testId && testId.length <= 200 && uniqueIn(root, testIdSelector(testId), cache)) add({ by: 'testid', value: testId });
  const role = roleFor(el);
  if (role && name) add({ by: 'role', role, value: truncate(name, 300) });
  if (role === 'link' || role === 'button' || role === 'tab' || role === 'menuitem') {
    const text = shownText(el);
    if (text && text.length <= 80) add({ by: 'text', value: text });
  }
  // A link the page relabels ("Products" → "Shop") still goes where it went: its target, when no other link shares it.
  const tag = tagOf(el);
  const target = tag === 'A' || tag === 'AREA' ? linkTarget(el) : undefined;
  if (target && linkTargetsIn(root, cache).get(target) === 1) add({ by: 'href', value: target });
  add({ by: 'css', value: cssPath(el, cache) });
  return out;
}

function queryRoot(doc: Document, path: string | undefined): Root | undefined {
  if (!path) return doc;
  let root: Root = doc;
  for (const hop of path.split(PIERCE)) {
    const host: Element | null = safeQuery(root, hop);
    if (!host) return undefined;
    if (tagOf(host) === 'IFRAME' || tagOf(host) === 'FRAME') {
      try {
        const inner = (host as HTMLIFrameElement).contentDocument;
        if (!inner) return undefined;
        root = inner;
      } catch {
        return undefined;
      }
    } else if (shadowOf(host)) {
      root = shadowOf(host)!;
    } else {
      return undefined;
    }
  }
  return root;
}

function safeQueryAll(root: Root, selector: string): Element[] {
  try {
    return Array.from(queryAllOf(root, selector));
  } catch {
    return [];
  }
}

const testIdSelector = (value: string) => `[data-testid=${cssString(value)}],[data-test-id=${cssString(value)}],[data-test=${cssString(value)}]`;

function safeQuery(root: Root, selector: string): Element | null {
  try {
    return queryOf(root, selector);
  } catch {
    return null;
  }
}

function* elementsOf(root: Root): Generator<Element> {
  for (const el of Array.from(queryAllOf(root, '*'))) yield el;
}

/**
 * The element a locator points to now, or null. Role and text locators must match exactly one element; a CSS path
 * in the top document takes the first match, or with `strict` only a sole one.
 */
export function resolveLocator(doc: Document, locator: Locator, strict = false): Element | null {
  const root = queryRoot(doc, locator.root);
  if (!root) return null;
  switch (locator.by) {
    case 'id': {
      // An id the page now gives to two elements (a dialog cloned with its ids) names neither: the next locator decides.
      const first = 'getElementById' in root ? root.getElementById(locator.value) : safeQuery(root, idSelector(locator.value));
      return first && safeQueryAll(root, idSelector(locator.value)).length === 1 ? first : null;
    }
    case 'testid': {
      const matches = safeQueryAll(root, testIdSelector(locator.value));
      return matches.length === 1 ? matches[0]! : null;
    }
    case 'href': {
      const matches = safeQueryAll(root, LINKS).filter((link) => linkTarget(link) === locator.value);
      return matches.length === 1 ? matches[0]! : null;
    }
    case 'css': {
      // A path inside a shadow root or frame is not anchored at a document element: the match must be the element
      // whose own path this is, not a deeper one that happens to match too.
      const matches = safeQueryAll(root, locator.value);
      // In a shadow root or frame the exact path below decides among several matches.
      if (strict && matches.length > 1 && !locator.root) return null;
      if (matches.length <= 1 || !locator.root) return matches[0] ?? null;
      return matches.find((el) => cssPath(el) === locator.value) ?? null;
    }
    case 'role':
    case 'text': {
      const matches: Element[] = [];
      for (const el of elementsOf(root)) {
        if (locator.role && roleFor(el) !== locator.role) continue;
        // Names are kept to 300 characters (`…` after): a longer one is compared as it was kept.
        if (locator.by === 'role' && truncate(accessibleName(el), 300) !== locator.value) continue;
        if (locator.by === 'text') {
          const role = roleFor(el);
          if (!role || !['link', 'button', 'tab', 'menuitem'].includes(role)) continue;
          if (shownText(el) !== locator.value) continue;
        }
        matches.push(el);
        if (matches.length > 1) return null;
      }
      return matches[0] ?? null;
    }
    default:
      return null;
  }
}

/** The first locator of a list that resolves. */
export function resolveLocators(doc: Document, locators: readonly Locator[], strict = false): Element | null {
  for (const locator of locators) {
    const el = resolveLocator(doc, locator, strict);
    if (el) return el;
  }
  return null;
}
