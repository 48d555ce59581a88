import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startExecutorRig, type ExecutorRig } from './executor-rig.ts';

/**
 * A form the browser refuses to send (a required field empty, an email that is no email, a number past its maximum)
 * is reported as not sent, with the fields that stop it, before the user is asked to confirm a send that cannot
 * happen (test/fixtures/apps/refused/). A `novalidate` form is the page's to check: it goes as it is.
 */

let rig: ExecutorRig | undefined;
let page: Page;
const posts: string[] = [];
const act = (...args: Parameters<ExecutorRig['act']>) => rig!.act(...args);
const home = () => rig!.pages.url('/apps/refused/');

beforeAll(async () => {
  rig = await startExecutorRig('refused/');
  ({ page } = rig);
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url());
  });
}, 120_000);
afterAll(async () => {
  await rig?.close();
});
beforeEach(async () => {
  await page.goto(home());
  posts.length = 0;
});

describe('a form the browser refuses', () => {
  test('is not asked about: the click says which fields stop it, and nothing is sent', async () => {
    await page.fill('#email', 'ana');
    await page.fill('#count', '12');
    const refused = await act('place', 'click');
    expect(refused.ok).toBe(false);
    expect(refused.error?.name).toBe('ActionError');
    expect(refused.error?.data).toMatchObject({ state: 'invalid-form' });
    expect(refused.error?.data?.needsConfirmation).toBeUndefined();
    const fields = refused.error!.data!.fields as { label: string; problem: string }[];
    expect(fields.map((field) => field.label)).toEqual(['Your name', 'Email', 'How many', 'I accept the terms']);
    expect(refused.error!.message).toMatch(/^the form "Order" is not sent: the browser refuses it until 4 fields are right: "Your name" \(/);
    expect(fields[2]!.problem).toMatch(/10/);
    await page.waitForTimeout(300);
    expect(posts).toEqual([]);
    expect(page.url()).toBe(home());
  });

  test('once its fields are right, it is asked about, and sent when confirmed', async () => {
    expect((await act('name', 'type', ['Ana'])).ok).toBe(true);
    expect((await act('count', 'type', ['2'])).ok).toBe(true);
    expect((await act('terms', 'check')).ok).toBe(true);
    const asked = await act('place', 'click');
    expect(asked.error?.data, JSON.stringify(asked)).toMatchObject({ needsConfirmation: true, label: 'Place order' });
    const sent = await act('place', 'click', [], { confirmed: true, fingerprint: asked.error!.data!.fingerprint });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    await page.waitForURL(/\/apps\/refused\/sent\.html$/);
  });

  test('a confirmed click of a form that turned invalid since is refused too, not reported sent', async () => {
    await page.fill('#name', 'Ana');
    await page.check('#terms');
    const asked = await act('place', 'click');
    expect(asked.error?.data?.needsConfirmation).toBe(true);
    await page.fill('#name', '');
    const refused = await act('place', 'click', [], { confirmed: true, fingerprint: asked.error!.data!.fingerprint });
    expect(refused.error?.data, JSON.stringify(refused)).toMatchObject({ state: 'invalid-form' });
    await page.waitForTimeout(300);
    expect(posts).toEqual([]);
  });

  test('Enter in a field of such a form says the same', async () => {
    const refused = await act('email', 'press', ['Enter']);
    expect(refused.error?.data, JSON.stringify(refused)).toMatchObject({ state: 'invalid-form' });
    expect(refused.error!.message).toMatch(/Enter in the field sends this form/);
    await page.waitForTimeout(300);
    expect(page.url()).toBe(home());
  });

  test('a search with its required query empty is not sent; with one, it is', async () => {
    const refused = await act('go', 'click');
    expect(refused.error?.data, JSON.stringify(refused)).toMatchObject({ state: 'invalid-form', fields: [{ label: 'Find lamps' }] });
    expect((await act('q', 'type', ['desk'])).ok).toBe(true);
    const sent = await act('go', 'click');
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    await page.waitForURL(/\/apps\/refused\/results\.html\?q=desk$/);
  });

  test('a field the page hides is named as one no one can fill', async () => {
    const refused = await act('find-code', 'click');
    expect(refused.error?.data, JSON.stringify(refused)).toMatchObject({ state: 'invalid-form', fields: [{ label: 'step', hidden: true }] });
    expect(refused.error!.message).toMatch(/hidden/);
  });

  test('a novalidate form goes as it is', async () => {
    const sent = await act('note-go', 'click');
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    await page.waitForURL(/\/apps\/refused\/sent\.html\?note=$/);
  });
});
