// @vitest-environment happy-dom
/**
 * Rows spread over columns (document/spread-rows.ts): a week view's events, a few in each day's column, are one list of
 * events in reading order, not a list of days with events as slots.
 */
import { expect, test } from 'vitest';
import { build, lists, names } from './helpers.ts';

const event = (title: string, time: string) => `<div role="button" tabindex="0" class="evt"><div class="evt__title">${title}</div><div class="evt__time">${time}</div></div>`;
const WEEK = `<div role="main" class="week">
  <div role="gridcell" class="col">${event('Standup', '9:30am')}${event('Design review', '12pm')}</div>
  <div role="gridcell" class="col">${event('Standup', '9:30am')}</div>
  <div role="gridcell" class="col"></div>
  <div role="gridcell" class="col">${event('Standup', '9:30am')}${event('1:1 with Jordan', '3pm')}</div></div>`;

test('a week view\'s events are one list, in reading order, each event its item', () => {
  const doc = build(WEEK);
  const found = lists(doc);
  expect(found).toHaveLength(1);
  expect(found[0]!.count).toBe(5);
  expect(found[0]!.fields).toEqual(['title', 'time']);
  expect(found[0]!.samples[1]).toEqual({ title: 'Design review', time: '12pm' });
  // No event is left an entry of its own (the empty day is a cell to click, as before).
  expect(names(doc).filter((name) => /standup|review|jordan|evt/.test(name))).toEqual([]);
});

test('a heading each column has of its own is a field of its rows: `day` where it says days', () => {
  const headed = (words: string[]) => build(words.reduce((page, word) => page.replace('<div role="gridcell" class="col">', `<div role="gridcell" class="col" data-x><h2 class="sr">${word}</h2>`), WEEK));
  const week = lists(headed(['Monday, July 1', 'Tuesday, July 2', 'Wednesday, July 3', 'Thursday, July 4']))[0]!;
  expect(week.count).toBe(5);
  expect(week.fields).toEqual(['day', 'title', 'time']);
  expect(week.samples[2]).toEqual({ day: 'Tuesday, July 2', title: 'Standup', time: '9:30am' });
  expect(week.slots[0]).toEqual({ name: 'day', kind: 'text', selector: ':parent > h2.sr' });
  expect(lists(headed(['To do', 'Doing', 'Review', 'Done']))[0]!.fields).toEqual(['column', 'title', 'time']);
});

test('columns of one row each (cards, each with its link) and columns with words beside their rows are no spread rows', () => {
  const cards = build(`<main><h2>Shop</h2><div>${[1, 2, 3, 4].map((n) => `<div class="card"><a class="btn" href="/p${n}">Buy ${n}</a><span class="price">$${n}</span></div>`).join('')}</div></main>`);
  expect(lists(cards)[0]!.fields).toEqual(['buy', 'price']);
  const worded = build(WEEK.replaceAll('<div role="gridcell" class="col">', '<div role="gridcell" class="col"><p>Notes for the day</p>'));
  expect(lists(worded).every((l) => l.count !== 5)).toBe(true);
});
