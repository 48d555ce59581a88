import { useEffect, useRef } from 'preact/hooks';

/**
 * A start button that disables itself while its run goes leaves the keyboard focus on nothing (the page body): for a
 * run started here (`pressed()` from the button's handler), the focus goes to Stop once Stop can be pressed, and back
 * to the start button when the run ends. A panel reopened on a running run leaves the focus alone (a stray Enter must
 * not stop it) until Stop is pressed there (`stopPressed()` from Stop's handler): Stop then disables itself, and the
 * focus goes to the start button when the run ends, as for a run started here.
 */
/** How soon after the press its run shows as running (the host stores it first). */
const PRESS_STARTS_WITHIN_MS = 10_000;

export function useRunFocus(running: boolean, stopReady: boolean) {
  const start = useRef<HTMLButtonElement>(null);
  const stop = useRef<HTMLButtonElement>(null);
  const phase = useRef<'idle' | 'pressed' | 'running'>('idle');
  const pressedAt = useRef(0);
  useEffect(() => {
    if (phase.current === 'idle') return;
    // A press that started nothing (an empty problem) does not claim a run started later, elsewhere.
    if (phase.current === 'pressed' && Date.now() - pressedAt.current > PRESS_STARTS_WITHIN_MS) {
      phase.current = 'idle';
      return;
    }
    // A focused button that became disabled may still be the active element until the browser moves the focus.
    const active = document.activeElement;
    const lost = active === null || active === document.body || (active as HTMLButtonElement).disabled === true;
    if (running) {
      phase.current = 'running';
      if (stopReady && lost) stop.current?.focus();
    } else if (phase.current === 'running') {
      phase.current = 'idle';
      if (lost) start.current?.focus();
    }
  }, [running, stopReady]);
  return {
    start, stop,
    pressed: () => {
      phase.current = 'pressed';
      pressedAt.current = Date.now();
    },
    stopPressed: () => {
      phase.current = 'running';
    },
  };
}
