// npm run eval:math -- --suite gsm8k|svamp|gsm-hard --n 100 --method cot|pot|sc --k 5 --model ID --repeats 3
// Drives the real extension headless in Chromium (a copy of the build with the 127.0.0.1 grant, as the e2e harness
// does): the popup's Math tab, one problem at a time — fill, pick method and model, set the seed, Solve, read the
// answer the panel shows (`[data-testid=math-answer]` data-value). Scored with the extension's own rule
// (extension/features/math/same-answer.js, plain JS so Node 20 imports it). Repeat r uses seed `--seed + r` (greedy methods give the same text for
// every seed, so their std is 0; self-consistency samples differ). Prints accuracy mean ± std over repeats and writes
// every item's result to .cache/eval-math-*.json.
// Other options: --max-tokens 256 --shots 4 --temperature 0.7 --seed 1 --no-build --data ../shared/data
//   --replay FILE: serve a replay.json on 127.0.0.1 and add it as model `--model` (default eval-replay) first.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildExtension, launchBuiltExtension, root } from './lib/extension.mjs';
import { sameAnswer } from '../extension/features/math/same-answer.js';

const { values: opts } = parseArgs({
  options: {
    suite: { type: 'string', default: 'gsm8k' }, n: { type: 'string', default: '100' }, method: { type: 'string', default: 'cot' },
    k: { type: 'string', default: '5' }, model: { type: 'string' }, repeats: { type: 'string', default: '3' },
    'max-tokens': { type: 'string', default: '256' }, shots: { type: 'string', default: '4' }, temperature: { type: 'string', default: '0.7' },
    seed: { type: 'string', default: '1' }, 'no-build': { type: 'boolean', default: false },
    data: { type: 'string', default: resolve(root, '../shared/data') }, replay: { type: 'string' },
  },
});
const SUITE_FILES = { gsm8k: 'gsm8k/test.jsonl', svamp: 'svamp/svamp.jsonl', 'gsm-hard': 'gsm-hard/gsmhardv2.jsonl' };
const fail = (message) => { console.error(message); process.exit(2); };
const suite = opts.suite;
if (!(suite in SUITE_FILES)) fail(`--suite must be one of ${Object.keys(SUITE_FILES).join(', ')}`);
if (!['cot', 'pot', 'sc'].includes(opts.method)) fail('--method must be cot, pot or sc');
const int = (name, min) => {
  const value = Number(opts[name]);
  if (!Number.isInteger(value) || value < min) fail(`--${name} must be an integer >= ${min}`);
  return value;
};
const n = int('n', 1), k = int('k', 2), repeats = int('repeats', 1), maxTokens = int('max-tokens', 8), shots = int('shots', 0), seed0 = int('seed', 0);
const model = opts.model ?? (opts.replay ? 'eval-replay' : 'tinystories-656k');

// ---- ported from extension/features/math/eval.ts and compare.ts ----
function goldNumber(raw) {
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.replace(/,/g, '').trim()) : Number.NaN;
  return Number.isFinite(value) ? value : null;
}
function parseSuite(name, jsonl) {
  const items = [];
  let skipped = 0;
  jsonl.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const record = JSON.parse(line);
    let question, gold;
    if (name === 'gsm8k') {
      question = record.question;
      gold = goldNumber(/####\s*(.+)\s*$/.exec(String(record.answer ?? ''))?.[1]);
    } else if (name === 'svamp') {
      question = `${String(record.Body ?? '').trim()} ${String(record.Question ?? '').trim()}`;
      gold = goldNumber(record.Answer);
    } else {
      question = record.input;
      gold = goldNumber(record.target);
    }
    if (typeof question !== 'string' || !question.trim() || gold === null) return void skipped++;
    items.push({ id: name === 'svamp' && typeof record.ID === 'string' ? record.ID : `${name}-${index}`, question, gold });
  });
  return { items, skipped };
}
function accuracy(perRepeatCorrect) {
  const perRepeat = perRepeatCorrect.map((r) => (r.length ? r.filter(Boolean).length / r.length : 0));
  const mean = perRepeat.reduce((a, b) => a + b, 0) / perRepeat.length;
  const variance = perRepeat.length > 1 ? perRepeat.reduce((a, b) => a + (b - mean) ** 2, 0) / (perRepeat.length - 1) : 0;
  return { perRepeat, mean, std: Math.sqrt(variance) };
}
// ----

const { items: all, skipped } = parseSuite(suite, readFileSync(join(opts.data, SUITE_FILES[suite]), 'utf8'));
const items = all.slice(0, n);
if (skipped) console.error(`${suite}: ${skipped} lines without a numeric gold answer skipped`);

let dist;
try {
  dist = buildExtension({ build: !opts['no-build'] });
} catch (error) {
  fail(error.message);
}
const run = await launchBuiltExtension(dist, 'pocket-eval-');
const { popup } = run;
try {
  if (opts.replay) await run.addReplayModel(model, opts.replay);

  await popup.getByRole('tab', { name: 'Math' }).click();
  const modelSelect = popup.locator('#math-model');
  await modelSelect.waitFor();
  const offered = await modelSelect.locator('option').evaluateAll((options) => options.map((o) => o.value));
  if (!offered.includes(model)) fail(`model "${model}" is not offered by the Math tab (installed: ${offered.join(', ')})`);
  await modelSelect.selectOption(model);
  await popup.locator('#math-method').selectOption(opts.method === 'pot' ? 'pot' : 'cot');
  await popup.getByLabel('Self-consistency (vote)').setChecked(opts.method === 'sc');
  if (opts.method === 'sc') {
    await popup.getByLabel('Samples (k)').fill(String(k));
    await popup.getByLabel('Sampling temperature').fill(opts.temperature);
  }
  await popup.getByLabel('Verify with the other method').setChecked(false);
  await popup.getByLabel('Examples (shots)').fill(String(shots));
  await popup.getByLabel('Max tokens per answer').fill(String(maxTokens));
  // Counts every finished run: the result's status leaving "running" (or a result added already finished), so a
  // previous answer is never read as the new one, however fast a run is.
  await popup.evaluate(() => {
    const w = globalThis;
    w.__evalRuns = 0;
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes' && r.oldValue === 'running' && r.target.getAttribute('data-testid') === 'math-result') w.__evalRuns++;
        for (const added of r.addedNodes ?? []) {
          const found = added.matches?.('[data-testid=math-result]') ? added : added.querySelector?.('[data-testid=math-result]');
          if (found && found.getAttribute('data-status') !== 'running') w.__evalRuns++;
        }
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-status'] });
  });

  const started = Date.now();
  const results = [];
  const correctByRepeat = [];
  for (let r = 0; r < repeats; r++) {
    const seed = seed0 + r;
    await popup.getByLabel('Seed').fill(String(seed));
    const correct = [];
    for (const [i, item] of items.entries()) {
      await popup.getByLabel('Problem', { exact: true }).fill(item.question);
      const before = await popup.evaluate(() => globalThis.__evalRuns);
      const t0 = Date.now();
      await popup.getByRole('button', { name: 'Solve' }).click();
      await popup.waitForFunction((count) => globalThis.__evalRuns > count
        && document.querySelector('[data-testid=math-result]')?.getAttribute('data-status') !== 'running', before, { timeout: 600_000, polling: 50 });
      const raw = await popup.getByTestId('math-answer').getAttribute('data-value');
      const predicted = raw === null || raw === '' ? null : Number(raw);
      const ok = sameAnswer(predicted, item.gold);
      correct.push(ok);
      results.push({
        repeat: r, seed, id: item.id, question: item.question, gold: item.gold, predicted, correct: ok,
        shown: await popup.getByTestId('math-answer').innerText(),
        status: await popup.getByTestId('math-result').getAttribute('data-status'),
        message: (await popup.getByTestId('math-message').count()) ? await popup.getByTestId('math-message').innerText() : null,
        ms: Date.now() - t0,
      });
      process.stderr.write(`repeat ${r + 1}/${repeats} item ${i + 1}/${items.length} ${item.id}: gold ${item.gold}, got ${predicted ?? 'no answer'} ${ok ? '✓' : '✗'} (${Date.now() - t0} ms)\n`);
    }
    correctByRepeat.push(correct);
  }
  const acc = accuracy(correctByRepeat);
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  console.log(`suite ${suite} · n ${items.length} · method ${opts.method}${opts.method === 'sc' ? ` (k ${k}, T ${opts.temperature})` : ''} · model ${model} · repeats ${repeats} (seeds ${seed0}..${seed0 + repeats - 1}) · max tokens ${maxTokens} · shots ${shots}`);
  console.log(`per repeat: ${acc.perRepeat.map(pct).join(', ')}`);
  console.log(`accuracy: ${pct(acc.mean)} ± ${pct(acc.std)} (mean ± sample std over repeats)`);
  console.log(`answered (a number): ${results.filter((x) => x.predicted !== null).length}/${results.length} · wall ${((Date.now() - started) / 1000).toFixed(1)} s`);
  mkdirSync(join(root, '.cache'), { recursive: true });
  const out = join(root, '.cache', `eval-math-${suite}-${opts.method}-${model}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(out, JSON.stringify({
    suite, n: items.length, method: opts.method, k, model, repeats, seeds: correctByRepeat.map((_, r) => seed0 + r), maxTokens, shots,
    accuracy: acc, items: results,
  }, null, 2));
  console.log(`per-item results: ${out}`);
} finally {
  await run.close();
}
