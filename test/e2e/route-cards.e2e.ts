import { describe, expect, test } from 'vitest';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';
import { renderDocument } from '../../extension/content/document/render.ts';

/**
 * A directions pane (test/fixtures/apps/widgets/routes.html), in Chromium with the built extension (explorer, session
 * 51): its route cards (`div role=button`) were entries named by their changing words (`24_min_5_1_button`), the first
 * card's own Details button was nowhere, and the pane's lone buttons were a list of `button`, `google_symbols`. Now the
 * routes are one list whose parts are named by what they measure, the open one marked, and the lone buttons entries.
 */

const app = useAppRig('widgets/routes.html');

const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

describe('route cards drawn as buttons', () => {
  test('the routes are one list with their Details button; the pane\'s lone buttons are entries', () => {
    const text = renderDocument(app.doc);
    expect(text).toContain('$directions__pane list(3) "Directions" fields: duration, distance, title, text actions: route(button), details(button) e.g. {duration: "24 min", distance: "5.1 miles", title: "via Embarcadero", text: "Mostly flat"}');
    expect(text).toContain('expanded: [0] "24 min 5.1 miles via Embarcad…"');
    expect(text).toMatch(/^\$directions__reverse_starting_point_button /m);
    expect(text).toMatch(/^\$directions__send_directions_button /m);
    expect(text).not.toMatch(/^\$\S*(24_min|22_min|google_symbols)/m);
  });

  test('a script picks a route by its words, opens the first one\'s details and uses a lone button', async () => {
    const outcome = await run([
      'const routes = $directions__pane',
      'routes.filter((r) => r.distance.text() === "11 km")[0].click()',
      'const chose = $directions__status.text()',
      'routes[0].details.click()',
      'const details = $directions__status.text()',
      '$directions__add_destination_button.click()',
      'done([routes.length, routes.map((r) => r.duration.text()).join("+"), chose, details, $directions__status.text()].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({
      status: 'done',
      result: '3 / 24 min+22 min+1 hr 7 min / Chose via Valencia St / Details of route 0 / Stop added',
    });
  }, 120_000);
});
