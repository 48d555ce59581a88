// @vitest-environment happy-dom
import { beforeEach, expect, test, vi } from 'vitest';
import type { PanelIntent } from '../../extension/protocol/schemas.ts';

/** A fake browser for the side panel's entry point: two windows, the panel's own one showing tab 2. */
const fake = vi.hoisted(() => ({
  /** What the background holds for each tab (storage.session), used up by `panel.intent`. */
  intents: new Map<number, PanelIntent>(),
  sessionListeners: new Map<string, () => void>(),
  activeTabListener: undefined as ((tabId: number) => void) | undefined,
  intentReads: [] as number[],
  shown: [] as { tabId: number | undefined; intent: PanelIntent | null }[],
}));
vi.mock('../../extension/platform/index.ts', () => ({
  draftStore: {},
  request: vi.fn(async (kind: string, payload: { tabId: number }) => {
    if (kind !== 'panel.intent') throw new Error(`unexpected request ${kind}`);
    fake.intentReads.push(payload.tabId);
    const intent = fake.intents.get(payload.tabId) ?? null;
    fake.intents.delete(payload.tabId);
    return { intent };
  }),
  onSessionChange: vi.fn((key: string, listener: () => void) => {
    fake.sessionListeners.set(key, listener);
    return () => fake.sessionListeners.delete(key);
  }),
  onActiveTabChanged: vi.fn((listener: (tabId: number) => void) => {
    fake.activeTabListener = listener;
    return () => undefined;
  }),
  // Window 1 was focused last and shows tab 1; the panel is open in window 2, which shows tab 2.
  activeTabId: vi.fn(async () => 1),
  activeTabIdInCurrentWindow: vi.fn(async () => 2),
}));
vi.mock('../../extension/ui/draft.ts', () => ({ persistDrafts: async () => undefined }));
vi.mock('../../extension/ui/App.tsx', () => ({
  App: (props: { tabId: number | undefined; intent: PanelIntent | null }) => {
    fake.shown.push({ tabId: props.tabId, intent: props.intent });
    return null;
  },
}));

const solve = (text: string): PanelIntent => ({ feature: 'math', text, createdAt: Date.now() });
/** What the background does for a menu click on `tabId`: stores the intent, which storage.onChanged announces. */
function menuClick(tabId: number, intent: PanelIntent) {
  fake.intents.set(tabId, intent);
  fake.sessionListeners.get(`panel-intent:${tabId}`)?.();
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const lastShown = () => fake.shown.at(-1);

async function openPanel(search: string) {
  history.replaceState(null, '', `/sidepanel/index.html${search}`);
  document.body.innerHTML = '<div id="root"></div>';
  vi.resetModules();
  await import('../../extension/sidepanel/main.tsx');
  await settle();
}

beforeEach(() => {
  fake.intents.clear();
  fake.sessionListeners.clear();
  fake.activeTabListener = undefined;
  fake.intentReads.length = 0;
  fake.shown.length = 0;
});

test('a window-wide panel starts on the tab shown in its own window, not in the window focused last (exploratory test, session 23)', async () => {
  await openPanel('');
  expect(lastShown()?.tabId).toBe(2);
});

test('a window-wide panel never takes a menu intent: the panel bound to the tab does (exploratory test, session 23)', async () => {
  await openPanel('');
  fake.activeTabListener!(2);
  await settle();
  expect(lastShown()).toEqual({ tabId: 2, intent: null });
  // "Solve with Pocket SLM" on the tab this panel follows: Chrome shows the tab's own (bound) panel over this one.
  menuClick(2, solve('Tom has 3 apples and buys 4 more. How many?'));
  await settle();
  // Following another tab, and a menu click there (a hidden window-wide panel still follows the active tab).
  fake.activeTabListener!(3);
  await settle();
  expect(lastShown()).toEqual({ tabId: 3, intent: null });
  menuClick(3, solve('Ann has 10 pens and gives 6 away. How many are left?'));
  await settle();
  expect(fake.intentReads).toEqual([]);
  expect(fake.shown.every((shown) => shown.intent === null)).toBe(true);
  // Both intents are still there for the bound panels.
  expect([...fake.intents.keys()]).toEqual([2, 3]);

  // The panel bound to tab 2 gets what was asked there.
  await openPanel('?tab=2');
  expect(lastShown()).toMatchObject({ tabId: 2, intent: { feature: 'math', text: 'Tom has 3 apples and buys 4 more. How many?' } });
});

test('a bound panel takes its tab\'s intent on opening and each later one while open', async () => {
  fake.intents.set(5, solve('first'));
  await openPanel('?tab=5');
  expect(lastShown()).toMatchObject({ tabId: 5, intent: { text: 'first' } });
  menuClick(5, { feature: 'story', text: 'second', createdAt: Date.now() + 1 });
  await settle();
  expect(lastShown()).toMatchObject({ tabId: 5, intent: { feature: 'story', text: 'second' } });
  expect(fake.intents.size).toBe(0);
});
