import { describe, expect, test } from 'vitest';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';

/**
 * A wizard's current step said by classes alone (test/fixtures/apps/widgets/stepper.html, drawn as MUI's Stepper), in
 * Chromium with the built extension: the document says which step is current and where it is among the steps, and
 * `.text()` reads the step that is current when it is read (the page redraws the stepper on each move). Until session
 * 47 only `aria-current="step"` was read: MUI's page had no step at all.
 */

const app = useAppRig('widgets/stepper.html');

const names = () => app.doc.sections.flatMap((s) => s.entries).map((e) => e.name);
const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

describe('a step said by classes', () => {
  test('is a read-only fact with its place among the steps', () => {
    const step = app.doc.sections.flatMap((s) => s.entries).find((e) => e.name === 'new_campaign__step');
    expect(step, names().join(', ')).toMatchObject({ kind: 'message', description: 'Select campaign settings (step 1 of 3)' });
  });

  test('.text() follows the step as the wizard moves', async () => {
    const outcome = await run('const before = $new_campaign__step.text()\n$new_campaign__next_button.click()\n$new_campaign__next_button.click()\ndone(before + " → " + $new_campaign__step.text())');
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: 'Select campaign settings (step 1 of 3) → Create an ad (step 3 of 3)' });
  }, 120_000);
});
