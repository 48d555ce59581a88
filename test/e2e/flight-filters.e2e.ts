import { describe, expect, test } from 'vitest';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';
import { renderDocument } from '../../extension/content/document/render.ts';

/**
 * A flight search's filter groups (test/fixtures/apps/widgets/flight-filters.html), in Chromium with the built extension
 * (explorer, session 54): the groups were one list of three, `{title: "Stops", checkbox: true, checkbox_2: true}`, so
 * no box said which airline or stop it was and "uncheck JetBlue" had nothing to call. Now each group is a section of
 * boxes named by their labels, a row's "only" button says its airline, and a price under a class cut to `pr` is `price`.
 */

const app = useAppRig('widgets/flight-filters.html');

const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

describe('filter groups under headings', () => {
  test('are sections of named boxes; the results\' prices are `price`', () => {
    const text = renderDocument(app.doc);
    for (const line of ['$stops__nonstop checkbox [checked]', '$stops__2_stops checkbox [checked]', '$airlines__jetblue checkbox [checked]',
      '$airlines__only_button_2 button "only" in "Delta $312"', '$price__max_price slider:range']) expect(text).toContain(line);
    expect(text).toMatch(/^\$flights__results list\(3\) fields: air, stp, price /m);
    expect(text).not.toContain('title: "Stops"');
  });

  test('a script unticks one airline by name, then keeps only another with its row\'s button', async () => {
    const outcome = await run([
      '$airlines__jetblue.uncheck()',
      'const after = $flights__shown.text()',
      '$airlines__only_button_2.click()',
      'done([after, $flights__shown.text(), $airlines__united.value(), $flights__results.map((f) => f.price.text()).join(" ")].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: '2 flights: United, Delta / 1 flight: Delta / false / $312' });
  }, 120_000);
});
