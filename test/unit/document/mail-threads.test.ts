// @vitest-environment happy-dom
/**
 * A mail thread's messages (explorer, session 50): folded messages (`role=listitem aria-expanded=false tabindex=-1`, as
 * Gmail draws them) open when clicked though they are no tab stops, and with the open message (a heading, its body, a
 * Reply button) they are one list, the open one marked `expanded`, its button named by its verb.
 */
import { expect, test } from 'vitest';
import { build, lists, names } from './helpers.ts';
import { renderDocument } from '../../../extension/content/document/render.ts';

const folded = (from: string, line: string) => `<div role="listitem" class="msg" aria-expanded="false" tabindex="-1"><span class="from">${from}</span> <span class="snippet">${line}</span> <span class="date">Jul 1</span></div>`;
const THREAD = `<div role="main"><h2>Q3 budget review</h2><div role="list" class="thread">
  ${folded('Jordan Lee', 'Hi all, attaching the draft numbers')}${folded('Priya Patel', 'Looks good, one question on travel')}
  <div role="listitem" class="msg" aria-expanded="true"><h3><span class="from">Jordan Lee</span></h3><span class="date">Jul 2</span>
    <div role="button" tabindex="0" aria-label="Reply"></div><div class="body">Travel is capped at $12k.</div></div>
  </div></div>`;

test('folded messages and the open one are one list; the open one is marked, its Reply button a slot', () => {
  const doc = build(THREAD);
  const [thread] = lists(doc);
  expect(lists(doc)).toHaveLength(1);
  expect(thread!.count).toBe(3);
  expect(thread!.actions).toEqual(['msg', 'reply']);
  expect(thread!.marked).toEqual([{ index: 2, mark: 'expanded', text: expect.stringContaining('Jordan Lee') }]);
  expect(names(doc)).toEqual([thread!.name]);
  expect(renderDocument(doc)).toContain('expanded: [2] "Jordan Lee');
});

test('a folded message alone is a control that opens, not words', () => {
  const doc = build(`<main><h2>Mail</h2>${folded('Jordan Lee', 'Hi all')}<p>Other text</p></main>`);
  expect(renderDocument(doc)).toMatch(/clickable "Jordan Lee Hi all Jul 1" \[collapsed\]/);
});

test('tabindex=-1 alone (a focus target for scripts) makes no control', () => {
  const doc = build(`<main><h2>Mail</h2><div tabindex="-1" class="msg">Jordan Lee wrote</div><button>Send</button></main>`);
  expect(names(doc)).toEqual(['mail__send_button']);
});

test('items of one class that differ in shape are alike only as list items that say whether they are open', () => {
  const card = (inner: string) => `<div class="card">${inner}<button>Open</button></div>`;
  const doc = build(`<main><h2>Cards</h2><div>${card('<span>A</span>')}${card('<h3>B</h3><p>b</p><ul><li>x</li></ul><img alt="">')}${card('<span>C</span>')}</div></main>`);
  expect(lists(doc).map((l) => l.count)).not.toContain(3);
  const items = build(`<main><h2>Cards</h2><div role="list">${card('<span>A</span>')}${card('<h3>B</h3><p>b</p><ul><li>x</li></ul><img alt="">')}${card('<span>C</span>')}</div></main>`
    .replaceAll('<div class="card">', '<div role="listitem" aria-expanded="false" class="card">'));
  expect(lists(items).map((l) => l.count)).toContain(3);
});

test('review, session 51: list items of one class that say nothing of being open stay apart by shape (helper r-16)', () => {
  const result = (name: string) => `<div role="listitem" class="result"><a href="/p/${name}">${name}</a><span>$10</span><button>Add to cart</button></div>`;
  const doc = build(`<main><h2>Results</h2><div role="list">${result('Red mug')}${result('Blue mug')}${result('Tea pot')}
    <div role="listitem" class="result"><h3>Related searches</h3><a href="/s?q=cups">cups</a> <a href="/s?q=kettle">kettle</a></div></div></main>`);
  expect(lists(doc)[0]!.count).toBe(3);
  expect(names(doc)).toEqual(expect.arrayContaining(['results__cups_link', 'results__kettle_link']));
});
