// Chrome's DOM helpers for content scripts, apart from index.ts: modules that import this one (the executor) also run
// in unit tests, where webextension-polyfill refuses to load.

/** An element's shadow root, a closed one too (`chrome.dom`, content scripts only); elsewhere the open one. */
export const openOrClosedShadowRoot = (el: Element): ShadowRoot | null =>
  (globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?(el: Element): ShadowRoot | null } } }).chrome?.dom?.openOrClosedShadowRoot?.(el) ?? el.shadowRoot;
