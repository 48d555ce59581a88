// @vitest-environment happy-dom
/**
 * Secrets stay out of what a run stores and sends (security review): every string of the run's state is redacted —
 * a log entry's error data, a confirmation's label, the element acted on — not only the messages; text typed into a
 * sensitive field, or a secret typed anywhere, is masked in the log; and an executor message does not quote what a
 * field made of the user's own value.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { MASKED_TYPING } from '../../../extension/features/automate/run-host.ts';
import type { AutomateStart } from '../../../extension/features/automate/run-state.ts';
import { ActionError } from '../../../extension/protocol/errors.ts';
import { act } from '../../../extension/content/executor/index.ts';
import { fakeRunHost, finished, until } from './run-host-rig.ts';

const SECRET = 'Tr0ub4dor-and-3';
const host = fakeRunHost;

const start = (extra: Partial<AutomateStart>): AutomateStart => ({ tabId: 7, task: 'log in', model: 'fake', ...extra });


beforeEach(() => {
  document.body.innerHTML = `<form aria-label="Login" onsubmit="return false"><label for="user">User</label><input id="user">
    <label for="pw">Password</label><input id="pw" type="password"><button type="button" id="go">Go</button>
    <button type="button" id="pay">Pay</button></form>`;
});

describe('a replay\'s secret is redacted in every string of the state it stores and shows', () => {
  test('in a log entry\'s error data and a confirmation\'s label', async () => {
    const { runs, stored } = host([], (request) => {
      // A page that echoes the value back: in an error's data and in the label of a button that needs confirming.
      if (request.action === 'click' && request.target?.locators[0]?.value === 'go') {
        throw new ActionError('the page refused it', { shows: `you typed ${SECRET}`, nested: { deeper: [SECRET] } });
      }
      if (request.action === 'click' && request.target?.locators[0]?.value === 'pay' && !request.confirmed) {
        throw new ActionError('this action needs the user\'s confirmation: it pays', { needsConfirmation: true, label: `Pay as ${SECRET}`, reason: `pays for ${SECRET}`, fingerprint: 'f' });
      }
      return undefined;
    });
    const script = 'try { $login__go_button.click(); } catch (e) { say("refused"); }\n$login__pay_button.click();\ndone(1);';
    await runs.start(start({ known: { plan: 'saved', elements: [], script }, params: { password: SECRET }, userValues: [SECRET], maxRepairs: 0 }));
    const asking = await until(runs, (run) => run.confirm !== null);
    expect(JSON.stringify(asking)).not.toContain(SECRET);
    expect(asking.confirm!.label).toContain('{{password}}');
    runs.respond(asking.runId, { confirm: { id: asking.confirm!.id, ok: false } });
    const done = await finished(runs);
    expect(done.log.find((entry) => entry.call === 'click')?.error?.data).toMatchObject({ shows: 'you typed {{password}}' });
    expect(JSON.stringify(done)).not.toContain(SECRET);
    expect(stored.length).toBeGreaterThan(0);
    for (const state of stored) expect(JSON.stringify(state)).not.toContain(SECRET);
  });

  test('the run\'s steering fields are kept, whatever the values', async () => {
    const { runs } = host([]);
    await runs.start(start({ known: { plan: 'saved', elements: [], script: 'done(1);' }, params: { which: 'done', password: 'running' }, maxRepairs: 0 }));
    const done = await finished(runs);
    expect([done.status, done.phase, done.mode, done.model]).toEqual(['done', 'finished', 'script', 'fake']);
    expect(done.log[0]!.call).toBe('done');
  });
});

describe('text typed into a sensitive field is not kept in the log', () => {
  test('a password the user wrote in the task: masked in the log, the store and the repair prompt', async () => {
    const { runs, prompts, stored } = host([
      JSON.stringify({ plan: 'p', elements: [], script: `$login__user.type("ann");\n$login__password.type("${SECRET}");\n$nope.click();` }),
      JSON.stringify({ plan: 'p', elements: [], script: 'done(1);' }),
    ]);
    await runs.start(start({ task: `log in as ann with password ${SECRET}`, maxRepairs: 1 }));
    const done = await finished(runs);
    expect((document.getElementById('pw') as HTMLInputElement).value).toBe(SECRET);
    expect(prompts).toHaveLength(2);
    const repair = JSON.parse(prompts[1]!) as { prompt: string };
    const log = repair.prompt.slice(repair.prompt.lastIndexOf('Execution log'));
    expect(log).toContain('type $login__user ["ann"]');
    expect(log).toContain(`type $login__password ${JSON.stringify([MASKED_TYPING])}`);
    expect(log).not.toContain(SECRET);
    expect(done.status).toBe('done');
    for (const state of stored) {
      for (const entry of state.log.filter((e) => e.target === '$login__password')) expect(entry.args).toEqual([MASKED_TYPING]);
    }
  });

  test('a secret param typed into a plain field: masked too', async () => {
    const { runs, stored } = host([]);
    const script = '$login__user.type("{{api_token}}");\ndone(1);';
    await runs.start(start({ known: { plan: 'saved', elements: [], script }, params: { api_token: SECRET }, userValues: [SECRET], maxRepairs: 0 }));
    const done = await finished(runs);
    expect(done.log.find((entry) => entry.call === 'type')?.args).toEqual([MASKED_TYPING]);
    for (const state of stored) expect(JSON.stringify(state)).not.toContain(SECRET);
  });
});

describe('an executor message does not quote what a field made of the user\'s value', () => {
  test('a field that rewrites a user\'s value: the message says it did not take it, without what it holds', async () => {
    document.body.innerHTML = '<input id="key" aria-label="Licence">';
    const input = document.getElementById('key') as HTMLInputElement;
    input.addEventListener('change', () => {
      input.value = 'EFGH-5678-ABCD-1234';
      input.setCustomValidity('Invalid key');
    });
    const typed = (userSupplied: boolean) => act(document, { settleMs: 20, action: 'type', target: { locators: [{ by: 'id', value: 'key' }] }, args: ['abcd1234efgh5678'], ...(userSupplied ? { userSupplied } : {}) })
      .then(() => '', (error: Error) => error.message);
    const fromUser = await typed(true);
    expect(fromUser).toMatch(/did not take the typed text/);
    expect(fromUser).not.toContain('ABCD-1234');
    input.value = '';
    // The script's own text: what the field holds is said (it helps a repair).
    expect(await typed(false)).toContain('ABCD-1234');
  });
});

// Explorer, session 29: "Sign me up with password …" was saved with the password in the script, the task and the name.
describe('a first run\'s password, typed into a password field, is offered for saving as a hole', () => {
  const answer = (script: string) => JSON.stringify({ plan: 'p', elements: [], script });

  test('the saved script and task hold {{password}}; a replay of them stores and sends neither password', async () => {
    const first = fakeRunHost([answer(`$login__user.type("ann");\n$login__password.type("${SECRET}");\n$login__go_button.click();\ndone("in");`)]);
    await first.runs.start(start({ task: `log in as ann with password ${SECRET}`, maxRepairs: 0 }));
    const done = await finished(first.runs);
    expect(done.status).toBe('done');
    expect(done.report!.savedScript).toBe('$login__user.type("ann");\n$login__password.type("{{password}}");\n$login__go_button.click();\ndone("in");');
    expect(done.report!.savedTask).toBe('log in as ann with password {{password}}');
    expect(done.report!.savedHoles).toEqual([{ name: 'password', target: '$login__password' }]);
    // The user's own run keeps the task as written (they typed it), and the log masks what went into the field.
    expect(done.task).toContain(SECRET);
    expect(done.log.find((entry) => entry.target === '$login__password')!.args).toEqual([MASKED_TYPING]);

    // Replayed as saved, with another password, and a repair: neither password in what it stores or sends.
    const NEW = 'n3w-Passw0rd-x';
    const replay = fakeRunHost([answer('$login__password.type("{{password}}");\n$login__go_button.click();\ndone("again");')], (request) => {
      if (request.action === 'click' && request.target?.locators[0]?.value === 'go' && !request.confirmed) throw new ActionError('the button is busy');
      return undefined;
    });
    await replay.runs.start(start({ task: done.report!.savedTask!, known: { plan: 'saved', elements: [], script: done.report!.savedScript! }, params: { password: NEW }, userValues: [NEW], maxRepairs: 1 }));
    const replayed = await finished(replay.runs);
    expect(replay.prompts.length).toBe(1); // the repair was asked
    for (const text of [...replay.prompts, ...replay.stored.map((s) => JSON.stringify(s))]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(NEW);
    }
    expect(replayed.task).toBe('log in as ann with password {{password}}');
  });

  test('the password also typed into a plain field stays there (it is that field\'s text), and the report says one is left', async () => {
    const first = fakeRunHost([answer(`$login__user.type("${SECRET}");\n$login__password.type("${SECRET}");\ndone("in");`)]);
    await first.runs.start(start({ task: `log in with ${SECRET}`, maxRepairs: 0 }));
    const done = await finished(first.runs);
    expect(done.status, JSON.stringify(done.report?.summary ?? done.error)).toBe('done');
    expect(done.report!.savedTask).toBe('log in with {{password}}');
    expect(done.report!.savedScript).toBe(`$login__user.type("${SECRET}");\n$login__password.type("{{password}}");\ndone("in");`);
    expect(done.report!.savedSecretsLeft).toBe(1);
  });

  test('a field the page does not call sensitive is not guessed at: the script is offered as written', async () => {
    const first = fakeRunHost([answer('$login__user.type("ann-the-user");\ndone("typed");')]);
    await first.runs.start(start({ task: 'type ann-the-user', maxRepairs: 0 }));
    const done = await finished(first.runs);
    expect(done.report!.savedScript).toBe('$login__user.type("ann-the-user");\ndone("typed");');
    expect(done.report!.savedTask).toBe('type ann-the-user');
    expect(done.report!.savedHoles).toBeUndefined();
  });
});
