import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startExecutorRig, type ExecutorRig } from './executor-rig.ts';

/**
 * A form the browser refuses to send (a required field empty, an email that is no email, a number past its maximum)
 * is reported as not sent, with the fields that stop it, not as done (test/fixtures/apps/refused/). Judged once
 * clicked: a page's own click handler may still send it itself. A `novalidate` form is the page's to check.
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
  test('a confirmed click says which fields stop it, and nothing is sent', async () => {
    await page.fill('#email', 'ana');
    await page.fill('#count', '12');
    // Asked first: the page's own click handler might still send it (see below); the browser judges only once clicked.
    const asked = await act('place', 'click');
    expect(asked.error?.data, JSON.stringify(asked)).toMatchObject({ needsConfirmation: true, label: 'Place order' });
    const refused = await act('place', 'click', [], { confirmed: true, fingerprint: asked.error!.data!.fingerprint });
    expect(refused.ok).toBe(false);
    expect(refused.error?.name).toBe('ActionError');
    expect(refused.error?.data).toMatchObject({ state: 'invalid-form' });
    const fields = refused.error!.data!.fields as { label: string; problem: string }[];
    expect(fields.map((field) => field.label)).toEqual(['Your name', 'Email', 'How many', 'I accept the terms']);
    expect(refused.error!.message).toMatch(/^the form "Order" was not sent: these 4 fields are not filled in as the form requires: "Your name" \(/);
    expect(refused.error!.message).toMatch(/; fill them in \(type, select, check\), then send it again$/);
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

  test('Enter in a field of such a form, confirmed, says the same', async () => {
    const asked = await act('email', 'press', ['Enter']);
    expect(asked.error?.data?.needsConfirmation).toBe(true);
    const refused = await act('email', 'press', ['Enter'], { confirmed: true, fingerprint: asked.error!.data!.fingerprint });
    expect(refused.error?.data, JSON.stringify(refused)).toMatchObject({ state: 'invalid-form' });
    expect(refused.error!.message).toMatch(/^the form "Order" was not sent \(Enter in the field sends it\): /);
    await page.waitForTimeout(300);
    expect(posts).toEqual([]);
  });

  test('a search with its required query empty is not sent; with one, it is', async () => {
    const refused = await act('go', 'click');
    expect(refused.error?.data, JSON.stringify(refused)).toMatchObject({ state: 'invalid-form', fields: [{ label: 'Find lamps' }] });
    expect(refused.error!.message).toMatch(/this field is not filled in as the form requires: .*; fill it in/);
    expect((await act('q', 'type', ['desk'])).ok).toBe(true);
    const sent = await act('go', 'click');
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    await page.waitForURL(/\/apps\/refused\/results\.html\?q=desk$/);
  });

  test('a field the page hides is named as one no one can fill; a box drawn by its label is not', async () => {
    const refused = await act('find-code', 'click');
    expect(refused.error?.data, JSON.stringify(refused)).toMatchObject({ state: 'invalid-form', fields: [{ label: 'step', hidden: true }] });
    expect(refused.error!.message).toMatch(/hidden on the page: no one can fill it there\); the page itself must fill or show it$/);
  });

  test('a required radio group is one field, named by its legend; a card field\'s own message is not passed on', async () => {
    const refused = await act('join-go', 'click');
    expect(refused.error?.data?.fields, JSON.stringify(refused)).toEqual([
      { label: 'I agree to the rules', problem: expect.any(String) },
      { label: 'Plan', problem: expect.any(String) },
      { label: 'Card number', problem: 'the page refuses it' },
    ]);
    expect(refused.error!.message).not.toMatch(/4111/);
  });

  test('a button whose click handler sends the form itself is clicked: the page\'s handler runs', async () => {
    const sent = await act('ajax-go', 'click');
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    expect(await page.locator('#ajax-status').textContent()).toBe('sent by the page');
  });

  test('Enter that the page takes itself (a tag field) goes to the page, whatever the other fields hold', async () => {
    expect((await act('tag', 'type', ['lamps'])).ok).toBe(true);
    const pressed = await act('tag', 'press', ['Enter']);
    expect(pressed.ok, JSON.stringify(pressed)).toBe(true);
    expect(await page.locator('#chips li').allTextContents()).toEqual(['lamps']);
  });

  test('a novalidate form goes as it is', async () => {
    const sent = await act('note-go', 'click');
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    await page.waitForURL(/\/apps\/refused\/sent\.html\?note=$/);
  });
});
