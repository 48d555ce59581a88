import { expect, test, vi } from 'vitest';

const stored = vi.hoisted(() => new Map<string, unknown>());
vi.mock('../../extension/platform/index.ts', () => ({
  bindSidePanel: vi.fn(async () => undefined),
  openSidePanel: vi.fn(async () => undefined),
  sessionSet: vi.fn(async (key: string, value: unknown) => void stored.set(key, value)),
}));
import { handleMenuClick, menuItems } from '../../extension/background/context-menus.ts';

test('"Automate on this page…" is offered wherever the page is right-clicked, not on its background only (exploratory test, session 21)', () => {
  expect(menuItems.find((item) => item.id === 'automate-page')!.contexts).toEqual(['page', 'link', 'image', 'editable', 'selection', 'frame']);
  // The selection items stay as they were.
  expect(menuItems.filter((item) => item.id !== 'automate-page').map((item) => [item.id, item.contexts]))
    .toEqual([['solve-math', ['selection']], ['continue-story', ['selection']]]);
});

test('a selection of only spaces is handed over as no selection; a selection is handed over trimmed (exploratory test, session 21)', async () => {
  await handleMenuClick({ menuItemId: 'solve-math', tabId: 7, selectionText: ' \n\t ' });
  expect(stored.get('panel-intent:7')).toMatchObject({ feature: 'math', text: '' });
  await handleMenuClick({ menuItemId: 'continue-story', tabId: 7, selectionText: '  Once upon a time \n' });
  expect(stored.get('panel-intent:7')).toMatchObject({ feature: 'story', text: 'Once upon a time' });
});
