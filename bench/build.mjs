// Builds the plain http pages the shader e2e test and the benchmarks open in Chromium:
// kernels.html (GPU kernels and engine paths vs their CPU twins), engine.html (our engine vs transformers.js) and
// downloads.html (`npm run bench:downloads`).
import { build } from 'vite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../scripts/lib/chromium.mjs';
import { serveStatic } from '../scripts/lib/static-server.mjs';

const here = import.meta.dirname;

/** @param {string} outDir */
export async function buildBenchPages(outDir) {
  await build({
    configFile: false,
    root: here,
    base: './',
    logLevel: 'warn',
    worker: { format: 'es' },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome124',
      minify: false,
      sourcemap: false,
      chunkSizeWarningLimit: 100_000,
      rolldownOptions: { input: { kernels: resolve(here, 'kernels.html'), engine: resolve(here, 'engine.html'), downloads: resolve(here, 'downloads.html') } },
    },
  });
}

/** Static mounts: the built pages, and the bundled model both as-is and in transformers.js's `onnx/model.onnx` layout. */
export function benchMounts(outDir, repoRoot) {
  const model = resolve(repoRoot, 'models/bundled/tinystories-656k');
  return {
    '/models/tinystories-656k/onnx/': model,
    '/models/tinystories-656k/': model,
    '/': outDir,
  };
}

/**
 * For the benchmark scripts: builds the pages into a temporary folder, serves them with the bundled model, and opens
 * `path` in headless Chromium (no extension) once its #status says ready. `close()` removes it all again.
 * @param {string} path e.g. '/engine.html'
 * @param {string} repoRoot
 */
export async function openBenchPage(path, repoRoot) {
  const dir = mkdtempSync(join(tmpdir(), 'pocket-bench-'));
  let context;
  let server;
  const close = async () => {
    await context?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await buildBenchPages(join(dir, 'site'));
    server = await serveStatic(benchMounts(join(dir, 'site'), repoRoot));
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: chromiumPath(), headless: true, args: chromiumArgs([]).filter((arg) => !arg.includes('extension')),
    });
    const page = await context.newPage();
    page.on('console', (message) => { if (message.type() === 'error') console.error('[page]', message.text()); });
    await page.goto(server.url(path));
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    return { page, context, close };
  } catch (error) {
    await close();
    throw error;
  }
}
