import { render } from 'preact';
import { activeTabId, onSessionChange, request } from '../platform/index.ts';
import { intentKey } from '../background/side-panel.ts';
import type { PanelIntent } from '../protocol/schemas.ts';
import { App } from '../ui/App.tsx';

/** The background binds the panel to a tab by opening it at `?tab=ID`; opened plainly, it follows the active tab. */
async function boundTab(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  const tabId = param === null ? Number.NaN : Number(param);
  return Number.isInteger(tabId) && tabId >= 0 ? tabId : activeTabId();
}

async function start() {
  const tabId = await boundTab();
  const show = (intent: PanelIntent | null) =>
    render(<App key={intent?.createdAt ?? 0} surface="sidepanel" tabId={tabId} intent={intent} />, document.getElementById('root')!);
  const take = async () => (tabId === undefined ? null : (await request('panel.intent', { tabId }).catch(() => ({ intent: null }))).intent);
  // Already open when the user picks another menu item on this tab: the panel switches to what was asked. (Listening
  // before the first read: an intent stored while the panel loads is not missed; reading uses it up, so once only.)
  if (tabId !== undefined) {
    onSessionChange(intentKey(tabId), () => void take().then((intent) => intent && show(intent)));
  }
  show(await take());
}

void start();
