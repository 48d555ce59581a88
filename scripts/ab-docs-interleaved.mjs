// node scripts/ab-docs-interleaved.mjs OLD.js NEW.js [PATH] [N] — two builds of the page-document code in ONE page,
// their warm builds alternating N times (default 60) after 5 rounds of warm-up: min, 25th percentile and median per
// side. Steadier than ab-docs.mjs on a loaded machine (an A/A run of ab-docs gave 373 vs 207 ms under load; this one's
// min and p25 held to ~3%: perf helper, session 52). PATH as in ab-docs.mjs (default the generated 5,000-element page).
// Build bundles with `node_modules/.bin/rolldown scripts/bench-docs.page.ts --format iife --file OUT.js`. Not a test.
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { serveStatic } from './lib/static-server.mjs';
import { generatedPage } from './lib/generated-page.mjs';
import { chromiumPath } from './lib/chromium.mjs';
const dir = mkdtempSync(join(tmpdir(), 'abm-'));
writeFileSync(join(dir, 'g.html'), generatedPage(5000));
const server = await serveStatic({ '/g/': dir, '/pages/': join(import.meta.dirname, '../../shared/data/readability-pages/pages') });
const [oldFile, newFile, path = '/g/g.html', n = '60'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await ctx.newPage();
await page.goto(server.url(path), { waitUntil: 'domcontentloaded' });
await page.evaluate(readFileSync(oldFile, 'utf8')); await page.evaluate(() => { globalThis.__A = globalThis.__pocketBench; });
await page.evaluate(readFileSync(newFile, 'utf8')); await page.evaluate(() => { globalThis.__B = globalThis.__pocketBench; });
const r = await page.evaluate((n) => {
  void document.body.getBoundingClientRect();
  const a = [], b = [];
  for (let i = 0; i < 5; i++) { __A.build(); __B.build(); }
  for (let i = 0; i < n; i++) {
    for (const [f, out] of i % 2 ? [[__A, a], [__B, b]] : [[__B, b], [__A, a]]) { const t = performance.now(); f.build(); out.push(performance.now() - t); }
  }
  const s = (x) => { x.sort((p, q) => p - q); return `min ${x[0].toFixed(2)} p25 ${x[Math.floor(x.length / 4)].toFixed(2)} med ${x[Math.floor(x.length / 2)].toFixed(2)}`; };
  return `old ${s(a)} | new ${s(b)}`;
}, Number(n));
console.log(path, r);
await browser.close(); await server.close();
