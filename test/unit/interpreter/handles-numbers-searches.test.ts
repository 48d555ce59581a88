import { describe, expect, test } from 'vitest';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { FakeBridge } from '../../../extension/sandbox/capabilities/fake-bridge.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';

/**
 * A handle is no number (review, session 27): every conversion to one is the handle's ApiError, with its position. An
 * array search compares the value sought with every item, so whether it fails does not hang on where a handle sits.
 */
async function run(source: string) {
  const bridge = new FakeBridge({
    elements: { banner: { kind: 'text', text: 'skip' }, qty: { kind: 'text_input', value: '2' } },
    lists: { products: [{ name: 'Oak', price: '3' }, { name: 'Pine', price: '1' }] },
  });
  return runScript(source, automationCapabilities(bridge, bridge.names()));
}

const ELEMENT = 'is an element: call .text() to read it';

describe('a handle made into a number', () => {
  test.each([
    ['done(isNaN($products[0].price))', ELEMENT],
    ['done(isFinite($banner))', ELEMENT],
    ['done(-$banner)', ELEMENT],
    ['let n = $banner; n++; done(n)', ELEMENT],
    ['done([$banner] * 2)', ELEMENT],
    ['done(Math.round($products[1].price))', ELEMENT],
    ['done(Number($qty.value))', '`$qty.value` is a method: call it, `.value()`'],
    ['done([1, 2, 3].slice($banner))', ELEMENT],
  ])('%s', async (source, message) => {
    const result = await run(`\n${source}`);
    expect(result.error?.name).toBe('ApiError');
    expect(result.error?.message).toContain(message);
    expect(result.error?.data).toMatchObject({ line: 2 });
  });

  test('numbers read from the page still work', async () => {
    const result = await run('done([...$products].sort((a, b) => Number(a.price.text()) - Number(b.price.text())).map((p) => p.name.text() + " " + Math.max(+p.price.text(), 2)))');
    expect(result.error).toBeUndefined();
    expect(result.result).toEqual(['Pine 2', 'Oak 3']);
  });

  test('what JavaScript does not convert stays as it was', async () => {
    const result = await run('done([Number.isNaN($banner), Number.isInteger($banner), typeof $banner, !$banner])');
    expect(result.result).toEqual([false, false, 'object', false]);
  });
});

describe('an array search compares the value sought with every item', () => {
  test.each([
    '[$banner, "skip"].includes("skip")',
    '["skip", $banner].includes("skip")',
    '["a"].concat([$banner]).includes("a")',
    '["a", $banner].indexOf("a")',
    '[$banner, "a"].lastIndexOf("a")',
    '["a", "b"].includes($banner)',
  ])('%s is the handle\'s ApiError, wherever the handle sits', async (search) => {
    const result = await run(`done(${search})`);
    expect(result.error?.name).toBe('ApiError');
    expect(result.error?.message).toContain(ELEMENT);
  });

  test('handles among handles, null and undefined compare as themselves', async () => {
    const result = await run('const rows = [$banner, null, $qty]; done([rows.includes($qty), rows.indexOf(null), rows.includes(undefined), [$banner, "a"].includes(null)])');
    expect(result.error).toBeUndefined();
    expect(result.result).toEqual([true, 1, false, false]);
  });
});
