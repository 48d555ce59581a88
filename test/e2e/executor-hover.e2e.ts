import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startExecutorRig, type ExecutorRig } from './executor-rig.ts';

/**
 * hover() as a person's pointer (test/fixtures/apps/widgets/menus.html): a menu whose item around the link opens on
 * `mouseenter` opens when the link is pointed at; pointing elsewhere leaves it (`mouseleave`: it closes); a link in
 * the open panel is clicked without closing it (the pointer stays inside the item).
 */

let rig: ExecutorRig | undefined;
let page: Page;
const act = (...args: Parameters<ExecutorRig['act']>) => rig!.act(...args);
const log = async () => (await page.locator('#log').textContent())?.trim();

beforeAll(async () => {
  rig = await startExecutorRig('widgets/menus.html');
  ({ page } = rig);
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

describe('hover', () => {
  test('opens a menu that listens on the item around the link, closes it when pointing elsewhere', async () => {
    expect((await act('products-link', 'hover')).ok).toBe(true);
    expect(await page.locator('#laptops').isVisible()).toBe(true);
    expect((await act('support-link', 'hover')).ok).toBe(true);
    expect(await page.locator('#laptops').isVisible()).toBe(false);
    expect(await page.locator('#contact').isVisible()).toBe(true);
    expect(await log()).toBe('open:products close:products open:support');
  });

  test('a link in the open panel is clicked with the menu still open; a menu pointed at again opens again', async () => {
    expect((await act('products-link', 'hover')).ok).toBe(true);
    const clicked = await act('phones', 'click');
    expect(clicked, JSON.stringify(clicked)).toMatchObject({ ok: true });
    expect(page.url()).toMatch(/#phones$/);
    expect(await page.locator('#phones').isVisible()).toBe(true);
    expect((await act('support-link', 'hover')).ok).toBe(true);
    expect((await act('products-link', 'hover')).ok).toBe(true);
    expect(await page.locator('#laptops').isVisible()).toBe(true);
    // The same link again: the pointer goes off it and back (its own enter and leave), the item around it stays entered.
    expect((await act('products-link', 'hover')).ok).toBe(true);
    expect(await page.locator('#laptops').isVisible()).toBe(true);
  });

  test('two clicks of one button: the pointer stays on it (no leave and enter between them, as a person\'s)', async () => {
    expect((await act('plus', 'click')).ok).toBe(true);
    expect((await act('plus', 'click')).ok).toBe(true);
    expect((await page.locator('#plus-log').textContent())?.trim()).toBe('mouseenter click click');
  });
});
