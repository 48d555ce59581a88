/**
 * Shows the user which element an entry means: an outline box over it, on top of the page. The box follows the
 * element (page scrolling, resizing, layout changes: it is placed again every animation frame while shown) and goes
 * away when the element leaves the page or is hidden, on the next call, or, for a caller that asked for it, once
 * `keepMs` pass without the same call again (the side panel repeats its call while an entry is pointed at, so a panel
 * that closed or went away without clearing leaves no box behind).
 */
import type { Locator } from './document/types.ts';
import { resolveLocators } from './document/locators.ts';

/** Our outline's id: the executor's wait (settle.ts) does not take its moves for the page's changes. */
export const OVERLAY_ID = '__pocket-slm-highlight';

/** The element's box in the top document's viewport, adding the offsets of the iframes around it; null once a frame around it is gone. */
function topRect(el: Element): DOMRect | null {
  const rect = el.getBoundingClientRect();
  let x = rect.left;
  let y = rect.top;
  let frame = el.ownerDocument.defaultView?.frameElement ?? null;
  while (frame) {
    if (!frame.isConnected) return null;
    const outer = frame.getBoundingClientRect();
    x += outer.left + frame.clientLeft;
    y += outer.top + frame.clientTop;
    frame = frame.ownerDocument.defaultView?.frameElement ?? null;
  }
  return new DOMRect(x, y, rect.width, rect.height);
}

/** Not drawn: out of the page, in a frame that left it, without a box (display: none, a hidden tab panel), or invisible. */
function hiddenNow(el: Element): boolean {
  if (!el.isConnected || !el.ownerDocument.defaultView) return true;
  const rect = el.getBoundingClientRect();
  if (rect.width < 1 && rect.height < 1) return true;
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  return typeof check === 'function' && !check.call(el, { visibilityProperty: true, opacityProperty: true });
}

interface Shown {
  el: Element;
  box: HTMLElement;
  /** Date.now() past which the box goes, or Infinity. */
  until: number;
  frame: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  placed: string;
}

let shown: Shown | undefined;

function clear(doc: Document): void {
  if (shown) {
    const win = shown.box.ownerDocument.defaultView;
    win?.cancelAnimationFrame(shown.frame);
    clearTimeout(shown.timer);
    shown.box.remove();
    shown = undefined;
  }
  doc.getElementById(OVERLAY_ID)?.remove();
}

/** Places the box over the element again; false when the box went (element gone or hidden, time up). */
function place(doc: Document): boolean {
  const now = shown;
  if (!now) return false;
  const rect = hiddenNow(now.el) || Date.now() >= now.until ? null : topRect(now.el);
  if (!rect || !now.box.isConnected) {
    clear(doc);
    return false;
  }
  const placed = `${rect.left - 2},${rect.top - 2},${rect.width + 4},${rect.height + 4}`;
  if (placed !== now.placed) {
    now.placed = placed;
    Object.assign(now.box.style, {
      left: `${rect.left - 2}px`, top: `${rect.top - 2}px`, width: `${rect.width + 4}px`, height: `${rect.height + 4}px`,
    });
  }
  return true;
}

function follow(doc: Document): void {
  const win = doc.defaultView;
  if (!shown || !win) return;
  const tick = () => {
    if (place(doc)) shown!.frame = win.requestAnimationFrame(tick);
  };
  shown.frame = win.requestAnimationFrame(tick);
}

/** `hidden`: the element is on the page but has no box to outline now (nothing is drawn). */
export function highlight(doc: Document, locators: readonly Locator[], keepMs?: number): { found: boolean; hidden?: boolean } {
  if (!locators.length) {
    clear(doc);
    return { found: false };
  }
  const el = resolveLocators(doc, locators);
  if (!el) {
    clear(doc);
    return { found: false };
  }
  if (hiddenNow(el)) {
    clear(doc);
    return { found: true, hidden: true };
  }
  const until = keepMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + keepMs;
  // The same element again (a panel keeping its outline alive): only the time is renewed, the page is not scrolled.
  if (shown && shown.el === el && shown.box.isConnected) {
    shown.until = until;
  } else {
    clear(doc);
    el.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    const box = doc.createElement('div');
    box.id = OVERLAY_ID;
    box.setAttribute('aria-hidden', 'true');
    Object.assign(box.style, {
      position: 'fixed', outline: '2px solid #e8590c', background: 'rgba(232, 89, 12, 0.12)',
      borderRadius: '3px', pointerEvents: 'none', zIndex: '2147483647', margin: '0', padding: '0', boxSizing: 'border-box',
    });
    doc.documentElement.append(box);
    shown = { el, box, until, frame: 0, timer: undefined, placed: '' };
    place(doc);
    follow(doc);
  }
  // A tab in the background draws no frames: the time limit is kept by a timer too.
  clearTimeout(shown!.timer);
  if (Number.isFinite(until)) shown!.timer = setTimeout(() => place(doc), until - Date.now() + 5);
  return { found: true };
}
