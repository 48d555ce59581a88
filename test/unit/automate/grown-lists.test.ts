// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { scriptNames } from '../../../extension/features/automate/page-bridge.ts';
import { storedSections } from '../../../extension/features/automate/site-document.ts';
import { runOnPage } from './live-page.ts';
import type { ElementEntry, PageDocument } from '../../../extension/protocol/schemas.ts';

/**
 * Eight named buttons are entries; a ninth makes them one list (and six menu links become a `links` list at seven).
 * The names they had still reach the same controls, so a script saved when the toolbar was smaller still runs.
 */
const ACTIONS = ['Archive', 'Delete', 'Move', 'Label', 'Snooze', 'Mark read', 'Print', 'Report spam', 'Mute'];
const FOLDERS = ['Inbox', 'Sent', 'Drafts', 'Spam', 'Trash', 'Starred', 'Later'];
const page = (actions: number, folders: number) => `<main>
  <div role="toolbar" aria-label="Mail actions">${ACTIONS.slice(0, actions).map((l) => `<button type="button" class="tb">${l}</button>`).join('')}</div>
  <nav><ul>${FOLDERS.slice(0, folders).map((l) => `<li><a href="#${l.toLowerCase()}">${l}</a></li>`).join('')}</ul></nav></main><p id="out"></p>`;
const elementNames = (doc: PageDocument) => doc.sections.flatMap((s) => s.entries).filter((e): e is ElementEntry => e.kind !== 'list').map((e) => e.name);

describe('a row of named controls that grows into a list keeps its names', () => {
  test('the list carries, per item, the name its control had as an entry', () => {
    document.body.innerHTML = page(8, 6);
    const small = elementNames(buildPageDocument(document));
    document.body.innerHTML = page(9, 7);
    const grown = buildPageDocument(document);
    expect(elementNames(grown)).toEqual([]);
    const itemNames = grown.sections.flatMap((s) => s.entries).flatMap((e) => (e.kind === 'list' ? e.itemNames ?? [] : []));
    expect(itemNames.filter((name) => small.includes(name))).toEqual(small);
    expect(itemNames).toContain('main__mute_button');
    // Two items that would share a name give none (which one an old name meant is not known); stored site documents
    // keep no item names (items are the page's data).
    document.body.innerHTML = page(9, 7).replace('>Print<', '>Archive<');
    const twins = buildPageDocument(document).sections.flatMap((s) => s.entries).find((e) => e.kind === 'list' && e.count === 9);
    expect(twins?.kind === 'list' && twins.itemNames?.filter((n) => n.startsWith('main__archive'))).toEqual([]);
    expect(JSON.stringify(storedSections(grown))).not.toContain('itemNames');
  });

  test('a script written for the smaller page runs on the grown one, on the same controls', async () => {
    document.body.innerHTML = page(9, 7);
    const clicked: string[] = [];
    document.querySelectorAll('button, a').forEach((el) => el.addEventListener('click', (e) => { e.preventDefault(); clicked.push(el.textContent!); }));
    const script = '$main__snooze_button.click();\n$nav__drafts_link.click();\nconst t = $main__mark_read_button.text();\n$main__delete_button.click();\ndone(t);';
    const { bridge, result } = await runOnPage(script);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toBe('Mark read');
    expect(clicked).toEqual(['Snooze', 'Drafts', 'Delete']);
    expect(bridge.stats.confirmed).toBe(1); // "Delete" is asked about, as the entry was
  });
});

describe('old names of list items reach exactly their control', () => {
  async function runOn(html: string, script: string) {
    document.body.innerHTML = html;
    const clicked: string[] = [];
    document.querySelectorAll('button, a, li').forEach((el) => el.addEventListener('click', (e) => {
      e.preventDefault();
      e.stopPropagation();
      clicked.push(`${el.tagName.toLowerCase()}:${el.textContent!.trim()}`);
    }));
    return { clicked, ...await runOnPage(script) };
  }

  test('rows around one button: the button is clicked, not its row', async () => {
    const html = `<main><h2>Folders</h2><ul>${ACTIONS.map((l) => `<li class="f"><button type="button">${l}</button></li>`).join('')}</ul></main>`;
    const { clicked, result } = await runOn(html, '$folders__snooze_button.click();\ndone("ok");');
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(clicked).toEqual(['button:Snooze']);
  });

  test('a list with a row left out between its items keeps exact names; one whose items changed since the read refuses them', async () => {
    // A divider row without a link: `:scope > li` would count it, so the items are picked by their shape (rows holding
    // a link; list-items.ts) and the old name reaches its own link, not the one before it (session 25; before, the
    // names were dropped).
    const menu = `<nav aria-label="Menu"><ul>${FOLDERS.map((l, i) => (i === 3 ? '<li class="sep"></li>' : '') + `<li><a href="#${l}">${l}</a></li>`).join('')}<li><a href="#x">Extra</a></li><li><a href="#y">More</a></li></ul></nav>`;
    const exact = await runOn(menu, '$menu__trash_link.click();\ndone("ok");');
    expect(exact.doc.sections.flatMap((s) => s.entries).some((e) => e.kind === 'list' && e.itemNames && e.itemSelector !== ':scope > li')).toBe(true);
    expect([exact.result.error?.name, exact.clicked]).toEqual([undefined, ['a:Trash']]);

    // The page reordered after the read: the item at that index is another control now, and nothing is clicked.
    const html = `<main><div role="toolbar" aria-label="Mail actions">${ACTIONS.map((l) => `<button type="button">${l}</button>`).join('')}</div></main>`;
    document.body.innerHTML = html;
    const before = buildPageDocument(document);
    const bar = document.querySelector('[role=toolbar]')!;
    bar.prepend(bar.lastElementChild!);
    const clicked: string[] = [];
    bar.querySelectorAll('button').forEach((b) => b.addEventListener('click', () => clicked.push(b.textContent!)));
    const { result } = await runOnPage('$main__snooze_button.click();', before);
    expect(result.error?.name).toBe('NotFoundError');
    expect(clicked).toEqual([]);
  });

  test('a count in an item\'s label may change between the read and the click', async () => {
    const html = `<nav aria-label="Folders"><ul>${FOLDERS.map((l) => `<li><a href="#${l}">${l} <span class="n">3</span></a></li>`).join('')}</ul></nav>`;
    document.body.innerHTML = html;
    const before = buildPageDocument(document);
    // The count, a number of its own, is not in the name (naming-stability.test.ts).
    expect(scriptNames(before).map((n) => n.name)).toContain('folders__drafts_link');
    document.querySelectorAll('.n').forEach((n) => { n.textContent = '12'; });
    const clicked: string[] = [];
    document.querySelectorAll('a').forEach((a) => a.addEventListener('click', (e) => { e.preventDefault(); clicked.push(a.textContent!); }));
    const { result } = await runOnPage('$folders__drafts_link.click();', before);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(clicked).toEqual(['Drafts 12']);
  });

  test('an old item name that is an entry now is not kept; one two lists share is the first list\'s', async () => {
    document.body.innerHTML = `<main><div role="toolbar" aria-label="Top">${ACTIONS.map((l) => `<button type="button">${l}</button>`).join('')}</div>
      <div role="toolbar" aria-label="Bottom">${ACTIONS.map((l) => `<button type="button">${l}</button>`).join('')}</div>
      <button type="button" id="solo">Zap</button></main>`;
    const doc = buildPageDocument(document);
    // As entries, the first toolbar's buttons had the names and the second's `_2` (review, session 25: dropping the
    // name from both lost lwn-1's `page__security_link`, which two link groups shared).
    const named = doc.sections.flatMap((s) => s.entries).filter((e) => e.kind === 'list' && e.itemNames);
    expect(named.map((l) => l.description)).toEqual([doc.sections.flatMap((s) => s.entries).find((e) => e.kind === 'list')!.description]);
    expect(scriptNames(doc).map((n) => n.name)).toContain('main__zap_button');
    const clicked: string[] = [];
    document.querySelectorAll('button').forEach((b) => b.addEventListener('click', () => clicked.push(`${b.parentElement!.getAttribute('aria-label')}:${b.textContent}`)));
    const { result } = await runOnPage('$main__archive_button.click();\ndone("ok");', doc);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(clicked).toEqual(['Top:Archive']);
  });
});
