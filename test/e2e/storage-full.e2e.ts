import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { launchExtension, type ExtensionHarness } from './browser.ts';
import { envelope, generateFrom, sendFromPage, sha256Hex, tinyStoriesBytes, tinyStoriesFiles, tinyStoriesGolden } from './helpers.ts';
import { startModelServer } from '../support/model-server.ts';

/**
 * A full disk in the real browser. The shipped extension asks for `unlimitedStorage`, which makes Chrome ignore quota
 * limits, so this harness loads a copy without it and gives the extension's origin a small quota through the DevTools
 * protocol (Storage.overrideQuotaForOrigin): from then on OPFS writes past it fail as on a full disk.
 */
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
  server = await startModelServer(Object.fromEntries(tinyStoriesFiles.map((name) => [`/full/${name}`, { body: tinyStoriesBytes[name]!, ...(name === 'model.onnx' ? { holdAfter: 256 * 1024 } : {}) }])));
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
      files: tinyStoriesFiles.map((name) => ({ path: name, url: `${server.origin}/full/${name}`, sha256: sha256Hex(tinyStoriesBytes[name]!), bytes: tinyStoriesBytes[name]!.length })),
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
    // Said once (session 22: the headline and the message both said "storage is full").
    expect(await alert.innerText()).toMatch(/^Storage is full: model\.onnx of "Local full" stopped after \d.* of 2\.\d MB; those bytes are kept/);
    expect(await row('full').innerText()).toMatch(/\d+(\.\d+)? (kB|MB) kept/);
    const modelRequests = () => server.requests.filter((r) => r.path === '/full/model.onnx');
    const requestsWhenFull = modelRequests().length;

    // Nothing half-written is usable.
    const refused = await generateFrom(popup, { model: 'full', prompt: 'Once', backend: 'wasm', params: { maxTokens: 4, temperature: 0 } });
    expect(refused.error?.name).toBe('ModelNotFoundError');

    // Space freed: Resume continues with a Range request from what is on disk, verifies, and the model generates.
    await setQuota(undefined);
    await row('full').getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => stateOf('full'), { timeout: 60_000 }).toBe('complete');
    const resumed = modelRequests().slice(requestsWhenFull);
    expect(resumed.length).toBeGreaterThanOrEqual(1);
    expect(resumed[0]!.status).toBe(206);
    const outcome = await generateFrom(popup, { model: 'full', prompt: tinyStoriesGolden.prompt, backend: 'wasm', params: { maxTokens: 32, temperature: 0, stopAtEos: false } });
    expect(outcome.result?.tokenIds).toEqual(tinyStoriesGolden.generated_ids);
  });
});
