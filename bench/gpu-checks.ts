/**
 * GPU checks shared by the Chromium test page (kernels.ts, test/e2e/shaders.e2e.ts) and the Node run on a real GPU
 * (`BENCH_CHECK=1`, scripts/bench-engine-node.mjs): WebGPU globals only, no page, no fetch.
 */
import type { GpuTokenSelector } from '../shaders/gpu-selector.ts';
import { GpuTokenHistory } from '../shaders/gpu-selector.ts';
import { argmaxTwin, repetitionPenaltyTwin, topKTwin, type Candidate } from '../shaders/twins.ts';
import { seededRandom } from '../workers/engines/decoding/sampler.ts';
import type { GenerateParams } from '../workers/engines/types.ts';
import type { OrtDecoderEngine } from '../workers/engines/ort-decoder.ts';
import { kernelLayoutFor, type KernelLayout, WgslDecoder } from '../shaders/decode-step.ts';
import { DecodeTwin } from '../shaders/decode-twin.ts';
import { decodeProgram } from '../workers/engines/graph/decode-program.ts';
import { fuseDecoderGraph } from '../workers/engines/graph/fuse-decoder.ts';

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

export interface EngineRequest {
  prompt: string;
  params: GenerateParams;
}

/** Our engine on WebGPU: GPU token selection (shipped), CPU selection, or onnxruntime's captured steps (the fallback). */
export type EngineLoader = (variant: 'gpu-select' | 'cpu-select' | 'captured') => Promise<OrtDecoderEngine>;

/** The selection kernel cases the checks run: every flavour with and without a penalty, several k, for each vocabulary. */
export function kernelCases(vocab: number, firstSeed: number): KernelCase[] {
  const cases: KernelCase[] = [];
  let seed = firstSeed;
  for (const flavour of ['continuous', 'ties', 'hostile'] as const) {
    for (const [k, penalty, rowsBefore] of [[1, 1, 0], [40, 1.3, 2], [64, 1, 1], [7, 0.8, 0]] as const) {
      cases.push({ vocab, flavour, k, penalty, rowsBefore, seed: seed++ });
    }
  }
  return cases;
}

export const KERNEL_VOCABS = [1, 255, 512, 32000, 151936];

/** Requests the engine runs with GPU and with CPU selection (and the captured fallback for CAPTURED_FOR). */
export const ENGINE_REQUESTS: EngineRequest[] = [
  { prompt: 'Once upon a time', params: { maxTokens: 48, temperature: 0, stopAtEos: false } },
  { prompt: 'Once upon a time', params: { maxTokens: 48, temperature: 0, repetitionPenalty: 1.3, stopAtEos: false } },
  { prompt: 'The dog', params: { maxTokens: 64, temperature: 0.9, topK: 40, repetitionPenalty: 1.2, seed: 7, stopAtEos: false } },
  { prompt: 'A bird', params: { maxTokens: 64, temperature: 1.1, topK: 64, topP: 0.9, seed: 3, stopAtEos: false } },
  { prompt: 'Lily', params: { maxTokens: 40, temperature: 0.8, topK: 5, seed: 11 } },
  { prompt: 'Tom', params: { maxTokens: 40, temperature: 1, seed: 5, repetitionPenalty: 1.1, stopAtEos: false } },
  // Past the captured decoder's first 128 cache rows: it is replaced by one of 256 mid-request… before the prompt.
  { prompt: 'Once upon a time', params: { maxTokens: 140, temperature: 0, stopAtEos: false } },
  // 32+ tokens: the prompt runs on the graph as exported, its cache is copied into our kernels' (or the captured) cache.
  { prompt: 'Once upon a time there was a little girl named Lily. She loved to play outside in the park with her friends. One day, she saw a big red ball',
    params: { maxTokens: 40, temperature: 0.7, seed: 9, stopAtEos: false } },
];
/** The captured fallback: greedy, seeded top-k with a penalty, and past its first 128 rows. */
export const CAPTURED_FOR = [0, 2, 6, 7];

/** The selection kernels (argmax, top-k, penalty) on seeded random rows vs their CPU twins, compared exactly. */
export async function kernelCheck(gpu: GpuTokenSelector, cases: KernelCase[]) {
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

/**
 * The same requests through the engine as shipped on WebGPU (decode steps on our WGSL kernels, GPU token selection),
 * with onnxruntime's captured decode steps (the fallback when our kernels cannot build), and with ordinary session
 * runs reading every logits row back (CPU selection); token ids of each (`captured` for the requests `capturedFor` names).
 */
export async function engineCheck(load: EngineLoader, requests: EngineRequest[], capturedFor: number[] = []) {
  const onGpu = await load('gpu-select');
  const onCpu = await load('cpu-select');
  const onCaptured = capturedFor.length ? await load('captured') : undefined;
  const run = async (engine: OrtDecoderEngine, prompt: string, params: GenerateParams) => {
    const stream = engine.generate({ id: 'check', prompt, params });
    for (;;) {
      const next = await stream.next();
      if (next.done) return next.value.tokenIds;
    }
  };
  const results = [];
  for (const [i, { prompt, params }] of requests.entries()) {
    results.push({
      gpu: await run(onGpu, prompt, params), cpu: await run(onCpu, prompt, params),
      ...(onCaptured && capturedFor.includes(i) ? { captured: await run(onCaptured, prompt, params), capturedGraph: onCaptured.info.graph } : {}),
      graph: onGpu.info.graph,
    });
  }
  await onGpu.unload();
  await onCpu.unload();
  await onCaptured?.unload();
  return results;
}

/**
 * The WGSL decode step (shaders/decode-step.ts) against its CPU twin on the bundled TinyStories model: the prompt is
 * fed one token at a time from position 0, then `steps` greedy tokens; every step's logits are read back and compared.
 */
export async function decodeCheck(dev: GPUDevice, model: Uint8Array, prompt: number[], steps: number, rows: number, layout?: KernelLayout) {
  const program = decodeProgram(fuseDecoderGraph(model.slice(), 512)!.bytes)!;
  const decoder = await WgslDecoder.create(dev, program, rows, layout);
  const twin = new DecodeTwin(program, rows);
  const readback = dev.createBuffer({ size: Math.max(program.vocab * 4, decoder.keys[0]!.size), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const read = async (source: GPUBuffer, size: number) => {
    const encoder = dev.createCommandEncoder();
    encoder.copyBufferToBuffer(source, 0, readback, 0, size);
    dev.queue.submit([encoder.finish()]);
    await readback.mapAsync(GPUMapMode.READ);
    const data = new Float32Array(readback.getMappedRange(0, size).slice(0));
    readback.unmap();
    return data;
  };
  const argmax = (row: Float32Array) => row.reduce((best, value, i) => (value > row[best]! ? i : best), 0);
  let worst = 0;
  let scale = 0;
  const tokens: number[] = [];
  const twinTokens: number[] = [];
  let token = prompt[0]!;
  for (let position = 0; position < prompt.length + steps - 1; position++) {
    decoder.step(token, position);
    const gpu = await read(decoder.logits, program.vocab * 4);
    const cpu = twin.step(token, position);
    for (let i = 0; i < gpu.length; i++) {
      worst = Math.max(worst, Math.abs(gpu[i]! - cpu[i]!));
      scale = Math.max(scale, Math.abs(cpu[i]!));
    }
    if (position + 1 < prompt.length) {
      token = prompt[position + 1]!;
    } else {
      token = argmax(gpu);
      tokens.push(token);
      twinTokens.push(argmax(cpu));
    }
  }
  // The cache as the kernels wrote it vs the twin's: layer 0 keys, the rows written.
  const written = prompt.length + steps - 1;
  const cacheGpu = await read(decoder.keys[0]!, decoder.keys[0]!.size);
  let cacheWorst = 0;
  for (let h = 0; h < program.kvHeads; h++) {
    for (let t = 0; t < written; t++) {
      for (let d = 0; d < program.headDim; d++) {
        const at = (h * rows + t) * program.headDim + d;
        cacheWorst = Math.max(cacheWorst, Math.abs(cacheGpu[at]! - twin.keys[0]![at]!));
      }
    }
  }
  readback.destroy();
  decoder.destroy();
  return { tokens, twinTokens, worst, scale, cacheWorst, dispatches: decoder.dispatches, layout: decoder.layout, autoLayout: kernelLayoutFor(dev) };
}
