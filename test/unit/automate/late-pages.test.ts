import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { LATE_NAME_MS, PageBridge } from '../../../extension/features/automate/page-bridge.ts';
import type { PageDocument } from '../../../extension/protocol/schemas.ts';
import type { ScriptName } from '../../../extension/sandbox/capabilities/bridge.ts';

const page = (pageId: string, names: string[]): PageDocument => ({
  url: 'https://shop.example/orders', title: 'Orders', truncated: false, tokens: 10, pageId,
  stats: { nodes: 1, elements: names.length, lists: 0, ms: 1 },
  sections: [{ name: 'main', kind: 'main', title: '', entries: names.map((name) => ({ name, kind: 'button', description: name, locators: [{ by: 'id', value: name }] })) }],
}) as PageDocument;

/** A page whose next document comes `afterMs` after the first click (a handler that waits for its server). */
function slowPage(afterMs: number) {
  let clickedAt: number | undefined;
  let reads = 0;
  const bridge = new PageBridge({
    readDocument: async () => {
      reads++;
      return clickedAt !== undefined && Date.now() - clickedAt >= afterMs ? page('p2', ['order__track_button']) : page('p1', ['orders__open_button']);
    },
    act: async () => {
      clickedAt ??= Date.now();
      return { changed: false, navigated: false, url: 'https://shop.example/orders', pageId: 'p1' };
    },
    confirm: async () => true, ask: async () => '', say: () => undefined,
  }, page('p1', ['orders__open_button']));
  const names = async (wanted: string) => {
    const started = Date.now();
    const found = (await bridge.call({ call: 'names', args: [wanted] }) as unknown as ScriptName[]).map((n) => n.name);
    return { found, waited: Date.now() - started };
  };
  return { bridge, names, reads: () => reads };
}

describe('a name a slow page brings a while after the action (the next page, a late panel)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('is waited for after an action, until the page has it', async () => {
    const { bridge, names } = slowPage(1500);
    await bridge.call({ call: 'click', target: { name: 'orders__open_button' }, args: [] });
    const pending = names('order__track_button');
    await vi.advanceTimersByTimeAsync(LATE_NAME_MS);
    const { found, waited } = await pending;
    expect(found).toEqual(['order__track_button']);
    expect(waited).toBeGreaterThanOrEqual(1500);
    expect(waited).toBeLessThan(2000);
  });

  test('one that never comes costs the wait once per action, and nothing before any action', async () => {
    const { bridge, names, reads } = slowPage(Number.POSITIVE_INFINITY);
    expect((await names('orders__typo_button')).waited).toBe(0);
    await bridge.call({ call: 'click', target: { name: 'orders__open_button' }, args: [] });
    const first = names('orders__typo_button');
    await vi.advanceTimersByTimeAsync(LATE_NAME_MS + 500);
    expect((await first).waited).toBeGreaterThanOrEqual(LATE_NAME_MS - 200);
    const readsAfterWait = reads();
    await bridge.call({ call: 'say', args: ['x'] });
    expect((await names('orders__typo_button')).waited).toBe(0);
    expect(reads()).toBe(readsAfterWait + 1);
  });

  test('a name the page has is not waited for', async () => {
    const { bridge, names } = slowPage(1500);
    await bridge.call({ call: 'click', target: { name: 'orders__open_button' }, args: [] });
    expect(await names('orders__open_button')).toEqual({ found: ['orders__open_button'], waited: 0 });
  });
});
