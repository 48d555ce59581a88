import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { tabIdOf } from './browser.ts';
import { envelope, sendFromPage } from './helpers.ts';
import { REPLAY, startSnapshotRig, type SnapshotRig } from './automation-rig.ts';
import type { ActReply, ListEntry, PageDocument } from '../../extension/protocol/schemas.ts';

/**
 * Review of the read cache (content/executor/read-cache.ts): the executor reuses a list's items while no DOM mutation
 * came. Which items are shown is decided by styles too (shownItem: checkVisibility), and styles change without a
 * mutation: `:target` after a click on an in-page link, a rule inserted through the CSSOM. The count and the positions
 * read after such a change must be the page's, as they were before the cache.
 */

let served: SnapshotRig | undefined;
let rig: SnapshotRig['rig'];
let panel: Page;

beforeAll(async () => {
  served = await startSnapshotRig();
  ({ rig, panel } = served);
}, 120_000);
afterAll(async () => {
  await served?.close();
});

/** The live-list app with `setup` run in it before the page document is read; the prices list (10 items). */
async function open(setup?: () => void): Promise<{ tab: Page; tabId: number; prices: ListEntry }> {
  const tab = await rig.harness.context.newPage();
  await tab.goto(rig.pages.url('/apps/live-list/'), { waitUntil: 'domcontentloaded' });
  if (setup) await tab.evaluate(setup);
  const tabId = await tabIdOf(rig.harness, tab);
  const read = await sendFromPage(panel, envelope('page.document', { tabId })) as { ok: boolean; payload: PageDocument };
  expect(read.ok).toBe(true);
  const prices = read.payload.sections.flatMap((s) => s.entries)
    .find((e): e is ListEntry => e.kind === 'list' && Object.values(e.samples[0] ?? {}).includes('Apples'));
  expect(prices).toBeDefined();
  return { tab, tabId, prices: prices! };
}

const act = async (tabId: number, request: Record<string, unknown>) =>
  (await sendFromPage(panel, envelope('page.act', { tabId, args: [], ...request })) as { ok: boolean; payload: ActReply; error?: unknown });

describe('the read cache and changes made by styles alone', () => {
  test('count() after a click on an in-page link that hides rows by :target (the script\'s own action)', async () => {
    const { tab, tabId, prices } = await open(() => {
      const style = document.createElement('style');
      style.textContent = '#cheap:target ~ #prices li:nth-child(n+4) { display: none; }';
      document.head.append(style);
      const anchor = document.createElement('span');
      anchor.id = 'cheap';
      const link = document.createElement('a');
      link.id = 'show-cheap';
      link.href = '#cheap';
      link.textContent = 'Cheap only';
      const list = document.getElementById('prices')!;
      list.before(link, anchor);
    });
    const list = { locators: prices.locators, name: prices.name, item: { selector: prices.itemSelector, ...(prices.itemPaths ? { paths: prices.itemPaths } : {}) } };
    const before = await act(tabId, { action: 'count', target: list });
    expect(before.payload.value).toBe(10);
    const clicked = await act(tabId, { action: 'click', target: { locators: [{ by: 'css', value: '#show-cheap' }] } });
    expect(clicked.ok, JSON.stringify(clicked.error)).toBe(true);
    expect(await tab.evaluate(() => document.querySelectorAll('#prices li').length - document.querySelectorAll('#prices li:nth-child(n+4)').length)).toBe(3);
    expect(await tab.evaluate(() => location.hash)).toBe('#cheap');
    const after = await act(tabId, { action: 'count', target: list });
    expect(after.payload.value).toBe(3);
    await tab.close();
  });

  test('count() and item texts after wait(), when the page hid rows through the CSSOM meanwhile', async () => {
    const { tab, tabId, prices } = await open();
    const price = Object.entries(prices.samples[0]!).find(([, text]) => /^1\.00$/.test(text))![0];
    const started = await sendFromPage(panel, envelope('automate.start', { tabId, task: 'read the list', model: REPLAY, maxRepairs: 0,
      known: { plan: 'read the list', elements: [], script: `const before = $${prices.name}.length;
        say("hide");
        wait(1500);
        done([before, $${prices.name}.length, $${prices.name}.map((p) => p.${price}.text())])` } })) as { ok: boolean; error?: unknown };
    expect(started.ok, JSON.stringify(started.error)).toBe(true);
    type Run = { phase: string; said: string[]; report?: { status: string; result?: unknown } };
    const state = async () => ((await sendFromPage(panel, envelope('automate.state', { tabId }))) as { payload: { run: Run } }).payload.run;
    await expect.poll(async () => (await state()).said, { timeout: 60_000, interval: 50 }).toContain('hide').catch(async (error) => {
      throw new Error(`${error}: ${JSON.stringify(await state()).slice(0, 3000)}`);
    });
    // A rule inserted into the page's style sheet: no DOM mutation, rows 4 to 10 hidden.
    await tab.evaluate(() => { document.styleSheets[0]!.insertRule('#prices li:nth-child(n+4) { display: none; }'); });
    await expect.poll(async () => (await state()).phase, { timeout: 60_000 }).toBe('finished');
    const report = (await state()).report!;
    expect(report.status).toBe('done');
    expect(report.result).toEqual([10, 3, ['1.00', '2.00', '3.00']]);
    await tab.close();
  });
});
