import type { GenerateParams } from '../types.ts';

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

export function argmax(values: ArrayLike<number>, start = 0, length = values.length - start): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 0; i < length; i++) {
    const value = values[start + i]!;
    if (value > bestValue) {
      bestValue = value;
      best = i;
    }
  }
  return best;
}

/** In place. Each token already generated or in the prompt is penalised once (HF/CTRL convention). */
export function applyRepetitionPenalty(logits: Float32Array, history: Iterable<number>, penalty: number): void {
  if (penalty === 1) return;
  const seen = new Set<number>();
  for (const token of history) {
    if (seen.has(token) || token < 0 || token >= logits.length) continue;
    seen.add(token);
    const value = logits[token]!;
    logits[token] = value > 0 ? value / penalty : value * penalty;
  }
}

/** Indices of the k largest values, largest first (k small: a partial insertion sort beats a full sort). */
export function topKIndices(values: Float32Array, k: number): number[] {
  const count = Math.min(k, values.length);
  const indices: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (indices.length === count && value <= values[indices[count - 1]!]!) continue;
    let position = indices.length === count ? count - 1 : indices.length;
    while (position > 0 && values[indices[position - 1]!]! < value) {
      indices[position] = indices[position - 1]!;
      position--;
    }
    indices[position] = i;
  }
  return indices;
}

export type Sampler = (logits: Float32Array, history: readonly number[]) => number;

/**
 * Builds the token selector for one request: repetition penalty → (greedy | temperature → top-k → top-p → draw).
 * `logits` is one vocabulary row and is modified in place.
 */
export function createSampler(params: GenerateParams): Sampler {
  const penalty = params.repetitionPenalty ?? 1;
  const temperature = params.temperature;
  const topK = params.topK && params.topK > 0 ? params.topK : 0;
  const topP = params.topP !== undefined && params.topP > 0 && params.topP < 1 ? params.topP : 1;
  const random = seededRandom(params.seed ?? 0);

  return (logits, history) => {
    applyRepetitionPenalty(logits, history, penalty);
    if (temperature <= 0 || topK === 1) return argmax(logits);
    const candidates = topK > 0 ? topKIndices(logits, topK) : [...logits.keys()].sort((a, b) => logits[b]! - logits[a]!);
    const max = logits[candidates[0]!]!;
    const weights = candidates.map((token) => Math.exp((logits[token]! - max) / temperature));
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
    let draw = random() * keptTotal;
    for (let i = 0; i < keep; i++) {
      draw -= weights[i]!;
      if (draw < 0) return candidates[i]!;
    }
    return candidates[keep - 1]!;
  };
}
