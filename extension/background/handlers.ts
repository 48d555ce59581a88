import { extensionVersion, getTab, injectContentScript, onTabLoaded, requestTab, setTabBadge } from '../platform/index.ts';
import { ContentScriptError, PageUnresponsiveError, PocketError } from '../protocol/errors.ts';
import type { Handlers } from '../protocol/dispatcher.ts';
import type { RequestOf, ResponseOf } from '../protocol/messages.ts';
import { callModelHost } from './model-host.ts';
import { modelHandlers } from './models.ts';
import { panelIntent } from './side-panel.ts';
import { answerLimit, pageAnswerLimits } from './page-limits.ts';

function unresponsive(tabId: number, kind: string, ms: number): PageUnresponsiveError {
  const what = kind === 'content.act' ? 'the action' : 'a read of the page';
  return new PageUnresponsiveError(
    `the page did not answer ${what} within ${Math.round(ms / 1000)} s: it may be showing a dialog that waits for you, or be busy with a script of its own.${kind === 'content.act' ? ' What the action did after that is not known: look at the page.' : ''}`,
    { tabId, waitedMs: ms },
  );
}

/** Asks our content script in a tab, injecting it first; a tab that stays silent past its limit is a PageUnresponsiveError. */
async function askContent<K extends 'content.page.stats' | 'content.page.document' | 'content.highlight' | 'content.act'>(
  tabId: number, kind: K, payload: RequestOf<K>,
): Promise<ResponseOf<K>> {
  const ms = answerLimit(kind, payload);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unresponsive(tabId, kind, ms)), ms);
  });
  // An action carries the time the answer stops being waited for: one the page lets through later is not done.
  const asked = kind === 'content.act' ? { ...payload, answerBy: Date.now() + ms } : payload;
  try {
    return await Promise.race([answerFromContent(tabId, kind, asked), limit]);
  } finally {
    clearTimeout(timer);
  }
}

async function answerFromContent<K extends 'content.page.stats' | 'content.page.document' | 'content.highlight' | 'content.act'>(
  tabId: number, kind: K, payload: RequestOf<K>,
): Promise<ResponseOf<K>> {
  // Most asks find our content script already in the page: it is injected (with its page-world guard) only when
  // nothing answers — a new document, a reloaded extension — instead of two scripting calls and a tab lookup per ask.
  try {
    return await requestTab(tabId, kind, payload);
  } catch (error) {
    if (error instanceof PocketError) throw error;
    if (!nothingListens(error)) throw new ContentScriptError(`the page did not answer: ${error instanceof Error ? error.message : error}`, { tabId });
  }
  try {
    // Injecting on demand (activeTab or a granted host); injecting twice is harmless.
    await injectHidingNothing(tabId);
  } catch (error) {
    throw new ContentScriptError(`cannot read this page: ${error instanceof Error ? error.message : error}`, { tabId });
  }
  try {
    return await requestTab(tabId, kind, payload);
  } catch (error) {
    if (error instanceof PocketError) throw error;
    throw new ContentScriptError(`the page did not answer: ${error instanceof Error ? error.message : error}`, { tabId });
  }
}

/** Chrome's answer when a tab has no listener for us (no content script yet, or only an old build's orphaned one). */
const nothingListens = (error: unknown): boolean =>
  error instanceof Error && /Receiving end does not exist|Could not establish connection/.test(error.message);

/**
 * Injects the content script. A tab whose address Chrome hides from us is one we hold no grant for (injection fails at
 * once) or a page's source (`view-source:`), where injection never answers: that one gets a few seconds, not the
 * 30 s a busy page gets, and is named for what it is.
 */
async function injectHidingNothing(tabId: number): Promise<void> {
  const hidden = (await getTab(tabId).catch(() => undefined))?.url === undefined;
  if (!hidden) return injectContentScript(tabId);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(VIEW_SOURCE_REFUSAL)), pageAnswerLimits.hiddenInjectMs);
  });
  try {
    await Promise.race([injectContentScript(tabId), limit]);
  } finally {
    clearTimeout(timer);
  }
}
const VIEW_SOURCE_REFUSAL = 'the tab shows no address to extensions and takes no script: it is a page\'s source (view-source:) or another page Chrome keeps to itself';

/** Tabs whose toolbar mark is put back when they load a page, with the unsubscribe. */
const remarkOnLoad = new Map<number, () => void>();

/** The toolbar button's tooltip on a tab whose run waits for the user (the side panel holds the prompt). */
const WAITING_TITLES = {
  confirm: 'Pocket SLM: a run waits for you to confirm an action (open the side panel)',
  question: 'Pocket SLM: a run asks you a question (open the side panel)',
  step: 'Pocket SLM: a run waits for "Next step" (open the side panel)',
} as const;

export const backgroundHandlers: Handlers = {
  ping: (_payload, { sender }) => ({ tier: sender.tier }),
  'system.info': async () => {
    const probe = await callModelHost('host.device.probe', {});
    return {
      ...probe,
      extensionVersion: extensionVersion(),
      userAgent: navigator.userAgent,
      route: ['background', 'offscreen', 'worker'],
      measuredAt: Date.now(),
    };
  },
  'page.stats': ({ tabId }) => askContent(tabId, 'content.page.stats', {}),
  'page.document': ({ tabId, ...limits }) => askContent(tabId, 'content.page.document', limits),
  'page.highlight': ({ tabId, ...highlight }) => askContent(tabId, 'content.highlight', highlight),
  'page.act': ({ tabId, ...act }) => askContent(tabId, 'content.act', act),
  'automate.start': (payload) => callModelHost('host.automate.start', payload),
  'automate.state': (payload) => callModelHost('host.automate.state', payload),
  'automate.respond': (payload) => callModelHost('host.automate.respond', payload),
  'automate.stop': (payload) => callModelHost('host.automate.stop', payload),
  'automate.waiting': async ({ tabId, waiting }) => {
    remarkOnLoad.get(tabId)?.();
    remarkOnLoad.delete(tabId);
    // A tab gone meanwhile has no button to mark.
    const mark = () => setTabBadge(tabId, waiting ? '!' : '', waiting ? WAITING_TITLES[waiting] : undefined).catch(() => undefined);
    // Chrome clears a tab's badge when the tab loads a page: put back while the run still waits.
    if (waiting) remarkOnLoad.set(tabId, onTabLoaded(tabId, () => void mark()));
    await mark();
    return {};
  },
  'tokens.count': (payload) => callModelHost('host.tokens.count', payload),
  'panel.intent': async ({ tabId }) => ({ intent: await panelIntent(tabId) }),
  'probes.start': (payload) => callModelHost('host.probes.start', payload),
  'probes.cancel': (payload) => callModelHost('host.probes.cancel', payload),
  'probes.status': () => callModelHost('host.probes.status', {}),
  'math.start': (payload) => callModelHost('host.math.start', payload),
  'math.cancel': (payload) => callModelHost('host.math.cancel', payload),
  'math.status': () => callModelHost('host.math.status', {}),
  'story.start': (payload) => callModelHost('host.story.start', payload),
  'story.stop': (payload) => callModelHost('host.story.stop', payload),
  'story.status': () => callModelHost('host.story.status', {}),
  ...modelHandlers,
};
