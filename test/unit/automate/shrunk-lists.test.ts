// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { listsToSave, namesUsed } from '../../../extension/features/automate/replayable.ts';
import type { ListEntry } from '../../../extension/protocol/schemas.ts';
import { runOnPage } from './live-page.ts';

/**
 * The other way round from grown-lists: a list that shrinks back into separate entries (nine toolbar buttons down to
 * eight, seven menu links down to five, three todos down to two). A saved script keeps the lists it names, as its run
 * saw them, and a replay finds them again by their container and item selector.
 */
const ACTIONS = ['Archive', 'Delete', 'Move', 'Label', 'Snooze', 'Mark read', 'Print', 'Report spam', 'Mute'];
const FOLDERS = ['Inbox', 'Sent', 'Drafts', 'Spam', 'Trash', 'Starred', 'Later'];
const page = (actions: number, folders: number) => `<main>
  <div role="toolbar" aria-label="Mail actions">${ACTIONS.slice(0, actions).map((l) => `<button type="button" class="tb">${l}</button>`).join('')}</div>
  <nav><ul>${FOLDERS.slice(0, folders).map((l) => `<li><a href="#${l.toLowerCase()}">${l}</a></li>`).join('')}</ul></nav></main>`;
const SCRIPT = '$main__mail_actions[4].click();\n$nav__links.find("Spam").click();\ndone($main__mail_actions.length);';

function recordClicks(): string[] {
  const clicked: string[] = [];
  document.querySelectorAll('button, a').forEach((el) => el.addEventListener('click', (e) => {
    e.preventDefault();
    clicked.push(el.textContent!);
  }));
  return clicked;
}

/** The lists a run of SCRIPT on the bigger page saves with it. */
async function savedLists(): Promise<ListEntry[]> {
  document.body.innerHTML = page(9, 7);
  const clicked = recordClicks();
  const { bridge, result } = await runOnPage(SCRIPT);
  expect(result.ok, JSON.stringify(result.error)).toBe(true);
  expect(clicked).toEqual(['Snooze', 'Spam']);
  return listsToSave(SCRIPT, (name) => bridge.listSeen(name));
}

describe('a saved script keeps the lists it names', () => {
  test('names in use, in order, from code only (not strings or comments)', () => {
    expect(namesUsed('// $old\nconst a = $b__c[1];\n$d.find("$e").click(); `${$f.text()}`; $b__c.length')).toEqual(['b__c', 'd', 'f']);
    expect(namesUsed('$a.click(')).toEqual(['a']);
    expect(namesUsed('"unclosed')).toEqual([]);
  });

  test('structure only: no sample items (page data), only lists the script names', async () => {
    const lists = await savedLists();
    expect(lists.map((l) => l.name)).toEqual(['main__mail_actions', 'nav__links']);
    expect(lists.every((l) => l.samples.length === 0)).toBe(true);
    expect(JSON.stringify(lists)).not.toContain('Snooze');
  });
});

describe('a replay on a page where the lists shrank back into entries', () => {
  test('without the saved lists the names are unknown: nothing is clicked', async () => {
    document.body.innerHTML = page(8, 5);
    expect(buildPageDocument(document).stats.lists).toBe(0);
    const clicked = recordClicks();
    const { result } = await runOnPage(SCRIPT);
    expect(result.ok).toBe(false);
    expect(result.error?.name).toBe('NotFoundError');
    expect(clicked).toEqual([]);
  });

  test('with them the same script clicks the same controls and reads the live count', async () => {
    const lists = await savedLists();
    document.body.innerHTML = page(8, 5);
    const clicked = recordClicks();
    const { result } = await runOnPage(SCRIPT, undefined, lists);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(clicked).toEqual(['Snooze', 'Spam']);
    expect(result.result).toBe(8);
  });

  test('an item the shrunk list no longer has is not found (as in any list: find() gives null), nothing else is clicked', async () => {
    const lists = await savedLists();
    document.body.innerHTML = page(8, 3);
    const clicked = recordClicks();
    const { result } = await runOnPage(SCRIPT, undefined, lists);
    expect(result.ok).toBe(false);
    expect(result.error?.message).toMatch(/null/);
    expect(clicked).toEqual(['Snooze']);
  });

  test('a list whose container is gone is a NotFound', async () => {
    const lists = await savedLists();
    document.body.innerHTML = '<main><p>Nothing here</p><button type="button">Mute</button></main>';
    const { result } = await runOnPage(SCRIPT, undefined, lists);
    expect(result.ok).toBe(false);
    expect(result.error?.name).toBe('NotFoundError');
  });

  test('the page\'s own entry of that name wins over a remembered list', async () => {
    const lists = await savedLists();
    document.body.innerHTML = '<main><button type="button" aria-label="Links" id="links">x</button></main><nav><a href="#a">A</a></nav>';
    const doc = buildPageDocument(document);
    const remembered = lists.map((l) => (l.name === 'main__mail_actions' ? { ...l, name: doc.sections[0]!.entries[0]!.name } : l));
    document.getElementById('links')!.addEventListener('click', () => document.body.setAttribute('data-clicked', 'own'));
    const { result } = await runOnPage(`$${remembered[0]!.name}.click(); done(1);`, undefined, remembered);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(document.body.getAttribute('data-clicked')).toBe('own');
  });

  test('a list of rows with fields (todos) down to two rows: find() by text still reaches the row\'s button', async () => {
    const todos = (titles: string[]) => `<main><h1>Todos</h1><ul id="todos" aria-label="Todo items">${titles.map((t) =>
      `<li><input type="checkbox" aria-label="Done: ${t}"> <span class="title">${t}</span> <button type="button">Remove</button></li>`).join('')}</ul></main>`;
    const script = '$todos__todo_items.find("Walk the dog").remove.click();\ndone($todos__todo_items.length);';
    const removeOnClick = () => document.querySelectorAll('li button').forEach((b) => b.addEventListener('click', () => b.closest('li')!.remove()));
    document.body.innerHTML = todos(['Buy milk', 'Walk the dog', 'Write report']);
    removeOnClick();
    const first = await runOnPage(script);
    expect(first.result.ok, JSON.stringify(first.result.error)).toBe(true);
    const lists = listsToSave(script, (name) => first.bridge.listSeen(name));
    expect(lists.map((l) => l.name)).toEqual(['todos__todo_items']);

    document.body.innerHTML = todos(['Walk the dog', 'Write report']);
    removeOnClick();
    expect(buildPageDocument(document).stats.lists).toBe(0);
    const { result } = await runOnPage(script, undefined, lists);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toBe(1);
    expect(document.querySelector('#todos')!.textContent).toContain('Write report');
    expect(document.querySelector('#todos')!.textContent).not.toContain('Walk the dog');
  });
});
