// @vitest-environment happy-dom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  changedSince, contentChangedSince, generationNow, generationOf, IDLE_MS, reused,
} from '../../../extension/content/executor/read-cache.ts';

/**
 * Review of read-cache.ts: nothing is left on the user's page after a run (the observer and listeners come off once
 * unused), nothing read before that is reused or served after it, and changes that mutate nothing (a popover, a
 * `#fragment`, a transition or animation ended) move the generation on.
 */
const itemCount = () => document.querySelectorAll('li').length;

// Fake for the whole file: the cache's idle timer, set in one test, still runs in the next.
beforeAll(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
afterAll(() => vi.useRealTimers());

beforeEach(() => {
  document.body.innerHTML = '<ul><li>one</li><li>two</li></ul><p role="status">Saved</p><details><summary>More</summary></details>';
});

afterEach(() => vi.restoreAllMocks());

describe('read cache left idle', () => {
  test('comes off the page: observer disconnected, listeners removed', () => {
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    const removedFromDocument = vi.spyOn(document, 'removeEventListener');
    const removedFromWindow = vi.spyOn(window, 'removeEventListener');
    generationOf(document);
    vi.advanceTimersByTime(IDLE_MS / 2);
    expect(disconnect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(IDLE_MS);
    expect(disconnect).toHaveBeenCalled();
    const documentTypes = removedFromDocument.mock.calls.map(([type]) => type);
    expect(documentTypes).toEqual(expect.arrayContaining(['input', 'change', 'toggle', 'transitionend', 'animationend']));
    expect(removedFromWindow.mock.calls.map(([type]) => type)).toEqual(expect.arrayContaining(['resize', 'hashchange']));
  });

  test('stays on while it is used', () => {
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    generationOf(document);
    for (let i = 0; i < 4; i++) {
      vi.advanceTimersByTime(IDLE_MS / 2);
      generationOf(document);
    }
    expect(disconnect).not.toHaveBeenCalled();
  });

  test('reads afresh once used again, whatever changed while it was off', async () => {
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    expect(reused(document, 'items', itemCount)).toBe(2);
    expect(reused(document, 'items', () => -1)).toBe(2); // reused while nothing changed
    const before = generationOf(document);
    const since = generationNow(document);
    vi.advanceTimersByTime(IDLE_MS * 2);
    expect(disconnect).toHaveBeenCalled();
    // Changed while nothing watches: no record of it will ever come.
    document.querySelector('ul')!.append(Object.assign(document.createElement('li'), { textContent: 'three' }));
    document.querySelector('[role=status]')!.textContent = 'Saved';
    expect(reused(document, 'items', itemCount)).toBe(3);
    expect(generationOf(document)).not.toBe(before);
    await expect(changedSince(document, before, 0)).resolves.toBe(true);
    expect(contentChangedSince(document, document.querySelector('[role=status]')!, since)).toBe(true);
  });
});

describe('changes that mutate nothing', () => {
  const fired: Array<[string, () => void]> = [
    ['a <details> or popover toggled', () => document.querySelector('details')!.dispatchEvent(new Event('toggle'))],
    ['a transition ended', () => document.querySelector('li')!.dispatchEvent(new Event('transitionend', { bubbles: true }))],
    ['an animation ended', () => document.querySelector('li')!.dispatchEvent(new Event('animationend', { bubbles: true }))],
    ['a new #fragment', () => window.dispatchEvent(new Event('hashchange'))],
  ];
  test.each(fired)('%s moves the generation on, and what was reused is read again', (_, fire) => {
    expect(reused(document, 'shown', () => 'before')).toBe('before');
    const before = generationOf(document);
    fire();
    expect(generationOf(document)).not.toBe(before);
    expect(reused(document, 'shown', () => 'after')).toBe('after');
  });
});
