/**
 * A control the page shows only while the pointer is on its row (content/document/hover-shown.ts). The pointer our
 * events move cannot set CSS `:hover`, so the control stays hidden when its row is pointed at; a person would see and
 * click it there, so it is clicked as it is.
 */
import { pointedHost } from '../document/hover-shown.ts';
import { pointerSelectors } from '../document/pointer.ts';
import { matchesOf, rootNodeOf } from '../document/dom-safe.ts';

/** The row a hidden `el` shows in while pointed at, or null. `shown`: the executor's own test of what a person sees. */
export function hoverRowOf(el: Element, shown: (at: Element) => boolean): Element | null {
  const selectors = new Map<Node, string>();
  const revealed = (at: Element): boolean => {
    const root = rootNodeOf(at);
    let selector = selectors.get(root);
    if (selector === undefined) {
      selector = root.nodeType === 9 || root.nodeType === 11 ? pointerSelectors(root as Document | ShadowRoot).reveal.join(',') : '';
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
