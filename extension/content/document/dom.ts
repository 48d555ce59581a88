/** DOM facts the document is built from: roots, styles, text, accessible names. Works in Chromium and happy-dom. */
import { collapse } from './text.ts';
import { openOrClosedShadowRoot } from '../../platform/dom.ts';

export type Root = Document | ShadowRoot;

export const HTML_NS = 'http://www.w3.org/1999/xhtml';

/**
 * An element's tag as HTML documents give it: upper case for HTML elements — also on XHTML pages, whose `tagName` is
 * "input" — and as written for other namespaces (SVG's "svg", "a").
 */
export function tagOf(el: Element): string {
  const tag = el.tagName;
  // By local name: a prefixed XHTML element (`<h:input>`) is an input too.
  return tag.charCodeAt(0) >= 97 && el.namespaceURI === HTML_NS ? el.localName.toUpperCase() : tag;
}

/** What the browser said of custom elements' closed shadow roots during this read (asking costs a call each time). */
let closedRoots = new WeakMap<Element, ShadowRoot | null>();

/** A new read or action: a component may have attached a closed root since the last. */
export function forgetClosedRoots(): void {
  closedRoots = new WeakMap();
}

/**
 * An element's shadow root: an open one, or — where the browser shows them to us (content scripts) — a closed one on a
 * custom element. Only HTML custom elements are asked (each ask is a call into the browser, remembered for the read;
 * components are where closed roots live); a closed root on a plain `div` stays unread.
 */
export function shadowOf(el: Element): ShadowRoot | null {
  const open = el.shadowRoot;
  if (open || el.namespaceURI !== HTML_NS || !el.localName.includes('-')) return open;
  let root = closedRoots.get(el);
  if (root === undefined) {
    try {
      root = openOrClosedShadowRoot(el);
    } catch {
      root = null;
    }
    closedRoots.set(el, root);
  }
  return root;
}

export const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'META', 'LINK', 'TITLE', 'BASE']);

export function rootOf(el: Element): Root {
  const root = el.getRootNode();
  return root.nodeType === 9 || root.nodeType === 11 ? (root as Root) : el.ownerDocument;
}

export function byId(el: Element, id: string): Element | null {
  const root = rootOf(el);
  return 'getElementById' in root ? root.getElementById(id) : null;
}

export function styleOf(el: Element): CSSStyleDeclaration | undefined {
  const view = el.ownerDocument.defaultView;
  try {
    return view?.getComputedStyle(el);
  } catch {
    return undefined;
  }
}

/** Hidden for everyone: the element and its whole subtree are skipped. */
export function hidesSubtree(el: Element, style: CSSStyleDeclaration | undefined): boolean {
  if (el.hasAttribute('hidden') && el.getAttribute('hidden') !== 'until-found') return true;
  if (el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('inert')) return true;
  if (tagOf(el) === 'DIALOG' && !el.hasAttribute('open')) return true;
  if (tagOf(el) === 'INPUT' && (el as HTMLInputElement).type === 'hidden') return true;
  return style?.display === 'none';
}

/**
 * A list item that is shown: not hidden for everyone (no box: `display: none`, `hidden`, `aria-hidden`, `inert`).
 * Lists count, sample and pick items (`$list[3]`) among these only, on both sides — the document and the executor —
 * so a position means the same item to both. `visibility: hidden` is not enough: a row's children may show again.
 */
export function shownItem(el: Element): boolean {
  // Its attributes first (no style read: without one, hidesSubtree looks at attributes only).
  if (hidesSubtree(el, undefined)) return false;
  // One native call where layout exists (no style object per item: a list may have thousands); a `display: contents`
  // row (grid rows, custom-element hosts) has no box of its own and is shown when its container is.
  if (hasLayout(el.ownerDocument)) return el.checkVisibility() || styleOf(el)?.display === 'contents';
  return styleOf(el)?.display !== 'none';
}

/**
 * What the user types into (a contenteditable, a text box, a text area): inside another element it is never page text
 * for that element's name, a list sample or an effect — it may be a code or a draft (review, session 14).
 */
export function holdsTypedText(el: Element): boolean {
  if (tagOf(el) === 'TEXTAREA') return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  const role = el.getAttribute('role');
  return role === 'textbox' || role === 'searchbox';
}

/**
 * Hidden by its own style attribute (display: none, visibility: hidden): words no one reads, which a page could use
 * to name a "Save" button after "delete my account". Only the inline style, never the computed one: a class that
 * hides a label below a width (Bootstrap's `d-none d-md-inline`) would make names change with the window, and the
 * side panel narrows the page.
 */
function hiddenInline(el: Element): boolean {
  const style = el.getAttribute('style');
  return !!style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i.test(style);
}

/**
 * Text of a node for names and samples: text nodes and alt text, hidden parts and typed text (`holdsTypedText`, below
 * the node itself) left out, bounded work.
 */
export function textOf(node: Node, max = 300): string {
  // Most leaves hold text alone: their text is their text content.
  if (node.nodeType === 1 && (node as Element).childElementCount === 0 && !shadowOf(node as Element)) {
    const el = node as Element;
    const tag = tagOf(el);
    if (!SKIP_TAGS.has(tag) && tag !== 'IMG' && tag !== 'INPUT' && tag !== 'svg' && !el.hasAttribute('hidden') && el.getAttribute('aria-hidden') !== 'true') {
      return collapse(el.textContent ?? '').slice(0, max);
    }
  }
  const out: string[] = [];
  let length = 0;
  // Depth first with a stack (a page can nest thousands of levels deep); `null` closes an element with a space.
  const stack: (Node | null)[] = [node];
  while (stack.length && length <= max) {
    const n = stack.pop();
    if (n === null) {
      out.push(' ');
      continue;
    }
    if (!n) break;
    if (n.nodeType === 3) {
      const value = n.nodeValue ?? '';
      out.push(value);
      length += value.length;
      continue;
    }
    if (n.nodeType !== 1) continue;
    const el = n as Element;
    const tag = tagOf(el);
    if (SKIP_TAGS.has(tag) || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') continue;
    // Below the node: typed text, a select's options (its choices, not the text around it: a wrapping label's, a
    // row's) and words its own style attribute hides.
    if (n !== node && (holdsTypedText(el) || tag === 'SELECT' || hiddenInline(el))) {
      out.push(' ');
      continue;
    }
    if (tag === 'IMG' || (tag === 'INPUT' && (el as HTMLInputElement).type === 'image')) {
      out.push(` ${el.getAttribute('alt') ?? ''} `);
      continue;
    }
    if (tag === 'svg' || tag === 'SVG') {
      const title = el.querySelector('title')?.textContent ?? el.getAttribute('aria-label') ?? '';
      out.push(` ${title} `);
      continue;
    }
    out.push(' ');
    stack.push(null);
    const parent: Node = shadowOf(el) ?? el;
    // The first children only (as many as could matter for `max` characters), pushed last to first. A slot shows what
    // is assigned to it (a web component's label is the host's light text), else its own fallback content.
    const assigned = tag === 'SLOT' ? (el as HTMLSlotElement).assignedNodes?.({ flatten: true }) ?? [] : [];
    const children: Node[] = assigned.slice(0, 4 * max);
    if (!assigned.length) for (let child = parent.firstChild; child && children.length < 4 * max; child = child.nextSibling) children.push(child);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return collapse(out.join('')).slice(0, max);
}

function labelledBy(el: Element): string | undefined {
  const ids = el.getAttribute('aria-labelledby');
  if (!ids) return undefined;
  const text = ids.split(/\s+/).map((id) => byId(el, id)).filter((x): x is Element => !!x).map((x) => textOf(x)).join(' ');
  return collapse(text) || undefined;
}

const FORM_CONTROLS = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'METER', 'PROGRESS', 'OUTPUT']);

export function labelsOf(el: Element): string | undefined {
  const labels = (el as HTMLInputElement).labels;
  const found: Element[] = labels ? Array.from(labels) : [];
  if (!found.length && el.id) {
    const root = rootOf(el);
    for (const label of Array.from(root.querySelectorAll('label[for]'))) {
      if (label.getAttribute('for') === el.id) found.push(label);
    }
  }
  if (!found.length) {
    const wrapping = el.closest('label');
    if (wrapping) found.push(wrapping);
  }
  // textOf leaves out a wrapping label's own controls (a select's options, a text area's content).
  const text = collapse(found.map((label) => textOf(label)).join(' '));
  return text || undefined;
}

/**
 * What a sensitive field holds on the page being read (passwords, card numbers, one-time codes), kept only for the
 * read, in memory: a page that copies one into another control's label ("Show hunter2") must not put it in a name.
 */
let secrets: readonly string[] = [];

/** Runs `read` with the sensitive values of `doc`'s fields hidden from every accessible name (see `secrets`). */
export function withSecretsHidden<T>(doc: Document, read: () => T): T {
  const found = new Set<string>();
  for (const field of doc.querySelectorAll<HTMLInputElement>('input[type=password], input[autocomplete~="cc-number"], input[autocomplete~="cc-csc"], input[autocomplete~="one-time-code"]')) {
    if (field.value.length >= 4) found.add(field.value);
  }
  const before = secrets;
  secrets = [...found];
  try {
    return read();
  } finally {
    secrets = before;
  }
}

/** Accessible name, simplified from accname 1.2 (see `nameAsGiven`), with the read's sensitive values hidden. */
export function accessibleName(el: Element): string {
  const name = nameAsGiven(el);
  return secrets.length ? secrets.reduce((text, secret) => text.split(secret).join('•••'), name) : name;
}

/** Accessible name, simplified from accname 1.2: labelledby, aria-label, labels, value/alt, content, title, placeholder. */
function nameAsGiven(el: Element): string {
  const byRef = labelledBy(el);
  if (byRef) return byRef;
  const aria = collapse(el.getAttribute('aria-label') ?? '');
  if (aria) return aria;
  const tag = tagOf(el);
  if (FORM_CONTROLS.has(tag)) {
    const input = el as HTMLInputElement;
    if (tag === 'INPUT' && ['submit', 'button', 'reset'].includes(input.type)) {
      return collapse(input.value || (input.type === 'submit' ? 'Submit' : input.type === 'reset' ? 'Reset' : '')) || collapse(el.getAttribute('title') ?? '');
    }
    if (tag === 'INPUT' && input.type === 'image') return collapse(el.getAttribute('alt') ?? el.getAttribute('title') ?? '');
    const label = labelsOf(el);
    if (label) return label;
    return collapse(el.getAttribute('title') ?? el.getAttribute('placeholder') ?? el.getAttribute('aria-placeholder') ?? '');
  }
  if (tag === 'IMG') return collapse(el.getAttribute('alt') ?? el.getAttribute('title') ?? '');
  // A text field's content is what the user typed (and may be a secret): its name comes from its labels instead.
  const editable = el.getAttribute('contenteditable');
  const role = el.getAttribute('role')?.trim().split(/\s+/)[0]?.toLowerCase();
  const typedInto = (editable !== null && editable !== 'false') || role === 'textbox' || role === 'searchbox';
  if (typedInto) {
    return labelsOf(el) || collapse(el.getAttribute('title') ?? el.getAttribute('aria-placeholder') ?? el.getAttribute('data-placeholder') ?? '');
  }
  // A custom combobox shows its choice ("Economy class"): its label names it when it has one.
  if (role === 'combobox') {
    const label = labelsOf(el);
    if (label) return label;
  }
  const content = textOf(el, 200);
  if (content) return content;
  return collapse(el.getAttribute('title') ?? '');
}

/**
 * Whether layout is real (Chromium) or absent (happy-dom): only real layout may hide zero-sized elements, and only
 * there does `checkVisibility` answer.
 */
export function hasLayout(doc: Document): boolean {
  if (!doc.documentElement || typeof doc.documentElement.checkVisibility !== 'function') return false;
  const rect = doc.documentElement.getBoundingClientRect();
  return rect.width > 0 || rect.height > 0;
}

/** Whether `el` holds more than `max` elements, counted only that far (a live collection's length walks them all). */
export function moreElementsThan(el: Element, max: number): boolean {
  let count = 0;
  let node: Element | null = el.firstElementChild;
  while (node) {
    if (++count > max) return true;
    if (node.firstElementChild) {
      node = node.firstElementChild;
      continue;
    }
    while (node && !node.nextElementSibling) {
      node = node.parentElement;
      if (node === el) return false;
    }
    node = node?.nextElementSibling ?? null;
  }
  return false;
}
