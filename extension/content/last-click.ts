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

let last: { locators: Locator[]; at: number; url: string } | undefined;

export function watchClicks(doc: Document): void {
  doc.addEventListener('click', (event) => {
    if (!event.isTrusted || !(event.target instanceof Element)) return;
    const control = event.target.closest(CONTROL) ?? event.target;
    try {
      last = { locators: locatorsFor(control, accessibleName(control)).slice(0, 8), at: Date.now(), url: doc.location.href.slice(0, 4000) };
    } catch {
      last = undefined;
    }
  }, { capture: true, passive: true });
  // What the page shows next may come from the keyboard (a shortcut, Escape) or Back/Forward: not from that click.
  // (Enter on a link or button still ends in a click event, which records itself after this.)
  doc.addEventListener('keydown', (event) => {
    if (event.isTrusted) last = undefined;
  }, { capture: true, passive: true });
  doc.defaultView?.addEventListener('popstate', () => {
    last = undefined;
  });
}

export function lastClick(now = Date.now()): { locators: Locator[]; msAgo: number; url: string } | undefined {
  if (!last || now - last.at > MAX_AGE_MS) return undefined;
  return { locators: last.locators, msAgo: now - last.at, url: last.url };
}
