/**
 * Date pickers drawn as a month of weeks under weekday headers (a `<table>` or an ARIA grid: react-datepicker,
 * react-day-picker, MUI, Ant Design). Read as rows, a month was a list of weeks named by the month shown
 * (`$choose_date__june_2026`) with a field per weekday named with it (`monday_june`): names that change every month,
 * and a day found by its date was a week (explorer, session 42). Here its days are the items, one list named `days`
 * whatever the month, described by the month's label; `find("June 15")` matches the day's label.
 */
import { roleOf } from './classify.ts';
import { attr, childElementCountOf, childrenOf, closestOf, containsOf, firstElementChildOf, matchesOf, parentOf, previousElementOf, queryAllOf, queryOf } from './dom-safe.ts';
import { tagOf, textOf } from './dom.ts';
import { collapse, escapeRegExp } from './text.ts';

/** The name of a calendar's list of days. */
export const DAYS_LIST = 'days';
/** What a month view's events are listed as (lists.ts eventList). */
export const EVENTS_LIST = 'events';
const DAYS_IN_WEEK = 7;
/** A header row with more cells than this is no week (a week-number column and a corner are allowed). */
const MAX_HEAD_CELLS = 9;
const TABLE_SELECTOR = 'table, [role=grid], [role=table]';
const OWN_TABLE = ':is(table, [role=grid], [role=table]):not([role=presentation], [role=none])';

const weekdayNames = new Map<string, string[][]>();

/** Each weekday's names in `lang` (long and short, lower case, without dots), Monday first; [] where Intl does not know it. */
function namesIn(lang: string): string[][] {
  let known = weekdayNames.get(lang);
  if (known) return known;
  known = [];
  try {
    const formats = (['long', 'short', 'narrow'] as const).map((weekday) => new Intl.DateTimeFormat(lang, { weekday, timeZone: 'UTC' }));
    // 2024-01-01 was a Monday.
    for (let d = 0; d < DAYS_IN_WEEK; d++) {
      const date = new Date(Date.UTC(2024, 0, 1 + d));
      known.push(formats.map((format) => cleanName(format.format(date))));
    }
  } catch {
    known = [];
  }
  weekdayNames.set(lang, known);
  return known;
}

/** The languages a calendar's words may be in: its page's or part's `lang`, and English. */
function langsOf(el: Element): string[] {
  const marked = closestOf(el, '[lang]');
  return [...new Set([(marked && attr(marked, 'lang')) || '', 'en'].filter(Boolean))];
}

/** A weekday's name as compared: lower case, without dots and marks of abbreviation (Hebrew's geresh). */
const cleanName = (name: string): string => collapse(name).toLowerCase().replace(/[.'\u05f3\u2019]/g, '');

/** The words a header cell says: its full name (`abbr`, aria-label, title, a child's title) and what it shows ("Mo", "M"). */
function headerWords(cell: Element): string[] {
  const titled = queryOf(cell, '[title]');
  return [attr(cell, 'abbr'), attr(cell, 'aria-label'), attr(cell, 'title'), titled && attr(titled, 'title'), textOf(cell, 40)]
    .map((words) => cleanName(words ?? '')).filter((words) => /^\p{L}+$/u.test(words));
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

/** Header rows looked at, at most: a picker's title and its «/June/» row may come before the weekdays (Bootstrap's). */
const HEAD_ROWS = 3;

/** One of the first rows of a table or grid names the days of a week (its header cells, or plain cells before any data). */
function weekdayHeaded(table: Element, langs: string[]): boolean {
  const rows = queryAllOf(table, 'tr, [role=row]');
  for (let i = 0; i < Math.min(rows.length, HEAD_ROWS); i++) {
    const row = rows[i]!;
    // A row of a layout table inside it is its own (FullCalendar: `table role=grid > … > table role=presentation`); so
    // is a row of a layout table that is the calendar itself (react-dates' `table role=presentation`: explorer,
    // session 61, a list of weeks).
    if (closestOf(row, OWN_TABLE) !== table && closestOf(row, 'table, [role=grid], [role=table]') !== table) continue;
    const cells = Array.from(childrenOf(row)).filter((cell) => tagOf(cell) === 'TH' || roleOf(cell) === 'columnheader' || tagOf(cell) === 'TD');
    if (cells.length >= DAYS_IN_WEEK && cells.length <= MAX_HEAD_CELLS && namesAWeek(cells, langs)) return true;
  }
  return false;
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

/** Days a month shows in order at least (1, 2, 3 … 28): a timesheet's hours or a price grid's figures never run so. */
const MIN_RUN = 28;
/** Cells read, at most: six weeks of eight (a week number each), twice over where a cell holds a day button. */
const MAX_CELLS = 100;

/** The day number an element shows (1–31), else 0. */
function dayShown(el: Element): number {
  const text = textOf(el, 12);
  const day = /^\d{1,2}$/.test(text) ? Number(text) : 0;
  return day >= 1 && day <= 31 ? day : 0;
}

/** The day a month's cell shows: its number alone, or first before the day's events ("12 10:00 Standup"). */
function dayOfCell(cell: Element): number {
  const day = Number(/^(\d{1,2})(?: |$)/.exec(textOf(cell, 12))?.[1] ?? 0);
  return day <= 31 ? day : 0;
}

/** The cells show the days of a month in order, 1 to 28 at least (a neighbour month's days around them allowed). */
function showsAMonth(cells: ArrayLike<Element>): boolean {
  let run = 0;
  for (let i = 0; i < Math.min(cells.length, MAX_CELLS); i++) {
    const day = dayOfCell(cells[i]!);
    if (!day || day === run) continue;
    run = day === 1 ? 1 : run && day === run + 1 ? day : run;
    if (run >= MIN_RUN) return true;
  }
  return false;
}

const CELLS = 'td, [role=gridcell]';

/** The day's cell of `calendar` (calendarOf) that `el` is or sits in; undefined in its header or outside its days. */
export function dayCellOf(calendar: Element, el: Element): Element | undefined {
  if (matchesOf(calendar, TABLE_SELECTOR)) {
    // Its days may be a table of their own inside it (FullCalendar: weekday headers in one, weeks in another).
    const cell = closestOf(el, CELLS);
    return cell && containsOf(calendar, cell) && dayOfCell(cell) > 0 ? cell : undefined;
  }
  for (let at: Element | null = el; at && at !== calendar; at = parentOf(at)) {
    if (parentOf(parentOf(at) ?? at) === calendar) return dayOfCell(at) > 0 ? at : undefined;
  }
  return undefined;
}

/** The cells of `calendar`'s days in order (a neighbour month's too), each showing its day's number first. */
export function dayCellsOf(calendar: Element): Element[] {
  const cells = matchesOf(calendar, TABLE_SELECTOR)
    ? Array.from(queryAllOf(calendar, CELLS)).filter((cell) => !queryOf(cell, CELLS))
    : Array.from(queryAllOf(calendar, ':scope > * > *'));
  return cells.filter((cell) => dayOfCell(cell) > 0);
}

const labelOf = (el: Element): string => `${attr(el, 'aria-label') ?? ''} ${attr(el, 'title') ?? ''}`;

/** A week's number beside its days, by its label (`label`) or class. */
const weekNumber = (el: Element, label: string): boolean => /\bweek\b/i.test(label) || /week/i.test(attr(el, 'class') ?? '');

/**
 * A control in a day's cell that is not the day (a month view's event "10:00 Standup", its "+2 more"): the day's cell
 * holds it. Not a week number.
 */
export function dayOfEvent(calendar: Element, el: Element): Element | undefined {
  if (weekNumber(el, labelOf(el))) return undefined;
  const cell = dayCellOf(calendar, el);
  return cell !== el ? cell : undefined;
}

/**
 * The day a control in a month's day cell belongs to, as words for its entry (a lone "+2 more" says not which day it
 * is in): the date a label in the cell says ("March 5, 2026"), else "day" and the cell's number. Undefined outside a
 * calendar's days.
 */
export function dayOfControl(el: Element): string | undefined {
  const cell = closestOf(el, CELLS);
  const table = cell && cell !== el ? closestOf(cell, TABLE_SELECTOR) : null;
  const calendar = table && calendarThrough(table);
  if (!calendar || dayOfEvent(calendar, el) !== cell) return undefined;
  for (const labelled of [cell, ...Array.from(queryAllOf(cell!, '[aria-label], time[datetime]')).slice(0, 4)]) {
    const label = collapse(attr(labelled, 'aria-label') ?? attr(labelled, 'datetime') ?? '');
    if (/\d/.test(label) && label.length <= 40) return label;
  }
  return `day ${dayOfCell(cell!)}`;
}

/** A control of a calendar that is one of its days: it shows a day's number, or a label with one; not a week number. */
export function isDay(el: Element, calendar: Element): boolean {
  const label = labelOf(el);
  if (weekNumber(el, label)) return false;
  // A label with a number says a date, unless it counts what a day has no room for ("Show 2 more events").
  if (dayShown(el) > 0 || (/\d/.test(label) && !/\d\s+more\b/i.test(label))) return true;
  // Or the day's cell itself, its events in it (FullCalendar's `td role=gridcell`: "3 9:30a Standup"), or a control
  // that shows its cell's number first (a fare calendar's "12 $85").
  const cell = dayCellOf(calendar, el);
  return !!cell && (cell === el || dayOfCell(el) === dayOfCell(cell));
}

/** How long a calendar verdict stands (a page may fill a table with its month later, or reuse it). */
const KNOWN_MS = 1000;
const calendars = new WeakMap<Element, { at: number; known: boolean }>();

/**
 * `node` when it is a month of days under weekday headers: a table or grid headed by them, or a box of weeks right after
 * a row of them. Else undefined. Called on maybeCalendar's elements.
 */
export function calendarOf(node: Element): Element | undefined {
  const now = Date.now();
  const cached = calendars.get(node);
  let known = cached && now - cached.at < KNOWN_MS ? cached.known : undefined;
  if (known === undefined) {
    const langs = langsOf(node);
    known = matchesOf(node, TABLE_SELECTOR)
      ? weekdayHeaded(node, langs) && showsAMonth(queryAllOf(node, 'td, [role=gridcell]'))
      : weekdaysBefore(node, langs) && showsAMonth(queryAllOf(node, ':scope > * > *'));
    calendars.set(node, { at: now, known });
  }
  return known ? node : undefined;
}

/**
 * The calendar `node` is (calendarOf), or the one a layout table of days sits in (FullCalendar's weeks are a
 * `table role=presentation` deep in the `table role=grid` that heads them with weekdays).
 */
export function calendarThrough(node: Element): Element | undefined {
  if (maybeCalendar(node) && calendarOf(node)) return node;
  if (tagOf(node) !== 'TABLE' || !/^(presentation|none)$/.test(attr(node, 'role') ?? '')) return undefined;
  const own = parentOf(node) && closestOf(parentOf(node)!, OWN_TABLE);
  return own && maybeCalendar(own) ? calendarOf(own) : undefined;
}

const monthNames = new Map<string, RegExp | null>();

/** "June 2026", "Jun 2026", "2026 June" in `lang` or English; null where Intl does not know the language. */
function monthPattern(lang: string): RegExp | null {
  let known = monthNames.get(lang);
  if (known !== undefined) return known;
  try {
    const names = new Set<string>();
    for (const month of ['long', 'short'] as const) {
      const format = new Intl.DateTimeFormat(lang, { month, timeZone: 'UTC' });
      for (let m = 0; m < 12; m++) names.add(escapeRegExp(cleanName(format.format(new Date(Date.UTC(2024, m, 15))))));
    }
    const alternatives = [...names].filter(Boolean).join('|');
    known = new RegExp(`^(?:(?:${alternatives}),? \\d{4}|\\d{4},? (?:${alternatives}))$`, 'u');
  } catch {
    known = null;
  }
  monthNames.set(lang, known);
  return known;
}

/** Levels above a heading where the month's days are looked for. */
const MONTH_HEAD_LEVELS = 3;

/** A heading that says a month and year (`title`) over a table, grid or listbox of its days. */
export function monthOfCalendar(heading: Element, title: string): boolean {
  if (!/\d{4}/.test(title) || title.length > 30) return false;
  const said = cleanName(title);
  if (!langsOf(heading).some((lang) => monthPattern(lang)?.test(said))) return false;
  let up = parentOf(heading);
  for (let level = 0; up && level < MONTH_HEAD_LEVELS; level++, up = parentOf(up)) {
    if (queryOf(up, 'table, [role=grid], [role=listbox]')) return true;
  }
  return false;
}
