import orderWgsl from './order.wgsl?raw';
import argmaxWgsl from './argmax.wgsl?raw';
import topkWgsl from './topk.wgsl?raw';
import penaltyWgsl from './penalty.wgsl?raw';
import { MAX_GPU_TOP_K as MAX_TOP_K, penaltyScales, type Candidate } from './twins.ts';

const ARGMAX_WG = 256;
const ARGMAX_MAX_GROUPS = 256;
const TOPK_WG = 64;
const TOPK_MAX_GROUPS = 64;
const EMPTY = 0xffffffff;

// GPUBufferUsage / GPUMapMode as numbers: the constants are globals that Node (unit tests) does not have.
const USAGE = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80 } as const;
const MAP_READ = 0x1;

/** A row of f32 logits inside a GPU buffer: `count` values starting at element `offset`. */
export interface GpuRow {
  buffer: GPUBuffer;
  offset: number;
  count: number;
}

/** Distinct token ids to penalise, in a GPU buffer (see GpuTokenHistory). */
export interface GpuPenalty {
  tokens: GPUBuffer;
  length: number;
  penalty: number;
}

/**
 * Binds a row with a 256-byte-aligned offset (minStorageBufferOffsetAlignment) and only the bytes it needs, so a
 * large prefill logits buffer never exceeds maxStorageBufferBindingSize.
 */
function rowBinding(row: GpuRow, alignment: number): { resource: GPUBufferBinding; offset: number } {
  const start = row.offset * 4;
  const aligned = Math.floor(start / alignment) * alignment;
  const size = Math.max(4, start + row.count * 4 - aligned);
  return { resource: { buffer: row.buffer, offset: aligned, size }, offset: (start - aligned) / 4 };
}

/**
 * Token selection on the GPU over a logits row that stays on the GPU: argmax and top-k (k ≤ 64), optionally after a
 * repetition penalty applied in place. Only the chosen (value, index) pairs come back: 8 bytes for argmax, 8·k for
 * top-k. Results match the CPU twins in twins.ts exactly. Calls are queued: one selection at a time uses the shared
 * scratch and readback buffers.
 */
export class GpuTokenSelector {
  private readonly argmaxScan: GPUComputePipeline;
  private readonly argmaxReduce: GPUComputePipeline;
  private readonly topkScan: GPUComputePipeline;
  private readonly topkReduce: GPUComputePipeline;
  private readonly penaltyPipeline: GPUComputePipeline;
  private readonly selectLayout: GPUBindGroupLayout;
  private readonly penaltyLayout: GPUBindGroupLayout;
  private readonly params: GPUBuffer;
  private readonly penaltyParams: GPUBuffer;
  private readonly scratch: GPUBuffer;
  private readonly result: GPUBuffer;
  private readonly readback: GPUBuffer;
  private readonly alignment: number;
  private rowReadback: GPUBuffer | undefined;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly device: GPUDevice) {
    const storage = (binding: number, type: GPUBufferBindingType): GPUBindGroupLayoutEntry =>
      ({ binding, visibility: 4 /* COMPUTE */, buffer: { type } });
    this.selectLayout = device.createBindGroupLayout({
      label: 'pocket select',
      entries: [storage(0, 'read-only-storage'), storage(1, 'storage'), storage(2, 'uniform'), storage(3, 'storage')],
    });
    this.penaltyLayout = device.createBindGroupLayout({
      label: 'pocket penalty',
      entries: [storage(0, 'storage'), storage(1, 'read-only-storage'), storage(2, 'uniform')],
    });
    const selectPipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [this.selectLayout] });
    const argmaxModule = device.createShaderModule({ label: 'argmax.wgsl', code: orderWgsl + argmaxWgsl });
    const topkModule = device.createShaderModule({ label: 'topk.wgsl', code: orderWgsl + topkWgsl });
    const pipeline = (module: GPUShaderModule, entryPoint: string, layout: GPUPipelineLayout) =>
      device.createComputePipeline({ label: `${module.label}:${entryPoint}`, layout, compute: { module, entryPoint } });
    this.argmaxScan = pipeline(argmaxModule, 'scan', selectPipelineLayout);
    this.argmaxReduce = pipeline(argmaxModule, 'reduce', selectPipelineLayout);
    this.topkScan = pipeline(topkModule, 'scan', selectPipelineLayout);
    this.topkReduce = pipeline(topkModule, 'reduce', selectPipelineLayout);
    this.penaltyPipeline = pipeline(device.createShaderModule({ label: 'penalty.wgsl', code: penaltyWgsl }), 'main',
      device.createPipelineLayout({ bindGroupLayouts: [this.penaltyLayout] }));
    this.params = device.createBuffer({ label: 'pocket select params', size: 16, usage: USAGE.UNIFORM | USAGE.COPY_DST });
    this.penaltyParams = device.createBuffer({ label: 'pocket penalty params', size: 32, usage: USAGE.UNIFORM | USAGE.COPY_DST });
    const scratchBytes = Math.max(TOPK_MAX_GROUPS * TOPK_WG * MAX_TOP_K, ARGMAX_MAX_GROUPS) * 8;
    this.scratch = device.createBuffer({ label: 'pocket select scratch', size: scratchBytes, usage: USAGE.STORAGE });
    this.result = device.createBuffer({ label: 'pocket select result', size: MAX_TOP_K * 8, usage: USAGE.STORAGE | USAGE.COPY_SRC });
    this.readback = device.createBuffer({ label: 'pocket select readback', size: MAX_TOP_K * 8, usage: USAGE.MAP_READ | USAGE.COPY_DST });
    this.alignment = device.limits.minStorageBufferOffsetAlignment;
  }

  /** The best entry of the row (after the penalty, if given). */
  async argmax(row: GpuRow, penalty?: GpuPenalty): Promise<Candidate> {
    const [best] = await this.select(row, 1, penalty, true);
    return best ?? { index: -1, value: NaN };
  }

  /** The min(k, count) best entries, best first (after the penalty, if given). */
  topK(row: GpuRow, k: number, penalty?: GpuPenalty): Promise<Candidate[]> {
    if (!Number.isInteger(k) || k < 1 || k > MAX_TOP_K) throw new RangeError(`top-k on the GPU needs 1 ≤ k ≤ ${MAX_TOP_K}, got ${k}`);
    return this.select(row, k, penalty, false);
  }

  /** Runs `job` after every earlier call has finished (they share buffers), whatever their outcome. */
  private queued<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private select(row: GpuRow, k: number, penalty: GpuPenalty | undefined, argmax: boolean): Promise<Candidate[]> {
    return this.queued(() => this.selectNow(row, k, penalty, argmax));
  }

  private async selectNow(row: GpuRow, k: number, penalty: GpuPenalty | undefined, argmax: boolean): Promise<Candidate[]> {
    if (row.count <= 0) return [];
    const { device } = this;
    const encoder = device.createCommandEncoder({ label: 'pocket select' });
    if (penalty && penalty.penalty !== 1 && penalty.length > 0) this.encodePenalty(encoder, row, penalty);

    const bound = rowBinding(row, this.alignment);
    const groups = argmax
      ? Math.min(ARGMAX_MAX_GROUPS, Math.ceil(row.count / (ARGMAX_WG * 16)))
      : Math.min(TOPK_MAX_GROUPS, Math.ceil(row.count / (TOPK_WG * 4 * Math.max(k, 16))));
    device.queue.writeBuffer(this.params, 0, new Uint32Array([bound.offset, row.count, groups, k]));
    const bindGroup = device.createBindGroup({
      layout: this.selectLayout,
      entries: [
        { binding: 0, resource: bound.resource },
        { binding: 1, resource: { buffer: this.scratch } },
        { binding: 2, resource: { buffer: this.params } },
        { binding: 3, resource: { buffer: this.result } },
      ],
    });
    const pass = encoder.beginComputePass({ label: argmax ? 'argmax' : 'top-k' });
    pass.setBindGroup(0, bindGroup);
    pass.setPipeline(argmax ? this.argmaxScan : this.topkScan);
    pass.dispatchWorkgroups(groups);
    pass.setPipeline(argmax ? this.argmaxReduce : this.topkReduce);
    pass.dispatchWorkgroups(1);
    pass.end();
    encoder.copyBufferToBuffer(this.result, 0, this.readback, 0, k * 8);
    device.queue.submit([encoder.finish()]);

    await this.readback.mapAsync(MAP_READ, 0, k * 8);
    const words = new Uint32Array(this.readback.getMappedRange(0, k * 8).slice(0));
    this.readback.unmap();
    const values = new Float32Array(words.buffer);
    const out: Candidate[] = [];
    for (let j = 0; j < k; j++) {
      const index = words[2 * j + 1]!;
      if (index === EMPTY) break;
      out.push({ index, value: values[2 * j]! });
    }
    return out;
  }

  /** The row itself, copied back (for sampling over the whole vocabulary). */
  readRow(row: GpuRow): Promise<Float32Array> {
    return this.queued(() => this.readRowNow(row));
  }

  private async readRowNow(row: GpuRow): Promise<Float32Array> {
    const bytes = row.count * 4;
    if (!this.rowReadback || this.rowReadback.size < bytes) {
      this.rowReadback?.destroy();
      this.rowReadback = this.device.createBuffer({ label: 'pocket row readback', size: bytes, usage: USAGE.MAP_READ | USAGE.COPY_DST });
    }
    const staging = this.rowReadback;
    const encoder = this.device.createCommandEncoder({ label: 'pocket read row' });
    encoder.copyBufferToBuffer(row.buffer, row.offset * 4, staging, 0, bytes);
    this.device.queue.submit([encoder.finish()]);
    await staging.mapAsync(MAP_READ, 0, bytes);
    const values = new Float32Array(staging.getMappedRange(0, bytes).slice(0));
    staging.unmap();
    return values;
  }

  private encodePenalty(encoder: GPUCommandEncoder, row: GpuRow, penalty: GpuPenalty): void {
    const bound = rowBinding(row, this.alignment);
    const { positive, negative } = penaltyScales(penalty.penalty);
    const params = new ArrayBuffer(32);
    new Uint32Array(params, 0, 4).set([bound.offset, row.count, penalty.length, 0]);
    new Float32Array(params, 16, 2).set([positive, negative]);
    this.device.queue.writeBuffer(this.penaltyParams, 0, params);
    const pass = encoder.beginComputePass({ label: 'repetition penalty' });
    pass.setPipeline(this.penaltyPipeline);
    pass.setBindGroup(0, this.device.createBindGroup({
      layout: this.penaltyLayout,
      entries: [
        { binding: 0, resource: bound.resource },
        { binding: 1, resource: { buffer: penalty.tokens, offset: 0, size: Math.max(4, penalty.length * 4) } },
        { binding: 2, resource: { buffer: this.penaltyParams } },
      ],
    }));
    pass.dispatchWorkgroups(Math.ceil(penalty.length / 64));
    pass.end();
  }

  destroy(): void {
    for (const buffer of [this.params, this.penaltyParams, this.scratch, this.result, this.readback, this.rowReadback]) buffer?.destroy();
  }
}

/**
 * The distinct token ids of a request's history (prompt + generated), mirrored into a GPU buffer for penalty.wgsl:
 * each new id costs one 4-byte write; a repeated id costs nothing.
 */
export class GpuTokenHistory {
  readonly buffer: GPUBuffer;
  private readonly seen = new Set<number>();
  private readonly capacity: number;

  constructor(private readonly device: GPUDevice, capacity: number) {
    this.capacity = Math.max(1, capacity);
    this.buffer = device.createBuffer({ label: 'pocket token history', size: this.capacity * 4, usage: USAGE.STORAGE | USAGE.COPY_DST });
  }

  get length(): number {
    return this.seen.size;
  }

  add(tokens: Iterable<number>): void {
    const fresh: number[] = [];
    for (const token of tokens) {
      if (this.seen.has(token) || !(token >= 0 && Number.isInteger(token))) continue;
      if (this.seen.size >= this.capacity) throw new RangeError(`token history holds at most ${this.capacity} distinct ids`);
      this.seen.add(token);
      fresh.push(token);
    }
    if (fresh.length) this.device.queue.writeBuffer(this.buffer, (this.seen.size - fresh.length) * 4, new Uint32Array(fresh));
  }

  destroy(): void {
    this.buffer.destroy();
  }
}
