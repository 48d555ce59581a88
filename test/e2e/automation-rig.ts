import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { serveStatic } from '../../scripts/lib/static-server.mjs';
import { launchExtension, repoRoot, tabIdOf, type ExtensionHarness } from './browser.ts';
import { afterAll, beforeAll, expect } from 'vitest';
import { envelope, installReplayModel, sendFromPage } from './helpers.ts';
import { startModelServer } from '../support/model-server.ts';
import type { PageDocument } from '../../extension/protocol/schemas.ts';

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

/** What `automate.state` tells of a run, as the tests below read it. */
export interface KnownRunState {
  runId: string;
  phase: string;
  confirm?: { id: number; label?: string; reason?: string } | null;
  report?: KnownReport;
}

export interface KnownReport {
  status: string;
  result?: unknown;
  renamed?: Array<{ from: string; to: string }>;
  attempts: Array<{ failure?: { name: string; message: string } }>;
}

export interface KnownRunOptions {
  /** The task the start request names (the scripted model is not asked: the script is known). */
  task?: string;
  /** Each confirmation: answered yes or no, or none may be asked (the test fails if one is). Default: yes. */
  confirm?: 'yes' | 'no' | 'never';
  /** More of the start request (a saved script's `knownLists`…). */
  start?: Record<string, unknown>;
  timeoutMs?: number;
}

/**
 * Runs `script` as a known script (no model call, no repair) on the tab `tabId` through `automate.start`, sent from
 * `panel` (an extension page), and waits for the run to finish: its report, and the confirmations it asked
 * ("label: reason"), in order.
 */
export async function runKnown(panel: Page, tabId: number, script: string, options: KnownRunOptions = {}): Promise<{ report: KnownReport; asked: string[] }> {
  const task = options.task ?? 'use the page';
  const started = await sendFromPage(panel, envelope('automate.start', { tabId, task, model: REPLAY, maxRepairs: 0,
    known: { plan: task, elements: [], script }, ...options.start })) as { ok: boolean; payload?: { runId: string }; error?: unknown };
  expect(started.ok, JSON.stringify(started.error)).toBe(true);
  const runId = started.payload!.runId;
  const state = async () => ((await sendFromPage(panel, envelope('automate.state', { tabId }))) as { payload: { run: KnownRunState } }).payload.run;
  const asked: string[] = [];
  const answered = new Set<number>();
  const answer = options.confirm ?? 'yes';
  await expect.poll(async () => {
    const run = await state();
    if (run.confirm && !answered.has(run.confirm.id)) {
      expect(answer, `no confirmation is asked for (asked: ${run.confirm.label ?? ''})`).not.toBe('never');
      answered.add(run.confirm.id);
      asked.push(`${run.confirm.label ?? ''}: ${run.confirm.reason ?? ''}`);
      await sendFromPage(panel, envelope('automate.respond', { runId, confirm: { id: run.confirm.id, ok: answer === 'yes' } }));
    }
    return run.phase;
  }, { timeout: options.timeoutMs ?? 60_000, interval: 200 }).toBe('finished');
  return { report: (await state()).report!, asked };
}

/** A report's status, result and last failure (name and message), as the tests compare them. */
export function outcomeOf(report: KnownReport): { status: string; result?: unknown; failure?: { name: string; message: string } } {
  const failure = report.attempts.at(-1)?.failure;
  return { status: report.status, result: report.result, ...(failure ? { failure: { name: failure.name, message: failure.message } } : {}) };
}

export interface AppRig {
  rig: AutomationRig;
  panel: Page;
  tab: Page;
  tabId: number;
  /** The tab's page document, read once it loaded. */
  doc: PageDocument;
}

/** The automation rig with a side panel and a tab on one of our fixture apps (`/apps/<path>`), its document read. */
export async function openAppRig(path: string): Promise<AppRig> {
  const rig = await startAutomationRig();
  try {
    const panel = await rig.harness.openExtensionPage('sidepanel/index.html');
    return { rig, panel, ...await openTabOn({ rig, panel }, `/apps/${path}`) };
  } catch (error) {
    await rig.close();
    throw error;
  }
}

export interface PanelRig {
  rig: AutomationRig;
  /** A side panel page: where `automate.start`, `automate.state` and `page.document` are sent from. */
  panel: Page;
}

/**
 * The automation rig with a side panel, for a whole test file: started before its tests, closed after them. Its fields
 * are set once the tests run (read them inside tests, not at the file's top level).
 */
export function usePanelRig(): PanelRig {
  const held = {} as PanelRig;
  beforeAll(async () => {
    held.rig = await startAutomationRig();
    held.panel = await held.rig.harness.openExtensionPage('sidepanel/index.html');
  }, 120_000);
  afterAll(async () => {
    await held.rig?.close();
  });
  return held;
}

/** openAppRig for a whole test file, as usePanelRig. */
export function useAppRig(path: string): AppRig {
  const app = {} as AppRig;
  beforeAll(async () => {
    Object.assign(app, await openAppRig(path));
  }, 120_000);
  afterAll(async () => {
    await app.rig?.close();
  });
  return app;
}

/** A new tab on `path` of the served pages and its page document, read from the panel. */
export async function openTabOn({ rig, panel }: PanelRig, path: string): Promise<{ tab: Page; tabId: number; doc: PageDocument }> {
  const tab = await rig.harness.context.newPage();
  await tab.goto(rig.pages.url(path));
  const tabId = await tabIdOf(rig.harness, tab);
  const reply = await sendFromPage(panel, envelope('page.document', { tabId })) as { ok: boolean; payload: PageDocument };
  expect(reply.ok).toBe(true);
  return { tab, tabId, doc: reply.payload };
}
