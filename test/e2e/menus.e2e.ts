import { describe, expect, test } from 'vitest';
import { openTabOn, outcomeOf, runKnown, useAppRig } from './automation-rig.ts';
import type { ListEntry } from '../../extension/protocol/schemas.ts';

/**
 * Controls the browser renders but no one sees (test/fixtures/apps/menus/), in Chromium with the built extension: a menu
 * faded out (`opacity: 0; pointer-events: none`) until its button opens it, accordion panels shut to `max-height: 0`.
 * Explorer, session 44: they were offered as usable, among what is on the page. Each is shown by a collapsed toggle, so
 * they are views of the page (as a hidden tab panel is): a script names them, and the runtime clicks the toggle first.
 */

const app = useAppRig('menus/');

const names = (entries: { name: string }[]) => entries.map((e) => e.name.replace(/^.*__/, ''));

describe('menus and accordions out of sight', () => {
  test('their controls are no entries of the page, but views behind their toggles; a block faded in on scroll, an escaping arrow, hover actions stay', () => {
    const shown = app.doc.sections.flatMap((s) => s.entries).filter((e) => e.kind !== 'message');
    // Review, session 45: a button placed absolutely out of a clipping box of no height, and one shown on hover, stay.
    // Session 46: a file input tucked into a box of no size is offered through its label (the page's upload button,
    // a `role=button` label: not an entry of its own).
    expect(names(shown)).toEqual(['account_button', 'more_button', 'shipping_button', 'returns_button', 'warranty_button', 'attach_a_photo', 'previous_tip_button', 'download_guide_button', 'subscribe_to_tips_button']);
    expect((app.doc.views ?? []).map((view) => [view.via.replace(/^.*__/, ''), names(view.sections.flatMap((s) => s.entries))])).toEqual([
      ['account_button', ['profile_menuitem', 'billing_menuitem']],
      // Session 46: a dropdown that says nothing of its menu (no aria-controls) shows the one right after it.
      ['more_button', ['contact_us_button']],
      ['shipping_button', ['track_a_parcel_button']],
      ['returns_button', ['start_a_return_button']],
      // Session 46: shut as MUI's Collapse shuts it (no height, clipped, `visibility: hidden`): was an empty view.
      ['warranty_button', ['register_a_product_button']],
    ]);
  });

  test('a script clicks a menu item and an accordion\'s button by their names: the runtime opens each first', async () => {
    const full = (own: string) => (app.doc.views ?? []).flatMap((v) => v.sections.flatMap((s) => s.entries)).find((e) => e.name.endsWith(`__${own}`))!.name;
    const status = () => app.tab.evaluate(() => document.getElementById('status')!.textContent);
    const billing = outcomeOf((await runKnown(app.panel, app.tabId, `$${full('billing_menuitem')}.click(); done(1)`, { confirm: 'never' })).report);
    expect(billing, JSON.stringify(billing)).toMatchObject({ status: 'done' });
    expect(await status()).toBe('Opened Billing');
    const track = outcomeOf((await runKnown(app.panel, app.tabId, `$${full('track_a_parcel_button')}.click(); done(1)`, { confirm: 'never' })).report);
    expect(track, JSON.stringify(track)).toMatchObject({ status: 'done' });
    expect(await status()).toBe('Clicked Track a parcel');
    expect(await app.tab.evaluate(() => document.querySelector('.question')!.getAttribute('aria-expanded'))).toBe('true');
    const contact = outcomeOf((await runKnown(app.panel, app.tabId, `$${full('contact_us_button')}.click(); done(1)`, { confirm: 'never' })).report);
    expect(contact, JSON.stringify(contact)).toMatchObject({ status: 'done' });
    expect(await status()).toBe('Clicked Contact us');
    const register = outcomeOf((await runKnown(app.panel, app.tabId, `$${full('register_a_product_button')}.click(); done(1)`, { confirm: 'never' })).report);
    expect(register, JSON.stringify(register)).toMatchObject({ status: 'done' });
    expect(await status()).toBe('Clicked Register a product');
  }, 120_000);

  test('a click on the tucked-away file input says only the user can choose a file (a script cannot open the chooser)', async () => {
    const photo = app.doc.sections.flatMap((s) => s.entries).find((e) => e.name.endsWith('__attach_a_photo'))!;
    expect(photo.kind).toBe('file_input');
    const report = (await runKnown(app.panel, app.tabId, `$${photo.name}.click(); done(1)`, { confirm: 'never' })).report;
    expect(JSON.stringify(report)).toContain('only the user can pick one');
  }, 120_000);

  test('a docs sidebar\'s links in titled groups are one list with each link\'s group; a script picks by group, opens a folded one', async () => {
    const docs = await openTabOn(app, '/apps/menus/docs.html');
    try {
      const entries = docs.doc.sections.flatMap((s) => s.entries);
      // The groups were the items and their links numbered slots (`menu_link` … `menu_link_3`), the folds' states unsaid.
      const menu = entries.find((e) => e.name === 'docs_sidebar__menu') as ListEntry;
      expect(menu, entries.map((e) => e.name).join(', ')).toMatchObject({ kind: 'list', count: 9, fields: ['group', 'link'], actions: ['link'] });
      expect(menu.samples[0]).toEqual({ group: 'Getting started', link: 'Introduction' });
      expect(names(entries.filter((e) => e.kind !== 'list'))).toEqual(expect.arrayContaining(['getting_started_button', 'guides_button', 'sdks_button', 'api_reference_button']));
      const run = async (script: string) => outcomeOf((await runKnown(app.panel, docs.tabId, script, { confirm: 'never' })).report);
      const guides = await run(`const guides = $docs_sidebar__menu.filter((l) => l.group.text() === "Guides").map((l) => l.link.text());
        $docs_sidebar__menu.find("Webhooks").click();
        done(guides);`);
      expect(guides, JSON.stringify(guides)).toMatchObject({ status: 'done', result: ['Authentication', 'Pagination', 'Errors', 'Webhooks'] });
      expect(await docs.tab.locator('#opened').textContent()).toBe('webhooks');
      // A folded group's links are no items until its button opens it; then they are, with their group.
      const teams = await run(`$docs_sidebar__api_reference_button.click();
        const teams = $docs_sidebar__menu.find("Teams");
        const group = teams.group.text();
        teams.click();
        done([group, $docs_sidebar__menu.length]);`);
      expect(teams, JSON.stringify(teams)).toMatchObject({ status: 'done', result: ['API reference', 11] });
      expect(await docs.tab.locator('#opened').textContent()).toBe('teams');
    } finally {
      await docs.tab.close();
    }
  }, 120_000);
});
