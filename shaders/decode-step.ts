import attentionWgsl from './decode-attention.wgsl?raw';
import elementwiseWgsl from './decode-elementwise.wgsl?raw';
import matvecWgsl from './decode-matvec.wgsl?raw';
import normWgsl from './decode-norm.wgsl?raw';
import { shapeOf, type DecodeOp, type DecodeProgram, type DecodeShape } from '../workers/engines/graph/decode-program.ts';

// GPUBufferUsage as numbers: the constants are globals that Node (unit tests) does not have.
const USAGE = { COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80 } as const;
/**
 * How the kernels spread a step over threads. `split` (real GPUs): a matvec workgroup owns 16 columns with 16 threads
 * over each one's rows, attention's value sums are split over rows too. `columns` (software adapters such as
 * SwiftShader, where each thread and barrier is CPU time): one thread per column over all rows, as a CPU would loop.
 */
export type KernelLayout = 'split' | 'columns';
const MATVEC_SHAPE: Record<KernelLayout, { COLS: number; SLICES: number }> = { split: { COLS: 16, SLICES: 16 }, columns: { COLS: 64, SLICES: 1 } };

/** `columns` on a software (fallback) adapter, else `split`; Chrome and Dawn say which through `device.adapterInfo`. */
export function kernelLayoutFor(device: GPUDevice): KernelLayout {
  const info = (device as { adapterInfo?: GPUAdapterInfo & { isFallbackAdapter?: boolean } }).adapterInfo;
  if (!info) return 'split';
  return info.isFallbackAdapter || /swiftshader/i.test(`${info.architecture} ${info.device} ${info.description}`) ? 'columns' : 'split';
}
const ELEMENTWISE_WG = 64;
/** Cache rows the attention kernel's workgroup memory holds scores for (16 KiB is WebGPU's guaranteed minimum). */
export const MAX_DECODE_ROWS = 2048;

/** A KV cache tensor [1, kvHeads, rows, headDim] in a GPU buffer (onnxruntime's `present` output). */
export interface GpuCache {
  buffer: GPUBuffer;
  rows: number;
}

interface Dispatch {
  pipeline: GPUComputePipeline;
  group: GPUBindGroup;
  workgroups: number;
}

type Command = Dispatch | { copyRowOf: GPUBuffer; width: number; to: GPUBuffer };

/**
 * One decode step of a DecodeProgram on our own WGSL kernels (issue 4): one dispatch per operation in one compute
 * pass, one submit; the logits stay in `logits` for the token selector (gpu-selector.ts) on the same queue. The KV
 * cache is `rows` rows per kv head and layer from the start. What each kernel computes is defined by DecodeTwin
 * (decode-twin.ts).
 */
export class WgslDecoder {
  private readonly tick!: GPUBuffer;
  private readonly commands: Command[] = [];
  private readonly buffers: GPUBuffer[] = [];
  readonly keys: GPUBuffer[] = [];
  readonly values: GPUBuffer[] = [];
  readonly logits!: GPUBuffer;
  /** Kernel launches a step makes. */
  readonly dispatches!: number;

  /** What the decoder keeps of its program (the weights live in GPU buffers only). */
  readonly program: DecodeShape;

  private constructor(private readonly device: GPUDevice, program: DecodeProgram, readonly rows: number, readonly layout: KernelLayout) {
    this.program = shapeOf(program);
    try {
      ({ tick: this.tick, logits: this.logits, dispatches: this.dispatches } = this.build(program));
    } catch (error) {
      // Buffers already made (weights uploaded) go now, not when the collector gets to them.
      this.destroy();
      throw error;
    }
  }

  private build(program: DecodeProgram): { tick: GPUBuffer; logits: GPUBuffer; dispatches: number } {
    const device = this.device;
    const rows = this.rows;
    const { kvHeads, headDim, layers } = program;
    const make = (size: number, usage: number, label: string) => {
      const buffer = device.createBuffer({ label, size: Math.max(16, Math.ceil(size / 4) * 4), usage });
      this.buffers.push(buffer);
      return buffer;
    };
    const storage = USAGE.STORAGE | USAGE.COPY_SRC | USAGE.COPY_DST;
    const limit = device.limits.maxStorageBufferBindingSize;
    const weights = new Map<string, GPUBuffer>();
    for (const [name, data] of program.weights) {
      if (data.byteLength > limit) throw new RangeError(`${name} (${data.byteLength} bytes) is over this device's binding size`);
      const buffer = make(data.byteLength, storage, name);
      device.queue.writeBuffer(buffer, 0, data);
      weights.set(name, buffer);
    }
    const vectors = program.sizes.map((size, i) => make(size * 4, storage, `value ${i}`));
    for (let i = 0; i < layers; i++) {
      this.keys.push(make(kvHeads * rows * headDim * 4, storage, `keys ${i}`));
      this.values.push(make(kvHeads * rows * headDim * 4, storage, `values ${i}`));
    }
    const unusedRead = make(16, storage, 'unused input');
    const unusedWrite = make(16, storage, 'unused output');
    const tick = make(16, USAGE.UNIFORM | USAGE.COPY_DST, 'step');

    const pipeline = (code: string, label: string, constants?: Record<string, number>) => device.createComputePipeline({
      label, layout: 'auto', compute: { module: device.createShaderModule({ label, code }), entryPoint: 'main', ...(constants ? { constants } : {}) },
    });
    const matvecShape = MATVEC_SHAPE[this.layout];
    const matvec = pipeline(matvecWgsl, 'decode matvec', matvecShape);
    const norm = pipeline(normWgsl, 'decode norm');
    const elementwise = pipeline(elementwiseWgsl, 'decode elementwise');
    const attention = pipeline(attentionWgsl, 'decode attention', { MAX_ROWS: rows, SPLIT_VALUES: this.layout === 'split' ? 1 : 0 });
    /** A 32-byte uniform: `words` as u32 from the start, then each `[word index, value]` of `floats` as f32. */
    const params = (words: number[], floats: [number, number][] = []) => {
      const data = new ArrayBuffer(32);
      new Uint32Array(data).set(words);
      const view = new Float32Array(data);
      for (const [index, value] of floats) view[index] = value;
      const buffer = make(32, USAGE.UNIFORM | USAGE.COPY_DST, 'params');
      device.queue.writeBuffer(buffer, 0, data);
      return buffer;
    };
    const bind = (target: GPUComputePipeline, resources: GPUBuffer[]) => device.createBindGroup({
      layout: target.getBindGroupLayout(0), entries: resources.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const weight = (name: string) => weights.get(name)!;
    const dispatch = (target: GPUComputePipeline, resources: GPUBuffer[], workgroups: number) =>
      this.commands.push({ pipeline: target, group: bind(target, resources), workgroups });

    for (const op of program.ops) this.encodeOp(op, { vectors, weight, dispatch, params, unusedRead, unusedWrite, matvec, matvecCols: matvecShape.COLS, norm, elementwise, attention, tick });
    return { tick, logits: vectors[program.logits]!, dispatches: this.commands.filter((c) => 'pipeline' in c).length };
  }

  private encodeOp(op: DecodeOp, k: {
    vectors: GPUBuffer[]; weight: (name: string) => GPUBuffer; params: (words: number[], floats?: [number, number][]) => GPUBuffer;
    dispatch: (pipeline: GPUComputePipeline, resources: GPUBuffer[], workgroups: number) => void;
    unusedRead: GPUBuffer; unusedWrite: GPUBuffer; tick: GPUBuffer;
    matvec: GPUComputePipeline; matvecCols: number; norm: GPUComputePipeline; elementwise: GPUComputePipeline; attention: GPUComputePipeline;
  }): void {
    const v = k.vectors;
    const sizes = this.program.sizes;
    switch (op.op) {
      case 'gather':
        this.commands.push({ copyRowOf: k.weight(op.table), width: op.width, to: v[op.out]! });
        return;
      case 'norm':
        k.dispatch(k.norm, [
          v[op.x]!, op.skip === undefined ? k.unusedRead : v[op.skip]!, k.weight(op.weight), v[op.out]!,
          op.sum === undefined ? k.unusedWrite : v[op.sum]!, k.params([sizes[op.x]!, op.skip === undefined ? 0 : 1, op.sum === undefined ? 0 : 1, 0], [[4, op.eps]]),
        ], 1);
        return;
      case 'matmul':
        k.dispatch(k.matvec, [v[op.x]!, k.weight(op.weight), v[op.out]!, k.params([op.rows, op.cols])], Math.ceil(op.cols / k.matvecCols));
        return;
      case 'attention':
        k.dispatch(k.attention, [
          v[op.qkv]!, this.keys[op.layer]!, this.values[op.layer]!, k.weight(op.cos), k.weight(op.sin), v[op.out]!,
          k.params([op.heads, op.kvHeads, op.headDim, this.rows, op.rotaryHalf, op.interleaved ? 1 : 0, 0], [[7, op.scale]]), k.tick,
        ], op.heads);
        return;
      case 'sigmoid':
      case 'mul':
      case 'add': {
        const [a, b] = op.op === 'sigmoid' ? [op.x, undefined] : [op.a, op.b];
        const n = sizes[a]!;
        k.dispatch(k.elementwise, [v[a]!, b === undefined ? k.unusedRead : v[b]!, v[op.out]!, k.params([n, op.op === 'sigmoid' ? 0 : op.op === 'mul' ? 1 : 2])],
          Math.ceil(n / ELEMENTWISE_WG));
      }
    }
  }

  /** Builds the kernels and uploads the weights; a validation or memory error on the device is thrown, nothing kept. */
  static async create(device: GPUDevice, program: DecodeProgram, rows: number, layout = kernelLayoutFor(device)): Promise<WgslDecoder> {
    if (rows < 1 || rows > MAX_DECODE_ROWS || rows > program.maxPositions) throw new RangeError(`${rows} cache rows: 1…${Math.min(MAX_DECODE_ROWS, program.maxPositions)} supported`);
    device.pushErrorScope('out-of-memory');
    device.pushErrorScope('validation');
    let decoder: WgslDecoder | undefined;
    let thrown: unknown;
    try {
      decoder = new WgslDecoder(device, program, rows, layout);
    } catch (error) {
      thrown = error;
    }
    const validation = await device.popErrorScope();
    const memory = await device.popErrorScope();
    const problem = thrown ?? validation ?? memory;
    if (problem || !decoder) {
      decoder?.destroy();
      throw problem instanceof Error ? problem : new Error(`WGSL decode kernels did not build: ${(problem as GPUError | undefined)?.message ?? 'unknown error'}`);
    }
    return decoder;
  }

  /** Rows 0…length−1 of each layer's cache from the prompt's cache tensors, in layer order: key 0, value 0, key 1, … */
  loadPrompt(presents: GpuCache[], length: number): void {
    const { kvHeads, headDim, layers } = this.program;
    if (presents.length !== 2 * layers) throw new Error(`${presents.length} cache tensors for ${layers} layers`);
    if (length > this.rows) throw new RangeError(`a prompt of ${length} tokens does not fit ${this.rows} cache rows`);
    const rowBytes = headDim * 4;
    const encoder = this.device.createCommandEncoder();
    presents.forEach((present, i) => {
      if (present.rows < length || present.buffer.size < kvHeads * present.rows * rowBytes) throw new Error(`cache tensor ${i} holds fewer than ${length} rows`);
      const target = i % 2 === 0 ? this.keys[i / 2]! : this.values[(i - 1) / 2]!;
      for (let h = 0; h < kvHeads; h++) encoder.copyBufferToBuffer(present.buffer, h * present.rows * rowBytes, target, h * this.rows * rowBytes, length * rowBytes);
    });
    this.device.queue.submit([encoder.finish()]);
  }

  /** Runs one step for `token` at `position` (< rows); its logits are in `logits` for the next work on this queue. */
  step(token: number, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.rows) throw new RangeError(`position ${position} is outside the ${this.rows}-row cache`);
    if (!Number.isInteger(token) || token < 0 || token >= this.program.tokens) throw new RangeError(`token ${token} is not in the vocabulary`);
    this.device.queue.writeBuffer(this.tick, 0, Uint32Array.of(token, position, 0, 0));
    const encoder = this.device.createCommandEncoder();
    let pass: GPUComputePassEncoder | undefined;
    for (const command of this.commands) {
      if ('copyRowOf' in command) {
        pass?.end();
        pass = undefined;
        encoder.copyBufferToBuffer(command.copyRowOf, token * command.width * 4, command.to, 0, command.width * 4);
        continue;
      }
      pass ??= encoder.beginComputePass();
      pass.setPipeline(command.pipeline);
      pass.setBindGroup(0, command.group);
      pass.dispatchWorkgroups(command.workgroups);
    }
    pass?.end();
    this.device.queue.submit([encoder.finish()]);
  }

  destroy(): void {
    for (const buffer of this.buffers) buffer.destroy();
    this.buffers.length = 0;
  }
}
