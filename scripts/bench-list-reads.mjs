// node scripts/bench-list-reads.mjs --old DIST [--new DIST] [--items 1000,3711] [--repeats N] — a big list read through
// the real extension, builds side by side: a known script maps over the 3,711 kudos of the AO3 snapshot
// (shared/data/readability-pages), `done($list.map((item) => item.field.text()))` (the first N items: `.slice(0, N)`),
// run through `automate.start` in the model host as the side panel's runs are (a scripted model, no model call). Times
// are the host's own (start → finished); a run that reaches the run's 120 s time budget is shown as such. Each build is
// launched in turn in headless Chromium; what the runs read must agree. --new defaults to POCKET_DIST (or dist/).
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBuiltExtension, root } from './lib/extension.mjs';
import { serveStatic } from './lib/static-server.mjs';

const { values: opts } = parseArgs({
  options: {
    old: { type: 'string' }, new: { type: 'string', default: process.env.POCKET_DIST ?? 'dist' }, repeats: { type: 'string', default: '1' },
    items: { type: 'string', default: '1000,3711' },
  },
});
const sizes = opts.items.split(',').map(Number);
if (!sizes.every((n) => Number.isInteger(n) && n > 0 && n <= 3711)) throw new Error('--items takes sizes from 1 to 3711, such as 1000,3711');
const repeats = Number(opts.repeats);
if (!Number.isInteger(repeats) || repeats < 1) throw new Error('--repeats must be a positive integer');
const builds = [...(opts.old ? [['old', resolve(opts.old)]] : []), ['new', resolve(root, opts.new)]];
const MODEL = 'bench-list-reads-replay';
const snapshots = await serveStatic({ '/pages/': resolve(root, '../shared/data/readability-pages/pages') });

/** One run of the map over the first `items` items on a fresh tab: ms (host's; undefined past the time budget), what it read. */
async function mapOnce(run, n, items) {
  const page = await run.context.newPage();
  await page.route('**/*', (route) => (route.request().url().startsWith(snapshots.origin) ? route.continue() : route.abort()));
  const url = snapshots.url(`/pages/archive-of-our-own.html?bench=${n}`);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const tabId = await run.tabIdOf(url);
  const doc = await run.call('page.document', { tabId });
  const list = doc.sections.flatMap((s) => s.entries).find((e) => e.kind === 'list' && e.count === 3711);
  if (!list) throw new Error('no list of 3,711 items on the AO3 snapshot');
  const script = `done($${list.name}${items < list.count ? `.slice(0, ${items})` : ''}.map((item) => item.${list.fields[0]}.text()))`;
  const state = await run.followRun({ tabId, task: 'read the list', model: MODEL, maxRepairs: 0, known: { plan: 'read the list', elements: [], script } });
  await page.close();
  if (state.status === 'failed' && /ran longer than/.test(state.report?.summary ?? '')) return { ms: undefined, script, read: undefined };
  if (state.status !== 'done') throw new Error(`the run ended ${state.status}: ${state.report?.summary ?? ''}`);
  return { ms: state.finishedAt - state.startedAt, script, read: state.report.result };
}

const rows = [];
try {
  for (const [label, dist] of builds) {
    const run = await launchBuiltExtension(dist, 'pocket-bench-list-reads-');
    try {
      await run.addReplayModel(MODEL, join(root, 'test/fixtures/apps/automate-replay.json'));
      for (const items of sizes) {
        for (let r = 0; r < repeats; r++) {
          const once = await mapOnce(run, rows.length, items);
          rows.push({ label, items, ...once });
          process.stderr.write(`${label} ${items} items #${r + 1}: ${once.ms === undefined ? 'past the time budget' : `${once.ms} ms`}\n`);
        }
      }
    } finally {
      await run.close();
    }
  }
} finally {
  await snapshots.close();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
/** The median ms of a build's runs of `items` (undefined when one ran past the time budget). */
const time = (label, items) => {
  const ms = rows.filter((row) => row.label === label && row.items === items).map((row) => row.ms);
  return ms.includes(undefined) ? undefined : median(ms);
};
const shown = (ms) => (ms === undefined ? '> 120000 (time budget)' : String(ms));
console.log(`script: ${rows.at(-1).script}`);
console.log(`| items | ${builds.map(([label, dist]) => `${label} ms (${dist})`).join(' | ')} |${opts.old ? ' old / new |' : ''}`);
console.log(`| ---: | ${builds.map(() => '---:').join(' | ')} |${opts.old ? ' ---: |' : ''}`);
for (const items of sizes) {
  const [old, now] = [time('old', items), time('new', items)];
  const ratio = opts.old ? ` ${old === undefined ? `> ${(120_000 / now).toFixed(0)}x` : `${(old / now).toFixed(1)}x`} |` : '';
  console.log(`| ${items} | ${builds.map(([label]) => shown(time(label, items))).join(' | ')} |${ratio}`);
}
let agree = true;
for (const items of sizes) {
  const reads = new Set(rows.filter((row) => row.items === items && row.read).map((row) => JSON.stringify(row.read)));
  if (reads.size > 1) agree = false;
}
console.log(`the builds read the same texts: ${agree ? 'yes' : 'NO'}`);
if (!agree) process.exitCode = 1;
