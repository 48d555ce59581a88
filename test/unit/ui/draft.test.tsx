// @vitest-environment happy-dom
import { expect, test, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { clearDrafts, persistDrafts, useDraft } from '../../../extension/ui/draft.ts';

/** A panel unmounted by a tab switch and mounted again finds what was typed; an intent's text still wins. */
let setText: (value: string) => void = () => undefined;
function Panel({ override }: { override?: string }) {
  const [text, set] = useDraft('test.task', '', override);
  setText = set;
  return <p>{text}</p>;
}

test('a draft survives unmounting; an override replaces it', () => {
  clearDrafts();
  const root = document.createElement('div');
  act(() => render(<Panel />, root));
  act(() => setText('search for invoices'));
  act(() => render(null, root));
  act(() => render(<Panel />, root));
  expect(root.textContent).toBe('search for invoices');
  act(() => render(null, root));
  act(() => render(<Panel override="from the menu" />, root));
  expect(root.textContent).toBe('from the menu');
});

test('drafts are kept in storage between openings: read back before the first render; tab-bound ones only for the session', async () => {
  vi.useFakeTimers();
  try {
    clearDrafts();
    const areas: Record<string, Record<string, unknown>> = { local: {}, session: {} };
    const store = { load: async (area: 'local' | 'session') => areas[area], save: async (area: 'local' | 'session', values: Record<string, unknown>) => void (areas[area] = values) };
    await persistDrafts(store);
    const root = document.createElement('div');
    act(() => render(<Panel />, root));
    act(() => setText('solve 2 + 2'));
    function TabTask() {
      useDraft('automate.task.7', 'archive newsletters');
      return null;
    }
    act(() => render(<><Panel /><TabTask /></>, root));
    await vi.advanceTimersByTimeAsync(1000);
    expect(areas).toEqual({ local: { 'test.task': 'solve 2 + 2' }, session: { 'automate.task.7': 'archive newsletters' } });
    // Another opening (a new page: nothing in memory) finds them.
    act(() => render(null, root));
    clearDrafts();
    await persistDrafts(store);
    act(() => render(<Panel />, root));
    expect(root.textContent).toBe('solve 2 + 2');
    // Storage that fails leaves the defaults, not an error.
    clearDrafts();
    await persistDrafts({ load: async () => { throw new Error('gone'); }, save: async () => { throw new Error('full'); } });
    act(() => render(null, root));
    act(() => render(<Panel />, root));
    expect(root.textContent).toBe('');
    act(() => setText('x'));
    await vi.advanceTimersByTimeAsync(1000);
  } finally {
    vi.useRealTimers();
  }
});
