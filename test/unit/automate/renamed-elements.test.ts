// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { rememberedElement } from '../../../extension/features/automate/remembered-element.ts';
import { withNamesRenamed } from '../../../extension/features/automate/replayable.ts';
import type { AutomateStart, SavedElement } from '../../../extension/features/automate/run-state.ts';
import type { ElementEntry, PageDocument } from '../../../extension/protocol/schemas.ts';
import { fakeRunHost, finished, TAB } from './run-host-rig.ts';

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

  test('an id, or a role and name, is enough; a CSS path alone is not', () => {
    document.body.innerHTML = page('Archive');
    const byId = rememberedElement(saved([{ by: 'id', value: 'archive-btn' }]), 'mail_actions__old_button', doc());
    expect(byId?.description).toMatch(/^Archive/);
    const byRole = rememberedElement(saved([{ by: 'role', role: 'button', value: 'Print' }]), 'mail_actions__old_button', doc());
    expect(byRole?.description).toMatch(/^Print/);
    const css = doc().sections.flatMap((s) => s.entries).find((e) => e.kind !== 'list' && e.description.startsWith('Print'))!.locators.find((l) => l.by === 'css')!;
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
