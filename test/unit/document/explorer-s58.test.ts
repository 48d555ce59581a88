// @vitest-environment happy-dom
/**
 * Session 58: a month view's events (a plain table of days, FullCalendar's nested tables), links with no address that
 * scripts made controls.
 */
import { expect, test } from 'vitest';
import { build, entries, list, lists, names } from './helpers.ts';
import { slotElement } from '../../../extension/content/document/lists.ts';
import { renderDocument } from '../../../extension/content/document/render.ts';

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

const group = (title: string, links: string[], open = true) => `<li class="menu__item"><button class="menu__caret" aria-expanded="${open}">${title}</button>
  <ul>${links.map((l) => `<li><a class="menu__link" href="/docs/${l.toLowerCase()}"${l === 'Errors' ? ' aria-current="page"' : ''}>${l}</a></li>`).join('')}</ul></li>`;

test('a sidebar\'s links in titled groups are one list with a `group` field; the groups\' buttons stay entries with their state', () => {
  const doc = build(`<nav aria-label="Docs"><ul class="menu">${group('Start', ['Intro', 'Install', 'Setup'])}${group('Guides', ['Auth', 'Paging', 'Errors', 'Hooks'])}${group('SDKs', ['JS', 'Python'], false)}</ul></nav>`);
  const menu = list(doc, 'docs__menu');
  expect(menu).toMatchObject({ count: 9, fields: ['group', 'link'], actions: ['link'] });
  expect(menu.samples[0]).toEqual({ group: 'Start', link: 'Intro' });
  expect(menu.marked).toEqual([{ index: 5, mark: 'current', text: 'Errors' }]);
  // Each link's group read from its own group, the ninth's too.
  const python = document.querySelectorAll('li > ul > li')[8]!;
  expect(slotElement(python, menu.slots[0]!.selector)?.textContent).toBe('SDKs');
  expect(names(doc).filter((name) => name !== 'docs__menu')).toEqual(['docs__start_button', 'docs__guides_button', 'docs__sdks_button']);
  expect(renderDocument(doc)).toContain('$docs__sdks_button [collapsed]');
});

test('a task\'s subtasks: the tasks one list, the subtasks another with their task as `group` (they were `subtasks_3/4` slots)', () => {
  const task = (title: string, subs: string[]) => `<li class="card"><label><input type="checkbox"> ${title}</label><ul class="subtasks">${subs.map((s) => `<li><label><input type="checkbox"> ${s}</label></li>`).join('')}</ul></li>`;
  const doc = build(`<main><h1>Board</h1><ul class="cards">${task('Write notes', ['Collect PRs', 'Draft'])}${task('Fix login', ['Reproduce', 'Add test'])}${task('Update deps', ['Bump', 'Run CI'])}</ul></main>`);
  expect(lists(doc).map((found) => [found.name, found.count, found.fields])).toEqual([['board__cards', 3, ['label']], ['board__subtasks', 6, ['group', 'label']]]);
  expect(list(doc, 'board__subtasks').samples[2]).toMatchObject({ group: 'Fix login', label: 'Reproduce' });
});

test('no groups of rows from a table of contents (groups titled by links), nor cards with a control after their options', () => {
  const toc = build(`<nav aria-label="Contents"><ul>${['One', 'Two', 'Three'].map((s) => `<li><a href="#${s}">${s}</a><ul><li><a href="#${s}-a">${s} A</a></li><li><a href="#${s}-b">${s} B</a></li></ul></li>`).join('')}</ul></nav>`);
  expect(lists(toc).every((found) => !found.fields.includes('group'))).toBe(true);
  const cards = build(`<main><h1>Shop</h1><ul class="products">${['Shirt', 'Cap', 'Scarf'].map((p) => `<li class="product"><h3>${p}</h3><ul class="sizes"><li><button>S</button></li><li><button>M</button></li></ul><button>Add to cart</button></li>`).join('')}</ul></main>`);
  expect(lists(cards).every((found) => !found.fields.includes('group'))).toBe(true);
});

test('a thread\'s "View 5 more replies" inside one comment is an entry, not lost in the list (explorer, session 56)', () => {
  const comment = (who: string, body: string, inner = '') => `<li class="comment"><a href="/u/${who}" class="comment__author">${who}</a><p class="comment__body">${body}</p><button class="comment__reply">Reply</button>${inner}</li>`;
  const doc = build(`<main><h1>Post</h1><ol class="comment-list">${comment('ann', 'First', `<ol class="replies">${comment('bob', 'Nested')}<li class="more-replies"><button>View 5 more replies</button></li></ol>`)}
    ${comment('cat', 'Second')}${comment('dan', 'Third')}</ol></main>`);
  expect(list(doc, 'post__comment_list')).toMatchObject({ count: 4, fields: ['author', 'body'] });
  expect(names(doc)).toContain('post__view_more_replies_button');
});

test('review: a fare calendar\'s day buttons ("12" and "$85") are its days with their numbers, no events; no field named by a weekday', () => {
  let rows = '';
  for (let week = 0; week < 5; week++) {
    rows += '<tr>';
    for (let day = week * 7 + 1; day <= week * 7 + 7; day++) rows += day <= 31 ? `<td><button>${day}<span>$${80 + day}</span></button></td>` : '<td></td>';
    rows += '</tr>';
  }
  const doc = build(`<div role="dialog" aria-label="Choose date"><table role="grid" aria-label="March 2025">${HEAD}<tbody>${rows}</tbody></table></div>`);
  expect(lists(doc).map((found) => found.name)).toEqual(['choose_date__days']);
  const days = list(doc, 'choose_date__days');
  expect(days).toMatchObject({ count: 31, actions: ['day'] });
  expect(days.fields[0]).toBe('day');
  expect(days.fields).not.toContain('mon');
  expect(days.samples[1]).toMatchObject({ day: '2', [days.fields[1]!]: '$82' });
});

test('review: cards whose groups of options say the same (sizes S, M, L) stay a list of the cards; an anchor named or dead is no control', () => {
  const card = (name: string, sizes: string[]) => `<li class="card"><h3>${name}</h3><ul class="sizes">${sizes.map((s) => `<li><button>${s}</button></li>`).join('')}</ul></li>`;
  const doc = build(`<main><h1>T-shirts</h1><ul class="products">${card('Classic', ['S', 'M', 'L'])}${card('V-neck', ['S', 'M', 'L'])}${card('Long', ['M', 'XL'])}</ul></main>`);
  expect(lists(doc)).toMatchObject([{ name: 't_shirts__products', count: 3 }]);
  const anchors = build('<main><h1>FAQ</h1><p><a name="x" tabindex="0">Section X</a> <a tabindex="-1" onclick="">Old</a> <a tabindex="-1" onclick="go()">Go</a></p></main>');
  expect(names(anchors)).toEqual(['faq__go']);
});
