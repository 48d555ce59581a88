/**
 * Lists that draw only the items in view (a virtualized grid, as AG Grid's or MUI's data grid, a long listbox): the
 * page says how many items there are — `aria-rowcount` on the grid (its header rows counted), `aria-setsize` on each
 * item — where the DOM holds a few dozen. The document says "list(14 of 1000)", so a script (and the model writing it)
 * knows that the rows it reads are not all of them. Lists that declare nothing but say their items' places (`data-index`,
 * rows stacked at `top: k × height`) answer `scroll()` with how far down they are drawn too.
 */
import { attr, childElementCountOf, childrenOf, clientHeightOf, closestOf, comparePosition, containsOf, nextElementOf, ownerDocOf, parentOf, previousElementOf, queryAllOf, queryOf, rectOf, scrollHeightOf, textContentOf } from './dom-safe.ts';
import { hasLayout, styleOf } from './dom.ts';

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

/** More drawn items than this: not a list that draws only the rows in view. */
const MAX_DRAWN = 500;

const wholeNumber = (raw: string | null): number | undefined => {
  const n = raw === null || raw.trim() === '' ? Number.NaN : Number(raw.trim());
  return Number.isInteger(n) && n >= 0 && n < MAX_TOTAL ? n : undefined;
};

/** A length in pixels an element's style attribute gives it (react-window writes its rows' top and height there). */
const STYLED_PX = {
  top: /(?:^|;)\s*top\s*:\s*(\d+(?:\.\d+)?)px/i,
  height: /(?:^|;)\s*height\s*:\s*(\d+(?:\.\d+)?)px/i,
};

function styledPx(el: Element, property: 'top' | 'height'): number | undefined {
  const match = STYLED_PX[property].exec(attr(el, 'style') ?? '');
  return match ? Number(match[1]) : undefined;
}

interface Implied {
  /** The place (from 0) of the last item drawn. */
  last: number;
  /** The page's markup leaves room for rows not drawn (WindowFit). */
  spacers: boolean;
  /** How many items the list's box is tall enough for, where it says. */
  total?: number;
}

/** Places that run on one by one from the first (each item's place is the one before it plus one). */
const consecutive = (places: readonly (number | undefined)[]): places is number[] =>
  places.every((place, i) => place !== undefined && (i === 0 || place === places[i - 1]! + 1));

/** A length in pixels of a padding or height the box's style attribute gives it, where above zero. */
const ROOM = /(?:^|;)\s*(?:padding-top|padding-bottom|height|min-height)\s*:\s*0*[1-9]\d*(?:\.\d+)?px/i;

/** Whether an element scrolls what overflows it: a clip that holds more than it shows (not a clearfix's `overflow: hidden`). */
function scrolls(el: Element): boolean {
  const overflow = styleOf(el)?.overflowY;
  return !!overflow && overflow !== 'visible' && scrollHeightOf(el) > clientHeightOf(el) + 1;
}

/** What the boxes around `box` that scroll show (unbounded where none does: the window scrolls it). */
function clipOf(box: Element): { top: number; bottom: number } {
  let top = -Infinity;
  let bottom = Infinity;
  let steps = 0;
  for (let el = parentOf(box); el && steps < 60; el = parentOf(el), steps++) {
    if (!scrolls(el)) continue;
    const rect = rectOf(el);
    top = Math.max(top, rect.top);
    bottom = Math.min(bottom, rect.bottom);
  }
  return { top, bottom };
}

/** The box that gives a window's rows their room: a wrapper moved down to the rows in view (`translateY`) has none of its own. */
function roomBox(box: Element): Element {
  const parent = parentOf(box);
  return parent && /\btranslate(?:Y)?\(/i.test(attr(box, 'style') ?? '') ? parent : box;
}

/**
 * How tall what `room` holds besides the rows and the spacers around them is (a "Load more" button, a footer): no room
 * for rows not drawn (review, session 39: a list numbered from 1 with a button below it read as a window).
 */
function heightOfOthers(room: Element, items: readonly Element[]): number {
  let height = 0;
  const rows = new Set(items);
  const children = childrenOf(room);
  for (let i = 0; i < children.length && i < 1000; i++) {
    const child = children[i]!;
    if (rows.has(child) || containsOf(child, items[0]!)) continue;
    if (childElementCountOf(child) === 0 && !textContentOf(child).trim()) continue;
    height += rectOf(child).height;
  }
  return height;
}

/**
 * Whether the items drawn are a window onto more (review, session 38): their box has room for rows it does not draw
 * (a spacer padding, a height for all of them), and, where there is layout, the rows drawn fill what of the box is in
 * view, as a list that draws the rows in view does; out of view (below the fold), they fill its top as far as the
 * view would show. A page of results numbered from 40 fills its box, with no room for more; a day view's three events
 * in a 24-hour grid leave most of it empty.
 */
function drawsAWindow(items: readonly Element[]): WindowFit | undefined {
  const box = parentOf(items[0]!);
  if (!box) return undefined;
  const room = roomBox(box);
  if (!hasLayout(ownerDocOf(box))) return ROOM.test(attr(room, 'style') ?? '') || ROOM.test(attr(box, 'style') ?? '') ? { spacers: true } : undefined;
  const edges = items.map((item) => rectOf(item));
  const top = Math.min(...edges.map((r) => r.top));
  const bottom = Math.max(...edges.map((r) => r.bottom));
  const row = (bottom - top) / items.length;
  const boxRect = rectOf(room);
  // A box that scrolls its rows itself holds as much as it scrolls.
  const tall = Math.max(boxRect.height, scrolls(room) ? scrollHeightOf(room) : 0) - heightOfOthers(room, items);
  if (!(row > 0) || tall < bottom - top + row / 2) return undefined;
  const fill = (area: { top: number; bottom: number }) => area.bottom - area.top > 1 && top <= area.top + row && bottom >= area.bottom - row;
  const clip = clipOf(box);
  const windowHeight = ownerDocOf(box).defaultView?.innerHeight ?? 0;
  const area = { top: Math.max(clip.top, boxRect.top), bottom: Math.min(clip.bottom, boxRect.bottom) };
  const seen = { top: Math.max(area.top, 0), bottom: Math.min(area.bottom, windowHeight) };
  // Out of the window (below the fold): as its scroller shows it, or as the window would from the box's top.
  const fills = seen.bottom - seen.top > 1 ? fill(seen)
    : fill(Number.isFinite(clip.top) ? area : { top: boxRect.top, bottom: Math.min(boxRect.bottom, boxRect.top + windowHeight) });
  if (!fills) return undefined;
  // A virtualizer writes the room it leaves in style attributes; a style sheet's padding or height is no spacer
  // (review, session 40: a list of 20 rows, all drawn, with `padding: 20px 0` read as 20 of 21).
  const spacers = [room, box].some((el) => SPACER.test(attr(el, 'style') ?? ''))
    || isSpacer(previousElementOf(items[0]!)) || isSpacer(nextElementOf(items[items.length - 1]!));
  if (!spacers) return { spacers };
  // Rows of one height (the drawn ones as tall as each other, within a pixel) in room for a whole number of them.
  const heights = edges.map((r) => r.height);
  const even = Math.max(...heights) - Math.min(...heights) <= 1;
  const fits = tall / row;
  return even && Math.abs(fits - Math.round(fits)) < 0.1 ? { spacers, rows: Math.round(fits) } : { spacers };
}

/** A padding or height in pixels a style attribute gives (a min-height is no spacer: a box's least size). */
const SPACER = /(?:^|;)\s*(?:padding-top|padding-bottom|height)\s*:\s*0*[1-9]\d*(?:\.\d+)?px/i;
/** An empty element the page sizes in its style attribute: a spacer above or below the rows drawn. */
const isSpacer = (el: Element | null): boolean => !!el && childElementCountOf(el) === 0 && !textContentOf(el).trim() && SPACER.test(attr(el, 'style') ?? '');

/**
 * A window onto more rows: whether the page's own markup leaves the room (`spacers`: a style attribute's padding or
 * height, a sized empty element beside the rows), and then how many rows that room is tall enough for, where its rows
 * are of one height.
 */
interface WindowFit {
  spacers: boolean;
  rows?: number;
}

/**
 * Where a list that declares nothing still says its items' places: each item's `data-index` (react-virtuoso, TanStack
 * Virtual), or rows of one height stacked at `top: k × height` in a box as tall as all of them (react-window: the box's
 * height says how many there are). Only where every item has a place and they run on one by one.
 */
function implied(items: readonly Element[]): Implied | undefined {
  if (!items.length || items.length > MAX_DRAWN) return undefined;
  const indexes = items.map((item) => wholeNumber(attr(item, 'data-index') ?? attr(item, 'data-item-index')));
  if (consecutive(indexes)) {
    const fit = drawsAWindow(items);
    if (!fit) return undefined;
    const last = indexes[indexes.length - 1]!;
    // The room (spacers, a padding, a box as tall as all rows) says how many there are (explorer, session 39: a
    // model read `list(11)` and filtered the drawn rows as all).
    return { last, spacers: fit.spacers, ...(fit.rows !== undefined && fit.rows > last ? { total: fit.rows } : {}) };
  }
  const height = styledPx(items[0]!, 'height');
  if (!height) return undefined;
  const rows = items.map((item) => {
    const top = styledPx(item, 'top');
    const row = top === undefined || styledPx(item, 'height') !== height ? Number.NaN : top / height;
    return Math.abs(row - Math.round(row)) < 0.01 ? Math.round(row) : undefined;
  });
  const fit = consecutive(rows) ? drawsAWindow(items) : undefined;
  if (!fit || !consecutive(rows)) return undefined;
  const box = parentOf(items[0]!);
  const boxHeight = box ? styledPx(box, 'height') : undefined;
  const fits = boxHeight === undefined ? fit.rows ?? Number.NaN : boxHeight / height;
  const total = Number.isInteger(fits) && fits > rows[rows.length - 1]! ? fits : undefined;
  return { last: rows[rows.length - 1]!, spacers: fit.spacers, ...(total !== undefined ? { total } : {}) };
}

/**
 * The number of items the page declares for a list of `items` in `container`, when it is more than those drawn;
 * undefined otherwise. Rows of the grid that are not items (its header rows) are taken off its `aria-rowcount`.
 */
export function declaredTotal(container: Element, items: readonly Element[]): number | undefined {
  const total = declared(container, items)?.total ?? implied(items)?.total;
  return total !== undefined && total > items.length ? total : undefined;
}

/**
 * A list that draws only the rows in view, leaves room for the others in its markup and does not say how many there
 * are (rows of several heights between spacers): the document says there are more (`list(11 of more shown)`).
 */
export function drawsMoreUncounted(container: Element, items: readonly Element[]): boolean {
  if (declared(container, items)) return false;
  const places = implied(items);
  return !!places?.spacers && places.total === undefined;
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
  if (found) return positionOf(items[items.length - 1]!, found.headerRows);
  const places = implied(items);
  return places ? places.last + 1 : undefined;
}
