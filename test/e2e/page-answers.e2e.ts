import { describe, expect, test } from 'vitest';
import { tabIdOf } from './browser.ts';
import { runKnown, usePanelRig } from './automation-rig.ts';

/**
 * Pages that answer an action later than the executor's quiet period (executor/page-answers.ts), in Chromium with the
 * built extension: known scripts through `automate.start`, no model call. Exploratory test, session 31: a search
 * read (and added to the cart) the products shown before it, and "Send invite" failed as disabled while the page was
 * still checking the username.
 */

const held = usePanelRig();

let opened = 0;
async function runOnAnswers(script: string): Promise<{ status: string; result?: unknown; failure?: string; page: string[] }> {
  const tab = await held.rig.harness.context.newPage();
  await tab.goto(held.rig.pages.url(`/apps/slow/answers.html?run=${++opened}`));
  const tabId = await tabIdOf(held.rig.harness, tab);
  // "Send invite" sends: the user confirms it.
  const { report } = await runKnown(held.panel, tabId, script);
  const page = await tab.locator('#results .name').allTextContents();
  await tab.close();
  return { status: report.status, result: report.result, failure: report.attempts.at(-1)?.failure?.message, page };
}

describe('a page that answers later', () => {
  test('typing into a search box waits for the results it looks up after a pause (a debounce, then a request)', async () => {
    const outcome = await runOnAnswers('$find_a_product__search_products.type("lamp");\ndone($find_a_product__products.map((p) => p.name.text()));');
    const lamps = ['Paper floor lamp', 'Brass desk lamp', 'Mini lamp shade', 'Lamp base'];
    expect(outcome.page).toEqual(lamps);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: lamps });
  });

  test('select() on a combobox waits for suggestions a slow server sends after a pause (past the 1 s it waits for a list)', async () => {
    const outcome = await runOnAnswers('$trip__city.select("Prague");\ndone($trip__city.value());');
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: 'Prague' });
  });

  test('a button the page disables while it checks what was typed is clicked once it is enabled again', async () => {
    const outcome = await runOnAnswers('$invite_a_teammate__username.type("alice");\n$invite_a_teammate__send_invite_button.click();\ndone($invite_a_teammate__invite_status.text());');
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: 'Invited alice' });
  });

  test('a button that stays disabled still fails as disabled, after the wait', async () => {
    // An empty username: the page checks it and keeps the button disabled.
    const outcome = await runOnAnswers('$invite_a_teammate__username.type(" ");\n$invite_a_teammate__send_invite_button.click();\ndone(1);');
    expect(outcome.status, JSON.stringify(outcome)).toBe('failed');
    expect(outcome.failure).toContain('is disabled');
  });
});
