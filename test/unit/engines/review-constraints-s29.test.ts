import { describe, expect, test } from 'vitest';
import { completeScript, viableScriptPrefix } from '../../../workers/engines/decoding/script-prefix.ts';
import { NameConstraint } from '../../../workers/engines/decoding/name-constraint.ts';
import { syntaxRefusal as refusal } from './syntax-refusal.ts';

/**
 * Review (session 29) of the script constraints: valid scripts they made impossible to write, and prefixes they let a
 * model write from which no whole script could follow.
 */

describe('valid scripts the syntax constraint refused', () => {
  test.each([
    // An object literal's keys are no variables (`done({ title` is a key being written, not an undeclared read).
    'const first = $inbox__messages[0];\ndone({ subject: first.subject.text(), sender: first.sender.text() });',
    'const a = Array.from({ length: 3 }, (_, i) => i);\ndone(a);',
    // Escapes in a template literal (the bundled tokenizer writes `\n` as `\` then `n`).
    'const n = 2;\nsay(`Archived ${n}\\nmessages`);',
    // JSON and console are globals of the interpreter.
    'done(JSON.stringify($inbox__messages.map((m) => m.subject.text())));',
    'console.log($inbox__messages.length);',
    // `case` and `default` (the bundled tokenizer has no `case` token).
    'switch ($inbox__messages.length) {\n  case 0:\n    done("none");\n    break;\n  default:\n    done("some");\n}',
    // Spread and optional chaining (the bundled tokenizer has no `...` or `?.` token).
    'const prices = $shop__items.map((i) => parseFloat(i.price.text()));\ndone(Math.max(...prices));',
    'const item = $shop__items.find((i) => i.title.text() === "Lamp");\ndone(item?.price.text());',
    // Destructured and rest parameters.
    'const counts = { a: 1 };\ndone(Object.entries(counts).map(([k, v]) => k + v));',
    'const rows = [{ a: 1 }];\ndone(rows.map(({ a }) => a));',
    'const sum = (...xs) => xs.length;\ndone(sum(1, 2));',
    // (`)=` may become `) =>` there, and still `) ===` here.)
    'const a = 1;\nconst b = 2;\nif ((a + b) === 3) done(a);',
  ])('%j can be written character by character', (script) => {
    expect(completeScript(script)).toBe(true);
    expect(refusal(script)).toBeNull();
  });
});

describe('prefixes with no whole script after them', () => {
  test('a quoted string inside a template literal\'s ${…} lets the script end, and refuses junk after it', () => {
    const script = 'say(`Found: ${$inbox__messages.map((m) => m.subject.text()).join(", ")}`);';
    expect(completeScript(script)).toBe(true);
    expect(viableScriptPrefix(`${script}\n)))`)).toBe(false);
    expect(viableScriptPrefix('say(`Found: ${x.join(", ") y')).toBe(false);
    expect(refusal(`const x = [];\n${script.replace('$inbox__messages.map((m) => m.subject.text())', 'x')}`)).toBeNull();
  });

  test('a label is refused where it is written (the interpreter takes one only on a loop, and in a small model\'s output it is a call or key gone wrong)', () => {
    expect(viableScriptPrefix('a:')).toBe(false);
    expect(viableScriptPrefix('outer: for')).toBe(false);
    expect(viableScriptPrefix('if (x) {\n  done:')).toBe(false);
    expect(viableScriptPrefix('const o = { a:')).toBe(true);
    expect(viableScriptPrefix('const x = 1;\nswitch (x) {\n  case 1:')).toBe(true);
  });

  test('a backslash in code (a name escape such as `say\\u0061`, never the name declared) is not written', () => {
    expect(viableScriptPrefix('say\\')).toBe(false);
    expect(viableScriptPrefix('const s = "a\\')).toBe(true);
  });

  test('`var`, which the interpreter refuses, is not written; `instanceof`, which it runs (session 35), is', () => {
    expect(completeScript('var n = 1;')).toBe(false);
    expect(completeScript('const a = [];\ndone(a instanceof Array);')).toBe(true);
    expect(viableScriptPrefix('const a = [];\ndone(a instanceof')).toBe(true);
    expect(viableScriptPrefix('const a = [];\ndone(a ins')).toBe(true);
    expect(viableScriptPrefix('const a = [];\ndone(a i')).toBe(true); // `in`
    expect(viableScriptPrefix('va')).toBe(false);
    expect(viableScriptPrefix('for (var i')).toBe(false);
    expect(viableScriptPrefix('v')).toBe(true); // `void`
  });
});

describe('optional chaining on a page handle', () => {
  // `find` gives null when no item matches: `?.` is how a script acts only on a match.
  const PIECES = ['', '$', 'inbox__messages', '.find("Hello")', '?', '.', 'archive', '.click();', '?.', '+'];
  const id = (piece: string) => PIECES.indexOf(piece);

  test('`$list.find(…)?.field.click()` may be written, `?` then anything but `.` may not', () => {
    const constraint = new NameConstraint(['inbox__messages'], PIECES, [0], { lists: { inbox__messages: ['subject', 'archive'] }, elements: [] });
    for (const piece of ['$', 'inbox__messages', '.find("Hello")']) constraint.accept(id(piece));
    expect(constraint.allows(id('?.'))).toBe(true);
    expect(constraint.allows(id('?'))).toBe(true);
    constraint.accept(id('?'));
    expect(constraint.allows(id('+'))).toBe(false);
    expect(constraint.allows(id('.'))).toBe(true);
    constraint.accept(id('.'));
    expect(constraint.allows(id('archive'))).toBe(true);
    constraint.accept(id('archive'));
    expect(constraint.allows(id('.click();'))).toBe(true);
  });
});
