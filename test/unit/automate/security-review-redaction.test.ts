// @vitest-environment happy-dom
/**
 * The second security review of redaction: a key named like a steering field (status, action, origin, model, mode,
 * an error's name) inside the script's own data is redacted like any other; the fields the run is steered by are
 * kept by their place in the run's state. The answer to an ask() for a secret stays masked when the script types it.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { MASKED_TYPING } from '../../../extension/features/automate/run-host.ts';
import type { AutomateStart } from '../../../extension/features/automate/run-state.ts';
import { fakeRunHost, finished, until } from './run-host-rig.ts';

const SECRET = 'Tr0ub4dor-and-3';
const host = fakeRunHost;

const start = (extra: Partial<AutomateStart>): AutomateStart => ({ tabId: 7, task: 'log in', model: 'fake', ...extra });


beforeEach(() => {
  document.body.innerHTML = `<form aria-label="Login" onsubmit="return false"><label for="user">User</label><input id="user">
    <label for="pw">Password</label><input id="pw" type="password"><label for="key">API key</label><input id="key">
    <button type="button" id="go">Go</button>
    <button type="button" id="pay">Pay</button></form>`;
});

describe('fields are kept by their place in the run\'s state, not by their key', () => {
  test('a result\'s keys named status, action, origin, model, mode or name keep no secret; the run\'s own fields are kept', async () => {
    const { runs, stored } = host([]);
    const script = 'done({ name: "{{password}}", message: "m", rows: [{ status: "{{password}}", action: "{{password}}", origin: "{{password}}", model: "{{password}}", mode: "{{password}}", phase: "{{password}}", call: "{{password}}", runId: "{{password}}" }] });';
    await runs.start(start({ known: { plan: 'saved', elements: [], script }, params: { password: SECRET }, userValues: [SECRET], maxRepairs: 0 }));
    const done = await finished(runs);
    expect(JSON.stringify(done)).not.toContain(SECRET);
    expect(done.report?.result).toEqual({ name: '{{password}}', message: 'm', rows: [{ status: '{{password}}', action: '{{password}}', origin: '{{password}}', model: '{{password}}', mode: '{{password}}', phase: '{{password}}', call: '{{password}}', runId: '{{password}}' }] });
    expect([done.status, done.mode, done.model, done.phase, done.report?.status]).toEqual(['done', 'script', 'fake', 'finished', 'done']);
    expect(done.log.map((entry) => entry.call)).toContain('done');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stored.some((state) => JSON.stringify(state).includes(SECRET))).toBe(false);
  });

  test('data with a `name` beside a `message` keeps no secret', async () => {
    const { runs } = host([]);
    const script = 'const rows = [{ name: "{{password}}", message: "x" }];\ntry { $nope.click(); } catch (e) { rows.push({ name: e.name, message: "{{password}}" }); }\ndone(rows);';
    await runs.start(start({ known: { plan: 'saved', elements: [], script }, params: { password: SECRET }, userValues: [SECRET], maxRepairs: 0 }));
    const done = await finished(runs);
    expect(JSON.stringify(done)).not.toContain(SECRET);
    expect(done.report?.result).toEqual([{ name: '{{password}}', message: 'x' }, { name: 'NotFoundError', message: '{{password}}' }]);
  });
});

describe('the answer to an ask() for a secret', () => {
  const answered = async (script: string, maxRepairs: number, more: string[] = []) => {
    const { runs, prompts } = host([JSON.stringify({ plan: 'p', elements: [], script }), ...more]);
    await runs.start(start({ task: 'fill the user', maxRepairs }));
    const asking = await until(runs, (run) => run.question !== null);
    runs.respond(asking.runId, { answer: { id: asking.question!.id, text: SECRET } });
    return { done: await finished(runs), prompts };
  };

  // A plain field named for a secret: where such an answer may go (secret-guard.ts).
  test('stays masked when the script types it into a field that is not sensitive', async () => {
    const { done } = await answered('const p = ask("What is your password?");\n$login__api_key.type(p);\ndone(1);', 0);
    expect(done.status).toBe('done');
    expect(done.log.find((entry) => entry.call === 'type')?.args).toEqual([MASKED_TYPING]);
    expect(JSON.stringify(done.log)).not.toContain(SECRET);
  });

  test('and in the log a repair is shown', async () => {
    const { prompts } = await answered('const p = ask("What is your password?");\n$login__api_key.type(p);\n$nope.click();', 1,
      [JSON.stringify({ plan: 'p', elements: [], script: 'done(1);' })]);
    // The log part (the page document read again is checked in secret-in-prompts.test.ts).
    const prompt = (JSON.parse(prompts[1]!) as { prompt: string }).prompt;
    const log = prompt.slice(prompt.lastIndexOf('Execution log'));
    expect(log).toContain(`type $login__api_key [${JSON.stringify(MASKED_TYPING)}]`);
    expect(log).not.toContain('ActionError');
    expect(log).not.toContain(SECRET);
  });
});
