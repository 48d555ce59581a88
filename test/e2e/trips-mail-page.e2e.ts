import { describe, expect, test } from 'vitest';
import type { ListEntry } from '../../extension/protocol/schemas.ts';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';

/**
 * A flight search's filter groups, gift cards and a mail list drawn as Expedia, Etsy and Outlook draw them
 * (test/fixtures/apps/widgets/trips-mail.html), in Chromium with the built extension. Explorer, session 65: the four
 * fieldsets alike were one list whose slots were each group's first three boxes ("United" nowhere); the mail list's
 * date headings were the list and every message two entries named after its sender and subject; fields were named by
 * the design kits' classes (`wt_display_inline`, `uitk_price_lockup`); new Reddit's comments, nested in each other with
 * their buttons in shadow roots, were every button an entry and no comment's words reachable; a button showing the
 * airport picked was `leaving_from_new_york_button`, renamed by the next choice.
 */

const app = useAppRig('widgets/trips-mail.html');

const lists = () => app.doc.sections.flatMap((s) => s.entries).filter((e): e is ListEntry => e.kind === 'list');
const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

describe('filter groups as fieldsets, a mail list grouped by date headings, cards with a design kit\'s classes', () => {
  test('are sections of options, one list of messages with its groups, cards with a rating and a price', () => {
    const names = app.doc.sections.flatMap((s) => s.entries).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['flight_search__leaving_from_button', 'flight_search__dates_button', 'airlines__united', 'airlines__alaska_airlines', 'stops__nonstop', 'departure_time__evening']));
    const byName = new Map(lists().map((l) => [l.name, l] as const));
    const messages = byName.get('inbox__message_list')!;
    expect(messages.count).toBe(6);
    expect(messages.samples[0]).toMatchObject({ date: '10:42 AM' });
    expect(byName.get('inbox__groups')!.count).toBe(3);
    const gifts = byName.get('gifts__items')!;
    expect(gifts.fields).toEqual(expect.arrayContaining(['rating', 'reviews', 'price']));
    expect(names.join(' ')).not.toMatch(/teams|adele|uitk|wt_|today|upvote|reply|new_york|fri_14/);
    expect(byName.get('comments__why_are')!.count).toBe(5);
  });

  test('a script ticks a filter past the third option, opens the fifth message, reads a date and a rating, favours a card, replies to and votes on nested comments, and clicks a button twice as the value it shows changes', async () => {
    const outcome = await run([
      '$airlines__united.check()',
      'const filters = $page__status.text()',
      '$inbox__message_list[4].option.click()',
      'const opened = $page__status.text()',
      'const when = $inbox__message_list.find("Alex Wilber").date.text()',
      'const rating = $gifts__items.find("Ceramic mug").rating.text()',
      '$gifts__items.find("Wooden sign").add.click()',
      'const favoured = $page__status.text()',
      '$comments__why_are[2].reply.click()',
      'const replied = $page__status.text()',
      '$comments__why_are.find("Nitrogen").upvote.click()',
      'const voted = $page__status.text()',
      'const last = $comments__why_are[4].md.text()',
      '$flight_search__leaving_from_button.click()',
      'const moved = $page__status.text()',
      '$flight_search__leaving_from_button.click()',
      'const back = $page__status.text()',
      'done([filters, opened, when, rating, favoured, replied, voted, last, moved, back].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({
      status: 'done',
      result: 'Filters: United / Open Action required / Sun 6:12 PM / Rated 4.5 out of 5 / Add Wooden sign to favorites: true'
        + ' / Reply: throwaway_gardener / Upvote: soil_scientist_phd / Thanks, that helps. / From Boston (BOS) / From New York (JFK)',
    });
  }, 120_000);
});
