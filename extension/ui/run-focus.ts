import { useEffect, useRef } from 'preact/hooks';

/**
 * A start button that disables itself while its run goes leaves the keyboard focus on nothing (the page body): for a
 * run started here (`pressed()` from the button's handler), the focus goes to Stop once Stop can be pressed, and back
 * to the start button when the run ends. A panel reopened on a running run leaves the focus alone (a stray Enter must
 * not stop it).
 */
export function useRunFocus(running: boolean, stopReady: boolean) {
  const start = useRef<HTMLButtonElement>(null);
  const stop = useRef<HTMLButtonElement>(null);
  const phase = useRef<'idle' | 'pressed' | 'running'>('idle');
  useEffect(() => {
    if (phase.current === 'idle') return;
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
  return { start, stop, pressed: () => void (phase.current = 'pressed') };
}
