// npm run bench:engine:node — issue #4's engine benchmark without Chromium: our OrtDecoderEngine vs
// @huggingface/transformers on the bundled TinyStories-656K ONNX, both on onnxruntime-web (WASM EP, and WebGPU EP on
// the adapter Dawn's Node bindings find: the `webgpu` dev dependency), in one Node process, interleaved. For machines
// with a real GPU and no Chromium. Same prompt, greedy, EOS stopping off, N new tokens, 1 warm-up then RUNS runs each,
// same timing and table as scripts/bench-engine.mjs (bench/engine.ts), plus a golden check of ours against
// reference.json on each backend.
//
// Ours runs the builds the model worker ships (workers/ort-builds.ts): plain WASM for WASM, JSPI for WebGPU. JSPI needs
// WebAssembly.Suspending (Node 25+); on an older Node the WebGPU rows run the asyncify bundle and say so.
// transformers.js runs its browser build (bundled here and told it is not in Node, else it takes onnxruntime-node) on its
// own nested onnxruntime-web, as in a browser worker; its model files come from a local static server.
// Node-only differences from Chromium: dawn.node rejects GPUQueue.writeBuffer from SharedArrayBuffer views (Chrome
// accepts them), so such uploads are copied first, for both engines alike.
//
// Options (env): BENCH_BACKENDS=wasm,webgpu  BENCH_RUNS=5  BENCH_TOKENS=128  BENCH_PROMPT="Once upon a time"  BENCH_CHECK=1 (checks, no timing: below)
//   BENCH_DAWN=toggle,... (Dawn flags for create())  BENCH_DAWN_NODE=path/to/dawn.node
//   BENCH_WASM_DIR (a folder laid out like node_modules holding the onnxruntime-web .wasm files; default node_modules)
//   BENCH_REFERENCE (reference.json; default ../shared/models/TinyStories-656K/reference.json)  BENCH_ROOT (repo root)
// `node scripts/bench-engine-node.mjs --bundle FILE` only writes the self-contained bundle (no node_modules needed to
// run it: carry it with node, dawn.node and the .wasm files, run it from a checkout with BENCH_* set).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/* global __POCKET_BENCH_NODE_BUNDLE__ */
if (typeof __POCKET_BENCH_NODE_BUNDLE__ === 'undefined') await buildAndRun();
else await bench();

/** Bundles this file (vite resolves the TypeScript engine, the shaders and both onnxruntime-web copies), then runs it. */
async function buildAndRun() {
  const root = resolve(import.meta.dirname, '..');
  const bundleAt = process.argv.indexOf('--bundle');
  const dir = bundleAt === -1 ? mkdtempSync(join(tmpdir(), 'pocket-bench-node-')) : undefined;
  const file = dir ? join(dir, 'bench-node.mjs') : resolve(process.argv[bundleAt + 1] ?? 'bench-node.mjs');
  try {
    const { build } = await import('vite');
    const notNode = {
      name: 'transformers-web-build-not-in-node',
      /** @param {string} code @param {string} id */
      transform(code, id) {
        if (!id.endsWith('transformers.web.js')) return null;
        const marker = 'process?.release?.name === "node"';
        if (!code.includes(marker)) throw new Error('transformers.web.js: its IS_NODE_ENV test was not found');
        return { code: code.replace(marker, 'false'), map: null };
      },
    };
    await build({
      configFile: false, root, logLevel: 'warn', plugins: [notNode],
      define: { __POCKET_BENCH_NODE_BUNDLE__: 'true' },
      resolve: { alias: [{ find: /^@huggingface\/transformers$/, replacement: join(root, 'node_modules/@huggingface/transformers/dist/transformers.web.js') }] },
      ssr: { noExternal: true },
      build: {
        ssr: import.meta.filename, outDir: dirname(file), emptyOutDir: false, target: 'node20', minify: false, sourcemap: false,
        rolldownOptions: { external: ['vite'], output: { format: 'es', entryFileNames: file.slice(dirname(file).length + 1), codeSplitting: false } },
      },
    });
    if (!dir) return console.log(`bundle written: ${file}`);
    const child = spawnSync(process.execPath, [file], { stdio: 'inherit', env: { ...process.env, BENCH_ROOT: process.env.BENCH_ROOT ?? root } });
    process.exitCode = child.status ?? 1;
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** WebGPU from dawn.node, exposed as a browser exposes it. */
function installWebGpu(root) {
  const require = createRequire(join(root, 'package.json'));
  const platform = process.platform === 'darwin' ? 'darwin-universal' : `${process.platform}-${process.arch}`;
  const dawnNode = process.env.BENCH_DAWN_NODE ?? join(dirname(require.resolve('webgpu/package.json')), 'dist', platform, 'dawn.node');
  const { create, globals } = require(dawnNode);
  Object.assign(globalThis, globals);
  const gpu = create((process.env.BENCH_DAWN ?? '').split(',').map((f) => f.trim()).filter(Boolean));
  Object.defineProperty(globalThis, 'navigator', { value: { gpu, userAgent: `Node ${process.version}` }, configurable: true, writable: true });
  // onnxruntime-web's threaded WASM memory is a SharedArrayBuffer; dawn.node refuses (or crashes on) views of one.
  const proto = globals.GPUQueue.prototype;
  const writeBuffer = proto.writeBuffer;
  proto.writeBuffer = function (buffer, offset, data, dataOffset, size) {
    const view = data instanceof SharedArrayBuffer ? new Uint8Array(data)
      : ArrayBuffer.isView(data) && data.buffer instanceof SharedArrayBuffer ? data : undefined;
    if (!view) return writeBuffer.apply(this, arguments);
    const bpe = view.BYTES_PER_ELEMENT ?? 1;
    const length = view.BYTES_PER_ELEMENT ? view.length : view.byteLength;
    const start = (dataOffset ?? 0) * bpe;
    const bytes = (size ?? length - (dataOffset ?? 0)) * bpe;
    return writeBuffer.call(this, buffer, offset, new Uint8Array(view.buffer, view.byteOffset + start, bytes).slice());
  };
  return gpu;
}

async function bench() {
  const root = resolve(process.env.BENCH_ROOT ?? '.');
  const gpu = installWebGpu(root);
  // Imported only now: transformers.js decides at import time whether WebGPU exists.
  const ortAsyncify = await import('onnxruntime-web/webgpu');
  const ortPlain = await import('onnxruntime-web/wasm');
  const ortJspi = await import('onnxruntime-web/jspi');
  const { AutoModelForCausalLM, AutoTokenizer, env } = await import('@huggingface/transformers');
  const { OrtDecoderEngine } = await import('../workers/engines/ort-decoder.ts');
  const { decoderConfigFrom } = await import('../workers/engines/model-config.ts');
  const { TextTokenizer } = await import('../workers/engines/tokenizer.ts');
  const { serveStatic } = await import('./lib/static-server.mjs');

  const wasmDir = resolve(process.env.BENCH_WASM_DIR ?? join(root, 'node_modules'));
  const modelDir = join(root, 'models/bundled/tinystories-656k');
  const referencePath = process.env.BENCH_REFERENCE ?? join(root, '../shared/models/TinyStories-656K/reference.json');
  const backends = (process.env.BENCH_BACKENDS ?? 'wasm,webgpu').split(',').map((b) => b.trim()).filter(Boolean);
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const newTokens = Number(process.env.BENCH_TOKENS ?? 128);
  const prompt = process.env.BENCH_PROMPT ?? 'Once upon a time';

  // Ours: each build with its own packaged binary, one thread; a build runs only if its binary is there.
  const builds = {
    plain: [ortPlain, 'onnxruntime-web/dist/ort-wasm-simd-threaded.wasm'],
    jspi: [ortJspi, 'onnxruntime-web/dist/ort-wasm-simd-threaded.jspi.wasm'],
    asyncify: [ortAsyncify, 'onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm'],
  };
  const hasJspi = typeof WebAssembly.Suspending === 'function';
  const available = (build) => existsSync(join(wasmDir, builds[build][1])) && (build !== 'jspi' || hasJspi);
  for (const build of Object.keys(builds).filter(available)) {
    const [ort, file] = builds[build];
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.wasmBinary = readFileSync(join(wasmDir, file));
  }
  const gpuBuild = available('jspi') ? 'jspi' : 'asyncify';
  const gpuName = gpuBuild === 'jspi' ? 'JSPI build' : 'asyncify bundle';

  if (process.env.BENCH_CHECK) {
    await checkGpu(gpu, builds[gpuBuild][0], modelDir, referencePath);
    process.exit(process.exitCode ?? 0);
  }

  const server = await serveStatic({ '/models/tinystories-656k/onnx/': modelDir, '/models/tinystories-656k/': modelDir });
  // transformers.js as on the page: local files only, '/models/…' fetched from the (local) origin, one thread.
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = '/models/';
  env.useBrowserCache = false;
  env.useWasmCache = false;
  env.fetch = (url, init) => fetch(new URL(String(url), server.url('/')), init);
  const theirOnnx = env.backends.onnx;
  theirOnnx.wasm.wasmPaths = undefined;
  theirOnnx.wasm.wasmBinary = readFileSync(join(wasmDir, '@huggingface/transformers/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm'));
  theirOnnx.wasm.numThreads = 1;

  const json = (name) => JSON.parse(readFileSync(join(modelDir, name), 'utf8'));
  const ours = {};
  const stepRuns = [];
  const runOurs = async (backend, build, selectOnGpu, text = prompt, n = newTokens, captureGraph = true, ownSteps = true) => {
    const engine = (ours[`${backend}|${build}|${selectOnGpu}|${captureGraph}|${ownSteps}`] ??= await OrtDecoderEngine.load({
      ort: builds[build][0], modelId: 'tinystories-656k', backend, selectOnGpu, captureGraph, ownSteps, onStepRun: (ms) => stepRuns.push(ms),
      model: readFileSync(join(modelDir, 'model.onnx')),
      tokenizer: new TextTokenizer({ tokenizerJson: json('tokenizer.json'), tokenizerConfig: json('tokenizer_config.json') }),
      config: decoderConfigFrom(json('config.json'), json('generation_config.json')),
    }));
    stepRuns.length = 0;
    const started = performance.now();
    let first = 0;
    const stream = engine.generate({ id: 'bench', prompt: text, params: { maxTokens: n, temperature: 0, stopAtEos: false } });
    for (;;) {
      const next = await stream.next();
      if (next.done) {
        const ended = performance.now();
        const sorted = [...stepRuns].sort((a, b) => a - b);
        return { ttftMs: first - started, decodeTokS: (next.value.tokenIds.length - 1) / ((ended - first) / 1000), tokens: next.value.tokenIds,
          stepRunMs: sorted[sorted.length >> 1] };
      }
      if (!first) first = performance.now();
    }
  };
  const theirs = {};
  const runTheirs = async (backend) => {
    theirs[backend] ??= {
      tokenizer: await AutoTokenizer.from_pretrained('tinystories-656k'),
      model: await AutoModelForCausalLM.from_pretrained('tinystories-656k', { device: backend, dtype: 'fp32' }),
    };
    const { model, tokenizer } = theirs[backend];
    const started = performance.now();
    const times = [];
    const inputs = tokenizer(prompt);
    // put() is called once with the prompt, then once per new token.
    const streamer = { put: () => void times.push(performance.now()), end: () => {} };
    const output = await model.generate({ ...inputs, max_new_tokens: newTokens, do_sample: false, eos_token_id: null, streamer });
    const ended = performance.now();
    const all = output.tolist()[0].map(Number);
    const promptLength = Number(inputs.input_ids.dims.at(-1));
    const first = times[1];
    return { ttftMs: first - started, decodeTokS: (all.length - promptLength - 1) / ((ended - first) / 1000), tokens: all.slice(promptLength) };
  };
  const contestantsFor = (backend) => (backend === 'wasm'
    ? [{ label: 'ours (plain WASM build, our WebAssembly SIMD decode steps, shipped)', run: () => runOurs('wasm', 'plain', false) },
      { label: 'transformers.js', run: () => runTheirs('wasm') },
      { label: 'ours (plain WASM build, onnxruntime decode steps)', run: () => runOurs('wasm', 'plain', false, prompt, newTokens, true, false) },
      ...(available('jspi') ? [{ label: 'ours (JSPI build)', run: () => runOurs('wasm', 'jspi', false) }] : [])]
    : [{ label: `ours (${gpuName}, our WGSL decode steps, GPU token selection${gpuBuild === 'jspi' ? ', shipped' : ''})`, run: () => runOurs('webgpu', gpuBuild, true) },
      { label: 'transformers.js', run: () => runTheirs('webgpu') },
      { label: `ours (${gpuName}, onnxruntime decode steps, captured)`, run: () => runOurs('webgpu', gpuBuild, true, prompt, newTokens, true, false) },
      { label: `ours (${gpuName}, onnxruntime decode steps, not captured)`, run: () => runOurs('webgpu', gpuBuild, true, prompt, newTokens, false, false) },
      { label: `ours (${gpuName}, CPU token selection, not captured)`, run: () => runOurs('webgpu', gpuBuild, false, prompt, newTokens, false, false) },
      ...(gpuBuild === 'jspi' && available('asyncify')
        ? [{ label: 'ours (asyncify bundle, GPU token selection)', run: () => runOurs('webgpu', 'asyncify', true) }] : [])]);

  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const fmt = (value, digits = 1) => value.toFixed(digits);

  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    const info = adapter?.info;
    console.log(`Node ${process.version}, WebGPU via Dawn (npm webgpu); adapter: ${info
      ? [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' | ') : 'none'}`);
    console.log(`onnxruntime-web: ours ${ortAsyncify.env.versions.web}, transformers.js's ${theirOnnx.versions?.web ?? 'unknown'} (its browser build)`);
    console.log(`ours' builds here: ${Object.keys(builds).filter(available).join(', ')}; WebGPU rows use the ${gpuName}`);
    console.log(`prompt "${prompt}", greedy, ${newTokens} new tokens, EOS stopping off, 1 warm-up + ${runs} runs each, interleaved\n`);

    // Golden check: ours reproduces reference.json's greedy ids on each backend.
    const reference = existsSync(referencePath) ? JSON.parse(readFileSync(referencePath, 'utf8')) : undefined;
    let goldenOk = true;
    for (const backend of backends) {
      if (!reference) {
        console.log(`no ${referencePath}: golden check skipped`);
        break;
      }
      if (backend === 'webgpu' && !adapter) continue;
      const [build, select] = backend === 'wasm' ? ['plain', false] : [gpuBuild, true];
      const ok = [];
      for (const p of reference.prompts) ok.push(JSON.stringify((await runOurs(backend, build, select, p.prompt, reference.new_tokens)).tokens) === JSON.stringify(p.generated_ids));
      goldenOk &&= ok.every(Boolean);
      console.log(`${backend}: ours vs reference.json greedy ids (${reference.prompts.length} prompts × ${reference.new_tokens}): ${ok.every(Boolean) ? 'identical' : `DIFFERENT ${JSON.stringify(ok)}`}`);
      console.log(`${backend}: ${ours[`${backend}|${build}|${select}|true|true`]?.info.graph ?? 'engine info unavailable'}`);
    }

    const rows = [];
    for (const backend of backends) {
      if (backend === 'webgpu' && !adapter) {
        console.log('webgpu: no adapter, skipped');
        continue;
      }
      const contestants = contestantsFor(backend);
      const results = contestants.map(() => []);
      for (const c of contestants) await c.run();
      for (let i = 0; i < runs; i++) {
        for (const [j, c] of contestants.entries()) {
          const result = await c.run();
          results[j].push(result);
          process.stderr.write(`${backend} ${c.label} run ${i + 1}: TTFT ${fmt(result.ttftMs)} ms, ${fmt(result.decodeTokS)} tok/s\n`);
        }
      }
      const theirIndex = 1;
      const reference0 = JSON.stringify(results[theirIndex][0].tokens);
      const stat = (j, key) => median(results[j].map((r) => r[key]));
      for (const [j, c] of contestants.entries()) {
        if (j === theirIndex) continue;
        rows.push({
          backend, who: c.label, count: results[j][0].tokens.length,
          same: [...results[j], ...results[theirIndex]].every((r) => JSON.stringify(r.tokens) === reference0),
          ttft: [stat(j, 'ttftMs'), stat(theirIndex, 'ttftMs')],
          decode: [stat(j, 'decodeTokS'), stat(theirIndex, 'decodeTokS')],
          stepRun: stat(j, 'stepRunMs'),
        });
      }
    }
    console.log('\n| backend | engine | TTFT ms ours | TTFT ms transformers.js | TTFT ours/theirs | decode tok/s ours | decode tok/s transformers.js | decode ours/theirs | ours: a step\'s run() on the main thread, ms | same tokens |');
    console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const r of rows) {
      console.log(`| ${r.backend} | ${r.who} | ${fmt(r.ttft[0])} | ${fmt(r.ttft[1])} | ${fmt(r.ttft[0] / r.ttft[1], 2)}x | ${fmt(r.decode[0])} | ${fmt(r.decode[1])} | ${fmt(r.decode[0] / r.decode[1], 2)}x | ${fmt(r.stepRun, 2)} | ${r.same ? `yes (${r.count})` : 'NO'} |`);
    }
    console.log(`\nmedians of ${runs} runs; TTFT ours/theirs < 1 and decode ours/theirs > 1 favour ours; run() is the time a decode step's session run (graph replay included) holds the main thread`);
    if (rows.some((r) => !r.same) || !goldenOk) process.exitCode = 1;
  } finally {
    await server.close();
  }
  // dawn.node keeps the event loop alive.
  process.exit(process.exitCode ?? 0);
}

/**
 * `BENCH_CHECK=1`: instead of timing, the checks test/e2e/shaders.e2e.ts runs on SwiftShader, on this machine's GPU
 * (bench/gpu-checks.ts): the selection kernels vs their CPU twins exactly, the WGSL decode step vs its twin in both
 * thread layouts (greedy ids = reference.json), and the engine with GPU vs CPU token selection (and onnxruntime's
 * captured steps) giving the same tokens. Prints one line per check; exit code 1 if any failed.
 */
async function checkGpu(gpu, ort, modelDir, referencePath) {
  const { GpuTokenSelector } = await import('../shaders/gpu-selector.ts');
  const { kernelCheck, kernelCases, KERNEL_VOCABS, decodeCheck, engineCheck, ENGINE_REQUESTS, CAPTURED_FOR } = await import('../bench/gpu-checks.ts');
  const { OrtDecoderEngine } = await import('../workers/engines/ort-decoder.ts');
  const { decoderConfigFrom } = await import('../workers/engines/model-config.ts');
  const { TextTokenizer } = await import('../workers/engines/tokenizer.ts');
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('no WebGPU adapter');
  const info = adapter.info;
  console.log(`GPU checks on ${[info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' | ')}`);
  const device = await adapter.requestDevice();
  const failures = [];
  const report = (name, ok, detail = '') => {
    console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
    if (!ok) failures.push(name);
  };
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  const selector = new GpuTokenSelector(device);
  let seed = 1;
  for (const vocab of KERNEL_VOCABS) {
    const cases = kernelCases(vocab, seed);
    seed += cases.length;
    const results = await kernelCheck(selector, cases);
    const bad = results.map((r, i) => (same(r.gpu.argmax, r.cpu.argmax) && same(r.gpu.topK, r.cpu.topK) && r.gpu.topK.length === Math.min(cases[i].k, vocab) && r.rowMatches ? null : cases[i]))
      .filter(Boolean);
    report(`selection kernels, vocab ${vocab} (${cases.length} cases: argmax, top-k, penalty == twins exactly)`, bad.length === 0, bad.length ? JSON.stringify(bad) : '');
  }

  const model = new Uint8Array(readFileSync(join(modelDir, 'model.onnx')));
  const reference = JSON.parse(readFileSync(referencePath, 'utf8'));
  for (const layout of ['split', 'columns']) {
    for (const [i, p] of reference.prompts.entries()) {
      const r = await decodeCheck(device, model, p.input_ids, p.generated_ids.length, i === 0 ? 512 : 48, layout);
      const ok = same(r.tokens, p.generated_ids) && same(r.twinTokens, p.generated_ids) && r.worst / r.scale < 1e-5 && r.cacheWorst < 1e-4 && r.dispatches === 24;
      report(`WGSL decode step, ${layout} layout (auto here: ${r.autoLayout}), prompt ${i + 1}: logits and cache vs twin, greedy ids vs reference.json`, ok,
        `worst logit error ${(r.worst / r.scale).toExponential(1)} of scale, cache ${r.cacheWorst.toExponential(1)}`);
    }
  }

  const json = (name) => JSON.parse(readFileSync(join(modelDir, name), 'utf8'));
  const load = (variant) => OrtDecoderEngine.load({
    ort, modelId: 'tinystories-656k', backend: 'webgpu', model: model.slice(), selectOnGpu: variant !== 'cpu-select', captureGraph: true, ownSteps: variant !== 'captured',
    tokenizer: new TextTokenizer({ tokenizerJson: json('tokenizer.json'), tokenizerConfig: json('tokenizer_config.json') }),
    config: decoderConfigFrom(json('config.json'), json('generation_config.json')),
  });
  const results = await engineCheck(load, ENGINE_REQUESTS, CAPTURED_FOR);
  results.forEach((r, i) => {
    const ok = r.gpu.length > 0 && same(r.gpu, r.cpu) && (!CAPTURED_FOR.includes(i) || same(r.captured, r.cpu));
    report(`engine, request ${i + 1} ${JSON.stringify(ENGINE_REQUESTS[i].params)}: GPU selection${CAPTURED_FOR.includes(i) ? ', captured steps' : ''} == CPU selection`, ok,
      ok ? `${r.gpu.length} tokens` : `gpu ${JSON.stringify(r.gpu)} cpu ${JSON.stringify(r.cpu)}${r.captured ? ` captured ${JSON.stringify(r.captured)}` : ''}`);
  });
  report('engine paths really differ (penalty and sampling changed the output)', !same(results[1].gpu, results[0].gpu) && !same(results[2].gpu, results[0].gpu.slice(0, 64)));
  report('engine info names our WGSL kernels and the captured fallback', results[0].graph.includes('decode steps run on our WGSL kernels')
    && (results[0].capturedGraph ?? '').includes('decode steps replay a captured fixed-shape graph'), results[0].graph);
  console.log(failures.length ? `${failures.length} check(s) FAILED` : 'all GPU checks passed');
  if (failures.length) process.exitCode = 1;
}
