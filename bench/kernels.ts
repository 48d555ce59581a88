/**
 * Test page (test/e2e/shaders.e2e.ts): the GPU checks of gpu-checks.ts on this page's WebGPU adapter, with the
 * bundled TinyStories model from the static server.
 */
import { GpuTokenSelector } from '../shaders/gpu-selector.ts';
import type { KernelLayout } from '../shaders/decode-step.ts';
import { decodeCheck, engineCheck, type EngineRequest, type KernelCase, kernelCheck } from './gpu-checks.ts';
import { loadOurs } from './ours.ts';

export type { KernelCase } from './gpu-checks.ts';

async function device(): Promise<GPUDevice> {
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter');
  return adapter.requestDevice();
}

let selector: GpuTokenSelector | undefined;
let model: Uint8Array | undefined;

Object.assign(globalThis, {
  pocketKernels: {
    kernelCheck: async (cases: KernelCase[]) => kernelCheck(selector ??= new GpuTokenSelector(await device()), cases),
    engineCheck: (requests: EngineRequest[], capturedFor: number[] = []) => engineCheck((variant) => variant === 'captured'
      ? loadOurs('webgpu', true, 'asyncify', true, true, false) : loadOurs('webgpu', variant === 'gpu-select'), requests, capturedFor),
    decodeCheck: async (prompt: number[], steps: number, rows: number, layout?: KernelLayout) => {
      model ??= new Uint8Array(await (await fetch('/models/tinystories-656k/model.onnx')).arrayBuffer());
      return decodeCheck(await device(), model, prompt, steps, rows, layout);
    },
  },
});
document.getElementById('status')!.textContent = 'ready';
