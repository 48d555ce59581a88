/**
 * Between the executor (our content script's world) and the submit guard (the page's own world, `page-world.ts`):
 * DOM events are all the two worlds share.
 */
/** Dispatched at a form by the page's `form.submit()`; cancelling it holds the submission back. */
export const SCRIPT_SUBMIT_EVENT = 'pocket-slm-script-submit';
/** Asks the guard to cover the page's same-origin frames too (they may have come since it was injected). */
export const GUARD_FRAMES_EVENT = 'pocket-slm-guard-frames';
