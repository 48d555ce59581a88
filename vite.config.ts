import { defineConfig, build, type Plugin } from 'vite';
import { cpSync, readFileSync, existsSync } from 'node:fs';
import { packagedWebLlmLibraries } from './scripts/lib/web-llm-libs.mjs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname);
// POCKET_DIST lets parallel work build into its own folder; the product and CI use dist/.
const outDir = resolve(root, process.env.POCKET_DIST ?? 'dist');
const jsx = { runtime: 'automatic', importSource: 'preact' } as const;
// web-llm model libraries (WebAssembly) the user put in models/web-llm-libs/ (tests: POCKET_WEB_LLM_LIBS), packaged.
const webLlmLibs = packagedWebLlmLibraries(resolve(root, process.env.POCKET_WEB_LLM_LIBS ?? 'models/web-llm-libs'));

/**
 * Names the content scripts' marks and page events (extension/content/submit-guard/events.ts): each build its own,
 * so a rebuilt or updated extension's scripts are not taken for the ones an earlier build left in an open tab.
 */
const buildId = `${(JSON.parse(readFileSync(resolve(root, 'manifest.json'), 'utf8')) as { version: string }).version}-${Date.now().toString(36)}`;

/** Scripts that Chrome loads as classic scripts (content scripts, the sandbox page): one IIFE file each. */
const classicEntries: Record<string, string> = {
  content: 'extension/content/index.ts',
  'submit-guard': 'extension/content/submit-guard/page-world.ts',
  sandbox: 'extension/sandbox/index.ts',
};

interface ManifestPaths {
  background?: { service_worker?: string };
  action?: { default_popup?: string; default_icon?: Record<string, string> };
  side_panel?: { default_path?: string };
  sandbox?: { pages?: string[] };
  icons?: Record<string, string>;
}

function manifestReferences(manifest: ManifestPaths): string[] {
  const refs = [
    manifest.background?.service_worker,
    manifest.action?.default_popup,
    manifest.side_panel?.default_path,
    ...(manifest.sandbox?.pages ?? []),
    ...Object.values(manifest.icons ?? {}),
    ...Object.values(manifest.action?.default_icon ?? {}),
    'offscreen/index.html',
    'content.js',
    'submit-guard.js',
  ];
  return refs.filter((ref): ref is string => typeof ref === 'string');
}

/** Emits the top-level manifest.json, builds the classic entries, then checks every file the manifest names exists. */
function chromeExtension(): Plugin {
  return {
    name: 'pocket-slm:chrome-extension',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: readFileSync(resolve(root, 'manifest.json'), 'utf8') });
    },
    async closeBundle() {
      for (const [name, entry] of Object.entries(classicEntries)) {
        await build({
          configFile: false,
          logLevel: 'warn',
          oxc: { jsx },
          define: { __POCKET_BUILD__: JSON.stringify(buildId) },
          build: {
            outDir,
            emptyOutDir: false,
            copyPublicDir: false,
            sourcemap: true,
            minify: false,
            rolldownOptions: {
              input: resolve(root, entry),
              output: { format: 'iife', entryFileNames: `${name}.js`, codeSplitting: false },
            },
          },
        });
      }
      // Bundled models ship inside the package, next to the code that loads them.
      cpSync(resolve(root, 'models/bundled'), resolve(outDir, 'models/bundled'), { recursive: true });
      for (const lib of webLlmLibs) cpSync(lib.path, resolve(outDir, 'models/web-llm-libs', lib.file));
      const manifest = JSON.parse(readFileSync(resolve(root, 'manifest.json'), 'utf8')) as ManifestPaths;
      const missing = manifestReferences(manifest).filter((ref) => !existsSync(resolve(outDir, ref)));
      if (missing.length) throw new Error(`dist/ lacks files named by manifest.json: ${missing.join(', ')}`);
    },
  };
}

export default defineConfig({
  root: resolve(root, 'extension'),
  base: '',
  oxc: { jsx },
  plugins: [chromeExtension()],
  define: { __POCKET_WEB_LLM_LIBS__: JSON.stringify(webLlmLibs.map((lib) => lib.file)), __POCKET_BUILD__: JSON.stringify(buildId) },
  worker: { format: 'es' },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'chrome124',
    sourcemap: true,
    minify: false,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 8000,
    rolldownOptions: {
      input: {
        background: resolve(root, 'extension/background/index.ts'),
        popup: resolve(root, 'extension/popup/index.html'),
        sidepanel: resolve(root, 'extension/sidepanel/index.html'),
        offscreen: resolve(root, 'extension/offscreen/index.html'),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'background' ? 'background.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
});
