/**
 * The control the user last clicked, remembered by its locators at the moment of the click (a click that opens a
 * dialog or switches a view often removes or hides what was clicked). The Page tab records "this click led from that
 * page to this one" in the site document.
 */
import type { Locator } from '../protocol/schemas.ts';
import { accessibleName } from './document/dom.ts';
import { locatorsFor } from './document/locators.ts';

const CONTROL = 'a[href], button, input, select, textarea, summary, [role=button], [role=link], [role=tab], [role=menuitem], [role=checkbox], [role=switch], [onclick], [tabindex]';
/** A click older than this is not taken as the cause of what the page shows now. */
const MAX_AGE_MS = 120_000;

let last: { locators: Locator[]; at: number } | undefined;

export function watchClicks(doc: Document): void {
  doc.addEventListener('click', (event) => {
    if (!event.isTrusted || !(event.target instanceof Element)) return;
    const control = event.target.closest(CONTROL) ?? event.target;
    try {
      last = { locators: locatorsFor(control, accessibleName(control)).slice(0, 8), at: Date.now() };
    } catch {
      last = undefined;
    }
  }, { capture: true, passive: true });
}

export function lastClick(now = Date.now()): { locators: Locator[]; msAgo: number } | undefined {
  if (!last || now - last.at > MAX_AGE_MS) return undefined;
  return { locators: last.locators, msAgo: now - last.at };
}
