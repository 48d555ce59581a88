// @vitest-environment happy-dom
/**
 * Session 49's review of session 48's changes: a number that says which one (Day 1) stays in a heading's name; a set
 * of tag links is no item's opener; measures side by side ("★ 120", "⑂ 14") are not merged into one field; a
 * wrapper's label with a count names no list; a class that merely mentions a placeholder hides no typed words; a
 * row's toggle says its state where another row's toggle lacks `aria-pressed`.
 */
import { expect, test } from 'vitest';
import { openerSlot } from '../../../extension/features/automate/page-bridge.ts';
import { readableToken } from '../../../extension/content/document/text.ts';
import { entry, build, list, lists, names } from './helpers.ts';

test('a number after a word that numbers things stays in a heading\'s name', () => {
  const doc = build('<main>' + [1, 2, 3].map((n) => `<h3>Day <span>${n}</span></h3><button>Book</button>`).join('') + '</main>');
  expect(names(doc)).toEqual(['day_1__book_button', 'day_2__book_button', 'day_3__book_button']);
  // A count before the words still goes.
  expect(names(build('<main><h2><span>1,532</span> Comments</h2><button>Sort</button></main>'))).toEqual(['comments__sort_button']);
});

test('a card\'s tag links are no control that opens it', () => {
  const doc = build(`<main><h1>Recipes</h1><div class="cards">
    <div class="card"><h3 class="title">Pancakes</h3><a class="tag" href="/t/breakfast">breakfast</a><a class="tag" href="/t/sweet">sweet</a></div>
    <div class="card"><h3 class="title">Chili</h3><a class="tag" href="/t/spicy">spicy</a></div>
    <div class="card"><h3 class="title">Salad</h3><a class="tag" href="/t/vegan">vegan</a><a class="tag" href="/t/raw">raw</a><a class="tag" href="/t/green">green</a></div></div></main>`);
  const cards = lists(doc)[0]!;
  expect(cards.slots.find((slot) => slot.name === 'tags')).toMatchObject({ kind: 'link', repeated: true });
  expect(openerSlot(cards)).toBeUndefined();
});

test('numbers side by side are fields of their own, one card lacking one', () => {
  const doc = build(`<main><h1>Repositories</h1><div class="repos">
    <div class="repo"><a href="/alpha">alpha</a><p class="desc">A tool</p><span class="stat">★ 120</span><span class="stat">⑂ 14</span></div>
    <div class="repo"><a href="/beta">beta</a><p class="desc">Another</p><span class="stat">★ 33</span></div>
    <div class="repo"><a href="/gamma">gamma</a><p class="desc">Third</p><span class="stat">★ 9</span><span class="stat">⑂ 2</span></div></div></main>`);
  const repos = lists(doc)[0]!;
  expect(repos.slots.some((slot) => slot.repeated)).toBe(false);
  expect(repos.samples[0]).toMatchObject({ stat: '★ 120' });
});

test('a wrapper\'s label that counts the items names no list', () => {
  const doc = build(`<main><h2>Products</h2><div aria-label="Showing 3 of 120 products"><ul class="grid">
    ${['Mug', 'Cup', 'Bowl'].map((p) => `<li class="p"><a href="/p/${p}">${p}</a><button>Add to cart</button></li>`).join('')}</ul></div></main>`);
  expect(lists(doc).map((l) => l.name)).toEqual(['products__grid']);
});

test('a class that mentions a placeholder hides none of the words typed in the box', () => {
  const doc = build('<main><h1>Compose</h1><div contenteditable="true" role="textbox" aria-label="Message" class="composer has-placeholder">Hello team</div></main>');
  expect(entry(doc, 'compose__message').state?.value).toBe('Hello team');
  const empty = build('<main><h1>Compose</h1><div contenteditable="true" role="textbox" aria-label="Message" class="composer-placeholder">Add a comment…</div></main>');
  expect(entry(empty, 'compose__message').state?.value).toBeUndefined();
});

test('a toggle says its state in the rows that have one', () => {
  const doc = build(`<main><h1>Comments</h1><ul class="comments">${['Ann', 'Bob', 'Cy'].map((who, i) =>
    `<li class="c"><span class="who">${who}</span><button class="like"${i === 1 ? '' : ` aria-pressed="${i === 0}"`}>Like</button></li>`).join('')}</ul></main>`);
  const comments = list(doc, 'comments__items');
  expect(comments.samples.map((s) => s.like)).toEqual(['true', undefined, 'false']);
});

test('class names with common abbreviations are words, not hashes', () => {
  for (const token of ['html5-video-player', 'menu-lvl1', 'jsNav', 'pkgName', 'dbTable', 'sqlRow', 'cmsBlock', 'pdpCard', 'chkBox']) {
    expect(readableToken(token), token).toBe(token);
  }
  for (const token of ['c_cgF', 'xdW8', 'Iqt3']) expect(readableToken(token), token).toBeUndefined();
});

test('a code typed one digit a box, each box in a wrapper of its own, is never read', () => {
  const doc = build(`<main><form><h2>Enter the 6-digit code</h2><div class="otp">${[4, 1, 9, 2, 7, 7].map((d, i) =>
    `<div class="box"><input maxlength="1" aria-label="Digit ${i + 1}" value="${d}"></div>`).join('')}</div><button>Verify</button></form></main>`);
  const boxes = doc.sections.flatMap((s) => s.entries).filter((e) => e.kind === 'text_input');
  expect(boxes).toHaveLength(6);
  for (const box of boxes) expect(box.kind !== 'list' && box.state?.value, box.name).toBeFalsy();
  expect(JSON.stringify(doc)).not.toMatch(/"4"|"9"/);
  // A form's two-letter state code and a middle initial are no code.
  const address = build('<form><label>State <input maxlength="2" value="CA"></label><label>Initial <input maxlength="1" value="Q"></label><label>City <input value="Oakland"></label></form>');
  expect(JSON.stringify(address)).toContain('"CA"');
});

test('a box under a "Card number" column header is a card field', () => {
  const doc = build(`<main><h2>Saved cards</h2><table><thead><tr><th>Name</th><th>Card number</th></tr></thead><tbody>
    <tr><td><input value="Personal"></td><td><input value="4111 1111 1111 1111"></td></tr>
    <tr><td><input value="Work"></td><td><input value="5500 0000 0000 0004"></td></tr></tbody></table></main>`);
  const text = JSON.stringify(doc);
  expect(text).not.toContain('4111');
  expect(text).not.toContain('5500');
  expect(text).toContain('Personal');
});
