import { BUILD_ID, GUARD_FRAMES_EVENT, REQUEST_END_EVENT, REQUEST_START_EVENT, SCRIPT_REQUEST_SUBMIT_EVENT, SCRIPT_SUBMIT_EVENT, SUBMITTING_ATTRIBUTE, UNWATCH_REQUESTS_EVENT, WATCH_REQUESTS_EVENT, WINDOW_OPEN_EVENT } from './events.ts';

/**
 * Runs in the page's own JavaScript world (`world: 'MAIN'`), injected with the content script. `form.submit()` fires
 * no submit event, so a page handler calling it during one of our actions would send a POST form unconfirmed: here it
 * first dispatches a cancelable event at the form, which the executor cancels while an unconfirmed action runs (and
 * then asks the user). `form.requestSubmit()` fires one, and so does a handler's `click()` on a submit button, but
 * inside a shadow root (a closed one too) it stays there, out of the executor's sight: it is announced the same way,
 * composed, once the browser has validated the form.
 * Outside our actions nobody listens and the page's calls go through unchanged. The executor sends a confirmed submission from its own world, whose `submit` and
 * `requestSubmit` are the browser's.
 */
/** Per build: an earlier build's guard, left in a tab open across an update, does not stop this one installing. */
const GUARDED = Symbol.for(`pocket-slm.submit-guard.${BUILD_ID}`);
/** Injected again with every request the content script gets: the window is set up once (per build). */
const READY = Symbol.for(`pocket-slm.submit-guard.ready.${BUILD_ID}`);

function guard(win: Window): void {
  try {
    const w = win as Window & typeof globalThis;
    const proto = w.HTMLFormElement.prototype as HTMLFormElement & { [GUARDED]?: true };
    if (proto[GUARDED]) return;
    const original = proto.submit;
    const originalRequest = proto.requestSubmit;
    // Taken now and called through these: a page's later polyfill does not reach the guard, and a form control named
    // `dispatchEvent`, `getRootNode`… (which hides the form's own method of that name) does not break it. (A page that
    // patches them first to defeat it gains nothing: it could always send its own forms. The guard is for honest pages.)
    const GuardEvent = w.CustomEvent;
    const dispatch = w.EventTarget.prototype.dispatchEvent;
    const listen = w.EventTarget.prototype.addEventListener;
    const unlisten = w.EventTarget.prototype.removeEventListener;
    const rootOf = w.Node.prototype.getRootNode;
    const setMark = w.Element.prototype.setAttribute;
    const removeMark = w.Element.prototype.removeAttribute;
    const Shadow = w.ShadowRoot;
    const newId = () => w.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

    /**
     * Announces a submission outward (composed, cancelable); false: the executor holds it. Seen from outside a closed
     * shadow root the event starts at the outermost host: the form, its submitter and the hosts on the way in are
     * marked, for this announcement only, with an id the event carries.
     */
    const announce = (form: HTMLFormElement, submitter: HTMLElement | null, type: string): boolean => {
      const hosts: Element[] = [];
      let closed = false;
      for (let root = rootOf.call(form); root instanceof Shadow; root = rootOf.call(root.host)) {
        closed ||= root.mode === 'closed';
        hosts.push(root.host);
      }
      const id = closed ? newId() : '';
      const marked: Element[] = [];
      const mark = (el: Element, role: string) => {
        setMark.call(el, SUBMITTING_ATTRIBUTE, `${id}:${role}`);
        marked.push(el);
      };
      try {
        if (closed) {
          mark(form, 'form');
          if (submitter) mark(submitter, 'submitter');
          for (const host of hosts) mark(host, 'host');
        }
        return dispatch.call(submitter ?? form, new GuardEvent(type, { bubbles: true, composed: true, cancelable: true, detail: id }));
      } finally {
        for (const el of marked) removeMark.call(el, SUBMITTING_ATTRIBUTE);
      }
    };
    /** The page's call goes on as it was if the guard itself fails. */
    const announced = (form: HTMLFormElement, submitter: HTMLElement | null, type: string): boolean => {
      try {
        return announce(form, submitter, type);
      } catch {
        return true;
      }
    };
    Object.defineProperty(proto, GUARDED, { value: true });
    Object.defineProperty(proto, 'submit', {
      configurable: true, enumerable: true, writable: true,
      value: function submit(this: HTMLFormElement) {
        if (announced(this, null, SCRIPT_SUBMIT_EVENT)) original.call(this);
      },
    });
    /**
     * Runs `call` with `form`'s own submit event announced outward when the form is in a shadow root, where that event
     * stays: after the browser validated the form and fired it, with its submitter; a held announcement cancels it
     * before the page's handlers see it. Outside a shadow root the executor sees the browser's event itself.
     */
    const announcingShadowSubmit = <T>(form: HTMLFormElement | null, call: () => T): T => {
      let root: Node | undefined;
      try {
        root = form ? rootOf.call(form) : undefined;
      } catch {
        root = undefined;
      }
      if (!form || !(root instanceof Shadow)) return call();
      const onSubmit = (event: Event) => {
        if (event.target !== form || announced(form, (event as SubmitEvent).submitter ?? null, SCRIPT_REQUEST_SUBMIT_EVENT)) return;
        event.preventDefault();
        event.stopImmediatePropagation();
      };
      listen.call(root, 'submit', onSubmit, true);
      try {
        return call();
      } finally {
        unlisten.call(root, 'submit', onSubmit, true);
      }
    };
    if (typeof originalRequest === 'function') {
      Object.defineProperty(proto, 'requestSubmit', {
        configurable: true, enumerable: true, writable: true,
        value: function requestSubmit(this: HTMLFormElement, submitter?: HTMLElement | null) {
          return announcingShadowSubmit(this, () => originalRequest.call(this, submitter));
        },
      });
    }
    // A page handler's `button.click()` on a submit button inside a shadow root submits its form there too.
    const clickProto = w.HTMLElement.prototype;
    const originalClick = clickProto.click;
    const formSentBy = (el: HTMLElement): HTMLFormElement | null => {
      if (el instanceof w.HTMLButtonElement) return el.type === 'submit' ? el.form : null;
      if (el instanceof w.HTMLInputElement) return el.type === 'submit' || el.type === 'image' ? el.form : null;
      return null;
    };
    Object.defineProperty(clickProto, 'click', {
      configurable: true, enumerable: true, writable: true,
      value: function click(this: HTMLElement) {
        let form: HTMLFormElement | null = null;
        try {
          form = formSentBy(this);
        } catch {
          form = null;
        }
        return announcingShadowSubmit(form, () => originalClick.call(this));
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

/**
 * A click in a single-page app often fetches, then draws: the executor waits for the requests an action started
 * (settle.ts). While it watches, each `fetch` and XMLHttpRequest the page starts is reported as an event at the
 * document, and its end too; outside our actions nothing is reported and the calls go through untouched. A
 * `window.open(url)` meanwhile is offered to the executor too.
 */
function watchRequests(win: Window & typeof globalThis): void {
  const ReportEvent = win.CustomEvent;
  let watching = 0;
  let lastId = 0;
  // Each request has a number: an end the executor did not see start (a request from an earlier action) is ignored.
  const report = (type: string, id: number) => document.dispatchEvent(new ReportEvent(type, { detail: id }));
  document.addEventListener(WATCH_REQUESTS_EVENT, () => void watching++, true);
  document.addEventListener(UNWATCH_REQUESTS_EVENT, () => void (watching = Math.max(0, watching - 1)), true);
  const fetch = win.fetch;
  if (typeof fetch === 'function') {
    win.fetch = function (this: unknown, ...args: Parameters<typeof fetch>) {
      const answer = fetch.apply(this, args);
      if (watching === 0 || !answer || typeof (answer as Partial<Promise<Response>>).then !== 'function') return answer;
      const id = ++lastId;
      report(REQUEST_START_EVENT, id);
      // The page gets a promise that settles as the answer does, after the report: a rejection it does not handle
      // is still reported to it as unhandled (observing `answer` itself would mark it handled).
      return answer.then((response) => {
        report(REQUEST_END_EVENT, id);
        return response;
      }, (error: unknown) => {
        report(REQUEST_END_EVENT, id);
        throw error;
      });
    } as typeof fetch;
  }
  // A handler that opens a page with `window.open(url)` (a row that opens its item in a new tab): the executor may take
  // it into this tab (window-open.ts), where the run reads on. Only while an action is watched, and only a call with
  // an address; anything the executor leaves goes to the browser's own.
  const open = win.open;
  if (typeof open === 'function') {
    const stringify = win.JSON.stringify;
    const dispatch = win.EventTarget.prototype.dispatchEvent;
    win.open = function (this: unknown, ...args: Parameters<typeof open>) {
      if (watching > 0 && args[0] !== undefined && args[0] !== null) {
        let taken = false;
        try {
          const address = String(args[0]);
          const detail = stringify([address, args[1] === undefined || args[1] === null ? '' : String(args[1])]);
          taken = address.trim() !== '' && !dispatch.call(document, new ReportEvent(WINDOW_OPEN_EVENT, { cancelable: true, detail }));
        } catch {
          taken = false;
        }
        if (taken) return null;
      }
      return open.apply(this, args);
    } as typeof open;
  }
  const send = win.XMLHttpRequest?.prototype.send;
  if (send) {
    win.XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, ...args: Parameters<typeof send>) {
      if (watching === 0) return send.apply(this, args);
      const id = ++lastId;
      report(REQUEST_START_EVENT, id);
      this.addEventListener('loadend', () => report(REQUEST_END_EVENT, id), { once: true });
      try {
        return send.apply(this, args);
      } catch (error) {
        // Not sent (send before open, a failed synchronous request): no loadend comes.
        report(REQUEST_END_EVENT, id);
        throw error;
      }
    };
  }
}

const scope = window as Window & { [READY]?: true };
if (!scope[READY]) {
  Object.defineProperty(scope, READY, { value: true });
  guard(window);
  document.addEventListener(GUARD_FRAMES_EVENT, () => guardFrames(window), true);
  watchRequests(window as Window & typeof globalThis);
}
