import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { LATE_NAME_MS, LATE_NAME_POLL_MAX_MS, LATE_NAME_QUIET_MS, PageBridge, type PageBridgeDeps } from '../../../extension/features/automate/page-bridge.ts';
import type { PageDocument } from '../../../extension/protocol/schemas.ts';
import type { ScriptName } from '../../../extension/sandbox/capabilities/bridge.ts';

const page = (pageId: string, names: string[]): PageDocument => ({
  url: 'https://shop.example/orders', title: 'Orders', truncated: false, tokens: 10, pageId,
  stats: { nodes: 1, elements: names.length, lists: 0, ms: 1 },
  sections: [{ name: 'main', kind: 'main', title: '', entries: names.map((name) => ({ name, kind: 'button', description: name, locators: [{ by: 'id', value: name }] })) }],
}) as PageDocument;

/** A page whose next document comes `afterMs` after the first click (a handler that waits for its server). */
function slowPage(afterMs: number, extra: Partial<PageBridgeDeps> = {}) {
  let clickedAt: number | undefined;
  let reads = 0;
  const clicks: string[] = [];
  const bridge = new PageBridge({
    readDocument: async () => {
      reads++;
      return clickedAt !== undefined && Date.now() - clickedAt >= afterMs ? page('p2', ['order__track_button']) : page('p1', ['orders__open_button']);
    },
    act: async (request) => {
      if (request.action === 'click') {
        clickedAt ??= Date.now();
        clicks.push(request.target?.locators[0]?.value ?? '');
      }
      return { changed: request.action === 'click', navigated: false, url: 'https://shop.example/orders', pageId: 'p1', value: 'text' };
    },
    confirm: async () => true, ask: async () => '', say: () => undefined,
    ...extra,
  }, page('p1', ['orders__open_button']));
  const names = async (wanted: string) => {
    const started = Date.now();
    const found = (await bridge.call({ call: 'names', args: [wanted] }) as unknown as ScriptName[]).map((n) => n.name);
    return { found, waited: Date.now() - started };
  };
  return { bridge, names, reads: () => reads, clicks };
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
    // The page did not change at all: given up after LATE_NAME_QUIET_MS, not the whole window.
    const { waited } = await first;
    expect(waited).toBeGreaterThanOrEqual(LATE_NAME_QUIET_MS);
    expect(waited).toBeLessThan(LATE_NAME_QUIET_MS + LATE_NAME_POLL_MAX_MS);
    const readsAfterWait = reads();
    await bridge.call({ call: 'say', args: ['x'] });
    expect((await names('orders__typo_button')).waited).toBe(0);
    expect(reads()).toBe(readsAfterWait + 1);
  });

  test('a page that keeps changing (a spinner, a clock) is watched for the whole window', async () => {
    let tick = 0;
    const { bridge, names } = slowPage(Number.POSITIVE_INFINITY, {
      readDocument: async () => ({ ...page('p1', ['orders__open_button']), stats: { nodes: ++tick, elements: 1, lists: 0, ms: 1 } }),
    });
    await bridge.call({ call: 'click', target: { name: 'orders__open_button' }, args: [] });
    const pending = names('orders__typo_button');
    await vi.advanceTimersByTimeAsync(LATE_NAME_MS + 500);
    expect((await pending).waited).toBeGreaterThanOrEqual(LATE_NAME_MS - LATE_NAME_POLL_MAX_MS);
  });

  test('reading the page does not start the wait again; only an action that may change it does', async () => {
    const { bridge, names } = slowPage(Number.POSITIVE_INFINITY);
    await bridge.call({ call: 'click', target: { name: 'orders__open_button' }, args: [] });
    const first = names('orders__typo_button');
    await vi.advanceTimersByTimeAsync(LATE_NAME_MS);
    await first;
    await bridge.call({ call: 'text', target: { name: 'orders__open_button' }, args: [] });
    expect((await names('orders__typo_button')).waited).toBe(0);
    await bridge.call({ call: 'click', target: { name: 'orders__open_button' }, args: [] });
    const again = names('orders__typo_button');
    await vi.advanceTimersByTimeAsync(LATE_NAME_MS);
    expect((await again).waited).toBeGreaterThan(0);
  });

  test('an attempt that ended stops waiting at the next read', async () => {
    const { bridge, names, reads } = slowPage(Number.POSITIVE_INFINITY);
    await bridge.call({ call: 'click', target: { name: 'orders__open_button' }, args: [] });
    const pending = names('orders__typo_button').catch((error: Error) => error);
    await vi.advanceTimersByTimeAsync(250);
    const readsThen = reads();
    bridge.close();
    await vi.advanceTimersByTimeAsync(LATE_NAME_MS);
    expect(await pending).toMatchObject({ name: 'AbortError' });
    expect(reads()).toBe(readsThen);
  });

  test('a name the site document places behind the click just made is waited for, not clicked to again; another way is clicked at once', async () => {
    const same = slowPage(1500, { route: async (name, from) => (from.pageId === 'p1' && name === 'order__track_button' ? ['orders__open_button'] : null) });
    await same.bridge.call({ call: 'click', target: { name: 'orders__open_button' }, args: [] });
    const track = same.bridge.call({ call: 'click', target: { name: 'order__track_button' }, args: [] });
    await vi.advanceTimersByTimeAsync(LATE_NAME_MS);
    await track;
    expect(same.clicks).toEqual(['orders__open_button', 'order__track_button']);
    // The way there starts elsewhere (a menu link): clicked without waiting.
    const other = slowPage(0, { route: async (name) => (name === 'order__track_button' ? ['orders__open_button'] : null) });
    await other.bridge.call({ call: 'hover', target: { name: 'orders__open_button' }, args: [] });
    const started = Date.now();
    await other.bridge.call({ call: 'click', target: { name: 'order__track_button' }, args: [] });
    expect(Date.now() - started).toBe(0);
    expect(other.clicks).toEqual(['orders__open_button', 'order__track_button']);
  });

  test('a name the page has is not waited for', async () => {
    const { bridge, names } = slowPage(1500);
    await bridge.call({ call: 'click', target: { name: 'orders__open_button' }, args: [] });
    expect(await names('orders__open_button')).toEqual({ found: ['orders__open_button'], waited: 0 });
  });
});
