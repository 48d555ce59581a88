import { GUARD_FRAMES_EVENT, SCRIPT_SUBMIT_EVENT } from './events.ts';

/**
 * Runs in the page's own JavaScript world (`world: 'MAIN'`), injected with the content script. `form.submit()` fires
 * no submit event, so a page handler calling it during one of our actions would send a POST form unconfirmed: here it
 * first dispatches a cancelable event at the form, which the executor cancels while an unconfirmed action runs (and
 * then asks the user). Outside our actions nobody listens and the page's submit goes through unchanged. The executor
 * sends a confirmed submission from its own world, whose `submit` is the browser's.
 */
const GUARDED = Symbol.for('pocket-slm.submit-guard');
/** Injected again with every request the content script gets: the window is set up once. */
const READY = Symbol.for('pocket-slm.submit-guard.ready');

function guard(win: Window): void {
  try {
    const proto = (win as Window & typeof globalThis).HTMLFormElement.prototype as HTMLFormElement & { [GUARDED]?: true };
    if (proto[GUARDED]) return;
    const original = proto.submit;
    // Taken now: a page's later polyfill of CustomEvent does not reach the guard. (A page that patches dispatchEvent
    // to defeat it gains nothing: it could always send its own forms' data itself. The guard is for honest pages.)
    const GuardEvent = (win as Window & typeof globalThis).CustomEvent;
    Object.defineProperty(proto, GUARDED, { value: true });
    Object.defineProperty(proto, 'submit', {
      configurable: true, enumerable: true, writable: true,
      value: function submit(this: HTMLFormElement) {
        const proceed = this.dispatchEvent(new GuardEvent(SCRIPT_SUBMIT_EVENT, { bubbles: true, composed: true, cancelable: true }));
        if (proceed) original.call(this);
      },
    });
  } catch {
    // A frame of another origin: out of reach here, and out of the executor's reach too.
  }
}

function guardFrames(win: Window): void {
  for (let i = 0; i < win.frames.length; i++) {
    const frame = win.frames[i]!;
    guard(frame);
    try {
      guardFrames(frame);
    } catch {
      // another origin
    }
  }
}

const scope = window as Window & { [READY]?: true };
if (!scope[READY]) {
  Object.defineProperty(scope, READY, { value: true });
  guard(window);
  document.addEventListener(GUARD_FRAMES_EVENT, () => guardFrames(window), true);
}
