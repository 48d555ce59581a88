// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { hashedText, keptLocator, listFoundAgain, rememberedElement } from '../../../extension/features/automate/remembered-element.ts';
import { withNamesRenamed } from '../../../extension/features/automate/replayable.ts';
import type { AutomateStart, SavedElement, SavedList } from '../../../extension/features/automate/run-state.ts';
import type { ElementEntry, PageDocument } from '../../../extension/protocol/schemas.ts';
import { fakeRunHost, finished, TAB, until } from './run-host-rig.ts';

/**
 * A saved script names elements the page (or our naming) has since renamed: the site relabelled "Archive selected" to
 * "Archive", a count left a name. The replay finds them by the locators saved with the script, with no model call.
 */
const URL_NOW = 'https://mail.example/inbox';
const page = (archive: string, extra = '') => `<main><h1>Inbox</h1>
  <div role="toolbar" aria-label="Mail actions"><button type="button" id="archive-btn">${archive}</button>${extra}
  <button type="button">Print</button></div></main>`;
const read = async (): Promise<PageDocument> => ({ ...buildPageDocument(document), url: URL_NOW });
const answer = (script: string) => JSON.stringify({ plan: 'p', elements: [], script });
const start = (extra: Partial<AutomateStart> = {}): AutomateStart => ({ tabId: TAB, task: 'archive', model: 'fake', ...extra });
const nameOf = (label: string) => (buildPageDocument(document).sections.flatMap((s) => s.entries)
  .find((e) => e.kind !== 'list' && e.description.startsWith(label)) as ElementEntry).name;

function recordClicks(): string[] {
  const clicked: string[] = [];
  document.querySelectorAll('button').forEach((b) => b.addEventListener('click', () => clicked.push(b.textContent!)));
  return clicked;
}

/** A fresh run of a script clicking the archive button; what it saves with the script. */
async function savedElements(): Promise<{ script: string; elements: SavedElement[]; oldName: string }> {
  document.body.innerHTML = page('Archive selected');
  const oldName = nameOf('Archive selected');
  const script = `$${oldName}.click();\ndone("ok");`;
  const { runs } = fakeRunHost([answer(script)], undefined, { readDocument: read });
  await runs.start(start());
  const run = await finished(runs);
  expect(run.report, JSON.stringify(run.report)).toMatchObject({ status: 'done', savedScript: script });
  return { script, elements: run.report!.savedElements!, oldName };
}

describe('a saved script keeps the elements it names', () => {
  test('kind and locators only, with the page each was on', async () => {
    const { elements, oldName } = await savedElements();
    expect(elements).toHaveLength(1);
    expect(elements[0]).toMatchObject({ pattern: '/inbox', element: { name: oldName, kind: 'button' } });
    expect(Object.keys(elements[0]!.element).sort()).toEqual(['kind', 'locators', 'name']);
    expect(elements[0]!.element.locators.some((l) => l.by === 'id' && l.value === 'archive-btn')).toBe(true);
  });

  test('a replay finds a renamed element by them, with no model call, and says which names changed', async () => {
    const { script, elements, oldName } = await savedElements();
    document.body.innerHTML = page('Archive');
    const newName = nameOf('Archive');
    expect(newName).not.toBe(oldName);
    const clicked = recordClicks();
    const replay = fakeRunHost([], undefined, { readDocument: read });
    await replay.runs.start(start({ known: { plan: 'saved', elements: [], script }, knownElements: elements, maxRepairs: 0 }));
    const run = await finished(replay.runs);
    expect(run.report, JSON.stringify(run.report?.attempts)).toMatchObject({ status: 'done', modelCalls: 0, result: 'ok' });
    expect(run.report!.renamed).toEqual([{ from: oldName, to: newName }]);
    expect(clicked).toEqual(['Archive']);
    expect(replay.prompts).toHaveLength(0);
  });

  test('without them, or on another page of the site, the old name is not found: nothing is clicked', async () => {
    const { script, elements } = await savedElements();
    for (const [url, known] of [[URL_NOW, undefined], ['https://mail.example/settings/profile', elements]] as const) {
      document.body.innerHTML = page('Archive');
      const clicked = recordClicks();
      const replay = fakeRunHost([], undefined, { readDocument: async () => ({ ...buildPageDocument(document), url }) });
      await replay.runs.start(start({ known: { plan: 'saved', elements: [], script }, maxRepairs: 0, ...(known ? { knownElements: known } : {}) }));
      const run = await finished(replay.runs);
      expect(run.report?.attempts[0]?.failure?.name).toBe('NotFoundError');
      expect(clicked).toEqual([]);
    }
  });
});

describe('rememberedElement', () => {
  const saved = (locators: ElementEntry['locators'], kind: ElementEntry['kind'] = 'button'): SavedElement[] =>
    [{ pattern: '/inbox', element: { name: 'mail_actions__old_button', kind, locators } }];
  const doc = () => ({ ...buildPageDocument(document), url: URL_NOW });

  test('an id, or a role and name with its CSS path, is enough; a role and name alone or a CSS path alone is not', () => {
    document.body.innerHTML = page('Archive');
    const byId = rememberedElement(saved([{ by: 'id', value: 'archive-btn' }]), 'mail_actions__old_button', doc());
    expect(byId?.description).toMatch(/^Archive/);
    const role = { by: 'role' as const, role: 'button', value: hashedText('Print') };
    const css = doc().sections.flatMap((s) => s.entries).find((e) => e.kind !== 'list' && e.description.startsWith('Print'))!.locators.find((l) => l.by === 'css')!;
    expect(rememberedElement(saved([role, css]), 'mail_actions__old_button', doc())?.description).toMatch(/^Print/);
    // A role and name alone is not enough (a dialog's "Close" is not the page's), nor a CSS path alone.
    expect(rememberedElement(saved([role]), 'mail_actions__old_button', doc())).toBeUndefined();
    expect(rememberedElement(saved([css]), 'mail_actions__old_button', doc())).toBeUndefined();
  });

  test('another kind, another page pattern, another name, or a tie finds nothing', () => {
    document.body.innerHTML = page('Archive', '<button type="button">Archive</button>');
    const id = [{ by: 'id' as const, value: 'archive-btn' }];
    expect(rememberedElement(saved(id, 'link'), 'mail_actions__old_button', doc())).toBeUndefined();
    expect(rememberedElement(saved(id), 'mail_actions__old_button', { ...doc(), url: 'https://mail.example/' })).toBeUndefined();
    expect(rememberedElement(saved(id), 'mail_actions__other_button', doc())).toBeUndefined();
    // Two buttons read "Archive": role and name alone cannot tell which was meant.
    expect(rememberedElement(saved([{ by: 'role', role: 'button', value: 'Archive' }]), 'mail_actions__old_button', doc())).toBeUndefined();
    expect(rememberedElement(saved(id), 'mail_actions__old_button', doc())?.locators).toContainEqual({ by: 'id', value: 'archive-btn' });
  });
});

describe('a relabelled link is found by where it goes (explorer, session 32: "Products" → "Shop" failed NotFound)', () => {
  const nav = (label: string, extra = '') => `<main><h1>Inbox</h1><nav aria-label="Site"><a href="/inbox">Mail</a>
    <a href="/products">${label}</a><a href="/help">Help</a>${extra}</nav></main>`;

  async function savedLink(): Promise<{ script: string; elements: SavedElement[] }> {
    document.body.innerHTML = nav('Products');
    const script = `$${nameOf('Products')}.click();\ndone("ok");`;
    const { runs } = fakeRunHost([answer(script)], undefined, { readDocument: read });
    await runs.start(start());
    const run = await finished(runs);
    expect(run.report, JSON.stringify(run.report)).toMatchObject({ status: 'done' });
    return { script, elements: run.report!.savedElements! };
  }

  async function replayOn(html: string, script: string, elements: SavedElement[]) {
    document.body.innerHTML = html;
    const clicked: string[] = [];
    document.querySelectorAll('a').forEach((a) => a.addEventListener('click', (event) => {
      event.preventDefault();
      clicked.push(a.textContent!);
    }));
    const replay = fakeRunHost([], undefined, { readDocument: read });
    await replay.runs.start(start({ known: { plan: 'saved', elements: [], script }, knownElements: elements, maxRepairs: 0 }));
    return { run: await finished(replay.runs), clicked };
  }

  test('the one link to that target is the link, whatever it reads now; the target is kept hashed', async () => {
    const { script, elements } = await savedLink();
    const href = elements[0]!.element.locators.find((l) => l.by === 'href');
    expect(href?.value).toBe(hashedText('/products'));
    const { run, clicked } = await replayOn(nav('Shop'), script, elements);
    expect(run.report, JSON.stringify(run.report?.attempts)).toMatchObject({ status: 'done', modelCalls: 0 });
    expect(clicked).toEqual(['Shop']);
  });

  test('two links to that target now: neither is taken', async () => {
    const { script, elements } = await savedLink();
    const { run, clicked } = await replayOn(nav('Shop', '<a href="/products">All products</a>'), script, elements);
    expect(run.report?.attempts[0]?.failure?.name).toBe('NotFoundError');
    expect(clicked).toEqual([]);
  });

  test('a target with a number in it (`?page=2`) is not enough by itself', () => {
    document.body.innerHTML = nav('Products', '<a href="/list?page=2">Next</a>');
    const links: SavedElement[] = [['/products', 3], ['/list?page=2', 2]].map(([target]) => ({
      pattern: '/inbox', element: { name: 'site__old_link', kind: 'link', locators: [keptLocator({ by: 'href', value: String(target) })] },
    }));
    expect(links[1]!.element.locators[0]!.value).toBe(`d${hashedText('/list?page=2')}`);
    const doc = { ...buildPageDocument(document), url: URL_NOW };
    expect(rememberedElement(links.slice(0, 1), 'site__old_link', doc)?.description).toMatch(/^Products/);
    expect(rememberedElement(links.slice(1), 'site__old_link', doc)).toBeUndefined();
  });
});

describe('withNamesRenamed', () => {
  test('whole name tokens only: not in strings, comments, templates or longer names', () => {
    const source = '// $a_b here\n$a_b.click();\nconst x = "$a_b";\n$a_b_c.click();\nsay(`${$a_b.text()} $a_b`);';
    expect(withNamesRenamed(source, { a_b: 'z' })).toBe('// $a_b here\n$z.click();\nconst x = "$a_b";\n$a_b_c.click();\nsay(`${$z.text()} $a_b`);');
    expect(withNamesRenamed('"unclosed', { a: 'b' })).toBe('"unclosed');
  });
});

describe('what the locators must not do (review, session 24)', () => {
  const ISSUE = 'https://app.example/issues/42';
  const readIssue = async (): Promise<PageDocument> => ({ ...buildPageDocument(document), url: ISSUE });
  const replayOf = (script: string, elements: SavedElement[] | undefined, extra = {}) => {
    const replay = fakeRunHost([], undefined, { readDocument: readIssue, ...extra });
    return { replay, started: replay.runs.start(start({ known: { plan: 'saved', elements: [], script }, ...(elements ? { knownElements: elements } : {}), maxRepairs: 0 })) };
  };

  test('a name that comes late is waited for, not replaced by another element of that role and name', async () => {
    // The page's own address is the document's: a late read compares them.
    const happy = (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM;
    happy.setURL(ISSUE);
    let clicked: string[] = [];
    const html = '<main><h1>Issue 42</h1><button type="button" id="share">Share</button><button type="button" class="state">Close</button></main>';
    const openLate = () => document.getElementById('share')!.addEventListener('click', () => setTimeout(() => {
      const dialog = document.createElement('div');
      dialog.setAttribute('role', 'dialog');
      dialog.setAttribute('aria-label', 'Share');
      dialog.innerHTML = '<p>Link copied</p><button type="button">Close</button>';
      dialog.querySelector('button')!.addEventListener('click', () => clicked.push('dialog:Close'));
      document.querySelector('main')!.append(dialog);
    }, 400));
    document.body.innerHTML = html;
    openLate();
    const script = `$${nameOf('Share')}.click();\n$share__close_button.click();\ndone("ok");`;
    const fresh = fakeRunHost([answer(script)], undefined, { readDocument: readIssue });
    await fresh.runs.start(start());
    const done = await finished(fresh.runs);
    expect(done.report, JSON.stringify(done.report?.attempts)).toMatchObject({ status: 'done' });
    const saved = done.report!.savedElements!;
    expect(saved.map((e) => e.element.name)).toContain('share__close_button');

    document.body.innerHTML = html;
    clicked = [];
    openLate();
    document.querySelector('.state')!.addEventListener('click', () => clicked.push('main:Close'));
    const { replay, started } = replayOf(script, saved);
    await started;
    const run = await finished(replay.runs);
    expect(run.report, JSON.stringify(run.report?.attempts)).toMatchObject({ status: 'done' });
    expect(clicked).toEqual(['dialog:Close']);
    expect(run.report!.renamed).toBeUndefined();
    happy.setURL('http://localhost:3000/');
  }, 20_000);

  test('exists() of a saved name the page does not have is false, not another element found by its locators', async () => {
    document.body.innerHTML = '<main><h1>Issue 42</h1><button type="button" class="state">Close</button></main>';
    const elements: SavedElement[] = [{ pattern: '/issues/:id', element: { name: 'share__close_button', kind: 'button',
      locators: [{ by: 'role', role: 'button', value: hashedText('Close') }, { by: 'text', value: hashedText('Close') }] } }];
    const clicked = recordClicks();
    const { replay, started } = replayOf('if ($share__close_button.exists()) $share__close_button.click();\ndone("ok");', elements);
    await started;
    const run = await finished(replay.runs);
    expect(run.report, JSON.stringify(run.report?.attempts)).toMatchObject({ status: 'done', result: 'ok' });
    expect(clicked).toEqual([]);
  });

  test('an id a page hands out by counting (mat-button-0) is not enough on its own', async () => {
    const toolbar = (label: string) => `<main><h1>Inbox</h1><div role="toolbar" aria-label="Mail actions">
      <button type="button" id="mat-button-0">${label}</button><button type="button" id="print">Print</button></div></main>`;
    document.body.innerHTML = toolbar('Archive selected');
    const script = `$${nameOf('Archive selected')}.click();\ndone("ok");`;
    const fresh = fakeRunHost([answer(script)], undefined, { readDocument: readIssue });
    await fresh.runs.start(start());
    const saved = (await finished(fresh.runs)).report!.savedElements!;
    document.body.innerHTML = toolbar('Mark all as read');
    const clicked = recordClicks();
    const { replay, started } = replayOf(script, saved);
    await started;
    const run = await finished(replay.runs);
    expect(run.report?.attempts[0]?.failure?.name).toBe('NotFoundError');
    expect(clicked).toEqual([]);
  });

  test('typing into a sensitive field reached by its old name is masked in the log', async () => {
    const html = (label: string) => `<form aria-label="Login" onsubmit="return false"><label for="pw">${label}</label><input id="pw" type="password"></form>`;
    document.body.innerHTML = html('Memorable word');
    const oldName = nameOf('Memorable word');
    const elements: SavedElement[] = [{ pattern: '/issues/:id', element: { name: oldName, kind: 'text_input', locators: [{ by: 'id', value: 'pw' }] } }];
    document.body.innerHTML = html('Memorable phrase');
    const { replay, started } = replayOf(`const v = ask("What should I type?");\n$${oldName}.type(v);\ndone("ok");`, elements);
    await started;
    const asking = await until(replay.runs, (r) => r.question !== null || r.status !== 'running');
    replay.runs.respond(asking.runId, { answer: { id: asking.question!.id, text: 'plum-tree-42' } });
    const run = await finished(replay.runs);
    expect((document.getElementById('pw') as HTMLInputElement).value).toBe('plum-tree-42');
    expect(run.log.find((l) => l.call === 'type')?.args).toEqual(['•••']);
  });

  test('a big site document does not crowd out the saved names', async () => {
    const { script, elements } = await savedElements();
    document.body.innerHTML = page('Archive');
    const clicked = recordClicks();
    const other = Array.from({ length: 5000 }, (_, i) => ({ name: `elsewhere_${i}_link`, kind: 'link' as const }));
    const replay = fakeRunHost([], undefined, { readDocument: read, otherPageNames: async () => other, route: async () => null });
    await replay.runs.start(start({ known: { plan: 'saved', elements: [], script }, knownElements: elements, maxRepairs: 0 }));
    const run = await finished(replay.runs);
    expect(run.report, JSON.stringify(run.report?.attempts)).toMatchObject({ status: 'done' });
    expect(clicked).toEqual(['Archive']);
  });

  test('a link whose text is the user\'s data: its label and text are kept only as hashes', async () => {
    const subject = 'Re: your biopsy results from Dr Jones are ready';
    document.body.innerHTML = `<main><h1>Inbox</h1><a href="#m1">${subject}</a><a href="#m2">Other</a></main>`;
    const script = `done($${nameOf('Re: your')}.text());`;
    const fresh = fakeRunHost([answer(script)], undefined, { readDocument: read });
    await fresh.runs.start(start());
    const saved = (await finished(fresh.runs)).report!.savedElements!;
    expect(saved).toHaveLength(1);
    // The name is the script's own words; the locators keep none of the text.
    expect(JSON.stringify(saved[0]!.element.locators)).not.toMatch(/biopsy|Jones|results/i);
  });
});

describe('a replay on a page whose list a heading renamed ("Most read" → "Trending")', () => {
  // The page's own origin (happy-dom's): the executor answers from it.
  const NEWS = 'http://localhost:3000/news';
  // The list's own identity (a test id the site gave its container): a heading renamed, it is still that list.
  const news = (heading: string, other = '', own = 'most-popular') => `<main><h1>News</h1><aside><section><h2>${heading}</h2><ol${own ? ` data-testid="${own}"` : ''}>${[1, 2, 3, 4].map((i) =>
    `<li><span class="rank">${i}</span><a href="#s${i}"><span class="headline">Story ${i}</span></a></li>`).join('')}</ol></section>${other}</aside></main>`;
  const readNews = async (): Promise<PageDocument> => ({ ...buildPageDocument(document), url: NEWS });
  const listNamed = (heading: string) => buildPageDocument(document).sections.flatMap((s) => s.entries).find((e) => e.kind === 'list' && e.description === heading)!.name;

  async function savedRead(): Promise<{ script: string; lists: SavedList[]; oldName: string }> {
    document.body.innerHTML = news('Most read');
    const oldName = listNamed('Most read');
    const script = `done([$${oldName}[1].headline.text(), $${oldName}.length]);`;
    const { runs } = fakeRunHost([answer(script)], undefined, { readDocument: readNews });
    await runs.start(start());
    const run = await finished(runs);
    expect(run.report, JSON.stringify(run.report)).toMatchObject({ status: 'done', result: ['Story 2', 4] });
    return { script, lists: run.report!.savedLists!, oldName };
  }

  test('the saved list is found by its locators and item selector: positions read as saved, the new name reported', async () => {
    const { script, lists, oldName } = await savedRead();
    document.body.innerHTML = news('Trending');
    const newName = listNamed('Trending');
    expect(newName).not.toBe(oldName);
    const replay = fakeRunHost([], undefined, { readDocument: readNews });
    await replay.runs.start(start({ known: { plan: 'saved', elements: [], script }, knownLists: lists, maxRepairs: 0 }));
    const run = await finished(replay.runs);
    expect(run.report, JSON.stringify(run.report?.attempts)).toMatchObject({ status: 'done', modelCalls: 0, result: ['Story 2', 4] });
    expect(run.report!.renamed).toEqual([{ from: oldName, to: newName }]);
  });

  test('listFoundAgain: not a list of items of another shape there, nor one of two that fit as well', async () => {
    const { lists } = await savedRead();
    const kept = lists[0]!.list;
    const doc = () => ({ ...buildPageDocument(document), url: NEWS });
    const lists2 = () => doc().sections.flatMap((s) => s.entries).filter((e) => e.kind === 'list');
    document.body.innerHTML = news('Trending');
    expect(listFoundAgain(kept, doc())?.description).toBe('Trending');
    // A list where the saved one was (the same path and item selector) with nothing of its own, whose items have
    // other fields: not it.
    document.body.innerHTML = news('Trending', '', '').replaceAll('class="rank"', 'class="votes"').replaceAll('class="headline"', 'class="title"');
    expect(lists2().map((l) => l.kind === 'list' && l.fields)).toEqual([['votes', 'title']]);
    expect(listFoundAgain(kept, doc())).toBeUndefined();
    // Two lists that its locators find as well as each other: neither.
    document.body.innerHTML = news('Trending', news('Sport', '', 'sport').replace(/^<main><h1>News<\/h1><aside>|<\/aside><\/main>$/g, ''));
    const both = lists2();
    expect(both).toHaveLength(2);
    const paths = both.map((l) => l.locators.find((x) => x.by === 'css')!);
    const ids = both.map((l) => l.locators.find((x) => x.by === 'testid')!);
    expect(listFoundAgain({ ...kept, locators: [...paths, ...ids] }, doc())).toBeUndefined();
    expect(listFoundAgain({ ...kept, locators: [paths[1]!, ids[1]!] }, doc())?.description).toBe('Sport');
    // Its path alone is no list's own (review 3): the one there now is another list of the same shape.
    expect(listFoundAgain({ ...kept, locators: [paths[1]!] }, doc())).toBeUndefined();
  });
});

describe('a renamed element in a replay is found by its saved locators, after the late-name wait only right after an action', () => {
  const FORM = 'http://localhost:3000/todo';
  const form = (button: string) => `<main><form aria-label="Add todo" onsubmit="return false"><label for="t">New todo</label><input id="t">
    <button type="button" id="add">${button}</button></form></main>`;

  /**
   * Replays a script that (`typeFirst`) types, then clicks the button saved as "Add", on a page where it reads `label`;
   * the page reads it took.
   */
  async function replayReads(label: string, typeFirst = true): Promise<number> {
    document.body.innerHTML = form('Add');
    const name = nameOf('Add');
    const script = `${typeFirst ? `$${nameOf('New todo')}.type("Pay rent");\n` : ''}$${name}.click();\ndone("ok");`;
    const fresh = fakeRunHost([answer(script)], undefined, { readDocument: async () => ({ ...buildPageDocument(document), url: FORM }) });
    await fresh.runs.start(start());
    const elements = (await finished(fresh.runs)).report!.savedElements!;
    document.body.innerHTML = form(label);
    const clicked = recordClicks();
    let reads = 0;
    const replay = fakeRunHost([], undefined, { readDocument: async () => {
      reads++;
      return { ...buildPageDocument(document), url: FORM };
    } });
    await replay.runs.start(start({ known: { plan: 'saved', elements: [], script }, knownElements: elements, maxRepairs: 0 }));
    const run = await finished(replay.runs);
    expect(run.report, JSON.stringify(run.report?.attempts)).toMatchObject({ status: 'done', modelCalls: 0 });
    expect(clicked).toEqual([label]);
    return reads;
  }

  test('with no action just before: no more page reads than with the name unchanged (none spent waiting for it)', async () => {
    expect(await replayReads('Create', false)).toBe(await replayReads('Add', false));
  });

  test('right after an action the old name is waited for first (what the action brings may be it), then found by its locators', async () => {
    expect(await replayReads('Create')).toBeGreaterThan(await replayReads('Add'));
  });
});

describe('a list of the same shape is not the saved one (review 3)', () => {
  const SHOP = 'http://localhost:3000/shop';
  const readShop = async (): Promise<PageDocument> => ({ ...buildPageDocument(document), url: SHOP });
  // Two product grids of one shape: only a CSS path (nth-of-type) and an item selector of their own.
  const grid = (heading: string, tag: string, own = '') => `<section><h2>${heading}</h2><ul${own ? ` data-testid="${own}"` : ''}>${[1, 2, 3].map((i) =>
    `<li class="product"><a href="#${tag}${i}"><span class="title">Product ${tag}${i}</span></a><span class="price">$${i}.99</span><button type="button" data-p="${tag}${i}">Add to cart</button></li>`).join('')}</ul></section>`;
  const listNamed = (heading: string) => buildPageDocument(document).sections.flatMap((s) => s.entries).find((e) => e.kind === 'list' && e.description === heading)!.name;
  function recordCartAdds(): string[] {
    const added: string[] = [];
    document.querySelectorAll('button[data-p]').forEach((b) => b.addEventListener('click', () => added.push(b.getAttribute('data-p')!)));
    return added;
  }
  /** A fresh run adds the first deal to the cart; the script and what it saved of its lists. */
  async function savedDeals(own = ''): Promise<{ script: string; lists: SavedList[]; name: string }> {
    document.body.innerHTML = `<main><h1>Shop</h1>${grid("Today's deals", 'Deal', own)}${grid('Best sellers', 'Best')}</main>`;
    const name = listNamed("Today's deals");
    const script = `$${name}[0].add_to_cart.click();\ndone("added");`;
    const added = recordCartAdds();
    const { runs } = fakeRunHost([answer(script)], undefined, { readDocument: readShop });
    await runs.start(start({ task: 'add the first deal to the cart' }));
    const run = await finished(runs);
    expect(run.report, JSON.stringify(run.report)).toMatchObject({ status: 'done' });
    expect(added).toEqual(['Deal1']);
    return { script, lists: run.report!.savedLists!, name };
  }
  async function replay(script: string, lists: SavedList[], body: string): Promise<{ added: string[]; run: Awaited<ReturnType<typeof finished>> }> {
    document.body.innerHTML = body;
    const added = recordCartAdds();
    const { runs } = fakeRunHost([], undefined, { readDocument: readShop });
    await runs.start(start({ task: 'add the first deal to the cart', known: { plan: 'saved', elements: [], script }, knownLists: lists, maxRepairs: 0 }));
    return { added, run: await finished(runs) };
  }

  test('a field relabelled ("Add to cart" → "Add to basket"), same place in the row: the replay finds it there, 0 model calls (explorer, session 32)', async () => {
    const { script, lists } = await savedDeals();
    const body = `<main><h1>Shop</h1>${grid("Today's deals", 'Deal')}${grid('Best sellers', 'Best')}</main>`.replaceAll('>Add to cart<', '>Add to basket<');
    const { added, run } = await replay(script, lists, body);
    expect(run.report, JSON.stringify(run.report?.attempts?.[0]?.failure)).toMatchObject({ status: 'done', modelCalls: 0 });
    expect(added).toEqual(['Deal1']);
  });

  test('no deals today: nothing is added (a best seller used to be), the run fails and offers no rename', async () => {
    const { script, lists } = await savedDeals();
    const { added, run } = await replay(script, lists, `<main><h1>Shop</h1>${grid('Best sellers', 'Best')}</main>`);
    expect(added).toEqual([]);
    expect(run.report?.status).toBe('failed');
    expect(run.report?.renamed ?? []).toEqual([]);
  });

  test('three lists saved-page, two left (deals gone): nothing is added', async () => {
    const news = `<section class="news"><h2>New arrivals</h2><p>Just in this week.</p><ol>${[1, 2].map((i) => `<li><a href="#n${i}">New ${i}</a> <em>new</em></li>`).join('')}</ol></section>`;
    document.body.innerHTML = `<main><h1>Shop</h1>${grid("Today's deals", 'Deal')}${grid('Best sellers', 'Best')}${news}</main>`;
    const name = listNamed("Today's deals");
    const script = `$${name}[0].add_to_cart.click();\ndone("added");`;
    const { runs } = fakeRunHost([answer(script)], undefined, { readDocument: readShop });
    await runs.start(start());
    const lists = (await finished(runs)).report!.savedLists!;
    const { added, run } = await replay(script, lists, `<main><h1>Shop</h1>${grid('Best sellers', 'Best')}${news}</main>`);
    expect(added).toEqual([]);
    expect(run.report?.renamed ?? []).toEqual([]);
  });

  test('deals relabelled and moved below best sellers: best sellers are not acted on', async () => {
    const { script, lists } = await savedDeals();
    const { added } = await replay(script, lists, `<main><h1>Shop</h1>${grid('Best sellers', 'Best')}${grid('Deals of the day', 'Deal')}</main>`);
    expect(added).not.toContain('Best1');
  });

  test('with an identity of its own (a test id), relabelled and moved, it is found again and the new name reported', async () => {
    const { script, lists, name } = await savedDeals('deals');
    const { added, run } = await replay(script, lists, `<main><h1>Shop</h1>${grid('Best sellers', 'Best')}${grid('Deals of the day', 'Deal', 'deals')}</main>`);
    expect(added).toEqual(['Deal1']);
    expect(run.report).toMatchObject({ status: 'done', renamed: [{ from: name, to: listNamed('Deals of the day') }] });
  });

  test('never a list the page calls by another name the script uses', async () => {
    document.body.innerHTML = `<main><h1>Shop</h1>${grid("Today's deals", 'Deal', 'deals')}${grid('Best sellers', 'Best')}</main>`;
    const deals = listNamed("Today's deals");
    const best = listNamed('Best sellers');
    const script = `$${best}[1].add_to_cart.click();\n$${deals}[0].add_to_cart.click();\ndone("added");`;
    const { runs } = fakeRunHost([answer(script)], undefined, { readDocument: readShop });
    await runs.start(start());
    const lists = (await finished(runs)).report!.savedLists!;
    // Today the deals grid is gone and the best sellers' container took its test id.
    const { added, run } = await replay(script, lists, `<main><h1>Shop</h1>${grid('Best sellers', 'Best', 'deals')}</main>`);
    expect(added).toEqual(['Best2']);
    expect(run.report?.status).toBe('failed');
    expect(run.report?.renamed ?? []).toEqual([]);
  });
});

describe('an element found by saved locators is not a stale one of the page before (review 3)', () => {
  // A wizard whose steps share one "Continue" id (a shared component); the next step is drawn 300 ms after the click.
  const CHECKOUT = 'http://localhost:3000/checkout';
  const readCheckout = async (): Promise<PageDocument> => ({ ...buildPageDocument(document), url: CHECKOUT });
  const step = (heading: string) => `<main><section><h2>${heading}</h2><p>Fill in ${heading.toLowerCase()}.</p><button type="button" id="next">Continue</button></section></main>`;
  function wizard(clicks: string[]): void {
    document.body.innerHTML = step('Shipping');
    const wire = () => document.getElementById('next')!.addEventListener('click', () => {
      const at = document.querySelector('h2')!.textContent!;
      clicks.push(at);
      if (at === 'Shipping') setTimeout(() => {
        document.body.innerHTML = step('Payment');
        wire();
      }, 300);
    });
    wire();
  }
  const button = () => buildPageDocument(document).sections.flatMap((s) => s.entries).find((e) => e.kind === 'button')!.name;

  test('the replay waits for step 2\'s Continue as the fresh run did, and clicks each once', async () => {
    const fresh: string[] = [];
    wizard(fresh);
    const script = `$${button()}.click();\n$payment__continue_button.click();\ndone("ok");`;
    const first = fakeRunHost([answer(script)], undefined, { readDocument: readCheckout });
    await first.runs.start(start({ task: 'check out' }));
    const run = await finished(first.runs);
    expect(run.report, JSON.stringify(run.report?.attempts)).toMatchObject({ status: 'done' });
    expect(fresh).toEqual(['Shipping', 'Payment']);
    const clicks: string[] = [];
    wizard(clicks);
    const again = fakeRunHost([], undefined, { readDocument: readCheckout });
    await again.runs.start(start({ task: 'check out', known: { plan: 'saved', elements: [], script }, knownElements: run.report!.savedElements!, maxRepairs: 0 }));
    const replayed = await finished(again.runs);
    expect(clicks).toEqual(['Shipping', 'Payment']);
    expect(replayed.report).toMatchObject({ status: 'done' });
    expect(replayed.report?.renamed ?? []).toEqual([]);
  });

  test('two saved names with the same locators: neither is found by them on a page that has neither name', async () => {
    const fresh: string[] = [];
    wizard(fresh);
    const script = `$${button()}.click();\n$payment__continue_button.click();\ndone("ok");`;
    const first = fakeRunHost([answer(script)], undefined, { readDocument: readCheckout });
    await first.runs.start(start({ task: 'check out' }));
    const elements = (await finished(first.runs)).report!.savedElements!;
    expect(elements.map((e) => e.element.name)).toEqual(['shipping__continue_button', 'payment__continue_button']);
    expect(JSON.stringify(elements[0]!.element.locators)).toBe(JSON.stringify(elements[1]!.element.locators));
    // The first step is called "Delivery" now: its button is either saved name as much as the other.
    document.body.innerHTML = step('Delivery');
    const clicks = recordClicks();
    const again = fakeRunHost([], undefined, { readDocument: readCheckout });
    await again.runs.start(start({ task: 'check out', known: { plan: 'saved', elements: [], script }, knownElements: elements, maxRepairs: 0 }));
    const replayed = await finished(again.runs);
    expect(clicks).toEqual([]);
    expect(replayed.report?.status).toBe('failed');
    expect(replayed.report?.attempts?.[0]?.failure).toMatchObject({ name: 'NotFoundError' });
  });
});
