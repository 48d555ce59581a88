import { shapeOf, type DecodeOp, type DecodeProgram, type DecodeShape } from '../graph/decode-program.ts';
import { instantiateMatvec, type Matvec } from './matvec-wasm.ts';

/** A KV cache tensor [1, kvHeads, rows, headDim] in CPU memory (onnxruntime's `present` output). */
export interface CpuCache {
  data: Float32Array;
  rows: number;
}

const PAGE = 65536;

/**
 * One decode step of a DecodeProgram on the CPU (issue 4, WASM backend): the weights, the vectors and the KV cache
 * live in one WebAssembly memory; the matrix-vector products (nearly all of a small model's arithmetic) run in our
 * WebAssembly SIMD kernel, the rest (norms, rotary attention over the cache, element-wise ops) in plain loops here.
 * A step costs its arithmetic and nothing else: no session run, no tensors in or out. Semantics as DecodeTwin
 * (shaders/decode-twin.ts), in float32.
 */
export class CpuDecoder {
  private readonly heap: Float32Array;
  /** Element offset of each weight, vector, and cache in `heap`. */
  private readonly weightAt = new Map<string, number>();
  private readonly vectorAt: number[];
  private readonly keysAt: number[] = [];
  private readonly valuesAt: number[] = [];
  private readonly scratch: { q: Float32Array; k: Float32Array };
  /** Element offsets of a head's rotated query and its attention scores in `heap` (the kernel reads them there). */
  private readonly queryAt: number;
  private readonly scoresAt: number;

  /** What the decoder keeps of its program (the weights live in its memory only). */
  private readonly program: DecodeShape;

  private constructor(program: DecodeProgram, readonly rows: number, private readonly matvec: Matvec, memory: WebAssembly.Memory,
    layout: { weights: Map<string, number>; vectors: number[]; keys: number[]; values: number[]; query: number; scores: number }) {
    this.program = shapeOf(program);
    this.heap = new Float32Array(memory.buffer);
    this.weightAt = layout.weights;
    this.vectorAt = layout.vectors;
    this.keysAt = layout.keys;
    this.valuesAt = layout.values;
    for (const [name, data] of program.weights) this.heap.set(data, this.weightAt.get(name)!);
    this.scratch = { q: new Float32Array(program.headDim), k: new Float32Array(program.headDim) };
    this.queryAt = layout.query;
    this.scoresAt = layout.scores;
  }

  /** undefined where WebAssembly SIMD is not available (the engine keeps onnxruntime for the steps). */
  static create(program: DecodeProgram, rows: number): CpuDecoder | undefined {
    if (rows < 1 || rows > program.maxPositions) throw new RangeError(`${rows} cache rows: 1…${program.maxPositions} supported`);
    let next = 0;
    // 16-byte aligned regions, so the kernel's vector loads never straddle them.
    const take = (elements: number) => {
      const at = next;
      next += Math.ceil(elements / 4) * 4;
      return at;
    };
    const weights = new Map<string, number>();
    for (const [name, data] of program.weights) weights.set(name, take(data.length));
    const vectors = program.sizes.map((size) => take(size));
    const cache = program.kvHeads * rows * program.headDim;
    // Keys are kept transposed, [kvHeads, headDim, rows]: a head's scores are then one product by the kernel (the
    // query times the first position+1 columns); values stay [kvHeads, rows, headDim] for the weighted sum.
    const keys = Array.from({ length: program.layers }, () => take(cache));
    const values = Array.from({ length: program.layers }, () => take(cache));
    const query = take(program.headDim);
    const scores = take(rows);
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil((next * 4) / PAGE)) });
    const matvec = instantiateMatvec(memory);
    return matvec && new CpuDecoder(program, rows, matvec, memory, { weights, vectors, keys, values, query, scores });
  }

  /** Rows 0…length−1 of each layer's cache from the prompt's cache tensors, in layer order: key 0, value 0, key 1, … */
  loadPrompt(presents: CpuCache[], length: number): void {
    const { kvHeads, headDim, layers } = this.program;
    if (presents.length !== 2 * layers) throw new Error(`${presents.length} cache tensors for ${layers} layers`);
    if (length > this.rows) throw new RangeError(`a prompt of ${length} tokens does not fit ${this.rows} cache rows`);
    presents.forEach((present, i) => {
      if (present.rows < length || present.data.length < kvHeads * present.rows * headDim) throw new Error(`cache tensor ${i} holds fewer than ${length} rows`);
      for (let h = 0; h < kvHeads; h++) {
        const from = h * present.rows * headDim;
        if (i % 2 === 1) {
          this.heap.set(present.data.subarray(from, from + length * headDim), this.valuesAt[(i - 1) / 2]! + h * this.rows * headDim);
          continue;
        }
        const keys = this.keysAt[i / 2]! + h * headDim * this.rows;
        for (let t = 0; t < length; t++) {
          for (let d = 0; d < headDim; d++) this.heap[keys + d * this.rows + t] = present.data[from + t * headDim + d]!;
        }
      }
    });
  }

  /** Logits for `token` at `position` (< rows): a view into this decoder's memory, valid until the next step. */
  step(token: number, position: number): Float32Array {
    if (!Number.isInteger(position) || position < 0 || position >= this.rows) throw new RangeError(`position ${position} is outside the ${this.rows}-row cache`);
    if (!Number.isInteger(token) || token < 0 || token >= this.program.tokens) throw new RangeError(`token ${token} is not in the vocabulary`);
    for (const op of this.program.ops) this.run(op, token, position);
    const at = this.vectorAt[this.program.logits]!;
    return this.heap.subarray(at, at + this.program.vocab);
  }

  private vector(id: number): Float32Array {
    const at = this.vectorAt[id]!;
    return this.heap.subarray(at, at + this.program.sizes[id]!);
  }

  private run(op: DecodeOp, token: number, position: number): void {
    const heap = this.heap;
    switch (op.op) {
      case 'gather': {
        const at = this.weightAt.get(op.table)! + token * op.width;
        heap.copyWithin(this.vectorAt[op.out]!, at, at + op.width);
        return;
      }
      case 'norm': {
        const x = this.vector(op.x);
        const skip = op.skip === undefined ? undefined : this.vector(op.skip);
        const sum = op.sum === undefined ? undefined : this.vector(op.sum);
        const out = this.vector(op.out);
        const weight = this.weightAt.get(op.weight)!;
        const n = x.length;
        let squares = 0;
        for (let i = 0; i < n; i++) {
          const value = skip ? x[i]! + skip[i]! : x[i]!;
          if (sum) sum[i] = value;
          out[i] = value;
          squares += Math.fround(value) * Math.fround(value);
        }
        const inv = 1 / Math.sqrt(squares / n + op.eps);
        for (let i = 0; i < n; i++) out[i] = out[i]! * inv * heap[weight + i]!;
        return;
      }
      case 'matmul': {
        const x = this.vectorAt[op.x]!;
        const w = this.weightAt.get(op.weight)!;
        const y = this.vectorAt[op.out]!;
        this.matvec(x * 4, w * 4, y * 4, op.rows, op.cols, op.cols);
        // The kernel does columns in fours; the rest here.
        for (let j = op.cols & ~3; j < op.cols; j++) {
          let acc = 0;
          for (let r = 0; r < op.rows; r++) acc += heap[x + r]! * heap[w + r * op.cols + j]!;
          heap[y + j] = acc;
        }
        return;
      }
      case 'attention':
        this.attention(op, position);
        return;
      case 'sigmoid': {
        const x = this.vector(op.x);
        const out = this.vector(op.out);
        for (let i = 0; i < x.length; i++) out[i] = 1 / (1 + Math.exp(-x[i]!));
        return;
      }
      case 'mul':
      case 'add': {
        const a = this.vector(op.a);
        const b = this.vector(op.b);
        const out = this.vector(op.out);
        if (op.op === 'mul') for (let i = 0; i < a.length; i++) out[i] = a[i]! * b[i]!;
        else for (let i = 0; i < a.length; i++) out[i] = a[i]! + b[i]!;
      }
    }
  }

  private attention(op: Extract<DecodeOp, { op: 'attention' }>, position: number): void {
    const { heads, kvHeads, headDim: hd } = op;
    const heap = this.heap;
    const rows = this.rows;
    const qkv = this.vectorAt[op.qkv]!;
    const out = this.vectorAt[op.out]!;
    const keys = this.keysAt[op.layer]!;
    const values = this.valuesAt[op.layer]!;
    const { q, k } = this.scratch;
    for (let kvh = 0; kvh < kvHeads; kvh++) {
      this.rotate(op, qkv + (heads + kvh) * hd, position, k);
      const column = keys + kvh * hd * rows + position;
      for (let d = 0; d < hd; d++) heap[column + d * rows] = k[d]!;
      heap.copyWithin(values + (kvh * rows + position) * hd, qkv + (heads + kvHeads + kvh) * hd, qkv + (heads + kvHeads + kvh + 1) * hd);
    }
    const group = heads / kvHeads;
    const count = position + 1;
    const { queryAt, scoresAt } = this;
    const scale = op.scale;
    for (let h = 0; h < heads; h++) {
      const kvh = Math.floor(h / group);
      this.rotate(op, qkv + h * hd, position, q);
      heap.set(q, queryAt);
      // Scores: the query times the first `count` columns of this head's transposed keys (the kernel does fours).
      const headKeys = keys + kvh * hd * rows;
      this.matvec(queryAt * 4, headKeys * 4, scoresAt * 4, hd, count, rows);
      for (let t = count & ~3; t < count; t++) {
        let s = 0;
        for (let d = 0; d < hd; d++) s += q[d]! * heap[headKeys + d * rows + t]!;
        heap[scoresAt + t] = s;
      }
      let max = -Infinity;
      for (let t = 0; t < count; t++) {
        const scaled = heap[scoresAt + t]! * scale;
        heap[scoresAt + t] = scaled;
        if (scaled > max) max = scaled;
      }
      let total = 0;
      for (let t = 0; t < count; t++) {
        const e = Math.exp(heap[scoresAt + t]! - max);
        heap[scoresAt + t] = e;
        total += e;
      }
      for (let t = 0; t < count; t++) heap[scoresAt + t] = heap[scoresAt + t]! / total;
      // The weighted sum of the value rows: the probabilities times this head's [count, headDim] values.
      const target = out + h * hd;
      const headValues = values + kvh * rows * hd;
      this.matvec(scoresAt * 4, headValues * 4, target * 4, count, hd, hd);
      for (let d = hd & ~3; d < hd; d++) {
        let acc = 0;
        for (let t = 0; t < count; t++) acc += heap[scoresAt + t]! * heap[headValues + t * hd + d]!;
        heap[target + d] = acc;
      }
    }
  }

  /** The head vector at `base` after rotary embedding at `position` (rotate-half or interleaved pairs), into `into`. */
  private rotate(op: Extract<DecodeOp, { op: 'attention' }>, base: number, position: number, into: Float32Array): void {
    const heap = this.heap;
    const half = op.rotaryHalf;
    const cos = this.weightAt.get(op.cos)! + position * half;
    const sin = this.weightAt.get(op.sin)! + position * half;
    for (let d = 2 * half; d < op.headDim; d++) into[d] = heap[base + d]!;
    if (op.interleaved) {
      for (let i = 0; i < half; i++) {
        const a = heap[base + 2 * i]!;
        const b = heap[base + 2 * i + 1]!;
        const c = heap[cos + i]!;
        const s = heap[sin + i]!;
        into[2 * i] = a * c - b * s;
        into[2 * i + 1] = b * c + a * s;
      }
      return;
    }
    for (let i = 0; i < half; i++) {
      const a = heap[base + i]!;
      const b = heap[base + i + half]!;
      const c = heap[cos + i]!;
      const s = heap[sin + i]!;
      into[i] = a * c - b * s;
      into[i + half] = b * c + a * s;
    }
  }
}
