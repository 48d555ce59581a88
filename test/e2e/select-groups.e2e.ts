import { describe, expect, test } from 'vitest';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';

/**
 * A select whose groups hold options of the same text (test/fixtures/apps/widgets/groups.html), in Chromium with the
 * built extension: "Home delivery" standard and express. Before session 46 the document listed "Home delivery" twice
 * and `select("Home delivery")` took the first, whichever the task meant.
 */

const app = useAppRig('widgets/groups.html');

const entry = (own: string) => app.doc.sections.flatMap((s) => s.entries).find((e) => e.name.endsWith(`__${own}`));
const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

describe('options of the same text in two groups', () => {
  test('are said with their group; options one of a kind as they are', () => {
    expect(entry('method')).toMatchObject({ kind: 'select', state: { selected: 'Standard (3–5 days): Home delivery' },
      options: ['Standard (3–5 days): Home delivery', 'Standard (3–5 days): Pickup point', 'Express (next day): Home delivery', 'Express (next day): Pickup point'] });
    expect(entry('time_slot')).toMatchObject({ options: ['08:00–10:00', '10:00–12:00', '14:00–16:00'] });
  });

  test('select() takes the option with its group; the text alone is an error that names both', async () => {
    const chosen = await run(`$${entry('method')!.name}.select("Express (next day): Home delivery"); done($${entry('method')!.name}.text())`);
    // Read back as the document says it.
    expect(chosen, JSON.stringify(chosen)).toMatchObject({ status: 'done', result: 'Express (next day): Home delivery' });
    expect(await app.tab.locator('#chosen').textContent()).toBe('exp-home');
    const vague = await run(`$${entry('method')!.name}.select("Pickup point"); done(1)`);
    expect(JSON.stringify(vague)).toContain('in more than one group');
    expect(JSON.stringify(vague)).toContain('Standard (3–5 days): Pickup point');
    expect(await app.tab.locator('#chosen').textContent()).toBe('exp-home');
    const plain = await run(`$${entry('time_slot')!.name}.select("14:00–16:00"); done($${entry('time_slot')!.name}.value())`);
    expect(plain, JSON.stringify(plain)).toMatchObject({ status: 'done', result: '14:00–16:00' });
  }, 120_000);
});
