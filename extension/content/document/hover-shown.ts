/**
 * Controls a page shows only while the pointer is on something above them (`.row:hover .actions { display: flex }`: a
 * mail row's Delete, a track's Play). They are there for a person, who points at the row; a script's pointer events
 * cannot set `:hover`, so the walk lists them where their row is, and the executor clicks them as they are.
 */
import { checkVisibilityOf, flatParentOf } from './dom-safe.ts';
import { styleOf } from './dom.ts';

const MAX_STEPS = 12;

/**
 * The shown element a hidden `el` appears in while the pointer is on it, or null. `revealed(at)`: a rule shows `at` on
 * pointing. Nothing else hides `el`: each element up to the one a rule shows is hidden by that one alone, and the one
 * above it is shown.
 */
export function pointedHost(el: Element, revealed: (at: Element) => boolean, parentIn: (at: Element) => Element | null = flatParentOf,
  shown: (at: Element) => boolean = (at) => checkVisibilityOf(at, { visibilityProperty: true }) !== false): Element | null {
  for (let at: Element | null = el, steps = 0; at && steps < MAX_STEPS; at = parentIn(at), steps++) {
    if (revealed(at)) {
      const above = parentIn(at);
      return above && shown(above) ? above : null;
    }
    const style = styleOf(at);
    if (!style || style.display === 'none') return null;
    // `visibility` is inherited: only the element that sets it hides what is under it.
    if (at !== el && style.visibility === 'hidden' && styleOf(parentIn(at) ?? at)?.visibility !== 'hidden') return null;
  }
  return null;
}
