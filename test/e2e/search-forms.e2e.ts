import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { tabIdOf } from './browser.ts';
import { envelope, gotoSettled, sendFromPage } from './helpers.ts';
import { REPLAY, startSnapshotRig, type AutomationRig, type SnapshotRig } from './automation-rig.ts';

/**
 * Search forms of real page snapshots, run as known scripts through the real extension: a GET search form is sent
 * without asking whatever language its name is in (Le Monde's `recherche`) and whatever its box is (Archive of Our
 * Own's plain text box in a form named search); a POST form still asks. Exploratory test, session 25: both searches
 * asked "submits a form" before (the bridge read only the English word in "submits recherche").
 */


let served: SnapshotRig | undefined;
let rig: AutomationRig | undefined;
let snapshots: SnapshotRig['snapshots'];
let panel: Page;

beforeAll(async () => {
  served = await startSnapshotRig();
  ({ rig, snapshots, panel } = served);
}, 120_000);
afterAll(async () => {
  await served?.close();
});

type Run = { phase: string; confirm?: { reason: string } | null; report?: { status: string } };

/** Runs `script` on a fresh tab of the snapshot; resolves once it finished or waits for a confirmation. */
async function runOn(page: string, script: string): Promise<{ tab: Page; run: Run; tabId: number }> {
  const tab = await rig!.harness.context.newPage();
  // The search result pages do not exist (404 is fine).
  await gotoSettled(tab, snapshots.url(`/pages/${page}.html`), [snapshots.origin]);
  const tabId = await tabIdOf(rig!.harness, tab);
  const started = await sendFromPage(panel, envelope('automate.start', { tabId, task: 'search', model: REPLAY, maxRepairs: 0,
    known: { plan: 'search', elements: [], script } })) as { ok: boolean; error?: unknown };
  expect(started.ok, JSON.stringify(started.error)).toBe(true);
  const state = async () => ((await sendFromPage(panel, envelope('automate.state', { tabId }))) as { payload: { run: Run } }).payload.run;
  await expect.poll(async () => {
    const run = await state();
    return run.phase === 'finished' || !!run.confirm;
  }, { timeout: 60_000 }).toBe(true);
  return { tab, run: await state(), tabId };
}

test('a GET search form is sent without a question, in any language; a POST form still asks', async () => {
  const lemonde = await runOn('lemonde-1', '$recherche__rechercher.type("climat"); $recherche__rechercher_button.click(); done(1)');
  expect(lemonde.run.confirm, JSON.stringify(lemonde.run.confirm)).toBeFalsy();
  expect(lemonde.run.report?.status).toBe('done');
  expect(lemonde.tab.url()).toMatch(/\/recherche\/\?(.*&)?keywords=climat(&|$)/);
  await lemonde.tab.close();

  const ao3 = await runOn('archive-of-our-own', '$search__work_search.type("dragons"); $search__search_button.click(); done(1)');
  expect(ao3.run.confirm, JSON.stringify(ao3.run.confirm)).toBeFalsy();
  expect(ao3.run.report?.status).toBe('done');
  expect(ao3.tab.url()).toMatch(/\/works\/search\?.*work_search%5Bquery%5D=dragons/);
  await ao3.tab.close();

  // Mozilla's newsletter form is sent with POST: the user is asked first (once its required privacy box is ticked: the
  // browser sends it no other way).
  const mozilla = await runOn('mozilla-1', '$get_firefox_news__your_email_here.type("a@b.example"); $get_firefox_news__i_m_okay.check(); $get_firefox_news__sign_me_up_button.click(); done(1)');
  expect(mozilla.run.confirm?.reason).toMatch(/submits a form/);
  await sendFromPage(panel, envelope('automate.stop', { tabId: mozilla.tabId }));
  await mozilla.tab.close();
}, 240_000);

test('a search form that sends to another site is refused before anything is sent, as its link would be (BBC → search.bbc.co.uk)', async () => {
  const bbc = await runOn('bbc-1', '$orb_search_form__search_the_bbc.type("obama"); $orb_search_form__search_the_bbc_button.click(); done(1)');
  expect(bbc.run.report?.status).toBe('failed');
  const state = (await sendFromPage(panel, envelope('automate.state', { tabId: bbc.tabId }))) as { payload: { run: { report: { attempts: { failure?: { name: string; message: string } }[] } } } };
  expect(state.payload.run.report.attempts.at(-1)?.failure).toMatchObject({ name: 'NavigationError', message: expect.stringMatching(/this form leaves .* for search\.bbc\.co\.uk/) });
  expect(new URL(bbc.tab.url()).pathname).toBe('/pages/bbc-1.html');
  await bbc.tab.close();
}, 120_000);
