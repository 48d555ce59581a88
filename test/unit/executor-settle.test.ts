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
  // Each test's clock starts well after the last one's (the tracker keeps when the last action began).
  let base = Date.now();
  beforeEach(async () => {
    vi.useFakeTimers({ now: (base += 10_000_000) });
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
  // The page's first action (here, after other tests' actions long before) learns what was going on before it.
  const firstAction = () => settleTime(() => undefined);
  const countUp = (at: (ms: number, what: () => void) => void, ms: number) => {
    let n = 0;
    byId('total').textContent = String(n);
    const stop = every(16, () => void (byId('total').textContent = String(++n)));
    at(ms, stop);
  };

  test('a bar the page redraws every frame: the action\'s wait does not wait for it, and nothing is said to have changed', async () => {
    redrawEveryFrame();
    await vi.advanceTimersByTimeAsync(300);
    await firstAction();
    const { ms, changed } = await settleTime(() => undefined);
    expect(ms).toBeLessThan(60);
    expect(changed).toBe(false);
  });

  test('a bar that began after the last action holds the next one as before; from the one after on it does not', async () => {
    redrawEveryFrame();
    await vi.advanceTimersByTimeAsync(40);
    expect((await settleTime(() => undefined)).ms).toBe(2000);
    expect((await settleTime(() => undefined)).ms).toBeLessThan(60);
  });

  test('a page\'s first action right after its first read (a replay): a bar going since before it stops holding the wait once it has gone on for 100 ms into it', async () => {
    // Fresh modules: no action has been taken on this page yet.
    vi.resetModules();
    const fresh = await import('../../extension/content/executor/settle.ts');
    const { churnOf: freshChurn } = await import('../../extension/content/executor/churn.ts');
    document.body.innerHTML = '<div id="bar"></div><p id="total">0</p>';
    await vi.advanceTimersByTimeAsync(1100);
    freshChurn(document);
    redrawEveryFrame();
    await vi.advanceTimersByTimeAsync(40);
    const start = Date.now();
    const pending = fresh.watchSettle(document).settled(2000).then((result) => ({ ...result, ms: Date.now() - start }));
    await vi.advanceTimersByTimeAsync(2500);
    const first = await pending;
    expect(first.ms).toBeGreaterThanOrEqual(100);
    expect(first.ms).toBeLessThan(300);
    // What a count-up the first action sets off itself is still waited for.
    vi.resetModules();
    const again = await import('../../extension/content/executor/settle.ts');
    (await import('../../extension/content/executor/churn.ts')).churnOf(document);
    await vi.advanceTimersByTimeAsync(300);
    const begun = Date.now();
    const counting = again.watchSettle(document).settled(2000).then((result) => ({ ...result, ms: Date.now() - begun }));
    let n = 0;
    byId('total').textContent = String(n);
    const stop = every(16, () => void (byId('total').textContent = String(++n)));
    setTimeout(stop, 480);
    await vi.advanceTimersByTimeAsync(2500);
    expect((await counting).ms).toBeGreaterThanOrEqual(480);
  });

  test('a clock redrawn every 10 ms: the wait ends at the first quiet moment of everything else', async () => {
    // Redrawn as `<b>12</b>:<b>30</b>`: elements replaced, their number kept (built before they go in, as a browser's innerHTML does).
    const bold = (text: string) => Object.assign(document.createElement('b'), { textContent: text });
    every(10, () => byId('clock').replaceChildren(bold(String(Date.now() % 60)), ':', bold(String(Date.now() % 1000))));
    await vi.advanceTimersByTimeAsync(300);
    await firstAction();
    expect((await settleTime(() => undefined)).ms).toBeLessThan(60);
  });

  test('what the action changes beside the ongoing bar counts as a change, and is waited for', async () => {
    redrawEveryFrame();
    await vi.advanceTimersByTimeAsync(300);
    await firstAction();
    const { ms, changed } = await settleTime((at) => {
      addItem();
      at(20, addItem);
      at(45, addItem);
    });
    expect(changed).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(45);
    expect(ms).toBeLessThan(120);
  });

  test('a count-up the action starts is waited for to its end, beside an ongoing bar (review, session 25)', async () => {
    redrawEveryFrame();
    await vi.advanceTimersByTimeAsync(300);
    await firstAction();
    const { ms, changed } = await settleTime((at) => countUp(at, 480));
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

  test('a total the page redrew once a moment before: the action\'s count-up on it is still waited for (second review, session 25)', async () => {
    byId('total').textContent = '7';
    await vi.advanceTimersByTimeAsync(300);
    const { ms, changed } = await settleTime((at) => countUp(at, 480));
    expect(changed).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(480);
  });

  test('skeleton rows, then results 200 ms later, then an action on a row: a change (second review, session 25)', async () => {
    byId('list').innerHTML = '<li>…</li><li>…</li><li>…</li>';
    await vi.advanceTimersByTimeAsync(200);
    byId('list').innerHTML = '<li>a</li><li>b</li><li>c</li>';
    await vi.advanceTimersByTimeAsync(50);
    expect((await settleTime(() => void (byId('list').firstElementChild!.textContent = 'a (read)'))).changed).toBe(true);
  });

  test('items a previous action set off still arriving: the next action\'s own items are waited for (second review, session 25)', async () => {
    await settleTime((at) => {
      for (let i = 0; i < 60; i++) at(i * 40, addItem);
    });
    // The first wait ended at its cap with items still coming 40 ms apart; the next action adds its own.
    const { ms, changed } = await settleTime((at) => {
      for (let i = 0; i < 5; i++) at(i * 25, () => byId('list').prepend(document.createElement('li')));
    });
    expect(changed).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(100);
  });

  test('a list the page polls and redraws every 600 ms is not ongoing: an action\'s redraw of it is a change (second review, session 25)', async () => {
    // Redrawn as a browser's innerHTML does (happy-dom reports the new rows' own contents as changes too).
    const rows = (...texts: string[]) => texts.map((text) => Object.assign(document.createElement('li'), { textContent: text }));
    every(600, () => byId('list').replaceChildren(...rows('a', 'b')));
    await vi.advanceTimersByTimeAsync(3000);
    // The action's own redraw comes a moment later (after a timer), when only what is not ongoing holds the wait.
    const { ms, changed } = await settleTime((at) => {
      byId('total').textContent = 'sorting';
      at(20, () => byId('list').replaceChildren(...rows('b', 'a')));
    });
    expect(changed).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(50);
  });

  test('a bar that stopped a while ago is not ongoing any more: the action\'s change to it counts (review, session 25)', async () => {
    const stop = redrawEveryFrame();
    await vi.advanceTimersByTimeAsync(300);
    stop();
    await vi.advanceTimersByTimeAsync(500);
    const { changed } = await settleTime(() => void (byId('bar').style.display = 'none'));
    expect(changed).toBe(true);
  });

  test('a read after a load (no action of ours) ignores nothing: it waits, as before, up to its cap (third review, session 25)', async () => {
    redrawEveryFrame();
    await vi.advanceTimersByTimeAsync(300);
    const start = Date.now();
    let at = 0;
    const pending = watchSettle(document, { requestCapMs: 2000, action: false }).settled(2000, 150, 150).then(() => void (at = Date.now()));
    await vi.advanceTimersByTimeAsync(2500);
    await pending;
    expect(at - start).toBe(2000);
  });

  test('what the action\'s own handlers change on an ongoing node counts (a class an animation rewrites every frame, and the click\'s `open`) (third review, session 25)', async () => {
    const menu = byId('bar');
    every(16, () => menu.setAttribute('class', `menu glow-${frame++ % 2}${menu.classList.contains('open') ? ' open' : ''}`));
    await vi.advanceTimersByTimeAsync(300);
    await firstAction();
    const { changed } = await settleTime(() => menu.classList.add('open'));
    expect(changed).toBe(true);
  });

  test('what changes while a request the action started is out, and as its answer is drawn, counts and is waited for, on an ongoing node too (third review, session 25)', async () => {
    every(20, () => void (byId('clock').textContent = `tick ${frame++}`));
    await vi.advanceTimersByTimeAsync(300);
    await firstAction();
    const { ms, changed } = await settleTime((at) => {
      request.start(9);
      at(300, () => {
        request.end(9);
        byId('clock').textContent = 'Saved: order #4411';
      });
    });
    expect(changed).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(300);
  });
});
