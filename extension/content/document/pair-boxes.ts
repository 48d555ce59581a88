/**
 * Label/value pairs drawn with classed boxes instead of a `<dl>` or a table: a bank's balances (`.bal > .bal__label
 * "Available balance" + .bal__value "$4,218.77"`), a recipe's times (`__label "Prep Time:"` + `__value "20 mins"`), a
 * dashboard's stat tiles (`.stat-value "12"` over `.stat-label "Open"`). lists.ts finds lists by their controls, so
 * these were no entry at all and "what is my available balance" had nothing to read (explorer, session 54). Each box
 * of pairs is a read-only list with the fields `label` and `value`, as a description list is (data-tables.ts):
 * `$balance_summary.find("Available balance").value.text()`.
 *
 * A pair is an element of exactly two element children: one whose class says value (`value`, `__value`, `statValue`),
 * the other whose class says label (label, key, term, name, title) or whose words end with a colon ("Prep Time:");
 * both short, neither holding a control. Two or more such pairs alike (tag, class, which comes first) side by side in
 * one box make the list; a lone pair is none.
 */
import type { DetectedList } from './lists.ts';
import type { ListSlot } from './types.ts';
import { sampleText } from './lists.ts';
import { itemQueryFor } from './list-items.ts';
import { shownItem, tagOf } from './dom.ts';
import type { LocatorCache } from './locators.ts';
import { truncate } from './text.ts';
import { childElementCountOf, childrenOf, classNameOf, firstElementChildOf, nextElementOf, parentOf, queryAllOf, queryOf } from './dom-safe.ts';

const VALUE_SELECTOR = '[class*=value], [class*=Value]';
/** Class words, as words: `bal__value`, `stat-value`, `statValue`; not `evaluate` nor `values-list`'s items. */
const VALUE_CLASS = /(?:^|[^a-z])value(?:$|[^a-z])|[a-z]Value(?:$|[^a-z])|^Value/;
const LABEL_CLASS = /(?:^|[^a-z])(?:label|key|term|name|title)(?:$|[^a-z])|[a-z](?:Label|Key|Term|Name|Title)(?:$|[^a-z])|^(?:Label|Key|Term|Name|Title)/;
const CONTROLS = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button], [role=link], [contenteditable=""], [contenteditable=true]';
/** Value elements looked at, at most (a page of a thousand is a data grid drawn some other way). */
const MAX_SCANNED = 400;
const MAX_LABEL = 60;
const MAX_VALUE = 100;
const MIN_PAIRS = 2;
/** Pairs shown as samples: their labels are what a script finds them by. */
const SAMPLES = 8;
/** Pairs style-checked one by one (as data-tables.ts does). */
const MAX_PAIRS = 200;

/** The label and value of a pair box, by position among its two children. */
interface PairShape {
  labelFirst: boolean;
}

/** `item`'s shape when it is a pair: two element children, one a value by class, the other a label; else undefined. */
function pairShape(item: Element): PairShape | undefined {
  if (childElementCountOf(item) !== 2) return undefined;
  const first = firstElementChildOf(item)!;
  const second = nextElementOf(first)!;
  const labelFirst = VALUE_CLASS.test(classNameOf(second));
  const [label, value] = labelFirst ? [first, second] : [first, second].reverse() as [Element, Element];
  if (!VALUE_CLASS.test(classNameOf(value)) || VALUE_CLASS.test(classNameOf(label))) return undefined;
  if (queryOf(item, CONTROLS)) return undefined;
  const labelText = sampleText(label);
  if (!labelText || labelText.length > MAX_LABEL || !/\p{L}/u.test(labelText)) return undefined;
  if (!LABEL_CLASS.test(classNameOf(label)) && !labelText.endsWith(':')) return undefined;
  const valueText = sampleText(value);
  if (!valueText || valueText.length > MAX_VALUE) return undefined;
  return { labelFirst };
}

/** A pair box's items: its children of the first pair's tag and class, each a pair of the same shape. */
function pairsIn(box: Element): { items: Element[]; shape: PairShape } | undefined {
  let shape: PairShape | undefined;
  let signature = '';
  const items: Element[] = [];
  for (const child of childrenOf(box)) {
    const own = `${tagOf(child)} ${classNameOf(child)}`;
    if (shape && own !== signature) continue;
    const found = pairShape(child);
    if (!found || (shape && found.labelFirst !== shape.labelFirst)) continue;
    if (!shape) {
      shape = found;
      signature = own;
    }
    items.push(child);
    if (items.length > MAX_PAIRS) break;
  }
  return shape && items.length >= MIN_PAIRS ? { items, shape } : undefined;
}

/** The boxes of pairs in `root`, by their containers (the walk reads each as a table: walk.ts, data-tables.ts). */
export function pairBoxesOf(root: Document | Element): Set<Element> {
  const boxes = new Set<Element>();
  const seen = new Set<Element>();
  let scanned = 0;
  for (const value of Array.from(queryAllOf(root, VALUE_SELECTOR))) {
    if (++scanned > MAX_SCANNED) break;
    const item = parentOf(value);
    const box = item && parentOf(item);
    if (!box || seen.has(box)) continue;
    seen.add(box);
    if (pairsIn(box)) boxes.add(box);
  }
  return boxes;
}

/** The list a box of pairs makes (fields `label` and `value`), or undefined where its pairs are gone or hidden. */
export function pairBoxList(box: Element, cache?: LocatorCache): DetectedList | undefined {
  const found = pairsIn(box);
  if (!found) return undefined;
  const items = found.items.filter(shownItem);
  if (items.length < MIN_PAIRS) return undefined;
  const [labelAt, valueAt] = found.shape.labelFirst ? [1, 2] : [2, 1];
  const slots: ListSlot[] = [
    { name: 'label', kind: 'text', selector: `:scope > :nth-child(${labelAt})` },
    { name: 'value', kind: 'text', selector: `:scope > :nth-child(${valueAt})` },
  ];
  const samples = items.slice(0, SAMPLES).map((item) => {
    const children = childrenOf(item);
    const sample: Record<string, string> = { label: truncate(sampleText(children[labelAt - 1]!), 60) };
    const value = sampleText(children[valueAt - 1]!);
    if (value) sample.value = truncate(value, 60);
    return sample;
  });
  const first = items[0]!;
  const classes = classNameOf(first).split(/\s+/).filter(Boolean).map((c) => `.${CSS.escape(c)}`).join('');
  const tag = tagOf(first).toLowerCase();
  const query = itemQueryFor(box, items, [`:scope > ${tag}${classes}`, `:scope > ${tag}`], cache);
  return {
    container: box, items, members: [], slots, fields: slots.map((slot) => slot.name), actions: [], samples,
    itemSelector: query.selector, ...(query.paths ? { itemPaths: query.paths } : {}),
  };
}
