// Step 1 of the script-writer pipeline (issue 11): the synthetic (page document, task) → script corpus.
//
//   node models/training/scriptwriter/make-corpus.mjs [--train 1500] [--dev 100] [--test 150] [--tabs 2]
//                                                    [--out .cache/scriptwriter] [--first-seed 1] [--chrome]
//                                                    [--extras] [--made-up 0.5] [--pseudo 0.5]
// --chrome adds page chrome (header navigation, toolbar buttons, footer links) around the blocks, with nav/press tasks;
// --extras what real apps have besides (a current nav link, a disabled bulk button, a search placeholder that is not
// its label, labelled regions, list rows with a select checkbox); --made-up R: that share of train-page labels made up
// from generic words (words.ts LABEL_POOL), so matching task words to names is learned by letters, not memorised; --pseudo P: that share
// of made-up words pronounceable non-words (words.ts pseudoWord), which split into BPE pieces as unseen real words do.
//
// Builds harness.html (vite), serves it on 127.0.0.1, and in headless Chromium renders each seeded page, reads its
// document with our content-script extractor, makes tasks and runs every gold script through our interpreter and
// executor (harness.ts). Kept samples go to <out>/{train,dev,test}.jsonl, dropped ones (with why) to
// <out>/dropped.jsonl, counts to <out>/stats.json. Splits are by layout combination and label words (spec.ts,
// words.ts): test pages have layouts and labels that train pages never have.
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { chromiumPath } from '../../../scripts/lib/chromium.mjs';
import { serveStatic } from '../../../scripts/lib/static-server.mjs';

const here = import.meta.dirname;
const root = resolve(here, '../../..');
const parseCli = () => parseArgs({
  options: {
    train: { type: 'string', default: '1500' },
    dev: { type: 'string', default: '100' },
    test: { type: 'string', default: '150' },
    tabs: { type: 'string', default: '2' },
    batch: { type: 'string', default: '25' },
    'first-seed': { type: 'string', default: '1' },
    chrome: { type: 'boolean', default: false },
    extras: { type: 'boolean', default: false },
    'made-up': { type: 'string', default: '0' },
    pseudo: { type: 'string', default: '0' },
    out: { type: 'string', default: join(root, '.cache/scriptwriter') },
  },
}).values;

/** Builds the harness page into `outDir`. */
export async function buildHarness(outDir) {
  await build({
    configFile: false, root: here, base: './', logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'chrome124', minify: false, rolldownOptions: { input: { harness: resolve(here, 'harness.html'), eval: resolve(here, 'eval.html') } } },
  });
}

/** Runs the harness over seeds in `tabs` pages at once; returns all samples and drops in seed order. */
export async function runHarness(context, url, split, seeds, { tabs = 2, batch = 25, onBatch, chrome = false, extras = false, madeUp = 0, pseudo = 0 } = {}) {
  const chunks = [];
  for (let i = 0; i < seeds.length; i += batch) chunks.push(seeds.slice(i, i + batch));
  const results = new Array(chunks.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(tabs, chunks.length) }, async () => {
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('[harness]', error.message));
    while (next < chunks.length) {
      const index = next++;
      await page.goto(url);
      await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
      results[index] = await page.evaluate(([s, list, c, x, m, p]) => window.scriptwriterHarness.runBatch(s, list, c, x, m, p), [split, chunks[index], chrome, extras, madeUp, pseudo]);
      onBatch?.(results[index]);
    }
    await page.close();
  }));
  return { samples: results.flatMap((r) => r.samples), dropped: results.flatMap((r) => r.dropped), pages: seeds.length };
}

async function main() {
  const args = parseCli();
  const out = resolve(args.out);
  mkdirSync(out, { recursive: true });
  const site = join(out, 'harness');
  await buildHarness(site);
  const server = await serveStatic({ '/': site });
  const headless = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
  const context = await headless.newContext();
  const first = Number(args['first-seed']);
  const stats = { started: new Date().toISOString(), options: { chrome: args.chrome, extras: args.extras, madeUp: Number(args['made-up']), pseudo: Number(args.pseudo) }, splits: {} };
  const dropped = [];
  try {
    for (const split of ['train', 'dev', 'test']) {
      const pages = Number(args[split]);
      // Disjoint seed ranges per split, so dev pages are never train pages.
      const offset = { train: 0, dev: 1_000_000, test: 2_000_000 }[split];
      const seeds = Array.from({ length: pages }, (_, i) => first + offset + i);
      const started = Date.now();
      let done = 0;
      const result = await runHarness(context, server.url('/harness.html'), split, seeds, {
        tabs: Number(args.tabs), batch: Number(args.batch), chrome: args.chrome, extras: args.extras, madeUp: Number(args['made-up']), pseudo: Number(args.pseudo),
        onBatch: (r) => {
          done += r.pages;
          process.stdout.write(`\r${split}: ${done}/${pages} pages`);
        },
      });
      process.stdout.write('\n');
      writeFileSync(join(out, `${split}.jsonl`), result.samples.map((s) => JSON.stringify(s)).join('\n') + '\n');
      dropped.push(...result.dropped);
      const byKind = {};
      for (const s of result.samples) byKind[s.kind] = (byKind[s.kind] ?? 0) + 1;
      const droppedByKind = {};
      for (const d of result.dropped) droppedByKind[d.kind] = (droppedByKind[d.kind] ?? 0) + 1;
      stats.splits[split] = { pages, kept: result.samples.length, dropped: result.dropped.length, templates: new Set(result.samples.map((s) => s.template)).size,
        byKind, droppedByKind, seconds: Math.round((Date.now() - started) / 1000) };
      console.log(`${split}: ${result.samples.length} kept, ${result.dropped.length} dropped, ${stats.splits[split].seconds} s`);
    }
  } finally {
    await headless.close();
    await server.close();
  }
  writeFileSync(join(out, 'dropped.jsonl'), dropped.map((d) => JSON.stringify(d)).join('\n') + '\n');
  writeFileSync(join(out, 'stats.json'), JSON.stringify(stats, null, 2));
  console.log(JSON.stringify(stats.splits, null, 1));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
