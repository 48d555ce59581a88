import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { chromiumArgs, chromiumPath } from '../../scripts/lib/chromium.mjs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** A host name for the local test server that, unlike 127.0.0.1, is not a secure context (a plain-http site). */
export const INSECURE_HOST = 'insecure.pocket.test';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const distDir = resolve(repoRoot, process.env.POCKET_DIST ?? 'dist');

/**
 * The built extension as the tests load it: a copy of dist/ whose manifest also grants http://127.0.0.1/*.
 * That grant stands in for the activeTab permission a user's click (icon, menu, shortcut) gives in real use, which
 * automation cannot produce. Everything else is byte-for-byte the dist/ that ships.
 */
export function testCopyOfDist(editManifest?: (manifest: Record<string, unknown>) => void, dist = distDir): string {
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`${dist} is missing: run \`npm run build\` first.`);
  const dir = mkdtempSync(join(tmpdir(), 'pocket-slm-ext-'));
  cpSync(dist, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.host_permissions = [...(manifest.host_permissions ?? []), 'http://127.0.0.1/*', `http://${INSECURE_HOST}/*`];
  editManifest?.(manifest);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

export interface ExtensionHarness {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  extensionUrl(path: string): string;
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchExtension(options: {
  extraExtensions?: string[];
  headless?: boolean;
  /** Changes to the test copy's manifest (e.g. without unlimitedStorage, so a test can give the extension a small quota). */
  editManifest?: (manifest: Record<string, unknown>) => void;
  /** Another build than dist/ (a test that builds with different inputs). */
  dist?: string;
  /**
   * Host names answered by local test servers (`host` → `127.0.0.1:port`), for code that asks fixed addresses (web-llm
   * and Hugging Face); their self-signed certificates are accepted.
   */
  hosts?: Record<string, string>;
} = {}): Promise<ExtensionHarness> {
  const extensionDir = testCopyOfDist(options.editManifest, options.dist);
  const profile = mkdtempSync(join(tmpdir(), 'pocket-slm-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    // INSECURE_HOST is the local server under a name that is not a secure context (127.0.0.1 is one): a plain-http site.
    args: [
      ...chromiumArgs([extensionDir, ...(options.extraExtensions ?? [])]),
      `--host-resolver-rules=${[`MAP ${INSECURE_HOST} 127.0.0.1`, ...Object.entries(options.hosts ?? {}).map(([host, to]) => `MAP ${host} ${to}`)].join(', ')}`,
      ...(options.hosts ? ['--ignore-certificate-errors'] : []),
    ],
  });
  const extensionWorker = (w: Worker) => w.url().endsWith('/background.js');
  const serviceWorker = context.serviceWorkers().find(extensionWorker)
    ?? await context.waitForEvent('serviceworker', { predicate: extensionWorker, timeout: 30_000 });
  const extensionId = new URL(serviceWorker.url()).host;
  const extensionUrl = (path: string) => `chrome-extension://${extensionId}/${path}`;
  return {
    context,
    extensionId,
    serviceWorker,
    extensionUrl,
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(extensionUrl(path));
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(extensionDir, { recursive: true, force: true });
    },
  };
}

/** The tab id Chrome gave a page (found by URL; the test copy holds the host grant that makes URLs visible). */
export async function tabIdOf(harness: ExtensionHarness, page: Page): Promise<number> {
  const url = page.url();
  const id = await harness.serviceWorker.evaluate(async (target) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((tab) => tab.url === target)?.id;
  }, url);
  if (typeof id !== 'number') throw new Error(`no tab found for ${url}`);
  return id;
}
