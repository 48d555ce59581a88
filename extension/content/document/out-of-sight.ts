/**
 * Drawn but not seen: a menu kept in place with `opacity: 0; pointer-events: none` until its button opens it, an
 * accordion's panel shut to `height: 0` (or `max-height: 0`) with its overflow hidden. The browser renders both
 * (`checkVisibility` says yes, their controls have boxes); a person can neither see nor click what is in them (explorer,
 * session 44: a closed account menu's "Log out" was offered as usable).
 */
import { styleOf, tagOf } from './dom.ts';
import { MAX_UPWARD_STEPS, checkVisibilityOf, nodeTypeOf, parentNodeOf, parentOf, rectOf } from './dom-safe.ts';

/** Per element: whether what it holds is clipped away by it or by an element around it. */
export type ClipCache = Map<Element, boolean>;

/** `rect`: the element's own box, in the window; `seen`: known visible and not transparent. */
export function outOfSight(el: Element, rect: DOMRect, clips: ClipCache, windowHeight: number, seen = false): boolean {
  return (!seen && fadedOut(el, rect, windowHeight)) || clippedAway(el, clips);
}

/**
 * Transparent through an element around it: unseen where it cannot be clicked either, or where it lies in the window
 * (below it, a page may fade content in as it scrolls there; the executor scrolls to it first). A control transparent
 * by its own style over a drawn one (a styled checkbox or file button) is what the click lands on: it stays.
 */
function fadedOut(el: Element, rect: DOMRect, windowHeight: number): boolean {
  if (checkVisibilityOf(el, { opacityProperty: true }) !== false) return false;
  const style = styleOf(el);
  if (style?.pointerEvents === 'none') return true;
  const parent = parentOf(el);
  if (style?.opacity === '0' && (!parent || checkVisibilityOf(parent, { opacityProperty: true }) !== false)) return false;
  return rect.bottom > 0 && rect.top < windowHeight;
}

const CLIPPING = new Set(['hidden', 'clip', 'auto', 'scroll']);

/** Inside an element of no height (or no width) that clips what overflows it; a fixed element escapes those around it. */
function clippedAway(el: Element, clips: ClipCache): boolean {
  const chain: Element[] = [];
  let clipped = false;
  for (let at = above(el), steps = 0; at && steps < MAX_UPWARD_STEPS; at = above(at), steps++) {
    const known = clips.get(at);
    if (known !== undefined) {
      clipped = known;
      break;
    }
    chain.push(at);
    if (clipsAll(at)) {
      clipped = true;
      break;
    }
  }
  for (const at of chain) clips.set(at, clipped);
  if (clipped && styleOf(el)?.position === 'fixed') return false;
  return clipped;
}

function above(el: Element): Element | null {
  const parent = parentOf(el);
  if (parent) return parent;
  const root = parentNodeOf(el);
  return root && nodeTypeOf(root) === 11 ? (root as ShadowRoot).host : null;
}

function clipsAll(el: Element): boolean {
  const tag = tagOf(el);
  if (tag === 'BODY' || tag === 'HTML') return false;
  const rect = rectOf(el);
  if (rect.height > 0 && rect.width > 0) return false;
  const style = styleOf(el);
  if (!style || style.display === 'contents' || style.display === 'inline' || style.position === 'fixed') return false;
  return (rect.height === 0 && CLIPPING.has(style.overflowY)) || (rect.width === 0 && CLIPPING.has(style.overflowX));
}

/** A container drawn out of sight: transparent, invisible, or of no height (or width) that clips what it holds. */
export function concealedBox(el: Element, clips: ClipCache): boolean {
  return checkVisibilityOf(el, { opacityProperty: true, visibilityProperty: true }) === false || clipsAll(el) || clippedAway(el, clips);
}
