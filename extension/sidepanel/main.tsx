import { render } from 'preact';
import { activeTabId, request } from '../platform/index.ts';
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
  let intent: PanelIntent | null = null;
  if (tabId !== undefined) intent = (await request('panel.intent', { tabId }).catch(() => ({ intent: null }))).intent;
  render(<App surface="sidepanel" tabId={tabId} intent={intent} />, document.getElementById('root')!);
}

void start();
