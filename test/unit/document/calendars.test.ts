// @vitest-environment happy-dom
/**
 * Date pickers: a month under weekday headers is one list of its days, `days`, whatever the month (explorer, session
 * 42: a table calendar was a list of weeks named by its month, `$choose_date__june_2026`, with fields `monday_june`…;
 * MUI's day buttons, `role=gridcell` under column headers, were data cells and no control at all).
 */
import { expect, test } from 'vitest';
import { build, list, lists, names } from './helpers.ts';
import { itemsIn } from '../../../extension/content/document/list-items.ts';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A month as react-day-picker and most table pickers draw it: `blank` empty cells, then one button per day. */
function tableMonth(month: string, blank: number, count: number, head = (day: string) => `<th abbr="${day}" scope="col">${day.slice(0, 2)}</th>`): string {
  const cells: string[] = Array.from({ length: blank }, () => '<td></td>');
  for (let d = 1; d <= count; d++) cells.push(`<td><button type="button" aria-label="${WEEKDAYS[(blank + d - 1) % 7]}, ${month} ${d}, 2026">${d}</button></td>`);
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(`<tr>${cells.slice(i, i + 7).join('')}</tr>`);
  return `<main><h1>Book</h1><div role="dialog" aria-label="Choose date"><h2 id="month">${month} 2026</h2>
    <button aria-label="Previous month">‹</button><button aria-label="Next month">›</button>
    <table role="grid" aria-labelledby="month"><thead><tr>${WEEKDAYS.map(head).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div></main>`;
}

test('a table month is `days`, named alike every month, described by the month; its items are the day buttons', () => {
  const june = list(build(tableMonth('June', 0, 30)), 'choose_date__days');
  expect(june).toMatchObject({ count: 30, fields: ['day'], actions: ['day'], description: 'June 2026' });
  expect(june.samples.slice(0, 2)).toEqual([{ day: '1' }, { day: '2' }]);
  const table = document.querySelector('table')!;
  const found = itemsIn(table, { selector: june.itemSelector, ...(june.itemPaths ? { paths: june.itemPaths } : {}) }, () => true);
  expect(found.map((el) => el.textContent)).toEqual(Array.from({ length: 30 }, (_, i) => String(i + 1)));

  const doc = build(tableMonth('July', 2, 31));
  const july = list(doc, 'choose_date__days');
  expect(july).toMatchObject({ count: 31, fields: ['day'], description: 'July 2026' });
  // No list of weeks, no table of them beside it.
  expect(lists(doc).map((l) => l.name)).toEqual(['choose_date__days']);
});

test('weekday headers in the page language, or by their first letters, make a calendar too', () => {
  const french = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
  let i = 0;
  const html = tableMonth('juin', 0, 30, () => `<th>${french[i++]!.slice(0, 2)}.</th>`).replace('<main>', '<main lang="fr">');
  expect(list(build(html), 'choose_date__days').count).toBe(30);
  expect(list(build(tableMonth('June', 3, 30, (day) => `<th>${day[0]}</th>`)), 'choose_date__days').count).toBe(30);
});

test('MUI: day buttons with role=gridcell under weekday column headers are the days, not data cells; a hidden label names them', () => {
  const weeks: string[] = [];
  for (let w = 0, d = 1; d <= 30; w++) {
    const cells: string[] = [];
    for (let i = 0; i < 7; i++) {
      if ((w === 0 && i < 1) || d > 30) cells.push('<div role="presentation" class="MuiPickersDay-hiddenDaySpacingFiller"></div>');
      else cells.push(`<button class="MuiButtonBase-root MuiPickersDay-root" tabindex="${d === 1 ? 0 : -1}" type="button" role="gridcell" aria-colindex="${i + 1}">${d++}</button>`);
    }
    weeks.push(`<div role="row" class="MuiDayCalendar-weekContainer" aria-rowindex="${w + 1}">${cells.join('')}</div>`);
  }
  const doc = build(`<main><h1>Book</h1><div class="MuiDateCalendar-root"><div role="presentation" aria-live="polite">June 2026</div><span id="grid-label" hidden>June 2026</span>
    <button aria-label="Previous month">‹</button><button aria-label="Next month">›</button>
    <div role="grid" aria-labelledby="grid-label"><div role="row">${['Sunday', ...WEEKDAYS.slice(0, 6)].map((n) => `<span role="columnheader" aria-label="${n}">${n[0]}</span>`).join('')}</div>
    <div role="rowgroup">${weeks.join('')}</div></div></div></main>`);
  expect(list(doc, 'book__days')).toMatchObject({ count: 30, fields: ['day'], description: 'June 2026' });
});

test('react-datepicker: weeks of options after a row of weekday names, no table', () => {
  const weeks: string[] = [];
  for (let w = 0, d = -1; w < 5; w++) {
    const cells: string[] = [];
    for (let i = 0; i < 7; i++, d++) {
      const day = d < 1 ? 31 + d : d > 30 ? d - 30 : d;
      cells.push(`<div class="react-datepicker__day" tabindex="-1" aria-label="Choose ${WEEKDAYS[i]}, June ${day}th, 2026" role="option">${day}</div>`);
    }
    weeks.push(`<div class="react-datepicker__week">${cells.join('')}</div>`);
  }
  const doc = build(`<main><div class="react-datepicker" role="dialog" aria-label="Choose Date"><button aria-label="Previous Month">Previous Month</button>
    <div class="react-datepicker__month-container"><div class="react-datepicker__header"><h2>June 2026</h2>
    <div class="react-datepicker__day-names">${WEEKDAYS.map((n) => `<div class="react-datepicker__day-name">${n.slice(0, 2)}</div>`).join('')}</div></div>
    <div class="react-datepicker__month" aria-label="Month June, 2026" role="listbox">${weeks.join('')}</div></div></div></main>`);
  expect(list(doc, 'choose_date__days')).toMatchObject({ count: 35, fields: ['day'] });
});

test('a timetable under weekday headers is no calendar: its rows stay a list of their own', () => {
  const rows = ['9:00', '10:00', '11:00', '12:00'].map((time) => `<tr><th>${time}</th>${WEEKDAYS.map((day) => `<td><button type="button" aria-label="Book ${day} ${time}">Book</button></td>`).join('')}</tr>`).join('');
  const doc = build(`<main><h1>Classes</h1><table><thead><tr><th>Time</th>${WEEKDAYS.map((day) => `<th>${day.slice(0, 3)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></main>`);
  expect(lists(doc).map((l) => l.name)).not.toContain('classes__days');
});

test('a timesheet or a price grid under weekday headers is no calendar: its rows stay a list, its links theirs (review, session 43)', () => {
  const hours = ['Ann', 'Bob', 'Cy', 'Di'].map((who, r) => `<tr><td><a href="/staff/${r}">${who}</a></td>${WEEKDAYS.map((_, d) => `<td>${(r + d) % 9}</td>`).join('')}<td><a href="/edit/${r}">Edit</a></td></tr>`).join('');
  const doc = build(`<main><h1>Hours</h1><table><thead><tr><th>Staff</th>${WEEKDAYS.map((d) => `<th>${d.slice(0, 3)}</th>`).join('')}<th>Actions</th></tr></thead><tbody>${hours}</tbody></table></main>`);
  expect(lists(doc).map((l) => l.name)).not.toContain('hours__days');
  expect(lists(doc)[0]).toMatchObject({ count: 4 });
});

test('Angular Material: a gridcell around its day button is one day; Ant Design: the day number in the cell is the `day` field', () => {
  const matRows: string[] = [];
  for (let w = 0, d = 1; d <= 30; w++) {
    const cells: string[] = [];
    for (let i = 0; i < 7 && d <= 30; i++) cells.push(`<td role="gridcell" class="mat-calendar-body-cell-container"><button type="button" class="mat-calendar-body-cell" aria-label="June ${d}, 2026"><span class="mat-calendar-body-cell-content">${d++}</span></button></td>`);
    matRows.push(`<tr role="row">${cells.join('')}</tr>`);
  }
  const mat = build(`<main><h1>Book</h1><table role="grid" class="mat-calendar-table"><thead><tr>${WEEKDAYS.map((d) => `<th scope="col"><span class="cdk-visually-hidden">${d}</span><span aria-hidden="true">${d[0]}</span></th>`).join('')}</tr></thead>
    <tbody>${matRows.join('')}</tbody></table></main>`);
  expect(list(mat, 'book__days')).toMatchObject({ count: 30, fields: ['day'] });

  const antRows: string[] = [];
  for (let w = 0, d = 1; d <= 30; w++) {
    const cells: string[] = [];
    for (let i = 0; i < 7 && d <= 30; i++, d++) cells.push(`<td class="ant-picker-cell" title="2026-06-${String(d).padStart(2, '0')}" onclick="void 0"><div class="ant-picker-cell-inner">${d}</div></td>`);
    antRows.push(`<tr>${cells.join('')}</tr>`);
  }
  const ant = build(`<main><h1>Book</h1><table class="ant-picker-content"><thead><tr>${['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'].map((d) => `<th>${d}</th>`).join('')}</tr></thead><tbody>${antRows.join('')}</tbody></table></main>`);
  expect(list(ant, 'book__days')).toMatchObject({ count: 30, fields: ['day'] });
  expect(list(ant, 'book__days').samples[0]).toEqual({ day: '1' });
});

test('Bootstrap datepicker: weekdays in the third header row; a week-number column is no day', () => {
  const rows: string[] = [];
  for (let w = 0, d = 1; d <= 30; w++) {
    const cells: string[] = [`<td class="cw">${23 + w}</td>`];
    for (let i = 0; i < 7 && d <= 30; i++) cells.push(`<td class="day" data-date="${d}" onclick="void 0">${d++}</td>`);
    rows.push(`<tr>${cells.join('')}</tr>`);
  }
  const doc = build(`<main><h1>Book</h1><div class="datepicker-days"><table class="table-condensed"><thead><tr><th colspan="8" class="datepicker-title">Pick a day</th></tr>
    <tr><th class="prev" onclick="void 0">«</th><th colspan="6" class="datepicker-switch">June 2026</th><th class="next" onclick="void 0">»</th></tr>
    <tr><th class="cw">&#160;</th>${['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'].map((d) => `<th class="dow">${d}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div></main>`);
  expect(list(doc, 'book__days')).toMatchObject({ count: 30, fields: ['day'] });
});

test('a month heading over its days names no section; over a list of posts it still does (review, session 43: `june_2026__days`)', () => {
  const inline = tableMonth('June', 0, 30).replace('<div role="dialog" aria-label="Choose date">', '<div class="picker">');
  expect(list(build(inline), 'book__days').count).toBe(30);
  const archive = build(`<main><h1>Blog</h1><section><h2>June 2026</h2><ul>${['One', 'Two', 'Three'].map((t) => `<li><a href="/p/${t}">${t}</a> <span class="date">June 2026</span></li>`).join('')}</ul></section></main>`);
  expect(names(archive).every((name) => name.startsWith('june_2026__'))).toBe(true);
  expect(names(archive).length).toBeGreaterThan(0);
});
