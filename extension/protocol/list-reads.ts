/** Limits of a list read in one go, shared by the executor (content script) and the bridge (model host). */

/** Most item texts one `texts` answer holds (the bridge asks for the rest as the script reads on). */
export const MAX_COLUMN_TEXTS = 2000;
/** Longest one `watch` waits for the page to change; the bridge asks again while it still holds texts. */
export const WATCH_MAX_MS = 10_000;
