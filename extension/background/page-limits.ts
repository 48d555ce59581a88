/**
 * How long a tab may take to answer. The executor's own waits (settling, late elements, requests) end within about
 * 10 s — `waitFor` within what the script asked, up to 60 s — and a read stops itself at 2 s, so a tab still silent
 * after these is blocked: a dialog of the page waiting for the user (alert, confirm), or a script of its own that keeps
 * it busy. A tab whose address Chrome hides (a page's source) gets `hiddenInjectMs` to take the content script. The
 * test hooks shorten them.
 */
export const pageAnswerLimits = { actMs: 45_000, readMs: 30_000, hiddenInjectMs: 4_000 };

/** The limit for one request: an action's, or a `waitFor`'s own wait and the action's beyond it. */
export function answerLimit(kind: string, payload: unknown): number {
  if (kind !== 'content.act') return pageAnswerLimits.readMs;
  const { action, args } = payload as { action?: string; args?: unknown[] };
  // The question at a run's end about a submission the page made by itself: the executor waits 1.5 s at most, then
  // sends it (if confirmed) and settles; a page that blocks longer keeps a finished run waiting less long.
  if (action === 'held') return Math.min(pageAnswerLimits.actMs, 20_000);
  if (action !== 'waitFor') return pageAnswerLimits.actMs;
  const asked = Number(args?.[0] ?? 5000);
  return Math.min(60_000, Number.isFinite(asked) ? Math.max(0, asked) : 0) + pageAnswerLimits.actMs;
}
