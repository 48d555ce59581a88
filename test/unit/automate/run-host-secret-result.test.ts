// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import type { AutomateStart } from '../../../extension/features/automate/run-state.ts';
import { fakeRunHost, finished } from './run-host-rig.ts';

/**
 * A secret parameter typed into a field that formats it ("abcd1234efgh5678" shown as "ABCD-1234-EFGH-5678"): the run
 * redacts secrets by their exact text, so whatever a call given the secret returns is not kept (should a page's reply
 * ever carry it: the executor returns nothing for a user's value, this host is asked to return the formatted one).
 */
const SECRET = 'abcd1234efgh5678';
const FORMATTED = 'ABCD-1234-EFGH-5678';
/** The executor gives back nothing for a user's value; this host is asked to give the formatted one all the same. */
const host = (answers: string[]) => fakeRunHost(answers, async (request, real) => (request.action === 'type' ? { ...(await real()), value: FORMATTED } : undefined));

const start = (extra: Partial<AutomateStart>): AutomateStart => ({
  tabId: 7, task: 'enter the licence', model: 'fake', params: { license_key: SECRET }, userValues: [SECRET], ...extra,
});

describe('a formatted secret given back by type()', () => {
  beforeEach(() => {
    document.body.innerHTML = '<form aria-label="Activate" onsubmit="return false"><label for="key">Licence</label><input id="key"></form>';
  });

  test('a script: not in the log, nor in the repair prompt', async () => {
    const script = '$activate__licence.type("{{license_key}}");\n$nope.click();\ndone(1);';
    // A repair that writes the value itself (it is shown only the hole since session 24) is redacted all the same.
    const { runs, prompts } = host([JSON.stringify({ plan: 'p', elements: [], script: `$activate__licence.type("${SECRET}");\ndone(1);` })]);
    await runs.start(start({ known: { plan: 'saved', elements: [], script }, maxRepairs: 1 }));
    const done = await finished(runs);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).not.toContain(FORMATTED);
    expect(done.status).toBe('done');
    expect(done.log.find((entry) => entry.call === 'type')).toMatchObject({ result: null });
    expect(JSON.stringify(done)).not.toContain(FORMATTED);
  });

  test('step-wise: not in the history the next step is asked with', async () => {
    // A field named for the secret: where a parameter of a run that replays no script may go (secret-guard.ts).
    document.querySelector('label')!.textContent = 'Licence key';
    const { runs, prompts } = host([`{"action":"type","target":"$activate__licence_key","text":"${SECRET}"}`, '{"action":"done","result":"ok"}']);
    await runs.start(start({ mode: 'stepwise' }));
    const done = await finished(runs);
    expect(done.status).toBe('done');
    expect(done.log[0]).toMatchObject({ call: 'type', result: null });
    expect(done.log[0]?.error).toBeUndefined();
    expect(prompts).toHaveLength(2);
    expect(prompts[1]).not.toContain(FORMATTED);
    expect(JSON.stringify(done)).not.toContain(FORMATTED);
  });
});
