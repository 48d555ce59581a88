// @vitest-environment happy-dom
/**
 * Late fill (second security review, session 25): a secret's value never enters the sandbox of a script the user did
 * not approve — a repair keeps a secret parameter's hole as a plain string, an ask() answer comes back as a token,
 * reads give the token back — and the page bridge puts the value in only for `type(token)` (or `select(token)`) on a
 * place for that secret. So no transform of the string (reversed, cut in pieces, char codes, an address) hands the
 * page any form of the secret. The saved script's own first attempt runs as it was saved, refused nothing.
 * (Each test here failed before late fill: the repair held the value, or the as-saved attempt was refused.)
 */
import { beforeEach, describe, expect, test } from 'vitest';
import type { AutomateStart } from '../../../extension/features/automate/run-state.ts';
import { savedSecretTargets, savedTypeTargets } from '../../../extension/features/automate/secret-guard.ts';
import type { ActRequest } from '../../../extension/protocol/schemas.ts';
import { fakeRunHost, finished, TAB, until } from './run-host-rig.ts';

const SECRET = 'Tr0ub4dor-and-3';
const KEY = 'sk-live-9f8e7d6c5b4a';
const answer = (script: string) => JSON.stringify({ plan: 'p', elements: [], script });
const start = (extra: Partial<AutomateStart>): AutomateStart => ({ tabId: TAB, task: 'log in', model: 'fake', ...extra });
const field = (id: string) => document.getElementById(id) as HTMLInputElement;

beforeEach(() => {
  history.replaceState(null, '', '/');
  document.body.innerHTML = `<form aria-label="Log in" onsubmit="return false">
    <label for="user">User</label><input id="user">
    <label for="pw">Password</label><input id="pw" type="password">
    <label for="key">API key</label><input id="key">
    <label for="pin">PIN</label><input id="pin" type="password" inputmode="numeric">
  </form>
  <form role="search" aria-label="Search" onsubmit="return false"><label for="q">Search</label><input id="q"><button type="submit">Search</button></form>
  <form aria-label="Comment" onsubmit="return false"><label for="comment">Comment</label><textarea id="comment"></textarea>
    <label for="note">Note to the team</label><textarea id="note" placeholder="Never share your password here"></textarea>
    <label for="hint">Your password</label><textarea id="hint"></textarea>
    <button type="button" id="post">Post</button></form>
  <form aria-label="Pay" onsubmit="return false">
    <label for="year">Expiry year</label><select id="year"><option>2026</option><option>2027</option><option>2028</option></select>
    <label for="ctype">Card type</label><select id="ctype"><option>Visa</option><option>Mastercard</option></select>
  </form>`;
});

/** A run host that records every action, and answers navigate() itself (happy-dom does not go anywhere). */
function recorded(answers: string[], before?: (request: ActRequest) => void) {
  const sent: ActRequest[] = [];
  const host = fakeRunHost(answers, (request) => {
    sent.push(structuredClone(request));
    before?.(request);
    return request.action === 'navigate' ? Promise.resolve({ changed: true, navigated: false, url: location.href }) : undefined;
  });
  return { sent, ...host };
}

/** Every form the reviewer's transforms give of `secret`: as is, reversed, in the two pieces, as char codes. */
function formsOf(secret: string): string[] {
  const codes = [...secret].map((c) => c.charCodeAt(0));
  return [secret, [...secret].reverse().join(''), secret.slice(0, 7), secret.slice(7), codes.join(','), codes.join(''), encodeURIComponent([...secret].reverse().join(''))]
    .map((form) => form.toLowerCase());
}

/** No form of `secret` in what the page got (past the saved script's own typing into `allowed`), nor in the run's text. */
function expectNoForm(secret: string, sent: ActRequest[], allowedIds: string[], ...kept: unknown[]) {
  const elsewhere = sent.filter((request) => !allowedIds.includes(request.target?.locators.find((l) => l.by === 'id')?.value ?? ''));
  const page = JSON.stringify([[...document.querySelectorAll('input, textarea, select')].filter((el) => !allowedIds.includes(el.id)).map((el) => (el as HTMLInputElement).value),
    location.href, elsewhere.map((request) => request.args)]).toLowerCase();
  const text = JSON.stringify(kept).toLowerCase();
  for (const form of formsOf(secret)) {
    expect(page, `the page got ${form}`).not.toContain(form);
    expect(text, `the run kept ${form}`).not.toContain(form);
  }
}

describe('a repair of a replay never holds a secret parameter\'s value', () => {
  const SAVED = '$log_in__user.type("{{user}}");\n$log_in__password.type("{{pw}}");\n$log_in__gone_button.click();\ndone(1);';
  const replay = async (repair: string, saved = SAVED, params: Record<string, string> = { user: 'ann', pw: SECRET }, before?: (request: ActRequest) => void) => {
    const host = recorded([answer(repair)], before);
    await host.runs.start(start({ known: { plan: 'saved', elements: [], script: saved }, params, userValues: Object.values(params), maxRepairs: 1, keepPrompts: true }));
    return { done: await finished(host.runs), ...host };
  };

  test('a field the saved script typed a secret into reads as its token, however short the secret or shared its value (review, session 25)', async () => {
    for (const [params, key] of [[{ api_key: 'k9' }, 'k9'], [{ api_key: '2025', year: '2025' }, '2025']] as const) {
      document.getElementById('key')!.removeAttribute('value');
      field('q').value = '';
      field('comment').value = '';
      const saved = '$log_in__api_key.type("{{api_key}}");\n$log_in__gone_button.click();\ndone(1);';
      const { done } = await replay('const k = $log_in__api_key.value(); $search__search.type(k.split("").reverse().join("")); $comment__comment.type("x" + k); done(k);', saved, params);
      // The repair read the token, not the value: what it typed is the token reversed, then a join it is refused.
      expect(field('key').value).toBe(key);
      expect(field('q').value).toBe('}}yek_ipa{{');
      expect(field('comment').value).toBe('');
      expect(done.report?.attempts.at(-1)?.failure?.message).toMatch(/joins \{\{api_key\}\}/);
    }
  });

  test('the hole is a plain string in the sandbox', async () => {
    const { done } = await replay('done(["{{pw}}".length, "{{pw}}", "{{user}}"]);');
    expect(done.status).toBe('done');
    expect(done.report?.result).toEqual([6, '{{pw}}', '{{user}}']);
  });

  test.each([
    ['reversed, typed into the search box and sent', 'const r = "{{pw}}".split("").reverse().join("");\n$search__search.type(r);\nsay(r);\n$search__search_button.click();\ndone(r);'],
    ['in two pieces, into two fields', 'const p = "{{pw}}";\n$comment__comment.type(p.slice(7));\n$search__search.type(p.slice(0, 7));\ndone(1);'],
    ['as char codes', 'const p = "{{pw}}";\nconst codes = [];\nfor (let i = 0; i < p.length; i++) codes.push(p.charCodeAt(i));\n$search__search.type(codes.join(","));\n$comment__comment.type(codes.join(""));\ndone(codes);'],
    ['reversed, in an address', 'navigate("/search?q=" + "{{pw}}".split("").reverse().join(""));\ndone(1);'],
  ])('%s: no form of it reaches the page, the state or a prompt', async (_how, repair) => {
    const { done, sent, stored, prompts } = await replay(repair);
    expect(done.report!.attempts).toHaveLength(2);
    // The saved script's own typing: the password into the password field, and there only.
    expect(field('pw').value).toBe(SECRET);
    expectNoForm(SECRET, sent, ['pw'], done, stored, prompts);
  });

  test('the whole hole rebuilt from its char codes is the hole: typed only where it may go', async () => {
    const rebuilt = 'const p = "{{pw}}";\nlet s = "";\nfor (let i = 0; i < p.length; i++) s = s + p.charAt(i);\n';
    const refused = await replay(`${rebuilt}$search__search.type(s);\ndone(1);`);
    expect(refused.done.status).toBe('failed');
    expect(refused.done.report!.attempts[1]!.failure).toMatchObject({ name: 'ActionError', message: expect.stringContaining('{{pw}}') });
    expect(field('q').value).toBe('');
    field('pw').value = '';
    const typed = await replay(`${rebuilt}$log_in__password.type(s);\ndone(2);`);
    expect(typed.done.status).toBe('done');
    expect(field('pw').value).toBe(SECRET);
  });

  test.each([
    ['a public text area whose placeholder speaks of passwords', 'comment__note_to_the_team', 'note'],
    ['a text area labelled "Your password" (sensitive by its words only)', 'comment__your_password', 'hint'],
  ])('%s: refused', async (_what, name, id) => {
    const { done, stored } = await replay(`$${name}.type("{{pw}}");\ndone(2);`);
    expect(done.status).toBe('failed');
    expect(done.report!.attempts[1]!.failure).toMatchObject({ name: 'ActionError', message: expect.stringMatching(new RegExp(`^\\$${name}\\.type\\(\\) was refused: .*\\{\\{pw\\}\\}`)) });
    expect(field(id).value).toBe('');
    expectNoForm(SECRET, [], ['pw'], done, stored);
  });

  test.each([
    ['"pin{{pin}}"', '4321', '$search__search.type("pin{{pin}}");\ndone(2);'],
    ['"{{pin}}0"', '4321', '$search__search.type("{{pin}}0");\ndone(2);'],
    ['a PIN of two digits', '12', '$search__search.type("{{pin}}");\ndone(2);'],
    ['a PIN of two digits, joined', '12', '$search__search.type("x{{pin}}");\ndone(2);'],
  ])('a weak secret smuggled (%s): refused, the PIN never reaches the page', async (_how, pin, repair) => {
    const { done, sent } = await replay(repair, '$log_in__pin.type("{{pin}}");\n$log_in__gone_button.click();\ndone(1);', { pin });
    expect(done.status).toBe('failed');
    expect(done.report!.attempts[1]!.failure).toMatchObject({ name: 'ActionError', message: expect.stringContaining('{{pin}}') });
    expect(field('pin').value).toBe(pin);
    expect(field('q').value).toBe('');
    expect(sent.filter((request) => request.action === 'type').map((request) => request.args)).toEqual([[pin]]);
  });

  test('a repair that writes the value itself: refused anywhere but a place for it (second layer)', async () => {
    const refused = await replay(`$search__search.type("${SECRET}");\ndone(2);`);
    expect(refused.done.report!.attempts[1]!.failure).toMatchObject({ name: 'ActionError', message: expect.stringContaining('{{pw}}') });
    expect(field('q').value).toBe('');
  });

  test('a read of a field holding the secret gives its hole back, and the hole is typed where the saved script typed it', async () => {
    const saved = '$log_in__api_key.type("{{api_key}}");\n$log_in__gone_button.click();\ndone(1);';
    const repair = 'const k = $log_in__api_key.value();\n$log_in__api_key.type(k);\n$search__search.type(k.split("").reverse().join(""));\ndone([k, k === "{{api_key}}"]);';
    const { done, sent, stored, prompts } = await replay(repair, saved, { api_key: KEY });
    expect(done.status, JSON.stringify(done.report?.attempts.map((a) => a.failure))).toBe('done');
    expect(done.report?.result).toEqual(['{{api_key}}', true]);
    // A plain field, by an allowed route: where the saved script typed it.
    expect(field('key').value).toBe(KEY);
    expect(field('q').value).toBe('}}yek_ipa{{');
    expectNoForm(KEY, sent, ['key'], done, stored, prompts);
  });

  test('what select() of a secret answers is its hole, also for a short secret that only part of an option holds (review, session 40)', async () => {
    const saved = '$pay__expiry_year.select("{{card_exp_year}}");\n$log_in__gone_button.click();\ndone(1);';
    const { done } = await replay('const r = $pay__expiry_year.select("{{card_exp_year}}");\ndone([r, $pay__expiry_year.value()]);', saved, { card_exp_year: '27' });
    expect(done.status, JSON.stringify(done.report?.attempts.map((a) => a.failure))).toBe('done');
    expect(field('year').value).toBe('2027');
    expect(done.report?.result).toEqual(['{{card_exp_year}}', '{{card_exp_year}}']);
    // The repair's log says the hole too (a secret this short is not found in other text: the document's selected
    // option still shows it; see README *Limits*).
    expect(done.log.filter((entry) => entry.call === 'select').map((entry) => entry.result)).toEqual(['{{card_exp_year}}']);
  });

  test('an error the page quotes the value in comes back to the script with its hole', async () => {
    const saved = '$pay__expiry_year.select("{{card_exp_year}}");\ndone(1);';
    const repair = 'let m = "";\ntry { $pay__expiry_year.select("{{card_exp_year}}"); } catch (e) { m = e.message; }\ndone([m.includes("no option \\"{{card_exp_year}}\\""), m.includes("2031"), m.split("").reverse().join("")]);';
    const { done, stored } = await replay(repair, saved, { card_exp_year: '2031' });
    expect(done.status).toBe('done');
    expect(done.report?.result).toEqual([true, false, expect.stringContaining('}}raey_pxe_drac{{')]);
    expect(JSON.stringify([done, stored])).not.toContain('1302');
  });

  test('the page turns the password field into a text field before typing: the executor refuses, naming the hole', async () => {
    // The saved script's own password field is gone: the repair's may go only into a password input (checked live).
    const saved = '$log_in__gone_button.click();\n$log_in__old_password.type("{{pw}}");\ndone(1);';
    const { done } = await replay('$log_in__password.type("{{pw}}");\ndone(2);', saved, { pw: SECRET }, (request) => {
      if (request.action === 'type' && request.secretInput) field('pw').type = 'text';
    });
    expect(field('pw').value).toBe('');
    expect(done.status).toBe('failed');
    expect(done.report!.attempts[1]!.failure).toMatchObject({ name: 'ActionError', message: expect.stringMatching(/^\$log_in__password\.type\(\) was refused: .*\{\{pw\}\}/) });
  });
});

describe('a secret answer to ask() is a token in the sandbox', () => {
  const asked = async (script: string, question = 'What is your password?', before?: (request: ActRequest) => void) => {
    const host = recorded([answer(`const p = ask(${JSON.stringify(question)});\n${script}`)], before);
    await host.runs.start(start({ maxRepairs: 0, keepPrompts: true }));
    const asking = await until(host.runs, (run) => run.question !== null);
    host.runs.respond(asking.runId, { answer: { id: asking.question!.id, text: SECRET } });
    return { done: await finished(host.runs), ...host };
  };

  test('{{secret_1}}, typed whole into a password field: the value goes in', async () => {
    const { done } = await asked('$log_in__password.type(p);\ndone(p);');
    expect(done.status).toBe('done');
    expect(done.report?.result).toBe('{{secret_1}}');
    expect(field('pw').value).toBe(SECRET);
  });

  test.each([
    ['reversed into the search box', '$search__search.type(p.split("").reverse().join(""));\nsay(p.split("").reverse().join(""));\ndone(1);'],
    ['in two pieces', '$search__search.type(p.slice(0, 7));\n$comment__comment.type(p.slice(7));\ndone(1);'],
    ['as char codes', 'const c = [];\nfor (let i = 0; i < p.length; i++) c.push(p.charCodeAt(i));\n$comment__comment.type(c.join(","));\ndone(c.join(""));'],
    ['reversed, in an address', 'navigate("/search?q=" + p.split("").reverse().join(""));\ndone(1);'],
    ['typed into the API key field, read back and reversed', '$log_in__api_key.type(p);\nconst v = $log_in__api_key.value();\n$search__search.type(v.split("").reverse().join(""));\ndone(v);'],
  ])('%s: no form of it reaches the page, the state or a prompt', async (_how, script) => {
    const { done, sent, stored, prompts } = await asked(script);
    expectNoForm(SECRET, sent, ['pw', 'key'], done, stored, prompts);
  });

  test.each([
    ['the public text area that speaks of passwords', '$comment__note_to_the_team.type(p);', 'note'],
    ['a text area labelled "Your password"', '$comment__your_password.type(p);', 'hint'],
  ])('into %s: refused', async (_what, script, id) => {
    const { done } = await asked(`${script}\ndone(1);`);
    expect(done.status).toBe('failed');
    expect(done.report!.attempts[0]!.failure).toMatchObject({ name: 'ActionError', message: expect.stringContaining('a secret you gave') });
    expect(field(id).value).toBe('');
  });

  test('the page turns the password field into a text field before typing: refused', async () => {
    const { done } = await asked('$log_in__password.type(p);\ndone(1);', undefined, (request) => {
      if (request.action === 'type') field('pw').type = 'text';
    });
    expect(done.status).toBe('failed');
    expect(done.report!.attempts[0]!.failure).toMatchObject({ name: 'ActionError', message: expect.stringMatching(/\$log_in__password\.type\(\) was refused: .*a secret you gave/) });
    expect(field('pw').value).toBe('');
  });
});

describe('the saved script as saved runs as before (regression of the first guard)', () => {
  const asSaved = async (script: string, params: Record<string, string>) => {
    const host = recorded([]);
    await host.runs.start(start({ known: { plan: 'saved', elements: [], script }, params, userValues: Object.values(params), maxRepairs: 0 }));
    return { done: await finished(host.runs), ...host };
  };

  test('select() of a secret-named parameter (a card\'s expiry year, its type)', async () => {
    const { done, stored } = await asSaved('$pay__expiry_year.select("{{card_exp_year}}");\n$pay__card_type.select("{{card_type}}");\ndone(1);', { card_exp_year: '2027', card_type: 'Mastercard' });
    expect(done.status, JSON.stringify(done.report?.summary)).toBe('done');
    expect([field('year').value, field('ctype').value]).toEqual(['2027', 'Mastercard']);
    expect(JSON.stringify([done, stored])).not.toContain('Mastercard');
  });

  test('navigate() to an address with a secret-named parameter (an invite code)', async () => {
    const { done, sent } = await asSaved('navigate("/join/{{invite_code}}");\ndone(1);', { invite_code: 'XK42-PLUM' });
    expect(done.status, JSON.stringify(done.report?.summary)).toBe('done');
    expect(sent.filter((request) => request.action !== 'held').map((request) => [request.action, request.args])).toEqual([['navigate', ['/join/XK42-PLUM']]]);
  });

  test('a plain parameter with the value of a secret one (a PIN 2025 and a year 2025)', async () => {
    const { done, sent } = await asSaved('$log_in__pin.type("{{pin}}");\nnavigate("/reports?year={{year}}");\ndone(1);', { pin: '2025', year: '2025' });
    expect(done.status, JSON.stringify(done.report?.summary)).toBe('done');
    expect(sent.filter((request) => request.action !== 'held').map((request) => [request.action, request.args])).toEqual([['type', ['2025']], ['navigate', ['/reports?year=2025']]]);
  });

  test('a repair may choose the secret where the saved script chose it', async () => {
    const host = recorded([answer('$pay__expiry_year.select("{{card_exp_year}}");\ndone(2);')]);
    await host.runs.start(start({ known: { plan: 'saved', elements: [], script: '$pay__expiry_year.select("{{card_exp_year}}");\n$pay__gone_button.click();\ndone(1);' },
      params: { card_exp_year: '2028' }, userValues: ['2028'], maxRepairs: 1 }));
    const done = await finished(host.runs);
    expect(done.status, JSON.stringify(done.report?.attempts.map((a) => a.failure))).toBe('done');
    expect(field('year').value).toBe('2028');
  });
});

describe('where the saved script types a parameter, read from its text', () => {
  test('through find(), a loop over a list, a callback, an alias, a helper function, a select', () => {
    const script = [
      '$accounts.find("Main").pin.type("{{pin}}");',
      'for (const r of $cards) r.cvv.type("{{cvv}}");',
      '$codes.forEach((row) => row.code.type("{{sms_code}}"));',
      'const el = $settings__key;',
      'el.type("{{api_key}}");',
      'function fill(f, text) { f.type(text); }',
      'fill($settings__token, "{{token}}");',
      'const pick = () => $pay__year;',
      'pick().select("{{card_exp_year}}");',
      '$rows.filter((r) => r.name.text() === "x")[0].secret.type("{{secret_word}}");',
      'for (const f of [$a__one, $a__two]) f.type("{{passcode}}");',
    ].join('\n');
    const targets = Object.fromEntries([...savedTypeTargets(script)].map(([param, names]) => [param, [...names].sort()]));
    expect(targets).toEqual({
      pin: ['accounts.pin'], cvv: ['cards.cvv'], sms_code: ['codes.code'], api_key: ['settings__key'], token: ['settings__token'],
      card_exp_year: ['pay__year'], secret_word: ['rows.secret'], passcode: ['a__one', 'a__two'],
    });
    expect([...savedSecretTargets(script).keys()].sort()).toEqual(['api_key', 'card_exp_year', 'cvv', 'passcode', 'pin', 'secret_word', 'sms_code', 'token']);
  });

  test.each([
    ['an alias', '$log_in__gone_button.click();\nconst el = $log_in__api_key;\nel.type("{{api_key}}");\ndone(1);'],
    ['a helper function', 'function fill(f, t) { f.type(t); }\n$log_in__gone_button.click();\nfill($log_in__api_key, "{{api_key}}");\ndone(1);'],
  ])('the saved script failed before its line (%s): a repair types it there', async (_how, saved) => {
    const host = recorded([answer('$log_in__api_key.type("{{api_key}}");\ndone(2);')]);
    await host.runs.start(start({ known: { plan: 'saved', elements: [], script: saved }, params: { api_key: KEY }, userValues: [KEY], maxRepairs: 1 }));
    const done = await finished(host.runs);
    expect(done.status, JSON.stringify(done.report?.attempts.map((a) => a.failure))).toBe('done');
    expect(field('key').value).toBe(KEY);
  });
});
