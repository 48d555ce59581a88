// @vitest-environment happy-dom
/**
 * A secret (a secret parameter's value, a secret answer to ask()) typed into a field the page does not mark sensitive
 * shows in the page document read again after it (`[value="…"]`), and that document goes into the repair prompt, the
 * step-wise baseline's next prompt, the prompts a run keeps and the site document's pages (exploratory test, session
 * 24). No prompt and no state a run keeps may hold it: not as typed, not as the page formats or cuts it.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import type { PageDocument } from '../../../extension/protocol/schemas.ts';
import { MASKED_TYPING } from '../../../extension/features/automate/run-host.ts';
import type { AutomateStart } from '../../../extension/features/automate/run-state.ts';
import { fakeRunHost, finished, until } from './run-host-rig.ts';

const SECRET = 'Tr0ub4dor-and-3';
const answer = (script: string) => JSON.stringify({ plan: 'p', elements: [], script });
const start = (extra: Partial<AutomateStart>): AutomateStart => ({ tabId: 7, task: 'fill the form', model: 'fake', ...extra });
const promptOf = (request: string) => (JSON.parse(request) as { prompt: string }).prompt;

beforeEach(() => {
  document.body.innerHTML = `<form aria-label="Login" onsubmit="return false"><label for="user">API key</label><input id="user">
    <label for="note">Note</label><input id="note"><button type="button" id="go">Continue</button></form>`;
});

/** Runs `script` (asking for the password first), answers `secret`, and lets the scripted model repair with `more`. */
async function asked(script: string, more: string[] = [], extra: Partial<AutomateStart> = {}, secret = SECRET) {
  const { runs, prompts, stored } = fakeRunHost([answer(script), ...more]);
  await runs.start(start({ maxRepairs: more.length, ...extra }));
  const asking = await until(runs, (run) => run.question !== null);
  runs.respond(asking.runId, { answer: { id: asking.question!.id, text: secret } });
  const done = await finished(runs);
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { done, prompts, stored };
}

describe('a secret answer to ask() typed into a plain field', () => {
  test('is not in the repair prompt (the page document read again shows the mask)', async () => {
    const { done, prompts } = await asked('const p = ask("What is your password?");\n$login__api_key.type(p);\n$nope.click();', [answer('done(1);')]);
    expect(done.status).toBe('done');
    expect(document.querySelector<HTMLInputElement>('#user')!.value).toBe(SECRET);
    expect(prompts).toHaveLength(2);
    const repair = promptOf(prompts[1]!);
    expect(repair).toContain('PAGE DOCUMENT');
    expect(repair).not.toContain(SECRET);
    expect(repair).toContain(`value=${JSON.stringify(MASKED_TYPING)}`);
  });

  test('is not in the prompts a run keeps, nor in what the script said or returned', async () => {
    const { done, stored } = await asked('const p = ask("What is your password?");\n$login__api_key.type(p);\nsay(p);\n$nope.click();',
      [answer('done($login__api_key.value());')], { keepPrompts: true });
    expect(done.status).toBe('done');
    expect(done.report?.prompts).toHaveLength(2);
    expect(JSON.stringify(done)).not.toContain(SECRET);
    expect(stored.some((state) => JSON.stringify(state).includes(SECRET))).toBe(false);
  });

  test('reformatted by the page (spaces, capitals) is not in the repair prompt', async () => {
    document.querySelector('#user')!.addEventListener('input', (event) => {
      const field = event.target as HTMLInputElement;
      field.value = field.value.replace(/\s/g, '').toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');
    });
    const { prompts } = await asked('const p = ask("What is your password?");\n$login__api_key.type(p);\n$nope.click();', [answer('done(1);')]);
    expect(document.querySelector<HTMLInputElement>('#user')!.value).toBe('TR0U B4DO R-AN D-3');
    const repair = promptOf(prompts[1]!);
    expect(repair).toContain('PAGE DOCUMENT');
    expect(repair.toLowerCase()).not.toContain('tr0u b4do');
  });

  test('cut by the page document ("…") is not in the repair prompt by its first characters', async () => {
    const long = `${SECRET}-${'x9'.repeat(30)}`;
    const { prompts } = await asked('const p = ask("What is your password?");\n$login__api_key.type(p);\n$nope.click();', [answer('done(1);')], {}, long);
    expect(document.querySelector<HTMLInputElement>('#user')!.value).toBe(long);
    const repair = promptOf(prompts[1]!);
    expect(repair).toContain('PAGE DOCUMENT');
    expect(repair).not.toContain(SECRET.slice(0, 10));
  });
});

describe('a replay\'s secret parameter typed into a plain field', () => {
  test('is not in the repair prompt; the repair writes its hole and the run fills it', async () => {
    const script = '$login__api_key.type("{{password}}");\n$nope.click();\ndone(1);';
    // Where the saved script typed it: the only plain field a secret parameter may go (secret-guard.ts).
    const { runs, prompts } = fakeRunHost([answer('$login__api_key.type("{{password}}");\ndone(1);')]);
    await runs.start(start({ known: { plan: 'saved', elements: [], script }, params: { password: SECRET }, userValues: [SECRET], maxRepairs: 1 }));
    const done = await finished(runs);
    expect(prompts).toHaveLength(1);
    const repair = promptOf(prompts[0]!);
    expect(repair).not.toContain(SECRET);
    expect(repair).toContain('{{password}}');
    expect(done.status).toBe('done');
    expect(document.querySelector<HTMLInputElement>('#user')!.value).toBe(SECRET);
    expect(JSON.stringify(done)).not.toContain(SECRET);
  });

  test('step-wise: not in the next step\'s prompt (history or page document)', async () => {
    const { runs, prompts } = fakeRunHost([`{"action":"type","target":"$login__api_key","text":"${SECRET}"}`, '{"action":"done","result":"ok"}']);
    await runs.start(start({ mode: 'stepwise', params: { password: SECRET }, userValues: [SECRET] }));
    const done = await finished(runs);
    expect(done.status).toBe('done');
    expect(prompts).toHaveLength(2);
    expect(promptOf(prompts[1]!)).not.toContain(SECRET);
  });

  test('is not in the pages a run records for the site document', async () => {
    document.querySelector('#go')!.addEventListener('click', () => {
      location.hash = '#sent';
    });
    const recorded: PageDocument[] = [];
    const script = '$login__api_key.type("{{password}}");\n$login__continue_button.click();\ndone(1);';
    const { runs } = fakeRunHost([], undefined, { onNavigated: (from, _element, to) => void recorded.push(from, to) });
    await runs.start(start({ known: { plan: 'saved', elements: [], script }, params: { password: SECRET }, userValues: [SECRET], maxRepairs: 0 }));
    const done = await finished(runs);
    expect(done.status, JSON.stringify(done.report?.summary ?? done.error)).toBe('done');
    expect(recorded.length).toBeGreaterThan(0);
    expect(JSON.stringify(recorded)).not.toContain(SECRET);
  });
});
