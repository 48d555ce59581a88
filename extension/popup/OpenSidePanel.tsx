import { useEffect, useState } from 'preact/hooks';
import { activeTabId, currentWindowId, openSidePanelFromClick } from '../platform/index.ts';
import { panelPathFor } from '../background/side-panel.ts';

type Target = { tabId: number; path: string } | { windowId: number };

/**
 * The popup's way to the side panel (session 22: only the right-click menu, Alt+Shift+P and Chrome's own menu had
 * one). It opens the panel on the tab the popup was opened over, bound to it as the shortcut does; with no such tab
 * known, for the window. The target is read when the popup opens: Chrome takes sidePanel.open only in the click.
 */
export function OpenSidePanel() {
  const [target, setTarget] = useState<Target | undefined>();
  const [said, setSaid] = useState('');
  useEffect(() => {
    void Promise.all([activeTabId().catch(() => undefined), currentWindowId()]).then(([tabId, windowId]) =>
      setTarget(tabId !== undefined ? { tabId, path: panelPathFor(tabId) } : windowId !== undefined ? { windowId } : undefined));
  }, []);
  const open = () => {
    if (!target) return setSaid('The popup is still finding its window: try again in a moment, or press Alt+Shift+P on the page.');
    setSaid('');
    openSidePanelFromClick(target).then(
      () => setSaid('Opened the side panel.'),
      (error: unknown) => setSaid(`Chrome did not open the side panel (${error instanceof Error ? error.message : String(error)}): press Alt+Shift+P on the page, or use its right-click menu.`),
    );
  };
  return (
    <nav aria-label="Other views" class="popup-views" data-testid="open-side-panel" style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px', padding: '8px 12px 0' }}
      data-target={target ? ('tabId' in target ? `tab:${target.tabId}` : `window:${target.windowId}`) : ''}>
      <button type="button" onClick={open} title="Open Pocket SLM in the side panel, on this tab's page (Alt+Shift+P)">Open side panel</button>
      <p role="status" class="muted" style={{ margin: 0, overflowWrap: 'anywhere' }}>{said}</p>
    </nav>
  );
}
