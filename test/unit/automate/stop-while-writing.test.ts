// @vitest-environment happy-dom
/** Stop pressed while the model is still writing the script (review, session 14): nothing may act on the page. */
import { beforeEach, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { act } from '../../../extension/content/executor/index.ts';
import { AutomationRuns, type RunHostDeps } from '../../../extension/features/automate/run-host.ts';
import type { GenerateResult } from '../../../extension/protocol/schemas.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { runScript } from '../../../extension/sandbox/interpreter/run.ts';
import { SandboxHost } from '../../../extension/sandbox/host.ts';
import type { CatalogueEntry } from '../../../models/catalogue.ts';

beforeEach(() => {
  document.body.innerHTML = `<form aria-label="Add todo" onsubmit="return false"><label for="new">New todo</label><input id="new" />
    <button type="button" id="add">Add</button></form>`;
});

const writer = { id: 'fake', name: 'W', engine: 'ort-decoder', contextLength: 4096, promptFormat: 'scriptwriter', files: [] };
const plain = { id: 'fake', name: 'P', engine: 'ort-decoder', contextLength: 4096, promptFormat: 'plain', files: [] };

test.each([
  ['a script writer', writer, '$add_todo__new_todo.type("typed after stop");\n$add_todo__add_bu'],
  ['a plain model, its fence still open', plain, 'Here:\n```js\n$add_todo__new_todo.type("typed after stop");\n$add_todo__add_bu'],
] as const)('%s: the text written before Stop is not run', async (_label, entry, partial) => {
  let generating!: () => void;
  const started = new Promise<void>((resolve) => { generating = resolve; });
  let sandboxRuns = 0;
  const deps: RunHostDeps = {
    // As ModelHost.generate does once a generation runs: Stop ends it with the text so far (finishReason 'abort').
    generate: (_request, signal) => new Promise<GenerateResult>((resolve) => {
      generating();
      signal.addEventListener('abort', () => resolve({ type: 'final', text: partial, tokenIds: [], finishReason: 'abort',
        stats: { tokensIn: 10, tokensOut: 5, ttftMs: 1 } } as unknown as GenerateResult), { once: true });
    }),
    model: async () => entry as unknown as CatalogueEntry,
    readDocument: async () => buildPageDocument(document),
    act: async (_tab, { expectedOrigin: _origin, ...request }) => act(document, { settleMs: 20, ...request }),
    highlight: async () => ({ highlighted: 0 }),
    // A sandbox that would run whatever it is given, hearing only a later abort.
    sandbox: async () => ({
      run: (request, options) => {
        sandboxRuns++;
        const inner = new AbortController();
        options.signal?.addEventListener('abort', () => inner.abort(), { once: true });
        return runScript(request.source, automationCapabilities(options.bridge!, request.names ?? []), {
          budgets: request.budgets ?? {}, ...(options.onLog ? { onLog: options.onLog } : {}), signal: inner.signal,
        });
      },
    }),
  };
  const runs = new AutomationRuns(deps);
  const { runId } = await runs.start({ tabId: 3, task: 'add a todo', model: 'fake' });
  await started;
  runs.stop(runId);
  let state = (await runs.state(3)).run!;
  for (let i = 0; i < 200 && state.status === 'running'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    state = (await runs.state(3)).run!;
  }
  expect(state.status).toBe('stopped');
  expect(sandboxRuns).toBe(0);
  expect((document.getElementById('new') as HTMLInputElement).value).toBe('');
});

test('the sandbox host does not start a run whose signal is already aborted', async () => {
  const posted: Array<{ type: string }> = [];
  const host = Object.create(SandboxHost.prototype) as SandboxHost;
  Object.assign(host, { runs: new Map(), stuck: false, iframe: { contentWindow: { postMessage: (message: { type: string }) => posted.push(message) } } });
  const controller = new AbortController();
  controller.abort();
  await expect(host.run({ source: '$x.click()', capabilitySet: 'automation', names: [] }, { signal: controller.signal }))
    .rejects.toMatchObject({ name: 'AbortError' });
  expect(posted).toEqual([]);
});
