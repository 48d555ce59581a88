/**
 * A control the page shows only while the pointer is on its row (content/document/hover-shown.ts). The pointer our
 * events move cannot set CSS `:hover`, so the control stays hidden when its row is pointed at; a person would see and
 * click it there, so it is clicked as it is.
 */
import { pointedHost } from '../document/hover-shown.ts';
import { pointerSelectors, type SheetCache } from '../document/pointer.ts';
import { matchesOf, rootNodeOf } from '../document/dom-safe.ts';

/**
 * Style sheets read for their reveal rules, kept a moment: `.exists()` over a list and `waitFor` polling every 50 ms ask
 * again and again, while a page may add rules any time (CSS-in-JS `insertRule`).
 */
let sheets: { cache: SheetCache; since: number } | undefined;
const SHEETS_KEPT_MS = 1000;
function sheetCache(): SheetCache {
  const now = Date.now();
  if (!sheets || now - sheets.since > SHEETS_KEPT_MS) sheets = { cache: new WeakMap(), since: now };
  return sheets.cache;
}

/** The row a hidden `el` shows in while pointed at, or null. `shown`: the executor's own test of what a person sees. */
export function hoverRowOf(el: Element, shown: (at: Element) => boolean): Element | null {
  const cache = sheetCache();
  const selectors = new Map<Node, string>();
  const revealed = (at: Element): boolean => {
    const root = rootNodeOf(at);
    let selector = selectors.get(root);
    if (selector === undefined) {
      selector = root.nodeType === 9 || root.nodeType === 11 ? pointerSelectors(root as Document | ShadowRoot, cache).reveal.join(',') : '';
      selectors.set(root, selector);
    }
    if (!selector) return false;
    try {
      return matchesOf(at, selector);
    } catch {
      return false;
    }
  };
  return pointedHost(el, revealed, undefined, shown);
}
