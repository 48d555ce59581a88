import { chromium } from '/work/main/node_modules/playwright-core/index.mjs';
import { readFileSync } from 'node:fs';
import { serveStatic } from '/work/main/scripts/lib/static-server.mjs';
const server = await serveStatic({ '/apps/': '/work/main/test/fixtures/apps' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const app of process.argv.slice(2)) for (const which of ['old', 'new']) {
  const page = await browser.newPage();
  await page.goto(server.url(`/apps/${app}/`));
  await page.addScriptTag({ content: readFileSync(`/tmp/bench/${which}.js`, 'utf8') });
  const doc = await page.evaluate(() => globalThis.__pocketBench.build());
  console.log('=====', app, which);
  for (const s of doc.sections) { console.log('#', s.kind, s.name); for (const e of s.entries) console.log('  ', e.name, e.kind, JSON.stringify(e.samples ?? e.description).slice(0, 150), e.fields ?? '', e.actions ?? ''); }
  await page.close();
}
await browser.close(); await server.close();
