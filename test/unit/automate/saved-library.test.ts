import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import {
  deleteScript, filterScripts, freeName, getScript, listScripts, renameScript, replaceSource, restoreScript, saveScript, scriptName, valuesProblem,
} from '../../../extension/features/automate/saved.ts';

/** The saved-script library's storage (exploratory test, session 22). */
const site = (n: number) => `http://127.0.0.1:${2200 + n}`;

test('Undo of a deletion never makes two scripts of one name: a script saved under that name since keeps it, the old one comes back as "A (restored)"', async () => {
  const origin = site(1);
  const id = await saveScript(origin, 'A', 'done(1);');
  const old = (await getScript(id))!;
  await deleteScript(id);
  await saveScript(origin, 'A', 'done(2);');
  const restored = await restoreScript(old);
  expect(restored).toMatchObject({ id, name: 'A (restored)', source: 'done(1);' });
  expect((await listScripts(origin)).map((row) => row.name)).toEqual(['A (restored)', 'A']);
  // Undone again after another such round: the next free name.
  await deleteScript(id);
  await saveScript(origin, 'A (restored)', 'done(3);');
  expect((await restoreScript(restored)).name).toBe('A (restored) (restored)');
  // With no clash it comes back as it was, at its place.
  const b = await saveScript(origin, 'B', 'done(4);');
  const rowB = (await getScript(b))!;
  await deleteScript(b);
  expect(await restoreScript(rowB)).toEqual(rowB);
});

test('a free name stays within the 200 characters a name is stored with', () => {
  const long = 'x'.repeat(200);
  expect(freeName(long, new Set([long]))).toBe(`${'x'.repeat(189)} (restored)`);
  expect(freeName('A', new Set(['A', 'A (restored)']))).toBe('A (restored 2)');
  expect(scriptName(`  ${'y'.repeat(250)}`)).toBe('y'.repeat(200));
  expect(scriptName('   ')).toBe('script');
});

test('replacing a script keeps its place in the list (createdAt) and records when it changed', async () => {
  const origin = site(2);
  for (const name of ['A', 'B', 'C']) {
    await saveScript(origin, name, 'done(1);');
    await new Promise((r) => setTimeout(r, 2));
  }
  const [a] = await listScripts(origin);
  await new Promise((r) => setTimeout(r, 2));
  await saveScript(origin, 'A', 'done(2);');
  const rows = await listScripts(origin);
  expect(rows.map((row) => row.name)).toEqual(['A', 'B', 'C']);
  expect(rows[0]!.createdAt).toBe(a!.createdAt);
  expect(rows[0]!.updatedAt).toBeGreaterThan(a!.createdAt);
});

test('rename: refused onto another script\'s name, cut like a saved name; a repaired source replaces the source by id, keeping name and task', async () => {
  const origin = site(3);
  const a = await saveScript(origin, 'A', '$s.type("{{q}}");', 'search for things');
  await saveScript(origin, 'B', 'done(1);');
  await expect(renameScript(a, ' B ')).rejects.toThrow(/already saved/);
  expect(await renameScript(a, 'A2')).toBe('A2');
  expect(await renameScript(a, 'z'.repeat(300))).toBe('z'.repeat(200));
  const replaced = await replaceSource(a, '$t.type("{{q}}");\ndone(2);');
  expect(replaced).toMatchObject({ id: a, name: 'z'.repeat(200), task: 'search for things', params: ['q'], source: '$t.type("{{q}}");\ndone(2);' });
  await deleteScript(a);
  await expect(replaceSource(a, 'done(3);')).rejects.toThrow(/no longer saved/);
  await expect(renameScript(a, 'C')).rejects.toThrow(/no longer saved/);
});

test('a filter matches every word in the name or the task; a replay\'s values are checked (empty, over 4,000 characters) before it is sent', () => {
  const rows = [{ name: 'Search mail', task: 'find invoices', origin: 'o', source: '', params: [], createdAt: 1 },
    { name: 'Archive', task: 'archive old mail', origin: 'o', source: '', params: [], createdAt: 2 }];
  expect(filterScripts(rows, 'MAIL').map((row) => row.name)).toEqual(['Search mail', 'Archive']);
  expect(filterScripts(rows, 'old mail').map((row) => row.name)).toEqual(['Archive']);
  expect(filterScripts(rows, '  ')).toHaveLength(2);
  expect(valuesProblem(['q', 'n'], { q: 'x', n: ' ' })).toEqual({ param: 'n', message: 'fill in "n" before replaying' });
  expect(valuesProblem(['q'], { q: 'x'.repeat(4001) })).toEqual({ param: 'q', message: '"q" is 4,001 characters; a value may have 4,000 at most' });
  expect(valuesProblem(['q'], { q: 'x'.repeat(4000) })).toBeUndefined();
});
