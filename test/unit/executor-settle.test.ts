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

describe('a page that keeps changing by itself (a clock, an animation) does not hold every action for the whole cap (session 25)', () => {
  let timers: ReturnType<typeof setInterval>[] = [];
  const every = (ms: number, what: () => void) => void timers.push(setInterval(what, ms));
  beforeEach(() => {
    vi.useFakeTimers();
    document.body.innerHTML = '<div id="bar"></div><time id="clock"></time><ul id="list"><li>old</li></ul>';
  });
  afterEach(() => {
    for (const timer of timers) clearInterval(timer);
    timers = [];
    vi.useRealTimers();
  });
  const bar = () => document.getElementById('bar')!;
  let frame = 0;
  const redrawEveryFrame = () => every(16, () => void (bar().style.width = `${frame++ % 100}%`));

  test('a bar redrawn every frame: the wait ends once it is seen to be ongoing, and nothing is said to have changed', async () => {
    redrawEveryFrame();
    const { ms, changed } = await settleTime(() => undefined);
    expect(ms).toBeLessThan(300);
    expect(changed).toBe(false);
  });

  test('what the action changed beside it still counts as a change, and is waited for', async () => {
    redrawEveryFrame();
    const { ms, changed } = await settleTime((at) => {
      at(100, () => document.getElementById('list')!.append(document.createElement('li')));
    });
    expect(changed).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(100);
    expect(ms).toBeLessThan(300);
  });

  test('a burst of the action\'s own changes to one node (a list filled in four steps) is waited for to its end', async () => {
    const { ms, changed } = await settleTime((at) => {
      for (const t of [5, 30, 55, 80]) at(t, () => document.getElementById('list')!.append(document.createElement('li')));
    });
    expect(changed).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(80);
    expect(ms).toBeLessThan(140);
  });

  test('a node changed steadily through the whole wait no longer holds it past ONGOING_SPAN_MS plus a quiet moment', async () => {
    every(10, () => void (document.getElementById('clock')!.textContent = String(Date.now())));
    expect((await settleTime(() => undefined)).ms).toBeLessThan(300);
  });

  test('the next action soon after knows the bar is ongoing from its first redraw; one much later learns it again', async () => {
    redrawEveryFrame();
    const wait = async (afterMs: number) => {
      await vi.advanceTimersByTimeAsync(afterMs);
      const start = Date.now();
      const pending = watchSettle(document).settled(2000).then((result) => ({ ...result, ms: Date.now() - start }));
      await vi.advanceTimersByTimeAsync(2500);
      return pending;
    };
    expect((await wait(0)).ms).toBeGreaterThanOrEqual(150);
    const next = await wait(0);
    expect(next.ms).toBeLessThan(60);
    expect(next.changed).toBe(false);
    expect((await wait(4000)).ms).toBeGreaterThanOrEqual(150);
  });
});
