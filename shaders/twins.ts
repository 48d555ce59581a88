/**
 * CPU twins of the selection kernels: the reference semantics the WGSL must reproduce bit for bit.
 *
 * Order (every kernel, and the CPU sampler in workers/engines/decoding/sampler.ts): larger value first; -0 equals +0;
 * -Infinity below every finite value; NaN below everything; equal values → lower index first.
 */

/** Largest k the GPU top-k kernel supports (its per-thread lists are fixed-size arrays). */
export const MAX_GPU_TOP_K = 64;

/** Does (a, ia) rank above (b, ib)? NaN-aware; -0 === +0 in JS, so they tie and the lower index wins. */
export function ranksAbove(a: number, ia: number, b: number, ib: number): boolean {
  if (a !== a) return b !== b && ia < ib;
  if (b !== b) return true;
  return a > b || (a === b && ia < ib);
}

export interface Candidate {
  index: number;
  value: number;
}

/** argmax.wgsl: the best entry of `row[offset .. offset+count)`; index 0 for an all-NaN row, -1 for an empty one. */
export function argmaxTwin(row: Float32Array, offset = 0, count = row.length - offset): Candidate {
  let index = -1;
  let value = NaN;
  for (let i = 0; i < count; i++) {
    const v = row[offset + i]!;
    if (index < 0 || ranksAbove(v, i, value, index)) {
      index = i;
      value = v;
    }
  }
  return { index, value };
}

/** topk.wgsl: the min(k, count) best entries, best first. */
export function topKTwin(row: Float32Array, k: number, offset = 0, count = row.length - offset): Candidate[] {
  const order = Array.from({ length: count }, (_, i) => i);
  order.sort((a, b) => (ranksAbove(row[offset + a]!, a, row[offset + b]!, b) ? -1 : 1));
  return order.slice(0, Math.max(0, k)).map((index) => ({ index, value: row[offset + index]! }));
}

/** The two f32 factors penalty.wgsl multiplies by: positive logits × f32(1/penalty), the rest × f32(penalty). */
export function penaltyScales(penalty: number): { positive: number; negative: number } {
  return { positive: Math.fround(1 / penalty), negative: Math.fround(penalty) };
}

/**
 * penalty.wgsl: in place, each distinct token of `history` inside the row once. A product of two f32 values is
 * exact in f64, so storing it into the Float32Array rounds once, exactly like the GPU's f32 multiply.
 */
export function repetitionPenaltyTwin(row: Float32Array, history: Iterable<number>, penalty: number, offset = 0,
  count = row.length - offset): void {
  const { positive, negative } = penaltyScales(penalty);
  const seen = new Set<number>();
  for (const token of history) {
    if (seen.has(token) || !(token >= 0 && token < count) || !Number.isInteger(token)) continue;
    seen.add(token);
    const value = row[offset + token]!;
    if (!Number.isFinite(value)) continue;
    row[offset + token] = value * (value > 0 ? positive : negative);
  }
}
