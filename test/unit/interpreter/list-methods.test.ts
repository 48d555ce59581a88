import { describe, expect, test } from 'vitest';
import { LIST_MEMBERS } from '../../../extension/protocol/script-api.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { FakeBridge, type FakePage } from '../../../extension/sandbox/capabilities/fake-bridge.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';

/**
 * A page list has the array methods models reach for (exploratory test, session 26: each missing one cost a repair):
 * some, every, reduce, findIndex, slice, at, indexOf(item), find(fn), and Array.from($list) gives its items.
 */
const shop: FakePage = {
  lists: {
    products: [
      { name: 'Brass desk lamp', price: '$49.50' },
      { name: 'Oak bookshelf', price: '$129.00' },
      { name: 'Paper floor lamp', price: '$34.99' },
    ],
  },
};

async function run(source: string) {
  const bridge = new FakeBridge(shop);
  return { bridge, result: await runScript(source, automationCapabilities(bridge, bridge.names())) };
}

async function value(source: string): Promise<unknown> {
  const { result } = await run(source);
  expect(result.error, source).toBeUndefined();
  return result.result;
}

const price = 'const price = (p) => parseFloat(p.price.text().slice(1)); ';

describe('list methods', () => {
  test.each([
    [`done($products.some((p) => p.name.text().includes("Oak")))`, true],
    [`done($products.some((p) => p.name.text().includes("Sofa")))`, false],
    [`done($products.every((p) => p.price.text().startsWith("$")))`, true],
    [`${price}done($products.every((p) => price(p) < 100))`, false],
    [`${price}done($products.reduce((sum, p) => sum + price(p), 0))`, 49.5 + 129 + 34.99],
    [`${price}done($products.reduce((best, p) => (price(p) < price(best) ? p : best)).name.text())`, 'Paper floor lamp'],
    [`done($products.findIndex((p) => p.name.text() === "Oak bookshelf"))`, 1],
    [`done($products.findIndex((p) => p.name.text() === "Sofa"))`, -1],
    [`done($products.find((p) => p.name.text().includes("floor")).price.text())`, '$34.99'],
    [`done($products.find((p) => false))`, null],
    [`done($products.find((p, i) => i === 1).index)`, 1],
    [`done($products.slice(1).map((p) => p.name.text()))`, ['Oak bookshelf', 'Paper floor lamp']],
    [`done($products.slice(0, -1).length)`, 2],
    [`done($products.slice(-1)[0].index)`, 2],
    [`done($products.at(0).name.text())`, 'Brass desk lamp'],
    [`done($products.at(-1).name.text())`, 'Paper floor lamp'],
    [`done($products.at(-4))`, null],
    // Past the end too, as an array's at() (exploratory run, session 27: it was an item handle).
    [`done($products.at(3) === undefined)`, true],
    [`const last = $products.at(2); done(last.name.text())`, 'Paper floor lamp'],
    [`done([$products.at(99), $products.at(-99)])`, [null, null]],
    [`let i = 0; while ($products.at(i)) i++; done(i)`, 3],
    [`done($products.indexOf($products.find("Oak")))`, 1],
    [`done(Array.from($products).map((p) => p.name.text()))`, ['Brass desk lamp', 'Oak bookshelf', 'Paper floor lamp']],
    [`done(Array.from($products, (p) => p.price.text()))`, ['$49.50', '$129.00', '$34.99']],
    [`done([...$products].length)`, 3],
  ])('%s', async (source, expected) => {
    expect(await value(source)).toEqual(expected);
  });

  test('an action in a callback is an action (counted), and the items keep their places', async () => {
    const { result, bridge } = await run('done($products.some((p) => { if (p.index === 1) { p.open(); return true; } return false; }))');
    expect(result.result).toBe(true);
    expect(result.stats.actions).toBe(1);
    expect(bridge.lists.products![1]!.opened).toBe('yes');
  });

  test.each([
    ['$products.some("Oak")', /\$products\.some\(\) needs a function/],
    ['$products.find(3)', /\$products\.find\(\) needs the text to look for, or a function such as \(item\) => item\.name\.text\(\) === "…"/],
    ['$products.indexOf("Oak bookshelf")', /indexOf\(\) takes an item of the list; to look for text, use \$products\.findIndex/],
    ['$products.reduce((a, p) => a)', /reduce\(\) of an empty list/],
    ['$products.att(0)', /did you mean `at`\?/],
  ])('%s is an ApiError that says what to write', async (source, message) => {
    const bridge = new FakeBridge(source.includes('reduce') ? { lists: { products: [] } } : shop);
    const result = await runScript(source, automationCapabilities(bridge, [{ name: 'products', kind: 'list', fields: ['name', 'price'] }]));
    expect(result.error?.name).toBe('ApiError');
    expect(result.error?.message).toMatch(message);
  });

  test('$list[i] past the end stays a position: reading it is a NotFoundError (at() is undefined there)', async () => {
    const { result } = await run('const row = $products[3]; done(row.name.text())');
    expect(result.error?.name).toBe('NotFoundError');
    expect(result.error?.message).toContain('the list has 3 items');
  });

  test('every list member is there (the decoders offer these names)', async () => {
    const result = await value(`done(${JSON.stringify(LIST_MEMBERS)}.map((m) => typeof $products[m]))`);
    expect(result).toEqual(LIST_MEMBERS.map((m) => (m === 'length' ? 'number' : 'function')));
    for (const name of ['some', 'every', 'reduce', 'findIndex', 'indexOf', 'slice', 'at']) expect(LIST_MEMBERS).toContain(name);
  });
});
