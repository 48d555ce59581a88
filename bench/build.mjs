// Builds the plain http pages the shader e2e test and the benchmarks open in Chromium:
// kernels.html (GPU kernels and engine paths vs their CPU twins), engine.html (our engine vs transformers.js) and
// downloads.html (`npm run bench:downloads`).
import { build } from 'vite';
import { resolve } from 'node:path';

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
