/** Shows the user which element an entry means: an outline box over it, on top of the page, removed on the next call. */
import type { Locator } from './document/types.ts';
import { resolveLocators } from './document/locators.ts';

const OVERLAY_ID = '__pocket-slm-highlight';

/** The element's box in the top document's viewport, adding the offsets of the iframes around it. */
function topRect(el: Element): DOMRect {
  const rect = el.getBoundingClientRect();
  let x = rect.left;
  let y = rect.top;
  let frame = el.ownerDocument.defaultView?.frameElement ?? null;
  while (frame) {
    const outer = frame.getBoundingClientRect();
    x += outer.left + frame.clientLeft;
    y += outer.top + frame.clientTop;
    frame = frame.ownerDocument.defaultView?.frameElement ?? null;
  }
  return new DOMRect(x, y, rect.width, rect.height);
}

export function highlight(doc: Document, locators: readonly Locator[]): { found: boolean } {
  doc.getElementById(OVERLAY_ID)?.remove();
  if (!locators.length) return { found: false };
  const el = resolveLocators(doc, locators);
  if (!el) return { found: false };
  el.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  const rect = topRect(el);
  const box = doc.createElement('div');
  box.id = OVERLAY_ID;
  box.setAttribute('aria-hidden', 'true');
  Object.assign(box.style, {
    position: 'fixed', left: `${rect.left - 2}px`, top: `${rect.top - 2}px`, width: `${rect.width + 4}px`,
    height: `${rect.height + 4}px`, outline: '2px solid #e8590c', background: 'rgba(232, 89, 12, 0.12)',
    borderRadius: '3px', pointerEvents: 'none', zIndex: '2147483647',
  });
  doc.documentElement.append(box);
  return { found: true };
}
