// npm run bench:automation — automation through the real extension, headless in Chromium, with a scripted (replay)
// model on our fixture apps (test/fixtures/apps/bench/tasks.json, answers in bench/replay.json). For each task:
//   1. fresh run: one model call writes the script (plus repairs), the host runs it on the page;
//   2. replay: the same script saved-and-replayed on a freshly loaded page, 0 model calls;
//   3. step-wise baseline (features/automate/stepwise.ts): one model call per action, the page document every call;
//   4. (--real-model ID, default the bundled script writer; --real-model none skips it) a fresh run whose one call goes
//      to that real model on WASM, no repairs: what a fresh run costs when a model really writes the script (the
//      scripted model answers at once, so fresh vs replay with it shows only the run's own overhead).
// Runs go through `automate.start` in the model host, as the side panel's do; times are the host's own
// (start → finished; "model" is the part spent waiting for the engine). Tokens are counted with a real tokenizer through `tokens.count` (--tokenizer, default the bundled
// TinyStories-656K: a 2,048-entry BPE, so counts run higher than a 32k-vocabulary model's; the ratio is the goal) over every prompt the engine got and every answer it gave. Confirmations are
// answered yes by the script. Prints a table and writes .cache/bench-automation-*.json.
// Options: --no-build --tokenizer ID --tasks FILE --replay FILE --repeats 3 --real-model ID|none (timings: median of repeats)
// DUMP_PROMPTS=DIR writes the prompts each task's counted run sent (DIR/<task>-<mode>.json).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildExtension, launchBuiltExtension, root } from './lib/extension.mjs';
import { serveStatic } from './lib/static-server.mjs';

const { values: opts } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false }, tokenizer: { type: 'string', default: 'tinystories-656k' },
    tasks: { type: 'string', default: join(root, 'test/fixtures/apps/bench/tasks.json') },
    replay: { type: 'string', default: join(root, 'test/fixtures/apps/bench/replay.json') },
    repeats: { type: 'string', default: '3' },
    'real-model': { type: 'string', default: 'scriptwriter-encdec' },
  },
});
const fail = (message) => { console.error(message); process.exit(2); };
const repeats = Number(opts.repeats);
if (!Number.isInteger(repeats) || repeats < 1) fail('--repeats must be a positive integer');
const tasks = JSON.parse(readFileSync(resolve(opts.tasks), 'utf8'));
const MODEL = 'bench-automation-replay';
const REAL = opts['real-model'] === 'none' ? undefined : opts['real-model'];
const MODES = ['fresh', 'replay', 'stepwise', ...(REAL ? ['real'] : [])];

let dist;
try {
  dist = buildExtension({ build: !opts['no-build'] });
} catch (error) {
  fail(error.message);
}
const pages = await serveStatic({ '/demo/': join(root, 'demo'), '/apps/': join(root, 'test/fixtures/apps') });
const run = await launchBuiltExtension(dist, 'pocket-bench-automation-');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const { call } = run;
let opened = 0;

/** A fresh tab on the task's page; its tab id from the extension's view. */
async function openTask(task) {
  const page = await run.context.newPage();
  const url = `${pages.url(task.path)}?bench=${++opened}`;
  await page.goto(url);
  await page.waitForLoadState('load');
  const tabId = await run.tabIdOf(url);
  if (typeof tabId !== 'number') throw new Error(`no tab for ${url}`);
  return { page, tabId };
}

async function passes(page, check) {
  const target = page.locator(check.selector);
  if (check.count !== undefined) return (await target.count()) === check.count;
  return (await target.first().innerText()).trim() === check.text;
}

const follow = (start) => run.followRun(start);

/** The values `task` gives the holes of `template` (the task as saved: "… password {{password}}, …"). */
function valuesIn(template, task) {
  const names = [];
  const pattern = template.split(/(\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\})/).map((part, i) => {
    if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    names.push(part.replace(/[{}\s]/g, ''));
    return '(.+?)';
  }).join('');
  const match = new RegExp(`^${pattern}$`, 's').exec(task);
  if (!match) throw new Error(`the task as saved does not fit the task: ${template}`);
  return Object.fromEntries(names.map((name, i) => [name, match[i + 1]]));
}

async function countTokens(texts) {
  let n = 0;
  for (const text of texts) n += (await call('tokens.count', { model: opts.tokenizer, text })).tokens;
  return n;
}

const results = [];
try {
  await run.addReplayModel(MODEL, opts.replay);
  await call('tokens.count', { model: opts.tokenizer, text: 'warm up' });
  for (const task of tasks) {
    const row = { id: task.id, app: task.app, task: task.task, fresh: [], replay: [], stepwise: [], real: [] };
    for (let r = 0; r < repeats; r++) {
      for (const mode of MODES) {
        const { page, tabId } = await openTask(task);
        const start = { tabId, task: task.task, model: MODEL, keepPrompts: true };
        if (mode === 'stepwise') start.mode = 'stepwise';
        if (mode === 'real') Object.assign(start, { model: REAL, maxRepairs: 0, backend: 'wasm' });
        if (mode === 'replay') {
          const saved = row.fresh.at(-1);
          if (!saved?.script) throw new Error(`${task.id}: no script from the fresh run to replay`);
          // Its holes (a password the save took out of the script) get the values the user gives, read off the task
          // as the save kept it; the task's values are given again, as a saved script's parameters are.
          const params = valuesIn(saved.savedTask ?? task.task, task.task);
          Object.assign(start, { known: { plan: 'saved', elements: [], script: saved.script }, params, maxRepairs: 0, userValues: [task.task] });
        }
        const state = await follow(start);
        const report = state.report;
        const ok = state.status === 'done' && await passes(page, task.check);
        const entry = {
          ok, status: state.status, ms: state.finishedAt - state.startedAt, generateMs: state.generateMs, modelCalls: report?.modelCalls ?? 0,
          summary: report?.summary ?? state.error?.message ?? '',
          script: report?.savedScript,
          savedTask: report?.savedTask,
          // Where a run's time goes: each call's start after the run's and its duration, ms.
          timeline: state.log.map((e) => `${e.call} +${Math.round(e.at - state.startedAt)} ${Math.round(e.ms)}`),
        };
        // What a real model wrote, kept in the JSON so its failures can be read.
        if (mode === 'real') entry.raw = (report?.attempts ?? []).map((a) => a.raw ?? '').join('\n---\n').slice(0, 4000);
        if (r === 0 && mode !== 'real') {
          entry.tokensIn = await countTokens(report?.prompts ?? []);
          if (process.env.DUMP_PROMPTS) writeFileSync(`${process.env.DUMP_PROMPTS}/${task.id}-${mode}.json`, JSON.stringify(report?.prompts ?? [], null, 1));
          entry.tokensOut = await countTokens((report?.attempts ?? []).filter((a) => a.raw && (mode !== 'replay')).map((a) => a.raw));
          if (mode === 'replay') entry.tokensOut = 0;
        }
        row[mode].push(entry);
        await page.close();
        process.stderr.write(`${task.id} ${mode} #${r + 1}: ${ok ? 'ok' : `FAILED (${entry.status}: ${entry.summary})`} ${entry.ms} ms, ${entry.modelCalls} calls\n`);
      }
    }
    results.push(row);
  }
} finally {
  await run.close();
  await pages.close();
}

const rate = (mode) => `${results.reduce((n, r) => n + r[mode].filter((e) => e.ok).length, 0)}/${results.length * repeats}`;
console.log(`| task | app | script: calls · tokens in/out | step-wise: calls · tokens in/out | token ratio | fresh ms (model) | replay ms | speed-up |`);
console.log(`| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |`);
let scriptTotal = 0, stepTotal = 0, freshTotal = 0, replayTotal = 0, modelTotal = 0;
for (const r of results) {
  const f = r.fresh[0], s = r.stepwise[0];
  const fresh = median(r.fresh.map((e) => e.ms)), replay = median(r.replay.map((e) => e.ms)), model = median(r.fresh.map((e) => e.generateMs));
  scriptTotal += f.tokensIn + f.tokensOut;
  stepTotal += s.tokensIn + s.tokensOut;
  freshTotal += fresh;
  replayTotal += replay;
  modelTotal += model;
  console.log(`| ${r.id} | ${r.app} | ${f.modelCalls} · ${f.tokensIn}/${f.tokensOut} | ${s.modelCalls} · ${s.tokensIn}/${s.tokensOut} | ${((s.tokensIn + s.tokensOut) / (f.tokensIn + f.tokensOut)).toFixed(2)}x | ${fresh} (${model}) | ${replay} | ${(fresh / replay).toFixed(2)}x |`);
}
console.log(`| all | | ${scriptTotal} tokens | ${stepTotal} tokens | ${(stepTotal / scriptTotal).toFixed(2)}x | ${freshTotal} (${modelTotal}) | ${replayTotal} | ${(freshTotal / replayTotal).toFixed(2)}x |`);
if (REAL) {
  console.log(`\nfresh run with a real model (${REAL}, WASM, one call, no repairs) vs replay of the saved script:`);
  console.log('| task | real fresh ms (model) | its run succeeded | replay ms | speed-up |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  let realTotal = 0, realModel = 0, replaySum = 0;
  for (const r of results) {
    const fresh = median(r.real.map((e) => e.ms)), model = median(r.real.map((e) => e.generateMs)), replay = median(r.replay.map((e) => e.ms));
    realTotal += fresh; realModel += model; replaySum += replay;
    console.log(`| ${r.id} | ${fresh} (${model}) | ${r.real.filter((e) => e.ok).length}/${r.real.length} | ${replay} | ${(fresh / replay).toFixed(2)}x |`);
  }
  console.log(`| all | ${realTotal} (${realModel}) | ${rate('real')} | ${replaySum} | ${(realTotal / replaySum).toFixed(2)}x |`);
}
console.log(`success: fresh ${rate('fresh')} · replay ${rate('replay')} (0 model calls: ${results.every((r) => r.replay.every((e) => e.modelCalls === 0))}) · step-wise ${rate('stepwise')}`);
console.log(`tokens counted with ${opts.tokenizer}'s tokenizer; times are the model host's (start → finished), median of ${repeats}; model: replay (canned answers)`);
mkdirSync(join(root, '.cache'), { recursive: true });
const out = join(root, '.cache', `bench-automation-${Date.now()}.json`);
writeFileSync(out, JSON.stringify({ tokenizer: opts.tokenizer, repeats, results }, null, 2));
console.log(`details: ${out}`);
