// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { act } from '../../../extension/content/executor/index.ts';
import { AutomationRuns, type RunHostDeps } from '../../../extension/features/automate/run-host.ts';
import type { AutomateStart, RunState } from '../../../extension/features/automate/run-state.ts';
import type { GenerateRequestPayload, GenerateResult } from '../../../extension/protocol/schemas.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { runScript } from '../../../extension/sandbox/interpreter/run.ts';
import type { CatalogueEntry } from '../../../models/catalogue.ts';

/**
 * A secret parameter typed into a field that formats it ("abcd1234efgh5678" shown as "ABCD-1234-EFGH-5678"): the run
 * redacts secrets by their exact text, so whatever a call given the secret returns is not kept (should a page's reply
 * ever carry it: the executor returns nothing for a user's value, this host is asked to return the formatted one).
 */
const SECRET = 'abcd1234efgh5678';
const FORMATTED = 'ABCD-1234-EFGH-5678';
const ENTRY = { id: 'fake', name: 'Fake', engine: 'ort-decoder', contextLength: 4096, promptFormat: 'plain', files: [] } as unknown as CatalogueEntry;

function host(answers: string[]): { runs: AutomationRuns; prompts: string[] } {
  const prompts: string[] = [];
  const deps: RunHostDeps = {
    async generate(request: GenerateRequestPayload) {
      prompts.push(JSON.stringify(request));
      return { type: 'final', text: answers.shift() ?? 'no more answers', tokenIds: [], finishReason: 'stop', stats: { tokensIn: 10, tokensOut: 5 } } as unknown as GenerateResult;
    },
    model: async (id) => (id === 'fake' ? ENTRY : undefined),
    readDocument: async () => buildPageDocument(document),
    act: async (_tab, { expectedOrigin: _origin, ...request }) => {
      const reply = await act(document, { settleMs: 20, ...request });
      return request.action === 'type' ? { ...reply, value: FORMATTED } : reply;
    },
    highlight: async () => ({ highlighted: 0 }),
    sandbox: async () => ({
      run: (request, options) => runScript(request.source, automationCapabilities(options.bridge!, request.names ?? []), {
        budgets: request.budgets ?? {}, ...(options.onLog ? { onLog: options.onLog } : {}), ...(options.signal ? { signal: options.signal } : {}),
      }),
    }),
  };
  return { runs: new AutomationRuns(deps), prompts };
}

const start = (extra: Partial<AutomateStart>): AutomateStart => ({
  tabId: 7, task: 'enter the licence', model: 'fake', params: { license_key: SECRET }, userValues: [SECRET], ...extra,
});

async function finished(runs: AutomationRuns): Promise<RunState> {
  for (let i = 0; i < 600; i++) {
    const run = (await runs.state(7)).run!;
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the run did not end: ${JSON.stringify((await runs.state(7)).run).slice(0, 1500)}`);
}

describe('a formatted secret given back by type()', () => {
  beforeEach(() => {
    document.body.innerHTML = '<form aria-label="Activate" onsubmit="return false"><label for="key">Licence</label><input id="key"></form>';
  });

  test('a script: not in the log, nor in the repair prompt', async () => {
    const script = '$activate__licence.type("{{license_key}}");\n$nope.click();\ndone(1);';
    // The repair copies the value it saw in the filled script, as any model would.
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
    const { runs, prompts } = host([`{"action":"type","target":"$activate__licence","text":"${SECRET}"}`, '{"action":"done","result":"ok"}']);
    await runs.start(start({ mode: 'stepwise' }));
    const done = await finished(runs);
    expect(done.status).toBe('done');
    expect(prompts).toHaveLength(2);
    expect(prompts[1]).not.toContain(FORMATTED);
    expect(JSON.stringify(done)).not.toContain(FORMATTED);
  });
});
