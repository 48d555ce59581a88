import { openHereWhileActing } from './window-open.ts';
import { REQUEST_END_EVENT, REQUEST_START_EVENT, UNWATCH_REQUESTS_EVENT, WATCH_REQUESTS_EVENT } from '../submit-guard/events.ts';
import { attr, checkVisibilityOf, closestOf, idOf, isConnectedOf } from '../document/dom-safe.ts';
import { OVERLAY_ID } from '../highlight.ts';
import { changesElementCount, churnOf, keyOf } from './churn.ts';
import { noteActionStart } from './message-news.ts';

/**
 * Waits until the page stops changing. Watching starts before the action (handlers often change the DOM
 * synchronously inside the click), and `settled()` resolves `firstMs` after the action when nothing changed, else
 * after `quietMs` without mutations, at `capMs` at the latest, or at once when the document starts unloading (a
 * navigation). A `fetch` or XMLHttpRequest the page started meanwhile (reported by the page world, submit-guard/)
 * is waited for too, up to REQUEST_CAP_MS, then the page gets AFTER_REQUEST_MS to draw what it brought; so is a shown element
 * the page marked `aria-busy="true"` meanwhile, until it is no longer busy (a feed loading its next posts: the ARIA
 * feed pattern), within `capMs`. Says whether anything changed. Later changes (a timer, then a fetch) are covered by the executor
 * waiting for the next element to appear and the bridge waiting for a name the page does not have yet.
 */
export interface Settled {
  changed: boolean;
  unloading: boolean;
}

/** A longer quiet that ends the wait until `until()` holds (a list scrolled to its end: until it has grown). */
export interface LongQuiet {
  ms: number;
  until: () => boolean;
}

export interface SettleWatch {
  settled(capMs?: number, quietMs?: number, firstMs?: number, longQuiet?: LongQuiet): Promise<Settled>;
  /** True at the first change this watch counts (a request started, an unload too), false after `ms` without one. */
  changeWithin(ms: number): Promise<boolean>;
}

/** The outline the side panel puts over the element acted on (highlight.ts), placed again as the page scrolls. */
const isOutline = (node: Node) => node.nodeType === 1 && idOf(node as Element) === OVERLAY_ID;
/** A change to our own outline, or its coming and going: none of the page's (a scroll moves it every frame). */
const outlineOnly = (record: MutationRecord) => isOutline(record.target)
  || (record.type === 'childList' && record.addedNodes.length + record.removedNodes.length > 0
    && allOutline(record.addedNodes) && allOutline(record.removedNodes));
function allOutline(nodes: NodeList): boolean {
  for (let i = 0; i < nodes.length; i++) if (!isOutline(nodes[i]!)) return false;
  return true;
}

/** The longest an action waits for the requests it started (a page reporting requests forever costs this much). */
export const REQUEST_CAP_MS = 5000;
const AFTER_REQUEST_MS = 100;

/**
 * `requestCapMs`: how long requests still out may hold the wait (from its start). A read no action of ours started
 * (the Page tab after a load) uses a short one: the page's own polling and analytics would hold it for REQUEST_CAP_MS,
 * but a single-page app that fetches its data right after loading is read with that data, not half drawn.
 * `syncHandlers: false`: the action runs no page handler synchronously (a scroll: its scroll events and observers
 * come in later tasks), so what changes right after it is judged as any later change (an animation is not one).
 */
export function watchSettle(doc: Document, { requestCapMs = REQUEST_CAP_MS, action = true, syncHandlers = true }: { requestCapMs?: number; action?: boolean; syncHandlers?: boolean } = {}): SettleWatch {
  const win = doc.defaultView;
  // What the page keeps changing by itself (churn.ts) does not hold an action's wait, nor is it a change the action made
  // — except what the action's own handlers change before the next task (no timer or animation frame runs before
  // then), what changes while a request the action started is out or being drawn, and elements added or removed
  // (a row, a result), whatever node they went into (third review, session 25). A read after a load ignores nothing.
  const ongoing = action ? churnOf(doc).beginAction(Date.now()) : () => false;
  // What its messages say before it: a waitFor() after it waits for what it brings (message-news.ts). In the top
  // document too when it acts in a frame: the page's status line may be there (review, session 28).
  if (action) {
    noteActionStart(doc);
    if (doc !== document) noteActionStart(document);
  }
  let handlersRunning = syncHandlers;
  let drawingUntil = 0;
  let changed = false;
  let unloading = false;
  let onChange: (() => void) | undefined;
  let onFirstChange: (() => void) | undefined;
  // The requests this watch saw start (by the page world's number); an end of another is not this action's.
  const out = new Set<unknown>();
  let onRequestsDone: (() => void) | undefined;
  // Elements the page marked busy during the watch (aria-busy="true" where it was not): the wait holds while one still
  // is and is shown. Not one busy all along that the page re-marks (a progress bar redrawn every frame), nor a spinner
  // hidden with its flag left on; and never past the cap (a flag never cleared).
  const busy = new Set<Element>();
  const shown = (el: Element) => !closestOf(el, '[hidden]') && checkVisibilityOf(el) !== false;
  const stillBusy = () => [...busy].some((el) => isConnectedOf(el) && attr(el, 'aria-busy') === 'true' && shown(el));
  const started = (event: Event) => {
    out.add((event as CustomEvent).detail);
    onFirstChange?.();
  };
  const ended = (event: Event) => {
    if (!out.delete((event as CustomEvent).detail)) return;
    if (out.size === 0) onRequestsDone?.();
  };
  doc.addEventListener(REQUEST_START_EVENT, started, true);
  doc.addEventListener(REQUEST_END_EVENT, ended, true);
  doc.dispatchEvent(new Event(WATCH_REQUESTS_EVENT));
  const stopOpening = action ? openHereWhileActing(doc) : undefined;
  const observer = new MutationObserver((all) => {
    const records = all.filter((record) => !outlineOnly(record));
    if (!records.length) return;
    const counted = handlersRunning || out.size > 0 || Date.now() < drawingUntil || changesElementCount(records);
    if (!counted && records.every((record) => ongoing(record.target, keyOf(record)))) return;
    for (const record of records) {
      if (record.attributeName === 'aria-busy' && record.oldValue !== 'true' && record.target.nodeType === 1 && busy.size < 100) busy.add(record.target as Element);
    }
    changed = true;
    onFirstChange?.();
    onChange?.();
  });
  // The document itself, not its root element: a page rewritten with document.open() replaces that element.
  observer.observe(doc, { subtree: true, childList: true, attributes: true, attributeOldValue: true, characterData: true });
  const onUnload = () => {
    unloading = true;
    onFirstChange?.();
    onChange?.();
  };
  win?.addEventListener('beforeunload', onUnload);
  win?.addEventListener('pagehide', onUnload);
  return {
    changeWithin(ms: number) {
      if (changed || unloading || out.size > 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          onFirstChange = undefined;
          resolve(false);
        }, ms);
        onFirstChange = () => {
          clearTimeout(timer);
          onFirstChange = undefined;
          resolve(true);
        };
      });
    },
    settled(capMs = 2000, quietMs = 32, firstMs = 16, longQuiet?: LongQuiet) {
      setTimeout(() => void (handlersRunning = false), 0);
      return new Promise((resolve) => {
        const since = Date.now();
        let quietTimer: ReturnType<typeof setTimeout> | undefined;
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          observer.disconnect();
          clearTimeout(quietTimer);
          clearTimeout(capTimer);
          win?.removeEventListener('beforeunload', onUnload);
          win?.removeEventListener('pagehide', onUnload);
          doc.removeEventListener(REQUEST_START_EVENT, started, true);
          doc.removeEventListener(REQUEST_END_EVENT, ended, true);
          doc.dispatchEvent(new Event(UNWATCH_REQUESTS_EVENT));
          stopOpening?.();
          resolve({ changed, unloading });
        };
        // Quiet for long enough: done, unless a request the action started is still out (its end re-arms) or ended
        // less than AFTER_REQUEST_MS ago (the page is still drawing what it brought), or the page says it is busy
        // (its next change re-arms).
        let drawUntil = 0;
        const quiet = () => {
          if (capMs === 0) return finish();
          if (out.size > 0 || stillBusy()) return;
          const left = drawUntil - Date.now();
          if (left > 0) quietTimer = setTimeout(quiet, left);
          else finish();
        };
        const arm = (ms: number) => {
          if (unloading) return finish();
          clearTimeout(quietTimer);
          quietTimer = setTimeout(quiet, ms);
        };
        const quietNeeded = () => (longQuiet && !longQuiet.until() ? longQuiet.ms : quietMs);
        onChange = () => arm(quietNeeded());
        onRequestsDone = () => {
          drawUntil = drawingUntil = Date.now() + AFTER_REQUEST_MS;
          arm(Math.max(quietNeeded(), AFTER_REQUEST_MS));
        };
        // At the cap, requests still out extend it once, to `requestCapMs` after the action.
        const cap = () => {
          if (out.size > 0 && !unloading && capMs > 0 && Date.now() - since < requestCapMs) capTimer = setTimeout(finish, requestCapMs - (Date.now() - since));
          else finish();
        };
        let capTimer = setTimeout(cap, capMs);
        arm(changed ? quietNeeded() : Math.min(firstMs, quietNeeded()));
      });
    },
  };
}
