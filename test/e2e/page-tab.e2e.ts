import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { serveStatic } from '../../scripts/lib/static-server.mjs';
import { launchExtension, repoRoot, tabIdOf, type ExtensionHarness } from './browser.ts';
import { envelope, expectAccessible, sendFromPage } from './helpers.ts';

/** The side panel's Page tab and the outline it draws in the page (session 22, from an exploratory test). */

const LONG = 'Send the weekly report to every member of the team, including the ones on leave this month, by email';
const TRACK = `<!doctype html><html><head><title>Track</title></head><body style="margin:0">
<main><h1>Tracking</h1><div style="height:300px"></div>
<button id="go">Go somewhere</button> <button id="stay">Stay here</button>
<button id="long" aria-label="${LONG}">Report</button>
<div style="height:3000px"></div></main></body></html>`;
const OTHER = `<!doctype html><html><head><title>Other page</title></head><body><main><h1>Other</h1>
<button id="else">Something else</button></main></body></html>`;

let harness: ExtensionHarness;
let server: Awaited<ReturnType<typeof serveStatic>>;
let generated: string;
let popup: Page;

beforeAll(async () => {
  generated = mkdtempSync(join(tmpdir(), 'pocket-page-tab-'));
  writeFileSync(join(generated, 'track.html'), TRACK);
  writeFileSync(join(generated, 'other.html'), OTHER);
  server = await serveStatic({ '/fixtures/': `${repoRoot}/test/fixtures/pages`, '/generated/': generated, '/demo/': `${repoRoot}/demo` });
  harness = await launchExtension();
  popup = await harness.openExtensionPage('popup/index.html');
});
afterAll(async () => {
  await harness?.close();
  await server?.close();
  rmSync(generated, { recursive: true, force: true });
});

const boxOf = (page: Page) => page.evaluate(() => {
  const box = document.getElementById('__pocket-slm-highlight');
  return box ? box.getBoundingClientRect().toJSON() as DOMRect : null;
});
const rectOf = (page: Page, selector: string) => page.evaluate((s) => document.querySelector(s)!.getBoundingClientRect().toJSON() as DOMRect, selector);

async function openPanel(path: string): Promise<{ page: Page; tabId: number; panel: Page }> {
  const page = await harness.context.newPage();
  await page.setViewportSize({ width: 900, height: 600 });
  await page.goto(server.url(path));
  const tabId = await tabIdOf(harness, page);
  const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${tabId}`);
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.getByRole('tab', { name: 'Page' }).click();
  await panel.getByTestId('document-summary').waitFor({ timeout: 20_000 });
  return { page, tabId, panel };
}

const entry = (panel: Page, name: string) => panel.locator(`li.doc-entry[data-entry="${name}"]`);

async function entryNamed(panel: Page, pattern: RegExp): Promise<string> {
  for (const summary of await panel.locator('details.doc-section:not([open]) > summary').all()) await summary.click();
  const names = await panel.locator('li.doc-entry').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.entry!));
  const name = names.find((n) => pattern.test(n));
  if (!name) throw new Error(`no entry ${pattern} in ${names.join(', ')}`);
  return name;
}

describe('side panel Page tab: the outline in the page', () => {
  // Session 30: the model's own count came a few seconds after the estimate and, longer, wrapped the summary: the entries
  // moved down under the pointer, which left the entry it was on (the outline went). First here: the tokenizer is cold.
  test("the model's token count arriving moves no entry", async () => {
    const { page, panel } = await openPanel('/generated/track.html');
    await entryNamed(panel, /go_somewhere/);
    const tops = () => panel.locator('li.doc-entry').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().top));
    const before = await tops();
    const countedEarly = await panel.locator('[data-field="doc.tokens-model"]').count();
    await expect.poll(() => panel.locator('[data-field="doc.tokens-model"]').count(), { timeout: 60_000 }).toBe(1);
    expect(await tops()).toEqual(before);
    if (countedEarly) console.warn('the count came before the entries were measured: this run did not see it arrive');
    // However narrow the panel, the count stays one line (cut, said in full by its title).
    await panel.setViewportSize({ width: 240, height: 900 });
    const line = panel.getByTestId('document-tokens');
    const height = await line.evaluate((p) => p.getBoundingClientRect().height);
    const lineHeight = await line.evaluate((p) => parseFloat(getComputedStyle(p).lineHeight));
    expect(height).toBeLessThan(lineHeight * 1.5);
    expect(await line.getAttribute('title')).toMatch(/^Prompt form: \d+ tokens \(Script writer 1\.5M \(bundled\)\)$/);
    await panel.close();
    await page.close();
  });

  test('the outline follows the element as the page scrolls, and goes when the element leaves the page', async () => {
    const { page, panel } = await openPanel('/generated/track.html');
    const go = await entryNamed(panel, /go_somewhere/);
    await entry(panel, go).hover();
    await expect.poll(() => boxOf(page), { timeout: 10_000 }).not.toBeNull();
    await page.evaluate(() => scrollBy(0, 250));
    await expect.poll(async () => {
      const [box, el] = [await boxOf(page), await rectOf(page, '#go')];
      return box ? Math.abs(box.y + 2 - el.y) + Math.abs(box.x + 2 - el.x) : Infinity;
    }, { timeout: 5_000 }).toBeLessThan(2);
    expect((await rectOf(page, '#go')).y).toBeLessThan(200); // it did move
    await page.evaluate(() => document.getElementById('go')!.remove());
    await expect.poll(() => boxOf(page), { timeout: 5_000 }).toBeNull();
    await panel.close();
    await page.close();
  });

  test('closing the panel clears the outline; an outline nobody renews goes by itself', async () => {
    const { page, tabId, panel } = await openPanel('/generated/track.html');
    const go = await entryNamed(panel, /go_somewhere/);
    // The keyboard's focus keeps the outline while the panel is open.
    await panel.getByRole('button', { name: `Show $${go} in the page` }).focus();
    await expect.poll(() => boxOf(page), { timeout: 10_000 }).not.toBeNull();
    await panel.waitForTimeout(4000); // longer than the page's own time limit: renewed while pointed at
    expect(await boxOf(page)).not.toBeNull();
    await panel.close();
    await expect.poll(() => boxOf(page), { timeout: 6_000 }).toBeNull();
    // The safety net alone: asked with a time limit, the outline goes once nobody renews it.
    const doc = await sendFromPage(popup, envelope('page.document', { tabId })) as { payload: { sections: { entries: { name: string; locators: unknown[] }[] }[] } };
    const locators = doc.payload.sections.flatMap((s) => s.entries).find((e) => e.name === go)!.locators;
    const reply = await sendFromPage(popup, envelope('page.highlight', { tabId, locators, keepMs: 1000 })) as { ok: boolean; payload: unknown };
    expect(reply).toMatchObject({ ok: true, payload: { found: true } });
    expect(await boxOf(page)).not.toBeNull();
    await expect.poll(() => boxOf(page), { timeout: 4_000 }).toBeNull();
    await page.close();
  });

  test('a panel that follows the active tab clears the outline on the tab it leaves', async () => {
    const a = await harness.context.newPage();
    await a.goto(server.url('/generated/track.html'));
    const b = await harness.context.newPage();
    await b.goto(server.url('/generated/other.html'));
    const plain = await harness.openExtensionPage('sidepanel/index.html');
    const bound = plain.getByRole('region', { name: 'Bound page' });
    await plain.locator('[role=tab][aria-selected=true]').waitFor(); // started: it follows the tab shown from now on
    await a.bringToFront();
    await expect.poll(() => bound.getAttribute('data-tab-id'), { timeout: 10_000 })
      .toBe(String(await tabIdOf(harness, a)));
    await plain.getByRole('tab', { name: 'Page' }).click();
    await plain.getByTestId('document-summary').waitFor({ timeout: 20_000 });
    const go = await entryNamed(plain, /go_somewhere/);
    // The pointer on the entry (a focused one loses its focus as the view goes, which cleared the outline before).
    await entry(plain, go).hover();
    await expect.poll(() => boxOf(a), { timeout: 10_000 }).not.toBeNull();
    const bTab = await tabIdOf(harness, b);
    await b.bringToFront();
    // Well within the time the page itself keeps an outline nobody renews (3 s after the last renewal).
    await expect.poll(() => boxOf(a), { timeout: 1_500, interval: 100 }).toBeNull();
    await expect.poll(() => bound.getAttribute('data-tab-id'), { timeout: 10_000 }).toBe(String(bTab));
    await plain.close();
    await a.close();
    await b.close();
  });

  test('an entry on a hidden tab panel outlines the tab that shows it and says so; the page draws no speck', async () => {
    const { page, tabId, panel } = await openPanel('/fixtures/widgets.html');
    const view = panel.locator('details[data-view="preferences__sound_tab"]');
    await view.locator('summary').first().click();
    await view.locator('details[data-section="preferences"] summary').click();
    const row = view.locator('[data-entry="preferences__email_alerts"]');
    await row.hover();
    await expect.poll(() => row.locator('[data-field="entry.note"]').textContent(), { timeout: 10_000 })
      .toBe('Hidden until $preferences__sound_tab is clicked: that tab is outlined.');
    const box = await boxOf(page);
    const tab = await rectOf(page, '#sound_tab');
    expect(box).not.toBeNull();
    expect(Math.abs(box!.x + 2 - tab.x)).toBeLessThan(2);
    expect(Math.abs(box!.width - 4 - tab.width)).toBeLessThan(2);
    await expectAccessible(panel, 'Page tab with a note on a hidden entry');
    // Asked for the hidden element itself, the page says it is hidden and draws nothing. The panel goes first: while
    // its row is hovered it renews the tab's outline, which a loaded machine may redraw after the reply (CI, session 53).
    await panel.close();
    await expect.poll(() => boxOf(page), { timeout: 6_000 }).toBeNull();
    const doc = await sendFromPage(popup, envelope('page.document', { tabId })) as { payload: { views: { sections: { entries: { name: string; locators: unknown[] }[] }[] }[] } };
    const locators = doc.payload.views[0]!.sections[0]!.entries[0]!.locators;
    const reply = await sendFromPage(popup, envelope('page.highlight', { tabId, locators })) as { payload: unknown };
    expect(reply.payload).toEqual({ found: true, hidden: true });
    expect(await boxOf(page)).toBeNull();
    await page.close();
  });

  test('an entry whose element left the page says so next to it and in a live region', async () => {
    const { page, panel } = await openPanel('/generated/track.html');
    const go = await entryNamed(panel, /go_somewhere/);
    await page.evaluate(() => document.getElementById('go')!.remove());
    await entry(panel, go).hover();
    await expect.poll(() => entry(panel, go).locator('[data-field="entry.note"]').textContent(), { timeout: 10_000 })
      .toBe('Not on the page now — Read the page again.');
    expect(await panel.getByTestId('entry-announce').textContent()).toBe(`$${go}: not on the page now — Read the page again`);
    expect(await boxOf(page)).toBeNull();
    await expectAccessible(panel, 'Page tab with a stale entry');
    await panel.close();
    await page.close();
  });

  test('after hovering another entry, the outline returns to the entry with the keyboard focus', async () => {
    const { page, panel } = await openPanel('/generated/track.html');
    const go = await entryNamed(panel, /go_somewhere/);
    const stay = await entryNamed(panel, /stay_here/);
    await panel.getByRole('button', { name: `Show $${go} in the page` }).focus();
    const near = async (selector: string) => {
      const [box, el] = [await boxOf(page), await rectOf(page, selector)];
      return !!box && Math.abs(box.x + 2 - el.x) < 2 && Math.abs(box.y + 2 - el.y) < 2;
    };
    await expect.poll(() => near('#go'), { timeout: 10_000 }).toBe(true);
    await entry(panel, stay).hover();
    await expect.poll(() => near('#stay'), { timeout: 10_000 }).toBe(true);
    await panel.mouse.move(5, 890);
    await expect.poll(() => near('#go'), { timeout: 10_000 }).toBe(true);
    await panel.close();
    await page.close();
  });

  test('the page changing under a focused entry moves the focus to the summary and says the new page', async () => {
    const { page, panel } = await openPanel('/generated/track.html');
    const go = await entryNamed(panel, /go_somewhere/);
    await panel.getByRole('button', { name: `Show $${go} in the page` }).focus();
    await page.goto(server.url('/generated/other.html'));
    await expect.poll(() => panel.getByTestId('page-announce').textContent(), { timeout: 20_000 }).toMatch(/^Page read: Other page/);
    await expect.poll(() => panel.evaluate(() => document.activeElement?.getAttribute('data-testid')), { timeout: 5_000 }).toBe('document-summary');
    await panel.close();
    await page.close();
  });

  test('filter, expand all, collapse all; a long description is cut with an ellipsis and described in full', async () => {
    const { page, panel } = await openPanel('/generated/track.html');
    expect(await panel.locator('details.doc-section[open]').count()).toBe(0);
    await panel.getByRole('button', { name: 'Expand all' }).click();
    const all = await panel.locator('details.doc-section').count();
    expect(await panel.locator('details.doc-section[open]').count()).toBe(all);
    await panel.getByRole('button', { name: 'Collapse all' }).click();
    expect(await panel.locator('details.doc-section[open]').count()).toBe(0);
    await panel.getByRole('searchbox', { name: 'Filter entries' }).fill('weekly report');
    const rows = panel.locator('li.doc-entry');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().isVisible()).toBe(true); // its section opened
    const cut = rows.first().locator('[data-field="entry.description"]');
    expect(await cut.textContent()).toMatch(/…$/);
    expect((await cut.textContent())!.length).toBeLessThanOrEqual(80);
    expect(await cut.getAttribute('title')).toBe(LONG);
    const described = await rows.first().locator('button.entry-name').evaluate((b) =>
      b.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)!.textContent).join(' '));
    expect(described).toBe(`button ${LONG}`);
    await panel.getByRole('searchbox', { name: 'Filter entries' }).fill('nothing like this');
    await expect.poll(() => rows.count()).toBe(0);
    expect(await panel.locator('[data-field="doc.no-match"]').isVisible()).toBe(true);
    await panel.getByRole('searchbox', { name: 'Filter entries' }).fill('');
    await expect.poll(() => rows.count()).toBeGreaterThan(2);
    expect(await panel.getByTestId('document-summary').innerText()).toMatch(/\d+ elements read in \d+ ms/);
    await expectAccessible(panel, 'Page tab with the filter');
    await panel.close();
    await page.close();
  });
});
