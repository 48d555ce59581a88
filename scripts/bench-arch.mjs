// npm run bench:arch — encoder-decoder vs decoder-only at matched size, through the real extension engines in Chromium:
// the bundled TinyStories-656K (decoder-only, OrtDecoderEngine) and its distilled student tinystories-encdec
// (670K, encoder-decoder, OrtSeq2SeqEngine), each request sent through the `generate` port of the built extension
// (background → offscreen host → model worker), as the features use them. Both share one tokenizer, so the prompts are
// the same token sequences: a story text cut to P tokens (BOS included). Greedy, 64 new tokens, EOS stopping off; per
// backend and prompt length one warm-up each, then RUNS runs interleaved enc-dec / dec-only. Prints median TTFT and decode
// tok/s per model and the ratios (enc-dec ÷ dec-only).
// Options (env): POCKET_DIST=dist  BENCH_BACKENDS=wasm,webgpu  BENCH_RUNS=5  BENCH_PROMPTS=32,128,512  BENCH_TOKENS=64
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { chromiumArgs, chromiumPath } from './lib/chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const dist = resolve(root, process.env.POCKET_DIST ?? 'dist');
const backends = (process.env.BENCH_BACKENDS ?? 'wasm,webgpu').split(',').map((b) => b.trim()).filter(Boolean);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const promptLengths = (process.env.BENCH_PROMPTS ?? '32,128,512').split(',').map(Number);
const newTokens = Number(process.env.BENCH_TOKENS ?? 64);
const MODELS = { 'enc-dec': 'tinystories-encdec', 'dec-only': 'tinystories-656k' };
if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`${dist} has no build: run \`npx vite build\` first (POCKET_DIST picks the folder)`);

const bundle = join(root, 'models/bundled/tinystories-656k');
const tokenizer = new Tokenizer(JSON.parse(readFileSync(join(bundle, 'tokenizer.json'), 'utf8')),
  JSON.parse(readFileSync(join(bundle, 'tokenizer_config.json'), 'utf8')));
const story = JSON.parse(readFileSync(join(root, 'test/fixtures/encdec-student/reference.json'), 'utf8')).cases
  .map((c) => c.text).join(' ');
const source = Array.from({ length: 40 }, () => story).join(' ');
const promptOf = (n) => {
  const ids = tokenizer.encode(source, { add_special_tokens: false }).ids.slice(0, n - 1);
  return tokenizer.decode(ids, { skip_special_tokens: true });
};
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const profile = mkdtempSync(join(tmpdir(), 'pocket-bench-arch-'));
const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, args: chromiumArgs([dist]) });
try {
  const isBackground = (w) => w.url().endsWith('/background.js');
  const worker = context.serviceWorkers().find(isBackground) ?? await context.waitForEvent('serviceworker', { predicate: isBackground });
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/popup/index.html`);
  const adapter = await page.evaluate(async () => {
    const a = await navigator.gpu?.requestAdapter();
    return a ? `${a.info.vendor} ${a.info.architecture} ${a.info.description}`.trim() : 'none';
  });
  console.log(`Chromium ${context.browser()?.version() ?? ''}; WebGPU adapter: ${adapter}`);
  console.log(`greedy, ${newTokens} new tokens, EOS stopping off, 1 warm-up + ${runs} runs per model, interleaved\n`);
  const generate = (model, backend, prompt) => page.evaluate((req) => new Promise((done, fail) => {
    // Runs in the extension's popup page (not in Node): the generate port, as the features use it.
    // eslint-disable-next-line no-restricted-globals
    const port = chrome.runtime.connect({ name: 'generate' });
    port.onMessage.addListener((frame) => {
      if (frame.type === 'end') done(frame.payload.stats);
      else if (frame.type === 'error') fail(new Error(JSON.stringify(frame.error)));
    });
    port.postMessage({ kind: 'generate', id: crypto.randomUUID(), payload: req });
  }), { model, backend, prompt, params: { maxTokens: newTokens, temperature: 0, stopAtEos: false } });

  const rows = [];
  for (const backend of backends) {
    if (backend === 'webgpu' && adapter === 'none') {
      console.log('webgpu: no adapter, skipped');
      continue;
    }
    for (const length of promptLengths) {
      const prompt = promptOf(length);
      const results = { 'enc-dec': [], 'dec-only': [] };
      for (const [, model] of Object.entries(MODELS)) await generate(model, backend, prompt);
      for (let i = 0; i < runs; i++) {
        for (const [arch, model] of Object.entries(MODELS)) results[arch].push(await generate(model, backend, prompt));
      }
      const stat = (arch, key) => median(results[arch].map((r) => r[key]));
      const row = { backend, promptTokens: length };
      for (const arch of Object.keys(MODELS)) {
        row[arch] = { ttftMs: stat(arch, 'ttftMs'), decodeTokS: stat(arch, 'decodeTokS'), tokensIn: results[arch][0].tokensIn,
          dropped: results[arch][0].promptTokensDropped };
      }
      row.ttftRatio = row['enc-dec'].ttftMs / row['dec-only'].ttftMs;
      row.decodeRatio = row['enc-dec'].decodeTokS / row['dec-only'].decodeTokS;
      rows.push(row);
      process.stderr.write(`${backend} ${length}: ${JSON.stringify(row)}\n`);
    }
  }
  console.log('| backend | prompt tokens | TTFT enc-dec (ms) | TTFT dec-only (ms) | TTFT ratio | decode enc-dec (tok/s) | decode dec-only (tok/s) | decode ratio |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const e = r['enc-dec'];
    const d = r['dec-only'];
    const note = d.dropped ? ` (dec-only dropped ${d.dropped})` : '';
    console.log(`| ${r.backend} | ${r.promptTokens}${note} | ${e.ttftMs.toFixed(1)} | ${d.ttftMs.toFixed(1)} | ${r.ttftRatio.toFixed(2)}x | `
      + `${e.decodeTokS.toFixed(0)} | ${d.decodeTokS.toFixed(0)} | ${r.decodeRatio.toFixed(2)}x |`);
  }
  console.log('\nPaper ("Return of the Encoder"): enc-dec TTFT −47% (0.53x) and 4.7x throughput at ≤ 1B parameters. Goal here: TTFT ratio ≤ 0.53 at 512 prompt tokens.');
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
