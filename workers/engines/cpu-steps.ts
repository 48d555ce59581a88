import type * as Ort from 'onnxruntime-web';
import { CpuDecoder } from './cpu/cpu-decoder.ts';
import { decodeProgramFor } from './graph/decode-program.ts';
import type { DecoderConfig } from './model-config.ts';

type OrtModule = typeof Ort;

/**
 * Decode steps on the CPU decoder (cpu/cpu-decoder.ts: WebAssembly SIMD products) for the engine's WASM backend: the
 * prompt runs on onnxruntime and its cache rows are copied in; every later token is one step of our own code, with no
 * session run. The logits come back as a tensor over the decoder's memory, valid until the next step.
 */
export class CpuSteps {
  private constructor(private readonly decoder: CpuDecoder, private readonly ort: OrtModule, private readonly vocab: number) {}

  get maxLength(): number {
    return this.decoder.rows;
  }

  /** undefined when the fused graph is not one the decoder runs, or WebAssembly SIMD is missing. */
  static create(ort: OrtModule, fusedGraph: Uint8Array, config: DecoderConfig): CpuSteps | undefined {
    const program = decodeProgramFor(fusedGraph, config);
    if (!program) return undefined;
    const decoder = CpuDecoder.create(program, Math.min(config.contextLength, program.maxPositions));
    return decoder && new CpuSteps(decoder, ort, program.vocab);
  }

  /** The prompt's cache rows (`present` outputs, [1, kvHeads, length, headDim] on the CPU) become rows 0…length−1. */
  loadPrompt(presents: Ort.Tensor[], length: number): void {
    this.decoder.loadPrompt(presents.map((present) => {
      if (present.location !== 'cpu' || !(present.data instanceof Float32Array)) throw new Error(`prompt cache [${present.dims.join(', ')}] is not a float32 CPU tensor`);
      return { data: present.data, rows: present.dims[2]! };
    }), length);
  }

  step(token: number, position: number): Promise<Ort.Tensor> {
    return Promise.resolve(new this.ort.Tensor('float32', this.decoder.step(token, position), [1, 1, this.vocab]));
  }

  release(): Promise<void> {
    return Promise.resolve();
  }
}
