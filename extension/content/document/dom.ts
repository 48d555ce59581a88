/** DOM facts the document is built from: roots, styles, text, accessible names. Works in Chromium and happy-dom. */
import { collapse } from './text.ts';
import { besideLabel } from './beside-label.ts';
import { showsChoice, triggerParts } from './choice-shown.ts';
import { openOrClosedShadowRoot } from '../../platform/dom.ts';
import { attr, attrNames, checkVisibilityOf, childElementCountOf, classNameOf, closestOf, containsOf, firstChildOf, firstElementChildOf, hasAttr, hasAttrs, hasCheckVisibility, idOf, localNameOf, namespaceOf, nextElementOf, nextSiblingOf, nodeTypeOf, previousSiblingOf, openShadowOf, ownerDocOf, parentOf, queryAllOf, queryOf, rectOf, rootNodeOf, tagNameOf, textContentOf } from './dom-safe.ts';

export type Root = Document | ShadowRoot;

export const HTML_NS = 'http://www.w3.org/1999/xhtml';

/**
 * An element's tag as HTML documents give it: upper case for HTML elements — also on XHTML pages, whose `tagName` is
 * "input" — and as written for other namespaces (SVG's "svg", "a").
 */
export function tagOf(el: Element): string {
  const tag = tagNameOf(el);
  // By local name: a prefixed XHTML element (`<h:input>`) is an input too.
  return tag.charCodeAt(0) >= 97 && namespaceOf(el) === HTML_NS ? localNameOf(el).toUpperCase() : tag;
}

/**
 * The HTML elements that may host a shadow root besides custom elements (`attachShadow`'s list): a closed root on one
 * of them is read too (session 22; before, a `div`'s closed root was silently invisible).
 */
const SHADOW_HOSTS = new Set(['article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'main',
  'nav', 'p', 'section', 'span']);

/**
 * No light content (nothing, or only white space): what a plain element hosting a closed root looks like from outside
 * (`<div id="widget"></div>`, its content all in the root). Only those are asked: asking every `div` and `span` made a
 * 40,000-element read about 30% slower in Chromium (session 22); a plain host whose light children its root slots in is
 * not read.
 */
function emptyInMarkup(el: Element): boolean {
  if (childElementCountOf(el) !== 0) return false;
  const first = firstChildOf(el);
  if (!first) return true;
  return !nextSiblingOf(first) && nodeTypeOf(first) === 3 && !/\S/.test(first.nodeValue ?? '');
}

/** What the browser said of elements' closed shadow roots during this read (asking costs a call each time). */
let closedRoots = new WeakMap<Element, ShadowRoot | null>();

/** A new read or action: a component may have attached a closed root since the last. */
export function forgetClosedRoots(): void {
  closedRoots = new WeakMap();
}

/**
 * An element's shadow root: an open one, or — where the browser shows them to us (content scripts) — a closed one on a
 * custom element or on one of the plain elements that may host one (SHADOW_HOSTS: `div`, `span`, `section`, …). Only
 * HTML elements that may host a root are asked (each ask is a call into the browser, remembered for the read).
 */
export function shadowOf(el: Element): ShadowRoot | null {
  const open = openShadowOf(el);
  if (open || namespaceOf(el) !== HTML_NS) return open;
  const name = localNameOf(el);
  if (!name.includes('-') && !(SHADOW_HOSTS.has(name) && emptyInMarkup(el))) return null;
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

/**
 * Tags drawn inline inside a word by default (`i<mark>Phone</mark>`, `Mac<b>Book</b>`, `H<sub>2</sub>O`,
 * `ABC123<wbr>DEF456`): their edges are no word break, in the document's text as in `.text()`.
 */
export const IN_WORD_TAGS = new Set(['B', 'STRONG', 'I', 'EM', 'MARK', 'U', 'S', 'SMALL', 'SUB', 'SUP', 'WBR', 'ABBR', 'INS', 'DEL', 'FONT', 'BDI', 'BDO', 'VAR', 'DFN', 'TT', 'BIG', 'STRIKE']);

/**
 * An icon font's glyph (`<i class="material-icons">delete</i>Delete`, `<i class="fa fa-trash">`): its ligature's
 * letters are no part of the next word (review, session 38: "deleteDelete").
 */
export const ICON_FONT_CLASS = /(?:^|\s)(?:material-icons\S*|material-symbols\S*|fa[srlbdk]?|bi|mdi|glyphicon|octicon|codicon|icons?|\S*-icons?|(?:fa|bi|mdi|icon|ti|ri|bx|la|ion|glyphicon|octicon|codicon)-\S+)(?=\s|$)/i;

export function isInWordMarkup(el: Element, tag = tagOf(el)): boolean {
  return IN_WORD_TAGS.has(tag) && !ICON_FONT_CLASS.test(attr(el, 'class') ?? '');
}

/**
 * Whether a page's style sheet draws markup inside a word as a box of its own (`<b class="tag">`, display block or
 * inline-block): its words are then apart from the next ones. Only markup with a class or a style is asked (a bare
 * `<b>` is drawn inline), and only with layout.
 */
function drawnAsBox(el: Element, layout: () => boolean): boolean {
  if (!hasAttr(el, 'class') && !hasAttr(el, 'style')) return false;
  // With a space on both sides its edges break no word, however it is drawn: no style asked.
  if (spaceOrNothing(previousSiblingOf(el), 'end') && spaceOrNothing(nextSiblingOf(el), 'start')) return false;
  if (!layout()) return false;
  const display = styleOf(el)?.display ?? 'inline';
  return display !== 'inline' && display !== 'contents';
}

/** No node, or a text node with a space at that end. */
function spaceOrNothing(node: Node | null, end: 'start' | 'end'): boolean {
  if (!node) return true;
  if (nodeTypeOf(node) !== 3) return false;
  const value = node.nodeValue ?? '';
  return /\s/.test((end === 'end' ? value.at(-1) : value[0]) ?? ' ');
}

/** Where markup inside a word began or ended, in textOf's output until it is joined (NUL: no parsed page text has it). */
const WORD_EDGE = '\u0000';
/** The same, for markup that sets a number apart from the one before or after it (a superscript, a struck-out price). */
const NUMBER_EDGE = '\u0001';
const SETS_NUMBERS_APART = new Set(['SUP', 'SUB', 'DEL', 'INS', 'S', 'STRIKE']);

/**
 * Joins the two sides of markup inside a word, except a number and a price (`<del>$20</del><ins>$15</ins>`: "$20
 * $15") or two numbers set apart by a superscript or a struck-out price (`$19<sup>99</sup>`, `10<sup>6</sup>`: "19
 * 99", not "1999"), which a reader sees as two. A highlighted part of a number (`<mark>12</mark>34`) is one number.
 */
function joinWordEdges(text: string): string {
  if (!text.includes(WORD_EDGE) && !text.includes(NUMBER_EDGE)) return text;
  return text.replace(/(.?)([\u0000\u0001]+)(?=(.?))/gsu, (_m, before: string, edges: string, after: string) => {
    const number = (c: string) => /\p{N}/u.test(c);
    const price = (c: string) => /\p{Sc}/u.test(c);
    const apart = (price(after) && /[\p{L}\p{N}]/u.test(before)) || (number(before) && number(after) && edges.includes(NUMBER_EDGE));
    return apart ? `${before} ` : before;
  });
}

export const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'META', 'LINK', 'TITLE', 'BASE']);

export function rootOf(el: Element): Root {
  const root = rootNodeOf(el);
  const type = nodeTypeOf(root);
  return type === 9 || type === 11 ? (root as Root) : ownerDocOf(el);
}

export function byId(el: Element, id: string): Element | null {
  const root = rootOf(el);
  return 'getElementById' in root ? root.getElementById(id) : null;
}

export function styleOf(el: Element): CSSStyleDeclaration | undefined {
  const view = ownerDocOf(el).defaultView;
  try {
    return view?.getComputedStyle(el);
  } catch {
    return undefined;
  }
}

/** Hidden for everyone: the element and its whole subtree are skipped. */
export function hidesSubtree(el: Element, style: CSSStyleDeclaration | undefined): boolean {
  if (hasAttr(el, 'hidden') && attr(el, 'hidden') !== 'until-found') return true;
  if (attr(el, 'aria-hidden') === 'true' || hasAttr(el, 'inert')) return true;
  if (tagOf(el) === 'DIALOG' && !hasAttr(el, 'open')) return true;
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
  if (hasLayout(ownerDocOf(el))) return checkVisibilityOf(el) !== false || styleOf(el)?.display === 'contents';
  return styleOf(el)?.display !== 'none';
}

/**
 * What the user types into (a contenteditable, a text box, a text area): inside another element it is never page text
 * for that element's name, a list sample or an effect — it may be a code or a draft (review, session 14).
 */
export function holdsTypedText(el: Element): boolean {
  if (tagOf(el) === 'TEXTAREA') return true;
  const editable = attr(el, 'contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  const role = attr(el, 'role');
  return role === 'textbox' || role === 'searchbox';
}

/**
 * Hidden by its own style attribute (display: none, visibility: hidden): words no one reads, which a page could use
 * to name a "Save" button after "delete my account". Only the inline style, never the computed one: a class that
 * hides a label below a width (Bootstrap's `d-none d-md-inline`) would make names change with the window, and the
 * side panel narrows the page.
 */
export function hiddenInline(el: Element): boolean {
  const style = attr(el, 'style');
  return !!style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i.test(style);
}

/**
 * An icon drawn from a font's ligature: the element's text is the icon's name (`<span class="material-icons">delete
 * </span>`, Angular's `<mat-icon>`). Beside other words it is a picture, no word of them ("add New file" named
 * `add_new_file_button`: explorer, session 59); alone it is all a control says.
 */
export function ligatureIcon(el: Element, tag = tagOf(el)): boolean {
  return tag === 'MAT-ICON' || LIGATURE_CLASS.test(classNameOf(el));
}

/** The font icons in `el` (a few at most). */
const ligatureIconsIn = (el: Element): Element[] => Array.from(queryAllOf(el, '*')).slice(0, 40).filter((inner) => ligatureIcon(inner));

/** `el`'s words (as read from it) without its font icons' ligatures, in order ("delete Delete" → "Delete"). */
export function withoutLigatures(el: Element, words: string, icons = ligatureIconsIn(el)): string {
  let out = words;
  let from = 0;
  for (const icon of icons) {
    const ligature = collapse(textContentOf(icon) ?? '');
    const at = ligature ? out.indexOf(ligature, from) : -1;
    if (at < 0) continue;
    out = `${out.slice(0, at)} ${out.slice(at + ligature.length)}`;
    from = at + 1;
  }
  return out === words ? words : collapse(out);
}

/** An element whose only letters are its font icons' ligatures ("mic", "call_end"; a badge's count beside them is no word). */
export function wordsOnlyInLigatures(el: Element): boolean {
  const icons = ligatureIconsIn(el);
  return icons.length > 0 && !/\p{L}/u.test(withoutLigatures(el, collapse(textContentOf(el) ?? ''), icons));
}

const LIGATURE_CLASS = /(?:^|\s)(?:material-(?:icons|symbols)(?:-[a-z]+)*|google-symbols)(?:\s|$)/;

/**
 * A button inside other words that shows a glyph and no word (a chip's remove `×`, a stepper's `+`, a menu's `⋮`): no
 * part of the text around it (a tag chip read "react ×": explorer, session 43). Its own name comes from its label.
 */
export function glyphButton(el: Element, tag = tagOf(el)): boolean {
  if (tag !== 'BUTTON' && attr(el, 'role') !== 'button') return false;
  const text = (textContentOf(el) ?? '').trim();
  // Only the glyphs of controls' own actions (remove, close, more, step), on a button whose label says the action:
  // a filter's `<` or a rating's stars are words of the text around them (review, session 44).
  return GLYPHS.has(text) && !!(collapse(attr(el, 'aria-label') ?? '') || collapse(attr(el, 'title') ?? '') || attr(el, 'aria-labelledby'));
}

const GLYPHS: ReadonlySet<string> = new Set(['×', '✕', '✖', '⨯', '╳', '🗙', '✗', '✘', '⋮', '⋯', '…', '−', '-', '+', '＋', '➕', '➖']);

/** The glyph buttons (above) inside the element: its text is read without them, as the samples show it. */
export function glyphButtonsIn(el: Element): Element[] {
  return Array.from(queryAllOf(el, 'button, [role=button]')).filter((button) => glyphButton(button));
}

/**
 * Text of a node for names and samples: text nodes and alt text, hidden parts and typed text (`holdsTypedText`, below
 * the node itself) left out, bounded work.
 */
export function textOf(node: Node, max = 300): string {
  // Most leaves hold text alone: their text is their text content.
  if (nodeTypeOf(node) === 1 && childElementCountOf(node as Element) === 0 && !shadowOf(node as Element)) {
    const el = node as Element;
    const tag = tagOf(el);
    if (!SKIP_TAGS.has(tag) && tag !== 'IMG' && tag !== 'INPUT' && tag !== 'svg' && !hasAttr(el, 'hidden') && attr(el, 'aria-hidden') !== 'true') {
      return collapse(textContentOf(el)).slice(0, max);
    }
  }
  const out: string[] = [];
  const pictured: string[] = [];
  const alts: string[] = [];
  let length = 0;
  // Depth first with a stack (a page can nest thousands of levels deep); `null` closes an element with a space.
  const stack: (Node | null | typeof WORD_EDGE | typeof NUMBER_EDGE)[] = [node];
  let laidOut: boolean | undefined;
  const layout = () => (laidOut ??= hasLayout(ownerDocOf(node)));
  while (stack.length && length <= max) {
    const n = stack.pop();
    if (n === null) {
      out.push(' ');
      continue;
    }
    if (n === WORD_EDGE || n === NUMBER_EDGE) {
      out.push(n);
      continue;
    }
    if (!n) break;
    const type = nodeTypeOf(n);
    if (type === 3) {
      const value = n.nodeValue ?? '';
      out.push(value);
      // Indentation between elements is one space once collapsed: it does not use up `max` (a pretty-printed row's
      // hidden toolbar cut its text to the sender's name; explorer, session 65).
      length += value.length > 1 && !/\S/.test(value) ? 1 : value.length;
      continue;
    }
    if (type !== 1) continue;
    const el = n as Element;
    const tag = tagOf(el);
    if (SKIP_TAGS.has(tag) || hasAttr(el, 'hidden') || attr(el, 'aria-hidden') === 'true') continue;
    // Below the node: typed text, a select's options (its choices, not the text around it: a wrapping label's, a
    // row's) and words its own style attribute hides.
    if (n !== node && (holdsTypedText(el) || tag === 'SELECT' || hiddenInline(el) || glyphButton(el, tag))) {
      out.push(' ');
      continue;
    }
    if (tag === 'IMG' || (tag === 'INPUT' && (el as HTMLInputElement).type === 'image')) {
      const alt = collapse(attr(el, 'alt') ?? '');
      if (alt) alts.push(alt);
      out.push(` ${alt} `);
      continue;
    }
    if (tag === 'svg' || tag === 'SVG') {
      const titled = queryOf(el, 'title');
      const title = (titled ? textContentOf(titled) : null) ?? attr(el, 'aria-label') ?? '';
      out.push(` ${title} `);
      continue;
    }
    // A picture the page draws from an element (Ant Design's `<span role="img" aria-label="right">` icons): its label,
    // said only where there are no words beside it (a "plus" icon before "Add user" is no part of its name).
    if (n !== node && (attr(el, 'role') === 'img' || ligatureIcon(el, tag))) {
      const label = collapse((attr(el, 'role') === 'img' ? attr(el, 'aria-label') : textContentOf(el)) ?? '');
      if (label) pictured.push(label);
      out.push(' ');
      continue;
    }
    if (isInWordMarkup(el, tag) && !drawnAsBox(el, layout)) {
      const edge = SETS_NUMBERS_APART.has(tag) ? NUMBER_EDGE : WORD_EDGE;
      out.push(edge);
      stack.push(edge);
    } else {
      out.push(' ');
      stack.push(null);
    }
    const parent: Node = shadowOf(el) ?? el;
    // The first children only (as many as could matter for `max` characters), pushed last to first. A slot shows what
    // is assigned to it (a web component's label is the host's light text), else its own fallback content.
    const assigned = tag === 'SLOT' ? (el as HTMLSlotElement).assignedNodes?.({ flatten: true }) ?? [] : [];
    const children: Node[] = assigned.slice(0, 4 * max);
    if (!assigned.length) for (let child = firstChildOf(parent); child && children.length < 4 * max; child = nextSiblingOf(child)) children.push(child);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  const text = saidOnce(collapse(joinWordEdges(out.join(''))), alts);
  return (pictured.length && !/[\p{L}\p{N}]/u.test(text) ? collapse(`${text} ${pictured.join(' ')}`) : text).slice(0, max);
}

/**
 * Words without a picture's alt said again by the words beside it (a logo "Lufthansa" before "Lufthansa": explorer,
 * session 57, `airline: "Lufthansa Lufthansa"`, `pagely_pagely_docs_link`).
 */
function saidOnce(text: string, alts: readonly string[]): string {
  let out = text;
  for (const alt of alts) {
    if (alt.length < 2) continue;
    const twice = `${alt} ${alt}`.toLowerCase();
    const at = out.toLowerCase().indexOf(twice);
    const after = out[at + twice.length];
    if (at >= 0 && (at === 0 || out[at - 1] === ' ') && (after === undefined || !/[\p{L}\p{N}]/u.test(after))) out = out.slice(0, at) + out.slice(at + alt.length + 1);
  }
  return out;
}

/**
 * The text of an element an `aria-labelledby` names: read even where the element itself is hidden, all of it then
 * (accname 1.2: a hidden node directly referenced is read whole; MUI labels its calendar grid by a hidden month).
 */
export function referencedText(el: Element, max = 300): string {
  // A button named by its label names so what it labels (the region it opens: "Guests", not "Guests 2 guests").
  const labelled = tagOf(el) === 'BUTTON' ? buttonLabel(el) : '';
  if (labelled) return labelled.slice(0, max);
  if (!hasAttr(el, 'hidden') && attr(el, 'aria-hidden') !== 'true') return textOf(el, max);
  return collapse(textContentOf(el)).slice(0, max);
}

/**
 * The words of a button's `<label for>` inside it, '' for none. Not one outside it: a page may label a "Delete account"
 * button "Show more" (test/fixtures/apps/security/), and the button is named by the words it shows.
 */
export function buttonLabel(el: Element): string {
  const id = idOf(el);
  const labels = id ? Array.from((el as HTMLButtonElement).labels ?? []).filter((label) => attr(label, 'for') === id && containsOf(el, label)) : [];
  const said = collapse(labels.map((label) => textOf(label)).join(' '));
  return /[\p{L}\p{N}]/u.test(said) ? said : '';
}

export function labelledBy(el: Element): string | undefined {
  const ids = attr(el, 'aria-labelledby');
  if (!ids) return undefined;
  let refs = ids.split(/\s+/).map((id) => byId(el, id)).filter((x): x is Element => !!x);
  // A picker labelled by its label, then itself ("Assignee Wade Cooper"): its own words are its choice, not its name.
  // Itself first ("More" then a heading's "News": a "More News" menu) is its name.
  // So is a part of it (Angular Material's `aria-labelledby="label value"`, the value an element inside the select).
  if (refs.length > 1 && refs[0] !== el && !containsOf(el, refs[0]!) && refs.some((x) => containsOf(el, x)) && showsChoice(el)) refs = refs.filter((x) => !containsOf(el, x));
  const text = refs.map((x) => referencedText(x)).join(' ');
  return collapse(text) || undefined;
}

const FORM_CONTROLS = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'METER', 'PROGRESS', 'OUTPUT']);

export function labelsOf(el: Element): string | undefined {
  const labels = (el as HTMLInputElement).labels;
  const found: Element[] = labels ? Array.from(labels) : [];
  if (!found.length && idOf(el)) {
    const root = rootOf(el);
    for (const label of Array.from(queryAllOf(root, 'label[for]'))) {
      if (attr(label, 'for') === idOf(el)) found.push(label);
    }
  }
  if (!found.length) {
    const wrapping = closestOf(el, 'label');
    if (wrapping) found.push(wrapping);
  }
  // textOf leaves out a wrapping label's own controls (a select's options, a text area's content). A label with no
  // words of its own (a star of a rating, "★" or a CSS drawing) speaks by its aria-label or title ("4 stars";
  // explorer, session 41).
  const wordsOf = (label: Element) => {
    const own = textOf(label);
    return /[\p{L}\p{N}]/u.test(own) ? own : attr(label, 'aria-label') || attr(label, 'title') || own;
  };
  // One id given to every row's control (Amazon's cart: `<label for="quantity">Qty:</label>` in each row): the label
  // beside this one, once, not every row's ("Qty: Qty: Qty:"; explorer, session 64).
  const beside = found.length > 1 ? found.filter((label) => { const box = parentOf(label); return !!box && containsOf(box, el); }) : [];
  const text = collapse([...new Set((beside.length ? beside : found).map(wordsOf))].join(' '));
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
  for (const field of queryAllOf(doc, 'input[type=password], input[autocomplete~="cc-number"], input[autocomplete~="cc-csc"], input[autocomplete~="one-time-code"]')) {
    const value = (field as HTMLInputElement).value;
    if (typeof value === 'string' && value.length >= 4) found.add(value);
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
  return hideSecrets(nameAsGiven(el));
}

/** `text` with the read's sensitive values (see `secrets`) as `•••`: for page text that may echo one (a message). */
export const hideSecrets = (text: string): string => (secrets.length ? secrets.reduce((out, secret) => out.split(secret).join('•••'), text) : text);

/**
 * Whether the only words a control holds are its icons' titles, titles that name a drawing, not a thing (`<button
 * aria-label="Next photo"><svg><title>Chevron Right`): then its own label says what it is (explorer, session 54: a
 * carousel's buttons read "Chevron Left"). A title that says something ("Success" on a run's status link, "Twitter" on
 * a share link labelled "Share") stays the control's words (review, session 54).
 */
export function wordsOnlyInPictures(el: Element): boolean {
  const titles = queryAllOf(el, 'svg title');
  if (!titles.length || !Array.from(titles).every((title) => ICON_TITLE.test(collapse(textContentOf(title) ?? '')))) return false;
  const walker = ownerDocOf(el).createTreeWalker(el, 4);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (/\S/.test(node.nodeValue ?? '') && !closestOf(parentOf(node)!, 'svg')) return false;
  }
  return true;
}
const ICON_TITLE = /^(?:\S+\s+)*(?:chevron|arrow|caret|angle|triangle|icon|glyph|svg|ico)(?:\s+\S+)*$|^(?:left|right|up|down|back|forward|next|prev|previous|close|x|plus|minus|menu|more|dots|ellipsis|kebab|hamburger|search|play|pause)$/i;

/**
 * The words a control shows on the page (its text, a button input's value) where its accessible name says something
 * else: `<button aria-label="Harmless: view profile">Delete account</button>` shows "Delete account" (session 22).
 * Undefined when the name holds them, or they have no letter or digit (an icon, "×"). Not for what the user types.
 */
export function shownTextBesides(el: Element, name: string): string | undefined {
  if (!hasAttr(el, 'aria-label') && !hasAttr(el, 'aria-labelledby')) return undefined;
  // An icon's title is no word the eye sees.
  if (wordsOnlyInPictures(el) || wordsOnlyInLigatures(el)) return undefined;
  const tag = tagOf(el);
  // A picker's words are its choice, shown as its value (choice-shown.ts).
  if (holdsTypedText(el) || tag === 'SELECT' || showsChoice(el)) return undefined;
  const input = tag === 'INPUT' ? (el as HTMLInputElement) : undefined;
  const shown = collapse(input ? (['submit', 'button', 'reset'].includes(input.type) ? input.value : '') : textOf(el, 200));
  if (!shown || !/[\p{L}\p{N}]/u.test(shown)) return undefined;
  if (collapse(name).toLowerCase().includes(shown.toLowerCase())) return undefined;
  return hideSecrets(shown);
}

/** Accessible name, simplified from accname 1.2: labelledby, aria-label, labels, value/alt, content, title, placeholder. */
function nameAsGiven(el: Element): string {
  const byRef = labelledBy(el);
  if (byRef) return byRef;
  const aria = collapse(attr(el, 'aria-label') ?? '');
  if (aria) return aria;
  const tag = tagOf(el);
  if (FORM_CONTROLS.has(tag)) {
    const input = el as HTMLInputElement;
    if (tag === 'INPUT' && ['submit', 'button', 'reset'].includes(input.type)) {
      return collapse(input.value || (input.type === 'submit' ? 'Submit' : input.type === 'reset' ? 'Reset' : '')) || collapse(attr(el, 'title') ?? '');
    }
    if (tag === 'INPUT' && input.type === 'image') return collapse(attr(el, 'alt') ?? attr(el, 'title') ?? '');
    const label = labelsOf(el);
    if (label) return label;
    return collapse(attr(el, 'title') ?? '') || unlabelledName(el, attr(el, 'placeholder') ?? attr(el, 'aria-placeholder'));
  }
  if (tag === 'IMG') return collapse(attr(el, 'alt') ?? attr(el, 'title') ?? '');
  // A button's `<label for>` inside it names it before the rest of its content, as browsers do (Airbnb's "Guests" over
  // the "2 guests" it shows: `guests_2_guests_button`, renamed with every choice; explorer, session 61).
  const labelled = tag === 'BUTTON' ? buttonLabel(el) : '';
  if (labelled) return labelled;
  // A text field's content is what the user typed (and may be a secret): its name comes from its labels instead.
  const editable = attr(el, 'contenteditable');
  const role = attr(el, 'role')?.trim().split(/\s+/)[0]?.toLowerCase();
  const typedInto = (editable !== null && editable !== 'false') || role === 'textbox' || role === 'searchbox';
  if (typedInto) {
    return labelsOf(el) || collapse(attr(el, 'title') ?? '') || unlabelledName(el, attr(el, 'aria-placeholder') ?? attr(el, 'data-placeholder'));
  }
  // A custom combobox shows its choice ("Economy class"): its label names it when it has one.
  if (role === 'combobox') {
    const label = labelsOf(el) || besideLabel(el)?.text;
    if (label) return label;
  }
  // A trigger that shows what it is for beside what is chosen ("Depart" "Fri, Mar 13"): the first, which stays.
  const trigger = triggerParts(el);
  if (trigger) return trigger.label;
  const content = withoutPrivateUse(role === 'treeitem' ? treeItemWords(el) : textOf(el, 200));
  // An icon (a glyph, an emoji: "🗑", "×") says less than the title it shows on hover ("Delete project"); so does an
  // icon's own label ("right"), said over the title of the item the control alone fills (Ant's "Next Page").
  if (content && /[\p{L}\p{N}]/u.test(content) && !(titleAround(el) && onlyPictured(el))) return content;
  // A box the page draws as an empty `<button role=checkbox>` with a `<label for>` (Radix, shadcn): that label.
  const drawnBox = !!role && DRAWN_BOXES.has(role);
  const label = drawnBox ? labelsOf(el) : undefined;
  if (label) return label;
  const title = collapse(attr(el, 'title') ?? '') || (onlyPictured(el) ? titleAround(el) : '');
  if (title || !drawnBox) return title || content;
  return besideLabel(el)?.text ?? content;
}

/**
 * A tree item's words without its open branch's (`<li role=treeitem><span>Frame 1</span><ul role=group>…`): it was
 * `frame_1_heading_rectangle_option`, named by its children too (explorer, session 49).
 */
function treeItemWords(el: Element): string {
  const parts: string[] = [];
  for (let node = firstChildOf(el); node; node = nextSiblingOf(node)) {
    if (nodeTypeOf(node) === 3) parts.push(node.nodeValue ?? '');
    else if (nodeTypeOf(node) === 1 && attr(node as Element, 'role') !== 'group' && !['UL', 'OL'].includes(tagOf(node as Element))) parts.push(textOf(node as Element, 200));
  }
  return collapse(parts.join(' ')).slice(0, 200);
}

/**
 * Characters of an icon font's private use area (Gmail's `<li data-tooltip="Archive">&#xe149;</li>`, Material Symbols by
 * code point, Font Awesome): a picture that stands for nothing a reader can say, so not the control's name.
 */
const PRIVATE_USE = /[\uE000-\uF8FF]|[\u{F0000}-\u{10FFFD}]/gu;
export const withoutPrivateUse = (text: string): string => (/[\uE000-\uF8FF\uDB80-\uDBFF]/.test(text) ? collapse(text.replace(PRIVATE_USE, ' ')) : text);

/**
 * A part drawn as a picture that says what it shows (`role=img aria-label`), its own words only letters of it or a sign
 * (an avatar's initials "SO" labelled "Assigned to Sam Ortega"): its label, as a screen reader says it.
 */
export function pictureWords(el: Element): string | undefined {
  if (attr(el, 'role')?.trim().toLowerCase() !== 'img') return undefined;
  const label = collapse(attr(el, 'aria-label') ?? '');
  return label && collapse(textContentOf(el) ?? '').length <= 3 ? label : undefined;
}

/**
 * A letter or two that a title spells out (Zendesk's status `<span title="Open"><span>O</span></span>`, an `<abbr>`):
 * the title, as a person hovering it reads; undefined for anything else.
 */
export function spelledOut(el: Element): string | undefined {
  const shown = collapse(textContentOf(el) ?? '');
  if (!/^\p{L}{1,3}$/u.test(shown)) return undefined;
  const parent = parentOf(el);
  const titled = attr(el, 'title') ?? (parent && childElementCountOf(parent) === 1 && collapse(textContentOf(parent) ?? '') === shown ? attr(parent, 'title') : null);
  const title = collapse(titled ?? '');
  return title.length > shown.length && title.length <= 40 && title.toLowerCase().startsWith(shown.toLowerCase()) && /^[\p{L}\s-]+$/u.test(title) ? title : undefined;
}

/** A control that holds no words of its own, only pictures (whose labels its content reads). */
const onlyPictured = (el: Element): boolean => !/[\p{L}\p{N}]/u.test(textContentOf(el) ?? '') && !!queryOf(el, '[role=img][aria-label]');

/** The title of a list item the control alone fills (`<li title="Next Page"><button>…icon…</button></li>`), else ''. */
function titleAround(el: Element): string {
  const own = collapse(attr(el, 'title') ?? '');
  if (own) return own;
  const parent = parentOf(el);
  return parent && tagOf(parent) === 'LI' && childElementCountOf(parent) === 1 ? collapse(attr(parent, 'title') ?? '') : '';
}

const DRAWN_BOXES = new Set(['checkbox', 'radio', 'switch']);

/**
 * A field with no label, no title: the words beside it ("Username" in the cell before; "Website" before a placeholder
 * that is an example value, "https://"), else its placeholder. Words found past a `div` around it (a brand before a
 * header's search box, a grid) give way to a placeholder of words ("Search docs"), not to one that names nothing
 * ("Optional", "Start typing").
 */
function unlabelledName(el: Element, placeholder: string | null): string {
  const hint = collapse(placeholder ?? '');
  const beside = besideLabel(el);
  const wordsOnly = /^[\p{L}' -]*\p{L}[\p{L}' -]*$/u.test(hint) && !NAMELESS_PLACEHOLDER.test(hint);
  if (beside && !(beside.pastBox && wordsOnly)) return beside.text;
  return hint || beside?.text || '';
}

const NAMELESS_PLACEHOLDER = /^(?:optional|required|start typing|type here|type something|enter text|enter a value|your answer|select|choose)$/i;

/**
 * Tooltip attributes of icon controls, a site's prefix allowed (`data-tooltip`, `data-dr-tooltip`, Bootstrap's
 * `data-original-title`, `data-bs-title`). Not any `data-…-title`: share links carry the article's headline in
 * `data-title`, product cards `data-product-title` (review, session 24).
 */
const TOOLTIP_ATTRIBUTE = /^data-(?:[a-z0-9]+-)?(?:tooltip|tip|original-title|tippy-content|balloon)$|^data-bs-title$/i;
/** Flags, not words: `data-has-tooltip="true"`. */
const FLAG_VALUE = /^(?:true|false|yes|no|on|off)$/i;
const INTERACTIVE_TAGS = new Set(['A', 'a', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'SUMMARY', 'DETAILS']);
const INTERACTIVE_ROLE = /^(?:button|link|checkbox|radio|switch|tab|menuitem|menuitemcheckbox|menuitemradio|option|combobox|textbox|slider|spinbutton)$/;

/**
 * What a control with no text and no name of its own (an icon) says on hover: its tooltip attribute, else the `title`
 * of an icon inside it. The last of ownName's fallbacks, after its readable id and `name` (review, session 24: taken
 * as its label it renamed controls that had a name); its description where it has no label.
 */
export function iconName(el: Element): string {
  if (hasAttrs(el)) {
    const tooltipToggle = /\btooltip\b/i.test(attr(el, 'data-toggle') ?? attr(el, 'data-bs-toggle') ?? '');
    for (const name of attrNames(el)) {
      if (!TOOLTIP_ATTRIBUTE.test(name) && !(tooltipToggle && name.toLowerCase() === 'data-title')) continue;
      const tip = collapse(attr(el, name) ?? '');
      if (/\p{L}/u.test(tip) && !FLAG_VALUE.test(tip)) return tip.slice(0, 200);
    }
  }
  let layout: boolean | undefined;
  for (const titled of Array.from(queryAllOf(el, '[title]')).slice(0, 20)) {
    const title = collapse(attr(titled, 'title') ?? '');
    // A rating or a count ("Rated 4.5 out of 5") changes with the page.
    if (!title || /\d/.test(title) || SKIP_TAGS.has(tagOf(titled))) continue;
    layout ??= hasLayout(ownerDocOf(el));
    if (!ownIcon(el, titled, layout)) continue;
    return title.slice(0, 200);
  }
  return '';
}

/** `inner` is shown as part of `el`: not hidden (a toggle's other state), not a control of its own (a toolbar's button). */
function ownIcon(el: Element, inner: Element, layout: boolean): boolean {
  if (layout && checkVisibilityOf(inner, { visibilityProperty: true }) === false) return false;
  for (let node: Element | null = inner; node && node !== el; node = parentOf(node)) {
    if (hasAttr(node, 'hidden') || INTERACTIVE_TAGS.has(tagOf(node)) || hasAttr(node, 'onclick') || hasAttr(node, 'tabindex')) return false;
    const role = attr(node, 'role');
    if (role && INTERACTIVE_ROLE.test(role.trim().split(/\s+/)[0]!.toLowerCase())) return false;
  }
  return true;
}

/**
 * Whether layout is real (Chromium) or absent (happy-dom): only real layout may hide zero-sized elements, and only
 * there does `checkVisibility` answer.
 */
export function hasLayout(doc: Document): boolean {
  if (!doc.documentElement || !hasCheckVisibility()) return false;
  const rect = rectOf(doc.documentElement);
  return rect.width > 0 || rect.height > 0;
}

/** Whether `el` holds more than `max` elements, counted only that far (a live collection's length walks them all). */
export function moreElementsThan(el: Element, max: number): boolean {
  let count = 0;
  let node: Element | null = firstElementChildOf(el);
  // Every step goes down or right, or up to an ancestor below `el`: bounded by the elements counted (and their depth).
  while (node) {
    if (++count > max) return true;
    if (firstElementChildOf(node)) {
      node = firstElementChildOf(node);
      continue;
    }
    while (node && !nextElementOf(node)) {
      node = parentOf(node);
      if (node === el) return false;
    }
    node = node ? nextElementOf(node) : null;
  }
  return false;
}
