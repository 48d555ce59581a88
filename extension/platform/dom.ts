// Chrome's DOM helpers for content scripts, apart from index.ts: modules that import this one (the executor) also run
// in unit tests, where webextension-polyfill refuses to load.

const XHTML = 'http://www.w3.org/1999/xhtml';

/**
 * An element's shadow root, a closed one too (`chrome.dom`, content scripts only); elsewhere the open one. Only HTML
 * elements host one, and Chrome's call throws for others (an `<svg>` in a list item: session 28).
 */
export function openOrClosedShadowRoot(el: Element): ShadowRoot | null {
  if (el.namespaceURI !== XHTML) return null;
  const dom = (globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?(el: Element): ShadowRoot | null } } }).chrome?.dom;
  try {
    return dom?.openOrClosedShadowRoot?.(el) ?? el.shadowRoot;
  } catch {
    return el.shadowRoot ?? null;
  }
}
