import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { tabIdOf } from './browser.ts';
import { envelope, sendFromPage } from './helpers.ts';
import { REPLAY, startSnapshotRig, type SnapshotRig } from './automation-rig.ts';
import type { ActReply, ListEntry, PageDocument } from '../../extension/protocol/schemas.ts';

/**
 * Reading a whole list: the bridge reads a list's texts in one round trip and serves the script's next reads of it
 * from them (features/automate/read-columns.ts) only while nothing may have changed them — an action, a wait, or a
 * change the page reports (content/executor/read-cache.ts). In Chromium with the built extension: what a map over
 * AO3's 3,711 kudos reads is what the page shows item by item; a read after a click sees what it changed (at once or
 * a moment later); a page that changes by itself between two reads is read anew.
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

interface Run { phase: string; said: string[]; report?: { status: string; result?: unknown; attempts: { failure?: { name: string; message: string } }[] } }

async function open(url: string): Promise<{ tab: Page; tabId: number; doc: PageDocument }> {
  const tab = await rig.harness.context.newPage();
  // Snapshots name resources on hosts that are offline here.
  await tab.route('**/*', (route) => (route.request().url().startsWith('http://127.0.0.1') ? route.continue() : route.abort()));
  await tab.goto(url, { waitUntil: 'domcontentloaded' });
  const tabId = await tabIdOf(rig.harness, tab);
  const read = await sendFromPage(panel, envelope('page.document', { tabId })) as { ok: boolean; payload: PageDocument };
  expect(read.ok).toBe(true);
  return { tab, tabId, doc: read.payload };
}

async function start(tabId: number, script: string): Promise<void> {
  const started = await sendFromPage(panel, envelope('automate.start', { tabId, task: 'read the list', model: REPLAY, maxRepairs: 0,
    known: { plan: 'read the list', elements: [], script } })) as { ok: boolean; error?: unknown };
  expect(started.ok, JSON.stringify(started.error)).toBe(true);
}
const state = async (tabId: number) => ((await sendFromPage(panel, envelope('automate.state', { tabId }))) as { payload: { run: Run } }).payload.run;
async function finished(tabId: number): Promise<{ status: string; result?: unknown; failure?: string }> {
  await expect.poll(async () => (await state(tabId)).phase, { timeout: 150_000, interval: 250 }).toBe('finished');
  const report = (await state(tabId)).report!;
  const failure = report.attempts.at(-1)?.failure;
  return { status: report.status, result: report.result, ...(failure ? { failure: `${failure.name}: ${failure.message}` } : {}) };
}

const lists = (doc: PageDocument) => doc.sections.flatMap((s) => s.entries).filter((e): e is ListEntry => e.kind === 'list');
/** A list's field whose first sample matches `pattern`. */
function fieldOf(list: ListEntry, pattern: RegExp): string {
  const field = Object.entries(list.samples[0] ?? {}).find(([, text]) => pattern.test(text))?.[0];
  expect(field, JSON.stringify(list.samples[0])).toBeDefined();
  return field!;
}

/** The live-list app's chores and prices lists, by what their items say (names are the page document's business). */
function liveNames(doc: PageDocument) {
  const chores = lists(doc).find((l) => /^Chore 1$/.test(Object.values(l.samples[0] ?? {})[0] ?? ''));
  const prices = lists(doc).find((l) => Object.values(l.samples[0] ?? {}).includes('Apples'));
  const seen = JSON.stringify(lists(doc).map((l) => [l.name, l.samples[0], l.slots]));
  expect(chores, seen).toBeDefined();
  expect(prices, seen).toBeDefined();
  return { chores: chores!.name, title: fieldOf(chores!, /^Chore 1$/), done: chores!.slots.find((s) => s.kind === 'button')!.name,
    prices: prices!.name, price: fieldOf(prices!, /^1\.\d\d$/) };
}

describe('a list read in one go', () => {
  test('a map over 3,711 items (AO3 kudos) reads what the page shows, item by item', async () => {
    const { tab, tabId, doc } = await open(served!.snapshots.url('/pages/archive-of-our-own.html?columns=1'));
    const kudos = lists(doc).find((l) => l.count === 3711)!;
    expect(kudos, JSON.stringify(lists(doc).map((l) => [l.name, l.count]))).toBeDefined();
    const field = kudos.fields[0]!;
    await start(tabId, `done($${kudos.name}.map((item) => item.${field}.text()))`);
    const run = await finished(tabId);
    expect(run.status, run.failure).toBe('done');
    const read = run.result as string[];
    // The page's own words for each item (innerText, spaces collapsed, as text() reads them).
    const css = kudos.locators.find((l) => l.by === 'css')!.value;
    const truth = await tab.evaluate(([container, items]) => Array.from(document.querySelector(container)!.querySelectorAll(items),
      (el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim()), [css, kudos.itemSelector] as const);
    expect(truth).toHaveLength(3711);
    expect(read).toEqual(truth);
    // And as the executor reads one item alone (no column).
    const target = { locators: kudos.locators, name: kudos.name, field, item: { selector: kudos.itemSelector }, slot: kudos.slots.find((s) => s.name === field)!.selector };
    for (const index of [0, 1, 1234, 3710]) {
      const one = await sendFromPage(panel, envelope('page.act', { tabId, action: 'text', args: [], target: { ...target, item: { ...target.item, index } } })) as { ok: boolean; payload: ActReply };
      expect(one.payload.value).toBe(read[index]);
    }
    await tab.close();
  });

  test('a read after a click that changed an item sees the change: at once, and when the page makes it a moment later', async () => {
    for (const late of [0, 400]) {
      const { tab, tabId, doc } = await open(rig.pages.url(`/apps/live-list/?late=${late}`));
      const { chores, title, done: doneButton } = liveNames(doc);
      await start(tabId, `const before = $${chores}.map((c) => c.${title}.text());
        $${chores}[1].${doneButton}.click();
        let after = $${chores}.map((c) => c.${title}.text());
        let n = 0;
        while (!after[1].includes("finished") && n < 20000) { after[1] = $${chores}[1].${title}.text(); n++; }
        done([before[1], after[1], after[2], before.length, after.length])`);
      const run = await finished(tabId);
      expect(run, JSON.stringify(run)).toMatchObject({ status: 'done', result: ['Chore 2', 'Chore 2 (finished)', 'Chore 3', 300, 300] });
      await tab.close();
    }
  });

  test('a page that changes by itself between two reads is read anew', async () => {
    const { tab, tabId, doc } = await open(rig.pages.url('/apps/live-list/'));
    const { prices, price } = liveNames(doc);
    // The page changes the first price once the script has read the list and says so; the script reads on meanwhile.
    await start(tabId, `const first = $${prices}.map((p) => p.${price}.text());
      say("read");
      let now = first[0];
      let n = 0;
      while (now === first[0] && n < 30000) { now = $${prices}[0].${price}.text(); n++; }
      done([first[0], now, $${prices}.map((p) => p.${price}.text())[1]])`);
    await expect.poll(async () => (await state(tabId)).said, { timeout: 60_000, interval: 50 }).toContain('read');
    await tab.evaluate(() => { document.querySelector('#prices .price')!.textContent = '9.99'; });
    const run = await finished(tabId);
    expect(run, JSON.stringify(run)).toMatchObject({ status: 'done', result: ['1.00', '9.99', '2.00'] });
    await tab.close();
  });

  test('a status matrix of pictures (keep-tabular-data) reads as the pictures\' words: one cell, a column, a row found by its label', async () => {
    const { tab, tabId, doc } = await open(served!.snapshots.url('/pages/keep-tabular-data.html'));
    const matrix = lists(doc).find((l) => l.fields.includes('final_review'));
    expect(matrix, JSON.stringify(lists(doc).map((l) => l.name))).toBeDefined();
    // What the page shows, read here from its cells' classes: the rows whose final review is not finished.
    const expected = await tab.evaluate(() => Array.from(document.querySelectorAll('.finished_gui_table tr')).slice(1)
      .filter((row) => row.children[8]?.className === 'not_finished').map((row) => row.children[0]!.textContent!.replace(/\s+/g, ' ').trim()));
    expect(expected.length).toBeGreaterThan(2);
    await start(tabId, `const m = $${matrix!.name};
      const open = m.filter((row) => row.final_review.text() === "not finished").map((row) => row.${matrix!.fields[0]}.text());
      const train = m.find("Train GUI");
      done({ open, first: m[0].final_review.text(), train: train.general_ux.text(), count: m.length })`);
    const run = await finished(tabId);
    expect(run.status, run.failure).toBe('done');
    const trainCell = await tab.evaluate(() => Array.from(document.querySelectorAll('.finished_gui_table tr'))
      .find((row) => row.children[0]?.textContent?.includes('Train'))!.children[1]!.className.replace('_', ' '));
    expect(run.result).toEqual({ open: expected, first: 'finished', train: trainCell, count: 23 });
    await tab.close();
  });

  test('a live feed (prices changing every 50 ms) is never read from an old column', async () => {
    const { tab, tabId, doc } = await open(rig.pages.url('/apps/live-list/?tick=50'));
    const { prices, price } = liveNames(doc);
    await start(tabId, `const first = $${prices}[3].${price}.text();
      let now = first;
      let n = 0;
      while (now === first && n < 30000) { now = $${prices}[3].${price}.text(); n++; }
      done([first, now])`);
    const run = await finished(tabId);
    expect(run.status, run.failure).toBe('done');
    const [first, now] = run.result as [string, string];
    expect(now).not.toBe(first);
    expect(now).toMatch(/^4\.\d\d$/);
    await tab.close();
  });
});
