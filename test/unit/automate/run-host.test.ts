// @vitest-environment happy-dom
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { act } from '../../../extension/content/executor/index.ts';
import { AutomationRuns, PAGE_WAIT_NOTICE_MS, type RunHostDeps, type RunStore } from '../../../extension/features/automate/run-host.ts';
import { AutomateStateSchema, type AutomateStart, type RunState } from '../../../extension/features/automate/run-state.ts';
import * as v from 'valibot';
import { ANSWER_JSON_SCHEMA } from '../../../extension/features/automate/parse.ts';
import { ValidationError } from '../../../extension/protocol/errors.ts';
import type { GenerateRequestPayload, GenerateResult } from '../../../extension/protocol/schemas.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { runScript } from '../../../extension/sandbox/interpreter/run.ts';
import type { CatalogueEntry } from '../../../models/catalogue.ts';

/**
 * Runs held by the host, not by a panel: the state any panel reads, the pending confirmation/question answered by
 * message, stop, replay without a model call, the step-wise mode. The page is happy-dom with the real executor; the
 * interpreter runs in-process instead of in the sandbox iframe; the model is canned.
 */
function mount(): void {
  document.body.innerHTML = `
    <form aria-label="Add todo" onsubmit="return false"><label for="new">New todo</label><input id="new" />
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
    input.value = '';
  });
}

/** The page's address as the host reads it (happy-dom's own is about:blank, a page without a site). */
let pageUrl: string | undefined;
const ENTRY = { id: 'fake', name: 'Fake', engine: 'ort-decoder', contextLength: 4096, promptFormat: 'plain', files: [] } as unknown as CatalogueEntry;

function host(answers: string[], entry: CatalogueEntry = ENTRY, store?: RunStore, overrides: Partial<RunHostDeps> = {}): { runs: AutomationRuns; requests: GenerateRequestPayload[] } {
  const requests: GenerateRequestPayload[] = [];
  const deps: RunHostDeps = {
    async generate(request) {
      requests.push(request);
      const text = answers.shift() ?? 'no more answers';
      return { type: 'final', text, tokenIds: [], finishReason: 'stop', stats: { tokensIn: 10, tokensOut: 5 } } as unknown as GenerateResult;
    },
    model: async (id) => (id === 'fake' ? entry : undefined),
    readDocument: async () => (pageUrl ? { ...buildPageDocument(document), url: pageUrl } : buildPageDocument(document)),
    // With a made-up page address, the run's origin is that one, not happy-dom's: the executor's check is left out.
    act: async (_tab, { expectedOrigin: _origin, ...request }) => {
      const reply = await act(document, { settleMs: 20, ...request, ...(pageUrl || !_origin ? {} : { expectedOrigin: _origin }) });
      return pageUrl ? { ...reply, url: pageUrl } : reply;
    },
    highlight: async () => ({ highlighted: 0 }),
    sandbox: async () => ({
      run: (request, options) => runScript(request.source, automationCapabilities(options.bridge!, request.names ?? []), {
        budgets: request.budgets ?? {}, ...(options.onLog ? { onLog: options.onLog } : {}), ...(options.signal ? { signal: options.signal } : {}),
      }),
    }),
    ...(store ? { store } : {}),
    ...overrides,
  };
  return { runs: new AutomationRuns(deps), requests };
}

const answer = (script: string) => JSON.stringify({ plan: 'p', elements: [], script });
const start = (task: string, extra: Partial<AutomateStart> = {}): AutomateStart => ({ tabId: 7, task, model: 'fake', ...extra });

async function until<T>(read: () => T | Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out: ${JSON.stringify(await read())}`);
}

describe('AutomationRuns: runs live in the host, panels read and answer them', () => {
  beforeEach(() => {
    pageUrl = undefined;
    mount();
  });

  test('a run goes on with no reader; its confirmation waits in the state until a respond; then the report', async () => {
    const { runs } = host([answer('$add_todo__new_todo.type("x");\n$add_todo__add_button.click();\n$page__todos[0].remove.click();\ndone($page__todos.length);')]);
    const { runId } = await runs.start(start('add x, remove the first'));
    expect((await runs.state(7)).run).toMatchObject({ runId, status: 'running', task: 'add x, remove the first' });
    expect((await runs.state(8)).run).toBeNull();
    const waiting = await until(async () => (await runs.state(7)).run!, (run) => run.confirm !== null);
    expect(waiting.confirm).toMatchObject({ action: 'click', target: '$page__todos[0].remove' });
    expect(waiting.answer?.script).toContain('remove.click()');
    expect(waiting.log.map((e) => e.call)).toEqual(['type', 'click']);
    expect(document.querySelectorAll('#todos li')).toHaveLength(5);
    // A stale or wrong id is refused; the right one goes through.
    expect(() => runs.respond(runId, { confirm: { id: waiting.confirm!.id + 1, ok: true } })).toThrow(ValidationError);
    runs.respond(runId, { confirm: { id: waiting.confirm!.id, ok: true } });
    const done = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
    expect(done).toMatchObject({ status: 'done', phase: 'finished', confirm: null });
    expect(done.report).toMatchObject({ ok: true, modelCalls: 1, result: 4 });
    expect(done.finishedAt).toBeGreaterThanOrEqual(done.startedAt);
    expect((await runs.state(7)).generateCalls).toBe(1);
  });

  test('ask() waits for an answer by message; a second run on the same tab is refused while one goes', async () => {
    const { runs } = host([answer('const t = ask("Title?");\n$add_todo__new_todo.type(t);\n$add_todo__add_button.click();\ndone(t);')]);
    const { runId } = await runs.start(start('add one I name'));
    await expect(runs.start(start('other'))).rejects.toThrow(/already going/);
    const asking = await until(async () => (await runs.state(7)).run!, (run) => run.question !== null);
    expect(asking.question?.text).toBe('Title?');
    runs.respond(runId, { answer: { id: asking.question!.id, text: 'read' } });
    const done = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
    expect(done.report?.result).toBe('read');
    expect(document.querySelector('#todos li:last-child .title')?.textContent).toBe('read');
  });

  test('stop ends a run waiting on a question; the pending question is cleared', async () => {
    const { runs } = host([answer('const t = ask("Title?");\ndone(t);')]);
    const { runId } = await runs.start(start('ask'));
    await until(async () => (await runs.state(7)).run!, (run) => run.question !== null);
    runs.stop(runId);
    const stopped = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
    expect(stopped.status).toBe('stopped');
    expect(stopped.question).toBeNull();
  });

  test('a saved script for another site is refused before it does anything; on its own site it runs', async () => {
    pageUrl = 'https://todo.example/list';
    try {
      const { runs, requests } = host([]);
      const script = '$add_todo__new_todo.type("x");\n$add_todo__add_button.click();\ndone(1);';
      await runs.start(start('saved', { known: { plan: 'saved', elements: [], script }, savedFor: 'https://bank.example', maxRepairs: 2 }));
      const refused = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
      expect(refused).toMatchObject({ status: 'error', error: { name: 'NavigationError' } });
      expect(refused.error?.message).toMatch(/saved for https:\/\/bank\.example, but the tab shows https:\/\/todo\.example/);
      expect(document.querySelectorAll('#todos li')).toHaveLength(4);
      expect(requests).toHaveLength(0);
      await runs.start(start('saved', { known: { plan: 'saved', elements: [], script }, savedFor: 'https://todo.example', maxRepairs: 0 }));
      const ran = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running' && run.task === 'saved' && run.report !== null);
      expect(ran, JSON.stringify(ran.report?.summary)).toMatchObject({ status: 'done', origin: 'https://todo.example' });
      expect(document.querySelectorAll('#todos li')).toHaveLength(5);
    } finally {
      pageUrl = undefined;
    }
  });

  test('a replay\'s {{param}} values are typed but not shown or stored: the script keeps its holes, the log the names', async () => {
    const saves: RunState[] = [];
    const { runs } = host([], ENTRY, { save: async (state) => void saves.push(structuredClone(state)), load: async () => null });
    const script = '$add_todo__new_todo.type("{{title}}");\n$add_todo__add_button.click();\nsay("added {{title}}");\ndone(["{{title}}"]);';
    await runs.start(start('saved', { known: { plan: 'saved', elements: [], script }, params: { title: 's3cret' }, userValues: ['s3cret'], maxRepairs: 0 }));
    const done = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
    expect(done.status).toBe('done');
    expect([...document.querySelectorAll('#todos .title')].map((e) => e.textContent)).toContain('s3cret');
    expect(done.answer?.script).toBe(script);
    expect(done.log.find((e) => e.call === 'type')?.args).toEqual(['{{title}}']);
    expect(JSON.stringify(done.report?.attempts)).not.toContain('s3cret');
    expect(JSON.stringify(saves.at(-1)?.log)).not.toContain('s3cret');
    expect(JSON.stringify(saves.at(-1)?.answer)).not.toContain('s3cret');
    expect(done.said).toEqual(['added {{title}}']);
    expect(JSON.stringify(saves.at(-1))).not.toContain('s3cret');
  });

  test('its tab closed while it waits for a Confirm: the run stops and its stored record is deleted', async () => {
    const stored = new Map<number, RunState>();
    const store: RunStore = {
      save: async (state) => void stored.set(state.tabId, structuredClone(state)),
      load: async (tabId) => stored.get(tabId) ?? null,
      remove: async (tabId) => void stored.delete(tabId),
    };
    const { runs } = host([answer('$page__todos[0].remove.click();\ndone(1);')], ENTRY, store);
    await runs.start(start('remove the first'));
    await until(async () => (await runs.state(7)).run!, (run) => run.confirm !== null);
    expect(stored.has(7)).toBe(true);
    // A panel asking while the run is being forgotten never sees it end as "stopped" (it would take that for the
    // run's own end, not say its tab was closed; e2e, session 32): it has no run from the start.
    const seen: Array<string | null> = [];
    let forgetting = true;
    const forgot = runs.forgetTab(7);
    const watching = (async () => {
      while (forgetting) {
        seen.push((await runs.state(7)).run?.status ?? null);
        await new Promise((r) => setTimeout(r, 0));
      }
    })();
    await forgot;
    forgetting = false;
    await watching;
    expect(seen.filter((status) => status !== null)).toEqual([]);
    expect(stored.has(7)).toBe(false);
    expect((await runs.state(7)).run).toBeNull();
    expect(document.querySelectorAll('#todos li')).toHaveLength(4);
    await new Promise((r) => setTimeout(r, 400)); // past the host's save interval: nothing brings the record back
    expect(stored.has(7)).toBe(false);
  });

  // Explorer, session 34: past 300 log entries and 200 said lines the newest were dropped, so a long run looked stuck.
  test('a long run keeps the newest log entries and said lines, counting the older ones it let go', async () => {
    const { runs } = host([]);
    await runs.start(start('count', { known: { plan: 'p', elements: [], script: 'for (let i = 0; i < 350; i++) say("line " + i);\ndone($page__todos.length);' }, maxRepairs: 0 }));
    const done = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
    expect(done.report).toMatchObject({ ok: true, result: 4 });
    expect(done.said).toHaveLength(200);
    expect(done.saidDropped).toBe(150);
    expect([done.said[0], done.said.at(-1)]).toEqual(['line 150', 'line 349']);
    expect(done.log).toHaveLength(300);
    // 350 say() calls, the list's length read, done(): the first 52 went.
    expect(done.logDropped).toBe(52);
    expect(done.log[0]).toMatchObject({ call: 'say', args: ['line 52'] });
    expect(done.log.at(-1)?.call).toBe('done');
  });

  test('a saved script (known) runs with zero model calls', async () => {
    const { runs, requests } = host([]);
    await runs.start(start('saved', { known: { plan: 'saved', elements: [], script: 'done($page__todos.length);' }, maxRepairs: 0 }));
    const done = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
    expect(done).toMatchObject({ status: 'done', replay: true });
    expect(done.report).toMatchObject({ modelCalls: 0, result: 4 });
    expect(requests).toHaveLength(0);
    expect((await runs.state(7)).generateCalls).toBe(0);
  });

  test('a finished run saves the lists its script names (no samples); a replay given them finds a list that shrank into entries', async () => {
    const script = '$page__todos.find("walk dog").remove.click();\ndone($page__todos.length);';
    pageUrl = 'https://todo.example/mail/42';
    const { runs } = host([answer(script)]);
    await runs.start(start('remove walk dog'));
    const fresh = await until(async () => (await runs.state(7)).run!, (run) => !!run.confirm || run.status !== 'running');
    runs.respond(fresh.runId, { confirm: { id: fresh.confirm!.id, ok: true } });
    const done = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
    expect(done.report).toMatchObject({ status: 'done', result: 3, savedScript: script });
    const lists = done.report!.savedLists!;
    expect(lists.map((l) => [l.pattern, l.list.name])).toEqual([['/mail/:id', 'page__todos']]);
    expect(lists[0]!.list.samples).toEqual([]);

    // Two todos left: no list on the page any more. Replayed with its lists on a page of the same pattern (another
    // mail), the script still runs, with no model; a replay does not save lists again.
    pageUrl = 'https://todo.example/mail/43';
    mount();
    document.querySelectorAll('#todos li')[3]!.remove();
    document.querySelectorAll('#todos li')[0]!.remove();
    expect(buildPageDocument(document).stats.lists).toBe(0);
    const replay = host([]);
    await replay.runs.start(start('remove walk dog', { known: { plan: 'saved', elements: [], script }, knownLists: lists, maxRepairs: 0 }));
    const asked = await until(async () => (await replay.runs.state(7)).run!, (run) => !!run.confirm || run.status !== 'running');
    replay.runs.respond(asked.runId, { confirm: { id: asked.confirm!.id, ok: true } });
    const replayed = await until(async () => (await replay.runs.state(7)).run!, (run) => run.status !== 'running');
    expect(replayed.report, JSON.stringify(replayed.report?.attempts)).toMatchObject({ status: 'done', modelCalls: 0, result: 1 });
    expect(document.getElementById('todos')!.textContent).not.toContain('walk dog');
    expect(replay.requests).toHaveLength(0);
    expect(replayed.report?.savedLists).toBeUndefined();

    // Without them the name is unknown on that page; with them it is too on another page of the site.
    for (const [url, knownLists] of [['https://todo.example/mail/43', undefined], ['https://todo.example/archive', lists]] as const) {
      mount();
      document.querySelectorAll('#todos li')[3]!.remove();
      document.querySelectorAll('#todos li')[0]!.remove();
      pageUrl = url;
      const bare = host([]);
      await bare.runs.start(start('remove walk dog', { known: { plan: 'saved', elements: [], script }, maxRepairs: 0, ...(knownLists ? { knownLists } : {}) }));
      const failed = await until(async () => (await bare.runs.state(7)).run!, (run) => run.status !== 'running');
      expect(failed.report?.attempts[0]?.failure?.name).toBe('NotFoundError');
      expect(document.getElementById('todos')!.textContent).toContain('walk dog');
    }
    pageUrl = undefined;
  });

  test('step-wise mode: one call per action, prompts kept when asked', async () => {
    const { runs, requests } = host([
      '{"action":"type","target":"$add_todo__new_todo","text":"y"}', '{"action":"click","target":"$add_todo__add_button"}', '{"action":"done","result":"ok"}',
    ]);
    await runs.start(start('add y', { mode: 'stepwise', keepPrompts: true }));
    const done = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
    expect(done).toMatchObject({ status: 'done', mode: 'stepwise' });
    expect(done.report).toMatchObject({ modelCalls: 3, result: 'ok', tokensIn: 30, tokensOut: 15 });
    expect(done.report?.prompts).toHaveLength(3);
    expect(done.report?.prompts?.[2]).toContain('NEXT ACTION (step 3)');
    expect(requests.map((r) => r.prompt)).toEqual(done.report?.prompts);
    expect(document.querySelector('#todos li:last-child .title')?.textContent).toBe('y');
  });

  test('a page that does not answer an action: the state says since when it waits; Stop ends the run at once (step-wise too)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
    try {
      for (const mode of ['script', 'stepwise'] as const) {
        // The page never answers its click (a dialog nobody closes).
        const { runs } = host([mode === 'script' ? answer('$add_todo__add_button.click();\ndone(1);') : '{"action":"click","target":"$add_todo__add_button"}'],
          ENTRY, undefined, { act: () => new Promise(() => undefined) });
        const { runId } = await runs.start(start('click', { mode }));
        await vi.advanceTimersByTimeAsync(100);
        await vi.advanceTimersByTimeAsync(PAGE_WAIT_NOTICE_MS);
        const waiting = (await runs.state(7)).run!;
        expect([mode, waiting.status, typeof waiting.pageWaitSince]).toEqual([mode, 'running', 'number']);
        runs.stop(runId);
        const stopped = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
        expect([mode, stopped.status, stopped.pageWaitSince]).toEqual([mode, 'stopped', undefined]);
      }
    } finally {
      vi.useRealTimers();
    }
  });

  test('step by step: each action waits for "Next step"; "Run to the end" lets the rest go; stop while waiting ends it', async () => {
    const script = answer('$add_todo__new_todo.type("s");\n$add_todo__add_button.click();\n$add_todo__new_todo.type("t");\n$add_todo__add_button.click();\ndone(1);');
    const { runs } = host([script, script]);
    const { runId } = await runs.start(start('two', { stepByStep: true }));
    const first = await until(async () => (await runs.state(7)).run!, (run) => run.step !== null);
    expect(first.step).toMatchObject({ action: 'type', target: '$add_todo__new_todo' });
    expect((document.getElementById('new') as HTMLInputElement).value).toBe('');
    runs.respond(runId, { step: { id: first.step!.id, then: 'next' } });
    const second = await until(async () => (await runs.state(7)).run!, (run) => run.step !== null && run.step.id !== first.step!.id);
    expect(second.step).toMatchObject({ action: 'click', target: '$add_todo__add_button' });
    expect((document.getElementById('new') as HTMLInputElement).value).toBe('s');
    expect(() => runs.respond(runId, { step: { id: first.step!.id, then: 'next' } })).toThrow(ValidationError);
    runs.respond(runId, { step: { id: second.step!.id, then: 'continue' } });
    const done = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
    expect(done).toMatchObject({ status: 'done', step: null, stepByStep: false });
    expect(document.querySelectorAll('#todos li')).toHaveLength(6);

    const again = await runs.start(start('two again', { stepByStep: true }));
    await until(async () => (await runs.state(7)).run!, (run) => run.step !== null);
    runs.stop(again.runId);
    const stopped = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
    expect(stopped.status).toBe('stopped');
    expect(document.querySelectorAll('#todos li')).toHaveLength(6);
  });

  test('constrained output: a web-llm model gets the answer JSON schema, `elements` held to the page\'s names; other engines get none (parsed tolerantly)', async () => {
    const script = answer('done(1);');
    for (const [engine, constrained] of [['web-llm', true], ['ort-decoder', false]] as const) {
      const { runs, requests } = host([script], { ...ENTRY, engine } as CatalogueEntry);
      await runs.start(start('x'));
      await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
      const schema = requests[0]!.constraint?.jsonSchema;
      if (constrained) {
        const parsed = JSON.parse(String(schema));
        expect(parsed).toMatchObject({ ...ANSWER_JSON_SCHEMA, properties: { plan: ANSWER_JSON_SCHEMA.properties.plan, script: ANSWER_JSON_SCHEMA.properties.script } });
        const names = (parsed.properties.elements.items.enum as string[]);
        expect(names.length).toBeGreaterThan(0);
        expect(names.every((n) => /^\$[\p{L}\p{N}_]+$/u.test(n))).toBe(true);
        expect(names).toEqual(expect.arrayContaining([expect.stringMatching(/__/)]));
      } else expect(schema).toBeUndefined();
    }
  });

  test('the state is stored as the run goes; a new host reading a stored "running" run shows it interrupted', async () => {
    const saved = new Map<number, RunState>();
    const store: RunStore = { load: async (tab) => saved.get(tab) ?? null, save: async (state) => void saved.set(state.tabId, state) };
    const { runs } = host([answer('const t = ask("Title?");\ndone(t);')], ENTRY, store);
    const { runId } = await runs.start(start('ask me'));
    await until(() => saved.get(7), (state) => state?.question !== null && state?.question !== undefined);
    expect(saved.get(7)).toMatchObject({ status: 'running', task: 'ask me', question: { text: 'Title?' } });
    // The host went away; a fresh one (same store) has no live run for the tab.
    const fresh = host([], ENTRY, store).runs;
    const { run } = await fresh.state(7);
    expect(run).toMatchObject({ status: 'error', phase: 'finished', question: null, task: 'ask me', error: { name: 'ModelHostError' } });
    expect(run?.answer?.script).toContain('ask("Title?")');
    expect((await fresh.state(9)).run).toBeNull();
    runs.stop(runId);
  });

  test('an unknown model is a typed error at start', async () => {
    const { runs } = host([]);
    await expect(runs.start(start('x', { model: 'nope' }))).rejects.toThrow(/no model "nope"/);
  });
});

describe('a script-writer model in the host', () => {
  const WRITER = { ...ENTRY, name: 'Script writer', promptFormat: 'scriptwriter' } as CatalogueEntry;
  beforeEach(() => {
    pageUrl = undefined;
    mount();
  });

  test('gets its trained input and the page names as a constraint; its bare script runs in one call', async () => {
    const { runs, requests } = host(['$add_todo__new_todo.type("feed cat");\n$add_todo__add_button.click();'], WRITER);
    await runs.start(start('Add "feed cat"'));
    const { run } = await until(() => runs.state(7), (s) => s.run?.status !== 'running');
    expect(run).toMatchObject({ status: 'done', answer: { plan: expect.stringContaining('Script writer'), elements: ['$add_todo__new_todo', '$add_todo__add_button'] } });
    expect(document.querySelectorAll('#todos li')).toHaveLength(5);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.prompt.split('\n').at(-1)).toBe('task: Add "feed cat"');
    expect(request!.prompt).not.toContain('Answer with JSON');
    expect(request!.messages).toBeUndefined();
    expect(request!.constraint?.names).toEqual(expect.arrayContaining(['add_todo__new_todo', 'add_todo__add_button', 'page__todos']));
    expect(request!.constraint?.api?.elements).toEqual(expect.arrayContaining(['add_todo__new_todo', 'add_todo__add_button']));
    expect(Object.keys(request!.constraint?.api?.lists ?? {})).toEqual(['page__todos']);
    expect(request!.constraint).toMatchObject({ syntax: 'script', literals: ['Add "feed cat"', expect.stringMatching(/^[^\p{L}\p{N}\s](\n[^\p{L}\p{N}\s])*$/u)] });
    expect(request!.constraint!.preferNames).toEqual({ text: 'Add "feed cat"', weight: 6, order: 14 });
    expect(request!.params.maxTokens).toBeLessThanOrEqual(192);
  });

  test('a failing script is retried as new draws (greedy, then sampled with a seed per attempt), up to maxRepairs', async () => {
    const { runs, requests } = host(['$add_todo__missing.click();', '$add_todo__missing.click();', '$add_todo__add_button.click();'], WRITER);
    await runs.start(start('Press Add'));
    const { run } = await until(() => runs.state(7), (s) => s.run?.status !== 'running');
    expect(run?.status).toBe('done');
    expect(requests.map((r) => [r.params.temperature, r.params.seed])).toEqual([[0, undefined], [0.7, 1], [0.7, 2]]);
    expect(requests.every((r) => r.prompt === requests[0]!.prompt)).toBe(true);
  });

  test('with maxRepairs 0 a failing script is reported after one call; constrainNames/constrainScript: false leave it free', async () => {
    const { runs, requests } = host(['$add_todo__missing.click();'], WRITER);
    await runs.start(start('Click missing', { constrainNames: false, constrainScript: false, maxRepairs: 0 }));
    const { run } = await until(() => runs.state(7), (s) => s.run?.status !== 'running');
    expect(run?.status).toBe('failed');
    expect(run?.report?.attempts[0]?.failure?.name).toBe('NotFoundError');
    expect(requests).toHaveLength(1);
    expect(requests[0]!.constraint).toBeUndefined();
  });
});

describe('a replay\'s {{param}} values are typed into the page, never shown or stored (review, session 14)', () => {
  beforeEach(() => {
    mount();
    document.querySelector('form')!.insertAdjacentHTML('beforeend', '<label for="country">Country</label><select id="country"><option>France</option><option>Spain</option></select>');
  });

  const SCRIPT = '$add_todo__new_todo.type("{{pw}}");\nconst v = $add_todo__new_todo.value();\n$add_todo__country.select("{{pw}}");\ndone(v);';

  test('a value read back, an error message that quotes it, and a repair that copied it show the hole, not the value', async () => {
    const saves: RunState[] = [];
    const store: RunStore = { save: async (state) => void saves.push(structuredClone(state)), load: async () => null };
    // A repair that writes the value itself (it is shown only the hole since session 24) is redacted all the same.
    const { runs, requests } = host([answer('$add_todo__new_todo.type("s3cret-Pw");\n$add_todo__add_button.click();\ndone(1);')], ENTRY, store);
    await runs.start(start('saved', { known: { plan: 'saved', elements: [], script: SCRIPT }, params: { pw: 's3cret-Pw' }, userValues: ['s3cret-Pw'], maxRepairs: 2 }));
    const done = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
    await until(() => saves.at(-1)?.status, (status) => status !== 'running');
    expect(requests).toHaveLength(1); // the repair was asked for (its prompt shows the hole, not the value)
    expect(document.querySelector('#todos li:last-child .title')?.textContent).toBe('s3cret-Pw'); // typed into the page (and added)
    expect(JSON.stringify(done)).not.toContain('s3cret-Pw');
    expect(JSON.stringify(saves)).not.toContain('s3cret-Pw');
    // The saved script's own select reached the page (secret-guard.ts refuses nothing of the script as saved): the
    // executor's error quotes the value, which the run shows as its hole.
    expect(done.report?.attempts[0]?.failure).toMatchObject({ name: 'ActionError', message: expect.stringMatching(/^no option "\{\{pw\}\}"; options: "France", "Spain"/) });
    expect(done.report?.attempts[1]?.answer?.script).toContain('type("{{pw}}")');
  });

  test('a repair\'s select of the hole where the saved script chose it: the executor\'s error quotes the value, the run and the script see the hole', async () => {
    const saves: RunState[] = [];
    const store: RunStore = { save: async (state) => void saves.push(structuredClone(state)), load: async () => null };
    const repair = 'let m = "";\ntry { $add_todo__country.select("{{pw}}"); } catch (e) { m = e.message; }\ndone(m.includes("s3cret-Pw") ? "value" : m);';
    const { runs, requests } = host([answer(repair)], ENTRY, store);
    await runs.start(start('saved', { known: { plan: 'saved', elements: [], script: SCRIPT }, params: { pw: 's3cret-Pw' }, userValues: ['s3cret-Pw'], maxRepairs: 1 }));
    const done = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
    await until(() => saves.at(-1)?.status, (status) => status !== 'running');
    expect(requests).toHaveLength(1);
    expect(done.status).toBe('done');
    expect(done.report?.result).toMatch(/^no option "\{\{pw\}\}"/);
    // Not refused: the select reached the page, the log shows the executor's error with the hole.
    expect(done.log.find((entry) => entry.call === 'select')?.error).toMatchObject({ name: 'ActionError', message: expect.stringMatching(/^no option "\{\{pw\}\}"/) });
    expect(JSON.stringify([done, saves, requests])).not.toContain('s3cret-Pw');
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

  // Exploratory test, session 22: the repair of a replay with query "Emma" was told "Search books for Dune".
  test('a replay\'s repair is told the values of this replay with the saved task', async () => {
    const { runs, requests } = host([answer('$add_todo__new_todo.type("Emma");\ndone(1);')]);
    await runs.start(start('Add Dune to the list', { known: { plan: 'saved', elements: [], script: '$add_todo__gone.type("{{title}}");\ndone(1);' }, params: { title: 'Emma' }, userValues: ['Emma'], maxRepairs: 1 }));
    const done = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
    expect(done.status).toBe('done');
    const prompt = JSON.stringify(requests[0]);
    expect(prompt).toContain('Add Dune to the list');
    expect(prompt).toContain('title = \\"Emma\\"');
    expect(done.task).toBe('Add Dune to the list');
  });

  // Exploratory test, session 22: a value "the" made "Not found on {{query}} page" of every message.
  test('a value that is a common word is put back where it is data, not in the wording of messages', async () => {
    const { runs } = host([], ENTRY);
    await runs.start(start('saved', { known: { plan: 'p', elements: [], script: '$add_todo__new_todo.type("{{query}}");\n$add_todo__country.select("{{query}}");\ndone(1);' }, params: { query: 'the' }, maxRepairs: 0 }));
    const done = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
    expect(done.log[0]?.args).toEqual(['{{query}}']);
    const message = done.log.find((entry) => entry.call === 'select')?.error?.message ?? '';
    expect(message).toContain('"{{query}}"');
    expect(message).not.toMatch(/\{\{query\}\}(?!")|(?<!")\{\{query\}\}/);
    expect(done.report?.summary).toContain('Could not act on the page, line 2:1: no option "{{query}}"');
  });

  // Review, session 22: a value "books" turned `$books` into `${{category}}` in the script offered for saving, and a
  // secret under a name in another language ({{passwort}}) was left in a plan.
  test('in scripts only string literals are redacted; a value that is no plain word goes anywhere in messages', async () => {
    const { runs } = host([JSON.stringify({ plan: 'Type books, then log in with hunter22', elements: [], script: '$books.type("books");\n$missing.click();' })]);
    await runs.start(start('saved', { known: { plan: 'p', elements: [], script: '$books__search.type("{{category}}");\n$nope.click();' }, params: { category: 'books', passwort: 'hunter22' }, userValues: ['books'], maxRepairs: 1 }));
    const done = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
    const repaired = done.report?.attempts[1]?.answer;
    expect(repaired?.script).toContain('$books.type("{{category}}")');
    expect(repaired?.plan).toContain('{{passwort}}');
    expect(JSON.stringify(done)).not.toContain('hunter22');
  });

  test('a value that is part of its own hole name is put back once ("password" for {{password}})', async () => {
    const { runs } = host([], ENTRY);
    await runs.start(start('saved', { known: { plan: 'p', elements: [], script: '$add_todo__new_todo.type("{{password}}");\nsay("typed " + $add_todo__new_todo.value());\ndone(1);' }, params: { password: 'password' }, userValues: ['password'], maxRepairs: 0 }));
    const done = await until(async () => (await runs.state(7)).run!, (run) => run.status !== 'running');
    expect(done.said).toEqual(['typed {{password}}']);
    expect(JSON.stringify(done)).not.toContain('{{{{');
  });
});
