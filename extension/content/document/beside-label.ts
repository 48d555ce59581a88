/**
 * A field's label written beside it with no `<label>` tying the two: "Username" in the table cell before its input,
 * `<span>Website</span><input>`, "Country <select>", `<dt>Phone</dt><dd><input>`, a grid of label and field columns, a
 * check box followed by its words ("☐ Remember me"). A person reads these as labels; screen readers do not, so the
 * accessible name stays empty (explorer, session 41: `$reg__text_input`, `$reg__https`). Read the way browsers'
 * autofill infers labels: the nearest words before the field (after a check box or radio button), within the field's
 * own box and the boxes that hold it alone.
 */
import { tagOf, textOf } from './dom.ts';
import { attr, hasAttr, nextSiblingOf, nodeTypeOf, parentOf, previousSiblingOf, queryAllOf, queryOf } from './dom-safe.ts';
import { collapse } from './text.ts';

/**
 * Where the words were: beside the field (text, inline markup, the cell or term before the field's own box), or in a
 * `div` right above it, which may as well be a title ("Stay in the loop") as a label.
 */
export type BesideLabel = { text: string; from: 'beside' | 'above' };

/** Boxes that hold a label beside a field: a row's cells, a description list's term, a grid's column. */
const LABEL_BOXES = new Set(['TD', 'TH', 'DT', 'DIV', 'SPAN', 'LABEL', 'B', 'STRONG', 'I', 'EM', 'SMALL', 'FONT']);
/** Boxes a field sits alone in, climbed to find the words before them (not past a form, a fieldset, a row). */
const CLIMBED = new Set(['TD', 'TH', 'DD', 'DIV', 'SPAN', 'P', 'LI']);
const CONTROLS = 'input:not([type=hidden]),select,textarea,button,a[href],[role=button],[role=link],[role=checkbox],[role=radio],[role=combobox],[role=textbox],[contenteditable=""],[contenteditable=true]';
const MAX_WORDS = 6;
const MAX_CHARS = 48;
const MAX_CLIMB = 3;

export function besideLabel(field: Element): BesideLabel | undefined {
  const tag = tagOf(field);
  const type = tag === 'INPUT' ? (field as HTMLInputElement).type : '';
  const box = type === 'checkbox' || type === 'radio' || attr(field, 'role') === 'checkbox' || attr(field, 'role') === 'radio' || attr(field, 'role') === 'switch';
  // A box's words follow it ("☐ Remember me"); a text field's come before it ("Username ▭").
  return (box && wordsNear(field, 'after')) || wordsNear(field, 'before');
}

function wordsNear(field: Element, side: 'before' | 'after'): BesideLabel | undefined {
  const step = side === 'before' ? previousSiblingOf : nextSiblingOf;
  let at: Element = field;
  for (let climbed = 0; climbed <= MAX_CLIMB; climbed++) {
    const node = nearestNode(at, step);
    if (node) return labelIn(node, climbed > 0);
    // Nothing beside it in its box: the words may be beside the box (`<td>Username</td><td><input></td>`).
    const parent = parentOf(at);
    if (!parent || !CLIMBED.has(tagOf(parent)) || holdsOtherControl(parent, field)) return undefined;
    at = parent;
  }
  return undefined;
}

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

function labelIn(node: Node, climbed: boolean): BesideLabel | undefined {
  if (nodeTypeOf(node) === 3) return asLabel(node.nodeValue ?? '', 'beside');
  const el = node as Element;
  const tag = tagOf(el);
  if (!LABEL_BOXES.has(tag) || hasAttr(el, 'hidden') || attr(el, 'aria-hidden') === 'true' || attr(el, 'role')) return undefined;
  // Another field's label, or a box holding a control, says nothing of this field.
  if ((tag === 'LABEL' && hasAttr(el, 'for')) || queryOf(el, `${CONTROLS},label[for],h1,h2,h3,h4,h5,h6,[role=heading]`)) return undefined;
  return asLabel(textOf(el, MAX_CHARS + 20), tag === 'DIV' && !climbed ? 'above' : 'beside');
}

/** Short words with a letter, without a trailing colon or required mark: "Username:" → "Username". */
function asLabel(raw: string, from: BesideLabel['from']): BesideLabel | undefined {
  const text = collapse(raw).replace(/[\s:*]+$/u, '').replace(/^[\s*]+/u, '');
  if (!text || text.length > MAX_CHARS || !/\p{L}/u.test(text) || text.split(' ').length > MAX_WORDS) return undefined;
  return { text, from };
}

function holdsOtherControl(box: Element, field: Element): boolean {
  const controls = queryAllOf(box, CONTROLS);
  return controls.length > 1 || (controls.length === 1 && controls[0] !== field);
}
