import type { BackendPreference } from '../extension/protocol/schemas.ts';
import type { GpuFeature } from '../models/catalogue.ts';

export interface BackendChoice {
  backend: 'webgpu' | 'wasm';
  /** Why not WebGPU, in words for the user. */
  fallbackReason?: string;
}

/** WebGPU first; WASM when the user asks for it, when there is no adapter, or when the model needs a missing feature. */
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
  return { backend: 'webgpu' };
}
