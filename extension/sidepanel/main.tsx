import { render } from 'preact';
import { activeTabIdInCurrentWindow, draftStore, onActiveTabChanged, onSessionChange, request } from '../platform/index.ts';
import { intentKey } from '../background/side-panel.ts';
import type { PanelIntent } from '../protocol/schemas.ts';
import { App } from '../ui/App.tsx';
import { persistDrafts } from '../ui/draft.ts';

/** The background binds the panel to a tab by opening it at `?tab=ID`; opened plainly, it follows the active tab. */
function boundTabParam(): number | undefined {
  const param = new URLSearchParams(location.search).get('tab');
  const tabId = param === null ? Number.NaN : Number(param);
  return Number.isInteger(tabId) && tabId >= 0 ? tabId : undefined;
}

function show(tabId: number | undefined, intent: PanelIntent | null) {
  render(<App key={`${tabId ?? 'none'}:${intent?.createdAt ?? 0}`} surface="sidepanel" tabId={tabId} intent={intent} />,
    document.getElementById('root')!);
}

/**
 * The panel bound to `tabId`, the one the background opens for a menu item or the shortcut: it takes what was asked
 * for its tab. Only this panel does: a window-wide panel following the same tab (hidden behind this one, or left
 * following it from an earlier switch) would use the intent up first, and the panel shown would open empty
 * (exploratory test, session 23).
 */
function showBound(tabId: number) {
  const take = async () => (await request('panel.intent', { tabId }).catch(() => ({ intent: null }))).intent;
  // Already open when the user picks another menu item on this tab: the panel switches to what was asked. (Listening
  // before the first read: an intent stored while the panel loads is not missed; reading uses it up, so once only.)
  onSessionChange(intentKey(tabId), () => void take().then((intent) => intent && show(tabId, intent)));
  void take().then((intent) => show(tabId, intent));
}

async function start() {
  await persistDrafts(draftStore).catch(() => undefined);
  const bound = boundTabParam();
  if (bound !== undefined) {
    showBound(bound);
    return;
  }
  // Chrome's own side-panel menu opens the panel for the whole window: it works on whichever tab is shown there, and
  // takes no intent (a menu item binds and opens the tab's own panel, which takes it).
  let current: number | undefined;
  let switched = false;
  const follow = (tabId: number | undefined) => {
    if (tabId === current && tabId !== undefined) return;
    current = tabId;
    show(tabId, null);
  };
  onActiveTabChanged((tabId) => {
    switched = true;
    follow(tabId);
  });
  // The tab shown in this panel's own window, not in the window focused last (exploratory test, session 23).
  const first = await activeTabIdInCurrentWindow();
  if (!switched) follow(first);
}

void start();
