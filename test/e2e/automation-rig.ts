import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { serveStatic } from '../../scripts/lib/static-server.mjs';
import { launchExtension, repoRoot, type ExtensionHarness } from './browser.ts';
import { installReplayModel } from './helpers.ts';
import { startModelServer } from '../support/model-server.ts';

/** The scripted model the automation tests choose: canned answers keyed on the prompt (workers/engines/replay.ts). */
export const REPLAY = 'automate-replay';

export interface AutomationRig {
  harness: ExtensionHarness;
  /** The demo app under /demo/ and the fixture apps under /apps/. */
  pages: Awaited<ReturnType<typeof serveStatic>>;
  close(): Promise<void>;
}

/** Chromium with the extension, the replay model installed through the Models tab, and the apps served. */
export async function startAutomationRig(): Promise<AutomationRig> {
  const replayBytes = new Uint8Array(readFileSync(`${repoRoot}/test/fixtures/apps/automate-replay.json`));
  const server = await startModelServer({ [`/${REPLAY}/replay.json`]: { body: replayBytes } });
  const pages = await serveStatic({ '/demo/': `${repoRoot}/demo`, '/apps/': `${repoRoot}/test/fixtures/apps` });
  const harness = await launchExtension();
  const popup = await harness.openExtensionPage('popup/index.html');
  await installReplayModel(popup, server.origin, REPLAY, replayBytes.length, 'Automation replay (canned answers)');
  await popup.close();
  return {
    harness, pages,
    async close() {
      await harness.close();
      await server.close();
      await pages.close();
    },
  };
}

/** The real page snapshots (shared/data/readability-pages). */
export const SNAPSHOT_PAGES = resolve(repoRoot, '../shared/data/readability-pages/pages');

export interface SnapshotRig {
  rig: AutomationRig;
  /** The snapshots under /pages/. */
  snapshots: Awaited<ReturnType<typeof serveStatic>>;
  /** A side panel page: where `automate.start` and `automate.state` are sent from. */
  panel: Page;
  close(): Promise<void>;
}

/** The automation rig with the real page snapshots served and a side panel open. */
export async function startSnapshotRig(): Promise<SnapshotRig> {
  const rig = await startAutomationRig();
  const snapshots = await serveStatic({ '/pages/': SNAPSHOT_PAGES });
  const panel = await rig.harness.openExtensionPage('sidepanel/index.html');
  return {
    rig, snapshots, panel,
    async close() {
      await rig.close();
      await snapshots.close();
    },
  };
}
