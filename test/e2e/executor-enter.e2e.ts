import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startExecutorRig, type ExecutorRig } from './executor-rig.ts';

/**
 * `press("Enter")` in Chromium (test/fixtures/apps/enter/): a search box with no button is sent; Enter in a sign-in or
 * payment form (POST) is held for the user's confirmation as its button's click is; a page's own keydown listener
 * (no form) gets the key and its results appear; a page that cancels the key keeps its form from being sent. Actions
 * go extension page → background → content executor, as a run's do.
 */

let rig: ExecutorRig | undefined;
let pages: ExecutorRig['pages'];
let page: Page;
/** Form posts the page made (what the server would have been sent). */
const posts: string[] = [];
const act = (...args: Parameters<ExecutorRig['act']>) => rig!.act(...args);
const home = () => pages.url('/apps/enter/');

beforeAll(async () => {
  rig = await startExecutorRig('enter/');
  ({ pages, page } = rig);
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url());
  });
}, 120_000);
afterAll(async () => {
  await rig?.close();
});
beforeEach(async () => {
  if (page.url() !== home()) await page.goto(home());
  posts.length = 0;
});

describe('Enter', () => {
  test('in a search box with no button, it sends the search (GET)', async () => {
    expect((await act('q', 'type', ['lamp'])).ok).toBe(true);
    const sent = await act('q', 'press', ['Enter']);
    expect(sent, JSON.stringify(sent)).toMatchObject({ ok: true, payload: { value: null, navigated: true } });
    await page.waitForURL(/\/apps\/enter\/results\.html\?q=lamp$/);
    expect(await page.locator('#query').innerText()).toBe('Results for lamp');
  });

  test('in a sign-in form, it is held for confirmation as its button\'s click is; confirmed, the form is sent', async () => {
    await page.fill('#user', 'ana');
    await page.fill('#password', 'hunter22');
    const asked = await act('user', 'press', ['Enter']);
    expect(asked.ok).toBe(false);
    expect(asked.error?.name).toBe('ActionError');
    expect(asked.error?.data).toMatchObject({ needsConfirmation: true, label: 'Sign in', reason: 'submits a form: Enter clicks this button' });
    await page.waitForTimeout(300);
    expect(page.url()).toBe(home());
    // Confirmed: Enter clicks the button the user was shown.
    const sent = await act('user', 'press', ['Enter'], { confirmed: true, fingerprint: asked.error!.data!.fingerprint });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    await page.waitForURL(/\/apps\/enter\/sent\.html$/);
  });

  test('in a one-field payment form with no button, the submission is held for confirmation; nothing is sent', async () => {
    await page.fill('#amount', '5000');
    const asked = await act('amount', 'press', ['Enter']);
    expect(asked.error?.data).toMatchObject({ needsConfirmation: true, reason: 'submits /apps/enter/sent.html when Enter is pressed in it' });
    await page.waitForTimeout(300);
    expect(page.url()).toBe(home());
    // Another action forgets it; a confirmation of the prompt then sends it once, without a second key.
    const again = await act('amount', 'press', ['Enter']);
    expect(again.error?.data?.needsConfirmation).toBe(true);
    const sent = await act('amount', 'press', ['Enter'], { confirmed: true, fingerprint: again.error!.data!.fingerprint });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    await page.waitForURL(/\/apps\/enter\/sent\.html$/);
  });

  test('a page that handles Enter in its own keydown listener (no form) gets it, with keyCode 13; its fetched results are waited for', async () => {
    expect((await act('filter', 'type', ['lamp'])).ok).toBe(true);
    const pressed = await act('filter', 'press', ['Enter']);
    expect(pressed, JSON.stringify(pressed)).toMatchObject({ ok: true, payload: { value: null, changed: true } });
    // At once: the action waited for the page's fetch (300 ms) and what it drew.
    expect(await page.locator('#products li').allInnerTexts()).toEqual(['Desk lamp', 'Floor lamp', 'Lamp shade']);
  });

  test('a page that cancels the key keeps its form from being sent', async () => {
    expect((await act('quick', 'type', ['chair'])).ok).toBe(true);
    expect((await act('quick', 'press', ['Enter'])).ok).toBe(true);
    expect(await page.locator('#own-status').innerText()).toBe('handled by the page: chair');
    await page.waitForTimeout(300);
    expect(page.url()).toBe(home());
  });

  test('a page whose keydown handler sends the form a moment later (timer, microtask) sends nothing until confirmed (review, session 24)', async () => {
    for (const [field, form] of [['soon-text', 'soon'], ['later-text', 'later']] as const) {
      await page.fill(`#${field}`, 'hello');
      const asked = await act(field, 'press', ['Enter']);
      expect(asked.error?.data, JSON.stringify(asked)).toMatchObject({ needsConfirmation: true, label: 'Send', reason: 'submits a form: Enter clicks this button' });
      await page.waitForTimeout(400);
      expect(page.url(), form).toBe(home());
      expect(posts, form).toEqual([]);
      const sent = await act(field, 'press', ['Enter'], { confirmed: true, fingerprint: asked.error!.data!.fingerprint });
      expect(sent.ok, JSON.stringify(sent)).toBe(true);
      // Sent (the button's click, and the page's own send right after it, which may cut the first one short).
      await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/\/apps\/enter\/sent\.html$/);
      await page.waitForLoadState();
      expect(posts.length, form).toBeGreaterThan(0);
      await page.goto(home());
      posts.length = 0;
    }
  });

  test('a confirmation the key handler makes needed keeps the form it sends later held (review, session 24)', async () => {
    await page.fill('#turns-q', 'lamp');
    const asked = await act('turns-q', 'press', ['Enter']);
    expect(asked.error?.data, JSON.stringify(asked)).toMatchObject({ needsConfirmation: true, label: 'Delete everything' });
    await page.waitForTimeout(400);
    expect(page.url()).toBe(home());
    expect(posts).toEqual([]);
    // Declined: the next action goes ahead, and what the page tried to send is dropped unasked (review, session 24).
    const next = await act('filter', 'press', ['Escape']);
    expect(next.ok, JSON.stringify(next)).toBe(true);
    expect((await act('filter', 'press', ['Escape'])).ok).toBe(true);
    await page.waitForTimeout(300);
    expect(page.url()).toBe(home());
    expect(posts).toEqual([]);
  });

  test('confirmed, that press sends the form the key handler tried to send, once: no second question, no second key (review, session 24)', async () => {
    // A fresh page: the last test's handler left this form a POST "Delete everything", which would be asked about up front.
    await page.goto(home());
    await page.fill('#turns-q', 'lamp');
    const asked = await act('turns-q', 'press', ['Enter']);
    expect(asked.error?.data, JSON.stringify(asked)).toMatchObject({ needsConfirmation: true, label: 'Delete everything' });
    await page.waitForTimeout(400);
    expect(posts).toEqual([]);
    // The bridge's retry of the press the user confirmed.
    const sent = await act('turns-q', 'press', ['Enter'], { confirmed: true, fingerprint: asked.error!.data!.fingerprint });
    expect(sent, JSON.stringify(sent)).toMatchObject({ ok: true, payload: { navigated: true } });
    await page.waitForURL(/\/apps\/enter\/sent\.html$/);
    await page.waitForLoadState();
    await page.waitForTimeout(300);
    expect(posts).toHaveLength(1);
  });

  test('in an open combobox the page picks the suggestion with Enter: no question about the form\'s button, nothing sent (review, session 24)', async () => {
    await page.fill('#addr', '1 Ma');
    const picked = await act('addr', 'press', ['Enter']);
    expect(picked, JSON.stringify(picked)).toMatchObject({ ok: true });
    expect(await page.locator('#addr').inputValue()).toBe('1 Main Street');
    await page.waitForTimeout(300);
    expect(page.url()).toBe(home());
    expect(posts).toEqual([]);
    // Closed, Enter in it would click Place order: asked before the page gets the key.
    const asked = await act('addr', 'press', ['Enter']);
    expect(asked.error?.data, JSON.stringify(asked)).toMatchObject({ needsConfirmation: true, label: 'Place order' });
  });

  test('an image button is the default button: a GET "Delete account" asks first, a POST sign-in with two fields asks, one before a later button is the one clicked (review, session 24)', async () => {
    await page.fill('#account', '42');
    const closing = await act('account', 'press', ['Enter']);
    expect(closing.error?.data, JSON.stringify(closing)).toMatchObject({ needsConfirmation: true, label: 'Delete account' });
    await page.fill('#member-name', 'ana');
    await page.fill('#member-pin', '1234');
    const signing = await act('member-name', 'press', ['Enter']);
    expect(signing.error?.data, JSON.stringify(signing)).toMatchObject({ needsConfirmation: true, label: 'Sign in' });
    await page.waitForTimeout(300);
    expect(page.url()).toBe(home());
    const sent = await act('member-name', 'press', ['Enter'], { confirmed: true, fingerprint: signing.error!.data!.fingerprint });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    await page.waitForURL(/\/apps\/enter\/sent\.html$/);
    expect(posts).toHaveLength(1);
    // An image button first and a "Delete everything" after it: Enter clicks the image (a search), not the later one.
    await page.goto(home());
    await page.fill('#finder-q', 'lamp');
    const found = await act('finder-q', 'press', ['Enter']);
    expect(found.ok, JSON.stringify(found)).toBe(true);
    await page.waitForURL(/\/apps\/enter\/results\.html\?q=lamp&x=\d+&y=\d+$/);
  });

  test('Enter leaves a read-only text area and one at its maxlength as they are (review, session 24)', async () => {
    expect(await act('fixed', 'press', ['Enter'])).toMatchObject({ ok: true, payload: { changed: false } });
    expect(await page.locator('#fixed').inputValue()).toBe('fixed');
    await page.locator('#short').evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(3, 3));
    expect((await act('short', 'press', ['Enter'])).ok).toBe(true);
    expect(await page.locator('#short').inputValue()).toBe('abc');
  });

  test('in a text area and an editor, a line break; other keys reach the page; a key press() does not know is refused', async () => {
    expect((await act('notes', 'type', ['one'])).ok).toBe(true);
    expect((await act('notes', 'press', ['Enter'])).ok).toBe(true);
    expect(await page.locator('#notes').inputValue()).toBe('one\n');
    expect((await act('editor', 'type', ['Hello'])).ok).toBe(true);
    expect((await act('editor', 'press', ['Enter'])).ok).toBe(true);
    expect((await page.locator('#editor').innerText()).split('\n')[0]).toBe('Hello');
    expect(await page.locator('#editor').evaluate((el) => el.childNodes.length)).toBeGreaterThan(1);
    expect((await act('filter', 'press', ['Escape'])).ok).toBe(true);
    const refused = await act('filter', 'press', ['Delete']);
    expect(refused.error?.name).toBe('ActionError');
    expect(refused.error?.message).toMatch(/takes one of the keys Enter, Escape, ArrowDown, ArrowUp/);
  });
});
