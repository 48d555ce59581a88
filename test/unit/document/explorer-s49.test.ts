// @vitest-environment happy-dom
/**
 * Session 49's explorer findings (Figma-, LinkedIn-, Spotify- and Stack Overflow-like pages): a toolbar's icon commands
 * are entries, every one in the prompt; a toggle named after its item says its state; a count before a heading's one
 * word names no section; a grid's header row is no item, whatever it holds; a column's header names the words of its
 * cells, not a switch beside them; a header that is an icon button is named by the button's label.
 */
import { expect, test } from 'vitest';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { build, list, lists, names } from './helpers.ts';

const TOOLS = ['Move', 'Frame', 'Rectangle', 'Pen', 'Text', 'Comment', 'Undo', 'Redo', 'Bold', 'Italic'];

test('a toolbar\'s ten icon commands are entries', () => {
  const doc = build(`<div role="toolbar" aria-label="Tools">${TOOLS.map((t) => `<button title="${t}"><svg><path d="M1 1"/></svg></button>`).join('')}</div>`);
  expect(lists(doc)).toHaveLength(0);
  expect(names(doc)).toEqual(expect.arrayContaining(['page__pen_button', 'page__bold_button', 'page__italic_button']));
  // Chips with words stay a list (a script finds one by the user's words).
  const chips = build(`<main><h1>Skills</h1><div class="chips">${TOOLS.map((t) => `<button class="chip" aria-pressed="false">${t}</button>`).join('')}</div></main>`);
  expect(lists(chips)).toHaveLength(1);
});

test('a toggle named after its item says its state, not its words', () => {
  const doc = build(`<main><h1>Jobs</h1><ul class="results">${[['Frontend Engineer', 'Zalando', false], ['Web Developer', 'N26', true], ['UI Engineer', 'Delivery Hero', false]].map(([title, company, saved]) =>
    `<li class="card"><a class="title" href="/jobs/${company}">${title}</a><div class="company">${company}</div><button aria-label="Save ${title} at ${company}" aria-pressed="${saved}"><svg></svg></button></li>`).join('')}</ul></main>`);
  const jobs = list(doc, 'jobs__results');
  expect(jobs.fields).toEqual(['title', 'company']);
  expect(jobs.samples.map((s) => s.save)).toEqual(['false', 'true', 'false']);
});

test('a count before a heading\'s one word names no section', () => {
  const doc = build('<div id="answers"><h2>12 Answers</h2><label>Sorted by: <select><option selected>Score</option><option>Date</option></select></label></div>');
  expect(names(doc)).toEqual(['answers__sorted_by']);
  expect(renderDocument(doc)).toContain('# answers ("12 Answers")');
});

const track = (n: number, title: string, liked: boolean, time: string) => `<div role="row"><div role="gridcell">${n}</div><div role="gridcell"><a href="/t/${n}">${title}</a></div>
  <div role="gridcell"><button role="switch" aria-checked="${liked}" aria-label="${liked ? 'Remove from' : 'Add to'} Liked Songs"></button><span>${time}</span></div><div role="gridcell"><button aria-label="More options for ${title}">…</button></div></div>`;

test('a grid\'s header row with a sort button and an empty cell is no item; its columns name the rows\' words', () => {
  const doc = build(`<main><h1>Playlist</h1><div role="grid" aria-label="Tracks">
    <div role="row"><div role="columnheader">#</div><div role="columnheader">Title</div><div role="columnheader"><button aria-label="Duration"><svg></svg></button></div><div></div></div>
    ${track(1, 'Nightcall', false, '4:18')}${track(2, 'Resonance', true, '3:32')}${track(3, 'Turbo Killer', false, '3:51')}</div></main>`);
  const tracks = list(doc, 'playlist__tracks');
  expect(tracks.count).toBe(3);
  expect(tracks.samples[0]).toMatchObject({ title: 'Nightcall', duration: '4:18' });
  // The like switch is an action of each row, its state in the samples, not a field called "duration".
  const like = tracks.slots.find((slot) => slot.kind === 'switch')!;
  expect(like.name).not.toBe('duration');
  expect(tracks.samples.map((s) => s[like.name])).toEqual(['false', 'true', 'false']);
  expect(names(doc)).toContain('playlist__duration_button');
});
