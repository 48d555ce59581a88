import { describe, expect, test } from 'vitest';
import { useAppRig, outcomeOf, runKnown } from './automation-rig.ts';
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

async function run(script: string) {
  return outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);
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
});
