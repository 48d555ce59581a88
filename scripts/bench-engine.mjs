// npm run bench:engine — our OrtDecoderEngine vs @huggingface/transformers on the bundled TinyStories-656K ONNX,
// in Chromium on a plain http://127.0.0.1 page (bench/engine.html), offline. Same prompt, greedy, EOS stopping off,
// N new tokens; per backend one warm-up run each (not counted), then RUNS runs each, interleaved ours/theirs.
// Ours runs on the onnxruntime-web builds the model worker ships (workers/ort-builds.ts: plain WASM for WASM, JSPI for
// WebGPU, with the engine's graph fusion) and, as labelled extra rows, variants: the graph as exported (+unfused), JSPI on
// WASM, CPU token selection on WebGPU (+cpu-select), decode steps on onnxruntime instead of our own kernels (+ort-steps;
// on WebGPU a captured graph replayed), and on WebGPU those without graph capture (+ort-steps+uncaptured).
// Options (env): BENCH_BACKENDS=wasm,webgpu  BENCH_RUNS=5  BENCH_TOKENS=128  BENCH_PROMPT="Once upon a time"
//   BENCH_VARIANTS=1 (0: only the shipped build)
import { resolve } from 'node:path';
import { openBenchPage } from '../bench/build.mjs';

const root = resolve(import.meta.dirname, '..');
const backends = (process.env.BENCH_BACKENDS ?? 'wasm,webgpu').split(',').map((b) => b.trim()).filter(Boolean);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const newTokens = Number(process.env.BENCH_TOKENS ?? 128);
const prompt = process.env.BENCH_PROMPT ?? 'Once upon a time';
const variants = process.env.BENCH_VARIANTS !== '0';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (value, digits = 1) => value.toFixed(digits);

const { page, close } = await openBenchPage('/engine.html', root);
try {
  const info = await page.evaluate(async () => {
    const adapter = await navigator.gpu?.requestAdapter();
    return { ua: navigator.userAgent, adapter: adapter ? `${adapter.info.vendor} ${adapter.info.architecture} ${adapter.info.description}`.trim() : 'none',
      versions: globalThis.pocketBench.versions() };
  });
  console.log(`Chromium: ${info.ua}\nWebGPU adapter: ${info.adapter}`);
  console.log(`onnxruntime-web: ours ${info.versions.ours}, transformers.js's ${info.versions.theirs}`);
  console.log(`prompt "${prompt}", greedy, ${newTokens} new tokens, EOS stopping off, 1 warm-up + ${runs} runs each, interleaved\n`);

  const run = (who, backend) => page.evaluate(([w, b, p, n]) => {
    const [fn, build] = w.split(':');
    return globalThis.pocketBench[fn](b, p, n, build);
  }, [who, backend, prompt, newTokens]);
  const label = (who, backend) => (who === 'runTheirs' ? 'transformers.js'
    : `ours (${who.split(':')[1]}${who === (backend === 'wasm' ? 'runOurs:plain' : 'runOurs:jspi') ? ', shipped' : ''})`);
  const rows = [];
  for (const backend of backends) {
    if (backend === 'webgpu' && info.adapter === 'none') {
      console.log('webgpu: no adapter, skipped');
      continue;
    }
    const extra = process.env.BENCH_EXTRA ? process.env.BENCH_EXTRA.split(',').map((b) => `runOurs:${b}`)
      : !variants ? [] : backend === 'wasm' ? ['runOurs:plain+ort-steps', 'runOurs:plain+unfused', 'runOurs:jspi'] : ['runOurs:jspi+ort-steps', 'runOurs:jspi+ort-steps+uncaptured', 'runOurs:jspi+unfused', 'runOurs:jspi+cpu-select+uncaptured'];
    // What the model worker ships (workers/ort-builds.ts): the plain WASM build for WASM, JSPI for WebGPU.
    const shipped = backend === 'wasm' ? 'runOurs:plain' : 'runOurs:jspi';
    const contestants = [shipped, 'runTheirs', ...extra];
    const results = Object.fromEntries(contestants.map((who) => [who, []]));
    for (const who of contestants) await run(who, backend);
    for (let i = 0; i < runs; i++) {
      for (const who of contestants) {
        const result = await run(who, backend);
        results[who].push(result);
        process.stderr.write(`${backend} ${label(who, backend)} run ${i + 1}: TTFT ${fmt(result.ttftMs)} ms, ${fmt(result.decodeTokS)} tok/s${result.graph ? ` (graph ${result.graph})` : ''}\n`);
      }
    }
    const reference = JSON.stringify(results.runTheirs[0].tokens);
    const stat = (who, key) => median(results[who].map((r) => r[key]));
    for (const who of contestants.filter((w) => w !== 'runTheirs')) {
      rows.push({
        backend, who: label(who, backend), count: results[who][0].tokens.length,
        same: [...results[who], ...results.runTheirs].every((r) => JSON.stringify(r.tokens) === reference),
        ttft: [stat(who, 'ttftMs'), stat('runTheirs', 'ttftMs')],
        decode: [stat(who, 'decodeTokS'), stat('runTheirs', 'decodeTokS')],
        // Each round runs every contestant back to back, so a round's ratio cancels the machine's drift between rounds.
        paired: median(results[who].map((r, i) => r.decodeTokS / results.runTheirs[i].decodeTokS)),
        stepRun: stat(who, 'stepRunMs'),
      });
    }
  }
  console.log('\n| backend | engine | TTFT ms ours | TTFT ms transformers.js | TTFT ours/theirs | decode tok/s ours | decode tok/s transformers.js | decode ours/theirs | per-round decode ratio | ours: a step\'s run() on the page thread, ms | same tokens |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) {
    console.log(`| ${r.backend} | ${r.who} | ${fmt(r.ttft[0])} | ${fmt(r.ttft[1])} | ${fmt(r.ttft[0] / r.ttft[1], 2)}x | ${fmt(r.decode[0])} | ${fmt(r.decode[1])} | ${fmt(r.decode[0] / r.decode[1], 2)}x | ${fmt(r.paired, 2)}x | ${fmt(r.stepRun, 2)} | ${r.same ? `yes (${r.count})` : 'NO'} |`);
  }
  console.log(`\nmedians of ${runs} runs (per-round ratio: the median of each round's ours/theirs); TTFT ours/theirs < 1 and decode ours/theirs > 1 favour ours; ` +
    "run() is the time a decode step's session run (graph replay included) keeps the page's thread, before the GPU has finished it");
  if (rows.some((r) => !r.same)) process.exitCode = 1;
} finally {
  await close();
}
