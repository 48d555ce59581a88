// @vitest-environment happy-dom
/**
 * The second security review of redaction: a key named like a steering field (status, action, origin, model, mode,
 * an error's name) inside the script's own data is redacted like any other; the fields the run is steered by are
 * kept by their place in the run's state. The answer to an ask() for a secret stays masked when the script types it.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { act } from '../../../extension/content/executor/index.ts';
import { AutomationRuns, MASKED_TYPING, type RunHostDeps } from '../../../extension/features/automate/run-host.ts';
import type { AutomateStart, RunState } from '../../../extension/features/automate/run-state.ts';
import type { ActRequest, GenerateRequestPayload, GenerateResult } from '../../../extension/protocol/schemas.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { runScript } from '../../../extension/sandbox/interpreter/run.ts';
import type { CatalogueEntry } from '../../../models/catalogue.ts';

const SECRET = 'Tr0ub4dor-and-3';
const ENTRY = { id: 'fake', name: 'Fake', engine: 'ort-decoder', contextLength: 4096, promptFormat: 'plain', files: [] } as unknown as CatalogueEntry;

function host(answers: string[], actOn: (request: ActRequest) => Promise<unknown> | undefined = () => undefined) {
  const prompts: string[] = [];
  const stored: RunState[] = [];
  const deps: RunHostDeps = {
    async generate(request: GenerateRequestPayload) {
      prompts.push(JSON.stringify(request));
      return { type: 'final', text: answers.shift() ?? 'no more answers', tokenIds: [], finishReason: 'stop', stats: { tokensIn: 10, tokensOut: 5 } } as unknown as GenerateResult;
    },
    model: async (id) => (id === 'fake' ? ENTRY : undefined),
    readDocument: async () => buildPageDocument(document),
    act: async (_tab, { expectedOrigin: _origin, ...request }) => (await actOn(request) as never) ?? act(document, { settleMs: 20, ...request }),
    highlight: async () => ({ highlighted: 0 }),
    sandbox: async () => ({
      run: (request, options) => runScript(request.source, automationCapabilities(options.bridge!, request.names ?? []), {
        budgets: request.budgets ?? {}, ...(options.onLog ? { onLog: options.onLog } : {}), ...(options.signal ? { signal: options.signal } : {}),
      }),
    }),
    store: {
      load: async () => stored.at(-1) ?? null,
      save: async (state) => void stored.push(structuredClone(state)),
    },
  };
  return { runs: new AutomationRuns(deps), prompts, stored };
}

const start = (extra: Partial<AutomateStart>): AutomateStart => ({ tabId: 7, task: 'log in', model: 'fake', ...extra });

async function until(runs: AutomationRuns, done: (run: RunState) => boolean): Promise<RunState> {
  for (let i = 0; i < 600; i++) {
    const run = (await runs.state(7)).run!;
    if (done(run)) return run;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the run did not get there: ${JSON.stringify((await runs.state(7)).run).slice(0, 1500)}`);
}
const finished = (runs: AutomationRuns) => until(runs, (run) => run.status !== 'running');

beforeEach(() => {
  document.body.innerHTML = `<form aria-label="Login" onsubmit="return false"><label for="user">User</label><input id="user">
    <label for="pw">Password</label><input id="pw" type="password"><button type="button" id="go">Go</button>
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

  test('stays masked when the script types it into a field that is not sensitive', async () => {
    const { done } = await answered('const p = ask("What is your password?");\n$login__user.type(p);\ndone(1);', 0);
    expect(done.status).toBe('done');
    expect(done.log.find((entry) => entry.call === 'type')?.args).toEqual([MASKED_TYPING]);
    expect(JSON.stringify(done.log)).not.toContain(SECRET);
  });

  test('and in the log a repair is shown', async () => {
    const { prompts } = await answered('const p = ask("What is your password?");\n$login__user.type(p);\n$nope.click();', 1,
      [JSON.stringify({ plan: 'p', elements: [], script: 'done(1);' })]);
    // The log part (the re-read page document shows what the field now holds, as the page does).
    const prompt = (JSON.parse(prompts[1]!) as { prompt: string }).prompt;
    const log = prompt.slice(prompt.lastIndexOf('Execution log'));
    expect(log).toContain(`type $login__user [${JSON.stringify(MASKED_TYPING)}]`);
    expect(log).not.toContain(SECRET);
  });
});
