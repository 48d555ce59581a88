import { expect, test } from 'vitest';
import { tabIdOf } from './browser.ts';
import { envelope, sendFromPage } from './helpers.ts';
import { usePanelRig } from './automation-rig.ts';

/**
 * Review (session 27): the executor now stops a cross-origin navigation of the tab during an action and for the late
 * watch after it (LATE_SUBMIT_MS, which a run's end does not wait out when no form is near). The user's own click on a
 * link of another site right after a run must still go there.
 */
const held = usePanelRig();
const offsite: string[] = [];

test('the user\'s own click on a link of another site right after an action goes there', async () => {
  const page = await held.rig.harness.context.newPage();
  await page.route(/other\.example/, (route) => {
    offsite.push(route.request().url());
    return route.abort();
  });
  await page.goto(held.rig.pages.url('/apps/offsite/'));
  const tabId = await tabIdOf(held.rig.harness, page);
  const act = (id: string) => sendFromPage(held.panel, envelope('page.act', { tabId, action: 'click', args: [], target: { locators: [{ by: 'id', value: id }] } })) as Promise<{ ok: boolean; error?: { name: string; message: string } }>;
  // A harmless action of the run (a plain button), then the user clicks "Log out" of accounts.other.example at once.
  expect((await act('more')).ok).toBe(true);
  await page.click('#logout');
  await page.waitForTimeout(2000);
  expect(offsite).toContain('https://accounts.other.example/logout');
  await page.close();
}, 60_000);
