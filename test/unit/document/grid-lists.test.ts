// @vitest-environment happy-dom
/**
 * ARIA data grids with a selection checkbox per row (AG Grid, MUI's DataGrid): fields named by their column headers,
 * the sort said, the header row no list and its buttons named by their columns (explorer, session 42: `ag_cell`,
 * `ag_cell_2`, a `muidatagrid_row_borderbottom` list of the headers' buttons).
 */
import { expect, test } from 'vitest';
import { build, list, names } from './helpers.ts';

const ATHLETES = [['Michael Phelps', 'United States', '8'], ['Natalie Coughlin', 'United States', '1'], ['Aleksey Nemov', 'Russia', '2']];

test('AG Grid: column headers by aria-colindex name the fields; aria-sort is said', () => {
  const head = ['Athlete', 'Country', 'Gold'].map((h, i) => `<div role="columnheader" aria-colindex="${i + 2}" aria-sort="${i ? 'none' : 'ascending'}"><span class="ag-header-cell-text">${h}</span></div>`).join('');
  const rows = ATHLETES.map((r, i) => `<div role="row" class="ag-row" aria-rowindex="${i + 2}"><div role="gridcell" class="ag-cell" aria-colindex="1"><input type="checkbox" aria-label="Press Space to toggle row selection"></div>${
    r.map((c, j) => `<div role="gridcell" class="ag-cell" aria-colindex="${j + 2}">${c}</div>`).join('')}</div>`).join('');
  const doc = build(`<main><h1>Athletes</h1><div role="grid" aria-colcount="4"><div role="presentation"><div role="row" aria-rowindex="1">
    <div role="columnheader" aria-colindex="1"><input type="checkbox" aria-label="Select all rows"></div>${head}</div></div><div role="rowgroup">${rows}</div></div></main>`);
  const athletes = list(doc, 'athletes__items');
  expect(athletes.fields).toEqual(['athlete', 'country', 'gold']);
  expect(athletes.sortedBy).toEqual({ field: 'athlete', order: 'ascending' });
  expect(athletes.samples[1]).toMatchObject({ athlete: 'Natalie Coughlin', gold: '1' });
});

test('MUI DataGrid: headers with sort and menu buttons are no list; the buttons are named by their columns; cells by place', () => {
  const head = ['First name', 'Last name', 'Age'].map((h) => `<div role="columnheader" aria-label="${h}"><div class="MuiDataGrid-columnHeaderTitle">${h}</div><button aria-label="Sort">▲</button><button aria-label="Menu" aria-haspopup="true">⋮</button></div>`).join('');
  const rows = [['Jon', 'Snow', '35'], ['Cersei', 'Lannister', '42'], ['Jaime', 'Lannister', '45']].map((r) => `<div role="row" class="MuiDataGrid-row"><div role="gridcell" class="MuiDataGrid-cell"><input type="checkbox" aria-label="Select row"></div>${
    r.map((c) => `<div role="gridcell" class="MuiDataGrid-cell">${c}</div>`).join('')}</div>`).join('');
  const doc = build(`<main><h1>Users</h1><div role="grid"><div role="rowgroup"><div role="row" class="MuiDataGrid-row--borderBottom"><div role="columnheader"><input type="checkbox" aria-label="Select all rows"></div>${head}</div></div>
    <div role="rowgroup" class="rows">${rows}</div></div></main>`);
  expect(names(doc).filter((n) => /button/.test(n))).toEqual(['users__first_name_sort_button', 'users__first_name_menu_button', 'users__last_name_sort_button',
    'users__last_name_menu_button', 'users__age_sort_button', 'users__age_menu_button']);
  const users = list(doc, 'users__items');
  expect(users.fields).toEqual(['first_name', 'last_name', 'age']);
});
