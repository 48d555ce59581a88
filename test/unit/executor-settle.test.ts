// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { churnOf } from '../../extension/content/executor/churn.ts';
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
  const every = (ms: number, what: () => void) => {
    const timer = setInterval(what, ms);
    timers.push(timer);
    return () => clearInterval(timer);
  };
  beforeEach(async () => {
    vi.useFakeTimers();
    // As the content script does when injected: from now on, what the page changes by itself is learnt.
    churnOf(document);
    document.body.innerHTML = '<div id="bar"></div><time id="clock"></time><ul id="list"><li>old</li></ul><p id="total">0</p>';
    // The page was loaded a while ago (happy-dom fills each new element as a change of its own).
    await vi.advanceTimersByTimeAsync(1100);
  });
  afterEach(() => {
    for (const timer of timers) clearInterval(timer);
    timers = [];
    vi.useRealTimers();
  });
  const byId = (id: string) => document.getElementById(id)!;
  let frame = 0;
  const redrawEveryFrame = () => every(16, () => void (byId('bar').style.width = `${frame++ % 100}%`));
  const addItem = () => byId('list').append(document.createElement('li'));

  test('a bar the page redraws every frame: the action\'s wait does not wait for it, and nothing is said to have changed', async () => {
    redrawEveryFrame();
    await vi.advanceTimersByTimeAsync(300);
    const { ms, changed } = await settleTime(() => undefined);
    expect(ms).toBeLessThan(60);
    expect(changed).toBe(false);
  });

  test('with nothing learnt yet (the page was not watched before the action), the bar holds the wait as before; once the page is watched between actions, it does not', async () => {
    const stop = redrawEveryFrame();
    stop();
    redrawEveryFrame();
    const first = await settleTime(() => undefined);
    expect(first.ms).toBe(2000);
    // settleTime left the page alone for seconds after that wait: the bar was seen going on by itself.
    expect((await settleTime(() => undefined)).ms).toBeLessThan(60);
  });

  test('a steady clock ticking every 10 ms: the wait ends at the first quiet moment of everything else', async () => {
    every(10, () => void (byId('clock').textContent = String(Date.now())));
    await vi.advanceTimersByTimeAsync(300);
    expect((await settleTime(() => undefined)).ms).toBeLessThan(60);
  });

  test('what the action changes beside the ongoing bar counts as a change, and is waited for', async () => {
    redrawEveryFrame();
    await vi.advanceTimersByTimeAsync(300);
    const { ms, changed } = await settleTime((at) => {
      addItem();
      at(20, addItem);
      at(45, addItem);
    });
    expect(changed).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(45);
    expect(ms).toBeLessThan(120);
  });

  test('a count-up the action starts (a total redrawn every frame for 480 ms) is waited for to its end, beside an ongoing bar (review, session 25)', async () => {
    redrawEveryFrame();
    await vi.advanceTimersByTimeAsync(300);
    const { ms, changed } = await settleTime((at) => {
      let n = 0;
      const stop = every(16, () => {
        n += 1;
        byId('total').textContent = String(n);
      });
      at(480, stop);
    });
    expect(changed).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(480);
    expect(ms).toBeLessThan(600);
  });

  test('ten items added 25 ms apart are all waited for (review, session 25)', async () => {
    const { ms, changed } = await settleTime((at) => {
      addItem();
      for (let i = 1; i < 10; i++) at(i * 25, addItem);
    });
    expect(changed).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(225);
    expect(byId('list').children).toHaveLength(11);
  });

  test('results redrawn by the page just before the action (a late answer to typing) and redrawn once by it: a change (review, session 25)', async () => {
    await vi.advanceTimersByTimeAsync(10);
    byId('list').innerHTML = '<li>a</li>';
    await vi.advanceTimersByTimeAsync(30);
    byId('list').innerHTML = '<li>a</li><li>b</li>';
    await vi.advanceTimersByTimeAsync(30);
    const { changed } = await settleTime(() => void (byId('list').innerHTML = '<li>b</li>'));
    expect(changed).toBe(true);
  });

  test('a bar that stopped a while ago is not ongoing any more: the action\'s change to it counts (review, session 25)', async () => {
    const stop = redrawEveryFrame();
    await vi.advanceTimersByTimeAsync(300);
    stop();
    await vi.advanceTimersByTimeAsync(1500);
    const { changed } = await settleTime(() => void (byId('bar').style.display = 'none'));
    expect(changed).toBe(true);
  });

  test('a read after a load (no action) learns what is ongoing as it goes and is not held to its cap by it', async () => {
    redrawEveryFrame();
    const start = Date.now();
    let at = 0;
    const pending = watchSettle(document, { requestCapMs: 2000, action: false }).settled(2000, 150, 150).then(() => void (at = Date.now()));
    await vi.advanceTimersByTimeAsync(2500);
    await pending;
    expect(at - start).toBeLessThan(500);
  });
});
