/**
 * Modals a page draws itself: a shown `role=dialog`/`alertdialog` with `aria-modal=true` (Bootstrap's, MUI's, Radix's)
 * over a backdrop that takes the clicks. Unlike a `showModal()` dialog nothing makes the page behind inert, so the
 * page's word is checked against what a person meets: the dialog is on screen and, outside it, the clicks land on it
 * or on a backdrop covering the window, not on the page (a cookie bar marked modal blocks nothing; a drawer moved off
 * screen is closed). Popups the dialog opens elsewhere (a portaled listbox, a toast) are on top where they are, and
 * stay usable (review, session 44).
 */
import { attr, checkVisibilityOf, closestOf, containsOf, ownerDocOf, queryAllOf, rectOf } from './dom-safe.ts';
import { styleOf } from './dom.ts';

/** Share of the window a backdrop covers. */
const BACKDROP_COVER = 0.9;

export function drawnModals(doc: Document, layout: boolean, native: readonly Element[]): Element[] {
  return Array.from(queryAllOf(doc, '[aria-modal=true]')).filter((el) => {
    const role = attr(el, 'role')?.trim();
    if ((role !== 'dialog' && role !== 'alertdialog') || native.includes(el)) return false;
    if (closestOf(el, '[hidden],[aria-hidden=true],[inert]')) return false;
    if (!layout) return styleOf(el)?.display !== 'none';
    // Shown: a modal kept in the page while closed is invisible, transparent or without a box (MUI's keepMounted).
    if (checkVisibilityOf(el, { visibilityProperty: true, opacityProperty: true }) === false) return false;
    return blocksTheWindow(el);
  });
}

function blocksTheWindow(el: Element): boolean {
  const doc = ownerDocOf(el);
  const win = doc.defaultView;
  const rect = rectOf(el);
  if (!win || rect.width <= 0 || rect.height <= 0) return false;
  const [w, h] = [win.innerWidth, win.innerHeight];
  // On screen (a drawer slid out by a transform is closed).
  if (rect.right <= 0 || rect.bottom <= 0 || rect.left >= w || rect.top >= h) return false;
  const points = [[2, 2], [w - 3, 2], [2, h - 3], [w - 3, h - 3], [w / 2, 2], [w / 2, h - 3], [2, h / 2], [w - 3, h / 2]]
    .filter(([x, y]) => x! < rect.left || x! > rect.right || y! < rect.top || y! > rect.bottom);
  return points.every(([x, y]) => {
    const hit = doc.elementFromPoint?.(x!, y!);
    // The dialog itself (Bootstrap's full-window `.modal`) or a layer over the window (MUI's, Radix's backdrop); the
    // page's own body there is no backdrop (a cookie bar at the bottom of a short page).
    return !hit || containsOf(el, hit) || backdrop(hit, w, h);
  });
}

/** A layer fixed over (nearly) the whole window: what takes the clicks around a dialog. */
function backdrop(el: Element, w: number, h: number): boolean {
  if (styleOf(el)?.position !== 'fixed') return false;
  const rect = rectOf(el);
  return Math.max(0, Math.min(rect.right, w) - Math.max(rect.left, 0)) * Math.max(0, Math.min(rect.bottom, h) - Math.max(rect.top, 0)) >= BACKDROP_COVER * w * h;
}

/** On top at its middle: nothing covers it there (a portaled listbox or a toast over a drawn modal's backdrop). */
export function onTop(el: Element): boolean {
  const rect = rectOf(el);
  if (rect.width <= 0 || rect.height <= 0) return false;
  const hit = ownerDocOf(el).elementFromPoint?.(rect.left + rect.width / 2, rect.top + rect.height / 2);
  return !!hit && (hit === el || containsOf(el, hit) || containsOf(hit, el));
}
