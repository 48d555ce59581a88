// node scripts/ab-docs.mjs OLD.js NEW.js [PATH] — two builds of the page-document code side by side: the first call
// (cold code, a fresh page each time) and the median of 15 warm calls, alternating old/new over 8 rounds, on the
// generated 5,000-element page (default, /g/g.html) or a snapshot (/pages/NAME.html). Build each bundle with
// `node_modules/.bin/rolldown scripts/bench-docs.page.ts --format iife --file OUT.js` in the tree to compare (an old
// commit: `git worktree add /tmp/wt REV`, link node_modules, build there). Not a test: it prints medians.
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { serveStatic } from './lib/static-server.mjs';
import { generatedPage } from './lib/generated-page.mjs';
import { chromiumPath } from './lib/chromium.mjs';
const dir = mkdtempSync(join(tmpdir(), 'ab-'));
writeFileSync(join(dir, 'g.html'), generatedPage(5000));
const server = await serveStatic({ '/g/': dir, '/pages/': join(import.meta.dirname, '../../shared/data/readability-pages/pages') });
const [oldFile, newFile, path = '/g/g.html'] = process.argv.slice(2);
if (!oldFile || !newFile) throw new Error('usage: node scripts/ab-docs.mjs OLD.js NEW.js [/g/g.html | /pages/NAME.html]');
const scripts = { old: readFileSync(oldFile, 'utf8'), new: readFileSync(newFile, 'utf8') };
const browser = await chromium.launch({ executablePath: chromiumPath(), args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const res = { old: [], new: [] }; const warm = { old: [], new: [] };
for (let round = 0; round < 8; round++) {
  for (const which of round % 2 ? ['old', 'new'] : ['new', 'old']) {
    const page = await ctx.newPage();
    await page.goto(server.url(path), { waitUntil: 'domcontentloaded' });
    await page.evaluate(scripts[which]);
    const t = await page.evaluate(() => { void document.body.getBoundingClientRect(); const b = globalThis.__pocketBench; let t0 = performance.now(); b.build(); const first = performance.now() - t0; const w = []; for (let i = 0; i < 15; i++) { t0 = performance.now(); b.build(); w.push(performance.now() - t0); } w.sort((a, b) => a - b); return [first, w[7]]; });
    res[which].push(t[0]); warm[which].push(t[1]);
    await page.close();
  }
}
const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(path, 'first: old', med(res.old).toFixed(1), 'new', med(res.new).toFixed(1), '| warm: old', med(warm.old).toFixed(1), 'new', med(warm.new).toFixed(1));
await browser.close(); await server.close();
