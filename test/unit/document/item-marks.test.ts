// @vitest-environment happy-dom
/**
 * The items a page marks chosen — a pagination's page and a wizard's step (`aria-current`), a tab or option
 * (`aria-selected`), filter chips (`aria-pressed`) — are said with their list, wherever they sit in it (explorer,
 * session 44: a 9th tab, a 10th option and a pressed chip were nowhere in the document; samples show the first three).
 */
import { expect, test } from 'vitest';
import { build, list, lists, entry } from './helpers.ts';
import { renderDocument } from '../../../extension/content/document/render.ts';

const buttons = (words: string[], attribute: string, on: string[]) => words.map((w) => `<button type="button" ${attribute}="${on.includes(w)}">${w}</button>`).join('');
const SKILLS = ['Python', 'TypeScript', 'Go', 'Rust', 'Java', 'C', 'Ruby', 'PHP', 'Kotlin', 'Swift'];

test('pressed chips and a selected tab far down their lists are marked by index and words', () => {
  const doc = build(`<main><h1>Jobs</h1><div role="group" aria-label="Skills">${buttons(SKILLS, 'aria-pressed', ['TypeScript', 'Kotlin'])}</div>
    <div role="tablist" aria-label="Sort">${SKILLS.map((w) => `<button role="tab" aria-selected="${w === 'Ruby'}">${w}</button>`).join('')}</div></main>`);
  const [skills, sort] = lists(doc);
  expect(skills!.marked).toEqual([{ index: 1, mark: 'pressed', text: 'TypeScript' }, { index: 8, mark: 'pressed', text: 'Kotlin' }]);
  expect(sort!.marked).toEqual([{ index: 6, mark: 'selected', text: 'Ruby' }]);
  const text = renderDocument(doc);
  expect(text).toContain('pressed: [1] "TypeScript", [8] "Kotlin"');
  expect(text).toContain('selected: [6] "Ruby"');
});

test('a pagination\'s current page and a wizard\'s current step (on the item around the link) are the current ones', () => {
  const pages = [1, 2, 3, 4, 5, 6, 7].map((n) => `<li><a href="?p=${n}"${n === 6 ? ' aria-current="page"' : ''}>${n}</a></li>`).join('');
  const steps = ['Cart', 'Shipping', 'Payment', 'Review', 'Pay', 'Done', 'Rate', 'Share'].map((w, i) => `<li${i === 1 ? ' aria-current="step"' : ''}><a href="#s${i}">${w}</a></li>`).join('');
  const doc = build(`<main><h1>Results</h1><ol class="steps">${steps}</ol></main><nav aria-label="Pagination"><ul>${pages}<li><a href="?p=7">Next</a></li></ul></nav>`);
  const text = renderDocument(doc);
  expect(text).toMatch(/e\.g\. "1", "2", "3", "4", "5" … current: \[5\] "6"/);
  expect(text).toMatch(/"Cart", "Shipping".* current: \[1\] "Shipping"/);
  // A few steps are entries: the one whose item is marked is [current].
  const few = build(`<main><h1>Checkout</h1><ol><li><a href="#a">Cart</a></li><li aria-current="step"><a href="#b">Shipping</a></li><li><a href="#c">Pay</a></li></ol></main>`);
  expect(entry(few, 'checkout__shipping_link').state).toMatchObject({ current: true });
  expect(entry(few, 'checkout__cart_link').state?.current).toBeUndefined();
});

test('no marks where none or every item is marked; aria-current="false" is no mark', () => {
  const none = build(`<main><h1>Jobs</h1><div role="group" aria-label="Skills">${buttons(SKILLS, 'aria-pressed', [])}</div></main>`);
  expect(list(none, 'jobs__skills').marked).toBeUndefined();
  const all = build(`<main><h1>Jobs</h1><div role="group" aria-label="Skills">${buttons(SKILLS, 'aria-pressed', SKILLS)}</div></main>`);
  expect(list(all, 'jobs__skills').marked).toBeUndefined();
  const falseCurrent = build(`<main><h1>Jobs</h1><div role="group" aria-label="Skills">${buttons(SKILLS, 'aria-current', [])}</div></main>`);
  expect(renderDocument(falseCurrent)).not.toContain('current:');
});

// Review, session 44: marks past the first four were not counted; `aria-current=""` is no mark; "Like" told nothing.
test('more marks than shown are counted; an empty aria-current is none; a control alike in every item gives the item\'s words', () => {
  const many = build(`<main><h1>Jobs</h1><div role="group" aria-label="Skills">${buttons(SKILLS, 'aria-pressed', SKILLS.slice(0, 7))}</div></main>`);
  expect(list(many, 'jobs__skills').markedMore).toBe(3);
  expect(renderDocument(many)).toMatch(/pressed: \[0\] "Python", \[1\] "TypeScript", \[2\] "Go", \[3\] "Rust" \+3 more/);
  const pages = Array.from({ length: 9 }, (_, i) => `<li><a href="?p=${i}" aria-current="${i === 6 ? 'page' : ''}">${i + 1}</a></li>`).join('');
  expect(renderDocument(build(`<nav aria-label="Pages"><ul>${pages}</ul></nav>`))).toContain('current: [6] "7"');
  const posts = ['Ann', 'Bob', 'Cid', 'Dee'].map((who, i) => `<article><b>${who}</b> <span>Post ${i}</span> <button aria-pressed="${i === 2}">Like</button></article>`).join('');
  const feed = lists(build(`<main><h1>Feed</h1><div class="posts">${posts}</div></main>`))[0]!;
  expect(feed.marked?.[0]).toMatchObject({ index: 2, mark: 'pressed' });
  expect(feed.marked?.[0]!.text).toMatch(/^Cid Post 2/);
});

// Explorer, session 46: a sold-out card's disabled button and a locked switch said nothing of it in the list.
test('items with a disabled control are marked disabled, by that control\'s words; a choice mark is not crowded out', () => {
  const card = (name: string, off: boolean) => `<li class="card"><a href="/${name}">${name}</a> <span>$${name.length}</span> <button${off ? ' disabled' : ''}>${off ? 'Sold out' : 'Quick add'}</button></li>`;
  const row = (name: string, locked: boolean) => `<li><span>${name}</span> <button role="switch" aria-checked="true" aria-label="${name}"${locked ? ' aria-disabled="true"' : ''}></button></li>`;
  const doc = build(`<main><h1>Shop</h1><ul class="cards">${['Road', 'Trail', 'City'].map((n) => card(n, n === 'City')).join('')}</ul>
    <h2>Privacy</h2><ul>${['Public profile', 'Show email', 'Two-factor'].map((n) => row(n, n === 'Two-factor')).join('')}</ul></main>`);
  const [cards, privacy] = lists(doc);
  expect(cards!.marked).toEqual([{ index: 2, mark: 'disabled', text: 'City $4 Sold out' }]);
  expect(privacy!.marked).toEqual([{ index: 2, mark: 'disabled', text: 'Two-factor' }]);
  expect(renderDocument(doc)).toContain('disabled: [2] "Two-factor"');
  // Every item's control disabled tells none apart.
  const all = build(`<main><h1>Shop</h1><ul class="cards">${['Road', 'Trail', 'City'].map((n) => card(n, true)).join('')}</ul></main>`);
  expect(lists(all)[0]!.marked).toBeUndefined();
});

test('review, session 46: a disabled control is said by its name, not its glyph; marks stay within four', () => {
  const row = (name: string, qty: number) => `<li><span>${name}</span><button aria-label="Decrease"${qty === 1 ? ' disabled' : ''}>−</button><span>${qty}</span><button aria-label="Increase">+</button><button>Remove</button></li>`;
  const doc = build(`<main><h1>Cart</h1><ul>${[['Shoe', 1], ['Sock', 3], ['Sandal', 1], ['Hat', 2], ['Belt', 1], ['Cap', 1], ['Bag', 1], ['Tie', 4]].map(([n, q]) => row(n as string, q as number)).join('')}</ul></main>`);
  const [cart] = lists(doc);
  expect(cart!.marked![0]).toMatchObject({ index: 0, mark: 'disabled', text: expect.stringMatching(/^Decrease · Shoe/) });
  expect(cart!.marked).toHaveLength(4);
  expect(cart!.markedMore).toBe(1);
});

test('items unread by their class are marked so; all of them unread marks none (explorer, session 51)', () => {
  const note = (who: string, unread: boolean) => `<a role="menuitem" href="/n/${who}" class="notif${unread ? ' notif--unread' : ''}"><b>${who}</b> mentioned you</a>`;
  const menu = (items: string) => `<div role="menu" aria-label="Notifications"><h3>Notifications</h3><button>Mark all as read</button>${items}</div>`;
  const [some] = lists(build(menu(note('Dana', true) + note('Luis', false) + note('Ops', true))));
  expect(some!.marked).toEqual([{ index: 0, mark: 'unread', text: 'Dana mentioned you' }, { index: 2, mark: 'unread', text: 'Ops mentioned you' }]);
  const [all] = lists(build(menu(note('Dana', true) + note('Luis', true) + note('Ops', true))));
  expect(all!.marked).toBeUndefined();
});

test('review, session 51: the item chosen is said before the unread ones, however many come first (helper r-12)', () => {
  const chan = (name: string, unread: boolean, current = false) => `<li class="chan${unread ? ' unread' : ''}"><a href="/c/${name}"${current ? ' aria-current="page"' : ''}>#${name}</a></li>`;
  const [channels] = lists(build(`<nav aria-label="Channels"><ul>${['a', 'b', 'c', 'd', 'e'].map((n) => chan(n, true)).join('')}${chan('general', false)}${chan('random', false, true)}${chan('support', false)}</ul></nav>`));
  expect(channels!.marked![0]).toEqual({ index: 6, mark: 'current', text: '#random' });
  expect(channels!.marked!.slice(1).map((m) => m.mark)).toEqual(['unread', 'unread', 'unread']);
  expect(channels!.markedMore).toBe(2);
});

test('the site document keeps no marked item: an unread mail\'s sender is the user\'s data', async () => {
  const { storedSections } = await import('../../../extension/features/automate/site-document.ts');
  const row = (from: string, unread: boolean, current = false) => `<li class="msg${unread ? ' unread' : ''}"${current ? ' aria-current="true"' : ''}><span class="from">${from}</span> <button>Open</button></li>`;
  const doc = build(`<main><h2>Inbox</h2><ul>${row('Maya Chen', true)}${row('Jonas Berg', false, true)}${row('Bank', false)}</ul></main>`);
  expect(lists(doc)[0]!.marked?.map((m) => m.mark)).toEqual(['current', 'unread']);
  const stored = JSON.stringify(storedSections(doc));
  expect(stored).not.toContain('Maya Chen');
  expect(stored).not.toContain('Jonas Berg');
});
