import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { argmaxTwin, penaltyScales, ranksAbove, repetitionPenaltyTwin, topKTwin } from '../../shaders/twins.ts';
import { applyRepetitionPenalty, argmax, createSampler, seededRandom, topKIndices } from '../../workers/engines/decoding/sampler.ts';

const row = (values: number[]) => new Float32Array(values);
const pairs = (candidates: { index: number; value: number }[]) => candidates.map((c) => [c.index, c.value]);

/** Random rows with the awkward values mixed in: NaN, ±Infinity, ±0 and many exact ties. */
const hostileRow = fc.array(fc.oneof(
  fc.constantFrom(NaN, -Infinity, Infinity, 0, -0, 1, -1, 2.5),
  fc.float({ noNaN: true, noDefaultInfinity: true }),
), { minLength: 1, maxLength: 300 }).map((values) => new Float32Array(values));

describe('selection order (ranksAbove)', () => {
  test('larger first, ties → lower index, -0 equals +0, -Infinity above NaN, NaN last', () => {
    expect(ranksAbove(2, 5, 1, 0)).toBe(true);
    expect(ranksAbove(1, 0, 1, 1)).toBe(true);
    expect(ranksAbove(1, 1, 1, 0)).toBe(false);
    expect(ranksAbove(-0, 0, 0, 1)).toBe(true);
    expect(ranksAbove(0, 1, -0, 0)).toBe(false);
    expect(ranksAbove(-Infinity, 9, NaN, 0)).toBe(true);
    expect(ranksAbove(NaN, 0, -Infinity, 9)).toBe(false);
    expect(ranksAbove(NaN, 0, NaN, 1)).toBe(true);
  });

  test('is a strict total order on (value, index) pairs (property)', () => {
    fc.assert(fc.property(hostileRow, (values) => {
      for (let i = 0; i < Math.min(values.length, 40); i++) {
        expect(ranksAbove(values[i]!, i, values[i]!, i)).toBe(false);
        for (let j = 0; j < Math.min(values.length, 40); j++) {
          if (i !== j) expect(ranksAbove(values[i]!, i, values[j]!, j)).toBe(!ranksAbove(values[j]!, j, values[i]!, i));
        }
      }
    }), { numRuns: 50 });
  });
});

describe('argmax twin', () => {
  test('edge cases', () => {
    expect(argmaxTwin(row([1, 3, 3, 2]))).toEqual({ index: 1, value: 3 });
    expect(argmaxTwin(row([NaN, -Infinity, NaN]))).toEqual({ index: 1, value: -Infinity });
    expect(argmaxTwin(row([NaN, NaN])).index).toBe(0);
    expect(argmaxTwin(row([-Infinity, -Infinity])).index).toBe(0);
    expect(argmaxTwin(row([-0, 0])).index).toBe(0);
    expect(argmaxTwin(row([1, Infinity, NaN, Infinity]))).toEqual({ index: 1, value: Infinity });
    expect(argmaxTwin(row([]))).toEqual({ index: -1, value: NaN });
    expect(argmaxTwin(row([7]))).toEqual({ index: 0, value: 7 });
  });

  test('a row inside a larger buffer: offset and count, index relative to the row', () => {
    const buffer = row([100, 1, 5, 2, 100]);
    expect(argmaxTwin(buffer, 1, 3)).toEqual({ index: 1, value: 5 });
  });

  test('vocab not a multiple of any workgroup size: the last element counts', () => {
    for (const n of [1, 255, 257, 1000, 4097]) {
      const values = new Float32Array(n).fill(-1);
      values[n - 1] = 0.5;
      expect(argmaxTwin(values).index).toBe(n - 1);
    }
  });

  test('the CPU sampler argmax agrees with the twin (property, NaN and ties included)', () => {
    fc.assert(fc.property(hostileRow, (values) => {
      expect(argmax(values)).toBe(argmaxTwin(values).index);
    }));
  });
});

describe('top-k twin', () => {
  test('sorted descending, ties → lower index, NaN last, k > count returns count entries', () => {
    const values = row([3, NaN, 5, 3, -Infinity, 5, 0, -0]);
    expect(pairs(topKTwin(values, 4))).toEqual([[2, 5], [5, 5], [0, 3], [3, 3]]);
    expect(pairs(topKTwin(values, 100))).toEqual([[2, 5], [5, 5], [0, 3], [3, 3], [6, 0], [7, -0], [4, -Infinity], [1, NaN]]);
    expect(topKTwin(row([1, 2]), 64)).toHaveLength(2);
    expect(topKTwin(row([]), 5)).toEqual([]);
    expect(topKTwin(row([1, 2, 3]), 0)).toEqual([]);
  });

  test('offset and count select a row of a prefill buffer', () => {
    expect(pairs(topKTwin(row([9, 9, 1, 4, 2, 9]), 2, 2, 3))).toEqual([[1, 4], [2, 2]]);
  });

  test('the CPU sampler topKIndices agrees with the twin for every k ≤ 64 (property, NaN and ties included)', () => {
    fc.assert(fc.property(hostileRow, fc.integer({ min: 1, max: 70 }), (values, k) => {
      expect(topKIndices(values, k)).toEqual(topKTwin(values, k).map((c) => c.index));
    }));
  });
});

describe('repetition penalty twin', () => {
  test('positive × f32(1/p), negative and zero × f32(p), non-finite untouched, each distinct token once', () => {
    const values = row([2, -2, 0, -0, Infinity, -Infinity, NaN, 3]);
    repetitionPenaltyTwin(values, [0, 1, 2, 3, 4, 5, 6, 0, 0, 9, -1, 1.5], 2);
    expect([...values]).toEqual([1, -4, 0, -0, Infinity, -Infinity, NaN, 3]);
    expect(Object.is(values[3], -0)).toBe(true);
  });

  test('each result is the correctly rounded f32 product, within one ulp of the f32 quotient', () => {
    const random = seededRandom(5);
    const penalty = 1.3;
    const { positive, negative } = penaltyScales(penalty);
    expect(positive).toBe(Math.fround(1 / penalty));
    for (let i = 0; i < 2000; i++) {
      const value = Math.fround((random() - 0.5) * 40);
      const one = row([value]);
      repetitionPenaltyTwin(one, [0], penalty);
      expect(one[0]).toBe(Math.fround(value * (value > 0 ? positive : negative)));
      const quotient = Math.fround(value > 0 ? value / penalty : value * penalty);
      const ulp = Math.abs(Math.fround(quotient * (1 + 2 ** -23)) - quotient) || 2 ** -149;
      expect(Math.abs(one[0]! - quotient)).toBeLessThanOrEqual(ulp);
    }
  });

  test('the sampler applies exactly the twin', () => {
    const random = seededRandom(9);
    const a = Float32Array.from({ length: 500 }, () => (random() - 0.5) * 20);
    const b = a.slice();
    const history = Array.from({ length: 80 }, () => Math.floor(random() * 520));
    applyRepetitionPenalty(a, history, 1.17);
    repetitionPenaltyTwin(b, history, 1.17);
    expect(a).toEqual(b);
  });
});

describe('sampling from candidates equals sampling from the full row', () => {
  test.each([
    { temperature: 0.8, topK: 40, seed: 1 },
    { temperature: 1.2, topK: 5, topP: 0.9, seed: 2, repetitionPenalty: 1.3 },
    { temperature: 0, topK: 0, seed: 3, repetitionPenalty: 1.5 },
    { temperature: 1, topK: 64, seed: 4 },
    { temperature: 0.7, topK: 1, seed: 5 },
  ])('%o', (params) => {
    const random = seededRandom(77);
    const full = createSampler({ maxTokens: 1, ...params });
    const twin = createSampler({ maxTokens: 1, ...params });
    expect(full.plan.kind).not.toBe('full-row');
    const history: number[] = [3, 17, 3];
    for (let step = 0; step < 200; step++) {
      // Few distinct values: ties everywhere.
      const logits = Float32Array.from({ length: 300 }, () => Math.round((random() - 0.5) * 16) / 2);
      const penalised = logits.slice();
      repetitionPenaltyTwin(penalised, history, twin.repetitionPenalty);
      const k = twin.plan.kind === 'top-k' ? twin.plan.k : 1;
      const candidates = topKTwin(penalised, k);
      const viaCandidates = twin.fromCandidates({ indices: candidates.map((c) => c.index), values: candidates.map((c) => c.value) });
      expect(viaCandidates).toBe(full(logits, history));
      history.push(viaCandidates);
    }
  });

  test('no top-k (or k > 64) needs the full row', () => {
    expect(createSampler({ maxTokens: 1, temperature: 1 }).plan.kind).toBe('full-row');
    expect(createSampler({ maxTokens: 1, temperature: 1, topK: 65 }).plan.kind).toBe('full-row');
    expect(createSampler({ maxTokens: 1, temperature: 1, topK: 64 }).plan).toEqual({ kind: 'top-k', k: 64 });
  });
});
