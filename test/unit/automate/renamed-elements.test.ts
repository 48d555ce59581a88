// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { hashedText, rememberedElement } from '../../../extension/features/automate/remembered-element.ts';
import { withNamesRenamed } from '../../../extension/features/automate/replayable.ts';
import type { AutomateStart, SavedElement } from '../../../extension/features/automate/run-state.ts';
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
