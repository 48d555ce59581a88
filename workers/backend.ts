import type { BackendPreference } from '../extension/protocol/schemas.ts';
import type { GpuFeature } from '../models/catalogue.ts';

export interface BackendChoice {
  backend: 'webgpu' | 'wasm';
  /** Why not WebGPU, in words for the user. */
  fallbackReason?: string;
}

/**
 * WebGPU first; WASM when the user asks for it, when there is no adapter, when the model needs a missing feature, or
 * (unless WebGPU was asked for) when the adapter is a software fallback: WebGPU emulated on the CPU is far slower than
 * onnxruntime's WASM kernels (TinyStories-656K here: ~18 vs ~5,000 tokens/s).
 */
export async function chooseBackend(preference: BackendPreference, required: readonly GpuFeature[],
  gpu: GPU | undefined): Promise<BackendChoice> {
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
  return { backend: 'webgpu' };
}

/** Chrome reports it on `adapter.info` (newer) or on the adapter itself (older). */
export function isFallbackAdapter(adapter: GPUAdapter): boolean {
  const info = adapter.info as (GPUAdapterInfo & { isFallbackAdapter?: boolean }) | undefined;
  return Boolean(info?.isFallbackAdapter ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter);
}
