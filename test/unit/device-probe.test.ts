import { describe, expect, test } from 'vitest';
import { probeGpu, probeWasm } from '../../workers/device-probe.ts';

function fakeGpu(adapter: Partial<GPUAdapter> | null | Error): GPU {
  return {
    requestAdapter: async () => {
      if (adapter instanceof Error) throw adapter;
      return adapter as GPUAdapter | null;
    },
  } as unknown as GPU;
}

const swiftshaderLike = {
  info: { vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: true },
  features: new Set(['timestamp-query', 'float32-filterable']),
  limits: { maxBufferSize: 268435456, maxStorageBufferBindingSize: 134217728, maxComputeWorkgroupStorageSize: 16384,
    maxComputeInvocationsPerWorkgroup: 256, maxComputeWorkgroupSizeX: 256, maxStorageBuffersPerShaderStage: 8 },
} as unknown as GPUAdapter;

describe('probeGpu', () => {
  test('reports adapter identity, fallback flag, sorted features and key limits', async () => {
    const info = await probeGpu(fakeGpu(swiftshaderLike));
    expect(info).toMatchObject({
      available: true, vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true,
      features: ['float32-filterable', 'timestamp-query'],
    });
    expect(info.reason).toMatch(/software fallback/);
    expect(info.limits.maxBufferSize).toBe(268435456);
    expect(Object.keys(info.limits)).toHaveLength(6);
  });

  test('a hardware adapter has no fallback reason', async () => {
    const hardware = { ...swiftshaderLike, info: { ...swiftshaderLike.info, vendor: 'nvidia', isFallbackAdapter: false } };
    const info = await probeGpu(fakeGpu(hardware as GPUAdapter));
    expect(info.isFallbackAdapter).toBe(false);
    expect(info.reason).toBeUndefined();
  });

  test.each([
    ['no navigator.gpu', undefined, /does not expose WebGPU/],
    ['no adapter', fakeGpu(null), /No WebGPU adapter/],
    ['requestAdapter throws', fakeGpu(new Error('GPU process crashed')), /GPU process crashed/],
  ])('%s → unavailable with a reason', async (_label, gpu, reason) => {
    const info = await probeGpu(gpu);
    expect(info.available).toBe(false);
    expect(info.reason).toMatch(reason);
  });
});

describe('probeWasm', () => {
  test('Node has WASM with SIMD; threads need cross-origin isolation', () => {
    expect(probeWasm({ crossOriginIsolated: false })).toEqual({ available: true, simd: true, threads: false, crossOriginIsolated: false });
    expect(probeWasm({ crossOriginIsolated: true }).threads).toBe(true);
  });
});
