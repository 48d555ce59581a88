/**
 * Lists that draw only the items in view (a virtualized grid, as AG Grid's or MUI's data grid, a long listbox): the
 * page says how many items there are — `aria-rowcount` on the grid (its header rows counted), `aria-setsize` on each
 * item — where the DOM holds a few dozen. The document says "list(14 of 1000)", so a script (and the model writing it)
 * knows that the rows it reads are not all of them.
 */
import { attr, closestOf, comparePosition, queryAllOf, queryOf } from './dom-safe.ts';

/** Larger declared totals are not believed. */
const MAX_TOTAL = 10_000_000;

const count = (raw: string | null): number | undefined => {
  const n = raw === null ? Number.NaN : Number(raw.trim());
  return Number.isInteger(n) && n > 0 && n <= MAX_TOTAL ? n : undefined;
};

/** An item's own `aria-setsize`, or that of the first element in it that has one (an option in a wrapper). */
function setSizeOf(item: Element): number | undefined {
  const own = count(attr(item, 'aria-setsize'));
  if (own !== undefined) return own;
  const inner = queryOf(item, '[aria-setsize]');
  return inner ? count(attr(inner, 'aria-setsize')) : undefined;
}

/** Rows of a grid read at most: past them the grid is taken to draw all it has. */
const MAX_ROWS = 2_000;

interface Declared {
  total: number;
  /** Rows the grid draws above its items (its header rows), counted in its `aria-rowcount`. */
  headerRows: number;
}

/** A row's (or an item's row's) `aria-rowindex`. */
function rowIndexOf(el: Element): number | undefined {
  const row = attr(el, 'aria-rowindex') !== null ? el : closestOf(el, '[aria-rowindex]') ?? queryOf(el, '[aria-rowindex]');
  return row ? count(attr(row, 'aria-rowindex')) : undefined;
}

/**
 * A grid's declared rows, less the rows it draws above and below its items (header rows, a totals row), by their
 * `aria-rowindex` (else by where they stand); rows beside the items (a pinned column's copies of them, the same
 * `aria-rowindex`) are neither. Only where it declares more rows than there are items (else it draws all it has), and
 * reads no more than MAX_ROWS rows.
 */
function declaredRows(container: Element, items: readonly Element[]): Declared | undefined {
  const grid = closestOf(container, '[aria-rowcount]');
  const rowCount = grid ? count(attr(grid, 'aria-rowcount')) : undefined;
  if (!grid || rowCount === undefined || rowCount <= items.length) return undefined;
  const rows = queryAllOf(grid, '[role=row], tr');
  if (rows.length > MAX_ROWS) return undefined;
  // Item rows: the items, the rows items sit in, the rows inside items (an item wrapping its row).
  const itemRows = new Set<Element>();
  for (const item of items) {
    itemRows.add(item);
    const around = closestOf(item, '[role=row], tr');
    if (around) itemRows.add(around);
    const inner = queryOf(item, '[role=row], tr');
    if (inner) itemRows.add(inner);
  }
  const indexes = items.map(rowIndexOf).filter((n): n is number => n !== undefined);
  const lowest = indexes.length ? Math.min(...indexes) : undefined;
  const highest = indexes.length ? Math.max(...indexes) : undefined;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  let above = 0;
  let below = 0;
  for (const row of Array.from(rows)) {
    if (itemRows.has(row) || closestOf(row, '[aria-rowcount]') !== grid) continue;
    const at = count(attr(row, 'aria-rowindex'));
    if (at !== undefined && lowest !== undefined && highest !== undefined) {
      if (at < lowest) above++;
      else if (at > highest) below++;
    } else if (comparePosition(row, first) & 4) above++; // the row comes before the first item
    else if (comparePosition(last, row) & 4) below++;
  }
  return { total: rowCount - above - below, headerRows: above };
}

/** What the page declares of a list of `items`: its total (when more than drawn) and the grid's header rows. */
function declared(container: Element, items: readonly Element[]): Declared | undefined {
  if (!items.length) return undefined;
  let found: Declared | undefined;
  if (closestOf(container, '[aria-rowcount]')) {
    found = declaredRows(container, items);
  } else {
    const sizes = new Set(items.slice(0, 5).map(setSizeOf));
    const [size] = sizes;
    if (sizes.size === 1 && size !== undefined) found = { total: size, headerRows: 0 };
  }
  return found && found.total > items.length ? found : undefined;
}

/**
 * The number of items the page declares for a list of `items` in `container`, when it is more than those drawn;
 * undefined otherwise. Rows of the grid that are not items (its header rows) are taken off its `aria-rowcount`.
 */
export function declaredTotal(container: Element, items: readonly Element[]): number | undefined {
  return declared(container, items)?.total;
}

/** An item's place among all the list's items (1 for the first), as the page declares it. */
function positionOf(item: Element, headerRows: number): number | undefined {
  const inset = count(attr(item, 'aria-posinset') ?? attr(queryOf(item, '[aria-posinset]') ?? item, 'aria-posinset'));
  if (inset !== undefined) return inset;
  const row = count(attr(item, 'aria-rowindex') ?? attr(queryOf(item, '[aria-rowindex]') ?? item, 'aria-rowindex'));
  return row === undefined ? undefined : row - headerRows;
}

/**
 * For a list that draws only the items in view: how many of its items there are up to the last one drawn (its place
 * among them all), which grows as the list is scrolled down and stays at the total at its end. Undefined for a list
 * that draws all it has, or whose items do not say their place.
 */
export function drawnUpTo(container: Element, items: readonly Element[]): number | undefined {
  const found = declared(container, items);
  return found ? positionOf(items[items.length - 1]!, found.headerRows) : undefined;
}
