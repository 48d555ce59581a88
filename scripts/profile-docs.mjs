// node scripts/profile-docs.mjs [PAGE] [N] — where a page-document read spends its time: builds our document N times
// (default 200) on one snapshot of ../shared/data/readability-pages/pages (default ars-1; `demo` for the demo app;
// `articles` for all of them, N reads each, profiles added up) in headless Chromium and prints the functions with the
// most self time (CDP sampling profiler). TOP=35 lines; CALLERS=querySelectorAll,… also prints who calls those
// functions (two frames up); INCLUSIVE=1 the time each function spends with its callees; CALLEES=build,… what
// those functions call directly, each with its callees' time.
// PAGE `generated` is bench:docs' 5,000-element page. COLD=1 profiles only the first read on a fresh page (cold code,
// as when a content script reads a page once) instead of N warm reads.
// For #5's extraction-time work; `npm run bench:docs` is the comparison with the listing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './lib/chromium.mjs';
import { serveStatic } from './lib/static-server.mjs';
import { generatedPage } from './lib/generated-page.mjs';

const root = resolve(import.meta.dirname, '..');
const pagesDir = resolve(root, '../shared/data/readability-pages/pages');
const [name = 'ars-1', runs = '200'] = process.argv.slice(2);
const top = Number(process.env.TOP ?? 35);
const dir = mkdtempSync(join(tmpdir(), 'pocket-profile-'));
const bundle = join(dir, 'page.js');
execFileSync(join(root, 'node_modules/.bin/rolldown'), [join(root, 'scripts/bench-docs.page.ts'), '--format', 'iife', '--file', bundle], { stdio: 'ignore' });
mkdirSync(join(dir, 'generated'));
writeFileSync(join(dir, 'generated', 'generated.html'), generatedPage(5000));
const server = await serveStatic({ '/pages/': pagesDir, '/demo/': join(root, 'demo'), '/generated/': join(dir, 'generated') });
const cold = process.env.COLD === '1';
const pathOf = (page) => (page === 'demo' ? '/demo/' : page === 'generated' ? '/generated/generated.html' : `/pages/${page}.html`);
const names = name === 'articles' ? readdirSync(pagesDir).filter((file) => file.endsWith('.html')).map((file) => file.slice(0, -5)).sort() : [name];
const keyOf = (frame) => `${frame.functionName || '(anonymous)'} :${frame.lineNumber}`;
const self = new Map();
const inclusive = new Map();
const callers = new Map((process.env.CALLERS?.split(',') ?? []).map((wanted) => [wanted, new Map()]));
// CALLEES=build,walkElements: the time of each function each of those calls directly (with its own callees).
const callees = new Map((process.env.CALLEES?.split(',') ?? []).map((wanted) => [wanted, new Map()]));
const add = (map, key, dt) => map.set(key, (map.get(key) ?? 0) + dt);
let total = 0;
let totalMs = 0;

/** Adds one profile's samples to the maps above. */
function collect(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    total += dt;
    add(self, keyOf(node.callFrame), dt);
    // A function counted once per sample, however deep it recurses.
    const seen = new Set();
    for (let at = node; at; at = parent.get(at.id)) {
      const key = keyOf(at.callFrame);
      if (!seen.has(key)) add(inclusive, key, dt);
      seen.add(key);
      const up = parent.get(at.id);
      const below = up && callees.get(up.callFrame.functionName);
      if (below && !seen.has(`${key} <`)) add(below, key, dt);
      seen.add(`${key} <`);
    }
    const wanted = callers.get(node.callFrame.functionName);
    if (wanted) {
      const up = parent.get(id);
      add(wanted, up ? `${keyOf(up.callFrame)} < ${parent.get(up.id) ? keyOf(parent.get(up.id).callFrame) : ''}` : '(root)', dt);
    }
  });
}

function print(title, map, lines) {
  console.log(title);
  for (const [key, value] of [...map].sort((a, b) => b[1] - a[1]).slice(0, lines)) console.log(`${((100 * value) / total).toFixed(1).padStart(5)}%  ${key}`);
}

const browser = await chromium.launch({ executablePath: chromiumPath(), args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
try {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
  for (const page of names) {
    const tab = await context.newPage();
    await tab.route('**/*', (route) => (route.request().url().startsWith(server.origin) ? route.continue() : route.abort()));
    await tab.goto(server.url(pathOf(page)), { waitUntil: 'domcontentloaded' });
    await tab.evaluate(readFileSync(bundle, 'utf8'));
    // Style and layout first (as bench:docs does), so the profile is the read's own work.
    await tab.evaluate(() => void document.body.getBoundingClientRect());
    if (!cold) await tab.evaluate(() => globalThis.__pocketBench.measure(3));
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Profiler.start');
    const ms = await tab.evaluate((n) => {
      const t = performance.now();
      for (let i = 0; i < n; i++) globalThis.__pocketBench.build();
      return (performance.now() - t) / n;
    }, cold ? 1 : Number(runs));
    const { profile } = await cdp.send('Profiler.stop');
    collect(profile);
    totalMs += ms;
    if (names.length > 1) console.log(`${page}: ${ms.toFixed(2)} ms`);
    await tab.close();
  }
  console.log(`${name}: ${totalMs.toFixed(2)} ms per read${names.length > 1 ? ' (all pages added up)' : ''} (${cold ? 'the first, cold' : `mean of ${runs}`}); self time (line numbers are the bundle's):`);
  print('', self, top);
  if (process.env.INCLUSIVE === '1') print('inclusive time:', inclusive, top);
  for (const [wanted, map] of callers) print(`callers of ${wanted}:`, map, 8);
  for (const [wanted, map] of callees) print(`called by ${wanted}:`, map, top);
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
