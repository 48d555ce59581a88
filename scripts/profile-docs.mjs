// node scripts/profile-docs.mjs [PAGE] [N] — where a page-document read spends its time: builds our document N times
// (default 200) on one snapshot of ../shared/data/readability-pages/pages (default ars-1; `demo` for the demo app) in
// headless Chromium and prints the functions with the most self time (CDP sampling profiler). TOP=35 lines;
// CALLERS=querySelectorAll,… also prints who calls those functions (two frames up).
// PAGE `generated` is bench:docs' 5,000-element page. COLD=1 profiles only the first read on a fresh page (cold code,
// as when a content script reads a page once) instead of N warm reads.
// For #5's extraction-time work; `npm run bench:docs` is the comparison with the listing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './lib/chromium.mjs';
import { serveStatic } from './lib/static-server.mjs';
import { generatedPage } from './lib/generated-page.mjs';

const root = resolve(import.meta.dirname, '..');
const [name = 'ars-1', runs = '200'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'pocket-profile-'));
const bundle = join(dir, 'page.js');
execFileSync(join(root, 'node_modules/.bin/rolldown'), [join(root, 'scripts/bench-docs.page.ts'), '--format', 'iife', '--file', bundle], { stdio: 'ignore' });
mkdirSync(join(dir, 'generated'));
writeFileSync(join(dir, 'generated', 'generated.html'), generatedPage(5000));
const server = await serveStatic({ '/pages/': resolve(root, '../shared/data/readability-pages/pages'), '/demo/': join(root, 'demo'), '/generated/': join(dir, 'generated') });
const cold = process.env.COLD === '1';
const browser = await chromium.launch({ executablePath: chromiumPath(), args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
try {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.route('**/*', (route) => (route.request().url().startsWith(server.origin) ? route.continue() : route.abort()));
  const path = name === 'demo' ? '/demo/' : name === 'generated' ? '/generated/generated.html' : `/pages/${name}.html`;
  await page.goto(server.url(path), { waitUntil: 'domcontentloaded' });
  await page.evaluate(readFileSync(bundle, 'utf8'));
  // Style and layout first (as bench:docs does), so the profile is the read's own work.
  await page.evaluate(() => void document.body.getBoundingClientRect());
  if (!cold) await page.evaluate(() => globalThis.__pocketBench.measure(3));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  const ms = await page.evaluate((n) => {
    const t = performance.now();
    for (let i = 0; i < n; i++) globalThis.__pocketBench.build();
    return (performance.now() - t) / n;
  }, cold ? 1 : Number(runs));
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id).callFrame;
    const key = `${frame.functionName || '(anonymous)'} :${frame.lineNumber}`;
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  console.log(`${name}: ${ms.toFixed(2)} ms per read (${cold ? 'the first, cold' : `mean of ${runs}`}); self time (line numbers are the bundle's):`);
  for (const [key, value] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 35))) {
    console.log(`${((100 * value) / total).toFixed(1).padStart(5)}%  ${key}`);
  }
  // CALLERS=querySelectorAll,getBoundingClientRect: who calls those (their self time by calling function).
  if (process.env.CALLERS) {
    const parent = new Map();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
    const label = (node) => `${node.callFrame.functionName || '(anonymous)'} :${node.callFrame.lineNumber}`;
    for (const wanted of process.env.CALLERS.split(',')) {
      const callers = new Map();
      profile.samples.forEach((id, i) => {
        const node = byId.get(id);
        if (node.callFrame.functionName !== wanted) return;
        const up = parent.get(id);
        const key = up ? `${label(up)} < ${parent.get(up.id) ? label(parent.get(up.id)) : ''}` : '(root)';
        callers.set(key, (callers.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
      });
      console.log(`callers of ${wanted}:`);
      for (const [key, value] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`${((100 * value) / total).toFixed(1).padStart(5)}%  ${key}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
