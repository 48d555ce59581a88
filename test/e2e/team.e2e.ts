import { describe, expect, test } from 'vitest';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';

/**
 * A team settings page drawn as shadcn/ui draws it (Radix; test/fixtures/apps/team/), in Chromium with the built
 * extension. Explorer, session 46: the member rows' role pickers were named by the avatars' initials (`sd`, `jl`) and
 * listed no options; the boxes, empty buttons named by a `<label for>`, were `radio`, `radio_2`, `switch`.
 */

const app = useAppRig('team/');

const entries = () => app.doc.sections.flatMap((s) => s.entries);
const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

describe('a Radix team page', () => {
  test('pickers named by the person with the options of the select they hide; boxes named by their labels', () => {
    expect(entries().map((e) => [e.name, e.kind])).toEqual([
      ['team_members__sofia_davis', 'combobox'], ['team_members__jackson_lee', 'combobox'], ['team_members__isabella_nguyen', 'combobox'],
      ['notifications__notify_me_all_new_messages', 'radio'], ['notifications__notify_me_direct_messages_and_mentions', 'radio'],
      ['notifications__airplane_mode_switch', 'switch'],
      ['log_pages__previous_link', 'link'], ['log_pages__1_link', 'link'], ['log_pages__2_link', 'link'], ['log_pages__next_link', 'link'],
      ['audit_log__saved', 'message']]);
    expect(entries()[1]).toMatchObject({ state: { value: 'Member' }, options: ['Viewer', 'Member', 'Owner'] });
    // A pagination marked by classes alone: the page it is on is current, a Previous no pointer reaches disabled.
    expect(entries().find((e) => e.name === 'log_pages__previous_link')).toMatchObject({ state: { disabled: true } });
    expect(entries().find((e) => e.name === 'log_pages__1_link')).toMatchObject({ state: { current: true } });
    // No generated id ("radix-:r1:") says what the picker controls.
    expect(JSON.stringify(entries())).not.toContain('radix-');
  });

  test('a script gives a member a role and sets the boxes by those names', async () => {
    const role = await run('$team_members__jackson_lee.select("Owner"); done($team_members__jackson_lee.value())');
    expect(role, JSON.stringify(role)).toMatchObject({ status: 'done', result: 'Owner' });
    expect(await app.tab.locator('#saved').textContent()).toBe('Jackson Lee: Owner');
    const boxes = await run('$notifications__notify_me_direct_messages_and_mentions.check(); $notifications__airplane_mode_switch.check(); done([$notifications__notify_me_all_new_messages.value(), $notifications__airplane_mode_switch.value()])');
    expect(boxes, JSON.stringify(boxes)).toMatchObject({ status: 'done', result: [false, true] });
    const previous = await run('$log_pages__previous_link.click(); done(1)');
    expect(JSON.stringify(previous)).toContain('is disabled');
  }, 120_000);
});
