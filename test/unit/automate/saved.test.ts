import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { deleteScript, fillParams, listScripts, paramsOf, saveScript } from '../../../extension/features/automate/saved.ts';
import { holesInTask } from '../../../extension/features/automate/params.ts';
import { runScript } from '../../../extension/sandbox/interpreter/run.ts';
import { mathCapabilities } from '../../../extension/sandbox/capabilities/math.ts';
import type { SavedList } from '../../../extension/features/automate/run-state.ts';

describe('saved scripts', () => {
  test('{{params}} are found once each and filled as literal text, never code', async () => {
    const source = 'const q = "{{query}}";\nconst again = `{{ query }}-{{n}}`;\nanswer(q + "|" + again);';
    expect(paramsOf(source)).toEqual(['query', 'n']);
    const hostile = '"); answer("pwned"); ("${1}`\'\\';
    const filled = fillParams(source, { query: hostile, n: '2' });
    const run = await runScript(filled, mathCapabilities());
    expect(run.ok, run.error?.message).toBe(true);
    expect(run.result).toBe(`${hostile}|${hostile}-2`);
    expect(() => fillParams(source, { query: 'x' })).toThrow(/\{\{n\}\}/);
  });

  test('a {{param}} outside quotes or in a comment is refused (saving and replay); separators in values stay text', async () => {
    expect(() => fillParams('$box.type({{q}});', { q: '1); $delete.click(' })).toThrow(/must be inside quotes/);
    expect(() => fillParams('// {{q}}\nanswer(1);', { q: 'x' })).toThrow(/must be inside quotes/);
    expect(() => fillParams('answer(1); /* {{q}}', { q: '*/ answer(2); //' })).toThrow(/does not read as a script/);
    await expect(saveScript('http://127.0.0.1:1', 'bad', 'answer({{q}});')).rejects.toThrow(/must be inside quotes/);
    await expect(saveScript('http://127.0.0.1:1', 'accented', 'answer("{{città}}");')).rejects.toThrow(/not a parameter name/);
    await expect(saveScript('null', 'local file', 'answer(1);')).rejects.toThrow(/web sites/);
    await expect(saveScript('http://127.0.0.1:1', 'long', `answer("${'x'.repeat(20_001)}");`)).rejects.toThrow(/20,000 at most/);
    const filled = fillParams('const q = "{{q}}"; answer(q);', { q: 'a\u2028b\u2029c' });
    const run = await runScript(filled, mathCapabilities());
    expect(run.ok, run.error?.message).toBe(true);
    expect(run.result).toBe('a\u2028b\u2029c');
  });

  test('a value ending in $ before a { stays text in a template (no ${…} is opened); a hole after a backslash is refused', async () => {
    for (const [source, values, expected] of [
      ['const n = 6; answer(`{{cur}}{{amount}}`);', { cur: 'US$', amount: '{n * 7}' }, 'US${n * 7}'],
      ['const total = 5; answer(`{{q}}{total}`);', { q: 'price $' }, 'price ${total}'],
      ['answer("{{a}}" + \'{{a}}\');', { a: '$$' }, '$$$$'],
    ] as const) {
      const run = await runScript(fillParams(source, values), mathCapabilities());
      expect(run.ok, run.error?.message).toBe(true);
      expect(run.result).toBe(expected);
    }
    expect(() => fillParams('const t = "C:\\{{dir}}";\nanswer(t);', { dir: '";answer(6*7)//' })).toThrow(/follows a backslash/);
    const doubled = await runScript(fillParams('answer("C:\\\\{{dir}}");', { dir: '";answer(6*7)//' }), mathCapabilities());
    expect(doubled.result).toBe('C:\\";answer(6*7)//');
  });

  test('saved per site, listed per site, replaced by name, deleted', async () => {
    const a = await saveScript('http://127.0.0.1:1', 'search', '$s.type("{{query}}");');
    await saveScript('http://127.0.0.1:1', 'other', 'done(1);');
    await saveScript('http://127.0.0.1:2', 'search', 'done(2);');
    expect(await saveScript('http://127.0.0.1:1', 'search', '$s.type("{{q}}");')).toBe(a);
    const rows = await listScripts('http://127.0.0.1:1');
    expect(rows.map((r) => r.name).sort()).toEqual(['other', 'search']);
    expect(rows.find((r) => r.name === 'search')!.params).toEqual(['q']);
    await deleteScript(a);
    expect((await listScripts('http://127.0.0.1:1')).map((r) => r.name)).toEqual(['other']);
  });
});

test('a script is saved with the lists it still names (after the user\'s edits); saving it again replaces them', async () => {
  const list = (name: string): SavedList => ({ pattern: '/', list: { name, kind: 'list', description: '', count: 0, fields: ['title'], actions: [], slots: [], samples: [], itemSelector: ':scope > li', locators: [{ by: 'id', value: name }] } });
  const origin = 'http://127.0.0.1:3';
  await saveScript(origin, 'lists', 'done($a__items.length);', 'count', [list('a__items'), list('b__items')]);
  expect((await listScripts(origin))[0]!.lists?.map((l) => l.list.name)).toEqual(['a__items']);
  await saveScript(origin, 'lists', 'done(1);', 'count', [list('a__items')]);
  const [row] = await listScripts(origin);
  expect(row!.lists).toBeUndefined();
  expect(row!.task).toBe('count');
});

test('a script that does not parse, or is outside the script language, is refused at saving (it could never replay)', async () => {
  await expect(saveScript('http://127.0.0.1:4', 'broken', '$a.type("{{q}}"')).rejects.toMatchObject({ name: 'ValidationError', message: expect.stringMatching(/could never replay/) });
  // Outside the language the interpreter runs (no `var`, no `new`): refused too.
  await expect(saveScript('http://127.0.0.1:4', 'var', 'var x = 1;\ndone(x);')).rejects.toMatchObject({ name: 'ValidationError', message: expect.stringMatching(/could never replay.*var/) });
  expect(await listScripts('http://127.0.0.1:4')).toEqual([]);
  await expect(saveScript('http://127.0.0.1:4', 'ok', 'const x = await $a.text();\nif (!x) return;\ndone(x);')).resolves.toBeGreaterThan(0);
});

test('names every object already has (constructor, __proto__, toString) are refused as params at saving (review, session 14)', async () => {
  const { checkParamPlaces } = await import('../../../extension/features/automate/params.ts');
  for (const name of ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty']) {
    expect(() => checkParamPlaces(`$box.type("{{${name}}}");`)).toThrow(/cannot be a parameter name/);
  }
  expect(() => checkParamPlaces('$box.type("{{query}}");')).not.toThrow();
});

// Explorer, session 34: replaced with the Task field cleared, a script kept its old task ("…search for {{query}}").
test('a script replaced with no task keeps no task of the one it replaced', async () => {
  const site = 'http://127.0.0.1:5';
  await saveScript(site, 'A', '$box.type("{{query}}");', 'search for {{query}}');
  await saveScript(site, 'A', '$box.type("shoes");');
  const [row] = (await listScripts(site)).filter((r) => r.name === 'A');
  expect(row).toMatchObject({ source: '$box.type("shoes");', params: [] });
  expect(row!.task).toBeUndefined();
});

// Explorer, session 34: saved with "{{query}}" in its script, a script's task still said "search for shoes", and a
// replay with query=boots showed that task.
test('a value the user made a hole in the script is that hole in the task too', () => {
  const run = '$search__query.type("shoes");\n$search__go_button.click();\ndone($results__items.length);';
  expect(holesInTask(run, run.replace('"shoes"', '"{{query}}"'), 'Search for shoes and count them')).toBe('Search for {{query}} and count them');
  const form = '$f__a.type("Ada");\n$f__b.type("Lovelace");\n$f__a.type("Ada");';
  expect(holesInTask(form, '$f__a.type("{{first}}");\n$f__b.type("{{last}}");\n$f__a.type("{{first}}");', 'Fill Ada Lovelace')).toBe('Fill {{first}} {{last}}');
  // One hole over two values: which one the task names cannot be told.
  expect(holesInTask(form, '$f__a.type("{{x}}");\n$f__b.type("{{x}}");\n$f__a.type("Ada");', 'Fill Ada Lovelace')).toBe('Fill Ada Lovelace');
  // No hole made, the hole already in the task, a script rewritten beyond lining up, a one-letter value: as it was.
  expect(holesInTask(run, run, 'Search for shoes')).toBe('Search for shoes');
  expect(holesInTask(run, run.replace('"shoes"', '"{{query}}"'), 'Search for {{query}} (shoes)')).toBe('Search for {{query}} (shoes)');
  expect(holesInTask(run, 'done("{{q}}");', 'Search for shoes')).toBe('Search for shoes');
  expect(holesInTask('a("x");', 'a("{{q}}");', 'x marks')).toBe('x marks');
  // Whole words only, never inside a hole (review, session 34: "ordered" became "or{{c}}ed").
  const colour = '$f__colour.type("red");\n$f__year.type("10");';
  expect(holesInTask(colour, '$f__colour.type("{{c}}");\n$f__year.type("{{y}}");', 'find red shoes, ordered by price, from 2010 or 10'))
    .toBe('find {{c}} shoes, ordered by price, from 2010 or {{y}}');
  expect(holesInTask('$a.type("city");\n$b.type("x y");', '$a.type("{{city}}");\n$b.type("{{x}}");', 'city x y (price 1.5)')).toBe('{{city}} {{x}} (price 1.5)');
  expect(holesInTask('$a.type("1.5");', '$a.type("{{p}}");', 'price 1.5 not 125')).toBe('price {{p}} not 125');
});
