import type { Page, Worker } from 'playwright-core';
import axe from 'axe-core';
import { expect } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { repoRoot } from './browser.ts';

/** Sends a raw runtime message from an extension page, exactly as our UI would (no client-side validation). */
export function sendFromPage(page: Page, message: unknown): Promise<unknown> {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message);
}

export function envelope(kind: string, payload: unknown = {}) {
  return { kind, id: `test-${Math.random().toString(36).slice(2)}`, payload };
}

/**
 * Opens a saved real page in `tab` with every request off `localOrigins` refused (their hosts are offline here), and
 * resolves once it loaded and its own scripts stopped changing the DOM for `quietMs` (bbc-1 adds a script element
 * from its load handler, spiceworks one a moment later): two reads of a page still being built by its scripts differ.
 * `quietMs` 0 waits for the load event only (pages that change on a timer for ever).
 */
export async function gotoSettled(tab: Page, url: string, localOrigins: string[], quietMs = 500, maxMs = 15_000): Promise<void> {
  await tab.route('**/*', (route) => {
    const address = route.request().url();
    return localOrigins.some((origin) => address.startsWith(origin)) ? route.continue() : route.abort();
  });
  await tab.goto(url, { waitUntil: 'load' });
  if (quietMs > 0) await tab.evaluate(([quiet, max]) => new Promise<void>((settle) => {
    const started = performance.now();
    let last = started;
    const observer = new MutationObserver(() => { last = performance.now(); });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    const check = () => {
      const now = performance.now();
      if (now - last >= quiet || now - started >= max) { observer.disconnect(); settle(); } else setTimeout(check, 50);
    };
    setTimeout(check, 50);
  }), [quietMs, maxMs] as const);
}

/** Calls a test hook in the service worker's global scope (see extension/background/index.ts). */
export function hook<T>(worker: Worker, name: string, ...args: unknown[]): Promise<T> {
  return worker.evaluate(([hookName, hookArgs]) => {
    const hooks = (globalThis as unknown as { __pocketTest: Record<string, (...a: unknown[]) => unknown> }).__pocketTest;
    return hooks[hookName as string]!(...(hookArgs as unknown[]));
  }, [name, args] as const) as Promise<T>;
}

/** Runs axe-core in the page and fails on any violation, listing them. */
export async function expectAccessible(page: Page, context = 'page'): Promise<void> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await (globalThis as unknown as { axe: typeof axe }).axe.run(document);
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  expect(violations, `axe violations in ${context}`).toEqual([]);
}

/**
 * Adds a replay model (canned answers, workers/engines/replay.ts) the way a user adds any model: registered by URL
 * from the local model server (which must already serve `/<id>/replay.json`), then downloaded through the Models tab.
 */
export async function installReplayModel(popup: Page, origin: string, id: string, bytes: number, name: string): Promise<void> {
  await popup.getByRole('tab', { name: 'Models' }).click();
  const registered = await sendFromPage(popup, envelope('models.register', { model: {
    id, name, contextLength: 100_000, files: [{ path: 'replay.json', url: `${origin}/${id}/replay.json`, sha256: null, bytes }],
  } })) as { ok: boolean; error?: unknown };
  expect(registered.ok, JSON.stringify(registered.error)).toBe(true);
  await popup.locator(`[data-model="${id}"] [data-field="model.state"] > div`).getByRole('button', { name: 'Download' }).click();
  await popup.locator(`[data-model="${id}"] [data-field="model.state"] > div[data-state="complete"]`).waitFor({ timeout: 60_000 });
}

export interface GenerateOutcome {
  tokens: number[];
  streamed: string;
  result?: { text: string; tokenIds: number[]; finishReason: string; stats: Record<string, number | string>; engine: { backend: string } };
  error?: { name: string; message: string };
}

/** Opens a `generate` port from an extension page, as the panels do, and collects the streamed tokens and the end. */
export function generateFrom(page: Page, request: unknown): Promise<GenerateOutcome> {
  return page.evaluate((req) => new Promise<GenerateOutcome>((resolve) => {
    const port = chrome.runtime.connect({ name: 'generate' });
    const outcome: GenerateOutcome = { tokens: [], streamed: '' };
    port.onMessage.addListener((frame: { type: string; payload?: { type: string; tokenId: number; text: string }; error?: GenerateOutcome['error'] }) => {
      if (frame.type === 'alive') return; // a silent stretch (model load, prefill): the stream goes on
      if (frame.type === 'event') {
        if (frame.payload!.type === 'token') {
          outcome.tokens.push(frame.payload!.tokenId);
          outcome.streamed += frame.payload!.text;
        }
      } else {
        if (frame.type === 'end') outcome.result = frame.payload as unknown as GenerateOutcome['result'];
        else outcome.error = frame.error;
        resolve(outcome);
      }
    });
    port.onDisconnect.addListener(() => resolve(outcome));
    port.postMessage({ kind: 'generate', id: crypto.randomUUID(), payload: req });
  }), request);
}

/** The bundled TinyStories files as a download test serves them, their sha256, and the golden greedy reference. */
export const tinyStoriesFiles = ['model.onnx', 'tokenizer.json', 'tokenizer_config.json', 'config.json', 'generation_config.json'];
export const tinyStoriesBytes: Record<string, Uint8Array> = Object.fromEntries(tinyStoriesFiles.map((name) =>
  [name, new Uint8Array(readFileSync(`${repoRoot}/models/bundled/tinystories-656k/${name}`))]));
export const sha256Hex = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
export const tinyStoriesGolden = JSON.parse(readFileSync(`${repoRoot}/../shared/models/TinyStories-656K/reference.json`, 'utf8'))
  .prompts[0] as { prompt: string; generated_ids: number[] };
