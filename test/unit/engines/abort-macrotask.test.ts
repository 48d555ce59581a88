import { afterAll, beforeAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { OrtDecoderEngine } from '../../../workers/engines/ort-decoder.ts';
import { decoderConfigFrom } from '../../../workers/engines/model-config.ts';
import { TextTokenizer } from '../../../workers/engines/tokenizer.ts';
import { pumpStream } from '../../../workers/pump-stream.ts';

/**
 * Stop on WASM: the worker hears `worker.abort` as a message, i.e. a macrotask. A WASM decode step never waits on
 * anything, so a generation that is only awaited step by step would not let that message in until it had finished.
 */
const bundled = join(import.meta.dirname, '../../../models/bundled/tinystories-656k');
const json = (path: string) => JSON.parse(readFileSync(join(bundled, path), 'utf8'));
const engines = new Map<boolean, OrtDecoderEngine>();

beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  for (const ownSteps of [true, false]) {
    engines.set(ownSteps, await OrtDecoderEngine.load({
      ort, modelId: 'tinystories-656k', backend: 'wasm', ownSteps,
      tokenizer: new TextTokenizer({ tokenizerJson: json('tokenizer.json'), tokenizerConfig: json('tokenizer_config.json') }),
      model: readFileSync(join(bundled, 'model.onnx')),
      config: decoderConfigFrom(json('config.json'), json('generation_config.json')),
    }));
  }
});
afterAll(async () => {
  for (const engine of engines.values()) await engine.unload();
});

const params = { maxTokens: 400, temperature: 0.8, seed: 1, stopAtEos: false };

for (const ownSteps of [true, false]) {
  test(`an abort that arrives as a message after the first token stops the generation (${ownSteps ? 'our CPU steps' : 'onnxruntime steps'})`, async () => {
    const engine = engines.get(ownSteps)!;
    const controller = new AbortController();
    let tokens = 0;
    const final = await pumpStream(engine.generate({ id: 't', prompt: 'The cat', params }, controller.signal), (event) => {
      if (event.type !== 'token') return;
      if (++tokens === 1) setTimeout(() => controller.abort(), 0);
    });
    expect(final.finishReason).toBe('abort');
    expect(tokens).toBeLessThan(params.maxTokens);
  });
}

test('an event that cannot be sent ends the generation with its cleanup run (GPU buffers, sessions, listeners)', async () => {
  const { pumpStream } = await import('../../../workers/pump-stream.ts');
  let cleaned = false;
  async function* engine(): AsyncGenerator<number, string> {
    try {
      for (let i = 0; ; i++) yield i;
    } finally {
      cleaned = true;
    }
  }
  await expect(pumpStream(engine(), (n) => { if (n === 3) throw new Error('the event is over the wire limit'); })).rejects.toThrow(/wire limit/);
  expect(cleaned).toBe(true);
});
