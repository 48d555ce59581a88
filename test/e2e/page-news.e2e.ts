import { describe, expect, test } from 'vitest';
import { tabIdOf } from './browser.ts';
import { outcomeOf, runKnown, usePanelRig } from './automation-rig.ts';

/**
 * A step that refuses to go on ("Next" with step 1 wrong) says why on the page: an alert, a field marked invalid. A
 * script that names step 2's fields then fails with what the page said, for the repair (explorer, session 41: only
 * the NotFound of step 2's name). In Chromium with the built extension, as known scripts (no model call).
 */

const held = usePanelRig();

async function runOnWizard(script: string) {
  const tab = await held.rig.harness.context.newPage();
  try {
    await tab.goto(held.rig.pages.url('/apps/wizard/'));
    const tabId = await tabIdOf(held.rig.harness, tab);
    const { report } = await runKnown(held.panel, tabId, script, { confirm: 'never' });
    return { ...outcomeOf(report), step2: await tab.locator('#step-2').isVisible() };
  } finally {
    await tab.close();
  }
}

describe('what the page says after an action, with a name not found', () => {
  test('"Next" refused: step 2\'s name is not found, and the failure quotes the alert and the field marked invalid', async () => {
    const outcome = await runOnWizard('$join__email.type("ada"); $join__next_button.click(); $join__plan.select("Team"); done(1)');
    expect(outcome).toMatchObject({ status: 'failed', step2: false, failure: { name: 'NotFoundError' } });
    expect(outcome.failure!.message).toMatch(/no element named `\$join__plan`/);
    expect(outcome.failure!.message).toContain('after the last action the page says `$join__email` marked invalid ("Enter an email like name@example.com"), "Please enter your full name"');
    // What the page showed before the action ("Draft saved") is no news.
    expect(outcome.failure!.message).not.toContain('Draft saved');
  }, 90_000);

  test('"Next" taken: no news where the page said nothing new, and step 2 is used', async () => {
    const done = await runOnWizard('$join__full_name.type("Ada Lovelace"); $join__email.type("ada@example.com"); $join__next_button.click(); $join__plan.select("Team"); done($join__plan.value())');
    expect(done).toMatchObject({ status: 'done', result: 'Team', step2: true });
    const missing = await runOnWizard('$join__full_name.type("Ada Lovelace"); $join__email.type("ada@example.com"); $join__next_button.click(); $join__colour.select("Red"); done(1)');
    expect(missing.failure?.message).toMatch(/no element named `\$join__colour`/);
    expect(missing.failure?.message).not.toMatch(/the page says/);
  }, 90_000);
});
