// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { listsToSave, namesUsed } from '../../../extension/features/automate/replayable.ts';
import type { SavedList } from '../../../extension/features/automate/run-state.ts';
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
const SCRIPT = '$main__mail_actions.find("Snooze").click();\n$nav__links.find("Spam").click();\ndone($main__mail_actions.length);';

function recordClicks(): string[] {
  const clicked: string[] = [];
  document.querySelectorAll('button, a').forEach((el) => el.addEventListener('click', (e) => {
    e.preventDefault();
    clicked.push(el.textContent!);
  }));
  return clicked;
}

/** The lists a run of `script` on the bigger page saves with it. */
async function savedLists(script = SCRIPT, expected = ['Snooze', 'Spam']): Promise<SavedList[]> {
  document.body.innerHTML = page(9, 7);
  const clicked = recordClicks();
  const { bridge, result } = await runOnPage(script);
  expect(result.ok, JSON.stringify(result.error)).toBe(true);
  expect(clicked).toEqual(expected);
  return listsToSave(script, (name) => bridge.listUsed(name), () => '/mail');
}

describe('a saved script keeps the lists it names', () => {
  test('names in use, in order, from code only (not strings or comments)', () => {
    expect(namesUsed('// $old\nconst a = $b__c[1];\n$d.find("$e").click(); `${$f.text()}`; $b__c.length')).toEqual(['b__c', 'd', 'f']);
    expect(namesUsed('\\u0024todos.click();')).toEqual(['todos']);
    expect(namesUsed('$a.click(')).toEqual(['a']);
    expect(namesUsed('"unclosed')).toEqual([]);
  });

  test('structure only (no sample items, item names or count: page data), with the page each was on', async () => {
    const lists = await savedLists();
    expect(lists.map((l) => l.list.name)).toEqual(['main__mail_actions', 'nav__links']);
    expect(lists.map((l) => l.pattern)).toEqual(['/mail', '/mail']);
    for (const { list } of lists) expect([list.samples, list.count, list.itemNames]).toEqual([[], 0, undefined]);
    expect(JSON.stringify(lists).toLowerCase()).not.toMatch(/snooze|spam|mute/);
  });

  test('only lists the run reached: one the page showed but the script never used is not saved', async () => {
    const lists = await savedLists('$nav__links.find("Spam").click();\ndone(1);', ['Spam']);
    expect(lists.map((l) => l.list.name)).toEqual(['nav__links']);
    expect(listsToSave('done($main__mail_actions.length);', () => undefined, () => '/')).toEqual([]);
    // One the script found missing (`exists()` false) is not kept either.
    document.body.innerHTML = page(9, 7);
    const doc = buildPageDocument(document);
    document.querySelector('nav')!.remove();
    const script = 'done($nav__links.exists());';
    const { bridge, result } = await runOnPage(script, doc);
    expect(result.result).toBe(false);
    expect(listsToSave(script, (name) => bridge.listUsed(name), () => '/')).toEqual([]);
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

  test('a position written in the script is refused on a shrunk list (an earlier item may be gone); going through it works', async () => {
    const lists = await savedLists('$main__mail_actions[4].click();\ndone(1);', ['Snooze']);
    // "Delete" is gone: the fifth button is now "Mark read", not "Snooze".
    document.body.innerHTML = page(8, 5).replace(/<button[^>]*>Delete<\/button>/, '');
    const clicked = recordClicks();
    const { result } = await runOnPage('$main__mail_actions[4].click();\ndone(1);', undefined, lists);
    expect(result.ok).toBe(false);
    expect(result.error?.name).toBe('NotFoundError');
    expect(result.error?.message).toMatch(/changed since the script was saved.*find\(/);
    expect(clicked).toEqual([]);
    const walked = await runOnPage('const out = [];\nfor (const b of $main__mail_actions) out.push(b.tb.text());\nconst f = $main__mail_actions.filter((b) => b.tb.text() === "Snooze");\nf[0].click();\ndone(out.join(","));', undefined, lists);
    expect(walked.result.ok, JSON.stringify(walked.result.error)).toBe(true);
    expect(walked.result.result).toBe('Archive,Move,Label,Snooze,Mark read,Print,Report spam');
    expect(clicked).toEqual(['Snooze']);
  });

  test('a list the script itself shrinks during a replay keeps its positions (seen on this same page, not remembered)', async () => {
    const todos = (titles: string[]) => `<main><h1>Todos</h1><ul id="todos" aria-label="Todo items">${titles.map((t) =>
      `<li><input type="checkbox" aria-label="Done: ${t}"> <span class="title">${t}</span> <button type="button">Remove</button></li>`).join('')}</ul></main>`;
    // The unknown name makes the bridge read the page again mid-run: by then two todos are left, no list in it.
    const script = '$todos__todo_items[0].remove.click();\n$todos__todo_items[0].remove.click();\ntry { $todos__later.exists(); } catch (e) {}\n$todos__todo_items[0].remove.click();\ndone($todos__todo_items.length);';
    const removeOnClick = () => document.querySelectorAll('li button').forEach((b) => b.addEventListener('click', () => b.closest('li')!.remove()));
    document.body.innerHTML = todos(['A', 'B', 'C', 'D']);
    removeOnClick();
    const first = await runOnPage(script);
    expect(first.result.ok, JSON.stringify(first.result.error)).toBe(true);
    const lists = listsToSave(script, (name) => first.bridge.listUsed(name), () => '/todos');
    document.body.innerHTML = todos(['A', 'B', 'C', 'D']);
    removeOnClick();
    const { result } = await runOnPage(script, undefined, lists);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toBe(1);
    expect(document.querySelector('#todos')!.textContent).toContain('D');
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

  test('a container found only by a CSS path that now matches two elements is a NotFound, not the first of them', async () => {
    const lists = await savedLists();
    const nav = lists.find((l) => l.list.name === 'nav__links')!;
    expect(nav.list.locators.map((l) => l.by)).toEqual(['css']);
    // An ad block drawn like the menu, before it: the saved path (`main > nav > ul`) now matches both.
    document.body.innerHTML = page(8, 5).replace('<nav>', '<nav><ul><li><a href="#promo">Spam</a></li></ul></nav><nav>');
    const clicked = recordClicks();
    const { result } = await runOnPage('$nav__links.find("Spam").click();\ndone(1);', undefined, lists);
    expect(result.ok).toBe(false);
    expect(result.error?.name).toBe('NotFoundError');
    expect(clicked).toEqual([]);
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
    const remembered = lists.map((l) => (l.list.name === 'main__mail_actions' ? { ...l, list: { ...l.list, name: doc.sections[0]!.entries[0]!.name } } : l));
    document.getElementById('links')!.addEventListener('click', () => document.body.setAttribute('data-clicked', 'own'));
    const { result } = await runOnPage(`$${remembered[0]!.list.name}.click(); done(1);`, undefined, remembered);
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
    const lists = listsToSave(script, (name) => first.bridge.listUsed(name), () => '/todos');
    expect(lists.map((l) => l.list.name)).toEqual(['todos__todo_items']);

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
