import { beforeEach, expect, test, vi } from 'vitest';

const tab = vi.hoisted(() => ({ listening: false, injections: 0, asks: 0, failWith: undefined as Error | undefined }));
vi.mock('../../../extension/platform/index.ts', () => ({
  extensionVersion: () => '0.0.0',
  getTab: vi.fn(async (id: number) => ({ id, windowId: 1, url: 'https://shop.example/', title: 'Shop' })),
  injectContentScript: vi.fn(async () => {
    tab.injections += 1;
    tab.listening = true;
  }),
  requestTab: vi.fn(async () => {
    tab.asks += 1;
    if (tab.failWith) throw tab.failWith;
    // What Chrome says when no script in the tab listens.
    if (!tab.listening) throw new Error('Could not establish connection. Receiving end does not exist.');
    return { url: 'https://shop.example/', title: 'Shop', elementCount: 3 };
  }),
  storageEstimate: vi.fn(), offscreenDocumentExists: vi.fn(), createOffscreenDocument: vi.fn(), request: vi.fn(),
  bindSidePanel: vi.fn(), openSidePanel: vi.fn(), sessionGet: vi.fn(), sessionRemove: vi.fn(), sessionSet: vi.fn(),
}));
import { backgroundHandlers } from '../../../extension/background/handlers.ts';
import { ContentScriptError } from '../../../extension/protocol/errors.ts';

const stats = (tabId: number) =>
  (backgroundHandlers['page.stats'] as (payload: { tabId: number }, context: unknown) => Promise<unknown>)({ tabId }, { sender: { tier: 'extension' } });

beforeEach(() => {
  Object.assign(tab, { listening: false, injections: 0, asks: 0, failWith: undefined });
});

test('a page without our content script gets it injected once, then the ask is answered', async () => {
  await expect(stats(7)).resolves.toMatchObject({ elementCount: 3 });
  expect(tab.injections).toBe(1);
  expect(tab.asks).toBe(2);
});

test('a page whose content script is already there is asked without injecting again (session 27: two scripting calls per read)', async () => {
  await stats(7);
  await stats(7);
  await stats(7);
  expect(tab.injections).toBe(1);
  expect(tab.asks).toBe(4);
});

test('a tab that fails otherwise is a ContentScriptError, with no injection tried', async () => {
  tab.listening = true;
  tab.failWith = new Error('The message port closed before a response was received.');
  await expect(stats(7)).rejects.toBeInstanceOf(ContentScriptError);
  expect(tab.injections).toBe(0);
});
