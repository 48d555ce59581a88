import type { Page } from 'playwright-core';
import { serveStatic } from '../../scripts/lib/static-server.mjs';
import { launchExtension, repoRoot, tabIdOf, type ExtensionHarness } from './browser.ts';
import { envelope, sendFromPage } from './helpers.ts';

export interface Reply { ok: boolean; payload?: { value?: unknown }; error?: { name: string; message: string; data?: Record<string, unknown> } }

export interface ExecutorRig {
  pages: Awaited<ReturnType<typeof serveStatic>>;
  /** The tab the actions go to, on `path` of the fixture apps at first. */
  page: Page;
  /** One action on the element with this id, sent from an extension page → background → content executor, as a run's. */
  act(id: string, action: string, args?: string[], extra?: Record<string, unknown>): Promise<Reply>;
  /** The tab's page document, read as a run reads it before acting. */
  read(): Promise<Reply>;
  close(): Promise<void>;
}

/** The built extension with a tab on one of our fixture apps (`/apps/<path>`), and a way to act on it. */
export async function startExecutorRig(path: string): Promise<ExecutorRig> {
  const pages = await serveStatic({ '/apps/': `${repoRoot}/test/fixtures/apps` });
  let harness: ExtensionHarness | undefined;
  try {
    harness = await launchExtension();
    const page = await harness.context.newPage();
    await page.goto(pages.url(`/apps/${path}`));
    const tabId = await tabIdOf(harness, page);
    const sender = await harness.openExtensionPage('popup/index.html');
    await page.bringToFront();
    const opened = harness;
    return {
      pages,
      page,
      act: (id, action, args = [], extra = {}) =>
        sendFromPage(sender, envelope('page.act', { tabId, action, target: { locators: [{ by: 'id', value: id }] }, args, ...extra })) as Promise<Reply>,
      read: () => sendFromPage(sender, envelope('page.document', { tabId })) as Promise<Reply>,
      close: async () => {
        await opened.close();
        await pages.close();
      },
    };
  } catch (error) {
    await harness?.close();
    await pages.close();
    throw error;
  }
}
