// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { REQUEST_CAP_MS, watchSettle } from '../../extension/content/executor/settle.ts';
import { REQUEST_END_EVENT, REQUEST_START_EVENT, UNWATCH_REQUESTS_EVENT, WATCH_REQUESTS_EVENT } from '../../extension/content/submit-guard/events.ts';

/** What the page world does while a watch is on: reports a request's start and end at the document. */
const request = {
  start: (id = 1) => document.dispatchEvent(new CustomEvent(REQUEST_START_EVENT, { detail: id })),
  end: (id = 1) => document.dispatchEvent(new CustomEvent(REQUEST_END_EVENT, { detail: id })),
};

async function settleTime(during: (ms: (at: number, what: () => void) => void) => void, capMs = 2000, requestCapMs = REQUEST_CAP_MS): Promise<{ ms: number; changed: boolean }> {
  const start = Date.now();
  const watch = watchSettle(document, { requestCapMs });
  during((at, what) => setTimeout(what, at));
  let at = 0;
  const pending = watch.settled(capMs).then((result) => {
    at = Date.now();
    return result;
  });
  await vi.advanceTimersByTimeAsync(REQUEST_CAP_MS + 1000);
  const result = await pending;
  return { ms: at - start, changed: result.changed };
}

describe('settling after an action waits for the requests it started (single-page apps)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    document.body.innerHTML = '<ul id="list"><li>old</li></ul>';
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('nothing started: settled after the first quiet moment', async () => {
    expect((await settleTime(() => undefined)).ms).toBeLessThan(50);
  });

  test('a request out: settled only after it ended and the page had time to draw what it brought', async () => {
    const { ms, changed } = await settleTime((at) => {
      request.start();
      at(700, () => {
        request.end();
        document.getElementById('list')!.innerHTML = '<li>new</li>';
      });
    });
    expect(changed).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(800);
    expect(ms).toBeLessThan(900);
  });

  test('requests out past the cap: the wait ends at REQUEST_CAP_MS, not later; an end without a start changes nothing', async () => {
    expect((await settleTime(() => request.start())).ms).toBe(REQUEST_CAP_MS);
    expect((await settleTime(() => request.end())).ms).toBeLessThan(50);
  });

  test('the end of a request an earlier action started does not end this action\'s wait (review, session 17)', async () => {
    const { ms } = await settleTime((at) => {
      request.start(2);
      at(100, () => request.end(1));
      at(700, () => request.end(2));
    });
    expect(ms).toBeGreaterThanOrEqual(800);
    expect(ms).toBeLessThan(900);
  });

  test('the page world is told when to report: one watch on, then off', async () => {
    const seen: string[] = [];
    for (const type of [WATCH_REQUESTS_EVENT, UNWATCH_REQUESTS_EVENT]) document.addEventListener(type, () => seen.push(type));
    await settleTime(() => undefined);
    expect(seen).toEqual([WATCH_REQUESTS_EVENT, UNWATCH_REQUESTS_EVENT]);
  });

  test('a short request cap (the Page tab\'s read after a load) ends the wait there, not at REQUEST_CAP_MS (session 18)', async () => {
    const start = Date.now();
    const watch = watchSettle(document, { requestCapMs: 2000 });
    request.start(7);
    let at = 0;
    const pending = watch.settled(2000, 150, 150).then(() => void (at = Date.now()));
    await vi.advanceTimersByTimeAsync(REQUEST_CAP_MS + 1000);
    await pending;
    expect(at - start).toBe(2000);
  });

  test('a read no action started (the Page tab after a load) lets the page\'s requests hold it only to its own cap (session 18)', async () => {
    const seen: string[] = [];
    for (const type of [WATCH_REQUESTS_EVENT, UNWATCH_REQUESTS_EVENT]) document.addEventListener(type, () => seen.push(type));
    expect((await settleTime(() => request.start(), 500, 2000)).ms).toBe(2000);
    expect(seen).toEqual([WATCH_REQUESTS_EVENT, UNWATCH_REQUESTS_EVENT]);
  });
});
