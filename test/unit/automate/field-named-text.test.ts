// @vitest-environment happy-dom
import { expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import type { ListEntry } from '../../../extension/protocol/schemas.ts';
import { runOnPage } from './live-page.ts';

/**
 * A list field named like an item method (`text`, a cell with no class and no header) hid the method:
 * `$orders[3].text()` was "not a function" (exploratory test, session 21). Both work now.
 */
test('item.text() is the item\'s text and item.text.text() its field\'s, when a field is named text', async () => {
  document.body.innerHTML = `<main><h2>Orders</h2><ul id="orders">${Array.from({ length: 10 }, (_, i) =>
    `<li><span>Order ${4000 + i}</span> <b>due ${i + 1} May</b> <a href="#o${i}">View</a></li>`).join('')}</ul></main>`;
  const list = buildPageDocument(document).sections.flatMap((s) => s.entries).find((e): e is ListEntry => e.kind === 'list')!;
  expect(list.fields).toContain('text');
  const { result } = await runOnPage(`const item = $${list.name}[3];\ndone([item.text(), item.text.text()].join(" | "));`);
  expect(result.ok, JSON.stringify(result.error)).toBe(true);
  expect(result.result).toMatch(/^Order 4003 due 4 May View \| (Order 4003|due 4 May)$/);
});
