import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { catalogue } from '../../models/catalogue.ts';
import { FASTEST_FIRST_TOKEN, pickDefaultModel } from '../../models/defaults.ts';
import { addMeasurement, bucketOf, fastestFirstToken, type FirstTokenRow } from '../../models/first-token.ts';
import { PocketDb } from '../../extension/storage/db.ts';
import { recordFirstToken } from '../../extension/storage/first-tokens.ts';

const decOnly = catalogue.find((e) => e.id === 'tinystories-656k')!;
const encDec = catalogue.find((e) => e.id === 'tinystories-encdec')!;
const candidates = [decOnly, encDec].map((entry) => ({ entry, ready: true, runnable: true }));
const row = (model: string, backend: string, meanMs: number, bucket: FirstTokenRow['bucket'] = 'long'): FirstTokenRow =>
  ({ model, backend, bucket, count: 3, meanMs, updatedAt: 0 });

describe('first-token timings', () => {
  test('buckets by prompt length and keeps a running mean that follows recent measurements', () => {
    expect([0, 63, 64, 255, 256, 1023, 1024].map(bucketOf)).toEqual(['short', 'short', 'medium', 'medium', 'long', 'long', 'very-long']);
    let r = addMeasurement(undefined, 'm', 'wasm', 300, 100);
    r = addMeasurement(r, 'm', 'wasm', 300, 200);
    expect(r).toMatchObject({ count: 2, meanMs: 150, bucket: 'long' });
    for (let i = 0; i < 200; i++) r = addMeasurement(r, 'm', 'wasm', 300, 50);
    expect(r.meanMs).toBeLessThan(51);
  });

  test('the fastest-first-token preference picks whichever model measured faster on long prompts here', () => {
    const encFaster = [row(decOnly.id, 'wasm', 40), row(encDec.id, 'wasm', 25), row(decOnly.id, 'wasm', 5, 'short')];
    expect(pickDefaultModel('story', candidates, FASTEST_FIRST_TOKEN, encFaster)).toBe(encDec.id);
    const decFaster = [row(decOnly.id, 'webgpu', 20), row(encDec.id, 'wasm', 25), row(encDec.id, 'webgpu', 31)];
    expect(fastestFirstToken('story', candidates, decFaster)).toMatchObject({ model: decOnly.id, meanMs: 20, backend: 'webgpu' });
    expect(pickDefaultModel('story', candidates, FASTEST_FIRST_TOKEN, decFaster)).toBe(decOnly.id);
    // Nothing measured on long prompts, or only replay timings: the usual default.
    expect(pickDefaultModel('story', candidates, FASTEST_FIRST_TOKEN, [row(encDec.id, 'wasm', 1, 'short'), row(encDec.id, 'replay', 1)]))
      .toBe(pickDefaultModel('story', candidates, undefined));
    // A model not ready here is never picked, however fast it was.
    expect(pickDefaultModel('story', [{ entry: decOnly, ready: true, runnable: true }, { entry: encDec, ready: true, runnable: false }],
      FASTEST_FIRST_TOKEN, encFaster)).toBe(decOnly.id);
  });

  test('a downloaded model made for the feature is preferred over a bundled one', () => {
    const qwen = catalogue.find((e) => e.id === 'qwen2.5-0.5b-instruct-onnx')!;
    expect(pickDefaultModel('math', [...candidates, { entry: { ...qwen, goodFor: ['math'] }, ready: true, runnable: true }], undefined)).toBe(qwen.id);
  });

  test('each finished generation is recorded per model, backend and bucket', async () => {
    const db = new PocketDb(`pocket-first-token-${Date.now()}`);
    const stats = { backend: 'wasm' as const, ttftMs: 30, prefillTokS: 1, decodeTokS: 1, tokensIn: 400, tokensOut: 8, totalMs: 50, promptTokensDropped: 0 };
    await recordFirstToken(encDec.id, stats, db);
    await recordFirstToken(encDec.id, { ...stats, ttftMs: 50 }, db);
    await recordFirstToken(encDec.id, { ...stats, tokensIn: 10, ttftMs: 5 }, db);
    await recordFirstToken(encDec.id, { ...stats, tokensOut: 0, ttftMs: 999 }, db);
    expect(await db.firstTokens.get([encDec.id, 'wasm', 'long'])).toMatchObject({ count: 2, meanMs: 40 });
    expect(await db.firstTokens.get([encDec.id, 'wasm', 'short'])).toMatchObject({ count: 1, meanMs: 5 });
    db.close();
  });
});
