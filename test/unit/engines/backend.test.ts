import { describe, expect, test } from 'vitest';
import { chooseBackend } from '../../../workers/backend.ts';

function gpu(adapter: { fallback?: 'info' | 'adapter'; features?: string[] } | null): GPU {
  const made = adapter && {
    features: new Set(adapter.features ?? []),
    info: adapter.fallback === 'info' ? { isFallbackAdapter: true } : {},
    ...(adapter.fallback === 'adapter' ? { isFallbackAdapter: true } : {}),
  };
  return { requestAdapter: () => Promise.resolve(made) } as unknown as GPU;
}

describe('backend choice', () => {
  test('a hardware adapter runs WebGPU; none, or a missing feature, falls back to WASM with the reason', async () => {
    expect(await chooseBackend('auto', [], gpu({}))).toEqual({ backend: 'webgpu' });
    expect(await chooseBackend('auto', [], undefined)).toMatchObject({ backend: 'wasm', fallbackReason: expect.stringMatching(/not available/) });
    expect(await chooseBackend('auto', [], gpu(null))).toMatchObject({ backend: 'wasm', fallbackReason: expect.stringMatching(/no WebGPU adapter/) });
    expect(await chooseBackend('auto', ['shader-f16'], gpu({}))).toMatchObject({ backend: 'wasm', fallbackReason: expect.stringMatching(/shader-f16/) });
    expect(await chooseBackend('wasm', [], gpu({}))).toMatchObject({ backend: 'wasm' });
  });

  test('a small model stays on WASM under auto even with a hardware adapter (a token there costs no kernel launches)', async () => {
    expect(await chooseBackend('auto', [], gpu({}), 2_635_917)).toMatchObject({ backend: 'wasm', fallbackReason: expect.stringMatching(/model this small \(2\.6 MB\)/) });
    expect(await chooseBackend('auto', [], gpu({}), 300e6)).toEqual({ backend: 'webgpu' });
    expect(await chooseBackend('webgpu', [], gpu({}), 2_635_917)).toEqual({ backend: 'webgpu' });
    // On a software fallback the fallback is the reason given.
    expect(await chooseBackend('auto', [], gpu({ fallback: 'info' }), 2_635_917)).toMatchObject({ fallbackReason: expect.stringMatching(/software fallback/) });
  });

  test('a software-fallback adapter leaves auto on WASM (it is far slower there) unless WebGPU is asked for', async () => {
    for (const where of ['info', 'adapter'] as const) {
      expect(await chooseBackend('auto', [], gpu({ fallback: where }))).toMatchObject({
        backend: 'wasm', fallbackReason: expect.stringMatching(/software fallback/),
      });
      expect(await chooseBackend('webgpu', [], gpu({ fallback: where }))).toEqual({ backend: 'webgpu' });
    }
  });
});
