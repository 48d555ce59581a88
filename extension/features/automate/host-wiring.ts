/**
 * The model host's automation handlers: AutomationRuns wired to the real world — the page through the background
 * (`page.document`, `page.act`, `page.highlight`), a sandbox iframe in the host document, the site document in Dexie.
 */
import { request } from '../../platform/index.ts';
import type { Handlers } from '../../protocol/dispatcher.ts';
import type { GenerateRequestPayload, GenerateResult } from '../../protocol/schemas.ts';
import { SandboxHost } from '../../sandbox/host.ts';
import { resolveModel } from '../../../models/registry.ts';
import { AutomationRuns } from './run-host.ts';
import { otherPageNames, recordNavigation, routeTo } from './site-routes.ts';

export function automationRuns(generate: (request: GenerateRequestPayload, signal: AbortSignal) => Promise<GenerateResult>): Handlers {
  let sandbox: Promise<SandboxHost> | undefined;
  const runs = new AutomationRuns({
    generate,
    model: (id) => resolveModel(id),
    readDocument: (tabId) => request('page.document', { tabId }),
    act: (tabId, act) => request('page.act', { tabId, ...act }),
    highlight: (tabId, locators) => request('page.highlight', { tabId, locators }),
    sandbox: () => {
      sandbox ??= SandboxHost.create(document.body);
      sandbox.catch(() => { sandbox = undefined; });
      return sandbox;
    },
    otherPageNames, route: routeTo, onNavigated: recordNavigation,
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
  };
}
