// @vitest-environment happy-dom
import { expect, test } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { clearDrafts, useDraft } from '../../../extension/ui/draft.ts';

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
