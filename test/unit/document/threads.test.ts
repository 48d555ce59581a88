// @vitest-environment happy-dom
/**
 * Comment threads (document/threads.ts): replies nested in their comment are items of one list with the top comments,
 * in reading order, each with its own fields and controls; find() matches a reply by its own words, not its parent
 * that holds them too. Nested menus and a document's nested sections are no threads.
 */
import { expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import type { ListEntry } from '../../../extension/protocol/schemas.ts';
import { build, lists, names } from './helpers.ts';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { runOnPage } from '../automate/live-page.ts';

const comment = (user: string, words: string, replies = '') => `<div class="comment"><p class="meta"><a href="/u/${user}">${user}</a> · <span>${user.length}h</span></p>
  <div class="md"><p>${words}</p></div><div class="actions"><button aria-label="upvote" aria-pressed="false">▲</button><button>Reply</button></div>
  ${replies ? `<div class="children">${replies}</div>` : ''}</div>`;

const THREAD = `<main><h1>Best budget keyboard?</h1><div id="siteTable">
  ${comment('tom', 'Keychron C3 is great', comment('lube', 'Seconding the Keychron', comment('tom', 'Thanks lube')))}
  ${comment('clacky', 'Royal Kludge RK61')}</div></main>`;

test('a thread of two top comments and their replies is one list of four, in reading order', () => {
  const doc = build(THREAD);
  const thread = lists(doc)[0]!;
  expect(lists(doc)).toHaveLength(1);
  expect(thread.count).toBe(4);
  expect(thread.fields).toEqual(['link', 'meta', 'md']);
  expect(thread.actions).toEqual(['link', 'upvote', 'reply']);
  // Each comment's own words: the parent's sample is not its replies'.
  expect(thread.samples.map((s) => s.md)).toEqual(['Keychron C3 is great', 'Seconding the Keychron', 'Thanks lube']);
  // No reply's button is left as an entry or an extra slot.
  expect(names(doc)).toEqual([thread.name]);
});

test('a thread with nothing naming it is named by its comments\' class', () => {
  const doc = build(`<main><h1>Thread</h1>${comment('tom', 'Keychron C3', comment('lube', 'Seconding'))}${comment('kf', 'Thanks')}</main>`);
  expect(lists(doc).map((l) => l.name)).toEqual(['thread__comments']);
});

test('the script reaches a reply by index and by its words; find() does not take the parent holding them', async () => {
  document.body.innerHTML = THREAD;
  const clicked: number[] = [];
  document.querySelectorAll('button[aria-label=upvote]').forEach((button, i) => button.addEventListener('click', () => clicked.push(i)));
  const entry = buildPageDocument(document).sections.flatMap((s) => s.entries).find((e): e is ListEntry => e.kind === 'list')!;
  const { result } = await runOnPage(`const l = $${entry.name};
    l.find("Seconding the Keychron").upvote.click();
    done([l.length, l[2].md.text(), l.find("Thanks lube").link.text(), l.find("Keychron C3").link.text()]);`);
  expect(result.ok, JSON.stringify(result.error)).toBe(true);
  expect(result.result).toEqual([4, 'Thanks lube', 'tom', 'tom']);
  // The reply's own upvote, not its parent's.
  expect(clicked).toEqual([1]);
});

test('a nested menu of links and a document\'s nested sections are no thread', () => {
  const menu = build(`<nav aria-label="Site"><ul class="menu">${['Products', 'Docs', 'Blog'].map((t) => `<li class="menu-item"><a href="/${t}">${t}</a>
    <ul class="sub-menu"><li class="menu-item"><a href="/${t}/a">${t} A</a></li><li class="menu-item"><a href="/${t}/b">${t} B</a></li></ul></li>`).join('')}</ul></nav>`);
  // Its links stay one group of links, as before threads.
  expect(renderDocument(menu)).toContain('$site__links list(9) of links');
  const sections = build(`<main>${['Install', 'Usage'].map((t) => `<div class="section"><h2>${t}</h2><p>Read <a href="/${t}">the ${t} notes</a> first.</p>
    <div class="section"><h3>${t} on Linux</h3><p>See <a href="/${t}/linux">Linux</a> and <a href="/${t}/mac">macOS</a>.</p></div></div>`).join('')}</main>`);
  expect(lists(sections)).toHaveLength(0);
});

test('a tree item is named by its own words, not its open branch\'s', () => {
  const doc = build(`<aside aria-label="Layers"><ul role="tree" aria-label="Layers"><li role="treeitem" aria-expanded="true"><span>Frame 1</span>
    <ul role="group"><li role="treeitem"><span>Heading</span></li><li role="treeitem"><span>Rectangle 2</span></li></ul></li>
    <li role="treeitem"><span>Logo</span></li></ul></aside>`);
  // Its items, the controls themselves, are one list of every level (session 52; were entries): each sample its own words.
  expect(lists(doc)[0]!.samples.map((s) => s.text)).toEqual(['Frame 1', 'Heading', 'Rectangle 2']);
});

test('a tree whose items hold a link and a button each is one list of its items, its open branch marked', () => {
  const row = (title: string, level: number, inner = '') => `<div role="treeitem" aria-level="${level}"${inner ? ' aria-expanded="true"' : ''}><div class="row"><a href="/${title}"><span class="page-title">${title}</span></a>
    <div role="button" tabindex="0" aria-label="Add a page inside"></div></div>${inner ? `<div role="group">${inner}</div>` : ''}</div>`;
  const doc = build(`<nav aria-label="Sidebar"><div role="tree" aria-label="Private">${row('Projects', 1, row('Roadmap', 2) + row('Hiring', 2))}${row('Journal', 1)}</div></nav>`);
  const tree = lists(doc)[0]!;
  expect(lists(doc)).toHaveLength(1);
  expect(tree.count).toBe(4);
  expect(tree.samples.map((s) => s.page_title)).toEqual(['Projects', 'Roadmap', 'Hiring']);
  expect(tree.marked).toEqual([{ index: 0, mark: 'expanded', text: 'Projects' }]);
  expect(names(doc)).toEqual([tree.name]);
});

// Review, session 50.
test('a wrapper of the rows\' own class, a card holding cards and a post holding its comments are no threads', () => {
  const team = build(`<main><h1>Members</h1><div class="flex flex-col">${['Alice Smith', 'Bob Jones', 'Carol White'].map((n) => `<div class="flex items-center"><p>${n}</p><button>Remove</button></div>`).join('')}</div></main>`);
  expect(lists(team).map((l) => [l.count, l.samples[0]])).toEqual([[3, { text: 'Alice Smith' }]]);
  const dashboard = build(`<main><div class="card"><div class="card-body"><p>Account overview for your team.</p><button>Refresh</button><div class="row">
    ${['revenue', 'users', 'tickets'].map((t) => `<div class="card"><div class="card-body"><p>About ${t} this week.</p><a href="/${t}">View ${t}</a></div></div>`).join('')}</div></div></div>
    <div class="card"><div class="card-body"><p>Billing is handled by Stripe.</p><button>Manage billing</button></div></div></main>`);
  expect(lists(dashboard).map((l) => l.count)).toEqual([3]);
  expect(names(dashboard)).toEqual(expect.arrayContaining(['main__refresh_button', 'main__manage_billing_button']));
  const post = build(`<main><article><header><h1>Ten tips for bread</h1></header><p>Start with a good starter.</p><a href="/share/fb">Share on Facebook</a><button>Copy link</button>
    <section><h2>Comments</h2>${['bob', 'cy', 'di'].map((u) => `<article class="comment"><a href="/u/${u}">${u}</a><p>Words of ${u}.</p><button>Reply</button></article>`).join('')}</section></article></main>`);
  expect(names(post)).toEqual(expect.arrayContaining(['ten_tips__share_on_facebook_link', 'ten_tips__copy_link_button']));
  expect(lists(post).map((l) => l.count)).toEqual([3]);
});

