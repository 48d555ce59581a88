// @vitest-environment happy-dom
/**
 * Controls named alike in a section, told apart by number only, say the words of the row each sits in (explorer,
 * session 44: `revoke_button`, `revoke_button_2` — which one is the staging key's?). Names stay as they were.
 */
import { expect, test } from 'vitest';
import { build, entry, names } from './helpers.ts';
import { renderDocument } from '../../../extension/content/document/render.ts';

const keys = `<main><h1>API keys</h1><ul class="keys"><li><span>Production</span> <code>pk_live_9f2a</code> <button>Revoke</button></li>
  <li><span>Staging</span> <code>pk_test_11bc</code> <button>Revoke</button></li></ul></main>`;

test('two Revoke buttons: numbered as before, each with its row\'s words', () => {
  const doc = build(keys);
  expect(names(doc)).toEqual(['api_keys__revoke_button', 'api_keys__revoke_button_2']);
  expect(entry(doc, 'api_keys__revoke_button').row).toBe('Production pk_live_9f2a');
  expect(entry(doc, 'api_keys__revoke_button_2').row).toBe('Staging pk_test_11bc');
  expect(renderDocument(doc)).toContain('$api_keys__revoke_button_2 button "Revoke" in "Staging pk_test_11bc"');
});

test('controls told apart by their own keys, and lone controls, say no row', () => {
  const doc = build(keys.replace('<button>Revoke</button>', '<button id="revoke-live">Revoke</button>').replace('<button>Revoke</button></li></ul>', '<button id="revoke-test">Revoke</button></li></ul>'));
  expect(doc.sections.flatMap((s) => s.entries).map((e) => ('row' in e ? e.row : undefined))).toEqual([undefined, undefined]);
  expect(entry(build('<main><h1>Keys</h1><div><span>Production</span><button>Revoke</button></div></main>'), 'keys__revoke_button').row).toBeUndefined();
});

test('a menu open for one row says that row, as does the button that opened it; the page\'s own menu says none', () => {
  const row = (file: string, size: string, menu = '') => `<li class="file"><span>${file}</span> <span>${size}</span>
    <button aria-label="More actions" aria-expanded="${menu ? 'true' : 'false'}"${menu ? ' aria-controls="rm"' : ''}>⋮</button>${menu}</li>`;
  const doc = build(`<header><button aria-expanded="true" aria-controls="acc">Account</button><ul role="menu" id="acc"><li><a role="menuitem" href="/p">Profile</a></li></ul></header>
    <main><h1>Files</h1><ul>${row('report.pdf', '2 MB')}${row('budget.xlsx', '1 MB', '<div role="menu" id="rm"><button role="menuitem">Rename</button><button role="menuitem">Move to trash</button></div>')}${row('notes.txt', '4 KB')}${row('photo.png', '3 MB')}</ul></main>`);
  const rowOf = (name: string) => (e => (e.kind === 'list' ? undefined : e.row))(doc.sections.flatMap((s) => s.entries).find((e) => e.name === name)!);
  expect(['files__rename_menuitem', 'files__move_to_trash_menuitem'].map(rowOf)).toEqual(['budget.xlsx 1 MB', 'budget.xlsx 1 MB']);
  // Session 46: the row with its menu open is one of the list (cards of one class a part apart), its button a slot.
  expect(doc.sections.flatMap((s) => s.entries).filter((e) => e.kind === 'button' && e.state?.expanded).map((e) => [e.name, rowOf(e.name)]))
    .toEqual([['header__account_button', undefined]]);
  expect(doc.sections.flatMap((s) => s.entries).find((e) => e.kind === 'list')).toMatchObject({ count: 4 });
  expect(rowOf('header__profile_menuitem')).toBeUndefined();
});
