// @vitest-environment happy-dom
/** Repair turns and run bookkeeping (review, session 14). */
import { beforeEach, expect, test } from 'vitest';
import { BudgetError, NotFoundError } from '../../../extension/protocol/errors.ts';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { runTask, type RunnerDeps } from '../../../extension/features/automate/runner.ts';
import type { ChatMessage } from '../../../extension/features/automate/prompt.ts';
import { AutomationRuns, type RunHostDeps } from '../../../extension/features/automate/run-host.ts';
import type { RunState } from '../../../extension/features/automate/run-state.ts';
import type { CatalogueEntry } from '../../../models/catalogue.ts';

const answer = (script: string) => JSON.stringify({ plan: 'p', elements: [], script });
const okResult = { ok: true, finishedBy: 'done' as const, result: 1, output: [], log: [], stats: { steps: 1, actions: 0, ms: 1 } };

beforeEach(() => {
  document.body.innerHTML = `<main><form aria-label="Add todo" onsubmit="return false"><label for="new">New todo</label><input id="new" />
    <button type="button" id="add">Add</button></form></main>`;
});

test('a repair prompt offers the names on other pages of the site, as the first prompt did', async () => {
  const prompts: ChatMessage[][] = [];
  const answers = [answer('$settings__email_alerts.check();\n$nope.click();'), answer('done(1);')];
  let runs = 0;
  const deps: RunnerDeps = {
    constrained: false,
    readDocument: async () => buildPageDocument(document),
    otherPageNames: async () => [{ name: 'settings__email_alerts', kind: 'checkbox' }],
    generate: async (messages) => {
      prompts.push(messages);
      return { text: answers.shift()!, tokensIn: 1, tokensOut: 1 };
    },
    execute: async () => (runs++ === 0
      ? { ok: false, finishedBy: 'error', result: null, output: [], log: [], stats: { steps: 1, actions: 0, ms: 1 }, error: new NotFoundError('no $nope', { line: 2, column: 1 }) }
      : okResult),
  };
  expect((await runTask('turn on email alerts', deps)).status).toBe('done');
  for (const prompt of prompts) expect(prompt.map((m) => m.content).join('\n')).toMatch(/ON OTHER PAGES[^\n]*\n[^]*\$settings__email_alerts/);
});

test('a sandbox that fails to answer is that attempt\'s failure: the report keeps it, and a budget overrun is repaired', async () => {
  const answers = [answer('$a.click();'), answer('done(1);')];
  let calls = 0;
  let runs = 0;
  const deps: RunnerDeps = {
    constrained: false,
    readDocument: async () => buildPageDocument(document),
    generate: async () => {
      calls++;
      return { text: answers.shift()!, tokensIn: 1, tokensOut: 1 };
    },
    execute: async () => {
      if (runs++ === 0) throw new BudgetError('the sandbox did not answer within 185000 ms', { budget: 'timeMs' });
      return okResult;
    },
  };
  const report = await runTask('x', deps);
  expect([report.status, calls]).toEqual(['done', 2]);
  expect(report.attempts[0]!.failure).toMatchObject({ name: 'BudgetError' });
});

function hostDeps(extra: Partial<RunHostDeps>): RunHostDeps {
  return {
    generate: () => new Promise(() => undefined),
    model: async () => ({ id: 'fake', name: 'F', engine: 'ort-decoder', contextLength: 4096, promptFormat: 'plain', files: [] }) as unknown as CatalogueEntry,
    readDocument: async () => buildPageDocument(document),
    act: async () => { throw new Error('no'); },
    highlight: async () => ({ highlighted: 0 }),
    sandbox: async () => { throw new Error('no'); },
    ...extra,
  } as RunHostDeps;
}

test('a tab closed while its run starts (the model is being looked up) leaves no run and no record behind', async () => {
  const stored = new Map<number, RunState>();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => { release = resolve; });
  const runs = new AutomationRuns(hostDeps({
    model: async () => {
      await gate;
      return { id: 'fake', name: 'F', engine: 'ort-decoder', contextLength: 4096, promptFormat: 'plain', files: [] } as unknown as CatalogueEntry;
    },
    readDocument: () => new Promise(() => undefined),
    store: { load: async (tab) => stored.get(tab) ?? null, save: async (state) => void stored.set(state.tabId, structuredClone(state)), remove: async (tab) => void stored.delete(tab) },
  }));
  const starting = runs.start({ tabId: 5, task: 'my private task', model: 'fake' });
  await runs.forgetTab(5);
  release();
  await expect(starting).rejects.toMatchObject({ name: 'ValidationError' });
  expect(stored.has(5)).toBe(false);
  expect((await runs.state(5)).run).toBeNull();
});

test('a script writer whose site document cannot be read writes for this page\'s names', async () => {
  const runs = new AutomationRuns(hostDeps({
    model: async () => ({ id: 'fake', name: 'Writer', engine: 'ort-decoder', contextLength: 4096, promptFormat: 'scriptwriter', files: [] }) as unknown as CatalogueEntry,
    otherPageNames: async () => { throw new Error('IDB closed'); },
    generate: async () => ({ type: 'final', text: 'done(1);', tokenIds: [], finishReason: 'stop', stats: { tokensIn: 1, tokensOut: 1 } }) as never,
    sandbox: async () => ({ run: async () => okResult }),
  }));
  await runs.start({ tabId: 6, task: 'press add', model: 'fake' });
  let run = (await runs.state(6)).run!;
  for (let i = 0; i < 200 && run.status === 'running'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    run = (await runs.state(6)).run!;
  }
  expect(run.status).toBe('done');
});
