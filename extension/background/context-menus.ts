import type { MenuClick, MenuItem } from '../platform/index.ts';
import type { Feature } from '../protocol/schemas.ts';
import { openPanelFor, type PanelOpening } from './side-panel.ts';

/** Wherever the user right-clicks on a page (a link, an image, a field, a selection, a frame), it can be automated. */
export const AUTOMATE_CONTEXTS: MenuItem['contexts'] = ['page', 'link', 'image', 'editable', 'selection', 'frame'];

export const menuItems: (MenuItem & { feature: Feature })[] = [
  { id: 'automate-page', title: 'Automate on this page…', contexts: AUTOMATE_CONTEXTS, feature: 'automate' },
  { id: 'solve-math', title: 'Solve with Pocket SLM', contexts: ['selection'], feature: 'math' },
  { id: 'continue-story', title: 'Continue this story', contexts: ['selection'], feature: 'story' },
];

export function handleMenuClick(click: MenuClick): Promise<PanelOpening> | undefined {
  const item = menuItems.find((candidate) => candidate.id === click.menuItemId);
  if (!item || click.tabId === undefined || click.tabId < 0) return undefined;
  // A selection of only spaces is no selection: Math and Story would take the spaces for the problem or the prompt.
  return openPanelFor(click.tabId, item.feature, click.selectionText?.trim() ?? '');
}
