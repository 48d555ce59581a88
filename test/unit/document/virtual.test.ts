// @vitest-environment happy-dom
/**
 * Lists that draw only the rows in view say how many rows there are (virtual.ts): a grid's aria-rowcount less its
 * header rows, its items' aria-setsize; the document renders "list(N of TOTAL…)"; a role=grid's gridcells are its
 * columns, not controls (session 36).
 */
import { expect, test } from 'vitest';
import { declaredTotal, drawnUpTo } from '../../../extension/content/document/virtual.ts';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { build, lists } from './helpers.ts';

const rows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k)
  .map((i) => `<div role="row" aria-rowindex="${i + 1}"><span role="gridcell">Person ${i}</span><span role="gridcell">City ${i % 3}</span></div>`).join('');
const grid = (count: string) => `<main><h1>People</h1><div role="grid" aria-label="Contacts" aria-rowcount="${count}">
  <div role="row" aria-rowindex="1"><span role="columnheader">Name</span><span role="columnheader">City</span></div>
  <div role="rowgroup">${rows(41, 52)}</div></div></main>`;

test('a grid that declares 1,001 rows (its header one of them) and draws 12 is a list of 12 of 1,000, read by its columns', () => {
  const doc = build(grid('1001'));
  const [list] = lists(doc);
  expect(list).toMatchObject({ count: 12, total: 1000, fields: ['name', 'city'] });
  expect(list!.samples[0]).toEqual({ name: 'Person 41', city: 'City 2' });
  expect(renderDocument(doc)).toContain('list(12 of 1000 shown)');
  const container = document.querySelector('[role=grid]')!;
  const items = Array.from(document.querySelectorAll('[role=rowgroup] > [role=row]'));
  expect(declaredTotal(container, items)).toBe(1000);
  // The last row drawn is row 52 of the 1,000.
  expect(drawnUpTo(container, items)).toBe(52);
});

test('a count the page does not give, gives as unknown (-1) or as no more than is drawn says nothing', () => {
  for (const count of ['-1', '12', '13', 'many']) {
    const doc = build(grid(count));
    expect(lists(doc)[0]?.total, count).toBeUndefined();
  }
});

test('items that each say their set size: a listbox of 500 options that draws 5', () => {
  const options = [1, 2, 3, 4, 5].map((i) => `<div role="option" aria-setsize="500" aria-posinset="${i + 10}">Item ${i + 10}</div>`).join('');
  document.body.innerHTML = `<div role="listbox">${options}</div>`;
  const items = Array.from(document.querySelectorAll('[role=option]'));
  expect(declaredTotal(document.querySelector('[role=listbox]')!, items)).toBe(500);
  expect(drawnUpTo(document.querySelector('[role=listbox]')!, items)).toBe(15);
  document.body.innerHTML = `<div role="listbox">${options.replaceAll('aria-setsize="500"', 'aria-setsize="5"')}</div>`;
  expect(declaredTotal(document.querySelector('[role=listbox]')!, Array.from(document.querySelectorAll('[role=option]')))).toBeUndefined();
});

test('a grid without column headers (a colour picker, a roving tab stop) keeps its cells as controls; one with headers has no stray focused cell', () => {
  const cells = (names: string[]) => names.map((n, i) => `<span role="gridcell" aria-label="${n}" tabindex="${i === 0 ? 0 : -1}">●</span>`).join('');
  const picker = build(`<main><h2>Pick a colour</h2><div role="grid" aria-label="Colours">${['Red', 'Green', 'Blue'].map((c) => `<div role="row">${cells([c, `${c} light`, `${c} dark`])}</div>`).join('')}</div></main>`);
  expect(lists(picker)).toHaveLength(1);
  expect(lists(picker)[0]!.count).toBe(3);
  const headed = build(`<main><h2>People</h2><div role="grid" aria-label="People"><div role="row"><span role="columnheader">Name</span><span role="columnheader">City</span></div>
    ${['Ana', 'Ben', 'Cy'].map((n, i) => `<div role="row"><span role="gridcell" tabindex="${i === 0 ? 0 : -1}">${n}</span><span role="gridcell" tabindex="-1">Oslo</span></div>`).join('')}</div></main>`);
  expect(headed.sections.flatMap((s) => s.entries).map((e) => [e.name, e.kind])).toEqual([['people__table', 'list']]);
});

test('a totals row below the rows and a pinned column\'s copies of them are no header rows', () => {
  const copy = rows(41, 52).replaceAll('Person', 'Pinned');
  document.body.innerHTML = `<div role="grid" aria-rowcount="1002">
    <div role="row" aria-rowindex="1"><span role="columnheader">Name</span><span role="columnheader">City</span></div>
    <div role="rowgroup" id="pinned">${copy}</div><div role="rowgroup" id="body">${rows(41, 52)}</div>
    <div role="row" aria-rowindex="1002"><span role="gridcell">Total</span><span role="gridcell">1000</span></div></div>`;
  const grid = document.querySelector('[role=grid]')!;
  const items = Array.from(document.querySelectorAll('#body > [role=row]'));
  expect(declaredTotal(grid, items)).toBe(1000);
  expect(drawnUpTo(grid, items)).toBe(52);
});

test('lists that declare nothing but say their items\' places: data-index runs (react-virtuoso), rows stacked at top = k × height (react-window)', () => {
  const indexed = (from: number) => [0, 1, 2, 3].map((k) => `<div class="item" data-index="${from + k}"><a href="#i${from + k}">Item ${from + k}</a></div>`).join('');
  document.body.innerHTML = `<div id="v" style="padding-top: 700px">${indexed(20)}</div>`;
  let container = document.getElementById('v')!;
  let items = Array.from(container.children);
  // Items 21 to 24 drawn: drawn up to the 24th; how many there are is not said.
  expect(drawnUpTo(container, items)).toBe(24);
  expect(declaredTotal(container, items)).toBeUndefined();
  // The document says the 4 are not all (explorer, session 39: `list(11)` read as the whole stock list).
  const stock = (from: number) => [0, 1, 2, 3].map((k) => `<div data-index="${from + k}"><a href="#i${from + k}">Item ${from + k}</a> <span>${k * 7} left</span></div>`).join('');
  const doc = build(`<main><h1>Stock</h1><div id="v" style="padding-top: 700px">${stock(20)}</div></main>`);
  expect(lists(doc)[0]).toMatchObject({ count: 4, more: true });
  expect(renderDocument(doc)).toContain('list(4 of more shown)');
  const drawnInFull = lists(build(`<main><h1>Stock</h1><div id="v">${stock(0)}</div></main>`))[0];
  expect([drawnInFull?.count, drawnInFull?.more]).toEqual([4, undefined]);
  // With no room in their box for items not drawn (no spacer, no height for all), numbered items are drawn in full:
  // a page of results from the 41st, a list numbered from 1 (review, session 38).
  for (const from of [40, 1]) {
    document.body.innerHTML = `<div id="v">${indexed(from)}</div>`;
    container = document.getElementById('v')!;
    expect(drawnUpTo(container, Array.from(container.children)), `from ${from}`).toBeUndefined();
  }
  // TanStack Virtual's way: the rows drawn in a wrapper moved down to them, inside a box as tall as all (review, session 38).
  document.body.innerHTML = `<div style="position: relative; height: 3500px"><div id="v" style="transform: translateY(700px)">${indexed(20)}</div></div>`;
  container = document.getElementById('v')!;
  expect(drawnUpTo(container, Array.from(container.children))).toBe(24);
  // Places that do not run on one by one are ids, not places.
  document.body.innerHTML = '<div id="v"><div data-index="3">a</div><div data-index="9">b</div></div>';
  container = document.getElementById('v')!;
  expect(drawnUpTo(container, Array.from(container.children))).toBeUndefined();

  const stacked = (from: number, count: number, height = 35) => Array.from({ length: count }, (_, k) =>
    `<div class="row" style="position: absolute; left: 0px; top: ${(from + k) * height}px; height: ${height}px; width: 100%;"><button>Row ${from + k}</button></div>`).join('');
  document.body.innerHTML = `<div id="v" style="position: relative; height: 4200px;">${stacked(10, 9)}</div>`;
  container = document.getElementById('v')!;
  items = Array.from(container.children);
  expect(drawnUpTo(container, items)).toBe(19);
  // The box is as tall as 120 rows.
  expect(declaredTotal(container, items)).toBe(120);
  // Rows of different heights, or a padding-top that is no top, say nothing.
  document.body.innerHTML = `<div id="v"><div style="padding-top: 35px; height: 35px">a</div><div style="padding-top: 70px; height: 35px">b</div></div>`;
  container = document.getElementById('v')!;
  expect(drawnUpTo(container, Array.from(container.children))).toBeUndefined();
});
