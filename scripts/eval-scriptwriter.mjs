// npm run eval:scriptwriter — the bundled script writer (issue 11) on held-out synthetic pages, through the real
// extension in headless Chromium: each test page (layouts and labels never trained on) is served as a real page,
// the side panel's run path (`automate.start` in the model host) asks the model for the script and runs it on the
// page, and the page's end state judges the task (models/training/scriptwriter/judge.ts). Modes: with and without
// name-constrained decoding. Prints success, exact-script, NotFound and Syntax rates, tokens and time per task, and
// writes .cache/eval-scriptwriter.json (every task with its script and outcome).
// Options: --pages 40 --first-seed 2000001 --split test --model scriptwriter-encdec[,scriptwriter-deconly]
//          --modes constrained,names,free (constrained: names + syntax + literals + the task-word name prior;
//          constrained-noprior: the same without the prior; names: names only) --name-prior W (the prior's weight)
//          --backend wasm|webgpu|auto --chrome (pages with header/toolbar/footer chrome)
//          --extras (pages with what real apps add: current link, disabled bulk button, regions, row checkboxes)
//          --candidate DIR (another exported script writer, added by URL as model scriptwriter-candidate)
//          --repairs N (retries: for a script writer, new sampled draws; default 0 = one greedy call)
//          --deconly DIR (the decoder-only comparison model's
//          export, added by URL as model scriptwriter-deconly) --demo (also the demo-app task set) --no-build
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildExtension, launchBuiltExtension, root } from './lib/extension.mjs';
import { serveStatic } from './lib/static-server.mjs';
import { buildHarness } from '../models/training/scriptwriter/make-corpus.mjs';

const { values: opts } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false }, pages: { type: 'string', default: '40' },
    'first-seed': { type: 'string', default: '2000001' }, split: { type: 'string', default: 'test' }, 'name-prior': { type: 'string' }, 'order-prior': { type: 'string' },
    model: { type: 'string', default: 'scriptwriter-encdec' }, modes: { type: 'string', default: 'constrained,free' },
    backend: { type: 'string', default: 'wasm' }, deconly: { type: 'string', default: join(root, '.cache/scriptwriter/deconly-export') },
    candidate: { type: 'string' },
    demo: { type: 'boolean', default: false }, chrome: { type: 'boolean', default: false }, extras: { type: 'boolean', default: false },
    repairs: { type: 'string', default: '0' },
  },
});
const models = opts.model.split(',');
const modes = opts.modes.split(',');
const dist = buildExtension({ build: !opts['no-build'] });
const site = join(root, '.cache/scriptwriter-eval-site');
await buildHarness(site);
const pages = await serveStatic({ '/sw/': site });
// Each of our apps on its own origin, so the site document of one never offers its names to another.
const appServers = new Map();
const appServer = async (path) => {
  if (!appServers.has(path)) appServers.set(path, await serveStatic({ '/demo/': join(root, 'demo'), '/apps/': join(root, 'test/fixtures/apps') }));
  return appServers.get(path);
};
const run = await launchBuiltExtension(dist, 'pocket-eval-scriptwriter-');
if (models.includes('scriptwriter-candidate')) {
  if (!opts.candidate) throw new Error('--model scriptwriter-candidate needs --candidate DIR (an exported script writer)');
  await run.addLocalModel('scriptwriter-candidate', 'Script writer candidate', opts.candidate, { role: 'scriptwriter' });
}
if (models.includes('scriptwriter-deconly')) {
  await run.addLocalModel('scriptwriter-deconly', 'Script writer, decoder-only (comparison)', opts.deconly, { role: 'scriptwriter' });
}
const follow = (start) => run.followRun(start, { answer: '' });

const demoRows = [];
const normalize = (script) => (script ?? '').replace(/\s+/g, ' ').trim();
const rows = [];
try {
  const page = await run.context.newPage();
  const first = Number(opts['first-seed']);
  let tabId;
  for (let p = 0; p < Number(opts.pages); p++) {
    const url = pages.url(`/sw/eval.html?split=${opts.split}&seed=${first + p}${opts.chrome ? '&chrome=1' : ''}${opts.extras ? '&extras=1' : ''}`);
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
    tabId ??= await run.tabIdOf(url);
    const info = await page.evaluate(() => ({ template: window.scriptwriterEval.template, tasks: window.scriptwriterEval.tasks }));
    for (const [index, task] of info.tasks.entries()) {
      for (const model of models) {
        for (const mode of modes) {
          await page.reload();
          await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
          const started = Date.now();
          const prior = mode === 'constrained-noprior' ? { namePrior: 0, orderPrior: 0 } : {
            ...(opts['name-prior'] !== undefined ? { namePrior: Number(opts['name-prior']) } : {}),
            ...(opts['order-prior'] !== undefined ? { orderPrior: Number(opts['order-prior']) } : {}),
          };
          const state = await follow({ tabId, task: task.task, model, maxRepairs: Number(opts.repairs), constrainNames: mode !== 'free', constrainScript: mode.startsWith('constrained'), backend: opts.backend, keepPrompts: true, ...prior });
          const ms = Date.now() - started;
          const attempt = state.report?.attempts?.[0];
          const why = state.status === 'done' ? await page.evaluate(([i, r]) => window.scriptwriterEval.judge(i, r), [index, state.report?.result ?? null]) : 'run did not finish';
          rows.push({
            page: first + p, template: info.template, kind: task.kind, task: task.task, model, mode, gold: task.script,
            script: attempt?.answer?.script ?? attempt?.raw ?? '', status: state.status, failure: attempt?.failure?.name ?? state.error?.name ?? null,
            failureMessage: attempt?.failure?.message ?? state.error?.message ?? null, success: state.status === 'done' && why === null, why,
            exact: normalize(attempt?.answer?.script) === normalize(task.script), tokensIn: state.report?.tokensIn ?? 0,
            tokensOut: state.report?.tokensOut ?? 0, ttftMs: attempt?.ttftMs ?? null, ms, prompt: state.report?.prompts?.[0] ?? null,
          });
        }
      }
      process.stdout.write(`\rpage ${p + 1}/${opts.pages}, ${rows.length} runs`);
    }
  }
  if (opts.demo) {
    // Our own apps (the demo mail app and fixture apps), judged by what the page shows afterwards.
    const tasks = JSON.parse(readFileSync(join(root, 'test/fixtures/apps/scriptwriter-tasks.json'), 'utf8'));
    for (const task of tasks) {
      for (const model of models) {
        const url = `${(await appServer(task.path)).url(task.path)}?eval=${demoRows.length}`;
        const tab = await run.context.newPage();
        await tab.goto(url);
        await tab.waitForLoadState('load');
        const id = await run.tabIdOf(url);
        const state = await follow({ tabId: id, task: task.task, model, maxRepairs: Number(opts.repairs), backend: opts.backend });
        const check = task.check;
        let ok = state.status === 'done';
        if (ok && check.result !== undefined) ok = JSON.stringify(state.report?.result) === JSON.stringify(check.result);
        else if (ok && check.count !== undefined) ok = (await tab.locator(check.selector).count()) === check.count;
        else if (ok) ok = (await tab.locator(check.selector).first().innerText()).trim() === check.text;
        const attempt = state.report?.attempts?.[0];
        demoRows.push({ id: task.id, app: task.app, task: task.task, model, ok, status: state.status, script: attempt?.answer?.script ?? '',
          failure: attempt?.failure ? `${attempt.failure.name}: ${attempt.failure.message}` : state.error?.message ?? null });
        await tab.close();
      }
    }
  }
} finally {
  await run.close();
  await pages.close();
  for (const server of appServers.values()) await server.close();
}
process.stdout.write('\n');

const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)}%` : '—');
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
console.log(`\nbackend ${opts.backend}${opts.chrome ? ', pages with chrome' : ''}${opts.extras ? ', with extras' : ''}, ${opts.repairs} retries; ${opts.split} pages ${opts['first-seed']}…, ${new Set(rows.map((r) => r.page)).size} pages, ${rows.length / models.length / modes.length} tasks per model and mode`);
console.log('| model | decoding | success | exact script | NotFound | Syntax | other failures | tokens in/out | TTFT ms | run ms |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const model of models) {
  for (const mode of modes) {
    const set = rows.filter((r) => r.model === model && r.mode === mode);
    const failed = (name) => set.filter((r) => r.failure === name).length;
    const other = set.filter((r) => !r.success && r.failure !== 'NotFoundError' && r.failure !== 'ScriptSyntaxError').length;
    const ttft = set.map((r) => r.ttftMs).filter((x) => typeof x === 'number');
    console.log(`| ${model} | ${mode} | ${pct(set.filter((r) => r.success).length, set.length)} | ${pct(set.filter((r) => r.exact).length, set.length)} | ${pct(failed('NotFoundError'), set.length)} | ${pct(failed('ScriptSyntaxError'), set.length)} | ${pct(other, set.length)} | ${mean(set.map((r) => r.tokensIn)).toFixed(0)}/${mean(set.map((r) => r.tokensOut)).toFixed(0)} | ${ttft.length ? mean(ttft).toFixed(0) : '—'} | ${mean(set.map((r) => r.ms)).toFixed(0)} |`);
  }
}
const kinds = [...new Set(rows.map((r) => r.kind))].sort();
console.log(`\nsuccess by task kind (${models[0]}, ${modes[0]}): ${kinds.map((k) => {
  const set = rows.filter((r) => r.kind === k && r.model === models[0] && r.mode === modes[0]);
  return `${k} ${pct(set.filter((r) => r.success).length, set.length)}`;
}).join(', ')}`);
if (demoRows.length) {
  console.log('\nour apps (demo mail app, fixture apps), constrained:');
  console.log('| task | app | model | ok | script or failure |');
  console.log('|---|---|---|---|---|');
  for (const r of demoRows) console.log(`| ${r.task} | ${r.app} | ${r.model} | ${r.ok ? 'yes' : 'no'} | \`${(r.ok ? r.script : r.failure ?? r.script).replace(/\n/g, ' ').replace(/\|/g, '\\|').slice(0, 90)}\` |`);
  for (const model of models) {
    const set = demoRows.filter((r) => r.model === model);
    console.log(`${model}: ${set.filter((r) => r.ok).length}/${set.length} of our app tasks done`);
  }
}
mkdirSync(join(root, '.cache'), { recursive: true });
writeFileSync(join(root, '.cache/eval-scriptwriter.json'), JSON.stringify({ options: opts, rows, demoRows }, null, 2));
console.log('per-task results: .cache/eval-scriptwriter.json');
