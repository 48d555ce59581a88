/**
 * Rows spread over columns: a week view's events, each day a column holding a few of them (`div[role=gridcell] >
 * div.evt`), are one list of events in reading order. Taken as they were, the days were the items and an event a slot
 * of its day (`standup_9_30am`, `evt`: explorer, session 50), or with fewer than three days every event an entry.
 *
 * Rows are controls of one tag and class, each with two parts with words at least (an event's title and time, not a
 * card's tag link), each a child of a column; columns are siblings of one step, three at least, two holding rows, one
 * two rows or more, nothing else in them with words, and where the page is laid out, side by side. A heading each
 * column has of its own, of one step (a day's "Tuesday, June 10", often only for screen readers), is a field of its
 * rows: `day`. The result is a thread (threads.ts) that nests nothing.
 */
import type { Thread } from './threads.ts';
import { partsOf, sideBySide } from './board-columns.ts';
import { childrenOf, parentOf, queryAllOf, textContentOf } from './dom-safe.ts';
import { calendarOf, maybeCalendar } from './calendar.ts';

/** A field read from the item's column, not the item (lists.ts slotElement): `:parent > h2.sr`. */
export const PARENT_SLOT = ':parent > ';

const MIN_COLUMNS = 3;
const MIN_ROWS = 3;
const MAX_ROWS = 2_000;
const HEADINGS = 'h1,h2,h3,h4,h5,h6,[role=heading]';
/** A row's parts counted by words alone (board-columns.ts partsOf counts controls too). */
const NO_CONTROLS: ReadonlySet<Element> = new Set();

/** The rows of spread lists, each mapped to its list; `known` rows (a thread's) are left alone. */
export function spreadRows(candidates: readonly { el: Element }[], stepOf: (el: Element) => string, stops: ReadonlySet<Element>,
  known: ReadonlyMap<Element, Thread>): Map<Element, Thread> {
  const out = new Map<Element, Thread>();
  const controls = new Set(candidates.map((c) => c.el));
  const looked = new Set<Element>();
  for (const { el } of candidates) {
    if (known.has(el) || out.has(el)) continue;
    const rowStep = stepOf(el);
    const column = parentOf(el);
    const grid = column && parentOf(column);
    if (!rowStep.includes('.') || !grid || stops.has(column) || looked.has(grid)) continue;
    looked.add(grid);
    // A month's weeks of days are a calendar's one list of days (calendar.ts), not days spread over weeks.
    if (inCalendar(grid)) continue;
    const thread = spreadUnder(grid, stepOf(column), rowStep, controls, stepOf);
    if (thread) for (const row of thread.items) out.set(row, thread);
  }
  return out;
}

function inCalendar(grid: Element): boolean {
  for (let node: Element | null = grid, n = 0; node && n < 4; node = parentOf(node), n++) if (maybeCalendar(node) && calendarOf(node)) return true;
  return false;
}

function spreadUnder(grid: Element, columnStep: string, rowStep: string, controls: ReadonlySet<Element>, stepOf: (el: Element) => string): Thread | undefined {
  if (columnStep === rowStep) return undefined;
  const columns = Array.from(childrenOf(grid)).filter((child) => stepOf(child) === columnStep);
  if (columns.length < MIN_COLUMNS) return undefined;
  const rows: Element[] = [];
  let filled = 0;
  let several = false;
  const heads = new Set<string>();
  for (const column of columns) {
    const headings = Array.from(queryAllOf(column, HEADINGS));
    if (headings.length > 1 || (headings[0] && parentOf(headings[0]) !== column)) return undefined;
    heads.add(headings[0] ? stepOf(headings[0]) : '');
    const children = Array.from(childrenOf(column));
    const own = children.filter((child) => stepOf(child) === rowStep);
    // Nothing else in it says anything: a card's one link beside its price is the card's, and the card the item.
    if (children.some((child) => !own.includes(child) && child !== headings[0] && /[\p{L}\p{N}]/u.test(textContentOf(child) ?? ''))) return undefined;
    if (own.length) filled++;
    if (own.length > 1) several = true;
    rows.push(...own);
    if (rows.length > MAX_ROWS) return undefined;
  }
  // One column with two rows at least: columns of one row each are the items themselves (cards, a menu's entries).
  if (rows.length < MIN_ROWS || filled < 2 || !several) return undefined;
  // Each a block of parts (an event's title and time), not a word (a card's tag links, a chip).
  if (!rows.every((row) => controls.has(row) && partsOf(row, NO_CONTROLS) >= 2)) return undefined;
  if (!sideBySide(columns.filter((column) => rows.some((row) => parentOf(row) === column)))) return undefined;
  // Every column headed alike, or none: some with a heading and some without are no one kind of column.
  if (heads.size > 1) return undefined;
  const [head] = heads;
  return { container: grid, items: rows, selector: `${columnStep} > ${rowStep}`, ...(head ? { head: `${PARENT_SLOT}${head}` } : {}) };
}
