import type * as Ort from 'onnxruntime-web';
import { staticDecodeGraph } from './graph/static-kv.ts';
import type { DecoderConfig } from './model-config.ts';

type OrtModule = typeof Ort;

// GPUBufferUsage, spelled out: the constants are not globals everywhere this module is imported (unit tests).
const STORAGE = 0x80;
const COPY_SRC = 0x04;
const COPY_DST = 0x08;

/**
 * WebGPU decode steps replayed from one recorded command stream (issue 4). onnxruntime-web's graph capture records a
 * step's kernels on the second run and replays them afterwards, which only works when every shape is fixed and every
 * input stays in one GPU buffer; so the steps run on the fixed-shape graph of graph/static-kv.ts, whose KV cache is
 * `maxLength` rows from the start. A step writes the token and its position into their buffers, replays the graph,
 * and copies the new row of each head from `present` back into the cache (a few hundred bytes; the graph cannot write
 * its own inputs). The prompt itself runs on the engine's ordinary session; its cache rows are copied in here.
 */
export class CapturedDecoder {
  private readonly feeds: Record<string, Ort.Tensor>;

  private constructor(
    private readonly session: Ort.InferenceSession,
    private readonly device: GPUDevice,
    private readonly config: DecoderConfig,
    readonly maxLength: number,
    private readonly cache: GPUBuffer[],
    private readonly inputs: GPUBuffer[],
    ort: OrtModule,
  ) {
    const [ids, positions, mask] = inputs as [GPUBuffer, GPUBuffer, GPUBuffer];
    const tensor = (buffer: GPUBuffer, dataType: 'int64' | 'float32', dims: number[]) => ort.Tensor.fromGpuBuffer(buffer, { dataType, dims });
    this.feeds = {
      input_ids: tensor(ids, 'int64', [1, 1]),
      position_ids: tensor(positions, 'int64', [1, 1]),
      // Declared by the graph, read by nothing in it any more (positions say which rows count).
      attention_mask: tensor(mask, 'int64', [1, maxLength]),
    };
    const dims = [1, config.kvHeads, maxLength, config.headDim];
    for (let i = 0; i < config.layers; i++) {
      this.feeds[`past_key_values.${i}.key`] = tensor(cache[2 * i]!, 'float32', dims);
      this.feeds[`past_key_values.${i}.value`] = tensor(cache[2 * i + 1]!, 'float32', dims);
    }
  }

  /** undefined when the fused graph cannot be made fixed-shape (no fused attention, no position_ids input). */
  static async create(ort: OrtModule, fusedGraph: Uint8Array, config: DecoderConfig, maxLength: number): Promise<CapturedDecoder | undefined> {
    const graph = staticDecodeGraph(fusedGraph, maxLength);
    if (!graph) return undefined;
    const session = await ort.InferenceSession.create(graph.bytes, {
      // Graph capture is an option of the WebGPU provider: it must be given as an object, not the name alone.
      executionProviders: [{ name: 'webgpu' }],
      enableGraphCapture: true,
      graphOptimizationLevel: 'all',
      freeDimensionOverrides: graph.dimensions,
      preferredOutputLocation: 'gpu-buffer',
    });
    const made: GPUBuffer[] = [];
    try {
      const device = await ort.env.webgpu.device;
      const buffer = (size: number) => {
        const created = device.createBuffer({ size, usage: STORAGE | COPY_SRC | COPY_DST });
        made.push(created);
        return created;
      };
      const cache = Array.from({ length: 2 * config.layers }, () => buffer(config.kvHeads * maxLength * config.headDim * 4));
      // int64 scalars get 16 bytes: onnxruntime copies inputs in 16-byte units.
      const inputs = [buffer(16), buffer(16), buffer(Math.max(16, 8 * maxLength))];
      return new CapturedDecoder(session, device, config, maxLength, cache, inputs, ort);
    } catch (error) {
      for (const created of made) created.destroy();
      await session.release();
      throw error;
    }
  }

  /** The prompt's cache rows (`present` outputs of the ordinary session, [1, kvHeads, length, dim]) become rows 0…length−1. */
  loadPrompt(presents: Ort.Tensor[], length: number): void {
    const { kvHeads, headDim } = this.config;
    const rowBytes = headDim * 4;
    const encoder = this.device.createCommandEncoder();
    presents.forEach((present, i) => {
      // A copy out of range would only drop the command buffer (and decode from junk): check what WebGPU would not.
      const rows = present.dims[2]!;
      if (rows < length || length > this.maxLength || present.dims[1] !== kvHeads || present.dims[3] !== headDim) {
        throw new Error(`prompt cache [${present.dims.join(', ')}] does not fit ${this.maxLength} rows of ${kvHeads}×${headDim}`);
      }
      for (let h = 0; h < kvHeads; h++) {
        encoder.copyBufferToBuffer(present.gpuBuffer, h * rows * rowBytes, this.cache[i]!, h * this.maxLength * rowBytes, length * rowBytes);
      }
    });
    this.device.queue.submit([encoder.finish()]);
  }

  /** One decode step: `token` at `position` (< maxLength); resolves to the logits [1, 1, vocab] on the GPU. */
  async step(token: number, position: number): Promise<Ort.Tensor> {
    const [ids, positions] = this.inputs as [GPUBuffer, GPUBuffer];
    this.device.queue.writeBuffer(ids, 0, BigInt64Array.of(BigInt(token)));
    this.device.queue.writeBuffer(positions, 0, BigInt64Array.of(BigInt(position)));
    const outputs = await this.session.run(this.feeds);
    const { kvHeads, headDim, layers } = this.config;
    const rowBytes = headDim * 4;
    try {
      const encoder = this.device.createCommandEncoder();
      for (let i = 0; i < layers; i++) {
        for (const [j, kind] of (['key', 'value'] as const).entries()) {
          const present = outputs[`present.${i}.${kind}`]!;
          for (let h = 0; h < kvHeads; h++) {
            const at = (h * this.maxLength + position) * rowBytes;
            encoder.copyBufferToBuffer(present.gpuBuffer, at, this.cache[2 * i + j]!, at, rowBytes);
          }
        }
      }
      this.device.queue.submit([encoder.finish()]);
    } catch (error) {
      outputs.logits?.dispose();
      throw error;
    } finally {
      for (const [name, tensor] of Object.entries(outputs)) if (name !== 'logits') tensor.dispose();
    }
    return outputs.logits!;
  }

  async release(): Promise<void> {
    try {
      await this.session.release();
    } finally {
      for (const buffer of [...this.cache, ...this.inputs]) buffer.destroy();
    }
  }
}
