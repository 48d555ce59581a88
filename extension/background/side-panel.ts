import { bindSidePanel, openSidePanel, sessionGet, sessionRemove, sessionSet } from '../platform/index.ts';
import type { Feature, PanelIntent } from '../protocol/schemas.ts';

export const intentKey = (tabId: number) => `panel-intent:${tabId}`;
export const panelPathFor = (tabId: number) => `sidepanel/index.html?tab=${tabId}`;

export interface PanelOpening {
  path: string;
  opened: boolean;
  /** Chrome refuses sidePanel.open outside a user gesture; the binding still holds for the next open. */
  openError?: string;
}

/**
 * Binds the side panel of `tabId` to that tab and opens it. Must be called synchronously from the gesture's listener:
 * setOptions and open are both issued before the first await, in that order.
 */
export async function openPanelFor(tabId: number, feature: Feature, text: string, pageScheme?: string): Promise<PanelOpening> {
  const path = panelPathFor(tabId);
  const binding = bindSidePanel(tabId, path);
  const opening = openSidePanel(tabId).then(
    () => ({ opened: true }),
    (error: unknown) => ({ opened: false, openError: error instanceof Error ? error.message : String(error) }),
  );
  const intent: PanelIntent = { feature, text: text.slice(0, 20_000), createdAt: Date.now(), ...(pageScheme ? { pageScheme } : {}) };
  await Promise.all([binding, sessionSet(intentKey(tabId), intent)]);
  return { path, ...(await opening) };
}

/** The intent the panel opened for, used up by reading it: a later plain open of the panel starts plain. */
export async function panelIntent(tabId: number): Promise<PanelIntent | null> {
  const intent = (await sessionGet<PanelIntent>(intentKey(tabId))) ?? null;
  if (intent) await sessionRemove(intentKey(tabId));
  return intent;
}
