/**
 * Columns of cards (a kanban board's To Do, In Progress, Done) are lists of their own, not items of one list: taken as
 * one list of columns, a board's cards were fields `list_cards`, `list_cards_3` of three items, the cards of a column
 * no item a script could open (explorer, session 48).
 *
 * A column is an item of a list that carries a heading of its own — words, not a link or button (a search result's
 * linked title is no column) — and, under one path, rows alike that hold a good part of its controls. The rows are
 * cards: not controls themselves, most with two parts or more (a footer's columns of one link each are no board), and
 * their words differ (a product card's "Add to cart" and "Wishlist" rows, alike in every card, are its actions). Where
 * the page is laid out, two columns at least stand side by side. Each column's rows are then a list (one card is a list
 * too: the other columns show the rows' shape) and the column's other controls (rename, list actions, add a card) stay
 * entries; build.ts puts both under the column's heading.
 */
import type { Candidate } from './walk.ts';
import { textOf } from './dom.ts';
import { childrenOf, closestOf, containsOf, firstChildOf, firstElementChildOf, nextElementOf, nextSiblingOf, nodeTypeOf, parentOf, queryAllOf, queryOf, rectOf } from './dom-safe.ts';

export interface ColumnRows {
  /** The column: the item of the list of columns. */
  column: Element;
  /** Its heading, which names its section. */
  heading: Element;
  container: Element;
  rows: Element[];
  members: Map<Element, Candidate[]>;
}

/** What the caller knows of elements: their shape among siblings and a path from an item. */
export interface RowShapes {
  /** Siblings alike: same tag, role and children's tags (lists.ts `signature`). */
  signature: (el: Element) => string;
  /** Tag and stable class (lists.ts `baseStep`): a column of one card has no sibling to be alike with. */
  shape: (el: Element) => string;
  /** `el`'s path from `item` (lists.ts `relativeSelector`). */
  pathFrom: (item: Element, el: Element) => string;
  /** The element at `path` from `item` (lists.ts `slotElement`). */
  at: (item: Element, path: string) => Element | null;
}

const MIN_ROWS = 3;
/** Rows hold at least this part of the columns' controls: headed blocks with a row or two of links are no board. */
const ROW_SHARE = 1 / 3;
const HEADINGS = 'h1,h2,h3,h4,h5,h6,[role=heading]';
const CONTROLS = 'a[href],button,input,select,textarea,[role=button],[role=link],[role=tab],[contenteditable=true],label,summary';
/** Parts of a row: its controls and the elements with words of their own, up to this many looked at. */
const MAX_PARTS = 40;

/** The rows of each column, or undefined when `items` are no columns of cards. */
export function columnsOfRows(items: readonly Element[], memberMap: Map<Element, Candidate[]>, shapes: RowShapes): ColumnRows[] | undefined {
  if (memberMap.size < 2) return undefined;
  const controls = new Set([...memberMap.values()].flat().map((c) => c.el));
  // The rows most controls vote for; else the next (a column's header and its cards' box alike in shape by chance:
  // Jira's, the header holding the heading; explorer, session 64).
  for (const rows of rowsVoted(memberMap, shapes).slice(0, 3)) {
    const found = columnsAlong(items, memberMap, shapes, rows, controls);
    if (found) return found;
  }
  return undefined;
}

/** The columns' rows at `best` (a path under each column and the rows' shape), or undefined where they make no board. */
function columnsAlong(items: readonly Element[], memberMap: Map<Element, Candidate[]>, shapes: RowShapes, best: { path: string; shape: string },
  controls: ReadonlySet<Element>): ColumnRows[] | undefined {
  const columns: ColumnRows[] = [];
  const allRows: Element[] = [];
  let inRows = 0;
  let all = 0;
  for (const item of items) {
    const found = memberMap.get(item) ?? [];
    all += found.length;
    const container = shapes.at(item, best.path);
    const rows = container ? Array.from(childrenOf(container)).filter((child) => shapes.shape(child) === best.shape) : [];
    // A row that is a control itself is no card, but for one that holds controls of its own (Jira's card, a `role=button`
    // around its key link and actions button).
    if (rows.some((row) => controls.has(row) && !queryOf(row, CONTROLS))) return undefined;
    const heading = headingOf(item, rows);
    if (!heading) return undefined;
    allRows.push(...rows);
    const members = new Map<Element, Candidate[]>();
    for (const row of rows) {
      const inRow = found.filter((c) => containsOf(row, c.el));
      inRows += inRow.length;
      if (inRow.length) members.set(row, inRow);
    }
    if (members.size) columns.push({ column: item, heading, container: container!, rows, members });
  }
  if (allRows.length < MIN_ROWS || inRows < all * ROW_SHARE || columns.length < 2) return undefined;
  const cards = allRows.filter((row) => partsOf(row, controls) >= 2).length;
  if (cards * 2 < allRows.length) return undefined;
  if (new Set(allRows.map((row) => textOf(row, 120))).size * 2 < allRows.length) return undefined;
  return sideBySide(columns.map((c) => c.column)) ? columns : undefined;
}

/**
 * Paths and shapes of the rows, most voted first: each control votes for the elements above it under a column that are
 * alike with a sibling, the outermost first and the ones inside it after (ties go to the outermost).
 */
function rowsVoted(memberMap: Map<Element, Candidate[]>, shapes: RowShapes): { path: string; shape: string }[] {
  const votes = new Map<string, { path: string; shape: string; votes: number; outer: number }>();
  for (const [item, found] of memberMap) {
    for (const candidate of found) {
      const rows: Element[] = [];
      for (let node: Element | null = candidate.el; node && node !== item; node = parentOf(node)) {
        const parent = parentOf(node);
        if (!parent || !containsOf(item, parent)) break;
        const sig = shapes.signature(node);
        let alike = 0;
        for (let sibling = firstElementChildOf(parent); sibling && alike < 2; sibling = nextElementOf(sibling)) if (shapes.signature(sibling) === sig) alike++;
        if (alike >= 2) rows.push(node);
      }
      rows.reverse().forEach((row, depth) => {
        const path = shapes.pathFrom(item, parentOf(row)!);
        const shape = shapes.shape(row);
        const key = `${path}\n${shape}`;
        const known = votes.get(key);
        if (known) known.votes++; else votes.set(key, { path, shape, votes: 1, outer: depth });
      });
    }
  }
  return [...votes.values()].sort((a, b) => b.votes - a.votes || a.outer - b.outer);
}

/** A heading of the column's own, outside its rows, neither in a control nor holding one: words that name the column. */
function headingOf(item: Element, rows: readonly Element[]): Element | undefined {
  for (const heading of Array.from(queryAllOf(item, HEADINGS))) {
    if (rows.some((row) => containsOf(row, heading)) || !textOf(heading, 80)) continue;
    const around = closestOf(heading, CONTROLS);
    if ((around && containsOf(item, around)) || queryOf(heading, CONTROLS)) continue;
    return heading;
  }
  return undefined;
}

/** A row's controls and the elements holding words of their own outside them, counted up to 2. */
export function partsOf(row: Element, controls: ReadonlySet<Element>): number {
  let parts = 0;
  let seen = 0;
  for (const el of Array.from(queryAllOf(row, '*'))) {
    if (++seen > MAX_PARTS) break;
    if (controls.has(el)) parts++;
    else if (ownWords(el)) parts++;
    if (parts >= 2) return parts;
  }
  return parts;
}

function ownWords(el: Element): boolean {
  for (let node = firstChildOf(el); node; node = nextSiblingOf(node)) if (nodeTypeOf(node) === 3 && /[\p{L}\p{N}]/u.test(node.nodeValue ?? '')) return true;
  return false;
}

/**
 * Two columns at least side by side (overlapping from top to bottom, apart from left to right), where the page is laid
 * out: headed blocks stacked one under the other are sections, not a board. A page not laid out (no sizes) is taken as is.
 */
export function sideBySide(columns: readonly Element[]): boolean {
  const boxes = columns.map(rectOf).filter((box) => box.width > 0 && box.height > 0);
  if (boxes.length < 2) return true;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      if (a.top < b.bottom && b.top < a.bottom && (a.right <= b.left || b.right <= a.left)) return true;
    }
  }
  return false;
}
