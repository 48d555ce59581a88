import type { GenerateParams } from '../types.ts';
import { MAX_GPU_TOP_K, ranksAbove, repetitionPenaltyTwin } from '../../../shaders/twins.ts';

/** mulberry32: a small, fast, seedable PRNG; the same seed gives the same stream on every platform. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Index of the largest value, the first one on ties. NaN ranks below everything (-Infinity included), the same
 * order as the GPU kernels (shaders/twins.ts).
 */
export function argmax(values: ArrayLike<number>, start = 0, length = values.length - start): number {
  let best = 0;
  let bestValue = values[start]!;
  for (let i = 1; i < length; i++) {
    const value = values[start + i]!;
    if (value > bestValue || (bestValue !== bestValue && value === value)) {
      bestValue = value;
      best = i;
    }
  }
  return best;
}

/**
 * In place. Each token already generated or in the prompt is penalised once (HF/CTRL convention): positive logits
 * × f32(1/penalty), others × f32(penalty) — the GPU kernel's arithmetic, so both paths agree bit for bit.
 */
export function applyRepetitionPenalty(logits: Float32Array, history: Iterable<number>, penalty: number): void {
  if (penalty === 1) return;
  repetitionPenaltyTwin(logits, history, penalty);
}

/** Indices of the k largest values, largest first, ties → lower index (k small: a partial insertion sort). */
export function topKIndices(values: Float32Array, k: number): number[] {
  const count = Math.min(k, values.length);
  const indices: number[] = [];
  if (count <= 0) return indices;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    // Indices only grow, so an equal value never displaces one already kept.
    if (indices.length === count && !ranksAbove(value, i, values[indices[count - 1]!]!, indices[count - 1]!)) continue;
    let position = indices.length === count ? count - 1 : indices.length;
    while (position > 0 && ranksAbove(value, i, values[indices[position - 1]!]!, indices[position - 1]!)) {
      indices[position] = indices[position - 1]!;
      position--;
    }
    indices[position] = i;
  }
  return indices;
}

/** Candidates for the draw, best first, with their (penalised) logits. */
export interface Candidates {
  indices: ArrayLike<number>;
  values: ArrayLike<number>;
}

export interface Sampler {
  /** Selects from one full vocabulary row (modified in place by the repetition penalty). */
  (logits: Float32Array, history: readonly number[]): number;
  /**
   * Selects from the top-k candidates someone else computed (the GPU kernels): penalty already applied, exactly
   * `min(topK, vocab)` of them, best first. Consumes the same random stream as the full-row path, so a request
   * gives the same tokens either way.
   */
  fromCandidates(candidates: Candidates): number;
  /** What the GPU must do for this request: greedy → argmax; top-k ≤ 64 → top-k; else the full row is needed. */
  readonly plan: { kind: 'argmax' } | { kind: 'top-k'; k: number } | { kind: 'full-row' };
  readonly repetitionPenalty: number;
}

/**
 * Builds the token selector for one request: repetition penalty → (greedy | temperature → top-k → top-p → draw).
 */
export function createSampler(params: GenerateParams): Sampler {
  const penalty = params.repetitionPenalty ?? 1;
  const temperature = params.temperature;
  const topK = params.topK && params.topK > 0 ? params.topK : 0;
  const topP = params.topP !== undefined && params.topP > 0 && params.topP < 1 ? params.topP : 1;
  const random = seededRandom(params.seed ?? 0);
  // topP 0 keeps the smallest set whose mass reaches 0: the most likely token alone (it was read as "no cut").
  const greedy = temperature <= 0 || topK === 1 || params.topP === 0;

  const draw = (candidates: ArrayLike<number>, valueOf: (position: number) => number): number => {
    const max = valueOf(0);
    const weights = Array.from({ length: candidates.length }, (_, i) => Math.exp((valueOf(i) - max) / temperature));
    const total = weights.reduce((sum, w) => sum + w, 0);
    let keep = candidates.length;
    if (topP < 1) {
      let cumulative = 0;
      for (let i = 0; i < candidates.length; i++) {
        cumulative += weights[i]! / total;
        if (cumulative >= topP) {
          keep = i + 1;
          break;
        }
      }
    }
    const keptTotal = weights.slice(0, keep).reduce((sum, w) => sum + w, 0);
    let remaining = random() * keptTotal;
    for (let i = 0; i < keep; i++) {
      remaining -= weights[i]!;
      if (remaining < 0) return candidates[i]!;
    }
    return candidates[keep - 1]!;
  };

  const sample = ((logits: Float32Array, history: readonly number[]) => {
    applyRepetitionPenalty(logits, history, penalty);
    if (greedy) return argmax(logits);
    const candidates = topK > 0 ? topKIndices(logits, topK) : [...logits.keys()].sort((a, b) => logits[b]! - logits[a]!);
    return draw(candidates, (i) => logits[candidates[i]!]!);
  }) as Sampler;

  Object.assign(sample, {
    fromCandidates: ({ indices, values }: Candidates) => (greedy ? indices[0]! : draw(indices, (i) => values[i]!)),
    plan: greedy ? { kind: 'argmax' } : topK > 0 && topK <= MAX_GPU_TOP_K ? { kind: 'top-k', k: topK } : { kind: 'full-row' },
    repetitionPenalty: penalty,
  });
  return sample;
}
