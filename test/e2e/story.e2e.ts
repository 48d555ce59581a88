import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionHarness } from './browser.ts';
import { expectAccessible } from './helpers.ts';

let harness: ExtensionHarness;
let popup: Page;

beforeAll(async () => {
  harness = await launchExtension();
  popup = await harness.openExtensionPage('popup/index.html');
  await popup.getByRole('tab', { name: 'Story' }).click();
});
afterAll(() => harness?.close());

const storyText = () => popup.getByTestId('story-text').innerText();

describe('Story tab with the bundled model (offline, real generation)', () => {
  test('writes a story, streams it, and shows the engine numbers', async () => {
    await popup.getByLabel('Prompt', { exact: true }).fill('Once upon a time');
    await popup.getByLabel('Length (tokens)').fill('48');
    await popup.getByLabel('Seed', { exact: true }).fill('7');
    await popup.getByRole('button', { name: 'Write' }).click();
    await popup.getByTestId('generation-stats').waitFor({ timeout: 120_000 });
    const text = await storyText();
    expect(text.startsWith('Once upon a time')).toBe(true);
    expect(text.length).toBeGreaterThan('Once upon a time'.length + 20);
    expect(await popup.locator('[data-field="stats.backend"]').innerText()).toMatch(/^(WebGPU|WASM)$/);
    expect(Number((await popup.locator('[data-field="stats.decodeTokS"]').innerText()).replace(/,/g, ''))).toBeGreaterThan(0);
    await expectAccessible(popup, 'story tab after writing');
  });

  test('the same seed writes the same story', async () => {
    const first = await storyText();
    await popup.getByRole('button', { name: 'Write' }).click();
    await popup.getByTestId('generation-stats').waitFor({ timeout: 120_000 });
    expect(await storyText()).toBe(first);
  });

  test('Stop ends a long story early and keeps what was written', async () => {
    await popup.getByLabel('Length (tokens)').fill('2000');
    // WebGPU (SwiftShader here, ~18 tok/s) writes slowly enough that Stop lands mid-stream; WASM (~5,000 tok/s) often
    // reaches EOS or the 512-token context before the click does.
    await popup.getByLabel('Backend').selectOption('webgpu');
    await popup.getByRole('button', { name: 'Write' }).click();
    await expect.poll(async () => (await storyText()).length, { timeout: 60_000, interval: 20 }).toBeGreaterThan(40);
    await popup.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => popup.getByTestId('story-notice').innerText(), { timeout: 30_000 }).toMatch(/^Stopped\. /);
    await expect.poll(() => popup.getByRole('button', { name: 'Write' }).isEnabled()).toBe(true);
    const kept = await storyText();
    expect(kept.length).toBeGreaterThan(40);
    await popup.waitForTimeout(500);
    expect(await storyText()).toBe(kept); // nothing arrives after Stop
    await popup.getByLabel('Backend').selectOption('wasm');
  });

  test('Models tab lists the bundled model as ready and f16 models by what this GPU can do', async () => {
    await popup.getByRole('tab', { name: 'Models' }).click();
    const state = (id: string) => popup.locator(`[data-model="${id}"] [data-field="model.state"]`).innerText();
    expect(await state('tinystories-656k')).toBe('Bundled · ready');
    await expect.poll(() => state('qwen2.5-0.5b-instruct-onnx')).not.toBe('Download');
    const f16 = await popup.evaluate(async () => Boolean((await navigator.gpu?.requestAdapter())?.features.has('shader-f16')));
    if (!f16) expect(await state('qwen2.5-0.5b-instruct-onnx')).toMatch(/Unavailable: needs WebGPU shader-f16/);
    expect(await state('flan-t5-small-onnx')).toBe('Download');
  });
});
