// @vitest-environment happy-dom
/**
 * Found in review (session 24): a secret the page puts in its address (%-encoded, `+` for a space) or echoes into a
 * `$name` (a slug: signs as `_`, cut at 40 characters) reached the repair prompt; a short secret or one that is a word
 * or a number of the page's own ("blue", "2025", "123456", "London") was hidden inside other words, numbers and names;
 * a repair's non-secret hole was typed as it stands, and a secret hole in its comment failed the repair.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import type { AutomateStart } from '../../../extension/features/automate/run-state.ts';
import { fakeRunHost, finished, until } from './run-host-rig.ts';

const SECRET = 'Tr0ub4dor&3!x#';
const answer = (script: string) => JSON.stringify({ plan: 'p', elements: [], script });
const start = (extra: Partial<AutomateStart>): AutomateStart => ({ tabId: 7, task: 'fill the form', model: 'fake', ...extra });
const promptOf = (request: string) => (JSON.parse(request) as { prompt: string }).prompt;
/** A `$name` with a mask or a hole inside it: no longer a name. */
const BROKEN_NAME = /\$[\p{L}\p{N}_]+(?:•|\{\{)/u;

beforeEach(() => {
  history.replaceState(null, '', '/');
  document.body.innerHTML = `<form aria-label="Login" onsubmit="return false"><label for="user">API key</label><input id="user">
    <label for="note">Note</label><input id="note"><button type="button" id="go">Continue</button></form><div id="chips"></div>`;
});

async function asked(script: string, more: string[], secret: string, question = 'What is your password?') {
  const { runs, prompts } = fakeRunHost([answer(script.replace('QUESTION', question)), ...more]);
  await runs.start(start({ maxRepairs: more.length, keepPrompts: true }));
  const asking = await until(runs, (run) => run.question !== null);
  runs.respond(asking.runId, { answer: { id: asking.question!.id, text: secret } });
  const done = await finished(runs);
  return { done, prompts, repair: prompts[1] ? promptOf(prompts[1]) : '' };
}
const TYPED = 'const p = ask("QUESTION");\n$login__api_key.type(p);\n$nope.click();';

describe('a secret in the page\'s address', () => {
  test.each([
    ['encodeURIComponent', SECRET, encodeURIComponent],
    ['a form\'s encoding', 'my pass word!', (v: string) => new URLSearchParams({ q: v }).toString().slice(2)],
    ['encodeURI', 'pässwörd#1&2', encodeURI],
  ])('%s: not in the repair prompt', async (_how, secret, encode) => {
    document.querySelector('#user')!.addEventListener('input', (event) => {
      history.replaceState(null, '', `/search?q=${encode((event.target as HTMLInputElement).value)}`);
    });
    const { done, repair } = await asked(TYPED, [answer('done(1);')], secret);
    expect(done.status).toBe('done');
    expect(repair).toContain('/search?q=');
    expect(repair).not.toContain(encode(secret));
    expect(JSON.stringify(done)).not.toContain(encode(secret));
  });
});

describe('a secret echoed into a `$name`', () => {
  test.each([
    [SECRET, 'tr0ub4dor'],
    ['hunter2!Secret', 'hunter2'],
    ['correcthorsebatterystaplemoonlightriver42', 'correcthorse'],
  ])('%j: the name is hidden whole, never a mask inside it', async (secret, part) => {
    document.querySelector('#user')!.addEventListener('input', (event) => {
      document.querySelector('#chips')!.innerHTML = `<button type="button">Use ${(event.target as HTMLInputElement).value}</button>
        <button type="button">${(event.target as HTMLInputElement).value}</button>`;
    });
    const { repair } = await asked(TYPED, [answer('done(1);')], secret);
    expect(repair).toContain('PAGE DOCUMENT');
    expect(repair.toLowerCase()).not.toContain(part);
    expect(repair).not.toMatch(BROKEN_NAME);
  });
});

describe('a short secret, or a word or number of the page\'s own', () => {
  const SECURITY = 'What is the answer to your security question?';

  // A name with the word as one of its parts is hidden whole (second review, session 24).
  test('"blue": hidden as a word, not inside "Bluetooth", "blueberry" or a `$name`\'s part', async () => {
    document.querySelector('#chips')!.innerHTML = '<ul><li><a href="/p/1">blue jeans</a></li><li><a href="/p/2">Bluetooth speaker</a></li></ul>';
    const { done, repair } = await asked(`${TYPED.replace('$nope', 'say("a blue shirt");\n$nope')}`, [answer('done("Bluetooth, blueberry");')], 'blue', SECURITY);
    expect(done.status).toBe('done');
    expect(repair).toContain('$page__bluetooth_speaker_link');
    expect(repair).not.toContain('$page__blue_jeans_link');
    expect(repair).not.toMatch(BROKEN_NAME);
    expect(done.said).toEqual(['a ••• shirt']);
    expect(done.report?.result).toBe('Bluetooth, blueberry');
  });

  test.each([
    ['2025', 'Enter your PIN', 'Orders: 2025-01-04, 2025-02-11; total 12025'],
    ['123456', 'Enter the code we sent you', 'Call (123) 456-7890'],
    ['London', SECURITY, 'Flights to LONDONDERRY'],
  ])('%j: %j leaves %j as it is', async (secret, question, result) => {
    const { done } = await asked(TYPED, [answer(`done(${JSON.stringify(result)});`)], secret, question);
    expect(done.status).toBe('done');
    expect(done.report?.result).toBe(result);
  });

  // In any case (second review, session 24): the answer "London" is in "LONDON".
  test('"London" is hidden in "Flights to LONDON"', async () => {
    const { done } = await asked(TYPED, [answer('done("Flights to LONDON");')], 'London', SECURITY);
    expect(done.status).toBe('done');
    expect(done.report?.result).toBe('Flights to •••');
  });
});

describe('a replay\'s repair', () => {
  const replay = async (repair: string, params: Record<string, string>) => {
    const script = '$nope.click();\n$login__api_key.type("{{password}}");\ndone(1);';
    const { runs } = fakeRunHost([answer(repair), answer('done(2);')]);
    await runs.start(start({ known: { plan: 'saved', elements: [], script }, params, userValues: Object.values(params), maxRepairs: 2 }));
    return finished(runs);
  };
  const note = () => document.querySelector<HTMLInputElement>('#note')!.value;
  const key = () => document.querySelector<HTMLInputElement>('#user')!.value;

  test('a non-secret hole is filled', async () => {
    const done = await replay('$login__note.type("{{user}}");\ndone(1);', { password: 'Tr0ub4dor-and-3', user: 'alice' });
    expect(done.status).toBe('done');
    expect(note()).toBe('alice');
    expect(done.report?.result).toBe(1);
  });

  test('a secret hole in a comment does not fail it', async () => {
    // Where the saved script types it: the only plain field a secret parameter may go (secret-guard.ts).
    const done = await replay('// type {{password}} into the key\n$login__api_key.type("{{password}}");\ndone(1);', { password: 'Tr0ub4dor-and-3' });
    expect(done.status).toBe('done');
    expect(done.report?.result).toBe(1);
    expect(key()).toBe('Tr0ub4dor-and-3');
  });
});
