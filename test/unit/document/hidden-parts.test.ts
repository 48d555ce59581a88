// @vitest-environment happy-dom
/**
 * Words the user is not shown are no list field and no part of an item's text: a column whose cells the page hides
 * with its own style (DataTables' Responsive), a remove `×` on a tag chip (explorer, session 43: `{chip: "react ×"}`).
 */
import { expect, test } from 'vitest';
import { build, list } from './helpers.ts';
import { renderDocument } from '../../../extension/content/document/render.ts';

const row = (name: string, id: string, age: number) => `<tr><td>${name}</td><td style="display: none">${id}</td><td>${age}</td></tr>`;

test('a table column hidden by its cells\' style is no field, and its words are in no sample', () => {
  const doc = build(`<main><h1>People</h1><table><thead><tr><th>Name</th><th style="display:none">Token</th><th>Age</th></tr></thead>
    <tbody>${row('Ann', 'tok-1', 31)}${row('Bob', 'tok-2', 42)}${row('Cy', 'tok-3', 7)}</tbody></table></main>`);
  const people = list(doc, 'people__table');
  expect(people.fields).toEqual(['name', 'age']);
  expect(renderDocument(doc)).not.toContain('tok-');
});

test('an ARIA table\'s hidden cells, and hidden parts of repeated items, are no fields', () => {
  const cells = (a: string, b: string, c: string) => `<div role="row"><span role="cell">${a}</span><span role="cell" style="display:none">${b}</span><span role="cell">${c}</span></div>`;
  const table = build(`<main><h1>Towns</h1><div role="table"><div role="row"><span role="columnheader">Name</span><span role="columnheader" style="display:none">Id</span><span role="columnheader">Town</span></div>
    ${cells('Ann', 'u1', 'Oslo')}${cells('Bob', 'u2', 'Rome')}${cells('Cy', 'u3', 'Lima')}</div></main>`);
  expect(renderDocument(table)).not.toMatch(/u1|u2/);
  const item = (name: string) => `<li><b>${name}</b> <i style="display:none">secret-${name}</i> <a href="/${name}">View</a></li>`;
  const cards = build(`<main><h1>Cards</h1><ul>${item('Ann')}${item('Bob')}${item('Cy')}</ul></main>`);
  expect(renderDocument(cards)).not.toContain('secret-');
  expect(renderDocument(cards)).toContain('"Ann"');
});

test('a chip\'s remove glyph is no part of its text; its button keeps its label; a button of words stays', () => {
  const chip = (tag: string) => `<span class="chip">${tag} <button type="button" aria-label="Remove ${tag}">×</button></span>`;
  const doc = build(`<main><h1>Filters</h1><div class="chips">${chip('react')}${chip('vue')}${chip('svelte')}</div></main>`);
  const chips = list(doc, 'filters__chips');
  expect(chips.samples.map((s) => Object.values(s))).toEqual([['react'], ['vue'], ['svelte']]);
  expect(chips.actions).toEqual(['remove']);
  const worded = build(`<main><h1>Filters</h1><div class="chips">${['a', 'b', 'c'].map((t) => `<span class="chip">${t} <button type="button">Drop</button></span>`).join('')}</div></main>`);
  expect(renderDocument(worded)).toContain('"a Drop"');
});

test('a button of a glyph that is a word of the text (a filter\'s `<`, without a label of its own) stays in it', () => {
  const row = (field: string) => `<div class="rule">${field} <button type="button">&lt;</button> 100 <a href="#x">x</a></div>`;
  const doc = build(`<main><h1>Rules</h1><div class="rules">${row('price')}${row('size')}${row('weight')}</div></main>`);
  expect(renderDocument(doc)).toContain('price < 100');
});
