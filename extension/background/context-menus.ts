import type { MenuClick, MenuItem } from '../platform/index.ts';
import type { Feature } from '../protocol/schemas.ts';
import { openPanelFor, type PanelOpening } from './side-panel.ts';

export const menuItems: (MenuItem & { feature: Feature })[] = [
  { id: 'automate-page', title: 'Automate on this page…', contexts: ['page'], feature: 'automate' },
  { id: 'solve-math', title: 'Solve with Pocket SLM', contexts: ['selection'], feature: 'math' },
  { id: 'continue-story', title: 'Continue this story', contexts: ['selection'], feature: 'story' },
];

export function handleMenuClick(click: MenuClick): Promise<PanelOpening> | undefined {
  const item = menuItems.find((candidate) => candidate.id === click.menuItemId);
  if (!item || click.tabId === undefined || click.tabId < 0) return undefined;
  return openPanelFor(click.tabId, item.feature, click.selectionText ?? '');
}
