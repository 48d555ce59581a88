/**
 * Rows of data drawn as repeated boxes with no control in them: an order summary's line items (`.line-item__name`,
 * `__qty`, `__price`), an activity feed (`__who`, `__what`, a `<time>`), transactions in a `<ul>`. lists.ts finds
 * lists by their controls and data-tables.ts reads tables, so these were no entry at all: the same transactions were a
 * list in a `<table>` and nothing in a `<ul>` (explorer, session 56). Each such box is a read-only list whose fields are
 * its items' parts, named and sampled as any list's (lists.ts, recordsList): `$line_items.find("Socks").price.text()`.
 *
 * A box is one whose children are mostly (two thirds) items alike (tag and first class, three or more; two in a list
 * element), not in a table's cell nor a row of another such box. No item scanned is or holds a control or a table,
 * or says more than a few lines (prose: an article's bullet points); each shows parts
 * named by a class (or a `<time>`), none three times (a group of records is no record); two such parts at least are in
 * most items, and one of them reads differently from item to item.
 */
import { ownText, sampleText, stylingClass } from './lists.ts';
import { TEST_HOOKS } from './text.ts';
import { CONTROLS, TABLE_PARTS } from './pair-boxes.ts';
import { tagOf, textOf } from './dom.ts';
import { attr, childElementCountOf, childrenOf, classNameOf, closestOf, containsOf, matchesOf, parentOf, queryAllOf, queryOf } from './dom-safe.ts';

const MIN_ITEMS = 3;
const MIN_LISTED = 2;
const LIST_BOX = 'ul, ol, [role=list]';
/** Boxes looked at, at most (a page of div soup has thousands). */
const MAX_BOXES = 1500;
const MAX_CHILDREN = 2000;
const SCANNED_ITEMS = 12;
/** More words than this in one item: prose, not a row of data. */
const MAX_ITEM_CHARS = 300;
const MAX_PART_DEPTH = 4;
const MAX_ITEM_ELEMENTS = 40;
const WORDS = /[\p{L}\p{N}]/u;
const ITEM_STATE = /--|^(is|has)-|^(active|selected|current|unread|read|new|odd|even|first|last|disabled|expanded|collapsed|open|pending|posted)$/i;

/**
 * What makes items alike: tag and first class that is no state or variant (`tx tx--pending` is a `tx`; `invoice
 * overdue` an `invoice` as `invoice paid` is: a class saying a row's state must not leave the row out).
 */
function itemKey(el: Element): string {
  return `${tagOf(el)}.${classNameOf(el).split(/\s+/).find((token) => token && !ITEM_STATE.test(token)) ?? ''}`;
}

/**
 * A part's key: a `<time>`'s, or its test id (Zendesk's `omni-log-item-sender`), or its first class that names it, or
 * undefined for an element neither names.
 */
function partKey(el: Element): string | undefined {
  const hook = TEST_HOOKS.map((name) => attr(el, name)).find((value) => value && value.length <= 60 && !/\d{3,}/.test(value));
  const named = hook ? `@${hook}` : classNameOf(el).split(/\s+/).find((token) => token && !stylingClass(token) && !ITEM_STATE.test(token));
  if (tagOf(el) === 'TIME') return `TIME.${named ?? ''}`;
  return named ? `${tagOf(el)}.${named}` : undefined;
}

/**
 * A control in the item other than a few plain links: a comment's author and permalink, a message's attachment or an
 * inline link leave it a record (Stack Overflow's comments, Zendesk's conversation: explorer, session 62); a button,
 * a field or a fourth link make it a list's item (lists.ts), and an item that is itself a link is a list of links.
 */
function holdsControl(item: Element): boolean {
  if (matchesOf(item, CONTROLS)) return true;
  const controls = Array.from(queryAllOf(item, CONTROLS));
  return controls.length > MAX_LINKS || controls.some((el) => !matchesOf(el, PLAIN_LINK));
}
const MAX_LINKS = 3;
const PLAIN_LINK = 'a[href]:not([role]):not([tabindex])';

/**
 * The item's parts with words (key → its text), or undefined where a key comes three times (a group, not a row). A
 * part in a link is keyed `~` first: what a link says makes no record alone (a table of contents is links, no rows).
 */
function partsOf(item: Element): Map<string, string> | undefined {
  const parts = new Map<string, string>();
  const seen = new Map<string, number>();
  let visited = 0;
  const visit = (el: Element, depth: number, linked: boolean): boolean => {
    for (const child of Array.from(childrenOf(el))) {
      if (++visited > MAX_ITEM_ELEMENTS) return false;
      const inLink = linked || matchesOf(child, PLAIN_LINK);
      const named = (ownText(child, WORDS) || tagOf(child) === 'TIME') ? partKey(child) : undefined;
      const key = named && inLink ? `~${named}` : named;
      if (key) {
        const times = (seen.get(key) ?? 0) + 1;
        if (times >= 3) return false;
        seen.set(key, times);
        if (!parts.has(key)) parts.set(key, sampleText(child));
      }
      if (depth < MAX_PART_DEPTH && !visit(child, depth + 1, inLink)) return false;
    }
    return true;
  };
  return visit(item, 1, false) ? parts : undefined;
}

/** The box's rows (see the file's comment), or undefined where it is no box of rows. */
export function recordItemsIn(box: Element): Element[] | undefined {
  const count = childElementCountOf(box);
  if (count < MIN_LISTED || count > MAX_CHILDREN || matchesOf(box, TABLE_PARTS) || matchesOf(box, CONTROLS)) return undefined;
  const children = Array.from(childrenOf(box));
  const byKey = new Map<string, Element[]>();
  for (const child of children) {
    const key = itemKey(child);
    const same = byKey.get(key);
    if (same) same.push(child); else byKey.set(key, [child]);
  }
  const items = [...byKey.values()].reduce((best, same) => (same.length > best.length ? same : best), [] as Element[]);
  // A list element's two rows are a list (a cart of two line items), two blocks side by side not yet.
  const least = matchesOf(box, LIST_BOX) ? MIN_LISTED : MIN_ITEMS;
  if (items.length < least || items.length * 3 < children.length * 2) return undefined;
  const scanned = items.slice(0, SCANNED_ITEMS);
  const found = new Map<string, Set<string>>();
  const holding = new Map<string, number>();
  for (const item of scanned) {
    // The words first: a few lines bound what the look for its controls then walks.
    if (textOf(item, MAX_ITEM_CHARS + 1).length > MAX_ITEM_CHARS) return undefined;
    if (holdsControl(item) || matchesOf(item, TABLE_PARTS) || queryOf(item, TABLE_PARTS)) return undefined;
    const parts = partsOf(item);
    if (!parts) return undefined;
    for (const [key, text] of parts) {
      const texts = found.get(key);
      if (texts) texts.add(text); else found.set(key, new Set([text]));
      holding.set(key, (holding.get(key) ?? 0) + 1);
    }
  }
  const shared = [...holding].filter(([, items]) => items * 3 >= scanned.length * 2).map(([key]) => key);
  if (shared.length < 2 || !shared.some((key) => !key.startsWith('~') && found.get(key)!.size > 1)) return undefined;
  return items;
}

/**
 * The boxes of rows in `root` (the walk reads each as a table: walk.ts, data-tables.ts), not those in `taken` (boxes
 * of label/value pairs). Lists (`ul`, `ol`, role=list) and the parents of three like classed blocks in a row.
 */
export function recordBoxesOf(root: Document | Element, taken: ReadonlySet<Element>): Set<Element> {
  const boxes = new Set<Element>();
  const seen = new Set<Element>();
  const rows = new Map<Element, Element[]>();
  const consider = (box: Element | null): boolean => {
    if (!box || seen.has(box)) return true;
    seen.add(box);
    // Not in a table's cell or a description's value (a team's members in a cell): that cell reads them.
    const items = taken.has(box) || closestOf(box, IN_CELL) ? undefined : recordItemsIn(box);
    if (items) rows.set(box, items);
    return seen.size < MAX_BOXES;
  };
  scan: {
    for (const list of Array.from(queryAllOf(root, LIST_BOX))) if (!consider(list)) break scan;
    for (const third of Array.from(queryAllOf(root, 'div[class] + div[class] + div[class], article[class] + article[class] + article[class]'))) {
      if (!consider(parentOf(third))) break scan;
    }
  }
  // Not in a row of another box of rows: that row reads it (an order's line items in a list of orders).
  const found = [...rows];
  for (const [box] of found) if (!found.some(([other, items]) => other !== box && items.some((item) => containsOf(item, box)))) boxes.add(box);
  return boxes;
}
const IN_CELL = 'td, th, dd, [role=cell], [role=gridcell]';
