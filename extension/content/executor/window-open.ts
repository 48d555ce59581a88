import { WINDOW_OPEN_EVENT } from '../submit-guard/events.ts';
import { attr, queryAllOf } from '../document/dom-safe.ts';

/**
 * Whether a (trimmed, non-empty) target names another tab or window: `_blank` in any case, or a name no frame of `doc`
 * has; not `_self`, `_top` or `_parent`. Shared by links (openedHere), forms (form-target.ts) and window.open.
 */
export function namesAnotherWindow(doc: Document, target: string): boolean {
  const lower = target.toLowerCase();
  if (['_self', '_top', '_parent'].includes(lower)) return false;
  return lower === '_blank' || !Array.from(queryAllOf(doc, 'iframe[name], frame[name]')).some((frame) => attr(frame, 'name') === target);
}

/**
 * While an action is watched, a page handler's `window.open(url)` of a page of this site in another tab or window
 * (no target, `_blank`, a name no frame of the page has) opens that page in this tab instead, as a run's click on such a
 * link does (`openedHere`): the run reads on in its own tab (a row whose handler opened its item in a new tab left the
 * script reading the old page, or, with Chrome's popup blocker, nothing at all). Another site, `_self`/`_top`/`_parent`
 * and a frame's name are left to the browser. Returns the way to stop listening.
 */
export function openHereWhileActing(doc: Document): () => void {
  if (doc !== document || window.top !== window) return () => undefined;
  const onOpen = (event: Event) => {
    const address = pageOpened((event as CustomEvent).detail);
    if (!address) return;
    event.preventDefault();
    location.assign(address);
  };
  doc.addEventListener(WINDOW_OPEN_EVENT, onOpen, true);
  return () => doc.removeEventListener(WINDOW_OPEN_EVENT, onOpen, true);
}

/** The address of this site that a `[url, target]` call would open in another tab or window, or null. */
export function pageOpened(detail: unknown): string | null {
  if (typeof detail !== 'string' || detail.length > 20_000) return null;
  let call: unknown;
  try {
    call = JSON.parse(detail);
  } catch {
    return null;
  }
  if (!Array.isArray(call) || typeof call[0] !== 'string' || typeof call[1] !== 'string') return null;
  const target = call[1].trim();
  // No target is a new window here (window.open's default).
  if (target !== '' && !namesAnotherWindow(document, target)) return null;
  try {
    const url = new URL(call[0], document.baseURI);
    return /^https?:$/.test(url.protocol) && url.origin === location.origin ? url.href : null;
  } catch {
    return null;
  }
}
