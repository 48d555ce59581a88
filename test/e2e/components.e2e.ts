import { describe, expect, test } from 'vitest';
import { useAppRig, outcomeOf, runKnown } from './automation-rig.ts';
import { envelope, sendFromPage } from './helpers.ts';
import type { ListEntry, PageDocument } from '../../extension/protocol/schemas.ts';

/**
 * Cards drawn by web components in their own shadow roots (open and closed) are one list, read and acted on by item;
 * fields whose labels are words beside them (a table's header cell, a span, a `dt`, text before a select, after a
 * check box) are named by those words. Explorer, session 41: the cards were one section each, the fields
 * `$reg__text_input`, `$reg__https`. In Chromium with the built extension, as known scripts (no model call).
 */

const app = useAppRig('components/');

const entries = () => app.doc.sections.flatMap((s) => s.entries);
const names = () => entries().map((e) => e.name);

async function run(script: string) {
  return outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);
}

const list = (name: string) => {
  const found = entries().find((e) => e.name === name);
  expect(found?.kind, names().join(', ')).toBe('list');
  return found as ListEntry;
};

describe('web components and labels beside fields', () => {
  test('cards in open and closed shadow roots are one list each, with fields and an action read through the root', () => {
    expect(list('garden_shop__plants')).toMatchObject({ count: 4, fields: ['name', 'price'], actions: ['add_to_cart'] });
    expect(list('garden_shop__plants').samples[0]).toEqual({ name: 'Fern', price: '$12' });
    expect(list('tools__items')).toMatchObject({ count: 3, fields: ['name', 'price'], actions: ['add_to_cart'] });
    // No section per card, no button per card.
    expect(names().filter((n) => /fern|cactus|spade|add_to_cart/.test(n))).toEqual([]);
    // A design system's buttons (words slotted into a closed root's button) stay buttons (review, session 42).
    expect(names().filter((n) => /cancel|save_draft|publish|footer/.test(n))).toEqual(['footer__cancel_button', 'footer__save_draft_button', 'footer__publish_button']);
  });

  test('a script reads the cards\' fields and adds the cheapest plant and a closed-root tool to the cart', async () => {
    const outcome = await run(`
      const plants = $garden_shop__plants;
      let cheapest = plants[0];
      for (const plant of plants) if (Number(plant.price.text().slice(1)) < Number(cheapest.price.text().slice(1))) cheapest = plant;
      cheapest.add_to_cart.click();
      $tools__items.find("Rake").add_to_cart.click();
      done({ names: plants.map(p => p.name.text()), tools: $tools__items.map(t => t.price.text()), cheapest: cheapest.name.text() });`);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done',
      result: { names: ['Fern', 'Cactus', 'Olive tree', 'Basil'], tools: ['$25', '$18', '$30'], cheapest: 'Basil' } });
    expect(await app.tab.locator('#cart').textContent()).toBe('Basil, Rake');
  }, 90_000);

  test('find() matches the date a day of a date picker says in its label, not only the number it shows (explorer, session 41)', async () => {
    const outcome = await run('const day = $delivery_day__days.find("December 5, 2026"); day.click(); done([day.text(), $delivery_day__days.findIndex((d) => d.text() === "12")])');
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: ['5', 11] });
    expect(await app.tab.locator('#delivery').textContent()).toBe('Saturday, December 5, 2026');
    // A number shown still finds its day first ("1" is the 1st, not the 10th to 14th, nor a label's "2026").
    expect(await run('done($delivery_day__days.find("1").text())')).toMatchObject({ status: 'done', result: '1' });
  }, 90_000);

  test('select() in a component\'s select whose options are slotted into its listbox (as Shoelace draws sl-select; explorer, session 42)', async () => {
    const outcome = await run('$booking__table_for.select("Four people"); done($booking__table_for.value())');
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: 'Four people' });
    expect(await app.tab.locator('#party-size').textContent()).toBe('4');
  }, 90_000);

  test('an ARIA data grid with a box per row: fields and sort from its column headers, header buttons named by column (explorer, session 42)', async () => {
    const medals = list('medals__medal_rows');
    expect(medals).toMatchObject({ count: 3, fields: ['athlete', 'country', 'gold'], sortedBy: { field: 'athlete', order: 'descending' } });
    expect(names().filter((n) => n.startsWith('medals__') && n.endsWith('_button'))).toEqual(['medals__country_filter_button', 'medals__gold_filter_button']);
    const outcome = await run('const row = $medals__medal_rows.find("Russia"); row.select_row.check(); done([row.athlete.text(), row.select_row.value()])');
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: ['Aleksey Nemov', true] });
  }, 90_000);

  test('fields named by the words beside them are typed into, chosen and checked by those names', () => {
    expect(names().filter((n) => n.startsWith('register__'))).toEqual(['register__username', 'register__age', 'register__website',
      'register__phone', 'register__country', 'register__accept_the_terms', 'register__plan_free', 'register__plan_pro', 'register__plan_team',
      'register__interests', 'register__create_account_button']);
    // A design system's submit button, its <button> in a closed root, sends the form (explorer, session 42: no effect).
    expect(entries().find((e) => e.name === 'register__create_account_button')).toMatchObject({ effect: 'submits register' });
    // Three radios are entries, as two are; a checklist is a list named by its legend, its fields not by drawing classes.
    expect(list('register__interests')).toMatchObject({ fields: ['label'], actions: ['checkbox'] });
  });

  test('a script fills the form by those names', async () => {
    const outcome = await run(`
      $register__username.type("ada");
      $register__age.type("36");
      $register__website.type("https://ada.example");
      $register__phone.type("555 0100");
      $register__country.select("Italy");
      $register__accept_the_terms.check();
      $register__plan_team.check();
      $register__interests.find("Cacti").checkbox.check();
      done($register__username.value());`);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: 'ada' });
    const values = await app.tab.evaluate(() => ['user', 'age', 'site', 'phone', 'country'].map((id) => (document.getElementById(id) as HTMLInputElement).value)
      .concat(String((document.getElementById('terms') as HTMLInputElement).checked)));
    expect(values).toEqual(['ada', '36', 'https://ada.example', '555 0100', 'Italy', 'true']);
    expect(await app.tab.evaluate(() => ['plan-team', 'i-cacti', 'i-ferns'].map((id) => (document.getElementById(id) as HTMLInputElement).checked))).toEqual([true, true, false]);
  }, 90_000);

  test('icon buttons are named by the tooltip they point to or their icon\'s class (explorer, session 43: `button`, `button_2`)', () => {
    expect(names().filter((n) => n.startsWith('notes__'))).toEqual(['notes__edit_note_button', 'notes__trash_button']);
    // A banner that takes the focus to be read is no control of its own (explorer, session 43: `cookie_banner__cookie_banner`).
    expect(names().filter((n) => n.startsWith('cookie_banner__'))).toEqual(['cookie_banner__accept_all_button', 'cookie_banner__necessary_only_button']);
  });

  // Explorer, session 44: a stepper's "−" and "+" were `button` and `button_2`.
  test('a stepper\'s glyph buttons are named minus and plus, and a script counts up with them', async () => {
    expect(names().filter((n) => n.startsWith('basket__') && !n.includes('count'))).toEqual(['basket__minus_button', 'basket__plus_button']);
    const outcome = outcomeOf((await runKnown(app.panel, app.tabId, '$basket__plus_button.click(); $basket__plus_button.click(); $basket__minus_button.click(); done(1)', { confirm: 'never' })).report);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done' });
    expect(await app.tab.evaluate(() => document.getElementById('count')!.textContent)).toBe('2');
  }, 90_000);

  // Explorer, session 44: a pressed chip past the samples, a step marked on its item, were nowhere in the document.
  test('the chips the page marks pressed are said with their list, by index, and change as a script clicks one', async () => {
    const chips = list('skills__chips');
    expect(chips.marked).toEqual([{ index: 1, mark: 'pressed', text: 'TypeScript' }, { index: 8, mark: 'pressed', text: 'Kotlin' }]);
    const step = entries().find((e) => e.name === 'skills__shipping_link');
    expect(step?.kind !== 'list' && step?.state?.current).toBe(true);
    const outcome = await run(`$skills__chips.find("Rust").click(); $skills__chips[1].click(); done($skills__chips.map((c) => c.button.value()))`);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: [false, false, false, true, false, false, false, false, true] });
    const doc = (await sendFromPage(app.panel, envelope('page.document', { tabId: app.tabId })) as { payload: PageDocument }).payload;
    const after = doc.sections.flatMap((s) => s.entries).find((e) => e.name === 'skills__chips') as ListEntry;
    expect(after.marked).toEqual([{ index: 3, mark: 'pressed', text: 'Rust' }, { index: 8, mark: 'pressed', text: 'Kotlin' }]);
  });

  test('a pagination\'s current page, drawn as no link, is a link marked current (explorer, session 43: absent)', () => {
    const pages = entries().filter((e) => e.name.startsWith('pages__'));
    expect(pages.map((e) => [e.name, e.kind !== 'list' && e.state?.current === true])).toEqual([['pages__1_link', false], ['pages__2_link', true], ['pages__3_link', false]]);
  });

  test('a design system\'s submit button is asked about before it sends the form, and sends it once confirmed', async () => {
    const refused = await runKnown(app.panel, app.tabId, '$register__create_account_button.click(); done("sent")', { confirm: 'no' });
    expect(refused.asked).toHaveLength(1);
    expect(refused.asked[0]).toMatch(/^Create account: /);
    expect(await app.tab.locator('#registered').textContent()).toBe('0');
    const sent = await runKnown(app.panel, app.tabId, '$register__create_account_button.click(); done("sent")', { confirm: 'yes' });
    expect(outcomeOf(sent.report), JSON.stringify(sent.report)).toMatchObject({ status: 'done', result: 'sent' });
    expect(await app.tab.locator('#registered').textContent()).toBe('1');
  }, 90_000);
});
