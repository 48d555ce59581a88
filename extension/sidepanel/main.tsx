import { render } from 'preact';
import { activeTabId, draftStore, onActiveTabChanged, onSessionChange, request } from '../platform/index.ts';
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

function showFor(tabId: number | undefined): () => void {
  const show = (intent: PanelIntent | null) =>
    render(<App key={`${tabId ?? 'none'}:${intent?.createdAt ?? 0}`} surface="sidepanel" tabId={tabId} intent={intent} />,
      document.getElementById('root')!);
  const take = async () => (tabId === undefined ? null : (await request('panel.intent', { tabId }).catch(() => ({ intent: null }))).intent);
  // Already open when the user picks another menu item on this tab: the panel switches to what was asked. (Listening
  // before the first read: an intent stored while the panel loads is not missed; reading uses it up, so once only.)
  const stop = tabId === undefined ? () => undefined
    : onSessionChange(intentKey(tabId), () => void take().then((intent) => intent && show(intent)));
  void take().then(show);
  return stop;
}

async function start() {
  await persistDrafts(draftStore).catch(() => undefined);
  const bound = boundTabParam();
  if (bound !== undefined) {
    showFor(bound);
    return;
  }
  // Chrome's own side-panel menu opens the panel for the whole window: it works on whichever tab is shown.
  let current: number | undefined;
  let switched = false;
  let stop = () => undefined as void;
  const follow = (tabId: number | undefined) => {
    if (tabId === current && tabId !== undefined) return;
    current = tabId;
    stop();
    stop = showFor(tabId);
  };
  onActiveTabChanged((tabId) => {
    switched = true;
    follow(tabId);
  });
  const first = await activeTabId();
  if (!switched) follow(first);
}

void start();
