/**
 * A field's label written beside it with no `<label>` tying the two: "Username" in the table cell before its input,
 * `<span>Website</span><input>`, "Country <select>", `<dt>Phone</dt><dd><input>`, a grid of label and field columns, a
 * check box followed by its words ("☐ Remember me"). A person reads these as labels; screen readers do not, so the
 * accessible name stays empty (explorer, session 41: `$reg__text_input`, `$reg__https`). Read the way browsers'
 * autofill infers labels: the nearest words before the field (after a box that starts its line), within the field's
 * own box and the boxes that hold it alone. Words that come and go with the page (a count, an error, a hint, an icon's
 * ligature, text hidden by style) are no label.
 */
import { ICON_FONT_CLASS, styleOf, tagOf, textOf } from './dom.ts';
import { attr, hasAttr, matchesOf, nextSiblingOf, nodeTypeOf, parentOf, previousSiblingOf, queryAllOf, queryOf } from './dom-safe.ts';
import { collapse } from './text.ts';

/** Boxes that hold a label beside a field: a row's cells, a description list's term, a grid's column. */
const LABEL_BOXES = new Set(['TD', 'TH', 'DT', 'DIV', 'SPAN', 'LABEL', 'B', 'STRONG', 'I', 'EM', 'SMALL', 'FONT']);
/** Of those, the ones drawn inline, beside a box's words ("☐ <b>Remember</b> me"). */
const INLINE_BOXES = new Set(['SPAN', 'LABEL', 'B', 'STRONG', 'I', 'EM', 'SMALL', 'FONT']);
/** Boxes a field sits alone in, climbed to find the words before them (not past a form, a fieldset, a row). */
const CLIMBED = new Set(['TD', 'TH', 'DD', 'DIV', 'SPAN', 'P', 'LI', 'LABEL']);
const CONTROLS = 'input:not([type=hidden]),select,textarea,button,a[href],[contenteditable]:not([contenteditable="false" i]),'
  + '[role=button],[role=link],[role=checkbox],[role=radio],[role=switch],[role=combobox],[role=textbox],[role=searchbox],[role=spinbutton],[role=slider],[role=listbox]';
/** Words the page shows about a field, not its name: its error, a hint, a count (they change as the page lives). */
const NOT_A_LABEL_CLASS = /(?:^|[\s_-])(?:error|errors|invalid|warning|alert|help|hint|feedback|counter|count|status|icon)(?:$|[\s_-])/i;
const MAX_WORDS = 6;
const MAX_CHARS = 48;
const MAX_CLIMB = 3;

/**
 * The words beside a field, and whether they were found past a `div` around it (a grid column, a brand before a
 * header's search box), where a placeholder of words is the better name (dom.ts).
 */
export interface Beside {
  text: string;
  pastBox: boolean;
}

export function besideLabel(field: Element): Beside | undefined {
  const tag = tagOf(field);
  const type = tag === 'INPUT' ? (field as HTMLInputElement).type : '';
  const role = attr(field, 'role');
  const box = type === 'checkbox' || type === 'radio' || role === 'checkbox' || role === 'radio' || role === 'switch';
  if (!box) return wordsNear(field, 'before', MAX_CLIMB);
  // A box's words are on its side of it in its line: after it where words end the line ("☐ Remember me", "Size: ◯ Small
  // ◯ Medium"), before it where a box does ("Small ◯ Medium ◯", "Dark mode ☐"); else beside its own box (a cell).
  const after = !endsItsLine(field);
  return wordsNear(field, after ? 'after' : 'before', 0) ?? wordsNear(field, 'before', MAX_CLIMB) ?? wordsNear(field, 'after', MAX_CLIMB);
}

/** The last thing in the field's box, white space aside, is a box like it (no words after the last box). */
function endsItsLine(field: Element): boolean {
  const parent = parentOf(field);
  if (!parent) return true;
  let last: Node | null = parent.lastChild;
  while (last && ((nodeTypeOf(last) === 3 && !/\S/.test(last.nodeValue ?? '')) || nodeTypeOf(last) === 8)) last = previousSiblingOf(last);
  if (!last || nodeTypeOf(last) !== 1) return false;
  const el = last as Element;
  return el === field || (tagOf(el) === 'INPUT' && tagOf(field) === 'INPUT' && (el as HTMLInputElement).type === (field as HTMLInputElement).type)
    || (!!attr(field, 'role') && attr(el, 'role') === attr(field, 'role'));
}

function wordsNear(field: Element, side: 'before' | 'after', climbs: number): Beside | undefined {
  const step = side === 'before' ? previousSiblingOf : nextSiblingOf;
  let at: Element = field;
  let pastBox = false;
  for (let climbed = 0; climbed <= climbs; climbed++) {
    const node = nearestNode(at, step);
    // After a box, only its own line's words (not a note in a `div` under it).
    if (node && side === 'after' && (climbed > 0 ? !isCell(node) : nodeTypeOf(node) === 1 && !INLINE_BOXES.has(tagOf(node as Element)))) return undefined;
    if (node) {
      const text = labelIn(node);
      return text ? { text, pastBox: pastBox || (nodeTypeOf(node) === 1 && tagOf(node as Element) === 'DIV') } : undefined;
    }
    // Nothing beside it in its box: the words may be beside the box (`<td>Username</td><td><input></td>`).
    const parent = parentOf(at);
    if (!parent || !CLIMBED.has(tagOf(parent)) || holdsOtherControl(parent, field)) return undefined;
    if (tagOf(parent) === 'DIV' || tagOf(parent) === 'SPAN') pastBox = true;
    at = parent;
  }
  return undefined;
}

const isCell = (node: Node): boolean => nodeTypeOf(node) === 1 && (tagOf(node as Element) === 'TD' || tagOf(node as Element) === 'TH');

/** The first sibling that is not white space or a comment. */
function nearestNode(at: Node, step: (node: Node) => ChildNode | null): Node | undefined {
  let node = step(at);
  for (let skipped = 0; node && skipped < 20; skipped++, node = step(node)) {
    const type = nodeTypeOf(node);
    if (type === 3 && !/\S/.test(node.nodeValue ?? '')) continue;
    if (type === 8) continue;
    if (type === 1 && tagOf(node as Element) === 'BR') return undefined;
    return type === 3 || type === 1 ? node : undefined;
  }
  return undefined;
}

function labelIn(node: Node): string | undefined {
  if (nodeTypeOf(node) === 3) return asLabel(node.nodeValue ?? '');
  const el = node as Element;
  const tag = tagOf(el);
  if (!LABEL_BOXES.has(tag) || hasAttr(el, 'hidden') || attr(el, 'aria-hidden') === 'true' || attr(el, 'role') || hasAttr(el, 'aria-live')) return undefined;
  const cls = attr(el, 'class') ?? '';
  if (NOT_A_LABEL_CLASS.test(cls) || ICON_FONT_CLASS.test(cls)) return undefined;
  // Another field's label, a control, or a box holding one, says nothing of this field.
  if ((tag === 'LABEL' && hasAttr(el, 'for')) || matchesOf(el, CONTROLS) || queryOf(el, `${CONTROLS},label[for],h1,h2,h3,h4,h5,h6,[role=heading]`)) return undefined;
  const style = styleOf(el);
  if (style && (style.display === 'none' || style.visibility === 'hidden')) return undefined;
  // A title over a description (a settings row's "Marketing emails" / "Offers from partners.", drawn beside its
  // switch): the title (explorer, session 44: `$notifications__switch`, `switch_2`).
  // A person's row: an avatar, then a block of name over email: the name.
  const outer = titleOverDescription(el);
  const title = outer ? titleOverDescription(outer) ?? outer : undefined;
  const titled = title ? asLabel(textOf(title, MAX_CHARS + 20)) : undefined;
  return titled ?? asLabel(textOf(el, MAX_CHARS + 20));
}

/** A badge over a title ("Beta", "New", "Step 2 of 3"): no title itself. */
const BADGE_CLASS = /(?:^|[\s_-])(?:badge|eyebrow|tag|pill|chip|overline|kicker|label-new|new|beta|step|avatar|initials)(?:$|[\s_-])/i;
const AVATAR_CLASS = /(?:^|[\s_-])(?:avatar|initials)(?:$|[\s_-])/i;
/** An avatar's initials ("SD"). */
const INITIALS = /^\p{Lu}{1,3}$/u;

/**
 * An avatar: said by its class, or a span of initials before a block of a name over more (an email) — not a title
 * that is an acronym ("SMS" over "Texts about your orders"; review, session 46).
 */
function avatar(block: Element, next: Element | undefined): boolean {
  if (AVATAR_CLASS.test(attr(block, 'class') ?? '')) return true;
  return tagOf(block) === 'SPAN' && !!next && next.children.length >= 2 && INITIALS.test(textOf(block, 4));
}

/** The first of two or three blocks of words that make a box (no badge, no avatar's initials), with no words of the box's own between them. */
function titleOverDescription(el: Element): Element | undefined {
  const blocks = Array.from(el.children);
  if (blocks.length < 2 || blocks.length > 3 || !blocks.every((b) => ['P', 'DIV', 'SPAN', 'STRONG', 'B', 'SMALL', 'LABEL'].includes(tagOf(b)))) return undefined;
  for (let node = el.firstChild; node; node = node.nextSibling) if (nodeTypeOf(node) === 3 && /\S/.test(node.nodeValue ?? '')) return undefined;
  // An avatar beside a block of words (side by side or not): that block, or its title.
  const worded = blocks.filter((block, i) => !avatar(block, blocks[i + 1]));
  if (worded.length === 1 && worded.length < blocks.length) return titleOverDescription(worded[0]!) ?? worded[0];
  const style = styleOf(el);
  // Side by side in a line ("<span>Sort</span> <span>by</span>") is one label; stacked blocks are a title and more.
  if (style && (style.display === 'flex' && !style.flexDirection.startsWith('column'))) return undefined;
  if (['SPAN', 'STRONG', 'B', 'SMALL'].includes(tagOf(blocks[0]!)) && ['SPAN', 'STRONG', 'B', 'SMALL'].includes(tagOf(blocks[1]!))) return undefined;
  // The first block of words that is no badge, an icon's box, a hint or an error.
  return blocks.find((block) => {
    const words = textOf(block, MAX_CHARS);
    return /\p{L}/u.test(words) && !BADGE_CLASS.test(attr(block, 'class') ?? '') && !NOT_A_LABEL_CLASS.test(attr(block, 'class') ?? '');
  });
}

/**
 * Short words with a letter, without a trailing colon or required mark: "Username:" → "Username". Not a count
 * ("3 items selected", "Showing 12 of 40"), nor an address or a prefix drawn before the field ("https://…/users/").
 */
function asLabel(raw: string): string | undefined {
  const text = collapse(raw).replace(/[\s:*]+$/u, '').replace(/^[\s*]+/u, '');
  if (!text || text.length > MAX_CHARS || !/\p{L}/u.test(text) || text.split(' ').length > MAX_WORDS) return undefined;
  if (/^\d+(?:[.,]\d+)?\s/.test(text) || (text.match(/\d+/g) ?? []).length > 1 || /:\/\/|[/@]$|^www\./i.test(text)) return undefined;
  return text;
}

function holdsOtherControl(box: Element, field: Element): boolean {
  const controls = queryAllOf(box, CONTROLS);
  return controls.length > 1 || (controls.length === 1 && controls[0] !== field);
}
