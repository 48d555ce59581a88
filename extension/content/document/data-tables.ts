/**
 * Data tables (prices, schedules, an order history) become lists: their body rows the items, their columns the fields,
 * named by the column headers. lists.ts finds lists by their controls, so a table with none was no entry at all and a
 * script could not read "the price of the 3rd plan" or sum a column.
 *
 * Only a regular grid with a header row is one (a `<table>`, or role=table/grid/treegrid with role=row and cell roles):
 * a header row of two or more header cells (`th`, role=columnheader, or a `thead`'s row) — or only title rows, one
 * header cell across the table (LWN's "By changesets" over names and counts: its columns are `column_1`, …, the titles
 * name it) — two or more rows of cells under it, no cell spanning rows in the body. Layout tables — no header cells, one column, a table holding tables (old
 * sites laid out in nested tables), role=presentation — are not, and neither is a table whose rows lists.ts made a
 * list already by their controls (those keep their names and actions), nor one inside an item of such a list.
 *
 * Each column is a text slot picked by position (`:scope > :nth-child(n)`), so `$prices[2].price.text()`,
 * `.find(text)` and `.map(…)` go through the executor's one path for list items (list-items.ts). A table's list is
 * named as any list of its rows (build.ts, listLabels: its caption among them), else `table`, and numbered after all
 * other entries: a table that becomes a list, or goes, renames none of them.
 */
import { DAYS_LIST, EVENTS_LIST } from './calendar.ts';
import type { ListSlot } from './types.ts';
import type { TableRef } from './walk.ts';
import type { DetectedList } from './lists.ts';
import { RESERVED_FIELD_NAMES, headerFieldName, headerText, recordsList, sampleText } from './lists.ts';
import { itemQueryFor } from './list-items.ts';
import { hiddenInline, moreElementsThan, shownItem, tagOf, textOf } from './dom.ts';
import { roleOf } from './classify.ts';
import type { LocatorCache } from './locators.ts';
import { truncate } from './text.ts';
import { attr, childrenOf, classNameOf, closestOf, containsOf, nextElementOf, parentOf, queryAllOf, queryOf } from './dom-safe.ts';
import { iconWords } from './icon-words.ts';
import { pairBoxList } from './pair-boxes.ts';
import { recordItemsIn } from './record-rows.ts';

/** A data table's list and where build.ts places it: before the candidate `at`, in `section` (a hidden panel's: `via`). */
export interface TableList {
  list: DetectedList;
  at: number;
  section: TableRef['section'];
  via?: Element;
}

/** Roles of an element that is a table (the walk notes them, with `<table>`s). */
export const TABLE_ROLES: ReadonlySet<string> = new Set(['table', 'grid', 'treegrid']);
const CELL_ROLES: ReadonlySet<string> = new Set(['cell', 'gridcell', 'columnheader', 'rowheader']);
export const TABLE_SELECTOR = 'table,[role=table],[role=grid],[role=treegrid]';
const MIN_ROWS = 2;
const MIN_COLUMNS = 2;
/** Columns that become fields, at most (a row's `.text()` still reads them all). */
const MAX_COLUMNS = 12;
const SAMPLES = 3;
/** Label/value rows shown: their labels are what a script finds them by. */
const KEYED_SAMPLES = 8;
/** Cells the samples show, about: a wide table shows fewer rows (a 12-column table one), its tokens stay few. */
const SAMPLE_CELLS = 16;
/** Rows scanned for the columns that hold something. */
const SCANNED_ROWS = 20;
/** Rows style-checked one by one; past them rows count as shown (as lists.ts does). */
const MAX_ROW_CHECKS = 400;
/** A row holding more is a page laid out in a table, not a row of data. */
const MAX_ROW_ELEMENTS = 250;
const MAX_SPAN = 1_000;
/** A caption's number ("Table 6-1. Example symptoms"): the words after it name the list. */
const TABLE_NUMBER = /^(?:table|tab\.)\s*\p{N}[\p{N}.\-–]*[.:)]?\s+/iu;

interface Shape {
  /** Rows of the table itself (not of tables nested in it), in document order. */
  rows: Element[];
  cellsOf(row: Element): Element[];
  isHeaderCell(cell: Element): boolean;
  /** A row's own header cell (a `th` in a body row, role=rowheader): a key of a table of label/value rows. */
  isRowHeader(cell: Element): boolean;
  /** Rows that are the table's head whatever their cells (a `thead`'s). */
  inHead(row: Element): boolean;
  /** Rows that are never items (a `tfoot`'s totals). */
  inFoot(row: Element): boolean;
  /** Item selectors to try, in turn, from the table (list-items.ts). */
  itemSelectors: string[];
}

/** A cell's words (textOf counts the white space it reads, so a short limit may stop before the first word). */
const cellText = (cell: Element) => textOf(cell, 300);
/** What a script's `.text()` of a cell reads: its words, or its icon's (icon-words.ts). */
const cellValue = (cell: Element) => sampleText(cell) || iconWords(cell);

/**
 * A header row drawn without `th` (keep-tabular-data's `<td class="header_cell">`): two or more cells with words, all
 * of the same class, a class word head, header or heading, and short words (a column's name); empty cells aside. A
 * layout table's top row (`header-logo`, `header-nav`: classes of their own) is none.
 */
const HEADER_CLASS = /(?:^|[^a-z])(?:head|header|heading)(?:[^a-z]|$)/i;
const MAX_HEADER_WORDS = 40;
function classedHeaderRow(cells: readonly Element[]): boolean {
  const named = cells.filter((cell) => cellText(cell));
  if (named.length < MIN_COLUMNS) return false;
  const classes = new Set(named.map((cell) => classNameOf(cell).trim()));
  const [only] = classes;
  return classes.size === 1 && !!only && HEADER_CLASS.test(only.replace(/([a-z])([A-Z])/g, '$1 $2'))
    && named.every((cell) => cellText(cell).length <= MAX_HEADER_WORDS);
}

const span = (cell: Element, name: 'colspan' | 'rowspan') => Math.min(MAX_SPAN, Math.max(1, Number.parseInt(attr(cell, name) ?? '', 10) || 1));

function nativeShape(table: Element): Shape {
  const rows = Array.from(queryAllOf(table, ':scope > tr, :scope > thead > tr, :scope > tbody > tr, :scope > tfoot > tr'));
  const section = (row: Element) => tagOf(parentOf(row) ?? row);
  const body = ':scope > tbody > tr';
  return {
    rows,
    cellsOf: (row) => Array.from(childrenOf(row)).filter((cell) => tagOf(cell) === 'TD' || tagOf(cell) === 'TH'),
    isHeaderCell: (cell) => tagOf(cell) === 'TH',
    isRowHeader: (cell) => tagOf(cell) === 'TH',
    inHead: (row) => section(row) === 'THEAD',
    inFoot: (row) => section(row) === 'TFOOT',
    itemSelectors: [body, `${body}:has(> td)`, `${body}, :scope > tfoot > tr`, `${body}:has(> td):has(> :nth-child(2))`, ':scope > tr', ':scope > tr:has(> td)', ':scope > tr:has(> td):has(> :nth-child(2))'],
  };
}

function ariaShape(table: Element): Shape {
  const rows = Array.from(queryAllOf(table, '[role=row]')).filter((row) => closestOf(parentOf(row)!, TABLE_SELECTOR) === table);
  const cells = ':is([role=cell], [role=gridcell], [role=rowheader])';
  return {
    rows,
    cellsOf: (row) => Array.from(childrenOf(row)).filter((cell) => CELL_ROLES.has(roleOf(cell) ?? '')),
    isHeaderCell: (cell) => roleOf(cell) === 'columnheader',
    isRowHeader: (cell) => roleOf(cell) === 'rowheader',
    inHead: () => false,
    inFoot: () => false,
    itemSelectors: [':scope > [role=row]', `:scope > [role=row]:has(> ${cells})`, ':scope > [role=rowgroup] > [role=row]',
      `:scope > [role=rowgroup] > [role=row]:has(> ${cells})`, `[role=row]:has(> ${cells})`],
  };
}

/** The shape of a table that may hold data, or undefined for one that cannot (a layout table, a presentation role). */
function shapeOf(table: Element): Shape | undefined {
  const role = roleOf(table);
  if (role === 'presentation' || role === 'none') return undefined;
  // Tables in tables: a page laid out in tables (the outer one), never a grid of data.
  if (queryOf(table, TABLE_SELECTOR)) return undefined;
  if (tagOf(table) === 'TABLE') return nativeShape(table);
  return role && TABLE_ROLES.has(role) ? ariaShape(table) : undefined;
}

/**
 * Per column, the texts of the header cells over it, top down, through colspan and rowspan: a column under "Score"
 * split into "Math" and "Art" has ["Score", "Math"].
 */
function headerColumns(rows: readonly Element[], shape: Shape): string[][] {
  const columns: string[][] = [];
  /** Per column, the row index up to which a rowspan from above fills it. */
  const filledUntil: number[] = [];
  rows.forEach((row, r) => {
    let column = 0;
    for (const cell of shape.cellsOf(row)) {
      while ((filledUntil[column] ?? 0) > r) column++;
      const text = headerText(cell);
      const wide = span(cell, 'colspan');
      const tall = span(cell, 'rowspan');
      for (let k = 0; k < wide && column + k < MAX_SPAN; k++) {
        (columns[column + k] ??= []).push(text);
        filledUntil[column + k] = r + tall;
      }
      column += wide;
    }
  });
  return columns;
}

/**
 * The columns' field names: the lowest header over each; where two are alike, or the lowest has no words ("2019"), with
 * the header above them ("score math", "revenue 2019"), else numbered (`price`, `price_2`); reserved names get a suffix (`index_2`: `item.index` is the item's own).
 * A column without a header is named by its place (`column_1`), never by what its cells hold: that changes with the
 * rows shown (a row without the column's link would rename `link`).
 */
function columnNames(headers: readonly string[][], count: number): string[] {
  const texts = Array.from({ length: count }, (_, c) => (headers[c] ?? []).filter(Boolean));
  const base = texts.map((own, c) => headerFieldName(own[own.length - 1] ?? '') || `column_${c + 1}`);
  const counts = new Map<string, number>();
  for (const name of base) counts.set(name, (counts.get(name) ?? 0) + 1);
  const used = new Set(RESERVED_FIELD_NAMES);
  const uppers = texts.map((own) => (own.length > 1 ? own[own.length - 2] : undefined));
  // One text over every column is the table's title, not a group of some columns.
  const titleOver = uppers.every((upper) => upper !== undefined && upper === uppers[0]);
  return base.map((name, c) => {
    const own = texts[c]!;
    const upper = uppers[c];
    // Alike, or a header of no words ("2019" under "Revenue": `revenue_2019`, not `col_2019`; explorer, session 40).
    const bare = !/\p{L}/u.test(own[own.length - 1] ?? '') && !titleOver;
    let out = (counts.get(name)! > 1 || bare) && upper ? headerFieldName(`${upper} ${own[own.length - 1]}`, 4) || name : name;
    for (let n = 2; used.has(out); n++) out = `${out.replace(/_\d+$/, '')}_${n}`;
    used.add(out);
    return out;
  });
}

/** `label`, `value`, then `value_2`… for a row of several values (a comparison of two models). */
function keyedNames(count: number): string[] {
  return Array.from({ length: count }, (_, c) => (c === 0 ? KEY_FIELD : c === 1 ? VALUE_FIELD : `${VALUE_FIELD}_${c}`));
}

interface Rows {
  header: Element[];
  body: Element[];
  /** The header is only titles across the table (LWN's "By changesets" over names and counts): columns by place. */
  titled: boolean;
  /** No header row: each row is a label (its header cell) and its value(s), as a product's specifications or an infobox. */
  keyed?: boolean;
}

/** Fields of a table of label/value rows: `$specs.find("Weight").value.text()`. */
const KEY_FIELD = 'label';
const VALUE_FIELD = 'value';
const FORM_CONTROLS = 'input:not([type=hidden]),select,textarea,button,[contenteditable=""],[contenteditable=true]';
const FIELDS = 'input:not([type=hidden]):not([type=button]):not([type=submit]):not([type=reset]),select,textarea,[contenteditable=""],[contenteditable=true],'
  + '[role=switch],[role=checkbox],[role=radio],[role=combobox],[role=slider],[role=spinbutton],[role=textbox],[aria-pressed]';
const BUTTONS = 'button,input[type=button],input[type=submit],input[type=reset],[role=button]';

/**
 * A table with no header row whose rows are each one header cell with words, then data cells (`<th>Weight</th><td>1.2
 * kg</td>`), title rows across it and rows of one cell (a picture, a group's label) aside; not one laid out around
 * form fields (`<th><label>Name</label></th><td><input></td>`: those are the form's entries).
 */
function keyedRows(shape: Shape): Rows | undefined {
  const body: Element[] = [];
  for (const row of shape.rows) {
    // A foot's rows are label/value rows too (an order summary's "Total" under its subtotal, shipping and taxes).
    if (shape.inHead(row)) continue;
    const cells = shape.cellsOf(row);
    if (cells.length < 2) continue;
    const [key, ...values] = cells;
    if (!shape.isRowHeader(key!) || !cellText(key!) || values.some((cell) => shape.isRowHeader(cell) || shape.isHeaderCell(cell))) return undefined;
    if (cells.some((cell) => span(cell, 'rowspan') > 1 || span(cell, 'colspan') > 1)) return undefined;
    if (childrenOf(row).length !== cells.length || moreElementsThan(row, MAX_ROW_ELEMENTS) || queryOf(row, FORM_CONTROLS)) return undefined;
    body.push(row);
  }
  return body.length >= MIN_ROWS ? { header: [], body, titled: false, keyed: true } : undefined;
}

/** A row that is one header cell across two or more columns, with words: a title over the table, not a column's name. */
function titleRow(row: Element, shape: Shape): boolean {
  const cells = shape.cellsOf(row);
  return cells.length === 1 && shape.isHeaderCell(cells[0]!) && span(cells[0]!, 'colspan') >= 2 && !!cellText(cells[0]!);
}

/**
 * The table's header rows and its body rows; undefined when it is no regular grid of data: no header row of two or
 * more header cells, a body cell spanning rows, a row of several cells one of which spans columns. Rows of one cell
 * (a group's label across the table) and rows of header cells again (a repeated head) are no items.
 */
function splitRows(shape: Shape): Rows | undefined {
  const { rows } = shape;
  // Only a table's top rows are looked at for a header drawn with classes (each costs every cell's words).
  const classed = new Set(rows.slice(0, 3).filter((row) => classedHeaderRow(shape.cellsOf(row))));
  const headerCell = (cell: Element) => shape.isHeaderCell(cell) || classed.has(parentOf(cell)!);
  const allHeader = (row: Element) => {
    const cells = shape.cellsOf(row);
    return cells.length > 0 && cells.every((cell) => headerCell(cell) || !cellText(cell));
  };
  const head = rows.filter((row) => shape.inHead(row));
  let header = head;
  if (!header.length) {
    let n = 0;
    while (n < rows.length && allHeader(rows[n]!)) n++;
    header = rows.slice(0, n);
  }
  const last = header[header.length - 1];
  if (!last) return keyedRows(shape);
  const titled = !head.length && header.every((row) => titleRow(row, shape));
  if (titled && !head.length) {
    const keyed = keyedRows(shape);
    if (keyed) return keyed;
  }
  if (!head.length && !titled && shape.cellsOf(last).filter((cell) => headerCell(cell) && cellText(cell)).length < MIN_COLUMNS) return undefined;
  const headerSet = new Set(header);
  const body: Element[] = [];
  for (const row of rows) {
    if (headerSet.has(row) || shape.inHead(row) || shape.inFoot(row)) continue;
    const cells = shape.cellsOf(row);
    if (cells.some((cell) => span(cell, 'rowspan') > 1)) return undefined;
    if (cells.length < 2 || allHeader(row)) continue;
    // Cells are found by their place among the row's children: nothing else may stand between them.
    if (childrenOf(row).length !== cells.length) return undefined;
    if (cells.some((cell) => span(cell, 'colspan') > 1)) return undefined;
    if (moreElementsThan(row, MAX_ROW_ELEMENTS)) return undefined;
    body.push(row);
  }
  return { header, body, titled };
}

/** A pair's label or value is short: a description list of terms and their definitions (a glossary) is prose. */
const MAX_LABEL = 60;
const MAX_VALUE = 100;
/** The value of a `<dt>`: the `<dd>` right after it (`:scope + dd` is read as that sibling: lists.ts, slotElement). */
export const NEXT_VALUE_SLOT = ':scope + dd';

/**
 * A description list of short label/value pairs (a work's stats: "Words: 13,020", "Kudos: 7,142"; a product's
 * details) as a list of its terms, with fields `label` (the `<dt>`) and `value` (the `<dd>` after it): AO3's stats
 * were in no entry, and "how many kudos" read another list's length (explorer, session 31). Not a glossary (long
 * terms or definitions), nor one whose values hold form fields or several links (a list of tags is a list already).
 */
function pairsList(dl: Element, cache?: LocatorCache): DetectedList | undefined {
  const terms: Element[] = [];
  for (const child of childrenOf(dl)) {
    if (tagOf(child) === 'DT') terms.push(child);
    else if (tagOf(child) === 'DIV') terms.push(...Array.from(childrenOf(child)).filter((el) => tagOf(el) === 'DT'));
  }
  const pairs: Array<[Element, Element]> = [];
  let checks = 0;
  for (const term of terms) {
    const value = nextElementOf(term);
    if (!value || tagOf(value) !== 'DD') continue;
    const label = sampleText(term);
    if (!label || label.length > MAX_LABEL || sampleText(value).length > MAX_VALUE) return undefined;
    // A value with a button of its own ("••••4821 Show", "Copy") is still data; one with a field is a form's row.
    if (queryOf(value, FIELDS) || queryAllOf(value, BUTTONS).length > 1 || queryAllOf(value, 'a[href]').length > 1 || queryOf(term, FORM_CONTROLS)) return undefined;
    if (checks++ < MAX_ROW_CHECKS && !shownItem(term)) continue;
    pairs.push([term, value]);
  }
  if (pairs.length < MIN_ROWS) return undefined;
  const slots: ListSlot[] = [{ name: KEY_FIELD, kind: 'text', selector: ':scope' }, { name: VALUE_FIELD, kind: 'text', selector: NEXT_VALUE_SLOT }];
  const samples = pairs.slice(0, KEYED_SAMPLES).map(([term, value]) => {
    const sample: Record<string, string> = { [KEY_FIELD]: truncate(sampleText(term), 60) };
    const shown = sampleText(value);
    if (shown) sample[VALUE_FIELD] = truncate(shown, 60);
    return sample;
  });
  const items = pairs.map(([term]) => term);
  const query = itemQueryFor(dl, items, [':scope > dt', ':scope > div > dt', 'dt'], cache);
  return {
    container: dl, items, members: [], slots, fields: slots.map((slot) => slot.name), actions: [], samples,
    itemSelector: query.selector, ...(query.paths ? { itemPaths: query.paths } : {}),
  };
}

/** The list a data table makes, or undefined for a table that is none (see the file's comment). */
export function tableList(table: Element, cache?: LocatorCache): DetectedList | undefined {
  if (tagOf(table) === 'DL') return pairsList(table, cache);
  if (tagOf(table) !== 'TABLE' && !TABLE_ROLES.has(roleOf(table) ?? '')) return pairBoxList(table, cache) ?? recordRowsList(table, cache);
  const shape = shapeOf(table);
  const rows = shape && splitRows(shape);
  if (!shape || !rows) return undefined;
  let checks = 0;
  const items = rows.body.filter((row) => checks++ >= MAX_ROW_CHECKS || shownItem(row));
  if (items.length < MIN_ROWS) return undefined;
  // A titled table's columns have no names of their own: `column_1`, … (its title names the list: tableCaption).
  const headers = rows.titled || rows.keyed ? [] : headerColumns(rows.header, shape);
  if (!rows.titled && !rows.keyed && headers.filter((texts) => texts.some(Boolean)).length < MIN_COLUMNS) return undefined;
  const scanned = items.slice(0, SCANNED_ROWS);
  const count = Math.max(headers.length, ...scanned.map((row) => shape.cellsOf(row).length));
  const names = rows.keyed ? keyedNames(count) : columnNames(headers, count);
  // Columns with nothing to read in any row scanned (a spacer, an icon without words, cells their own style hides, as
  // DataTables' Responsive does) are no fields.
  const filled = names.map((_, c) => scanned.some((row) => {
    const cell = shape.cellsOf(row)[c];
    return !!cell && !hiddenInline(cell) && !!cellValue(cell);
  }));
  const columns = names.map((name, c) => ({ name, c })).filter(({ c }) => filled[c]).slice(0, MAX_COLUMNS);
  if (columns.length < MIN_COLUMNS) return undefined;
  // Cells are a row's children (a native row holds nothing else); by position, whatever their tag (`th` row headers).
  const slots: ListSlot[] = columns.map(({ name, c }) => ({ name, kind: 'text', selector: `:scope > :nth-child(${c + 1})` }));
  const shownRows = rows.keyed ? KEYED_SAMPLES : SAMPLES;
  const samples = items.slice(0, Math.max(1, Math.min(shownRows, Math.floor(SAMPLE_CELLS / columns.length)))).map((row) => {
    const cells = shape.cellsOf(row);
    const sample: Record<string, string> = {};
    for (const { name, c } of columns) {
      const value = cells[c] && !hiddenInline(cells[c]) ? cellValue(cells[c]) : '';
      if (value) sample[name] = truncate(value, 60);
    }
    return sample;
  });
  const query = itemQueryFor(table, items, shape.itemSelectors, cache);
  return {
    container: table, items, members: [], slots, fields: slots.map((slot) => slot.name), actions: [], samples,
    itemSelector: query.selector, ...(query.paths ? { itemPaths: query.paths } : {}),
  };
}

/** The list a box of rows with no controls makes (record-rows.ts), of its rows shown. */
function recordRowsList(box: Element, cache?: LocatorCache): DetectedList | undefined {
  const items = recordItemsIn(box)?.filter(shownItem);
  return items && items.length >= MIN_ROWS ? recordsList(box, items, cache) : undefined;
}

/**
 * A `<table>`'s caption, its number left out ("Table 6-1. Example symptoms" → "Example symptoms"): a name for any list
 * of its rows (build.ts, listLabels), read-only or with controls, so a table keeps its name when its rows gain some.
 */
export function tableCaption(table: Element): string {
  const caption = tagOf(table) === 'TABLE' ? queryOf(table, ':scope > caption') : null;
  const shape = caption ? undefined : shapeOf(table);
  // Without a caption, the title rows across its top ("Companies supporting LibreOffice development", "(by changesets)").
  const titles: string[] = [];
  for (const row of shape?.rows ?? []) {
    if (!titleRow(row, shape!) || titles.length >= 3) break;
    titles.push(cellText(shape!.cellsOf(row)[0]!));
  }
  const captioned = caption ? cellText(caption) : titles.join(' ');
  return truncate(captioned.replace(TABLE_NUMBER, '') || captioned, 120);
}

/**
 * The lists of the data tables the walk met, in its order. A table keeps what it had where lists.ts made a list of
 * its rows (rows with controls: their names and actions stay) or of something in a row, or where it sits in an item of
 * such a list (a product card's spec table); a list of its header's sort buttons takes nothing from it.
 */
export function dataTableLists(tables: readonly TableRef[], lists: readonly DetectedList[], cache?: LocatorCache): TableList[] {
  const listed = new Set(lists.flatMap((list) => list.items));
  const out: TableList[] = [];
  for (const ref of tables) {
    if (lists.some((list) => list.items.some((item) => containsOf(item, ref.el)))) continue;
    // A calendar read as its days or its events (lists.ts dayList, eventList) is not also a table of weeks.
    if (lists.some((list) => (list.name === DAYS_LIST || list.name === EVENTS_LIST) && list.container === ref.el)) continue;
    const list = tableList(ref.el, cache);
    if (!list) continue;
    const rows = new Set(list.items);
    const inRow = (el: Element) => {
      const row = closestOf(el, 'tr,[role=row]');
      return !!row && rows.has(row);
    };
    if (list.items.some((row) => listed.has(row)) || lists.some((other) => containsOf(ref.el, other.container) && inRow(other.container))) continue;
    out.push({ list, at: ref.at, section: ref.section, ...(ref.via ? { via: ref.via } : {}) });
  }
  return out;
}
