import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { serveStatic } from '../../scripts/lib/static-server.mjs';
import { launchExtension, repoRoot, tabIdOf, type ExtensionHarness } from './browser.ts';
import { envelope, sendFromPage } from './helpers.ts';

/**
 * The executor on widgets that fight the keyboard, in Chromium (test/fixtures/apps/widgets/): a field completed
 * inline, a smart date, a code in boxes that moves on at the next frame, an editable combobox that draws a few
 * options of many, and a picker whose list draws only the rows in view. Actions go extension page → background →
 * content executor, as a run's do.
 */

let harness: ExtensionHarness;
let pages: Awaited<ReturnType<typeof serveStatic>>;
let page: Page;
let sender: Page;
let tabId: number;

interface Reply { ok: boolean; payload?: { value?: unknown }; error?: { name: string; message: string; data?: Record<string, unknown> } }
const act = (id: string, action: string, args: string[] = [], extra: Record<string, unknown> = {}) =>
  sendFromPage(sender, envelope('page.act', { tabId, action, target: { locators: [{ by: 'id', value: id }] }, args, ...extra })) as Promise<Reply>;

beforeAll(async () => {
  pages = await serveStatic({ '/apps/': `${repoRoot}/test/fixtures/apps` });
  harness = await launchExtension();
  page = await harness.context.newPage();
  await page.goto(pages.url('/apps/widgets/'));
  tabId = await tabIdOf(harness, page);
  sender = await harness.openExtensionPage('popup/index.html');
  await page.bringToFront();
}, 120_000);
afterAll(async () => {
  await harness?.close();
  await pages?.close();
});

describe('the executor on widgets that fight the keyboard', () => {
  test('an inline completion is typed over, and kept when the text ends inside it', async () => {
    const typed = await act('city', 'type', ['Colm']);
    expect(typed, JSON.stringify(typed)).toMatchObject({ ok: true, payload: { value: 'Colmar' } });
    expect(await page.locator('#city').inputValue()).toBe('Colmar');
    const own = await act('city', 'type', ['Cold Spring']);
    expect(own, JSON.stringify(own)).toMatchObject({ ok: true, payload: { value: null } });
    expect(await page.locator('#city').inputValue()).toBe('Cold Spring');
  });

  test('a smart date field that rewrites the text: taken, the date reported', async () => {
    const typed = await act('when', 'type', ['next friday']);
    expect(typed, JSON.stringify(typed)).toMatchObject({ ok: true, payload: { value: '2026-12-04' } });
  });

  test('a code in boxes that moves the focus on at the next frame: one digit per box', async () => {
    const typed = await act('d0', 'type', ['123456'], { userSupplied: true });
    expect(typed, JSON.stringify(typed)).toMatchObject({ ok: true });
    expect(await Promise.all([0, 1, 2, 3, 4, 5].map((i) => page.locator(`#d${i}`).inputValue()))).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  test('an editable combobox that opens on ArrowDown and draws a few options of many: the option is typed for', async () => {
    const chosen = await act('country', 'select', ['Portugal']);
    expect(chosen, JSON.stringify(chosen)).toMatchObject({ ok: true });
    expect(await page.locator('#country').inputValue()).toBe('Portugal');
  });

  test('a picker whose list draws only the rows in view: scrolled to the option', async () => {
    const chosen = await act('size', 'select', ['Size 150']);
    expect(chosen, JSON.stringify(chosen)).toMatchObject({ ok: true });
    expect(await page.locator('#size').innerText()).toBe('Size 150');
  });
});
