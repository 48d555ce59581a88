import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionHarness } from './browser.ts';
import { envelope, hook, sendFromPage } from './helpers.ts';

let harness: ExtensionHarness;
let popup: Page | undefined;
type WireReply = { ok: boolean; payload?: { route?: string[]; gpu?: { available: boolean } }; error?: { name: string } };

const offscreenCount = () => harness.serviceWorker.evaluate(async () =>
  (await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] })).length);
// The popup is opened on first use: opening it sends requests of its own (its panels ask the host for their state),
// which would race the "not before" check.
const systemInfo = async () => {
  popup ??= await harness.openExtensionPage('popup/index.html');
  return sendFromPage(popup, envelope('system.info')) as Promise<WireReply>;
};

beforeAll(async () => {
  harness = await launchExtension();
});
afterAll(() => harness?.close());

describe('model host lifecycle', () => {
  test('the offscreen host is created on the first request, not before', async () => {
    expect(await offscreenCount()).toBe(0);
    expect((await systemInfo()).ok).toBe(true);
    expect(await offscreenCount()).toBe(1);
  });

  test('a closed offscreen document is recreated by the next request', async () => {
    await hook(harness.serviceWorker, 'closeModelHost');
    expect(await offscreenCount()).toBe(0);
    const reply = await systemInfo();
    expect(reply.ok).toBe(true);
    expect(reply.payload?.route).toEqual(['background', 'offscreen', 'worker']);
    expect(await offscreenCount()).toBe(1);
  });

  test('concurrent first requests share one host', async () => {
    await hook(harness.serviceWorker, 'closeModelHost');
    const replies = await Promise.all(Array.from({ length: 5 }, () => systemInfo()));
    expect(replies.filter((reply) => !reply.ok)).toEqual([]);
    expect(await offscreenCount()).toBe(1);
  });

  test('a worker killed mid-request fails that request with a typed error; the next one gets a new worker', async () => {
    const inFlight = systemInfo();
    const reset = await hook<{ terminated: number }>(harness.serviceWorker, 'resetWorkers');
    expect(reset.terminated).toBeGreaterThanOrEqual(0);
    const first = await inFlight;
    if (!first.ok) expect(first.error?.name).toBe('WorkerCrashedError');
    const next = await systemInfo();
    expect(next.ok).toBe(true);
    // A second reset now finds exactly the one worker the last request started.
    expect((await hook<{ terminated: number }>(harness.serviceWorker, 'resetWorkers')).terminated).toBe(1);
  });
});
