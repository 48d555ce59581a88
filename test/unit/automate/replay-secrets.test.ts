// @vitest-environment happy-dom
/** A replay's {{param}} values (a password) are typed into the page, never shown or stored (review, session 14). */
import { beforeEach, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { act } from '../../../extension/content/executor/index.ts';
import { AutomationRuns, type RunHostDeps, type RunStore } from '../../../extension/features/automate/run-host.ts';
import { AutomateStateSchema, type AutomateStart, type RunState } from '../../../extension/features/automate/run-state.ts';
import * as v from 'valibot';
import type { GenerateRequestPayload, GenerateResult } from '../../../extension/protocol/schemas.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { runScript } from '../../../extension/sandbox/interpreter/run.ts';
import type { CatalogueEntry } from '../../../models/catalogue.ts';

function mount(): void {
  document.body.innerHTML = `
    <form aria-label="Add todo" onsubmit="return false"><label for="new">New todo</label><input id="new" />
      <label for="country">Country</label><select id="country"><option>France</option><option>Spain</option></select>
      <button type="button" id="add">Add</button></form>
    <ul id="todos" aria-label="Todos"></ul>`;
  const list = document.getElementById('todos')!;
  const add = (text: string) => {
    const li = document.createElement('li');
    const span = document.createElement('span');
    span.className = 'title';
    span.textContent = text;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = 'Remove';
    remove.addEventListener('click', () => li.remove());
    li.append(span, ' ', remove);
    list.append(li);
  };
  for (const t of ['buy milk', 'walk dog', 'write report', 'call bank']) add(t);
  document.getElementById('add')!.addEventListener('click', () => {
    const input = document.getElementById('new') as HTMLInputElement;
    if (input.value) add(input.value);
  });
}

const ENTRY = { id: 'fake', name: 'Fake', engine: 'ort-decoder', contextLength: 4096, promptFormat: 'plain', files: [] } as unknown as CatalogueEntry;

function host(answers: string[], entry: CatalogueEntry = ENTRY, store?: RunStore, extra: Partial<RunHostDeps> = {}) {
  const requests: GenerateRequestPayload[] = [];
  const deps: RunHostDeps = {
    async generate(request) {
      requests.push(request);
      const text = answers.shift() ?? 'no more answers';
      return { type: 'final', text, tokenIds: [], finishReason: 'stop', stats: { tokensIn: 10, tokensOut: 5 } } as unknown as GenerateResult;
    },
    model: async (id) => (id === 'fake' ? entry : undefined),
    readDocument: async () => buildPageDocument(document),
    act: async (_tab, { expectedOrigin: _o, ...request }) => act(document, { settleMs: 20, ...request }),
    highlight: async () => ({ highlighted: 0 }),
    sandbox: async () => ({
      run: (request, options) => runScript(request.source, automationCapabilities(options.bridge!, request.names ?? []), {
        budgets: request.budgets ?? {}, ...(options.onLog ? { onLog: options.onLog } : {}), ...(options.signal ? { signal: options.signal } : {}),
      }),
    }),
    ...(store ? { store } : {}),
    ...extra,
  };
  return { runs: new AutomationRuns(deps), requests };
}
const answer = (script: string) => JSON.stringify({ plan: 'p', elements: [], script });
const start = (task: string, extra: Partial<AutomateStart> = {}): AutomateStart => ({ tabId: 7, task, model: 'fake', ...extra });
async function until<T>(read: () => T | Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('timed out');
}

beforeEach(mount);

const SCRIPT = '$add_todo__new_todo.type("{{pw}}");\nconst v = $add_todo__new_todo.value();\n$add_todo__country.select("{{pw}}");\ndone(v);';

test('a value read back, an error message that quotes it, and a repair that copied it show the hole, not the value', async () => {
  const saves: RunState[] = [];
  const store: RunStore = { save: async (state) => void saves.push(structuredClone(state)), load: async () => null };
  // The model's repair copies the value it saw in the filled script (as any model would).
  const { runs, requests } = host([answer('$add_todo__new_todo.type("s3cret-Pw");\n$add_todo__add_button.click();\ndone(1);')], ENTRY, store);
  await runs.start(start('saved', { known: { plan: 'saved', elements: [], script: SCRIPT }, params: { pw: 's3cret-Pw' }, userValues: ['s3cret-Pw'], maxRepairs: 2 }));
  const done = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
  await until(() => saves.at(-1)?.status, (status) => status !== 'running');
  expect(requests).toHaveLength(1); // the repair was asked for (the model, on this device, sees the filled script)
  expect((document.getElementById('new') as HTMLInputElement).value).toBe('s3cret-Pw'); // typed into the page
  expect(JSON.stringify(done)).not.toContain('s3cret-Pw');
  expect(JSON.stringify(saves)).not.toContain('s3cret-Pw');
  expect(done.report?.attempts[0]?.failure?.message).toContain('{{pw}}');
  expect(done.report?.attempts[1]?.answer?.script).toContain('type("{{pw}}")');
});

test('without repairs: the log keeps the hole in the value it read and in the select error', async () => {
  const saves: RunState[] = [];
  const { runs } = host([], ENTRY, { save: async (state) => void saves.push(structuredClone(state)), load: async () => null });
  await runs.start(start('saved', { known: { plan: 'saved', elements: [], script: SCRIPT }, params: { pw: 's3cret-Pw' }, userValues: ['s3cret-Pw'], maxRepairs: 0 }));
  const done = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
  await until(() => saves.at(-1)?.status, (status) => status !== 'running');
  expect(done.log.find((entry) => entry.call === 'value')).toMatchObject({ result: '{{pw}}' });
  expect(done.log.find((entry) => entry.call === 'select')?.error?.message).toContain('"{{pw}}"');
  expect(JSON.stringify(saves)).not.toContain('s3cret-Pw');
});

test.each(['done', 'running', 'auto', 'script', 'type', 'finished', 'localhost'])('a value that is also a word the run is steered by ("%s") leaves the run\'s ids and states alone', async (value) => {
  const { runs } = host([], ENTRY);
  const { runId } = await runs.start(start('saved', { known: { plan: 'p', elements: [], script: '$add_todo__new_todo.type("{{item}}");\ndone(1);' }, params: { item: value }, maxRepairs: 0 }));
  const done = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
  expect(v.safeParse(AutomateStateSchema, { run: done, generateCalls: 0 }).success).toBe(true);
  expect([done.runId, done.status, done.mode, done.phase, done.log[0]?.call]).toEqual([runId, 'done', 'script', 'finished', 'type']);
  expect(done.log[0]?.args).toEqual(['{{item}}']);
});

test('a value that is part of its own hole name is put back once ("password" for {{password}})', async () => {
  const { runs } = host([], ENTRY);
  await runs.start(start('saved', { known: { plan: 'p', elements: [], script: '$add_todo__new_todo.type("{{password}}");\nsay("typed " + $add_todo__new_todo.value());\ndone(1);' }, params: { password: 'password' }, userValues: ['password'], maxRepairs: 0 }));
  const done = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
  expect(done.said).toEqual(['typed {{password}}']);
  expect(JSON.stringify(done)).not.toContain('{{{{');
});
