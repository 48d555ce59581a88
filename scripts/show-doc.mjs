// node scripts/show-doc.mjs FILE.html [FILE.html …] — prints the page document (the prompt form) our content-script code
// builds for local HTML files in headless Chromium: the quick way to see what a page's markup becomes while working on
// extension/content/document/. Same bundle as bench:docs (scripts/bench-docs.page.ts), no extension loaded. JSON=1
// prints the structured document instead.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './lib/chromium.mjs';
import { serveStatic } from './lib/static-server.mjs';

const root = resolve(import.meta.dirname, '..');
const files = process.argv.slice(2).map((f) => resolve(f));
if (!files.length) {
  console.error('usage: node scripts/show-doc.mjs FILE.html [FILE.html …]');
  process.exit(2);
}
const bundle = join(mkdtempSync(join(tmpdir(), 'pocket-show-')), 'page.js');
execFileSync(join(root, 'node_modules/.bin/rolldown'), [join(root, 'scripts/bench-docs.page.ts'), '--format', 'iife', '--file', bundle], { stdio: 'ignore' });
const script = readFileSync(bundle, 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
try {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
  for (const file of files) {
    const server = await serveStatic({ '/f/': dirname(file) });
    const page = await context.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith(server.origin) ? route.continue() : route.abort()));
    await page.goto(server.url(`/f/${basename(file)}`), { waitUntil: 'load' });
    await page.evaluate(script);
    const out = await page.evaluate((json) => globalThis.__pocketBench.show(json), process.env.JSON === '1');
    console.log(`=== ${file}\n${out}`);
    await page.close();
    await server.close();
  }
} finally {
  await browser.close();
}
