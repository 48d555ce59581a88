import { describe, expect, test } from 'vitest';
import type { ListEntry } from '../../extension/protocol/schemas.ts';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';

/**
 * Search results as cards (test/fixtures/apps/store/), in Chromium with the built extension. Explorer, session 46: the
 * one card with a "Best seller" badge left the list (a list of three cards was no list at all), and a card's "Add to
 * cart" button, its twelfth part, was cut from the list with the parts past ten: no script could add to the cart.
 */

const app = useAppRig('store/');

const results = () => app.doc.sections.flatMap((s) => s.entries).find((e) => e.name.endsWith('__results')) as ListEntry | undefined;

describe('cards of one class, one with a badge, more parts than a list keeps', () => {
  test('are one list with every card, its button among the actions; a date in bold inside a field is no field of its own', () => {
    const list = results();
    expect(list, app.doc.sections.flatMap((s) => s.entries).map((e) => e.name).join(', ')).toMatchObject({ kind: 'list', count: 4 });
    expect(list!.actions).toContain('add_to_cart');
    expect(list!.fields).toEqual(['link', 'now', 'was', 'delivery', 'stock', 'colors', 'seller', 'warranty']);
    expect(list!.samples[0]).toMatchObject({ link: 'Sony WH-1000XM5', now: '$328.00', was: '$399.99', delivery: 'FREE delivery Tue, Mar 12' });
  });

  test('a script adds the badged card and the cheapest to the cart by the list', async () => {
    const name = results()!.name;
    const outcome = outcomeOf((await runKnown(app.panel, app.tabId, `
      $${name}.find("Sony").add_to_cart.click();
      const prices = $${name}.map((card) => Number(card.now.text().replace("$", "")));
      const cheapest = $${name}[prices.indexOf(Math.min(...prices))];
      cheapest.add_to_cart.click();
      done(cheapest.link.text());`, { confirm: 'never' })).report);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: 'JBL Tune 510BT' });
    expect(await app.tab.locator('#cart').textContent()).toBe('Sony WH-1000XM5, JBL Tune 510BT');
  }, 120_000);
});
