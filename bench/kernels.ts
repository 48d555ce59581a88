/**
 * Test page (test/e2e/shaders.e2e.ts): runs the WGSL kernels on seeded random rows and returns GPU and CPU-twin
 * results side by side; and runs the engine with GPU selection on and off for the same requests.
 */
import { GpuTokenHistory, GpuTokenSelector } from '../shaders/gpu-selector.ts';
import { argmaxTwin, repetitionPenaltyTwin, topKTwin, type Candidate } from '../shaders/twins.ts';
import { seededRandom } from '../workers/engines/decoding/sampler.ts';
import type { GenerateParams } from '../workers/engines/types.ts';
import { loadOurs } from './ours.ts';

export interface KernelCase {
  vocab: number;
  /** continuous: random floats; ties: few distinct values; hostile: ties plus NaN, ±Infinity, ±0. */
  flavour: 'continuous' | 'ties' | 'hostile';
  k: number;
  penalty: number;
  seed: number;
  /** Rows in the buffer before the selected one (prefill logits hold one row per prompt token). */
  rowsBefore: number;
}

/** Candidates as [index, f32 bits] (NaN bits canonical), so -0, NaN and ±Infinity compare exactly in Node. */
type Pairs = [number, number][];
const bitsOf = (value: number) => (Number.isNaN(value) ? 0x7fc00000 : new Uint32Array(new Float32Array([value]).buffer)[0]!);
const pairs = (candidates: Candidate[]): Pairs => candidates.map((c) => [c.index, bitsOf(c.value)]);

function makeRow(random: () => number, vocab: number, flavour: KernelCase['flavour']): Float32Array {
  const specials = [NaN, -Infinity, Infinity, 0, -0];
  return Float32Array.from({ length: vocab }, () => {
    if (flavour === 'continuous') return (random() - 0.5) * 40;
    if (flavour === 'hostile' && random() < 0.02) return specials[Math.floor(random() * specials.length)]!;
    return Math.round((random() - 0.5) * 16) / 2;
  });
}

async function device(): Promise<GPUDevice> {
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter');
  return adapter.requestDevice();
}

let selector: GpuTokenSelector | undefined;

async function kernelCheck(cases: KernelCase[]) {
  selector ??= new GpuTokenSelector(await device());
  const gpu = selector;
  const dev = gpu.device;
  const out = [];
  for (const c of cases) {
    const random = seededRandom(c.seed);
    const buffer = new Float32Array((c.rowsBefore + 1) * c.vocab);
    for (let r = 0; r <= c.rowsBefore; r++) buffer.set(makeRow(random, c.vocab, c.flavour), r * c.vocab);
    const offset = c.rowsBefore * c.vocab;
    // History: prompt-like ids with repeats and a few out of the vocabulary (ignored by both).
    const history = Array.from({ length: 60 }, () => Math.floor(random() * (c.vocab + 3)));
    const logits = dev.createBuffer({ size: buffer.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC });
    const tokens = new GpuTokenHistory(dev, history.length);
    tokens.add(history);
    const penalty = c.penalty === 1 ? undefined : { tokens: tokens.buffer, length: tokens.length, penalty: c.penalty };
    const row = { buffer: logits, offset, count: c.vocab };

    dev.queue.writeBuffer(logits, 0, buffer);
    const gpuArgmax = await gpu.argmax(row, penalty);
    dev.queue.writeBuffer(logits, 0, buffer);
    const gpuTopK = await gpu.topK(row, c.k, penalty);
    const gpuRow = await gpu.readRow(row);

    const cpu = buffer.slice();
    if (c.penalty !== 1) repetitionPenaltyTwin(cpu, history, c.penalty, offset, c.vocab);
    out.push({
      gpu: { argmax: pairs([gpuArgmax]), topK: pairs(gpuTopK), rowAfterPenalty: Array.from(new Uint32Array(gpuRow.buffer)) },
      cpu: {
        argmax: pairs([argmaxTwin(cpu, offset, c.vocab)]),
        topK: pairs(topKTwin(cpu, c.k, offset, c.vocab)),
        rowAfterPenalty: Array.from(new Uint32Array(cpu.slice(offset, offset + c.vocab).buffer)),
      },
    });
    logits.destroy();
    tokens.destroy();
  }
  // Rows are long: compare them here and send back only whether they matched (NaN bit patterns may differ).
  return out.map(({ gpu: g, cpu: c }) => {
    const rowMatches = g.rowAfterPenalty.every((bits, i) => bits === c.rowAfterPenalty[i]
      || (Number.isNaN(new Float32Array(new Uint32Array([bits]).buffer)[0]) && Number.isNaN(new Float32Array(new Uint32Array([c.rowAfterPenalty[i]!]).buffer)[0])));
    return { gpu: { argmax: g.argmax, topK: g.topK }, cpu: { argmax: c.argmax, topK: c.topK }, rowMatches };
  });
}

/** The same requests through the engine with GPU selection on and off (both WebGPU); token ids of each. */
async function engineCheck(requests: { prompt: string; params: GenerateParams }[]) {
  const onGpu = await loadOurs('webgpu', true);
  const onCpu = await loadOurs('webgpu', false);
  const run = async (engine: Awaited<ReturnType<typeof loadOurs>>, prompt: string, params: GenerateParams) => {
    const stream = engine.generate({ id: 'check', prompt, params });
    for (;;) {
      const next = await stream.next();
      if (next.done) return next.value.tokenIds;
    }
  };
  const results = [];
  for (const { prompt, params } of requests) {
    results.push({ gpu: await run(onGpu, prompt, params), cpu: await run(onCpu, prompt, params) });
  }
  await onGpu.unload();
  await onCpu.unload();
  return results;
}

Object.assign(globalThis, { pocketKernels: { kernelCheck, engineCheck } });
document.getElementById('status')!.textContent = 'ready';
