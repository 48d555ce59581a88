import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionHarness } from './browser.ts';
import { expectAccessible, hook } from './helpers.ts';

let harness: ExtensionHarness;
let popup: Page;

beforeAll(async () => {
  harness = await launchExtension();
  popup = await harness.openExtensionPage('popup/index.html');
});
afterAll(() => harness?.close());

describe('popup', () => {
  test('System tab shows the adapter the browser really has, measured in the model worker', async () => {
    await popup.getByRole('tab', { name: 'System' }).click();
    const details = popup.getByTestId('system-details');
    await details.waitFor({ timeout: 60_000 });

    // Ground truth from the same browser, asked directly in a page (not through our code).
    const direct = await popup.evaluate(async () => {
      const adapter = await navigator.gpu?.requestAdapter({ powerPreference: 'high-performance' });
      if (!adapter) return null;
      const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
      return {
        vendor: info.vendor, architecture: info.architecture,
        fallback: Boolean(info.isFallbackAdapter), f16: adapter.features.has('shader-f16'),
        maxBufferSize: adapter.limits.maxBufferSize,
      };
    });
    const field = (name: string) => popup.locator(`[data-field="${name}"]`).innerText();
    if (direct === null) {
      expect(await field('gpu.available')).toBe('no');
      return;
    }
    expect(await field('gpu.available')).toBe('yes');
    expect(await field('gpu.vendor')).toBe(direct.vendor || '—');
    expect(await field('gpu.architecture')).toBe(direct.architecture || '—');
    expect(await field('gpu.isFallbackAdapter')).toBe(direct.fallback ? 'yes' : 'no');
    expect(await field('gpu.shader-f16')).toBe(direct.f16 ? 'yes' : 'no');
    await popup.getByText(/Features \(\d+\) and limits/).click();
    expect(await field('gpu.limits.maxBufferSize')).toBe(direct.maxBufferSize.toLocaleString('en-US'));
    expect(await field('wasm.available')).toBe('yes');
    expect(await field('route')).toContain('background → offscreen → worker');
    // Chrome's built-in model, as the browser itself answers in this page.
    const builtin = await popup.evaluate(async () => {
      const api = (globalThis as { LanguageModel?: { availability(o: unknown): Promise<string> } }).LanguageModel;
      return api ? api.availability({ expectedInputs: [{ type: 'text', languages: ['en'] }], expectedOutputs: [{ type: 'text', languages: ['en'] }] }) : 'not in this browser';
    });
    expect(await field('builtin')).toBe(builtin);
  });

  test('tabs work from the keyboard and the last tab is remembered', async () => {
    await popup.getByRole('tab', { name: 'Models' }).click();
    await popup.keyboard.press('ArrowRight');
    await expect.poll(() => popup.evaluate(() => document.activeElement?.textContent)).toBe('Math');
    expect(await popup.getByRole('tab', { name: 'Math' }).getAttribute('aria-selected')).toBe('true');
    await popup.keyboard.press('End');
    expect(await popup.getByRole('tab', { name: 'System' }).getAttribute('aria-selected')).toBe('true');
    await popup.keyboard.press('Home');
    await popup.keyboard.press('ArrowLeft');
    expect(await popup.getByRole('tab', { name: 'System' }).getAttribute('aria-selected')).toBe('true');
    await popup.keyboard.press('ArrowLeft');
    expect(await popup.getByRole('tab', { name: 'Probes' }).getAttribute('aria-selected')).toBe('true');

    await expect.poll(async () => {
      const reopened = await harness.openExtensionPage('popup/index.html');
      const selected = await reopened.locator('[role=tab][aria-selected=true]').innerText();
      await reopened.close();
      return selected;
    }).toBe('Probes');
  });

  test('a reopened popup shows the settings and text left in its forms, not the defaults (exploratory test, session 17)', async () => {
    const page = await harness.openExtensionPage('popup/index.html');
    await page.getByRole('tab', { name: 'Math' }).click();
    await page.getByLabel('Problem').fill('A farmer has 12 cows and buys 5 more. How many cows?');
    await page.locator('#math-method').selectOption('direct');
    await page.getByLabel('Examples (shots)').fill('1');
    await page.getByRole('tab', { name: 'Story' }).click();
    await page.getByLabel('Prompt', { exact: true }).fill('A dragon who is afraid of the dark');
    // The popup closes when focus leaves it: its page is gone (drafts are saved within 0.1 s of a change).
    await page.waitForTimeout(500);
    await page.close();
    await expect.poll(async () => {
      const reopened = await harness.openExtensionPage('popup/index.html');
      await reopened.getByRole('tab', { name: 'Math' }).click();
      const math = [await reopened.getByLabel('Problem').inputValue(), await reopened.locator('#math-method').inputValue(), await reopened.getByLabel('Examples (shots)').inputValue()];
      await reopened.getByRole('tab', { name: 'Story' }).click();
      const story = await reopened.getByLabel('Prompt', { exact: true }).inputValue();
      await reopened.close();
      return [...math, story];
    }, { timeout: 15_000 }).toEqual(['A farmer has 12 cows and buys 5 more. How many cows?', 'direct', '1', 'A dragon who is afraid of the dark']);
  });

  test('every tab passes axe-core, in light and dark themes', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      for (const name of ['Models', 'Math', 'Story', 'Probes', 'System']) {
        await popup.getByRole('tab', { name }).click();
        if (name === 'System') await popup.getByTestId('system-details').waitFor({ timeout: 60_000 });
        await expectAccessible(popup, `popup ${name} (${scheme})`);
      }
    }
  });

  test('fits a window narrower than 440 px (200% zoom caps a popup at 400 CSS px; a 320 px screen): no tab scrolls sideways (exploratory test, session 21)', async () => {
    const page = await harness.openExtensionPage('popup/index.html');
    const widths = () => page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
    for (const size of [{ width: 400, height: 300 }, { width: 320, height: 600 }, { width: 440, height: 600 }]) {
      await page.setViewportSize(size);
      for (const name of ['Models', 'Math', 'Story', 'Probes', 'System']) {
        await page.getByRole('tab', { name, exact: true }).click();
        if (name === 'System') await page.getByTestId('system-details').waitFor({ timeout: 60_000 });
        const [scrollWidth, innerWidth] = await widths();
        // At 440 px nothing changed: the popup is as wide as before.
        if (size.width === 440) expect(scrollWidth, `${name} at 440 px`).toBe(440);
        else expect(scrollWidth, `${name} at ${size.width} px`).toBeLessThanOrEqual(innerWidth!);
      }
    }
    await page.close();
  });

  // Exploratory test, session 22: the popup had no way to the side panel (only the right-click menu, Alt+Shift+P
  // and Chrome's own menu).
  test('"Open side panel" opens the side panel on the tab the popup was opened over, bound to it as the shortcut does', async () => {
    const other = await harness.context.newPage();
    await other.goto('data:text/html,<title>Some page</title><p>Some page</p>');
    const tabId = await harness.serviceWorker.evaluate(async () => Math.max(...(await chrome.tabs.query({})).map((tab) => tab.id ?? -1)));
    const page = await harness.openExtensionPage('popup/index.html');
    // A real popup opens over the page's tab; here the popup is a tab of its own, so the page's tab is brought to the
    // front and the popup read again (it reads its target as it opens: Chrome takes sidePanel.open only in the click).
    await other.bringToFront();
    await page.reload();
    const bar = page.getByRole('navigation', { name: 'Other views' });
    await expect.poll(() => bar.getAttribute('data-target'), { timeout: 10_000 }).toBe(`tab:${tabId}`);
    expect(await hook(harness.serviceWorker, 'sidePanelPath', tabId)).not.toBe(`sidepanel/index.html?tab=${tabId}`);
    await bar.getByRole('button', { name: 'Open side panel' }).click();
    // The click binds the tab's panel to it, as Alt+Shift+P does …
    await expect.poll(() => hook(harness.serviceWorker, 'sidePanelPath', tabId), { timeout: 10_000 }).toBe(`sidepanel/index.html?tab=${tabId}`);
    // … and opens it: Playwright's click is a real input event, which Chrome takes as the user gesture open needs;
    // the side panel document is there, at the bound path.
    await expect.poll(() => bar.getByRole('status').innerText(), { timeout: 10_000 }).toBe('Opened the side panel.');
    const panels = () => harness.serviceWorker.evaluate(async () =>
      (await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.SIDE_PANEL] })).map((c) => c.documentUrl ?? ''));
    await expect.poll(panels, { timeout: 10_000 }).toEqual([harness.extensionUrl(`sidepanel/index.html?tab=${tabId}`)]);
    await expectAccessible(page, 'popup with its side panel button');
    await Promise.all([page.close(), other.close()]);
  });

  test('follows the system theme', async () => {
    await popup.emulateMedia({ colorScheme: 'dark' });
    const dark = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await popup.emulateMedia({ colorScheme: 'light' });
    const light = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(dark).toBe('rgb(13, 17, 23)');
    expect(light).toBe('rgb(255, 255, 255)');
  });
});
