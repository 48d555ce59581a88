/**
 * The column a table says it is sorted by (`aria-sort` on its header cell): "sort by price, cheapest first" needs to
 * know whether one click or two (explorer, session 41: the state was nowhere in the document).
 */
import { headerFieldName, headerText } from './lists.ts';
import { attr, queryAllOf } from './dom-safe.ts';

export interface SortState {
  field: string;
  order: 'ascending' | 'descending';
}

/** The field of `fields` whose header cell in `table` says it sorts the rows, and which way; undefined when none does. */
export function sortedBy(table: Element, fields: readonly string[]): SortState | undefined {
  for (const cell of Array.from(queryAllOf(table, 'th[aria-sort], [role=columnheader][aria-sort]')).slice(0, 64)) {
    const order = attr(cell, 'aria-sort')?.trim().toLowerCase();
    if (order !== 'ascending' && order !== 'descending') continue;
    const field = headerFieldName(headerText(cell));
    if (field && fields.includes(field)) return { field, order };
  }
  return undefined;
}
