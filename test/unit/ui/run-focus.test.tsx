// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { useRunFocus } from '../../../extension/ui/run-focus.ts';

/** A panel's Start and Stop, as Math, Story and Probes wire them. */
function Panel({ running }: { running: boolean }) {
  const focus = useRunFocus(running, running);
  return (
    <div>
      <button type="button" id="start" ref={focus.start} disabled={running} onClick={focus.pressed}>Start</button>
      <button type="button" id="stop" ref={focus.stop} disabled={!running} onClick={focus.stopPressed}>Stop</button>
      <input id="elsewhere" />
    </div>
  );
}

const root = document.createElement('div');
const show = (running: boolean) => act(() => render(<Panel running={running} />, root));
const byId = (id: string) => root.querySelector<HTMLElement>(`#${id}`)!;

describe('useRunFocus', () => {
  test('a run started here: focus goes to Stop, and back to Start when it ends', () => {
    document.body.replaceChildren(root);
    show(false);
    byId('start').focus();
    act(() => byId('start').click());
    show(true);
    expect(document.activeElement?.id).toBe('stop');
    act(() => byId('stop').click());
    show(false);
    expect(document.activeElement?.id).toBe('start');
  });

  test('a panel reopened on a running run: Stop pressed there hands the focus to Start when the run ends', () => {
    document.body.replaceChildren(root);
    show(true);
    // Reopened: nothing takes the focus by itself (a stray Enter must not stop the run).
    expect(document.activeElement).toBe(document.body);
    byId('stop').focus();
    act(() => byId('stop').click());
    show(false);
    expect(document.activeElement?.id).toBe('start');
  });

  test('a reopened panel whose run ends by itself leaves the focus where the user put it', () => {
    document.body.replaceChildren(root);
    show(true);
    byId('elsewhere').focus();
    show(false);
    expect(document.activeElement?.id).toBe('elsewhere');
  });

  test('a reopened panel whose run ends by itself does not grab the focus from nowhere', () => {
    document.body.replaceChildren(root);
    show(true);
    show(false);
    expect(document.activeElement).toBe(document.body);
  });
});
