// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { act } from '../../../extension/content/executor/index.ts';
import { GROWTH_CAP_MS, NOTHING_COMING_MS, REACTION_MS } from '../../../extension/content/executor/list-scroll.ts';
import { OVERLAY_ID } from '../../../extension/content/highlight.ts';
import type { ActReply, ActRequest } from '../../../extension/protocol/schemas.ts';

/**
 * `$list.scroll()` in the executor: the list's end into view, then a wait that ends once the list has grown (or the
 * page stayed quiet: the end of the feed); and a "Load more" click whose feed is marked busy until its posts are in.
 */
const feed = { locators: [{ by: 'id' as const, value: 'posts' }], item: { selector: ':scope > article' } };
const articles = () => document.querySelectorAll('#posts > article');
const post = (n: number) => `<article><h2><a href="#post-${n}">Post ${n}</a></h2></article>`;
const addPosts = (from: number, n = 10) => document.getElementById('posts')!
  .insertAdjacentHTML('beforeend', Array.from({ length: n }, (_, i) => post(from + i)).join(''));

/** The request answered, the fake clock run on only as far as that took (`ms`); `dom`: the posts there at that moment. */
async function answered(request: ActRequest): Promise<{ reply: ActReply; dom: number; ms: number }> {
  let reply: ActReply | undefined;
  let dom = 0;
  const start = Date.now();
  let ms = 0;
  const pending = act(document, request).then((r) => {
    reply = r;
    dom = articles().length;
    ms = Date.now() - start;
  });
  for (let waited = 0; !reply && waited < 10_000; waited += 10) await vi.advanceTimersByTimeAsync(10);
  await pending;
  return { reply: reply!, dom, ms };
}

let scrolled: string[];
/** What the page does when its box is scrolled to the end (a scroll listener near the bottom of the page). */
let atBoxEnd: (() => void) | undefined;
beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '<div id="posts" role="feed"></div><p id="status"></p><button id="more" type="button">Load more</button>';
  addPosts(1);
  scrolled = [];
  atBoxEnd = undefined;
  vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element, options?: boolean | ScrollIntoViewOptions) {
    scrolled.push(`${this.textContent} ${typeof options === 'object' ? options.block : ''}`);
  });
  // No layout here: the page's box (the document's scrolling element) is scrolled on past the list, then to its end.
  vi.spyOn(Element.prototype, 'scrollBy').mockImplementation(function (this: Element) {
    scrolled.push(`${this.tagName} past the list`);
  });
  vi.spyOn(Element.prototype, 'scrollTo').mockImplementation(function (this: Element) {
    scrolled.push(`${this.tagName} end`);
    atBoxEnd?.();
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.clearAllTimers();
  vi.useRealTimers();
});

describe('$list.scroll() in the executor', () => {
  test('the last item is scrolled to the bottom of the view, then to its top; the posts that come are waited for, the batch after them is not', async () => {
    setTimeout(() => void (document.getElementById('status')!.textContent = 'Loading…'), 20);
    setTimeout(() => addPosts(11), 300);
    setTimeout(() => addPosts(21), 1500);
    const { reply, dom } = await answered({ action: 'scroll', target: feed, args: [] });
    expect(scrolled).toEqual(['Post 10 end', 'Post 10 start']);
    expect(reply).toMatchObject({ value: 20, changed: true, navigated: false });
    expect(dom).toBe(20);
  });

  test('posts that come a while after a loading note (no request the page world saw) are still waited for', async () => {
    setTimeout(() => void (document.getElementById('status')!.textContent = 'Loading…'), 20);
    setTimeout(() => addPosts(11), 800);
    expect((await answered({ action: 'scroll', target: feed, args: [] })).reply.value).toBe(20);
  });

  test('at the end of the feed nothing comes: the same length, nothing changed; the page\'s box was scrolled on past the list, then to its end', async () => {
    const { reply, ms } = await answered({ action: 'scroll', target: feed, args: [] });
    expect(reply).toMatchObject({ value: 10, changed: false });
    expect(scrolled).toEqual(['Post 10 end', 'Post 10 start', 'HTML past the list', 'HTML end']);
    // The page had REACTION_MS to show it was loading, then NOTHING_COMING_MS after the box was scrolled on.
    expect(ms).toBeGreaterThanOrEqual(REACTION_MS + NOTHING_COMING_MS);
    expect(ms).toBeLessThan(REACTION_MS + NOTHING_COMING_MS + 200);
  });

  test('the side panel\'s outline over the list, placed again as the page scrolls, is not the page reacting', async () => {
    const outline = document.createElement('div');
    outline.id = OVERLAY_ID;
    let top = 0;
    setTimeout(() => document.documentElement.append(outline), 5);
    setInterval(() => void (outline.style.top = `${top -= 40}px`), 16);
    const { reply } = await answered({ action: 'scroll', target: feed, args: [] });
    expect(reply).toMatchObject({ value: 10, changed: false });
    expect(scrolled).toEqual(['Post 10 end', 'Post 10 start', 'HTML past the list', 'HTML end']);
  });

  test('a page that loads only once its box is scrolled to the end (a scroll listener near a long footer): those posts are waited for', async () => {
    atBoxEnd = () => void setTimeout(() => addPosts(11), 150);
    const { reply, dom } = await answered({ action: 'scroll', target: feed, args: [] });
    expect(reply).toMatchObject({ value: 20, changed: true });
    expect(dom).toBe(20);
  });

  test('a page that loads once what follows the list is in view stops the box there: it is not scrolled to its end', async () => {
    vi.mocked(Element.prototype.scrollBy).mockImplementation(function (this: Element) {
      scrolled.push(`${this.tagName} past the list`);
      setTimeout(() => void (document.getElementById('status')!.textContent = 'Loading…'), 5);
      setTimeout(() => addPosts(11), 200);
    });
    const { reply } = await answered({ action: 'scroll', target: feed, args: [] });
    expect(reply.value).toBe(20);
    expect(scrolled).toEqual(['Post 10 end', 'Post 10 start', 'HTML past the list']);
  });

  test('a page that keeps changing after the scroll but brings no items is answered GROWTH_CAP_MS after it, not later', async () => {
    setTimeout(() => {
      let n = 0;
      setInterval(() => void (document.getElementById('status')!.textContent = `Loading${'.'.repeat(++n % 4)}`), 400);
    }, 20);
    const { reply, ms } = await answered({ action: 'scroll', target: feed, args: [] });
    expect(reply.value).toBe(10);
    expect(ms).toBeGreaterThanOrEqual(GROWTH_CAP_MS);
    expect(ms).toBeLessThanOrEqual(GROWTH_CAP_MS + 10);
  });

  test('an animation going on on the page is no change: nothing loaded, nothing changed', async () => {
    document.body.insertAdjacentHTML('afterbegin', '<div id="ticker" class="a">news</div>');
    const ticker = document.getElementById('ticker')!;
    setInterval(() => ticker.setAttribute('class', ticker.className === 'a' ? 'b' : 'a'), 16);
    await vi.advanceTimersByTimeAsync(300);
    // An action before the scroll: the ticker was going before it, so it is the page's own from the next one on.
    await answered({ action: 'hover', target: { locators: [{ by: 'id', value: 'more' }] }, args: [] });
    await vi.advanceTimersByTimeAsync(300);
    const { reply } = await answered({ action: 'scroll', target: feed, args: [] });
    expect(reply).toMatchObject({ value: 10, changed: false });
  });

  test('a virtualized list (its rows swapped for the next ones, as many): the same length, answered soon after the swap', async () => {
    setTimeout(() => {
      document.getElementById('posts')!.replaceChildren();
      addPosts(6);
    }, 100);
    const { reply, ms } = await answered({ action: 'scroll', target: feed, args: [] });
    expect(reply).toMatchObject({ value: 10, changed: true });
    expect(ms).toBeLessThan(300);
  });

  test('a list given by its items\' paths: a loader row its selector also finds does not end the wait; the posts do', async () => {
    const paths = Array.from({ length: 10 }, (_, i) => `:scope > article:nth-of-type(${i + 1})`);
    const posts = document.getElementById('posts')!;
    setTimeout(() => posts.insertAdjacentHTML('beforeend', '<article class="loader"><p>Loading…</p></article>'), 50);
    setTimeout(() => {
      posts.querySelector('.loader')!.remove();
      addPosts(11);
    }, 600);
    const { reply, dom } = await answered({ action: 'scroll', target: { ...feed, item: { ...feed.item, paths } }, args: [] });
    expect(dom).toBe(20);
    expect(reply.changed).toBe(true);
  });

  test('a list given by its items\' paths: its new rows end the wait too (the bridge reads the page again to count them)', async () => {
    const paths = Array.from({ length: 10 }, (_, i) => `:scope > article:nth-of-type(${i + 1})`);
    setTimeout(() => addPosts(11), 300);
    setTimeout(() => addPosts(21), 1500);
    const { dom } = await answered({ action: 'scroll', target: { ...feed, item: { ...feed.item, paths } }, args: [] });
    expect(dom).toBe(20);
  });

  test('a list the page no longer has is a NotFoundError', async () => {
    await expect(act(document, { action: 'scroll', target: { ...feed, locators: [{ by: 'id', value: 'gone' }] }, args: [] }))
      .rejects.toMatchObject({ name: 'NotFoundError' });
  });

  test('an item of a list still scrolls only itself into view', async () => {
    const { reply } = await answered({ action: 'scroll', target: { ...feed, item: { ...feed.item, index: 2 } }, args: [] });
    expect(reply.value).toBeNull();
    expect(scrolled).toEqual(['Post 3 center']);
  });

  test('"Load more" whose feed is busy for a while: the click is answered once the posts are in', async () => {
    const posts = document.getElementById('posts')!;
    document.getElementById('more')!.addEventListener('click', () => {
      posts.setAttribute('aria-busy', 'true');
      document.getElementById('more')!.textContent = 'Loading…';
      setTimeout(() => {
        addPosts(11);
        posts.setAttribute('aria-busy', 'false');
        document.getElementById('more')!.textContent = 'Load more';
      }, 600);
    });
    const { reply, dom } = await answered({ action: 'click', target: { locators: [{ by: 'id', value: 'more' }] }, args: [] });
    expect(reply.changed).toBe(true);
    expect(dom).toBe(20);
  });

  test('a feed that stays busy holds the click to an action\'s usual 2 s cap, not longer', async () => {
    document.getElementById('more')!.addEventListener('click', () => document.getElementById('posts')!.setAttribute('aria-busy', 'true'));
    const { reply, dom, ms } = await answered({ action: 'click', target: { locators: [{ by: 'id', value: 'more' }] }, args: [] });
    expect(reply.changed).toBe(true);
    expect(dom).toBe(10);
    expect(ms).toBeGreaterThanOrEqual(2000);
    expect(ms).toBeLessThan(2100);
  });
});
