// @vitest-environment happy-dom
import { expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import type { ListEntry } from '../../../extension/protocol/schemas.ts';

/** Table cells are named by their column's header (exploratory test, session 21: "Total" became `text_2`). */
const lists = () => buildPageDocument(document).sections.flatMap((s) => s.entries).filter((e): e is ListEntry => e.kind === 'list');
const rows = (n: number) => Array.from({ length: n }, (_, i) => `<tr><td>${i + 1}</td><td>Order #${4000 + i}</td><td>$${(12.5 * (i + 1)).toFixed(2)}</td><td><a href="#o${i}">View</a></td></tr>`).join('');

test('a table with a head: its columns name the fields', () => {
  document.body.innerHTML = `<main><h2>My orders</h2><table><thead><tr><th>#</th><th>Order</th><th>Total</th><th></th></tr></thead><tbody>${rows(12)}</tbody></table></main>`;
  const [list] = lists();
  expect(list?.fields).toEqual(expect.arrayContaining(['order', 'total']));
  expect(list?.fields).not.toContain('text_2');
  expect(list?.samples[0]).toMatchObject({ order: 'Order #4000', total: '$12.50' });
});

test('a table whose first row is its header cells, and one with a colspan before the column', () => {
  document.body.innerHTML = `<main><h2>Orders</h2><table><tr><th colspan="2">Ref</th><th>Total</th></tr>${Array.from({ length: 12 }, (_, i) =>
    `<tr><td>${i}</td><td>R${i}</td><td>$${i}.00</td><td><a href="#r${i}">Open</a></td></tr>`).join('')}</table></main>`;
  const [list] = lists();
  expect(list?.fields).toContain('total');
});

test('a table without header cells keeps the names it had', () => {
  document.body.innerHTML = `<main><h2>Orders</h2><table>${rows(12)}</table></main>`;
  const [list] = lists();
  expect(list?.fields.some((f) => /^text/.test(f))).toBe(true);
});

test('a column headed by a number is a field a script can name (`col_2024`, not `2024`)', () => {
  document.body.innerHTML = `<main><h2>Sales</h2><table><thead><tr><th>Region</th><th>2024</th><th></th></tr></thead><tbody>${Array.from({ length: 4 }, (_, i) =>
    `<tr><td>R${i}</td><td>${i * 10}</td><td><a href="#r${i}">Open</a></td></tr>`).join('')}</tbody></table></main>`;
  const [list] = lists();
  expect(list?.actions).toEqual(['open']);
  expect(list?.fields).toContain('col_2024');
});
