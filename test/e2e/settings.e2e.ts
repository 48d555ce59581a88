import { describe, expect, test } from 'vitest';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';

/**
 * A settings page (test/fixtures/apps/settings/) in Chromium with the built extension, as known scripts (no model call):
 * its blocks look alike — a heading, then controls — and hold different controls. Explorer, session 44: they were one
 * list (`list(4) fields: title`) whose slots hid every switch, the radio buttons (read as `checkbox`), the select and
 * the Delete button; switches whose titles sit in the block beside them were `switch`, `switch_2`.
 */

const app = useAppRig('settings/');

describe('a settings page', () => {
  test('its controls are entries of their kinds, the switches named by their titles', () => {
    const entries = app.doc.sections.flatMap((s) => s.entries);
    expect(entries.filter((e) => e.kind === 'list')).toEqual([]);
    expect(entries.filter((e) => e.kind !== 'message').map((e) => [e.name.replace(/^.*__/, ''), e.kind])).toEqual([
      ['marketing_emails_switch', 'switch'], ['sounds_switch', 'switch'], ['plan_free', 'radio'], ['plan_pro', 'radio'],
      ['language', 'select'], ['revoke_button', 'button'], ['revoke_button_2', 'button'], ['delete_account_button', 'button']]);
  });

  test('two buttons named alike say their rows\' words; the one said to be staging\'s is staging\'s', async () => {
    const revokes = app.doc.sections.flatMap((s) => s.entries).filter((e) => /__revoke_button/.test(e.name));
    expect(revokes.map((e) => (e.kind === 'list' ? '' : e.row))).toEqual(['Production pk_live_9f2a', 'Staging pk_test_11bc']);
    const outcome = (await runKnown(app.panel, app.tabId, `$${revokes[1]!.name}.click(); done(1)`, { confirm: 'yes' }));
    // Revoking is asked about first (irreversible.ts), then done.
    expect(outcome.asked).toHaveLength(1);
    expect(outcomeOf(outcome.report).status).toBe('done');
    expect(await app.tab.evaluate(() => Array.from(document.querySelectorAll('.keys code'), (c) => c.textContent))).toEqual(['pk_live_9f2a', 'revoked']);
  }, 120_000);

  test('a script turns a switch on, picks a plan and a language by those names', async () => {
    const name = (own: string) => app.doc.sections.flatMap((s) => s.entries).find((e) => e.name.endsWith(`__${own}`))!.name;
    const outcome = outcomeOf((await runKnown(app.panel, app.tabId, `$${name('marketing_emails_switch')}.check();
      $${name('sounds_switch')}.uncheck(); $${name('plan_free')}.check(); $${name('language')}.select("Deutsch");
      done([$${name('marketing_emails_switch')}.value(), $${name('sounds_switch')}.value(), $${name('plan_free')}.value(), $${name('language')}.value()])`,
    { confirm: 'never' })).report);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: [true, false, true, 'Deutsch'] });
    expect(await app.tab.evaluate(() => [(document.getElementById('marketing') as HTMLInputElement).checked, (document.getElementById('language') as HTMLSelectElement).value]))
      .toEqual([true, 'Deutsch']);
  }, 120_000);
});
