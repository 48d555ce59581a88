import { describe, expect, test } from 'vitest';
import { openTabOn, useAppRig, outcomeOf, runKnown } from './automation-rig.ts';
import { envelope, sendFromPage } from './helpers.ts';
import type { ListEntry, PageDocument } from '../../extension/protocol/schemas.ts';

/**
 * Date pickers: a month under weekday headers is one list of its days, `days`, whatever month it shows (explorer,
 * session 42: a table month was a list of weeks named by the month, `$choose_date__june_2026`, fields `monday_june`;
 * MUI's `role=gridcell` day buttons were read as data cells, no control). In Chromium with the built extension, as
 * known scripts (no model call).
 */

const app = useAppRig('calendar/');

const listIn = (page: PageDocument, name: string) => {
  const entries = page.sections.flatMap((s) => s.entries);
  const found = entries.find((e) => e.name === name);
  expect(found?.kind, entries.map((e) => e.name).join(', ')).toBe('list');
  return found as ListEntry;
};

async function run(script: string, tabId = app.tabId) {
  return outcomeOf((await runKnown(app.panel, tabId, script, { confirm: 'never' })).report);
}

describe('calendars', () => {
  test('each month is a list of its days, described by the month it shows', () => {
    expect(listIn(app.doc, 'departure__days')).toMatchObject({ count: 30, fields: ['day'], actions: ['day'], description: 'June 2026' });
    expect(listIn(app.doc, 'departure__days').samples[0]).toEqual({ day: '1' });
    expect(listIn(app.doc, 'return__days')).toMatchObject({ count: 30, fields: ['day'], description: 'June 2026' });
  });

  test('a script turns the month and picks days by their dates or numbers; the list keeps its name', async () => {
    const outcome = await run(`
      $departure__next_month_button.click();
      const day = $departure__days.find("July 4, 2026");
      day.click();
      $return__days.find("15").click();
      done([day.text(), $departure__days.length, $return__days.length]);`);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: ['4', 31, 30] });
    expect(await app.tab.locator('#leaving').textContent()).toBe('Saturday, July 4, 2026');
    expect(await app.tab.locator('#back').textContent()).toBe('Monday, June 15, 2026');
    const reply = await sendFromPage(app.panel, envelope('page.document', { tabId: app.tabId })) as { ok: boolean; payload: PageDocument };
    expect(listIn(reply.payload, 'departure__days')).toMatchObject({ count: 31, description: 'July 2026' });
  }, 90_000);

  test('a month view (FullCalendar\'s markup): its days and its events are lists, each event with its day; a script finds, reads and opens one', async () => {
    const month = await openTabOn(app, '/apps/calendar/month.html');
    try {
      // They were a list of weeks with a field per weekday (`sun, fc_daygrid_day, tue…`) and the events in it by column.
      expect(listIn(month.doc, 'page__days')).toMatchObject({ count: 35, fields: ['day'], actions: ['day'], description: 'March 2026' });
      const events = listIn(month.doc, 'page__events');
      expect(events).toMatchObject({ count: 6, fields: ['day', 'time', 'title'], actions: ['event'] });
      expect(events.samples[0]).toEqual({ day: '3', time: '9:30a', title: 'Standup' });
      const outcome = await run(`
        const fifth = $page__events.filter((e) => e.day.text() === "5").map((e) => e.title.text());
        const dentist = $page__events.find("Dentist");
        const on = dentist.day.text();
        dentist.click();
        done({ fifth, on, last: $page__events[5].day.text() });`, month.tabId);
      expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: { fifth: ['Design review', '1:1 with Sam'], on: '17', last: '24' } });
      expect(await month.tab.locator('#detail').textContent()).toBe('Dentist on March 17');
      // A day with an event in it is a day of the list too: the 12th is the 12th.
      const day = await run('$page__days[11].click(); done($page__days[11].day.text())', month.tabId);
      expect(day, JSON.stringify(day)).toMatchObject({ status: 'done' });
      expect(await month.tab.locator('#detail').textContent()).toBe('new event on March 12');
      // A day's "+2 more" is an entry named without its count, said to be in its day (a label "Show 2 more events" made
      // it a day, and the day's cell a control named by its events).
      const more = month.doc.sections.flatMap((s) => s.entries).find((e) => e.name === 'page__more');
      expect(more, JSON.stringify(month.doc.sections.flatMap((s) => s.entries).map((e) => e.name))).toMatchObject({ kind: 'clickable', row: 'March 5, 2026' });
      const shown = await run('$page__more.click(); done()', month.tabId);
      expect(shown, JSON.stringify(shown)).toMatchObject({ status: 'done' });
      expect(await month.tab.locator('#detail').textContent()).toBe('more on March 5');
    } finally {
      await month.tab.close();
    }
  }, 120_000);
});
