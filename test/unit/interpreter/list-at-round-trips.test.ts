import { expect, test } from 'vitest';
import { NotFoundError } from '../../../extension/protocol/errors.ts';
import { type BridgeCall, describeTarget } from '../../../extension/sandbox/capabilities/bridge.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { FakeBridge } from '../../../extension/sandbox/capabilities/fake-bridge.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';
import type { ExportedValue } from '../../../extension/sandbox/interpreter/values.ts';

/**
 * `$list.at(i)` is undefined past the end without a `count` round trip per call (review, session 27): a loop of reads
 * costs its reads, and an item an action is still drawing is read as `$list[i]` reads it.
 */
const products = () => [{ name: 'Oak', price: '3' }, { name: 'Pine', price: '1' }, { name: 'Elm', price: '2' }];
const calls = (bridge: FakeBridge) => bridge.calls.map(({ call, target }) => `${call} ${target ? describeTarget(target) : ''}`.trim());

async function run(source: string, bridge = new FakeBridge({ lists: { products: products() }, elements: { more: { kind: 'button' } } })) {
  const result = await runScript(source, automationCapabilities(bridge, bridge.names()));
  return { bridge, result };
}

test('a loop over .at(i) costs its reads and one count, as many round trips per item as $list[i]', async () => {
  const byAt = await run('const names = []; for (let i = 0; i < 3; i++) names.push($products.at(i).name.text()); done(names)');
  const byIndex = await run('const names = []; for (let i = 0; i < 3; i++) names.push($products[i].name.text()); done(names)');
  expect(byAt.result.result).toEqual(['Oak', 'Pine', 'Elm']);
  expect(byIndex.result.result).toEqual(['Oak', 'Pine', 'Elm']);
  expect(calls(byAt.bridge)).toEqual(['count $products', ...calls(byIndex.bridge)]);
});

test('going on until .at(i) is undefined: one count, then one read of the item past the end', async () => {
  const { result, bridge } = await run('let i = 0; const names = []; while ($products.at(i)) { names.push($products.at(i).name.text()); i++; } done(names)');
  expect(result.result).toEqual(['Oak', 'Pine', 'Elm']);
  expect(calls(bridge)).toEqual(['count $products', 'text $products[0].name', 'text $products[1].name', 'text $products[2].name', 'text $products[3]']);
});

test('after an action the list is counted again; a negative i always counts', async () => {
  const { result, bridge } = await run('const a = $products.at(0).name.text(); $more.click(); done([a, $products.at(1).name.text(), $products.at(-1).name.text()])');
  expect(result.result).toEqual(['Oak', 'Pine', 'Elm']);
  expect(calls(bridge)).toEqual(['count $products', 'text $products[0].name', 'click $more', 'count $products', 'text $products[1].name', 'count $products', 'text $products[2].name']);
});

/** A page still drawing the item its "more" button brings: not counted yet, read as `$list[i]` reads it (it waits). */
class DrawingBridge extends FakeBridge {
  private drawing = false;
  override async call(request: BridgeCall): Promise<ExportedValue> {
    if (request.call === 'click') {
      this.drawing = true;
      this.lists.products!.push({ name: 'Ash', price: '4' });
    }
    const answer = await super.call(request);
    if (request.call === 'count' && this.drawing) return (answer as number) - 1;
    if (request.call === 'text' && request.target?.index === 3) this.drawing = false;
    return answer;
  }
}

test('an item an action is still drawing is there for .at(i), as for $list[i]', async () => {
  const bridge = new DrawingBridge({ lists: { products: products() }, elements: { more: { kind: 'button' } } });
  const { result } = await run('$more.click(); const row = $products.at(3); done(row === undefined ? "none" : row.name.text())', bridge);
  expect(result.error).toBeUndefined();
  expect(result.result).toBe('Ash');
  expect(calls(bridge)).toEqual(['click $more', 'count $products', 'text $products[3]', 'text $products[3].name']);
});

test('a failure other than "past the end" is the script\'s, not undefined', async () => {
  class Moved extends FakeBridge {
    override async call(request: BridgeCall): Promise<ExportedValue> {
      if (request.call === 'text') throw new NotFoundError('the list $products is not on the page now');
      return super.call(request);
    }
  }
  const { result } = await run('done($products.at(3))', new Moved({ lists: { products: products() } }));
  expect(result.error?.name).toBe('NotFoundError');
  expect(result.error?.message).toContain('is not on the page now');
});
