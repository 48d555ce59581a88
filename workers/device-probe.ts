import type { DeviceProbe, GpuInfo, WasmInfo } from '../extension/protocol/schemas.ts';
import { isFallbackAdapter as fallbackAdapter } from './backend.ts';
import { builtInAvailability } from '../models/builtin.ts';

/** Limits that decide whether a model fits: buffer sizes and compute workgroup shape. */
const KEY_LIMITS = [
  'maxBufferSize', 'maxStorageBufferBindingSize', 'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup', 'maxComputeWorkgroupSizeX', 'maxStorageBuffersPerShaderStage',
] as const;

const noGpu = (reason: string): GpuInfo => ({
  available: false, reason, vendor: '', architecture: '', device: '', description: '', isFallbackAdapter: false,
  features: [], limits: {},
});

export async function probeGpu(gpu: GPU | undefined): Promise<GpuInfo> {
  if (!gpu) return noGpu('This browser does not expose WebGPU here (navigator.gpu is missing); models run on WASM.');
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return noGpu(`Requesting a WebGPU adapter failed: ${error instanceof Error ? error.message : error}`);
  }
  if (!adapter) return noGpu('No WebGPU adapter is available (GPU disabled or blocklisted); models run on WASM.');
  const info = adapter.info;
  const isFallbackAdapter = fallbackAdapter(adapter);
  const limits: Record<string, number> = {};
  for (const key of KEY_LIMITS) limits[key] = Number(adapter.limits[key]);
  return {
    available: true,
    ...(isFallbackAdapter ? { reason: 'The WebGPU adapter is a software fallback (CPU): correct but slow, so ONNX models run on WASM unless WebGPU is chosen; web-llm models, which need WebGPU, still run on it.' } : {}),
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallbackAdapter,
    features: [...adapter.features].map(String).sort(),
    limits,
  };
}

// A module with one SIMD instruction (v128.const + i8x16.popcnt); validates only where WASM SIMD is supported.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0,
  253, 15, 253, 98, 11]);

export function probeWasm(scope: { crossOriginIsolated?: boolean }): WasmInfo {
  const available = typeof WebAssembly === 'object' && typeof WebAssembly.validate === 'function';
  const crossOriginIsolated = scope.crossOriginIsolated === true;
  return {
    available,
    simd: available && WebAssembly.validate(SIMD_PROBE),
    threads: available && crossOriginIsolated && typeof SharedArrayBuffer === 'function',
    crossOriginIsolated,
  };
}

export async function probeDevice(): Promise<DeviceProbe> {
  const nav = navigator as Navigator & { gpu?: GPU; deviceMemory?: number };
  return {
    gpu: await probeGpu(nav.gpu),
    wasm: probeWasm(globalThis as { crossOriginIsolated?: boolean }),
    builtin: await builtInAvailability(),
    hardwareConcurrency: nav.hardwareConcurrency ?? 1,
    ...(typeof nav.deviceMemory === 'number' ? { deviceMemoryGb: nav.deviceMemory } : {}),
  };
}
