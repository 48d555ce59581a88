// @vitest-environment happy-dom
/**
 * Found in the second review (session 24): a `$name` was masked whole when it held only the first letters of a secret
 * (`$login__password` for "Password1!"), and scripts lost their names to it; the loose pattern backtracked
 * exponentially; a name after a JSON `\n`, or a document's `"name"`, was not read as a name; a weak secret (a PIN) stayed
 * in names and was matched in one case only.
 */
import { describe, expect, test } from 'vitest';
import type { PageDocument } from '../../../extension/protocol/schemas.ts';
import { hiddenSecrets } from '../../../extension/features/automate/run-host.ts';
import type { AutomateStart } from '../../../extension/features/automate/run-state.ts';
import { fakeRunHost, finished, until } from './run-host-rig.ts';

const hide = (text: string, value: string, name = '') => hiddenSecrets(text, [[name, value, true]]);
const answer = (script: string) => JSON.stringify({ plan: 'p', elements: [], script });
const start = (extra: Partial<AutomateStart>): AutomateStart => ({ tabId: 7, task: 'log in', model: 'fake', ...extra });
const promptOf = (request: string) => (JSON.parse(request) as { prompt: string }).prompt;

describe('a `$name` is hidden only when it holds the whole secret', () => {
  test.each([
    ['$login__password.type(p);', 'Password1!'],
    ['$page__checkout_button.click();', 'Checkout#1'],
    ['$login__password_field and $page__passwords_link', 'Password1!'],
    ['$page__correcthorsebattery_button', 'correcthorsebatterystaplemoonlightriver42'],
  ])('%j stays with secret %j', (text, secret) => {
    expect(hide(text, secret)).toBe(text);
  });

  test.each([
    ['$page__use_password1_button.click()', 'Password1!', '$•••.click()'],
    ['$page__use_tr0ub4dor_3_x_button', 'Tr0ub4dor&3!x', '$•••'],
    // A slug stops at 40 characters: the name holds the secret's head up to its end.
    ['$page__correcthorsebatterystaplemoonlightriver4_button', 'correcthorsebatterystaplemoonlightriver42', '$•••'],
    ['$page__use_tr0ub4dor_3_x_1234567_button', 'Tr0ub4dor&3!x 1234567 abcdefghijklmnop', '$•••'],
    // A slug keeps 3 or 4 words: "Please use Tr0ub4dor&3!x" is cut after the secret's "3" (review, session 24).
    ['$page__please_use_tr0ub4dor_3_button', 'Tr0ub4dor&3!x', '$•••'],
    ['$page__use_correct_horse_battery_button', 'correct horse battery staple', '$•••'],
    ['{"name":"page__please_use_tr0ub4dor_3_button"}', 'Tr0ub4dor&3!x', '{"name":"•••"}'],
  ])('%j is hidden whole', (text, secret, hidden) => {
    expect(hide(text, secret)).toBe(hidden);
  });

  test('the repair prompt names the password field, and the attempt\'s script keeps its names', async () => {
    document.body.innerHTML = `<form aria-label="Login" onsubmit="return false"><label for="pw">Password</label><input id="pw">
      <button type="button">Checkout</button></form>`;
    const { runs, prompts } = fakeRunHost([answer('const p = ask("What is your password?");\n$login__password.type(p);\n$nope.click();'), answer('done(1);')]);
    await runs.start(start({ maxRepairs: 1, keepPrompts: true }));
    const asking = await until(runs, (run) => run.question !== null);
    runs.respond(asking.runId, { answer: { id: asking.question!.id, text: 'Password1!' } });
    const done = await finished(runs);
    expect(done.status).toBe('done');
    const repair = promptOf(prompts[1]!);
    expect(repair).not.toContain('Password1');
    expect(repair).toContain('$login__password');
    expect(repair).not.toContain('$•••');
    expect(done.report?.attempts[0]?.answer?.script).toContain('$login__password.type(p)');
  });

  test('a script keeps a `$name` even when it holds the secret; its string literals lose it', async () => {
    document.body.innerHTML = `<form aria-label="Login" onsubmit="return false"><label for="pw">Pass</label><input id="pw">
      <button type="button">Use Tr0ub4dor&amp;3!x</button></form>`;
    const script = 'const p = ask("What is your password?");\n$login__pass.type(p);\nsay("Tr0ub4dor&3!x");\n$login__use_tr0ub4dor_3_x_button.click();\ndone(1);';
    const { runs } = fakeRunHost([answer(script)]);
    await runs.start(start({ maxRepairs: 0 }));
    const asking = await until(runs, (run) => run.question !== null);
    runs.respond(asking.runId, { answer: { id: asking.question!.id, text: 'Tr0ub4dor&3!x' } });
    const done = await finished(runs);
    expect(done.status).toBe('done');
    const kept = done.report?.attempts[0]?.answer?.script ?? '';
    expect(kept).toContain('$login__use_tr0ub4dor_3_x_button.click()');
    expect(kept).toContain('say("•••")');
    expect(kept).not.toContain('$•••');
  });
});

describe('the loose pattern takes linear time', () => {
  /** The median time of hiding `secret` in `unit` repeated to about `size` characters. */
  const timed = (unit: string, size: number, secret: string) => {
    const text = unit.repeat(Math.ceil(size / unit.length));
    const times = Array.from({ length: 5 }, () => {
      const began = performance.now();
      hide(text, secret);
      return performance.now() - began;
    }).sort((a, b) => a - b);
    return times[2]!;
  };
  // Ten times the text takes about ten times as long (a pattern that backtracks would take a hundred times): a ratio
  // of two times measured side by side, so a slow or busy machine does not change it.
  test.each([
    ['x#9!k@2&m$7%q^w', 'x___9___k___2___m___7___q___Z '],
    ['a!!b!!c!!d!!e!!f!!g!!h!!i', 'a__b__c__d__e__f__g__h__Z '],
    ['a!!b!!c!!d!!e!!f!!g!!h!!i', 'a!!b!!c!!d!!e!!f!!g!!h!!Z!!'],
    ['Tr0ub4dor&3!x#', 'tr0ub4dor %%% 3 '],
    ['p\u00e4ssw\u00f6rd#1&2', 'p%C3%A4ssw%C3%B6rd%C3%A4%C3%A4 '],
  ])('%j on %j many times', (secret, unit) => {
    hide('warm', secret);
    const small = timed(unit, 20_000, secret);
    const large = timed(unit, 200_000, secret);
    expect(large / Math.max(small, 0.05), `${small.toFixed(2)} ms vs ${large.toFixed(2)} ms`).toBeLessThan(40);
  });
});

describe('names in JSON-escaped text and in a document\'s JSON', () => {
  test('a name after `\\n` is a name: hidden whole or left whole', () => {
    const raw = JSON.stringify({ script: 'const p = 1;\n$page__use_tr0ub4dor_3_x_button.click();\n$page__use_card_button.click();' });
    const hidden = hide(raw, 'Tr0ub4dor&3!x', 'password');
    expect(hidden).toContain('\\n$•••.click();\\n$page__use_card_button.click()');
    expect(hidden).not.toMatch(/\$page__use_(?:•|\{\{)/u);
  });

  test('a document\'s `"name"` is hidden whole', () => {
    const doc = JSON.stringify({ name: 'login__use_tr0ub4dor_3_x_button', description: 'Use Tr0ub4dor&3!x' });
    const hidden = JSON.parse(hide(doc, 'Tr0ub4dor&3!x')) as { name: string; description: string };
    expect(hidden.name).toBe('•••');
    expect(hidden.description).toBe('Use •••');
  });

  test('the pages recorded for the site document have no secret in their names', async () => {
    document.body.innerHTML = `<form aria-label="Login" onsubmit="return false"><label for="pw">Pass</label><input id="pw"></form>
      <a href="#next" id="go">Continue</a><div id="chips"></div>`;
    document.querySelector('#pw')!.addEventListener('input', (event) => {
      document.querySelector('#chips')!.innerHTML = `<button type="button">Use ${(event.target as HTMLInputElement).value}</button>`;
    });
    const recorded: PageDocument[] = [];
    const script = '$login__pass.type("{{password}}");\n$page__continue_link.click();\ndone(1);';
    const { runs } = fakeRunHost([], undefined, { onNavigated: (from, _element, to) => void recorded.push(from, to) });
    await runs.start(start({ known: { plan: 'saved', elements: [], script }, params: { password: 'Tr0ub4dor&3!x' }, userValues: ['Tr0ub4dor&3!x'], maxRepairs: 0 }));
    const done = await finished(runs);
    expect(done.status, JSON.stringify(done.report?.summary ?? done.error)).toBe('done');
    expect(recorded.length).toBeGreaterThan(0);
    expect(JSON.stringify(recorded).toLowerCase()).not.toContain('tr0ub4dor');
    expect(JSON.stringify(recorded)).not.toMatch(/"name":"[^"]*(?:•|\{\{)[^"]*[\p{L}]"/u);
  });
});

describe('a weak secret', () => {
  test('a PIN hides a name that has it as a part, not one that has it inside a part', () => {
    expect(hide('$page__code_4821_link and $page__code_48210_link', '4821')).toBe('$••• and $page__code_48210_link');
  });
  test('"Ab3$x" hides `$page__use_ab3_x_button`', () => {
    expect(hide('$page__use_ab3_x_button; $page__use_ab3_xy_button', 'Ab3$x')).toBe('$•••; $page__use_ab3_xy_button');
  });
  test('a word secret in any case, as a whole word', () => {
    expect(hide('dragons, DRAGONS, Dragons; Dragonstone', 'dragons')).toBe('•••, •••, •••; Dragonstone');
  });
});
