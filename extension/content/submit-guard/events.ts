/**
 * Between the executor (our content script's world) and the submit guard (the page's own world, `page-world.ts`):
 * DOM events are all the two worlds share.
 */
/** Dispatched at a form by the page's `form.submit()`; cancelling it holds the submission back. */
export const SCRIPT_SUBMIT_EVENT = 'pocket-slm-script-submit';
/** Asks the guard to cover the page's same-origin frames too (they may have come since it was injected). */
export const GUARD_FRAMES_EVENT = 'pocket-slm-guard-frames';
/** The executor is watching an action: the page world reports the requests the page starts meanwhile. */
export const WATCH_REQUESTS_EVENT = 'pocket-slm-watch-requests';
/** The watch ended: requests are no longer reported. */
export const UNWATCH_REQUESTS_EVENT = 'pocket-slm-unwatch-requests';
/** Dispatched at the document by the page world: a `fetch` or XMLHttpRequest started during a watch, or ended. */
export const REQUEST_START_EVENT = 'pocket-slm-request-start';
export const REQUEST_END_EVENT = 'pocket-slm-request-end';
