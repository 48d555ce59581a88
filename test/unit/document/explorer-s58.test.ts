// @vitest-environment happy-dom
/**
 * Session 58: a month view's events (a plain table of days, FullCalendar's nested tables), links with no address that
 * scripts made controls.
 */
import { expect, test } from 'vitest';
import { build, entries, list, lists, names } from './helpers.ts';
import { slotElement } from '../../../extension/content/document/lists.ts';

const HEAD = '<thead><tr>' + ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((d) => `<th>${d}</th>`).join('') + '</tr></thead>';

/** A month of 28 days in `role=gridcell` cells, events (`[time, title]`) as buttons after a day's number. */
function month(events: Record<number, string[][]>): string {
  let rows = '';
  for (let week = 0; week < 4; week++) {
    rows += '<tr>';
    for (let day = week * 7 + 1; day <= week * 7 + 7; day++) {
      const own = (events[day] ?? []).map(([time, title]) => `<button class="ev"><span class="ev__time">${time}</span> <span class="ev__title">${title}</span></button>`).join('');
      rows += `<td role="gridcell"><span class="date">${day}</span>${own}</td>`;
    }
    rows += '</tr>';
  }
  return `<main><table role="grid" aria-label="March 2026">${HEAD}<tbody>${rows}</tbody></table></main>`;
}

test('a month view whose days hold events is a list of its days and a list of its events, each event with its day', () => {
  const doc = build(month({ 3: [['09:30', 'Standup']], 5: [['14:00', 'Design review'], ['16:30', '1:1 with Sam']], 17: [['10:00', 'Dentist']] }));
  const days = list(doc, 'main__days');
  // Every day, those with events too (their cells are no controls of their own): the 17th is item 16.
  expect(days).toMatchObject({ count: 28, fields: ['day'], actions: ['day'] });
  expect(days.samples.map((sample) => sample.day)).toEqual(['1', '2', '3']);
  const events = list(doc, 'main__events');
  expect(events).toMatchObject({ count: 4, fields: ['day', 'time', 'title'] });
  expect(events.samples).toEqual([{ day: '3', time: '09:30', title: 'Standup' }, { day: '5', time: '14:00', title: 'Design review' }, { day: '5', time: '16:30', title: '1:1 with Sam' }]);
  // The day is read from the event's cell, for every event.
  const day = events.slots.find((slot) => slot.name === 'day')!;
  const dentist = [...document.querySelectorAll('button.ev')].at(-1)!;
  expect(slotElement(dentist, day.selector)?.textContent).toBe('17');
  // No list of weeks with a field per weekday, no event left an entry.
  expect(lists(doc).map((found) => found.name)).toEqual(['main__days', 'main__events']);
  expect(names(doc)).toEqual(['main__days', 'main__events']);
});

test('a month drawn as a plain table (no grid roles, no day controls) is its events alone, no table of weeks', () => {
  const doc = build(month({ 3: [['09:30', 'Standup']], 5: [['14:00', 'Design review']], 17: [['10:00', 'Dentist']] }).replace(/ role="(grid|gridcell)"/g, ''));
  expect(lists(doc).map((found) => [found.name, found.count, found.fields])).toEqual([['main__events', 3, ['day', 'time', 'title']]]);
});

test('two events alike are a list too: as entries they were `standup_button` and `standup_button_2`, their days unsaid', () => {
  const doc = build(month({ 3: [['10:00', 'Standup']], 12: [['10:00', 'Standup']] }));
  expect(list(doc, 'main__events')).toMatchObject({ count: 2 });
  expect(list(doc, 'main__events').samples.map((sample) => sample.day)).toEqual(['3', '12']);
});

/** FullCalendar's month: weekday headers and weeks in layout tables inside the grid, each day's cell deep and busy. */
function fullCalendar(): string {
  const head = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].map((d) => `<th role="columnheader" class="fc-col-header-cell"><div class="fc-scrollgrid-sync-inner"><a class="fc-col-header-cell-cushion">${d}</a></div></th>`).join('');
  const events: Record<number, string[][]> = { 3: [['9:30a', 'Standup']], 5: [['2p', 'Design review'], ['4:30p', '1:1 with Sam']], 24: [['1p', 'Quarterly planning']] };
  let weeks = '';
  for (let week = 0, n = 1; week < 5; week++) {
    weeks += '<tr role="row">';
    for (let i = 0; i < 7; i++, n++) {
      const own = (events[n] ?? []).map(([time, title]) => `<div class="fc-daygrid-event-harness"><a class="fc-event fc-daygrid-event" tabindex="0"><div class="fc-daygrid-event-dot"></div><div class="fc-event-time">${time}</div><div class="fc-event-title">${title}</div></a></div>`).join('');
      // Padding a week's cells past the climb's element budget, as a real one's are.
      const pad = '<div class="fc-daygrid-day-bg"><div></div><div></div><div></div><div></div><div></div><div></div></div>';
      weeks += `<td role="gridcell" class="fc-day fc-daygrid-day"><div class="fc-daygrid-day-frame"><div class="fc-daygrid-day-top"><a class="fc-daygrid-day-number">${n <= 31 ? n : n - 31}</a></div><div class="fc-daygrid-day-events">${own}</div>${pad}</div></td>`;
    }
    weeks += '</tr>';
  }
  return `<div class="fc"><h2 id="t">March 2026</h2><button>today</button><table role="grid" aria-labelledby="t" class="fc-scrollgrid">
    <thead role="rowgroup"><tr role="presentation"><th role="presentation"><div class="fc-scroller"><table role="presentation" class="fc-col-header"><thead role="presentation"><tr role="row">${head}</tr></thead></table></div></th></tr></thead>
    <tbody role="rowgroup"><tr role="presentation"><td role="presentation"><div class="fc-scroller-harness"><div class="fc-scroller"><div class="fc-daygrid-body"><table role="presentation" class="fc-scrollgrid-sync-table"><tbody role="presentation">${weeks}</tbody></table></div></div></div></td></tr></tbody></table></div>`;
}

test('FullCalendar\'s month: its days and events are lists though its weeks sit in a layout table deep in the grid', () => {
  const doc = build(fullCalendar());
  const days = list(doc, 'page__days');
  expect(days).toMatchObject({ count: 35, fields: ['day'], actions: ['day'] });
  // A busy day's sample is its number, not its cell's words ("3 9:30a Standup"), and no second field says it again.
  expect(days.samples[2]).toEqual({ day: '3' });
  const events = list(doc, 'page__events');
  expect(events).toMatchObject({ count: 4, fields: ['day', 'time', 'title'], actions: ['event'] });
  expect(events.samples[0]).toEqual({ day: '3', time: '9:30a', title: 'Standup' });
  const planning = [...document.querySelectorAll('a.fc-event')].at(-1)!;
  expect(slotElement(planning, events.slots[0]!.selector)?.textContent).toBe('24');
  expect(names(doc)).not.toContain('page__weeks');
});

test('a link with no address made a tab stop or given a click handler is a control; a named anchor is none', () => {
  const doc = build(`<main><h1>Post</h1><p><a name="top"></a>Intro</p>
    <div class="share"><a title="facebook" onclick="share('fb')">f</a> <a class="tw" tabindex="0">Tweet this</a> <a tabindex="-1">Skip</a></div></main>`);
  expect(entries(doc).map((e) => [e.name, e.kind])).toEqual([['post__f', 'clickable'], ['post__tweet_this', 'clickable']]);
});
