// @vitest-environment happy-dom
/**
 * A status matrix ticked with pictures (keep-tabular-data's GUI progress: a header row of `td.header_cell`, cells that
 * hold only an image without alt) and a pricing table of icon cells become lists whose cells read as their icons'
 * words (icon-words.ts); the table was no entry at all, and its cells read "" (session 36).
 */
import { expect, test } from 'vitest';
import { iconWords } from '../../../extension/content/document/icon-words.ts';
import { itemsIn } from '../../../extension/content/document/list-items.ts';
import { slotElement } from '../../../extension/content/document/lists.ts';
import type { ListEntry } from '../../../extension/content/document/types.ts';
import { build, lists } from './helpers.ts';

const tick = (done: boolean) => `<td class="${done ? 'finished' : 'not_finished'}"><img src="https://cdn.example.com/assets/img/blog/fff-277-${done ? 'finished' : 'not-finished'}-2.png" width="20px"></td>`;
const progress = `<h2>The GUI progress</h2><table class="finished_gui_table"><tbody>
  <tr><td></td><td class="header_cell">General&nbsp;UX</td><td class="header_cell">UX&nbsp;draft</td><td class="header_cell">Final&nbsp;review</td></tr>
  <tr><td>Load&nbsp;map</td>${tick(true)}${tick(true)}${tick(false)}</tr>
  <tr><td>Save&nbsp;map</td>${tick(true)}${tick(false)}${tick(false)}</tr>
  <tr><td>Train&nbsp;GUI</td>${tick(false)}${tick(false)}${tick(false)}</tr></tbody></table>`;

function cellElement(list: ListEntry, index: number, field: string): Element {
  const container = document.querySelector(list.locators.find((l) => l.by === 'css')!.value)!;
  const items = itemsIn(container, { selector: list.itemSelector, ...(list.itemPaths ? { paths: list.itemPaths } : {}) });
  return slotElement(items[index]!, list.slots.find((s) => s.name === field)!.selector)!;
}

test('a header row of td cells with a header class and cells of status pictures: a list whose cells read as their pictures', () => {
  const doc = build(`<main>${progress}</main>`);
  const [table] = lists(doc);
  expect(table).toMatchObject({ count: 3, fields: ['column_1', 'general_ux', 'ux_draft', 'final_review'] });
  expect(table!.samples[0]).toEqual({ column_1: 'Load map', general_ux: 'finished', ux_draft: 'finished', final_review: 'not finished' });
  // What the executor's text() falls back to for the cell (its innerText is empty).
  expect(iconWords(cellElement(table!, 1, 'ux_draft'))).toBe('not finished');
  expect(iconWords(cellElement(table!, 0, 'column_1'))).toBe('');
});

test('icon words: an image file, an icon font, an SVG sprite or class; words of its own, alt="" and non-cells win', () => {
  const cell = (html: string, tag = 'td') => {
    const table = document.createElement('table');
    table.innerHTML = `<tbody><tr><${tag}>${html}</${tag}></tr></tbody>`;
    document.body.append(table);
    return table.querySelector(tag)!;
  };
  expect(iconWords(cell('<img src="/static/icons/check-mark.svg?v=3">'))).toBe('check mark');
  expect(iconWords(cell('<i class="fa fa-times fa-2x" aria-hidden="true"></i>'))).toBe('times');
  expect(iconWords(cell('<span><svg aria-hidden="true"><use href="/sprite.svg#icon-checkCircle"></use></svg></span>'))).toBe('check circle');
  expect(iconWords(cell('<svg class="icon icon-minus"></svg>'))).toBe('minus');
  expect(iconWords(cell('<img src="/img/yes.png" alt="">'))).toBe('');
  expect(iconWords(cell('<img src="/img/yes.png" alt="Included">'))).toBe('');
  expect(iconWords(cell('<img src="/img/yes.png"> Included'))).toBe('');
  expect(iconWords(cell('<img src="/img/a.png"><img src="/img/b.png">'))).toBe('');
  const div = document.createElement('div');
  div.innerHTML = '<img src="/img/yes.png">';
  expect(iconWords(div)).toBe('');
});

test('no icon words from what is no icon: an empty wrapper, a spacer, a data: picture, a hidden icon; class noise beside the icon\'s own class', () => {
  const cell = (html: string) => {
    const table = document.createElement('table');
    table.innerHTML = `<tbody><tr><td>${html}</td></tr></tbody>`;
    document.body.append(table);
    return table.querySelector('td')!;
  };
  expect(iconWords(cell('<span class="cell-text"></span>'))).toBe('');
  expect(iconWords(cell('<img src="/img/spacer.gif" width="1" height="1">'))).toBe('');
  expect(iconWords(cell('<img src="/img/blank.gif">'))).toBe('');
  expect(iconWords(cell('<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==">'))).toBe('');
  expect(iconWords(cell('<i class="fa fa-check" style="display: none"></i>'))).toBe('');
  expect(iconWords(cell('<i class="fas fa-check me-2 text-success"></i>'))).toBe('check');
  expect(iconWords(cell('<i class="fa fa-times mr-2 red"></i>'))).toBe('times');
  expect(iconWords(cell('<i class="bi bi-x-lg"></i>'))).toBe('x');
  expect(iconWords(cell('<svg class="text-success"></svg>'))).toBe('');
});

test('a layout table\'s top row with classes of its own ("header-logo", "header-nav") is no header row', () => {
  const doc = build(`<table><tr><td class="header-logo">Acme Corp</td><td class="header-nav">Welcome, guest</td></tr>
    <tr><td>Sidebar</td><td>Content of the page, with a paragraph of text.</td></tr>
    <tr><td>More sidebar</td><td>More content.</td></tr><tr><td>Even more</td><td>And more.</td></tr></table>`);
  expect(lists(doc)).toEqual([]);
});
