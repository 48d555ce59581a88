import { describe, expect, test } from 'vitest';
import type { ListEntry } from '../../extension/protocol/schemas.ts';
import { openTabOn, outcomeOf, runKnown, useAppRig } from './automation-rig.ts';

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
    // The button's words are a field too: they differ where a card is sold out.
    expect(list!.fields).toEqual(['link', 'now', 'was', 'delivery', 'stock', 'colors', 'seller', 'warranty', 'returns', 'eco', 'add_to_cart']);
    expect(list!.samples[0]).toMatchObject({ link: 'Sony WH-1000XM5', now: '$328.00', was: '$399.99', delivery: 'FREE delivery Tue, Mar 12' });
    // The sold-out card is marked so (its button disabled), by its words.
    expect(list!.marked).toEqual([{ index: 3, mark: 'disabled', text: expect.stringMatching(/^Sold out · Anker Soundcore/) }]);
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

describe('a product page\'s key facts', () => {
  test('its price (with what it cost before), stock and rating are read-only entries; a script reads them as they change', async () => {
    const product = await openTabOn(app, '/apps/store/product.html');
    try {
      const all = product.doc.sections.flatMap((s) => s.entries);
      const fact = (own: string) => all.find((e) => e.name === `sony_wh_1000xm5__${own}`);
      expect(fact('price'), all.map((e) => e.name).join(', ')).toMatchObject({ kind: 'message', description: '$328.00 (was $399.99)' });
      expect(fact('stock')).toMatchObject({ kind: 'message', description: 'Only 2 left in stock' });
      expect(fact('rating')).toMatchObject({ kind: 'message', description: '4.6 out of 5 stars' });
      // The header's cart total is no fact of the product; the reviews' ratings are not the product's.
      expect(all.filter((e) => /__(price|stock|rating)(_\d+)?$/.test(e.name))).toHaveLength(3);
      const outcome = outcomeOf((await runKnown(app.panel, product.tabId, `
        const before = $sony_wh_1000xm5__price.text();
        $sony_wh_1000xm5__colour_silver.check();
        const silver = $sony_wh_1000xm5__price.text();
        if ($sony_wh_1000xm5__stock.text().includes("left")) $sony_wh_1000xm5__add_to_cart_button.click();
        done([before, silver, $sony_wh_1000xm5__stock.text(), $sony_wh_1000xm5__rating.text()]);`, { confirm: 'never' })).report);
      expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: ['$328.00 (was $399.99)', '$348.00 (was $399.99)', 'Only 1 left in stock', '4.6 out of 5 stars'] });
      expect(await product.tab.locator('#cart').textContent()).toBe('Sony WH-1000XM5 (silver) $348.00');
    } finally {
      await product.tab.close();
    }
  }, 120_000);
});

describe('a checkout\'s step and total', () => {
  test('the current step among steps that are no links, and the order\'s total, are read-only entries that follow the page', async () => {
    const checkout = await openTabOn(app, '/apps/store/checkout.html');
    try {
      const all = checkout.doc.sections.flatMap((s) => s.entries);
      const step = all.find((e) => e.name.endsWith('__step'));
      const total = all.find((e) => e.name.endsWith('__total'));
      expect(step, all.map((e) => e.name).join(', ')).toMatchObject({ kind: 'message', description: '3. Payment (step 3 of 4)' });
      expect(total).toMatchObject({ kind: 'message', description: 'Total $328.00' });
      // No step is a link (it was `$page__3_payment_link [current]`, a click on which did nothing).
      expect(all.filter((e) => e.kind === 'link').map((e) => e.name)).toEqual(['header__sound_shop_link']);
      const express = all.find((e) => e.name.endsWith('__express_delivery'))!.name;
      const next = all.find((e) => e.name.endsWith('__continue_to_review_button'))!.name;
      const outcome = outcomeOf((await runKnown(app.panel, checkout.tabId, `
        $${express}.check();
        const total = $${total!.name}.text();
        $${next}.click();
        done([total, $${step!.name}.text()]);`, { confirm: 'never' })).report);
      expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: ['Total $337.99', '4. Review (step 4 of 4)'] });
    } finally {
      await checkout.tab.close();
    }
  }, 120_000);
});
