// @vitest-environment happy-dom
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { act } from '../../../extension/content/executor/index.ts';
import { churnOf } from '../../../extension/content/executor/churn.ts';
import { REQUEST_CAP_MS } from '../../../extension/content/executor/settle.ts';
import { REQUEST_END_EVENT, REQUEST_START_EVENT } from '../../../extension/content/submit-guard/events.ts';
import type { ActRequest } from '../../../extension/protocol/schemas.ts';

/**
 * An element the page marks `aria-busy="true"` during an action holds its wait until it is no longer busy — only one
 * that became busy then and is shown, and no longer than an action's usual 2 s cap (review of `$list.scroll()`: an
 * unrelated progress bar, a hidden spinner, a region never cleared held clicks for 5 s).
 */

/** Fake ms until the click is answered. */
async function answeredAfter(request: ActRequest): Promise<number> {
  let done = false;
  const pending = act(document, request).then(() => void (done = true));
  let waited = 0;
  for (; !done && waited < 10_000; waited += 10) await vi.advanceTimersByTimeAsync(10);
  await pending;
  return waited;
}
const click = (id: string): ActRequest => ({ action: 'click', target: { locators: [{ by: 'id', value: id }] }, args: [] });

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '<div id="bar" role="progressbar" aria-busy="true">upload</div><div id="spinner" hidden>Loading…</div>'
    + '<button id="go" type="button">Go</button><div id="region"></div><p id="out"></p>';
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
});

// First in the file: the bar must begin before any action on the page (churn.ts judges what began after one as set off by it).
test('an always-busy progress bar the page redraws every frame does not hold a click that fetched', async () => {
  churnOf(document); // as the content script starts it when injected
  setInterval(() => document.getElementById('bar')!.setAttribute('aria-busy', 'true'), 16);
  await vi.advanceTimersByTimeAsync(500);
  document.getElementById('go')!.addEventListener('click', () => {
    document.dispatchEvent(new CustomEvent(REQUEST_START_EVENT, { detail: 7 }));
    setTimeout(() => {
      document.dispatchEvent(new CustomEvent(REQUEST_END_EVENT, { detail: 7 }));
      document.getElementById('out')!.textContent = 'got it';
    }, 150);
  });
  expect(await answeredAfter(click('go'))).toBeLessThan(1000);
});

test('a widget that re-marks itself busy every 300 ms does not hold plain clicks', async () => {
  const since = Date.now();
  setInterval(() => document.getElementById('bar')!.setAttribute('aria-busy', 'true'), 300);
  document.getElementById('go')!.addEventListener('click', () => void (document.getElementById('out')!.textContent = 'clicked'));
  for (let i = 0; i < 3; i++) {
    // The widget's next rewrite comes while the click's wait is on.
    await vi.advanceTimersByTimeAsync(290 - ((Date.now() - since) % 300));
    expect(await answeredAfter(click('go'))).toBeLessThan(1000);
  }
});

test('a spinner the page hides when done (its aria-busy left "true") does not hold the click to 5 s', async () => {
  document.getElementById('go')!.addEventListener('click', () => {
    const s = document.getElementById('spinner')!;
    s.hidden = false;
    s.setAttribute('aria-busy', 'true');
    setTimeout(() => {
      s.hidden = true;
      document.getElementById('out')!.textContent = 'done';
    }, 200);
  });
  expect(await answeredAfter(click('go'))).toBeLessThan(1000);
});

test('a region the click marks busy and never clears holds it to the usual 2 s cap, not to REQUEST_CAP_MS', async () => {
  document.getElementById('go')!.addEventListener('click', () => {
    const region = document.getElementById('region')!;
    region.setAttribute('aria-busy', 'true');
    region.textContent = 'done';
  });
  const waited = await answeredAfter(click('go'));
  expect(waited).toBeGreaterThanOrEqual(2000);
  expect(waited).toBeLessThanOrEqual(2010);
  expect(waited).toBeLessThan(REQUEST_CAP_MS);
});
