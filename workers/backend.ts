import type { BackendPreference } from '../extension/protocol/schemas.ts';
import type { GpuFeature } from '../models/catalogue.ts';

export interface BackendChoice {
  backend: 'webgpu' | 'wasm';
  /** Why not WebGPU, in words for the user. */
  fallbackReason?: string;
}

/**
 * Models up to this size run on WASM under `auto` even with a GPU. A decode step of a small model is a few dozen tiny
 * kernels: on WebGPU each token pays their launches and a read-back, on WASM only the arithmetic. Measured for
 * TinyStories-656K (2.6 MB) on an NVIDIA H200 through Dawn (2026-11-28, before decode steps were captured): 1,357
 * tokens/s on WASM vs 70 on WebGPU. The bound is an estimate from that: WASM's step grows with the weights (~2 FLOP
 * per parameter, a few GFLOP/s on one thread), and at 32 MB (~8M fp32 parameters) it is still a few milliseconds,
 * about what a WebGPU step cost in launches alone. Session 19, same GPU, our split-row WGSL steps: 1,636–1,890
 * tokens/s vs 1,261–1,283 for our WASM steps in Node there; Chromium ran those WASM steps ~10x faster than Node on
 * our test machine, so in Chrome WASM should stay ahead for that model (inferred). Where WASM and WebGPU cross for
 * larger models is still unmeasured.
 */
export const SMALL_MODEL_BYTES = 32 * 1024 * 1024;

/**
 * WebGPU first; WASM when the user asks for it, when there is no adapter, when the model needs a missing feature, or
 * (unless WebGPU was asked for) when the adapter is a software fallback — WebGPU emulated on the CPU is far slower than
 * onnxruntime's WASM kernels (TinyStories-656K here: ~18 vs ~5,000 tokens/s) — or the model is small (see above).
 */
export async function chooseBackend(preference: BackendPreference, required: readonly GpuFeature[],
  gpu: GPU | undefined, modelBytes?: number): Promise<BackendChoice> {
  if (preference === 'wasm') return { backend: 'wasm', fallbackReason: 'WASM was chosen for this request' };
  if (!gpu) return { backend: 'wasm', fallbackReason: 'WebGPU is not available in this browser' };
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch {
    adapter = null;
  }
  if (!adapter) return { backend: 'wasm', fallbackReason: 'no WebGPU adapter (GPU disabled or blocklisted)' };
  const missing = required.filter((feature) => !adapter.features.has(feature));
  if (missing.length) return { backend: 'wasm', fallbackReason: `the model needs ${missing.join(', ')}, which this GPU lacks` };
  if (preference === 'auto' && isFallbackAdapter(adapter)) {
    return { backend: 'wasm', fallbackReason: 'the WebGPU adapter is a software fallback (CPU), where WASM is faster; choose WebGPU to use it anyway' };
  }
  if (preference === 'auto' && modelBytes !== undefined && modelBytes <= SMALL_MODEL_BYTES) {
    return {
      backend: 'wasm',
      fallbackReason: `a model this small (${(modelBytes / 1e6).toFixed(1)} MB) decodes faster on WASM, where a token costs only its arithmetic, than on WebGPU, where it costs a round of GPU kernel launches; choose WebGPU to use it anyway`,
    };
  }
  return { backend: 'webgpu' };
}

/** Chrome reports it on `adapter.info` (newer) or on the adapter itself (older). */
export function isFallbackAdapter(adapter: GPUAdapter): boolean {
  const info = adapter.info as (GPUAdapterInfo & { isFallbackAdapter?: boolean }) | undefined;
  return Boolean(info?.isFallbackAdapter ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter);
}
