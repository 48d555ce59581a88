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
