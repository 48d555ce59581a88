// `npm start`: serves the demo app on 127.0.0.1 and opens Chromium with the built extension on it, offline.
//   --screenshot[=DIR]  take screenshots (demo page, popup System tab) into DIR (default .cache/screenshots) and exit
//   --headless          no window (implied when there is no display)
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromiumArgs, chromiumPath } from './lib/chromium.mjs';
import { serveStatic } from './lib/static-server.mjs';

const args = process.argv.slice(2);
const screenshotArg = args.find((arg) => arg.startsWith('--screenshot'));
const screenshotDir = resolve(screenshotArg?.split('=')[1] ?? '.cache/screenshots');
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const headless = args.includes('--headless') || noDisplay || Boolean(screenshotArg);

const server = await serveStatic({ '/demo/': 'demo' }, Number(process.env.PORT ?? 4173)).catch(() => serveStatic({ '/demo/': 'demo' }));
const demoUrl = server.url('/demo/');
const dist = resolve('dist');
const context = await chromium.launchPersistentContext(resolve('.cache/profile'), {
  executablePath: chromiumPath(),
  headless,
  viewport: headless ? { width: 1280, height: 800 } : null,
  args: chromiumArgs([dist]),
});
const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
const extensionId = new URL(worker.url()).host;
const demo = context.pages()[0] ?? await context.newPage();
await demo.goto(demoUrl);

console.log(`Pocket SLM ${extensionId} loaded from ${dist}`);
console.log(`Demo app: ${demoUrl}`);

if (headless) {
  mkdirSync(screenshotDir, { recursive: true });
  await demo.screenshot({ path: `${screenshotDir}/demo.png` });
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 480, height: 720 });
  await popup.goto(`chrome-extension://${extensionId}/popup/index.html`);
  await popup.getByRole('tab', { name: 'System' }).click();
  await popup.locator('[data-testid=system-details], [role=alert]').first().waitFor({ timeout: 60_000 });
  await popup.screenshot({ path: `${screenshotDir}/popup-system.png` });
  console.log(`Screenshots: ${screenshotDir}/demo.png, ${screenshotDir}/popup-system.png`);
}

if (screenshotArg) {
  await context.close();
  await server.close();
} else {
  console.log(headless
    ? 'No display: running headless (see the screenshots above). Press Ctrl+C to stop.'
    : 'Click the Pocket SLM icon in the toolbar, or right-click the page. Close the browser or press Ctrl+C to stop.');
  const stop = async () => {
    await context.close().catch(() => {});
    await server.close();
    process.exit(0);
  };
  context.on('close', () => void stop());
  process.on('SIGINT', () => void stop());
}
