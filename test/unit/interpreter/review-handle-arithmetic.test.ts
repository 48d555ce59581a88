import { expect, test } from 'vitest';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { FakeBridge } from '../../../extension/sandbox/capabilities/fake-bridge.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';

/**
 * Review (session 27): a handle made into a number is as silent as `===` with text was. `a.price - b.price` in a sort
 * comparator is NaN, so the sort keeps the page's order and the script reports it as sorted; `item.price * 2`,
 * `Number(…)`, `+…` and `Math.max(…)` give NaN (null in done()). `parseInt(…)` already says to call .text().
 */
test.each([
  'done([...$products].sort((a, b) => a.price - b.price).map((p) => p.name.text()))',
  'done($products[0].price * 2)',
  'done(Number($products[0].price))',
  'done(+$products[0].price)',
  'done(Math.max($products[0].price, 1))',
])('%s is the handle\'s ApiError', async (source) => {
  const bridge = new FakeBridge({ lists: { products: [{ name: 'Oak', price: '3' }, { name: 'Pine', price: '1' }] } });
  const result = await runScript(source, automationCapabilities(bridge, bridge.names()));
  expect(result.error?.name, JSON.stringify(result.result)).toBe('ApiError');
  expect(result.error?.message).toContain('is an element: call .text() to read it');
});
