import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { applyRepetitionPenalty, argmax, createSampler, seededRandom, topKIndices } from '../../../workers/engines/decoding/sampler.ts';
import { StopMatcher } from '../../../workers/engines/decoding/stop-matcher.ts';

const logits = () => new Float32Array([1, 5, 3, -2, 4.5]);

describe('sampler', () => {
  test('argmax picks the first largest', () => {
    expect(argmax([1, 3, 3, 2])).toBe(1);
    expect(argmax(new Float32Array([-5, -1, -3]))).toBe(1);
  });

  test('repetition penalty divides positive and multiplies negative logits, once per token', () => {
    const row = logits();
    applyRepetitionPenalty(row, [1, 3, 1], 2);
    expect([...row]).toEqual([1, 2.5, 3, -4, 4.5]);
  });

  test('top-k returns the k largest, largest first', () => {
    expect(topKIndices(logits(), 3)).toEqual([1, 4, 2]);
    expect(topKIndices(logits(), 10)).toEqual([1, 4, 2, 0, 3]);
    fc.assert(fc.property(fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 50 }),
      fc.integer({ min: 1, max: 60 }), (values, k) => {
        const row = new Float32Array(values);
        const expected = [...row.keys()].sort((a, b) => row[b]! - row[a]! || a - b).slice(0, k).map((i) => row[i]);
        expect(topKIndices(row, k).map((i) => row[i])).toEqual(expected);
      }));
  });

  test('temperature 0 is greedy; repetition penalty can change the greedy choice', () => {
    expect(createSampler({ maxTokens: 1, temperature: 0 })(logits(), [])).toBe(1);
    expect(createSampler({ maxTokens: 1, temperature: 0, repetitionPenalty: 1.5 })(logits(), [1])).toBe(4);
  });

  test('the same seed gives the same draws; different seeds differ', () => {
    const draws = (seed: number) => {
      const sample = createSampler({ maxTokens: 1, temperature: 1.5, seed });
      return Array.from({ length: 40 }, () => sample(logits(), []));
    };
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
  });

  test('top-k 2 and top-p only ever draw from the kept candidates', () => {
    const k2 = createSampler({ maxTokens: 1, temperature: 5, topK: 2, seed: 1 });
    const p = createSampler({ maxTokens: 1, temperature: 1, topP: 0.5, seed: 1 });
    for (let i = 0; i < 200; i++) {
      expect([1, 4]).toContain(k2(logits(), []));
      // softmax of [1,5,3,-2,4.5]: p(5)≈0.55 ≥ 0.5, so the nucleus is token 1 alone.
      expect(p(logits(), [])).toBe(1);
    }
  });

  test('sampling frequencies follow the softmax (seeded, 20k draws)', () => {
    const sample = createSampler({ maxTokens: 1, temperature: 1, seed: 123 });
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 20_000; i++) counts[sample(logits(), [])]! += 1;
    const weights = [...logits()].map(Math.exp);
    const total = weights.reduce((a, b) => a + b);
    weights.forEach((w, i) => expect(Math.abs(counts[i]! / 20_000 - w / total)).toBeLessThan(0.015));
  });

  test('seededRandom stays in [0, 1)', () => {
    const random = seededRandom(42);
    for (let i = 0; i < 1000; i++) {
      const x = random();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});

describe('StopMatcher', () => {
  test('holds back a possible stop prefix and never emits the stop string', () => {
    const matcher = new StopMatcher(['THE END']);
    expect(matcher.push('Once upon ')).toBe('Once upon ');
    expect(matcher.push('a time. TH')).toBe('a time. ');
    expect(matcher.push('E E')).toBe('');
    expect(matcher.push('ND and more')).toBe('');
    expect(matcher.stopped).toBe(true);
    expect(matcher.fullText).toBe('Once upon a time. ');
  });

  test('a false alarm is released', () => {
    const matcher = new StopMatcher(['\n\n']);
    expect(matcher.push('line\n')).toBe('line');
    expect(matcher.push('next')).toBe('\nnext');
    expect(matcher.stopped).toBe(false);
  });

  test('the earliest of several stops wins; no stops streams everything', () => {
    const matcher = new StopMatcher(['B', 'A']);
    matcher.push('xxAyyB');
    expect(matcher.fullText).toBe('xx');
    const none = new StopMatcher([]);
    expect(none.push('abc')).toBe('abc');
  });

  test('emitted text plus flush is always the full text (property)', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 5 }), { maxLength: 20 }), fc.array(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 3 }),
      (chunks, stops) => {
        const matcher = new StopMatcher(stops);
        let out = '';
        for (const chunk of chunks) out += matcher.push(chunk);
        out += matcher.flush();
        expect(out).toBe(matcher.fullText);
        for (const stop of stops) expect(out.includes(stop)).toBe(false);
      }));
  });
});

test('topP 0 keeps only the most likely token (not the whole vocabulary)', async () => {
  const { createSampler } = await import('../../../workers/engines/decoding/sampler.ts');
  const sampler = createSampler({ maxTokens: 1, temperature: 1, topP: 0, seed: 3 });
  expect(sampler.plan).toEqual({ kind: 'argmax' });
});

test('a config that claims an enormous context is planned at MAX_CONTEXT', async () => {
  const { decoderConfigFrom, MAX_CONTEXT } = await import('../../../workers/engines/model-config.ts');
  const config = decoderConfigFrom({ num_hidden_layers: 2, num_attention_heads: 4, hidden_size: 64, max_position_embeddings: 2 ** 31, vocab_size: 100 });
  expect(config.contextLength).toBe(MAX_CONTEXT);
});
