import { describe, expect, test } from 'vitest';
import type { ListEntry, PageDocument } from '../../extension/protocol/schemas.ts';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';

/**
 * Pages from session 67's explorer, in Chromium with the built extension: Booking.com's results
 * (test/fixtures/apps/widgets/hotel-results.html), a Jira backlog (backlog.html) and Zendesk's tickets (tickets.html:
 * a status shown as a letter its title spells out read "O"). Before: a card's room was two
 * fields (`link_2`, `link_3`: the room's box holds one div in some cards, two in others), its price (said for screen
 * readers as "Current price € 356") and score were no fields, the filters were named by how many they find
 * (`free_cancellation_812_properties`); a Jira card's status and estimate were `text` and `container`.
 */

const listsOf = (doc: PageDocument) => doc.sections.flatMap((s) => s.entries).filter((e): e is ListEntry => e.kind === 'list');

describe('Booking.com search results', () => {
  const app = useAppRig('widgets/hotel-results.html');
  const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

  test('cards have one room field, a price and a rating; filters are named without their counts', () => {
    const hotels = listsOf(app.doc).find((l) => l.fields.includes('price'))!;
    expect(hotels.fields).toEqual(expect.arrayContaining(['title', 'rating', 'price']));
    expect(hotels.fields.filter((field) => /^link_\d$/.test(field))).toHaveLength(1);
    expect(hotels.samples[1]).toMatchObject({ title: 'Lisbon Serviced Apartments - Avenida', price: 'Current price € 289' });
    const names = app.doc.sections.flatMap((s) => s.entries).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['popular_filters__free_cancellation', 'property_type__hotels']));
  });

  test('a script turns on a filter and opens the cheapest hotel\'s availability', async () => {
    const hotels = listsOf(app.doc).find((l) => l.fields.includes('price'))!;
    const outcome = await run([
      '$popular_filters__free_cancellation.check()',
      'const filtered = $page__pocket_status.text()',
      `const list = $${hotels.name}`,
      'let cheapest = 0',
      'const euros = (i) => Number(list[i].price.text().replace(/[^0-9]/g, ""))',
      'for (let i = 1; i < list.length; i++) if (euros(i) < euros(cheapest)) cheapest = i',
      'list[cheapest].see_availability.click()',
      'done([filtered, list[cheapest].title.text(), $page__pocket_status.text()].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({
      status: 'done',
      result: 'Filter Free cancellation on / Ibis Lisboa Liberdade / Clicked See availability: Ibis Lisboa Liberdade',
    });
  }, 120_000);
});

describe('a Jira backlog', () => {
  const app = useAppRig('widgets/backlog.html');
  const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

  test('a script reads an issue\'s status and estimate by the names their wrappers\' test ids give', async () => {
    const sprint = listsOf(app.doc).find((l) => l.name === 'proj_sprint_14__items')!;
    expect(sprint.fields).toEqual(expect.arrayContaining(['summary', 'status', 'estimate', 'priority']));
    const outcome = await run([
      'const issue = $proj_sprint_14__items.find("Cart total wrong")',
      'done([issue.status.text(), issue.estimate.text(), issue.priority.text()].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: 'In Progress / 2 / Highest' });
  }, 120_000);
});

describe('Zendesk\'s tickets', () => {
  const app = useAppRig('widgets/tickets.html');
  const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

  test('a script opens the first pending ticket, its status read as its title spells it out', async () => {
    const tickets = listsOf(app.doc).find((l) => l.fields.includes('status'))!;
    expect(tickets.samples[0]).toMatchObject({ status: 'Open' });
    const outcome = await run([
      `const pending = $${tickets.name}.filter((t) => t.status.text() === "Pending")`,
      'pending[0].subject.click()',
      'done([pending.length, pending[0].id.text(), $page__pocket_status.text()].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: "1 / #4519 / Clicked Can't log in after password reset in #4519" });
  }, 120_000);
});
