/**
 * The model host's automation handlers: AutomationRuns wired to the real world — the page through the background
 * (`page.document`, `page.act`, `page.highlight`), a sandbox iframe in the host document, the site document in Dexie.
 */
import { request, unanswered } from '../../platform/index.ts';
import { DisconnectedError } from '../../protocol/errors.ts';
import type { Handlers } from '../../protocol/dispatcher.ts';
import type { GenerateRequestPayload, GenerateResult } from '../../protocol/schemas.ts';
import { SandboxHost } from '../../sandbox/host.ts';
import { resolveModel } from '../../../models/registry.ts';
import { readSetting, writeSetting } from '../../storage/settings.ts';
import { database } from '../../storage/db.ts';
import { AutomationRuns, type RunStore } from './run-host.ts';
import type { RunState } from './run-state.ts';
import { otherPageNames, recordNavigation, routeTo } from './site-routes.ts';

/** What each tab's run was last said to wait for (the toolbar button's mark is set only when it changes). */
const toldWaiting = new Map<number, string>();

/** A run waiting for the user marks its tab's toolbar button, so a closed side panel is not a silent stall. */
function tellWaiting(state: RunState): void {
  const waiting = state.status !== 'running' ? '' : state.confirm ? 'confirm' : state.question ? 'question' : state.step ? 'step' : '';
  if ((toldWaiting.get(state.tabId) ?? '') === waiting) return;
  toldWaiting.set(state.tabId, waiting);
  void request('automate.waiting', { tabId: state.tabId, waiting }).catch(() => undefined);
}

/** Each tab's last run in Dexie's settings table (`automate.run.<tabId>`). */
const settingsStore: RunStore = {
  load: async (tabId) => {
    const stored = await readSetting<RunState | null>(`automate.run.${tabId}`, null);
    // Read from storage, a "running" run is not live in this host (it restarted): a mark it left on the toolbar button
    // is stale.
    if (stored?.status === 'running') void request('automate.waiting', { tabId, waiting: '' }).catch(() => undefined);
    return stored;
  },
  save: (state) => {
    tellWaiting(state);
    return writeSetting(`automate.run.${state.tabId}`, state);
  },
  remove: (tabId) => {
    toldWaiting.delete(tabId);
    return database().settings.delete(`automate.run.${tabId}`);
  },
};

export function automationRuns(generate: (request: GenerateRequestPayload, signal: AbortSignal) => Promise<GenerateResult>): Handlers {
  let sandbox: Promise<SandboxHost> | undefined;
  const runs = new AutomationRuns({
    generate,
    model: (id) => resolveModel(id),
    readDocument: (tabId) => request('page.document', { tabId }),
    act: (tabId, act) => request('page.act', { tabId, ...act }).catch((error: unknown) => {
      // The answer lost on the way back (the background stopped mid-action): the action may well have happened.
      if (!unanswered(error)) throw error;
      throw new DisconnectedError(`the connection to the page was lost during this ${act.action} (the browser restarted the extension's background): it may have been done on the page; nothing more is done there`);
    }),
    highlight: (tabId, locators) => request('page.highlight', { tabId, locators }),
    sandbox: async () => {
      sandbox ??= SandboxHost.create(document.body);
      sandbox.catch(() => { sandbox = undefined; });
      const host = await sandbox;
      if (host.usable) return host;
      // The last run outlived its watchdog (stuck in one step): runs for every tab go to a fresh sandbox.
      host.dispose();
      sandbox = SandboxHost.create(document.body);
      return sandbox;
    },
    otherPageNames, route: routeTo, onNavigated: recordNavigation, store: settingsStore,
  });
  return {
    'host.automate.start': (payload) => runs.start(payload),
    'host.automate.state': ({ tabId }) => runs.state(tabId),
    'host.automate.respond': ({ runId, ...reply }) => {
      runs.respond(runId, reply);
      return {};
    },
    'host.automate.stop': ({ runId }) => {
      runs.stop(runId);
      return {};
    },
    'host.automate.tabClosed': async ({ tabId }) => {
      await runs.forgetTab(tabId);
      return {};
    },
  };
}
