/**
 * Tiles laid out in rows: a file manager's grid of files (`[role=grid] > [role=row] > [role=gridcell]`, a few to a
 * row, no column headers) is one list of its tiles, not a list of the first row's three and the other rows' tiles
 * entries (explorer, session 52: "select all PDFs" saw three files of five). A grid with column headers is a table,
 * and a grid of one control a cell (seats, swatches) a grid of rows: their rows are the items. The result is a thread
 * (threads.ts) that nests nothing, as spread rows are.
 */
import type { Thread } from './threads.ts';
import { roleOf } from './classify.ts';
import { childrenOf, closestOf, parentOf, queryOf } from './dom-safe.ts';
import { partsOf } from './board-columns.ts';

const MIN_TILES = 3;
const MAX_TILES = 2_000;
const MIN_ROWS = 2;

/** The tiles of tile grids, each mapped to its list; `known` items (a thread's, spread rows) are left alone. */
export function tileRows(candidates: readonly { el: Element }[], stepOf: (el: Element) => string, known: ReadonlyMap<Element, Thread>): Map<Element, Thread> {
  const out = new Map<Element, Thread>();
  const looked = new Set<Element>();
  const controls = new Set(candidates.map((c) => c.el));
  for (const { el } of candidates) {
    const tile = closestOf(el, '[role=gridcell]');
    const row = tile && parentOf(tile);
    const grid = row && roleOf(row) === 'row' ? parentOf(row) : null;
    if (!tile || !grid || roleOf(grid) !== 'grid' || looked.has(grid) || known.has(tile)) continue;
    looked.add(grid);
    const thread = tilesOf(grid, stepOf, controls);
    if (thread) for (const item of thread.items) out.set(item, thread);
  }
  return out;
}

function tilesOf(grid: Element, stepOf: (el: Element) => string, controls: ReadonlySet<Element>): Thread | undefined {
  if (queryOf(grid, '[role=columnheader], [role=rowheader]')) return undefined;
  const rows = Array.from(childrenOf(grid));
  if (rows.length < MIN_ROWS || !rows.every((row) => roleOf(row) === 'row')) return undefined;
  const rowStep = stepOf(rows[0]!);
  const tiles: Element[] = [];
  let tileStep: string | undefined;
  for (const row of rows) {
    if (stepOf(row) !== rowStep) return undefined;
    for (const cell of Array.from(childrenOf(row))) {
      if (roleOf(cell) !== 'gridcell') return undefined;
      tileStep ??= stepOf(cell);
      if (stepOf(cell) !== tileStep) return undefined;
      tiles.push(cell);
      if (tiles.length > MAX_TILES) return undefined;
    }
  }
  // A row of one tile each is a list of rows already.
  if (tiles.length < MIN_TILES || tiles.length === rows.length || !tileStep) return undefined;
  // Each a tile of parts (a file's name and its box), not one control a cell (a seat map's seats, a colour picker's
  // swatches: their rows stay the items).
  if (!tiles.every((tile) => partsOf(tile, controls) >= 2)) return undefined;
  // And alike: a roster's name cell and its role-and-Remove cell are two columns of one row (review, session 52).
  const shape = shapeOf(tiles[0]!, stepOf);
  if (!tiles.every((tile) => shapeOf(tile, stepOf) === shape)) return undefined;
  return { container: grid, items: tiles, selector: `${rowStep} > ${tileStep}` };
}

const shapeOf = (tile: Element, stepOf: (el: Element) => string): string => Array.from(childrenOf(tile), stepOf).join(',');
