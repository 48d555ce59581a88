import type { MenuClick, MenuItem } from '../platform/index.ts';
import type { Feature } from '../protocol/schemas.ts';
import { openPanelFor, type PanelOpening } from './side-panel.ts';

/** Wherever the user right-clicks on a page (a link, an image, a field, a selection, a frame), it can be automated. */
export const AUTOMATE_CONTEXTS: MenuItem['contexts'] = ['page', 'link', 'image', 'editable', 'selection', 'frame'];

/**
 * The documents the items are offered on. Not on the extension's own pages (the popup, the side panel), where a click
 * comes without a tab and would do nothing (exploratory test, session 23). Automate reads and acts on the page: web
 * pages and local files. Math and Story need only the selected text, so they are offered on a data: page too.
 */
export const PAGE_PATTERNS = ['http://*/*', 'https://*/*', 'file:///*'];
export const SELECTION_PATTERNS = [...PAGE_PATTERNS, 'data:*'];

export const menuItems: (MenuItem & { feature: Feature })[] = [
  { id: 'automate-page', title: 'Automate on this page…', contexts: AUTOMATE_CONTEXTS, documentUrlPatterns: PAGE_PATTERNS, feature: 'automate' },
  { id: 'solve-math', title: 'Solve with Pocket SLM', contexts: ['selection'], documentUrlPatterns: SELECTION_PATTERNS, feature: 'math' },
  { id: 'continue-story', title: 'Continue this story', contexts: ['selection'], documentUrlPatterns: SELECTION_PATTERNS, feature: 'story' },
];

/** The items as Chrome registers them. */
export const menuRegistrations = (): MenuItem[] =>
  menuItems.map(({ id, title, contexts, documentUrlPatterns }) => ({ id, title, contexts, ...(documentUrlPatterns ? { documentUrlPatterns } : {}) }));

const schemeOf = (url: string | undefined) => /^([a-z][a-z0-9+.-]{0,31}):/i.exec(url ?? '')?.[1]?.toLowerCase();

export function handleMenuClick(click: MenuClick): Promise<PanelOpening> | undefined {
  const item = menuItems.find((candidate) => candidate.id === click.menuItemId);
  if (!item || click.tabId === undefined || click.tabId < 0) return undefined;
  // A selection of only spaces is no selection: Math and Story would take the spaces for the problem or the prompt.
  // Automate does not take it for its task: text on the page is no instruction from the user (it may be written to
  // steer a model), so it is not handed over at all.
  const text = item.feature === 'automate' ? '' : click.selectionText?.trim() ?? '';
  return openPanelFor(click.tabId, item.feature, text, schemeOf(click.pageUrl));
}
