import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { launchExtension, repoRoot, type ExtensionHarness } from './browser.ts';
import { envelope, sendFromPage } from './helpers.ts';
import { startModelServer } from '../support/model-server.ts';

/**
 * A full disk in the real browser. The shipped extension asks for `unlimitedStorage`, which makes Chrome ignore quota
 * limits, so this harness loads a copy without it and gives the extension's origin a small quota through the DevTools
 * protocol (Storage.overrideQuotaForOrigin): from then on OPFS and IndexedDB writes past it fail as on a full disk.
 */
const folder = `${repoRoot}/models/bundled/tinystories-656k`;
const names = ['model.onnx', 'tokenizer.json', 'tokenizer_config.json', 'config.json', 'generation_config.json'];
const bytes = Object.fromEntries(names.map((name) => [name, new Uint8Array(readFileSync(`${folder}/${name}`))]));
const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const golden = JSON.parse(readFileSync(`${repoRoot}/../shared/models/TinyStories-656K/reference.json`, 'utf8')).prompts[0];

let harness: ExtensionHarness;
let server: Awaited<ReturnType<typeof startModelServer>>;
let popup: Page;
let cdp: CDPSession;

const origin = () => `chrome-extension://${harness.extensionId}`;
/** The extension's quota: `headroom` bytes above what it uses now; undefined removes the override. */
async function setQuota(headroom: number | undefined) {
  const usage = (await popup.evaluate(() => navigator.storage.estimate())).usage ?? 0;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: origin(), ...(headroom === undefined ? {} : { quotaSize: usage + headroom }) });
}
const row = (id: string) => popup.locator(`[data-model="${id}"] [data-field="model.state"] > div`);
const stateOf = (id: string) => row(id).getAttribute('data-state');

beforeAll(async () => {
  server = await startModelServer(Object.fromEntries(names.map((name) => [`/full/${name}`, { body: bytes[name]!, ...(name === 'model.onnx' ? { holdAfter: 256 * 1024 } : {}) }])));
  harness = await launchExtension({ editManifest: (manifest) => {
    manifest.permissions = (manifest.permissions as string[]).filter((p) => p !== 'unlimitedStorage');
  } });
  popup = await harness.openExtensionPage('popup/index.html');
  cdp = await harness.context.newCDPSession(popup);
  await popup.getByRole('tab', { name: 'Models' }).click();
});
afterAll(async () => {
  await harness?.close();
  await server?.close();
});

describe('storage full in the real browser', () => {
  test('a download that fills the disk stops with QuotaError, keeps what it wrote, and resumes once space is freed', async () => {
    const registered = await sendFromPage(popup, envelope('models.register', { model: {
      id: 'full', name: 'Local full', contextLength: 512,
      files: names.map((name) => ({ path: name, url: `${server.origin}/full/${name}`, sha256: sha(bytes[name]!), bytes: bytes[name]!.length })),
    } })) as { ok: boolean };
    expect(registered.ok).toBe(true);
    await row('full').getByRole('button', { name: 'Download' }).click();
    // The server holds model.onnx after 256 KiB: the quota shrinks while the download is surely mid-file (Chrome
    // reserves space in growing steps, so a late change could land after the whole file was already reserved).
    await expect.poll(() => server.files['/full/model.onnx']!.release !== undefined, { timeout: 30_000 }).toBe(true);
    await expect.poll(() => popup.locator('[data-model="full"] [data-field="download.progress"]').innerText(), { timeout: 30_000 })
      .toMatch(/of 2\.7 MB/);
    // Room for the small Dexie rows, not for the rest of the 2.6 MB model file.
    await setQuota(300_000);
    server.files['/full/model.onnx']!.release!();
    await expect.poll(() => stateOf('full'), { timeout: 60_000 }).toBe('failed');
    const alert = row('full').locator('[role=alert]');
    expect(await alert.getAttribute('data-error-name')).toBe('QuotaError');
    // The writer worker writes in place, so every byte written before the disk filled is kept.
    expect(await alert.innerText()).toMatch(/storage is full: model\.onnx of "Local full" stopped after \d.* of 2\.\d MB; those bytes are kept/);
    expect(await row('full').innerText()).toMatch(/\d+(\.\d+)? (kB|MB) kept/);
    const modelRequests = () => server.requests.filter((r) => r.path === '/full/model.onnx');
    const requestsWhenFull = modelRequests().length;

    // Nothing half-written is usable.
    const refused = await popup.evaluate(() => new Promise<{ type: string; error?: { name: string } }>((resolve) => {
      const port = chrome.runtime.connect({ name: 'generate' });
      port.onMessage.addListener((frame: { type: string }) => { if (frame.type !== 'event') resolve(frame as never); });
      port.postMessage({ kind: 'generate', id: crypto.randomUUID(), payload: { model: 'full', prompt: 'Once', backend: 'wasm', params: { maxTokens: 4, temperature: 0 } } });
    }));
    expect(refused.error?.name).toBe('ModelNotFoundError');

    // Space freed: Resume continues with a Range request from what is on disk, verifies, and the model generates.
    await setQuota(undefined);
    await row('full').getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => stateOf('full'), { timeout: 60_000 }).toBe('complete');
    const resumed = modelRequests().slice(requestsWhenFull);
    expect(resumed.length).toBeGreaterThanOrEqual(1);
    expect(resumed[0]!.status).toBe(206);
    const outcome = await popup.evaluate((prompt) => new Promise<{ type: string; payload?: { tokenIds: number[] } }>((resolve) => {
      const port = chrome.runtime.connect({ name: 'generate' });
      port.onMessage.addListener((frame: { type: string }) => { if (frame.type !== 'event') resolve(frame as never); });
      port.postMessage({ kind: 'generate', id: crypto.randomUUID(), payload: { model: 'full', prompt, backend: 'wasm', params: { maxTokens: 32, temperature: 0, stopAtEos: false } } });
    }), golden.prompt);
    expect(outcome.payload?.tokenIds).toEqual(golden.generated_ids);
  });
});
