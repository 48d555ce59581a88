/**
 * Label/value pairs drawn with classed boxes instead of a `<dl>` or a table: a bank's balances (`.bal > .bal__label
 * "Available balance" + .bal__value "$4,218.77"`), a recipe's times (`__label "Prep Time:"` + `__value "20 mins"`), a
 * dashboard's stat tiles (`.stat-value "12"` over `.stat-label "Open"`). lists.ts finds lists by their controls, so
 * these were no entry at all and "what is my available balance" had nothing to read (explorer, session 54). Each box
 * of pairs is a read-only list with the fields `label` and `value`, as a description list is (data-tables.ts):
 * `$balance_summary.find("Available balance").value.text()`.
 *
 * A pair is an element of two to four element children: exactly one whose class says value (`value`, `__value`,
 * `statValue`), one whose class says label (label, key, term, name, title) or whose words before the value end with a
 * colon ("Prep Time:"); all short, none holding a control. Further parts (a KPI tile's change, "+12.4%") are fields
 * named by their class's last word (`kpi-card__delta` → `delta`). Two or more such items alike (tag, class, where
 * label and value sit) side by side in one box make the list; a lone pair is none.
 */
import type { DetectedList } from './lists.ts';
import type { ListSlot } from './types.ts';
import { RESERVED_FIELD_NAMES, sampleText } from './lists.ts';
import { itemQueryFor } from './list-items.ts';
import { shownItem, tagOf } from './dom.ts';
import type { LocatorCache } from './locators.ts';
import { truncate } from './text.ts';
import { childElementCountOf, childrenOf, classNameOf, parentOf, queryAllOf, queryOf } from './dom-safe.ts';

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
/** Parts of an item at most: a label, a value and two more (a KPI tile's change and period). */
const MAX_PARTS = 4;
/** Pairs shown as samples: their labels are what a script finds them by. */
const SAMPLES = 8;
/** Pairs style-checked one by one (as data-tables.ts does). */
const MAX_PAIRS = 200;

/** Where a pair box's label and value are among its children (1-based), and its other parts' fields. */
interface PairShape {
  labelAt: number;
  valueAt: number;
  count: number;
  /** Further short parts (a KPI tile's change "+12.4%"): fields named by their class's last word. */
  extras: Array<{ at: number; name: string }>;
}

/** The last word of an element's first class (`kpi-card__delta--up` → `delta`), as a field name, or ''. */
function partName(el: Element): string {
  const first = classNameOf(el).trim().split(/\s+/)[0] ?? '';
  const words = first.replace(/--[\w-]*$/, '').split(/[-_]+|(?<=[a-z])(?=[A-Z])/).filter((word) => /^[A-Za-z]{2,20}$/.test(word));
  return (words[words.length - 1] ?? '').toLowerCase();
}

/**
 * `item`'s shape when it is a pair: two to four element children, exactly one a value by its class, one a label (by
 * class, or the words before the value ending with a colon), any others short words; else undefined.
 */
function pairShape(item: Element): PairShape | undefined {
  const count = childElementCountOf(item);
  if (count < 2 || count > MAX_PARTS) return undefined;
  const parts = Array.from(childrenOf(item));
  const values = parts.filter((part) => VALUE_CLASS.test(classNameOf(part)));
  if (values.length !== 1) return undefined;
  const value = values[0]!;
  const labels = parts.filter((part) => part !== value && LABEL_CLASS.test(classNameOf(part)));
  const colon = count === 2 ? parts.find((part) => part !== value) : parts[parts.indexOf(value) - 1];
  const label = labels.length === 1 ? labels[0]! : !labels.length && colon && sampleText(colon).endsWith(':') ? colon : undefined;
  if (!label || queryOf(item, CONTROLS)) return undefined;
  const labelText = sampleText(label);
  if (!labelText || labelText.length > MAX_LABEL || !/\p{L}/u.test(labelText)) return undefined;
  const valueText = sampleText(value);
  if (!valueText || valueText.length > MAX_VALUE) return undefined;
  const extras: PairShape['extras'] = [];
  const used = new Set(['label', 'value', ...RESERVED_FIELD_NAMES]);
  for (const [i, part] of parts.entries()) {
    if (part === label || part === value) continue;
    if (sampleText(part).length > MAX_VALUE) return undefined;
    let name = partName(part) || 'text';
    for (let n = 2; used.has(name); n++) name = `${partName(part) || 'text'}_${n}`;
    used.add(name);
    extras.push({ at: i + 1, name });
  }
  return { labelAt: parts.indexOf(label) + 1, valueAt: parts.indexOf(value) + 1, count, extras };
}

const sameShape = (a: PairShape, b: PairShape) => a.labelAt === b.labelAt && a.valueAt === b.valueAt && a.count === b.count;

/** A pair box's items: its children of the first pair's tag and class, each a pair of the same shape. */
function pairsIn(box: Element): { items: Element[]; shape: PairShape } | undefined {
  let shape: PairShape | undefined;
  let signature = '';
  const items: Element[] = [];
  for (const child of childrenOf(box)) {
    const own = `${tagOf(child)} ${classNameOf(child)}`;
    if (shape && own !== signature) continue;
    const found = pairShape(child);
    if (!found || (shape && !sameShape(found, shape))) continue;
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
  const { labelAt, valueAt, extras } = found.shape;
  const parts = [{ name: 'label', at: labelAt }, { name: 'value', at: valueAt }, ...extras];
  const slots: ListSlot[] = parts.map(({ name, at }) => ({ name, kind: 'text', selector: `:scope > :nth-child(${at})` }));
  const samples = items.slice(0, SAMPLES).map((item) => {
    const children = childrenOf(item);
    const sample: Record<string, string> = {};
    for (const { name, at } of parts) {
      const text = sampleText(children[at - 1]!);
      if (text) sample[name] = truncate(text, 60);
    }
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
