import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchExtension, repoRoot, type ExtensionHarness } from './browser.ts';
import { envelope, generateFrom, sendFromPage } from './helpers.ts';
import { startModelServer } from '../support/model-server.ts';

/**
 * The seq2seq fixture goes the way a user's model goes: registered by URL, downloaded from a local HTTP server into
 * OPFS through the Models tab, then generated with through the `generate` port (background → offscreen → worker).
 */
const folder = `${repoRoot}/test/fixtures/seq2seq-tiny`;
const reference = JSON.parse(readFileSync(`${folder}/reference.json`, 'utf8')) as {
  new_tokens: number; eos_token_id: number; cases: { text: string; input_ids: number[]; generated_ids: number[]; dropped?: number }[];
};
const common = ['encoder_model.onnx', 'tokenizer.json', 'tokenizer_config.json', 'config.json', 'generation_config.json'];
const layouts = {
  'seq2seq-tiny-merged': [...common, 'decoder_model_merged.onnx'],
  'seq2seq-tiny-split': [...common, 'decoder_model.onnx', 'decoder_with_past_model.onnx'],
};
const bytes = (name: string) => new Uint8Array(readFileSync(`${folder}/${name}`));
const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

let harness: ExtensionHarness;
let server: Awaited<ReturnType<typeof startModelServer>>;
let popup: Page;

const generate = (request: unknown) => generateFrom(popup, request);

beforeAll(async () => {
  server = await startModelServer({});
  for (const [id, names] of Object.entries(layouts)) {
    for (const name of names) server.files[`/${id}/${name}`] = { body: bytes(name) };
  }
  harness = await launchExtension();
  popup = await harness.openExtensionPage('popup/index.html');
});
afterAll(async () => {
  await harness?.close();
  await server?.close();
});

describe('OrtSeq2SeqEngine in the real extension (downloaded fixture, model worker)', () => {
  test('the fixture, added by URL in both decoder layouts, downloads through the Models tab', async () => {
    await popup.getByRole('tab', { name: 'Models' }).click();
    for (const [id, names] of Object.entries(layouts)) {
      const registered = await sendFromPage(popup, envelope('models.register', { model: {
        id, name: `Fixture ${id}`, contextLength: 64,
        files: names.map((name) => ({ path: name, url: `${server.origin}/${id}/${name}`, sha256: sha(bytes(name)), bytes: bytes(name).length })),
      } })) as { ok: boolean };
      expect(registered.ok).toBe(true);
      const row = popup.locator(`[data-model="${id}"] [data-field="model.state"] > div`);
      await row.getByRole('button', { name: 'Download' }).click();
      await expect.poll(() => row.getAttribute('data-state'), { timeout: 60_000 }).toBe('complete');
    }
  }, 120_000);

  for (const backend of ['webgpu', 'wasm'] as const) {
    for (const model of Object.keys(layouts)) {
      test(`${backend}, ${model}: greedy ids equal the numpy reference for every case`, async () => {
        for (const c of reference.cases) {
          const outcome = await generate({ model, prompt: c.text, backend,
            // The reference truncates as Hugging Face does (the end of an over-long input goes).
            params: { maxTokens: reference.new_tokens, temperature: 0, stopAtEos: false, dropFrom: 'end' } });
          expect(outcome.error, JSON.stringify(outcome.error)).toBeUndefined();
          expect(outcome.result!.tokenIds).toEqual(c.generated_ids);
          expect(outcome.tokens).toEqual(c.generated_ids);
          expect(outcome.streamed).toBe(outcome.result!.text);
          expect(outcome.result!.engine.backend).toBe(backend);
          expect(outcome.result!.stats).toMatchObject({ backend, tokensIn: c.input_ids.length, tokensOut: reference.new_tokens,
            promptTokensDropped: c.dropped ?? 0 });
        }
      }, 180_000);
    }
  }

  test('webgpu: EOS ends generation where the reference produces it', async () => {
    const c = reference.cases.find((x) => x.generated_ids.slice(1, -1).includes(reference.eos_token_id))!;
    const at = c.generated_ids.indexOf(reference.eos_token_id);
    const outcome = await generate({ model: 'seq2seq-tiny-merged', prompt: c.text, backend: 'webgpu',
      params: { maxTokens: reference.new_tokens, temperature: 0 } });
    expect(outcome.result!.finishReason).toBe('stop');
    expect(outcome.result!.tokenIds).toEqual(c.generated_ids.slice(0, at + 1));
    expect(outcome.tokens).toEqual(c.generated_ids.slice(0, at));
  });
});
