import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionHarness } from './browser.ts';
import { generateFrom } from './helpers.ts';

/**
 * "Fastest first token" (issue 10): every generation's TTFT is recorded per model, backend and prompt length on this
 * device; the Models tab's preference then picks, for Story, the bundled model (decoder-only or encoder-decoder) that
 * measured faster on long prompts here. Which one wins is whatever this machine measured: the test reads the records
 * and checks the pick against them.
 */
let harness: ExtensionHarness;
let popup: Page;

beforeAll(async () => {
  harness = await launchExtension();
  popup = await harness.openExtensionPage('popup/index.html');
});
afterAll(() => harness?.close());

interface Row { model: string; backend: string; bucket: string; count: number; meanMs: number }
const records = () => popup.evaluate(() => new Promise<Row[]>((resolve, reject) => {
  const open = indexedDB.open('pocket-slm');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const read = open.result.transaction('firstTokens').objectStore('firstTokens').getAll();
    read.onsuccess = () => { resolve(read.result as Row[]); open.result.close(); };
    read.onerror = () => reject(read.error);
  };
}));

describe('fastest first token', () => {
  test('long-prompt timings of both story models are recorded, and the preference picks the faster one', async () => {
    const prompt = Array.from({ length: 80 }, (_, i) => `Tom saw a ${['red', 'big', 'small'][i % 3]} dog.`).join(' ');
    for (let round = 0; round < 2; round++) {
      for (const model of ['tinystories-656k', 'tinystories-encdec']) {
        const outcome = await generateFrom(popup, { model, prompt, params: { maxTokens: 4, temperature: 0 }, backend: 'wasm' });
        expect(outcome.error, model).toBeUndefined();
        expect(Number(outcome.result!.stats.tokensIn)).toBeGreaterThanOrEqual(256);
      }
    }
    await expect.poll(async () => (await records()).filter((r) => r.bucket === 'long' && r.count === 2).length, { timeout: 10_000 }).toBe(2);
    const long = (await records()).filter((r) => r.bucket === 'long');
    expect(long.map((r) => r.backend)).toEqual(['wasm', 'wasm']);
    const faster = [...long].sort((a, b) => a.meanMs - b.meanMs)[0]!.model;

    await popup.getByRole('tab', { name: 'Models' }).click();
    const story = popup.locator('select[data-feature="story"]');
    await story.selectOption({ label: 'Fastest first token here (measured)' });
    const hint = popup.locator('[data-field="fastest"]');
    await expect.poll(() => hint.getAttribute('data-model')).toBe(faster);
    for (const r of long) await expect.poll(() => hint.textContent()).toContain(`${Math.round(r.meanMs)} ms`);
    // The Story tab writes with the measured-faster model now.
    await popup.getByRole('tab', { name: 'Story' }).click();
    await expect.poll(() => popup.locator('#story-model').inputValue()).toBe(faster);
  });
});
