// @vitest-environment happy-dom
/**
 * On a news front (lwn-1), each article's title links to the article, subheadings follow, and the article ends with
 * a link to its comments on the same page: that link is the article's, not its last subheading's (session 36).
 */
import { expect, test } from 'vitest';
import { build, lists, names } from './helpers.ts';
import { labelWords, sampleText } from '../../../extension/content/document/lists.ts';
import { headingOfWordless } from '../../../extension/content/document/wordless.ts';

const front = `<main>
  <h2><a href="/Articles/1/">A trademark battle</a></h2><p>Text.</p><p><a href="/Articles/1/#Comments">Comments (5 posted)</a></p>
  <h2><a href="/Articles/2/">Mapping with QGIS</a></h2><p>Text.</p>
  <h4>Here be data</h4><p>Text <a href="/Articles/9/">an older story</a>.</p>
  <h4>Maps in, maps out</h4><p>More.</p>
  <p><a href="/Articles/2/#Comments">Comments (3 posted)</a></p>
  <h2>Inside this week</h2><p><a href="/Articles/2/">Mapping with QGIS</a></p>
</main>`;

test('a link to the page an article\'s title links to, under its subheadings, is named in the article\'s section', () => {
  const all = names(build(front));
  expect(all).toContain('mapping_with_qgis__comments_link');
  expect(all).not.toContain('maps_in_maps__comments_link');
  // Other links stay where they are: in a subsection, and after a heading of the article's level.
  expect(all.some((name) => name.startsWith('here_be_data__'))).toBe(true);
  expect(all.some((name) => name.startsWith('inside_this_week__'))).toBe(true);
  expect(all).toContain('a_trademark_battle__comments_link');
});

test('links in a block of sentences of its own (a div of bare text, lwn-1\'s article body) are no list rows', () => {
  const doc = build(`<main><h2>Development activity</h2><div class="ArticleText"><a href="/f/1"><img src="/f1.png" alt="[QGIS main interface]"></a>
    <a href="/f/2"><img src="/f2.png" alt="[QGIS query builder]"></a> The project was <a href="/a/1">announced</a> with great
    fanfare in 2010. Nearly one year later the other one <a href="/a/2">was cut loose</a> and found a new home as an Apache
    project, and <a href="/a/3">the rivalry</a> has been strong since.</div></main>`);
  expect(lists(doc)).toEqual([]);
  expect(names(doc)).toEqual(['development_activity__qgis_main_interface_link', 'development_activity__qgis_query_builder_link', 'development_activity__announced_link', 'development_activity__was_cut_loose_link', 'development_activity__the_rivalry_link']);
});

test('cards under a line of text of the container\'s own ("Showing 4 results for …") are still a list', () => {
  const cards = ['Lamp', 'Desk', 'Chair', 'Shelf'].map((n) => `<div class="card"><a href="/p/${n}">${n}</a><button>Add ${n} to cart</button></div>`).join('');
  const doc = build(`<main><h2>Results</h2><div class="results">Showing 4 results for your search across all categories ${cards}</div></main>`);
  expect(lists(doc).map((list) => list.count)).toEqual([4]);
});

test('a site name linking home over the page\'s sections takes none of their links', () => {
  const all = names(build(`<h1><a href="/">Acme</a></h1><p>Tools.</p><h2>Shop</h2><p><a href="/">Back home</a> or <a href="/shop/">shop</a>.</p>
    <h2>About</h2><p><a href="/">Home</a></p>`));
  expect(all).toEqual(expect.arrayContaining(['shop__back_home_link', 'about__home_link']));
});

test('a heading\'s "[edit]" link is no link of its section\'s menu; links that show no words read their label or title', () => {
  const links = ['Vector space', 'Skew-Hermitian matrix', 'Haynsworth inertia additivity', 'Hermitian form', 'Self-adjoint operator', 'Unitary matrix', 'Normal matrix']
    .map((t) => `<li><a href="/wiki/${t.replace(/ /g, '_')}">${t}</a></li>`).join('');
  const icon = (href: string, label: string) => `<li><a href="${href}" ${label}><svg aria-hidden="true"></svg></a></li>`;
  const doc = build(`<main><h2><span>See also</span><span class="mw-editsection">[<a href="/w/index.php?action=edit&section=10">edit</a>]</span></h2><ul>${links}</ul></main>
    <footer><ul class="social">${icon('https://x.com/a', 'title="Follow on twitter"')}${icon('https://fb.com/a', 'aria-label="Follow on Facebook"')}${icon('https://yt.com/a', 'title="Follow on youtube"')}</ul></footer>`);
  const all = lists(doc);
  const seeAlso = all.find((list) => list.name.startsWith('see_also'));
  expect(seeAlso?.count).toBe(7);
  expect(seeAlso?.samples[0]).toEqual({ link: 'Vector space' });
  expect(names(doc)).toContain('see_also__edit_link');
  // What a sample and a script's text() read of a link that shows only an icon (the executor's readText falls back to it).
  expect(Array.from(document.querySelectorAll('.social a'), (a) => sampleText(a))).toEqual(['Follow on twitter', 'Follow on Facebook', 'Follow on youtube']);
  expect(Array.from(document.querySelectorAll('.social svg'), (svg) => labelWords(svg))).toEqual(['', '', '']);
});

test('links to one address side by side with nothing between are one link of the text (dropbox-blog\'s "D"+"ata", session 40)', () => {
  const href = '/doc#h2=Data-model';
  const doc = build(`<main><h1>ATF</h1><p>See <a href="${href}">D</a><a href="${href}">ata</a> <a href="${href}">M</a><a href="${href}">odel</a>, `
    + `<a href="/a">the API</a> and <a href="/b">the queue</a>.</p></main>`);
  const links = lists(doc).find((list) => list.name.includes('text_links'));
  expect(links?.count).toBe(4);
  expect(links?.samples.map((sample) => sample.link)).toEqual(['Data', 'Model', 'the API', 'the queue']);
  // No entry of its own for a continuation either.
  expect(names(doc).filter((name) => /ata|odel/.test(name))).toEqual([]);
});

test('an item\'s first link is one field whether the item has one link or several (no second field reading it again)', () => {
  const items = [['main diagonal', 'real'], ['if and only if', 'symmetric'], ['eigenvalues'], ['sum', 'Hermitian'], ['trace'], ['normal']]
    .map((links, i) => `<li>Fact ${i} about ${links.map((l) => `<a href="/wiki/${l.replace(/ /g, '_')}">${l}</a>`).join(' and ')} holds.</li>`).join('');
  const [list] = lists(build(`<main><h2>Properties</h2><ul>${items}</ul></main>`));
  expect(list!.fields).toEqual(['text', 'link', 'link_2']);
  expect(list!.samples[0]).toEqual({ text: expect.stringContaining('Fact 0'), link: 'main diagonal', link_2: 'real' });
});

test('a heading\'s number linking to its section reads as the heading (ietf-1: "3. Storage model", not "3")', () => {
  const sections = ['Introduction', 'Terminology', 'Storage model', 'Requests', 'Response codes', 'Security', 'Privacy', 'References']
    .map((t, i) => `<h2 id="section-${i + 1}"><a class="selflink" href="#section-${i + 1}">${i + 1}</a>. ${t}</h2><p>Text of ${t}.</p>`).join('');
  const doc = build(`<main>${sections}</main>`);
  const texts = lists(doc).flatMap((list) => list.samples.map((sample) => Object.values(sample)[0]));
  expect(texts.slice(0, 3)).toEqual(['1. Introduction', '2. Terminology', '3. Storage model']);
  expect(headingOfWordless(document.querySelector('.selflink')!, '1')).toBe('1. Introduction');
  expect(headingOfWordless(document.querySelector('.selflink')!, 'Intro')).toBeUndefined();
});

test('a list that is the value of a description list\'s term is named by the term (AO3\'s tag groups, not their shared class)', () => {
  const tags = (names: string[]) => `<ul class="commas">${names.map((n) => `<li><a class="tag" href="/tags/${n}">${n}</a></li>`).join('')}</ul>`;
  const doc = build(`<main><dl class="work meta"><dt class="character tags">Characters:</dt><dd class="character tags">${tags(['Midoriya Izuku', 'All Might', 'Midoriya Inko', 'Bakugou', 'Todoroki', 'Uraraka', 'Iida', 'Aizawa', 'Kirishima'])}</dd>
    <dt class="freeform tags">Additional Tags:</dt><dd class="freeform tags">${tags(['Fluff', 'Angst', 'Hurt/Comfort', 'Friendship', 'Humor', 'Drama', 'Romance', 'Action', 'Canon'])}</dd></dl></main>`);
  expect(lists(doc).map((list) => list.name)).toEqual(['main__characters', 'main__additional_tags']);
});
