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
const act = (...args: Parameters<ExecutorRig['act']>) => rig!.act(...args);
const home = () => pages.url('/apps/enter/');

beforeAll(async () => {
  rig = await startExecutorRig('enter/');
  ({ pages, page } = rig);
}, 120_000);
afterAll(async () => {
  await rig?.close();
});
beforeEach(async () => {
  if (page.url() !== home()) await page.goto(home());
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
