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
import { childElementCountOf, childrenOf, classNameOf, matchesOf, parentOf, queryAllOf, queryOf } from './dom-safe.ts';

const VALUE_SELECTOR = '[class*=value], [class*=Value]';
/** Class words, as words: `bal__value`, `stat-value`, `statValue`; not `evaluate` nor `values-list`'s items. */
const VALUE_CLASS = /(?:^|[^a-z])value(?:$|[^a-z])|[a-z]Value(?:$|[^a-z])|^Value/;
const LABEL_CLASS = /(?:^|[^a-z])(?:label|key|term|name|title)(?:$|[^a-z])|[a-z](?:Label|Key|Term|Name|Title)(?:$|[^a-z])|^(?:Label|Key|Term|Name|Title)/;
/** An item holding any of these (or being one) is a control's words, not data (a filter chip "Brand: Nike"). */
export const CONTROLS = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button], [role=link], [role=checkbox], [role=switch], '
  + '[role=combobox], [role=option], [role=tab], [role=menuitem], [role=radio], [role=slider], [tabindex], [contenteditable=""], [contenteditable=true]';
/**
 * Tables and description lists are read as such (data-tables.ts): no table, row group or row is a box or an item of
 * pairs (a page laid out in a table may hold boxes of pairs in its cells).
 */
export const TABLE_PARTS = 'table, thead, tbody, tfoot, tr, td, th, [role=table], [role=grid], [role=treegrid], [role=rowgroup], [role=row], [role=cell], [role=gridcell], dl, dt, dd';
/** Value elements looked at, at most (a page of a thousand is a data grid drawn some other way). */
const MAX_SCANNED = 400;
const MAX_LABEL = 60;
const MAX_VALUE = 100;
const MIN_PAIRS = 2;
/** Parts of an item at most: a label, a value and two more (a KPI tile's change and period). */
const MAX_PARTS = 4;
/** Fields past label and value, at most. */
const MAX_EXTRAS = 2;
/** Pairs shown as samples: their labels are what a script finds them by. */
const SAMPLES = 8;
/** Pairs style-checked one by one (as data-tables.ts does). */
const MAX_PAIRS = 200;

/** How an item's parts are found: by a class each (`:scope > .kpi-card__value`), a label by its place where it has none. */
interface PairParts {
  value: string;
  /** The label's class, or its place among the item's children (a "Prep Time:" with no class). */
  label: string | number;
  /** Classes of further short parts (a KPI tile's change). */
  extras: string[];
}

const tokensOf = (el: Element): string[] => classNameOf(el).trim().split(/\s+/).filter(Boolean);
const cssClass = (token: string) => `.${CSS.escape(token)}`;

/** The last word of a class (`kpi-card__delta--up` → `delta`), as a field name, or ''. */
function partName(token: string): string {
  const words = token.replace(/--[\w-]*$/, '').split(/[-_]+|(?<=[a-z])(?=[A-Z])/).filter((word) => /^[A-Za-z]{2,20}$/.test(word));
  return (words[words.length - 1] ?? '').toLowerCase();
}

/**
 * `item`'s parts when it is a pair: two to four element children, exactly one a value by its class, one a label (by
 * class, or the words before the value ending with a colon), any others short words with a class; no control in or
 * around it; else undefined.
 */
function pairParts(item: Element): PairParts | undefined {
  const count = childElementCountOf(item);
  if (count < 2 || count > MAX_PARTS) return undefined;
  const parts = Array.from(childrenOf(item));
  const values = parts.filter((part) => tokensOf(part).some((token) => VALUE_CLASS.test(token)));
  if (values.length !== 1) return undefined;
  const value = values[0]!;
  const labels = parts.filter((part) => part !== value && tokensOf(part).some((token) => LABEL_CLASS.test(token)));
  const before = parts[parts.indexOf(value) - 1];
  const label = labels.length === 1 ? labels[0]! : !labels.length && before && sampleText(before).endsWith(':') ? before : undefined;
  if (!label || matchesOf(item, CONTROLS) || matchesOf(item, TABLE_PARTS) || queryOf(item, CONTROLS)) return undefined;
  const labelText = sampleText(label);
  if (!labelText || labelText.length > MAX_LABEL || !/\p{L}/u.test(labelText)) return undefined;
  const valueText = sampleText(value);
  if (!valueText || valueText.length > MAX_VALUE) return undefined;
  const extras: string[] = [];
  for (const part of parts) {
    if (part === label || part === value) continue;
    const token = tokensOf(part)[0];
    if (sampleText(part).length > MAX_VALUE) return undefined;
    // A note with no class under one value ("Includes $128.25 pending") leaves its pair one (explorer, session 63: that
    // balance was no entry); no field reads it.
    if (token) extras.push(token);
  }
  return {
    value: tokensOf(value).find((token) => VALUE_CLASS.test(token))!,
    label: labels.length === 1 ? tokensOf(label).find((token) => LABEL_CLASS.test(token))! : parts.indexOf(label) + 1,
    extras,
  };
}

/** A box's items: its children of the first pair's tag sharing a class with it (zebra rows' `odd`/`even` aside), whose label and value are found alike. */
function pairsIn(box: Element): { items: Element[]; parts: PairParts } | undefined {
  if (matchesOf(box, TABLE_PARTS)) return undefined;
  let first: { el: Element; parts: PairParts; tokens: Set<string> } | undefined;
  const items: Element[] = [];
  const extras: string[] = [];
  for (const child of childrenOf(box)) {
    if (first && (tagOf(child) !== tagOf(first.el) || (first.tokens.size > 0 && !tokensOf(child).some((token) => first!.tokens.has(token))))) continue;
    const parts = pairParts(child);
    if (!parts || (first && (parts.value !== first.parts.value || parts.label !== first.parts.label))) continue;
    first ??= { el: child, parts, tokens: new Set(tokensOf(child)) };
    for (const token of parts.extras) if (!extras.includes(token)) extras.push(token);
    items.push(child);
    if (items.length > MAX_PAIRS) break;
  }
  return first && items.length >= MIN_PAIRS ? { items, parts: { ...first.parts, extras: extras.slice(0, MAX_EXTRAS) } } : undefined;
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
  const { label, value, extras } = found.parts;
  const used = new Set(['label', 'value', ...RESERVED_FIELD_NAMES]);
  const fields = [
    { name: 'label', selector: typeof label === 'number' ? `:scope > :nth-child(${label})` : `:scope > ${cssClass(label)}` },
    { name: 'value', selector: `:scope > ${cssClass(value)}` },
    ...extras.map((token) => {
      const base = partName(token) || 'text';
      let name = base;
      for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
      used.add(name);
      return { name, selector: `:scope > ${cssClass(token)}` };
    }),
  ];
  const slots: ListSlot[] = fields.map(({ name, selector }) => ({ name, kind: 'text', selector }));
  const samples = items.slice(0, SAMPLES).map((item) => {
    const sample: Record<string, string> = {};
    for (const { name, selector } of fields) {
      const part = queryOf(item, selector);
      const text = part ? sampleText(part) : '';
      if (text) sample[name] = truncate(text, 60);
    }
    return sample;
  });
  const shared = tokensOf(items[0]!).filter((token) => items.every((item) => tokensOf(item).includes(token)));
  const tag = tagOf(items[0]!).toLowerCase();
  const query = itemQueryFor(box, items, [`:scope > ${tag}${shared.map(cssClass).join('')}`, `:scope > ${tag}`], cache);
  return {
    container: box, items, members: [], slots, fields: slots.map((slot) => slot.name), actions: [], samples, fallbackName: 'details',
    itemSelector: query.selector, ...(query.paths ? { itemPaths: query.paths } : {}),
  };
}
