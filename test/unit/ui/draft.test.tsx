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
    let setTask: (value: string) => void = () => undefined;
    let setParams: (value: Record<string, string>) => void = () => undefined;
    function TabTask() {
      [, setTask] = useDraft('automate.task.7', '');
      [, setParams] = useDraft<Record<string, string>>('automate.params.7', {});
      return null;
    }
    act(() => render(<><Panel /><TabTask /></>, root));
    await vi.advanceTimersByTimeAsync(1000);
    // Untouched defaults are not written (a later version's defaults then reach the user).
    expect(areas).toEqual({ local: {}, session: {} });
    act(() => setText('solve 2 + 2'));
    act(() => setTask('archive newsletters'));
    act(() => setParams({ password: 'hunter2' }));
    await vi.advanceTimersByTimeAsync(1000);
    // A saved script's parameters (maybe a password) are never written.
    expect(areas).toEqual({ local: { 'test.task': 'solve 2 + 2' }, session: { 'automate.task.7': 'archive newsletters' } });
    // Another opening (a new page: nothing in memory) finds them.
    act(() => render(null, root));
    clearDrafts();
    await persistDrafts(store);
    act(() => render(<Panel />, root));
    expect(root.textContent).toBe('solve 2 + 2');
    // A second page open at the same time (the side panel) writes only what it changed: both drafts stay.
    areas.local = { ...areas.local, 'other.page': 'from the side panel' };
    act(() => setText('solve 3 + 3'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(areas.local).toEqual({ 'test.task': 'solve 3 + 3', 'other.page': 'from the side panel' });
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

test('a stored settings draft from another version: new fields get their defaults, dropped or mistyped ones go', async () => {
  clearDrafts();
  await persistDrafts({
    load: async (area) => (area === 'local' ? { 'test.settings': { method: 'direct', samples: 'many', retired: true, judge: 'm2' } } : undefined),
    save: async () => undefined,
  });
  let seen: unknown;
  function Settings() {
    [seen] = useDraft('test.settings', { method: 'cot', samples: 5, shots: 4 });
    return null;
  }
  act(() => render(<Settings />, document.createElement('div')));
  expect(seen).toEqual({ method: 'direct', samples: 5, shots: 4, judge: 'm2' });
});
