import { describe, expect, test } from 'vitest';
import type { ElementEntry } from '../../extension/content/document/types.ts';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';

/**
 * What a field takes, in Chromium with the built extension (test/fixtures/apps/widgets/bounds.html): sliders, a number
 * and a date say their least and most (and a step other than 1), a text field with a datalist says its suggestions as
 * options. Until session 47 the document said none of it: a script had to guess a slider's top or an airline's code.
 */

const app = useAppRig('widgets/bounds.html');

const entry = (own: string) => app.doc.sections.flatMap((s) => s.entries)
  .find((e): e is ElementEntry => e.kind !== 'list' && e.name.endsWith(`__${own}`));
const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

describe('bounds and suggestions', () => {
  test('the document says each field\'s bounds, step and suggestions', () => {
    expect(entry('guests')).toMatchObject({ kind: 'slider', state: { value: '2', min: '1', max: '12' } });
    expect(entry('guests')?.state?.step).toBeUndefined();
    expect(entry('budget')).toMatchObject({ state: { value: '500', min: '100', max: '2000', step: '50' } });
    expect(entry('nights')).toMatchObject({ state: { value: '3', min: '1', max: '14' } });
    expect(entry('arrival')).toMatchObject({ state: { min: '2027-01-10', max: '2027-03-31' } });
    expect(entry('airline')).toMatchObject({ kind: 'text_input', options: ['Lufthansa', 'Air France', 'KLM'] });
  });

  test('a script sets the values the document says the fields take', async () => {
    const guests = entry('guests')!;
    const airline = entry('airline')!;
    const outcome = await run([
      `$${guests.name}.type("${guests.state!.max}")`,
      `$${entry('budget')!.name}.type("${entry('budget')!.state!.min}")`,
      `$${entry('arrival')!.name}.type("${entry('arrival')!.state!.min}")`,
      `$${airline.name}.select("${airline.options![1]}")`,
      `done($${airline.name}.value())`,
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: 'AF' });
    expect(await app.tab.locator('#summary').textContent()).toBe('12 guests, 100 budget, 3 nights, 2027-01-10, AF');
  }, 120_000);

  test('past a bound the field refuses, as the document said it would', async () => {
    const outcome = await run(`$${entry('nights')!.name}.type("20"); done(1)`);
    expect(JSON.stringify(outcome)).toMatch(/from 1 to 14/);
  }, 120_000);
});
