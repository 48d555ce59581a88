/** Set by the build (vite.config.ts); absent where these modules are bundled or run otherwise (benchmarks, unit tests). */
declare const __POCKET_BUILD__: string | undefined;

/**
 * Between the executor (our content script's world) and the submit guard (the page's own world, `page-world.ts`):
 * DOM events are all the two worlds share. Names carry the build: a tab open across an update (or a reload of a
 * rebuilt extension) keeps the old page-world script (the page's world outlives our scripts), which must neither
 * answer the new executor nor keep the new one from installing.
 */
export const BUILD_ID = typeof __POCKET_BUILD__ === 'string' ? __POCKET_BUILD__ : 'dev';
const name = (what: string) => `pocket-slm-${BUILD_ID}-${what}`;
/** Dispatched at a form by the page's `form.submit()`; cancelling it holds the submission back. */
export const SCRIPT_SUBMIT_EVENT = name('script-submit');
/**
 * Dispatched by the page's `form.requestSubmit()` on a form inside a shadow root, at its submitter (or the form), once
 * the browser has fired its own submit event there: that one does not leave the root, this one does (composed).
 */
export const SCRIPT_REQUEST_SUBMIT_EVENT = name('script-request-submit');
/**
 * Set by the guard, while it announces a submission from inside a closed shadow root, to `<id>:form`, `<id>:submitter`
 * and `<id>:host` (each shadow host on the way in), `<id>` being the announcement's own, carried as the event's detail:
 * outside a closed root the event's path starts at the outermost host, and the executor finds the form by this mark.
 */
export const SUBMITTING_ATTRIBUTE = `data-${name('submitting').toLowerCase().replace(/[^a-z0-9-]/g, '-')}`; // a CSS name as is
/** Asks the guard to cover the page's same-origin frames too (they may have come since it was injected). */
export const GUARD_FRAMES_EVENT = name('guard-frames');
/** The executor is watching an action: the page world reports the requests the page starts meanwhile. */
export const WATCH_REQUESTS_EVENT = name('watch-requests');
/** The watch ended: requests are no longer reported. */
export const UNWATCH_REQUESTS_EVENT = name('unwatch-requests');
/** Dispatched at the document by the page world: a `fetch` or XMLHttpRequest started during a watch, or ended. */
export const REQUEST_START_EVENT = name('request-start');
export const REQUEST_END_EVENT = name('request-end');
/**
 * Dispatched at the document by the page world, cancelable, while an action is watched: the page called
 * `window.open(url, target)` (detail: `[url, target]` as JSON). Cancelled by the executor, which then opens the page in
 * this tab; the page's call returns null, as a blocked popup's does.
 */
export const WINDOW_OPEN_EVENT = name('window-open');
