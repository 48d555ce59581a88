import { describe, expect, test } from 'vitest';
import type { ListEntry } from '../../extension/protocol/schemas.ts';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';

/**
 * A cart, search results and a stay search drawn as Amazon, Google and Booking draw them
 * (test/fixtures/apps/widgets/shopping.html), in Chromium with the built extension. Explorer, session 64: the cart's
 * rows (controls ten levels down) were ~6 entries each named after the product, their prices and Share links nowhere;
 * the results were loose links with "People also ask" counted among them and snippets found by place; the date and
 * guest buttons were named by the values picked (`fri_14_jun_button`), so a script lost them once a date changed.
 */

const app = useAppRig('widgets/shopping.html');

const lists = () => app.doc.sections.flatMap((s) => s.entries).filter((e): e is ListEntry => e.kind === 'list');
const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

describe('deep cart rows, results with another block between them, buttons that show picked values', () => {
  test('are lists with every item\'s fields, and buttons named by what they are', () => {
    const byName = new Map(lists().map((l) => [l.name, l] as const));
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['activecartviewform__active_items', 'search_results__rso', 'stays__paris_properties_found']));
    const cart = byName.get('activecartviewform__active_items')!;
    expect(cart.count).toBe(3);
    expect(cart.actions).toEqual(expect.arrayContaining(['qty', 'delete', 'save_for_later', 'share']));
    expect(cart.samples[1]).toMatchObject({ product_availability: 'Only 3 left in stock - order soon.', price: '$22.99', qty: '2' });
    const results = byName.get('search_results__rso')!;
    expect(results.count).toBe(4);
    expect(results.samples[1]).toMatchObject({ date: 'Mar 14, 2024 —', source: 'https://www.outdoorgearlab.com › topics' });
    expect(byName.get('stays__paris_properties_found')!.samples.map((s) => s.price)).toEqual(['€ 389', '€ 521', '€ 142']);
    const names = app.doc.sections.flatMap((s) => s.entries).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['search_stays__date_display_field_start_button', 'search_stays__occupancy_config_button']));
    expect(names.join(' ')).not.toMatch(/fri_14|adults|airpods|echo_dot|anker/);
  });

  test('a script changes a row\'s quantity and saves another for later by name, reads results past the block, and clicks a date button twice as its words change', async () => {
    const outcome = await run([
      '$activecartviewform__active_items.find("Echo Dot").qty.select("3")',
      'const qty = $page__status.text()',
      '$activecartviewform__active_items.find("Anker").save_for_later.click()',
      'const saved = $page__status.text()',
      'const price = $activecartviewform__active_items.find("Echo Dot").price.text()',
      'const third = $search_results__rso[2].title.text()',
      '$search_stays__date_display_field_start_button.click()',
      'const moved = $page__status.text()',
      '$search_stays__date_display_field_start_button.click()',
      'const back = $page__status.text()',
      'const cheap = $stays__paris_properties_found.find("Generator").price.text()',
      'done([qty, saved, price, third, moved, back, cheap].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({
      status: 'done',
      result: 'Quantity of Echo Dot (3rd Gen) - Smart speaker with Alexa: 3 / Save for later: Anker Portable Charger, 313 Power Bank / $22.99'
        + ' / Best hiking boots? : r/CampingandHiking / Check-in Sat 15 Jun / Check-in Fri 14 Jun / € 142',
    });
  }, 120_000);
});
