// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { listsToSave } from '../../../extension/features/automate/replayable.ts';
import { storedSections } from '../../../extension/features/automate/site-document.ts';
import { runOnPage } from '../automate/live-page.ts';
import { hermitianArticle, lists, listDescribed } from './helpers.ts';

/**
 * A list's items are, to the executor, exactly the items its document counted and sampled, in order (exploratory
 * test, session 25: a `text_links` or `links` group reached every link under the group's common ancestor, and a list
 * whose item selector also matched rows the document left out put another row at [2] than its sample).
 */
const ARTICLE = hermitianArticle();

/** A footer menu of seven links whose ancestor also holds a list of tags (links with counts). */
const FOOTER = `<footer><ul class="tags">${['Books', 'Films', 'Games', 'Music', 'Art', 'Food', 'Travel', 'Sport', 'Tech']
  .map((t, i) => `<li><a href="/tag/${t}">${t}</a> <span class="count">${i + 3}</span></li>`).join('')}</ul>
  <div class="about"><a href="/about">About</a><a href="/jobs">Jobs</a><a href="/press">Press</a></div>
  <p class="legal"><a href="/terms">Terms</a> · <a href="/privacy">Privacy</a> · <a href="/cookies">Cookies</a> · <a href="/help">Help</a></p></footer>`;

/** A menu whose rows with a sub-menu look alike but are left out (bbc-1), one of them between the items. */
const MENU = `<nav aria-label="Sections"><ul>${['Home', 'Video', 'World', 'Tech', 'Science', 'Health', 'Magazine', 'UK', 'Arts', 'Travel']
  .map((s) => (s === 'World' || s === 'UK'
    ? `<li><a href="/${s}">${s}</a><div><a href="/${s}/home">${s} home</a><a href="/${s}/africa">Africa</a></div></li>`
    : `<li><a href="/${s}"><span>${s}</span></a></li>`)).join('')}</ul></nav>`;

describe('link groups resolve to their own links only', () => {
  test('running-text links, whose ancestor holds a toolbar\'s and a table\'s links', async () => {
    document.body.innerHTML = ARTICLE;
    const doc = buildPageDocument(document);
    const links = listDescribed(doc, 'links in the text');
    expect(links).toMatchObject({ count: 3, samples: [{ link: 'complex' }, { link: 'square matrix' }, { link: 'Charles Hermite' }] });
    const name = `$${links.name}`;
    const { result } = await runOnPage(`done([${name}.length, ${name}[0].text(), ${name}[1].text(), ${name}[2].text(), ${name}.find("edit"), ${name}.find("Hermite").text()])`);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toEqual([3, 'complex', 'square matrix', 'Charles Hermite', null, 'Charles Hermite']);
  });

  test('a menu of a section\'s links, whose ancestor holds a list of tags', async () => {
    document.body.innerHTML = FOOTER;
    const doc = buildPageDocument(document);
    const menu = listDescribed(doc, 'navigation links');
    expect(menu.count).toBe(7);
    const clicked: string[] = [];
    document.querySelectorAll('a').forEach((a) => a.addEventListener('click', (e) => { e.preventDefault(); clicked.push(a.textContent!); }));
    const name = `$${menu.name}`;
    const { result } = await runOnPage(`${name}[0].click();\n${name}.find("Privacy").click();\nconst all = [];\nfor (const link of ${name}) all.push(link.text());\ndone(all);`);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toEqual(['About', 'Jobs', 'Press', 'Terms', 'Privacy', 'Cookies', 'Help']);
    expect(clicked).toEqual(['About', 'Privacy']);

    // Read with the document of before: a link gone since leaves no hole, the tags' links stay out.
    document.querySelector('a[href="/press"]')!.remove();
    const after = await runOnPage(`const all = [];\nfor (const link of ${name}) all.push(link.text());\ndone(all);`, doc);
    expect(after.result.ok, JSON.stringify(after.result.error)).toBe(true);
    expect(after.result.result).toEqual(['About', 'Jobs', 'Terms', 'Privacy', 'Cookies', 'Help']);
  });
});

describe('a list with look-alike rows left out', () => {
  test('counts, samples and positions are the document\'s, and follow the page as rows of that shape come and go', async () => {
    document.body.innerHTML = MENU;
    const before = buildPageDocument(document);
    const menu = lists(before)[0]!;
    expect(menu).toMatchObject({ count: 8, samples: [{ text: 'Home' }, { text: 'Video' }, { text: 'Tech' }] });
    const name = `$${menu.name}`;
    const { result } = await runOnPage(`done([${name}.length, ${name}[2].text(), ${name}[6].text(), ${name}.find("World")])`);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toEqual([8, 'Tech', 'Arts', null]);

    // Read with the document of before: the Tech row went meanwhile, a row was added; the rows left out stay out.
    document.querySelectorAll('nav li')[3]!.remove();
    document.querySelector('nav ul')!.insertAdjacentHTML('beforeend', '<li><a href="/Food"><span>Food</span></a></li>');
    const after = await runOnPage(`const all = [];\nfor (const row of ${name}) all.push(row.text());\ndone(all);`, before);
    expect(after.result.ok, JSON.stringify(after.result.error)).toBe(true);
    expect(after.result.result).toEqual(['Home', 'Video', 'Science', 'Health', 'Magazine', 'Arts', 'Travel', 'Food']);
  });

  test('the paths are JSON for the executor only: never in the prompt, a site document or a saved script', () => {
    // The article's and the footer's link groups have selectors (their paths without positions); the pagination, paths.
    document.body.innerHTML = ARTICLE + FOOTER + `<div class="pages">${Array.from({ length: 12 }, (_, i) => (i === 2
      ? `<a class="page" aria-current="page">${i + 1}</a>` : `<a class="page" href="?page=${i + 1}">${i + 1}</a>`)).join('')}</div>`;
    const doc = buildPageDocument(document);
    expect(lists(doc).filter((l) => l.itemPaths).length).toBeGreaterThanOrEqual(1);
    expect(renderDocument(doc)).not.toContain('nth-of-type');
    expect(JSON.stringify(storedSections(doc))).not.toContain('itemPaths');
    const names = lists(doc).map((l) => l.name);
    const saved = listsToSave(names.map((n) => `$${n}.length;`).join('\n'), (n) => ({ list: lists(doc).find((l) => l.name === n)!, url: 'https://example.com/' }), () => '/');
    expect(saved).toHaveLength(names.length);
    expect(JSON.stringify(saved)).not.toContain('itemPaths');
  });
});

describe('a list of controls beside a look-alike that is none', () => {
  test('pages of a pagination, the current one a link without an address: each item has its path', async () => {
    document.body.innerHTML = `<main><h2>Results</h2><div class="pages">${Array.from({ length: 12 }, (_, i) => (i === 2
      ? `<a class="page" aria-current="page">${i + 1}</a>` : `<a class="page" href="?page=${i + 1}">${i + 1}</a>`)).join('')}</div></main>`;
    const doc = buildPageDocument(document);
    const pages = lists(doc)[0]!;
    expect(pages.count).toBe(11);
    expect(pages.itemPaths).toHaveLength(11);
    const name = `$${pages.name}`;
    const { result } = await runOnPage(`done([${name}.length, ${name}[2].text(), ${name}[10].text()])`);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toEqual([11, '4', '12']);
  });
});

describe('blocks of a page that look alike are no list', () => {
  test('no field, and the actions in only some of them: their controls are entries (medium-1\'s `prerendered`)', async () => {
    const actions = '<div class="actions"><button type="button" aria-label="Recommend">♥</button><button type="button" aria-label="Bookmark this story">★</button><button type="button" aria-label="Share this story">↗</button></div>';
    document.body.innerHTML = `<div class="editor"><div class="inner"><button type="button">Publish changes</button></div></div>
      <div class="bar top"><div class="left"><a href="/signin">Sign in</a></div></div>
      <div class="bar bottom">${actions}<div class="next"><button type="button">Next story</button></div></div>
      <div class="bar bottom">${actions}<div class="next"><button type="button">Next story</button></div></div>`;
    const doc = buildPageDocument(document);
    expect(lists(doc)).toEqual([]);
    const bookmark = doc.sections.flatMap((s) => s.entries).find((e) => e.description === 'Bookmark this story')!;
    expect(bookmark).toBeDefined();
    const clicked: string[] = [];
    document.querySelectorAll('button').forEach((b) => b.addEventListener('click', () => clicked.push(b.getAttribute('aria-label') ?? b.textContent!)));
    const { result } = await runOnPage(`$${bookmark.name}.click();\ndone(1);`);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(clicked).toEqual(['Bookmark this story']);
  });
});
