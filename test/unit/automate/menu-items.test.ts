// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { runOnPage } from './live-page.ts';

/**
 * A list whose rows each hold one link (a site menu as `li > a`) is shown like a link group, `of links e.g. …`, and a
 * script clicks a row as it is: the row's only control takes the click. Rows with more than one control keep theirs.
 */
describe('rows around one link', () => {
  const page = (extraControl: boolean) => `
    <nav aria-label="Sections"><ul>${['World', 'Business', 'Science', 'Sport', 'Culture', 'Travel', 'Health', 'Style', 'Food', 'Opinion'].map((t) =>
      `<li><a href="#${t.toLowerCase()}">${t}</a>${extraControl ? `<button type="button">Follow ${t}</button>` : ''}</li>`).join('')}</ul></nav>
    <p id="out"></p>`;

  const run = (source: string) => runOnPage(source);

  test('one link per row: rendered as links, `.find(text).click()` follows that row\'s link', async () => {
    document.body.innerHTML = page(false);
    const clicked: string[] = [];
    document.querySelectorAll('a').forEach((a) => a.addEventListener('click', (e) => { e.preventDefault(); clicked.push(a.textContent!); }));
    const { doc, result } = await run('$sections__items.find("Science").click();\n$sections__items[3].click();\ndone("ok");');
    const line = renderDocument(doc).split('\n').find((l) => l.startsWith('$sections__items'));
    expect(line).toBe('$sections__items list(10) of links e.g. "World", "Business", "Science" …');
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(clicked).toEqual(['Science', 'Sport']);
  });

  test('a row of such a list that has no link (a divider) takes the click itself instead of failing as missing', async () => {
    const names = ['World', 'Business', 'Science', 'More sections', 'Sport', 'Culture', 'Travel', 'Health', 'Style', 'Food'];
    document.body.innerHTML = `<nav aria-label="Sections"><ul>${names.map((t) =>
      (t === 'More sections' ? `<li><span>${t}</span></li>` : `<li><span><a href="#${t.toLowerCase()}">${t}</a></span></li>`)).join('')}</ul></nav>`;
    const li = document.querySelectorAll('nav li')[3]!;
    const rowClicks: string[] = [];
    li.addEventListener('click', () => rowClicks.push(li.textContent!));
    const { doc, result } = await run('$sections__items[3].click();\ndone("ok");');
    expect(renderDocument(doc)).toMatch(/\$sections__items list\(10\) of links/);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(rowClicks).toEqual(['More sections']);
  });

  // Session 21: a row's one link takes a bare click even when the row says more than the link ("Read more"); clicking
  // the <li> did nothing, and the run said Done.
  test('a row whose text is not its link\'s is not a list of links, but a bare click goes to its one link; a row whose only control is a button keeps the click', async () => {
    const stories = ['World', 'Business', 'Science', 'Sport', 'Culture', 'Travel', 'Health', 'Style', 'Food', 'Opinion'];
    document.body.innerHTML = `<main><h2>News</h2><ul>${stories.map((t) => `<li>${t} story of the day <a href="#${t}">Read more</a></li>`).join('')}</ul>
      <h2>Todos</h2><ul>${stories.map((t) => `<li><span class="title">${t} chores</span> <button type="button">Delete</button></li>`).join('')}</ul></main>`;
    const clicked: string[] = [];
    document.querySelectorAll('a,button').forEach((el) => el.addEventListener('click', (e) => { e.preventDefault(); clicked.push(el.textContent!); }));
    // (`.open()` on such a row is a NotFound naming its fields: Delete does not open it; item-open.test.ts.)
    const { doc, result } = await run('$news__items[2].click();\n$todos__items[3].click();\ndone("ok");');
    const lines = renderDocument(doc).split('\n');
    expect(lines.find((l) => l.startsWith('$news__items'))).not.toMatch(/ of links/);
    expect(lines.find((l) => l.startsWith('$todos__items'))).toMatch(/ actions: delete\(button\)/);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(clicked).toEqual(['Read more']);
  });

  test('two controls per row: the row keeps its fields, a bare row click is the row\'s, not a guess', async () => {
    document.body.innerHTML = page(true);
    const clicked: string[] = [];
    document.querySelectorAll('a,button').forEach((el) => el.addEventListener('click', (e) => { e.preventDefault(); clicked.push(el.textContent!); }));
    const { doc, result } = await run('$sections__items[1].click();\ndone("ok");');
    const line = renderDocument(doc).split('\n').find((l) => l.startsWith('$sections__items'))!;
    expect(line).toMatch(/ actions: .*\(link\), .*\(button\)/);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(clicked).toEqual([]);
  });
});
