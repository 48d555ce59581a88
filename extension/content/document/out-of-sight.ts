/**
 * Drawn but not seen: a menu kept in place with `opacity: 0; pointer-events: none` until its button opens it, an
 * accordion's panel shut to `height: 0` (or `max-height: 0`) with its overflow hidden. The browser renders both
 * (`checkVisibility` says yes, their controls have boxes); a person can neither see nor click what is in them (explorer,
 * session 44: a closed account menu's "Log out" was offered as usable).
 */
import { styleOf, tagOf } from './dom.ts';
import { MAX_UPWARD_STEPS, checkVisibilityOf, parentOf, rectOf } from './dom-safe.ts';
import { upAcross } from './shadow-parts.ts';

/** Per element: the nearest element at or above it that clips what it holds to nothing (null: none). */
export type ClipCache = Map<Element, Element | null>;

/** `seen`: known visible and not transparent. */
export function outOfSight(el: Element, seen: boolean, clips: ClipCache): boolean {
  return (!seen && fadedOut(el)) || clippedAway(el, clips);
}

/**
 * Transparent through an element around it and deaf to the pointer: no one sees or clicks it. A transparent one that
 * takes the pointer stays: a row's actions shown on hover (`.row:hover .actions { opacity: 1 }`), a block a page fades
 * in as it is scrolled to (review, session 45). So does a control transparent by its own style over a drawn one (a
 * styled checkbox or file button): it is what the click lands on.
 */
function fadedOut(el: Element): boolean {
  if (checkVisibilityOf(el, { opacityProperty: true }) !== false) return false;
  const style = styleOf(el);
  const parent = parentOf(el);
  if (style?.opacity === '0' && (!parent || checkVisibilityOf(parent, { opacityProperty: true }) !== false)) return false;
  return style?.pointerEvents === 'none';
}

const CLIPPING = new Set(['hidden', 'clip', 'auto', 'scroll']);

/**
 * Inside an element of no height (or no width) that clips what overflows it, and not out of its reach: a fixed element
 * escapes every box around it, an absolute one those below its containing block (a clearfix `overflow: hidden` around
 * an absolutely placed app, a carousel's arrows; review, session 45: whole pages were empty).
 */
function clippedAway(el: Element, clips: ClipCache): boolean {
  const first = upAcross(el);
  const clipper = first ? clipperAt(first, clips) : null;
  if (!clipper) return false;
  for (let at: Element | null = el, steps = 0; at && at !== clipper && steps < MAX_UPWARD_STEPS; steps++) {
    const position = styleOf(at)?.position;
    if (position === 'fixed') return false;
    if (position !== 'absolute') {
      at = upAcross(at);
      continue;
    }
    // Up to its containing block: the boxes it passes clip it not.
    let block = upAcross(at);
    for (let hops = 0; block && block !== clipper && hops < MAX_UPWARD_STEPS && (styleOf(block)?.position ?? 'static') === 'static'; hops++) block = upAcross(block);
    if (!block) return false;
    if (block === clipper) return (styleOf(clipper)?.position ?? 'static') !== 'static';
    at = block;
  }
  return true;
}

/** The nearest element at or above `el` that clips what it holds to nothing, cached along the way. */
function clipperAt(el: Element, clips: ClipCache): Element | null {
  const chain: Element[] = [];
  let clipper: Element | null = null;
  for (let at: Element | null = el, steps = 0; at && steps < MAX_UPWARD_STEPS; at = upAcross(at), steps++) {
    const known = clips.get(at);
    if (known !== undefined) {
      clipper = known;
      break;
    }
    chain.push(at);
    if (clipsAll(at)) {
      clipper = at;
      break;
    }
  }
  for (const at of chain) clips.set(at, clipper);
  return clipper;
}

function clipsAll(el: Element): boolean {
  const tag = tagOf(el);
  if (tag === 'BODY' || tag === 'HTML') return false;
  // The style first: most boxes clip nothing, and reading a box's size costs more than reading its overflow.
  const style = styleOf(el);
  if (!style || style.display === 'contents' || style.display === 'inline') return false;
  const clipsY = CLIPPING.has(style.overflowY);
  const clipsX = CLIPPING.has(style.overflowX);
  if (!clipsY && !clipsX) return false;
  const rect = rectOf(el);
  return (clipsY && rect.height === 0) || (clipsX && rect.width === 0);
}

/** A container drawn out of sight: transparent, invisible, or of no height (or width) that clips what it holds. */
export function concealedBox(el: Element, clips: ClipCache): boolean {
  return checkVisibilityOf(el, { opacityProperty: true, visibilityProperty: true }) === false || clipsAll(el) || clippedAway(el, clips);
}
