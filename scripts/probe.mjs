// npm run probe -- --model ID --suite sorting-8 --strategy cot --repeats 3 --n 50
// Drives the real extension headless in Chromium: starts a probe run in the model host with `probes.start` (as the
// Probes tab does), waits in the Probes tab until the run ends, then saves the tab's own CSV and JSON exports to
// .cache/ and prints mean ± std per cell. Lists (comma-separated) are allowed for --model, --suite, --strategy and
// --perturbation. Other options: --max-tokens 64 --temperature 0 --seed 1 --judge ID --backend auto|webgpu|wasm
//   --no-build --replay FILE (serve a replay.json and add it as model --model first) --timeout-min 60
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildExtension, launchBuiltExtension, root } from './lib/extension.mjs';

const { values: opts } = parseArgs({
  options: {
    model: { type: 'string', default: 'tinystories-656k' }, suite: { type: 'string', default: 'sorting-8' },
    strategy: { type: 'string', default: 'direct' }, perturbation: { type: 'string', default: 'none' },
    repeats: { type: 'string', default: '3' }, n: { type: 'string', default: '50' },
    'max-tokens': { type: 'string', default: '64' }, temperature: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' }, judge: { type: 'string' }, backend: { type: 'string' },
    'no-build': { type: 'boolean', default: false }, replay: { type: 'string' }, 'timeout-min': { type: 'string', default: '60' },
  },
});
const fail = (message) => { console.error(message); process.exit(2); };
const list = (name) => opts[name].split(',').map((s) => s.trim()).filter(Boolean);
const num = (name) => {
  const value = Number(opts[name]);
  if (!Number.isFinite(value)) fail(`--${name} must be a number`);
  return value;
};
const config = {
  models: list('model'), suites: list('suite'), strategies: list('strategy'), perturbations: list('perturbation'),
  repeats: num('repeats'), n: num('n'), maxTokens: num('max-tokens'), temperature: num('temperature'), seed: num('seed'),
  ...(opts.judge ? { judge: opts.judge } : {}), ...(opts.backend ? { backend: opts.backend } : {}),
};

let dist;
try {
  dist = buildExtension({ build: !opts['no-build'] });
} catch (error) {
  fail(error.message);
}
const run = await launchBuiltExtension(dist, 'pocket-probe-');
const started = Date.now();
try {
  if (opts.replay) await run.addReplayModel(config.models[0], opts.replay);
  const reply = await run.send('probes.start', { config });
  if (!reply?.ok) fail(`the extension refused the run: ${reply?.error?.name}: ${reply?.error?.message}`);
  const { runId } = reply.payload;
  console.error(`run ${runId}: ${JSON.stringify(config)}`);

  const { popup } = run;
  await popup.getByRole('tab', { name: 'Probes' }).click();
  const panel = popup.locator(`[data-testid="probes-run"][data-run="${runId}"]`);
  const deadline = Date.now() + num('timeout-min') * 60_000;
  let last = '';
  for (;;) {
    const status = await panel.getAttribute('data-status', { timeout: 30_000 });
    const progress = await panel.locator('[data-field="run.progress"]').innerText();
    if (progress !== last) process.stderr.write(`${status} ${progress}\n`);
    last = progress;
    if (['done', 'failed', 'cancelled', 'paused'].includes(status)) {
      if (status !== 'done') console.error(`run ended ${status}: ${await popup.getByTestId('probes-message').innerText().catch(() => '')}`);
      break;
    }
    if (Date.now() > deadline) fail(`timed out after ${opts['timeout-min']} min at ${progress}`);
    await popup.waitForTimeout(500);
  }

  mkdirSync(join(root, '.cache'), { recursive: true });
  const stem = join(root, '.cache', `probe-${runId}`);
  const saved = {};
  for (const [label, ext] of [['Export JSON', 'json'], ['Export CSV', 'csv']]) {
    const [file] = await Promise.all([popup.waitForEvent('download'), panel.getByRole('button', { name: label }).click()]);
    await file.saveAs(`${stem}.${ext}`);
    saved[ext] = `${stem}.${ext}`;
  }
  const report = JSON.parse(readFileSync(saved.json, 'utf8'));
  const pct = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '—');
  console.log(`| model | suite | strategy | perturbation | items | parse | exact | judge |`);
  console.log(`| --- | --- | --- | --- | ---: | ---: | ---: | ---: |`);
  for (const cell of report.cells) {
    const m = (k) => `${pct(cell.methods[k].mean)} ± ${pct(cell.methods[k].std)}`;
    console.log(`| ${cell.model} | ${cell.suite} | ${cell.strategy} | ${cell.perturbation} | ${cell.items} | ${m('parse')} | ${m('exact')} | ${config.judge ? m('judge') : '—'} |`);
  }
  console.log(`mean ± sample std over ${config.repeats} repeats · wall ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`report: ${saved.json}\n        ${saved.csv}`);
  writeFileSync(`${stem}.config.json`, JSON.stringify(config, null, 2));
} finally {
  await run.close();
}
