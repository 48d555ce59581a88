/**
 * Benchmark page (scripts/bench-engine.mjs): our OrtDecoderEngine and transformers.js on the same model, backend,
 * prompt and greedy settings. Both are timed the same way: TTFT from the call to the first new token (tokenizing
 * included), decode tok/s over the tokens after the first.
 */
import { AutoModelForCausalLM, AutoTokenizer, env } from '@huggingface/transformers';
import theirWasmUrl from '../node_modules/@huggingface/transformers/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm?url';
import theirMjsUrl from '../node_modules/@huggingface/transformers/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.mjs?url';
import { loadOurs, ortVersion, stepRunMs, type OrtBuild } from './ours.ts';

type Backend = 'webgpu' | 'wasm';
export interface RunResult { ttftMs: number; decodeTokS: number; tokens: number[]; graph?: string | undefined; stepRunMs?: number }

// transformers.js offline: local files only, its own onnxruntime-web binary served from here, one thread.
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = '/models/';
env.useBrowserCache = false;
const onnx = env.backends.onnx as { wasm: { wasmPaths: unknown; numThreads: number }; versions?: { web?: string } };
onnx.wasm.wasmPaths = { wasm: new URL(theirWasmUrl, location.href).href, mjs: new URL(theirMjsUrl, location.href).href };
onnx.wasm.numThreads = 1;

const ours: Partial<Record<string, Awaited<ReturnType<typeof loadOurs>>>> = {};
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- transformers.js model/tokenizer types are very wide
const theirs: Partial<Record<Backend, { model: any; tokenizer: any }>> = {};

/**
 * `build` may end in `+cpu-select` (WebGPU with logits read back and tokens selected on the CPU), `+unfused` (the graph
 * as exported, without the engine's fusion pass), `+ort-steps` (decode steps on onnxruntime, not on our WGSL / WebAssembly
 * kernels) and/or `+uncaptured` (those steps as ordinary session runs, not a replayed graph), for comparison.
 */
async function runOurs(backend: Backend, prompt: string, newTokens: number, build = 'asyncify'): Promise<RunResult> {
  const [ortBuild, ...flags] = build.split('+') as [OrtBuild, ...string[]];
  const engine = (ours[`${backend}|${build}`] ??= await loadOurs(backend, !flags.includes('cpu-select'), ortBuild, !flags.includes('unfused'), !flags.includes('uncaptured'),
    !flags.includes('ort-steps')));
  stepRunMs.length = 0;
  const started = performance.now();
  let first = 0;
  const stream = engine.generate({ id: 'bench', prompt, params: { maxTokens: newTokens, temperature: 0, stopAtEos: false } });
  for (;;) {
    const next = await stream.next();
    if (next.done) {
      const ended = performance.now();
      const runs = [...stepRunMs].sort((a, b) => a - b);
      return { ttftMs: first - started, decodeTokS: (next.value.tokenIds.length - 1) / ((ended - first) / 1000), tokens: next.value.tokenIds, graph: engine.info.graph,
        stepRunMs: runs[runs.length >> 1] };
    }
    if (!first) first = performance.now();
  }
}

async function runTheirs(backend: Backend, prompt: string, newTokens: number): Promise<RunResult> {
  if (!theirs[backend]) {
    const tokenizer = await AutoTokenizer.from_pretrained('tinystories-656k');
    const model = await AutoModelForCausalLM.from_pretrained('tinystories-656k', { device: backend, dtype: 'fp32' });
    theirs[backend] = { model, tokenizer };
  }
  const { model, tokenizer } = theirs[backend]!;
  const started = performance.now();
  const times: number[] = [];
  const inputs = tokenizer(prompt);
  // put() is called once with the prompt, then once per new token.
  const streamer = { put: () => void times.push(performance.now()), end: () => {} };
  const output = await model.generate({ ...inputs, max_new_tokens: newTokens, do_sample: false, eos_token_id: null, streamer });
  const ended = performance.now();
  const all = (output.tolist() as bigint[][])[0]!.map(Number);
  const promptLength = Number(inputs.input_ids.dims.at(-1));
  const first = times[1]!;
  return { ttftMs: first - started, decodeTokS: (all.length - promptLength - 1) / ((ended - first) / 1000), tokens: all.slice(promptLength) };
}

const versions = () => ({ ours: ortVersion, theirs: onnx.versions?.web ?? 'unknown' });

Object.assign(globalThis, { pocketBench: { runOurs, runTheirs, versions } });
document.getElementById('status')!.textContent = 'ready';
