// @vitest-environment happy-dom
import { describe, expect, test, vi } from 'vitest';
import * as domSafe from '../../../extension/content/document/dom-safe.ts';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { itemsIn } from '../../../extension/content/document/list-items.ts';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { listsToSave } from '../../../extension/features/automate/replayable.ts';
import { storedSections } from '../../../extension/features/automate/site-document.ts';
import { runOnPage } from '../automate/live-page.ts';
import { hermitianArticle, lists, listDescribed, words } from './helpers.ts';

/**
 * A list's items follow the page after the document was read, as a selector list does (review, session 25: lists
 * given by per-item paths stayed as first read — a "Show more" paragraph's links not counted, a re-rendered pagination
 * read `1,2,4…`, a paragraph put above shifted every path), cost O(items) a read, and a saved script keeps what tells
 * its items apart (or says it cannot).
 */
const ARTICLE = hermitianArticle(`\n  <button type="button" id="more">Show more</button>`);

function showMore(): void {
  document.getElementById('more')!.addEventListener('click', () => {
    document.querySelector('.body')!.insertAdjacentHTML('beforeend',
      `<p>Studied by <a href="/wiki/born">Max Born</a>${words(2)} and <a href="/wiki/jordan">Pascual Jordan</a>${words(2)}.</p>`);
  });
}

describe('a group of running-text links among other links follows the page', () => {
  test('its selector is the links\' paths without positions: tiny, and savable', () => {
    document.body.innerHTML = ARTICLE;
    const links = listDescribed(buildPageDocument(document), 'links in the text');
    expect(links.count).toBe(3);
    expect(links.itemPaths).toBeUndefined();
    expect(links.itemSelector).toBe(':scope > p > a:is(a[href])');
  });

  test('links a "Show more" adds are counted and found (A)', async () => {
    document.body.innerHTML = ARTICLE;
    showMore();
    const doc = buildPageDocument(document);
    const name = `$${listDescribed(doc, 'links in the text').name}`;
    const more = doc.sections.flatMap((s) => s.entries).find((e) => e.description === 'Show more')!;
    const { result } = await runOnPage(`const n = ${name}.length;\n$${more.name}.click();\nconst f = ${name}.find("Max Born");\ndone([n, f ? f.text() : null, ${name}.length]);`);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toEqual([3, 'Max Born', 5]);
  });

  test('a paragraph the page puts above by itself shifts nothing (C)', async () => {
    document.body.innerHTML = ARTICLE;
    const before = buildPageDocument(document);
    const name = `$${listDescribed(before, 'links in the text').name}`;
    document.querySelector('.body')!.insertAdjacentHTML('afterbegin', '<p><a>Accept all</a></p>');
    const { result } = await runOnPage(`const f = ${name}.find("Charles Hermite");\ndone([${name}.length, ${name}[0].text(), f ? f.text() : null]);`, before);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toEqual([3, 'complex', 'Charles Hermite']);
  });
});

/** A pagination whose current page is a link without an address, re-drawn (an SPA) when a page is clicked. */
function pagination(current: number): string {
  return Array.from({ length: 12 }, (_, i) => (i + 1 === current
    ? `<a class="page" aria-current="page">${i + 1}</a>` : `<a class="page" href="#page=${i + 1}">${i + 1}</a>`)).join('');
}

describe('a list given by item paths is read again after an action changed the page', () => {
  test('a pagination re-drawn by a click: its pages as they are now (B)', async () => {
    document.body.innerHTML = `<main><h2>Results</h2><div class="pages">${pagination(3)}</div></main>`;
    const pages = lists(buildPageDocument(document))[0]!;
    expect(pages.itemPaths).toHaveLength(11);
    const box = document.querySelector('.pages')!;
    box.addEventListener('click', (e) => {
      const page = (e.target as Element).closest('a');
      if (!page?.getAttribute('href')) return;
      e.preventDefault();
      box.innerHTML = pagination(Number(page.textContent));
    });
    const name = `$${pages.name}`;
    const { result } = await runOnPage(`${name}.find("4").click();\nconst all = [];\nfor (const p of ${name}) all.push(p.text());\nconst f = ${name}.find("3");\ndone([all, f ? f.text() : null]);`);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toEqual([['1', '2', '3', '5', '6', '7', '8', '9', '10', '11', '12'], '3']);
  });
});

describe('item paths are followed in one pass', () => {
  test('3,000 links by their paths: a read costs the items, not items × siblings', () => {
    document.body.innerHTML = `<div id="box">${Array.from({ length: 3000 }, (_, i) => `<a href="/${i}">link ${i}</a>`).join('')}</div>`;
    const box = document.getElementById('box')!;
    const paths = Array.from({ length: 3000 }, (_, i) => `:scope > a:nth-of-type(${i + 1})`);
    const perPath = vi.spyOn(domSafe, 'queryOf');
    const childLists = vi.spyOn(domSafe, 'childrenOf');
    const items = itemsIn(box, { selector: 'a[href]', paths }, () => true);
    expect(items).toHaveLength(3000);
    expect(items[2999]!.textContent).toBe('link 2999');
    // One listing of the box's children for all 3,000 paths, and no query per path.
    expect(perPath).not.toHaveBeenCalled();
    expect(childLists).toHaveBeenCalledTimes(1);
  });
});

describe('a saved script\'s list that had item paths', () => {
  test('is marked inexact, and a replay refuses to count or index it rather than take the links around it', async () => {
    document.body.innerHTML = `<main><h2>Results</h2><div class="pages">${pagination(3)}</div></main>`;
    const doc = buildPageDocument(document);
    const pages = lists(doc)[0]!;
    expect(pages.itemPaths).toBeDefined();
    const saved = listsToSave(`$${pages.name}.length;`, () => ({ list: pages, url: 'https://example.com/' }), () => '/');
    expect(saved[0]!.list.itemsInexact).toBe(true);
    const stored = lists({ ...doc, sections: storedSections(doc) })[0]!;
    expect(stored.itemsInexact).toBe(true);
    // At replay the page no longer has the list (its pages are entries now): the saved list stands in for it.
    document.body.innerHTML = '<main><h2>Results</h2><div class="pages"><a href="#1">1</a><a>2</a></div></main>';
    const { result } = await runOnPage(`done($${pages.name}.length);`, undefined, saved);
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ name: 'NotFoundError' });
    expect(String((result.error as { message: string }).message)).toContain('repairing');
  });
});

describe('an item name two lists share', () => {
  test('is the first list\'s, not dropped from both (lwn-1 `page__security_link`)', async () => {
    const topics = ['Security', 'Kernel', 'Distributions', 'Development', 'Events', 'Archives', 'Search', 'Subscribe'];
    document.body.innerHTML = `<div class="topnav"><ul>${topics.map((t) => `<li><a href="/${t}">${t}</a></li>`).join('')}</ul></div>
      <div class="article"><p>This week's <a href="/Security">Security</a> page${words(2)}, and <a href="/Kernel">Kernel</a>${words(2)}, and <a href="/Distributions">Distributions</a>${words(2)}.</p></div>`;
    const doc = buildPageDocument(document);
    const named = lists(doc).filter((l) => l.itemNames?.some((n) => n.endsWith('security_link')));
    expect(named, renderDocument(doc)).toHaveLength(1);
    const name = named[0]!.itemNames!.find((n) => n.endsWith('security_link'))!;
    const clicked: string[] = [];
    document.querySelectorAll('a').forEach((a) => a.addEventListener('click', (e) => { e.preventDefault(); clicked.push(a.closest('div')!.className); }));
    const { result } = await runOnPage(`$${name}.click();\ndone(1);`);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(clicked).toEqual([named[0] === lists(doc)[0] ? 'topnav' : 'article']);
  });
});
