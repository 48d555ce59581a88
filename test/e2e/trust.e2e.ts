import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { Worker } from 'playwright-core';
import { serveStatic } from '../../scripts/lib/static-server.mjs';
import { launchExtension, repoRoot, type ExtensionHarness } from './browser.ts';
import { envelope, hook, sendFromPage } from './helpers.ts';

let harness: ExtensionHarness;
let foreign: Worker;
let server: Awaited<ReturnType<typeof serveStatic>>;

beforeAll(async () => {
  server = await serveStatic({ '/demo/': `${repoRoot}/demo` });
  harness = await launchExtension({ extraExtensions: [`${repoRoot}/test/fixtures/foreign-extension`] });
  const isForeign = (w: Worker) => w.url().endsWith('/background.js') && !w.url().includes(harness.extensionId);
  foreign = harness.context.serviceWorkers().find(isForeign)
    ?? await harness.context.waitForEvent('serviceworker', { predicate: isForeign });
});
afterAll(async () => {
  await harness?.close();
  await server?.close();
});

type WireReply = { id: string; ok: boolean; payload?: unknown; error?: { name: string; message: string } };

describe('who may talk to the background', () => {
  test('another extension gets UntrustedSenderError for a well-formed request', async () => {
    const reply = await foreign.evaluate(([id, message]) =>
      (self as unknown as { askPocket: (i: string, m: unknown) => Promise<unknown> }).askPocket(id, message),
    [harness.extensionId, envelope('system.info')] as const) as WireReply;
    expect(reply.ok).toBe(false);
    expect(reply.error?.name).toBe('UntrustedSenderError');
  });

  test('a web page cannot reach the extension at all (no externally_connectable)', async () => {
    const page = await harness.context.newPage();
    await page.goto(server.url('/demo/'));
    const reach = await page.evaluate((id) => {
      const runtime = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
      if (typeof runtime?.sendMessage !== 'function') return 'no runtime.sendMessage';
      try {
        (runtime.sendMessage as (i: string, m: unknown) => void)(id, { kind: 'system.info', id: 'x', payload: {} });
        return 'sent';
      } catch (error) {
        return `threw: ${(error as Error).message}`;
      }
    }, harness.extensionId);
    expect(reach).not.toBe('sent');
    await page.close();
  });

  test('senders are classified by id, origin and tab — never by the URL they claim', async () => {
    const self = { id: harness.extensionId, origin: `chrome-extension://${harness.extensionId}` };
    const popupUrl = `${self.origin}/popup/index.html`;
    const cases = [
      // A web page's frame (via our content script) claiming our popup URL: content tier, so system.info is refused.
      { sender: { id: self.id, origin: server.origin, url: popupUrl, tab: { id: 7 }, frameId: 0 }, expected: 'UntrustedSenderError' },
      // Another extension that copies our origin string in its URL.
      { sender: { id: 'abcdefghijklmnopabcdefghijklmnop', origin: self.origin, url: popupUrl }, expected: 'UntrustedSenderError' },
      // No id at all (a web page through externally_connectable would look like this).
      { sender: { origin: server.origin, url: popupUrl }, expected: 'UntrustedSenderError' },
    ];
    for (const { sender, expected } of cases) {
      const reply = await hook<WireReply>(harness.serviceWorker, 'dispatchAs', envelope('system.info'), sender);
      expect(reply.error?.name, JSON.stringify(sender)).toBe(expected);
    }
    // Our content script in tab 7 may ping (a content-tier kind) and is told its tier.
    const ping = await hook<WireReply>(harness.serviceWorker, 'dispatchAs', envelope('ping'),
      { id: self.id, origin: server.origin, tab: { id: 7 }, frameId: 0 });
    expect(ping).toMatchObject({ ok: true, payload: { tier: 'content' } });
  });

  test('a port of a name nothing serves is closed at once, not left open (exploratory test, session 20)', async () => {
    const popup = await harness.openExtensionPage('popup/index.html');
    const closed = await popup.evaluate(async (names) => Promise.all(names.map((name) => new Promise<boolean>((resolve) => {
      const port = chrome.runtime.connect({ name });
      port.onDisconnect.addListener(() => resolve(true));
      setTimeout(() => resolve(false), 3_000);
    }))), ['', '__proto__', 'generat', 'x'.repeat(100_000)]);
    expect(closed).toEqual([true, true, true, true]);
    await popup.close();
  });

  test('1,000 random envelopes get typed errors and the background keeps serving system.info', async () => {
    const kinds = ['ping', 'system.info', 'page.stats', 'panel.intent', 'content.page.stats', 'worker.device.probe'];
    const hostile = fc.oneof(
      fc.anything({ withObjectString: true, withNullPrototype: true, maxDepth: 3 }),
      fc.record({
        kind: fc.oneof(fc.constantFrom(...kinds), fc.string(), fc.constant('__proto__'), fc.constant('constructor')),
        id: fc.oneof(fc.string({ maxLength: 80 }), fc.integer(), fc.constant('x'.repeat(10_000))),
        payload: fc.oneof(
          fc.anything({ maxDepth: 2 }),
          fc.record({ tabId: fc.oneof(fc.integer(), fc.double(), fc.string()) }),
          fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}')),
          fc.constant({ huge: 'x'.repeat(1_000_000) }),
        ),
      }, { requiredKeys: [] }),
    );
    const messages = fc.sample(hostile, { numRuns: 1000, seed: 20261125 });
    const popup = await harness.openExtensionPage('popup/index.html');
    const summary = await popup.evaluate(async (batch) => {
      const names: Record<string, number> = {};
      let unanswered = 0;
      for (const message of batch) {
        try {
          const reply = await chrome.runtime.sendMessage(message) as { ok?: boolean; error?: { name?: string } } | undefined;
          const name = reply === undefined ? 'undefined' : reply.ok ? 'ok' : String(reply.error?.name);
          names[name] = (names[name] ?? 0) + 1;
        } catch (error) {
          unanswered += 1;
          names[`threw ${(error as Error).message.slice(0, 60)}`] = 1;
        }
      }
      return { names, unanswered, polluted: ({} as { polluted?: unknown }).polluted !== undefined };
    }, messages);
    expect(summary.unanswered, JSON.stringify(summary.names)).toBe(0);
    expect(summary.names.undefined ?? 0).toBe(0);
    expect(summary.polluted).toBe(false);
    expect(summary.names.ValidationError).toBeGreaterThan(500);
    const allowed = new Set(['ok', 'ValidationError', 'UnknownKindError', 'ContentScriptError']);
    expect(Object.keys(summary.names).filter((name) => !allowed.has(name))).toEqual([]);

    const after = await sendFromPage(popup, envelope('system.info')) as WireReply;
    expect(after.ok).toBe(true);
    const bgPolluted = await harness.serviceWorker.evaluate(() => ({} as { polluted?: unknown }).polluted !== undefined);
    expect(bgPolluted).toBe(false);
  });
});
