import type { DecodeOp, DecodeProgram } from '../workers/engines/graph/decode-program.ts';

/**
 * The CPU twin of the WGSL decode step (decode-step.ts): the same operations in the same layout (a KV cache of
 * `rows` rows per kv head and layer), in float32 storage. It defines what each kernel computes; the kernels' results
 * are compared with it on SwiftShader, and in Node it is compared with onnxruntime (test/unit/engines/decode-program.test.ts).
 */
export class DecodeTwin {
  readonly keys: Float32Array[];
  readonly values: Float32Array[];
  private readonly vectors: Float32Array[];

  constructor(private readonly program: DecodeProgram, readonly rows: number) {
    const cache = () => new Float32Array(program.kvHeads * rows * program.headDim);
    this.keys = Array.from({ length: program.layers }, cache);
    this.values = Array.from({ length: program.layers }, cache);
    this.vectors = program.sizes.map((size) => new Float32Array(size));
  }

  /** Logits for `token` at `position` (rows 0…position−1 of the cache hold the earlier tokens). */
  step(token: number, position: number): Float32Array<ArrayBuffer> {
    if (position >= this.rows || position >= this.program.maxPositions) throw new RangeError(`position ${position} is past the cache`);
    for (const op of this.program.ops) this.run(op, token, position);
    return this.vectors[this.program.logits]!.slice();
  }

  private run(op: DecodeOp, token: number, position: number): void {
    const v = this.vectors;
    const w = (name: string) => this.program.weights.get(name)!;
    switch (op.op) {
      case 'gather':
        v[op.out]!.set(w(op.table).subarray(token * op.width, (token + 1) * op.width));
        return;
      case 'norm': {
        const x = v[op.x]!;
        const skip = op.skip === undefined ? undefined : v[op.skip]!;
        const summed = Float32Array.from(x, (value, i) => (skip ? value + skip[i]! : value));
        if (op.sum !== undefined) v[op.sum]!.set(summed);
        let squares = 0;
        for (const value of summed) squares += value * value;
        const inv = 1 / Math.sqrt(squares / summed.length + op.eps);
        const weight = w(op.weight);
        const out = v[op.out]!;
        for (let i = 0; i < summed.length; i++) out[i] = summed[i]! * inv * weight[i]!;
        return;
      }
      case 'matmul': {
        const x = v[op.x]!;
        const weight = w(op.weight);
        const out = v[op.out]!;
        out.fill(0);
        const acc = new Float64Array(op.cols);
        for (let r = 0; r < op.rows; r++) {
          const xr = x[r]!;
          const row = r * op.cols;
          for (let c = 0; c < op.cols; c++) acc[c] = acc[c]! + xr * weight[row + c]!;
        }
        out.set(acc);
        return;
      }
      case 'attention':
        this.attention(op, position);
        return;
      case 'sigmoid': {
        const x = v[op.x]!;
        const out = v[op.out]!;
        for (let i = 0; i < x.length; i++) out[i] = 1 / (1 + Math.exp(-x[i]!));
        return;
      }
      case 'mul':
      case 'add': {
        const a = v[op.a]!;
        const b = v[op.b]!;
        const out = v[op.out]!;
        for (let i = 0; i < a.length; i++) out[i] = op.op === 'mul' ? a[i]! * b[i]! : a[i]! + b[i]!;
      }
    }
  }

  private attention(op: Extract<DecodeOp, { op: 'attention' }>, position: number): void {
    const { heads, kvHeads, headDim: hd, rotaryHalf: half } = op;
    const qkv = this.vectors[op.qkv]!;
    const out = this.vectors[op.out]!;
    const cos = this.program.weights.get(op.cos)!;
    const sin = this.program.weights.get(op.sin)!;
    const keys = this.keys[op.layer]!;
    const values = this.values[op.layer]!;
    const rope = (base: number): Float32Array => Float32Array.from({ length: hd }, (_, d) => rotary(qkv, base, d, half, op.interleaved, cos, sin, position));
    const group = heads / kvHeads;
    for (let kvh = 0; kvh < kvHeads; kvh++) {
      const row = (kvh * this.rows + position) * hd;
      keys.set(rope((heads + kvh) * hd), row);
      values.set(qkv.subarray((heads + kvHeads + kvh) * hd, (heads + kvHeads + kvh + 1) * hd), row);
    }
    for (let h = 0; h < heads; h++) {
      const kvh = Math.floor(h / group);
      const q = rope(h * hd);
      const scores = new Float64Array(position + 1);
      let max = -Infinity;
      for (let t = 0; t <= position; t++) {
        let s = 0;
        for (let d = 0; d < hd; d++) s += q[d]! * keys[(kvh * this.rows + t) * hd + d]!;
        scores[t] = Math.fround(s) * op.scale;
        max = Math.max(max, scores[t]!);
      }
      let total = 0;
      for (let t = 0; t <= position; t++) {
        scores[t] = Math.exp(scores[t]! - max);
        total += scores[t]!;
      }
      for (let d = 0; d < hd; d++) {
        let acc = 0;
        for (let t = 0; t <= position; t++) acc += scores[t]! * values[(kvh * this.rows + t) * hd + d]!;
        out[h * hd + d] = acc / total;
      }
    }
  }
}

/** Element `d` of the head vector at `base` after rotary embedding at `position` (rotate-half or interleaved pairs). */
export function rotary(x: Float32Array, base: number, d: number, half: number, interleaved: boolean, cos: Float32Array, sin: Float32Array, position: number): number {
  const value = x[base + d]!;
  if (d >= 2 * half) return value;
  if (interleaved) {
    const i = d >> 1;
    const c = cos[position * half + i]!;
    const s = sin[position * half + i]!;
    return d % 2 === 0 ? value * c - x[base + d + 1]! * s : value * c + x[base + d - 1]! * s;
  }
  const i = d < half ? d : d - half;
  const c = cos[position * half + i]!;
  const s = sin[position * half + i]!;
  return d < half ? value * c - x[base + d + half]! * s : value * c + x[base + d - half]! * s;
}
