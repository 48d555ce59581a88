import type * as Ort from 'onnxruntime-web';
import { type KernelLayout, MAX_DECODE_ROWS, WgslDecoder } from '../../shaders/decode-step.ts';
import { decodeProgramFor } from './graph/decode-program.ts';
import type { DecoderConfig } from './model-config.ts';

type OrtModule = typeof Ort;

/**
 * Decode steps on our WGSL kernels (shaders/decode-step.ts) for the engine: the prompt runs on onnxruntime and its
 * cache rows are copied in, every later token is one submit of our kernels; the logits are handed back as a tensor
 * over our buffer (disposing it keeps the buffer: the next step writes it again).
 */
export class WgslSteps {
  private constructor(private readonly decoder: WgslDecoder, private readonly ort: OrtModule) {}

  get maxLength(): number {
    return this.decoder.rows;
  }

  get dispatches(): number {
    return this.decoder.dispatches;
  }

  get layout(): KernelLayout {
    return this.decoder.layout;
  }

  /** undefined when the fused graph is not one the kernels run (or does not match the model's config). */
  static async create(ort: OrtModule, fusedGraph: Uint8Array, config: DecoderConfig): Promise<WgslSteps | undefined> {
    const program = decodeProgramFor(fusedGraph, config);
    if (!program) return undefined;
    const rows = Math.min(config.contextLength, program.maxPositions, MAX_DECODE_ROWS);
    const device = await ort.env.webgpu.device;
    return new WgslSteps(await WgslDecoder.create(device, program, rows), ort);
  }

  /** The prompt's cache rows (`present` outputs, [1, kvHeads, length, headDim] GPU buffers) become rows 0…length−1. */
  loadPrompt(presents: Ort.Tensor[], length: number): void {
    this.decoder.loadPrompt(presents.map((present) => {
      if (present.location !== 'gpu-buffer' || present.dims[1] !== this.decoder.program.kvHeads || present.dims[3] !== this.decoder.program.headDim) {
        throw new Error(`prompt cache [${present.dims.join(', ')}] is not a GPU tensor of ${this.decoder.program.kvHeads}×${this.decoder.program.headDim}`);
      }
      return { buffer: present.gpuBuffer, rows: present.dims[2]! };
    }), length);
  }

  step(token: number, position: number): Promise<Ort.Tensor> {
    this.decoder.step(token, position);
    // A new view each step: the engine disposes the one it was given.
    return Promise.resolve(this.ort.Tensor.fromGpuBuffer(this.decoder.logits, { dataType: 'float32', dims: [1, 1, this.decoder.program.vocab], dispose: () => {} }));
  }

  release(): Promise<void> {
    this.decoder.destroy();
    return Promise.resolve();
  }
}
