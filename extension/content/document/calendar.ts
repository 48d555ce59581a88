/**
 * Date pickers drawn as a month of weeks under weekday headers (a `<table>` or an ARIA grid: react-datepicker,
 * react-day-picker, MUI, Ant Design). Read as rows, a month was a list of weeks named by the month shown
 * (`$choose_date__june_2026`) with a field per weekday named with it (`monday_june`): names that change every month,
 * and a day found by its date was a week (explorer, session 42). Here its days are the items, one list named `days`
 * whatever the month, described by the month's label; `find("June 15")` matches the day's label.
 */
import { roleOf } from './classify.ts';
import { attr, childElementCountOf, childrenOf, closestOf, firstElementChildOf, matchesOf, previousElementOf, queryAllOf, queryOf } from './dom-safe.ts';
import { tagOf, textOf } from './dom.ts';
import { collapse } from './text.ts';

/** The name of a calendar's list of days. */
export const DAYS_LIST = 'days';
const DAYS_IN_WEEK = 7;
/** A header row with more cells than this is no week (a week-number column and a corner are allowed). */
const MAX_HEAD_CELLS = 9;
const TABLE_SELECTOR = 'table, [role=grid], [role=table]';

const weekdayNames = new Map<string, string[][]>();

/** Each weekday's names in `lang` (long and short, lower case, without dots), Monday first; [] where Intl does not know it. */
function namesIn(lang: string): string[][] {
  let known = weekdayNames.get(lang);
  if (known) return known;
  known = [];
  try {
    const long = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' });
    const short = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' });
    // 2024-01-01 was a Monday.
    for (let d = 0; d < DAYS_IN_WEEK; d++) {
      const date = new Date(Date.UTC(2024, 0, 1 + d));
      known.push([long.format(date), short.format(date)].map((name) => name.toLowerCase().replace(/\./g, '')));
    }
  } catch {
    known = [];
  }
  weekdayNames.set(lang, known);
  return known;
}

/** The words a header cell says: its full name (`abbr`, aria-label, title) and what it shows ("Mo", "M"). */
function headerWords(cell: Element): string[] {
  return [attr(cell, 'abbr'), attr(cell, 'aria-label'), attr(cell, 'title'), textOf(cell, 40)]
    .map((words) => collapse(words ?? '').toLowerCase().replace(/\./g, '')).filter((words) => /^\p{L}+$/u.test(words));
}

/** Cells name seven weekdays in a row (from any first day), each by a name or the start of one ("S", "Su", "Sun"). */
function namesAWeek(cells: Element[], langs: string[]): boolean {
  const words = cells.map(headerWords);
  for (const lang of langs) {
    const names = namesIn(lang);
    if (names.length !== DAYS_IN_WEEK) continue;
    for (let offset = 0; offset + DAYS_IN_WEEK <= words.length; offset++) {
      for (let first = 0; first < DAYS_IN_WEEK; first++) {
        const week = words.slice(offset, offset + DAYS_IN_WEEK);
        if (week.every((said, i) => said.some((word) => names[(first + i) % DAYS_IN_WEEK]!.some((name) => name.startsWith(word))))) return true;
      }
    }
  }
  return false;
}

/** The header cells of a table's or a grid's first header row. */
function headCells(table: Element): Element[] {
  const first = queryOf(table, 'th, [role=columnheader]');
  const row = first && closestOf(first, 'tr, [role=row]');
  if (!row || closestOf(row, TABLE_SELECTOR) !== table) return [];
  return Array.from(childrenOf(row)).filter((cell) => tagOf(cell) === 'TH' || roleOf(cell) === 'columnheader' || tagOf(cell) === 'TD');
}

/** Rows of a month drawn without a table (react-datepicker): 4 to 6 weeks of 7 days (8 with a week number). */
const MIN_WEEKS = 4;
const MAX_WEEKS = 6;
const ROW_GROUPS: ReadonlySet<string> = new Set(['TBODY', 'THEAD', 'TFOOT']);

/** An element that may hold a month's weeks: a table or a grid, or a box of 4–6 rows of 7 or 8. */
export function maybeCalendar(node: Element): boolean {
  if (tagOf(node) === 'TABLE') return true;
  const role = roleOf(node);
  if (role === 'grid' || role === 'table') return true;
  // A table's body is looked at as the table.
  if (role === 'rowgroup' || ROW_GROUPS.has(tagOf(node))) return false;
  const weeks = childElementCountOf(node);
  if (weeks < MIN_WEEKS || weeks > MAX_WEEKS) return false;
  const first = firstElementChildOf(node);
  const days = first ? childElementCountOf(first) : 0;
  return days >= DAYS_IN_WEEK && days <= DAYS_IN_WEEK + 1;
}

/** Weekday names just before a box of weeks: the box before it, or a row of seven in that box (a picker's header). */
function weekdaysBefore(weeks: Element, langs: string[]): boolean {
  const before = previousElementOf(weeks);
  if (!before) return false;
  for (const row of [before, ...Array.from(childrenOf(before))]) {
    const count = childElementCountOf(row);
    if (count >= DAYS_IN_WEEK && count <= MAX_HEAD_CELLS && namesAWeek(Array.from(childrenOf(row)), langs)) return true;
  }
  return false;
}

/** Cells that show a day of the month, at least (a month has 28 or more; a week of a timetable shows none). */
const MIN_DAYS_SHOWN = 20;
const MAX_CELLS = 60;

/** Most of the cells show a day's number (1–31): a month, not a timetable under weekday headers. */
function showsDays(cells: ArrayLike<Element>): boolean {
  let days = 0;
  let said = 0;
  for (let i = 0; i < Math.min(cells.length, MAX_CELLS); i++) {
    const text = textOf(cells[i]!, 12);
    if (!text) continue;
    said++;
    const day = /^\d{1,2}$/.test(text) ? Number(text) : 0;
    if (day >= 1 && day <= 31) days++;
  }
  return days >= MIN_DAYS_SHOWN && days * 2 >= said;
}

const calendars = new WeakMap<Element, boolean>();

/**
 * `node` when it is a month of days under weekday headers: a table or grid headed by them, or a box of weeks right after
 * a row of them. Else undefined. Called on maybeCalendar's elements.
 */
export function calendarOf(node: Element): Element | undefined {
  let known = calendars.get(node);
  if (known === undefined) {
    const marked = closestOf(node, '[lang]');
    const langs = [...new Set([(marked && attr(marked, 'lang')) || '', 'en'].filter(Boolean))];
    if (matchesOf(node, TABLE_SELECTOR)) {
      const cells = headCells(node);
      known = cells.length >= DAYS_IN_WEEK && cells.length <= MAX_HEAD_CELLS && namesAWeek(cells, langs)
        && showsDays(queryAllOf(node, 'td, [role=gridcell]'));
    } else {
      known = weekdaysBefore(node, langs) && showsDays(queryAllOf(node, ':scope > * > *'));
    }
    calendars.set(node, known);
  }
  return known ? node : undefined;
}
