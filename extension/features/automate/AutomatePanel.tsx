import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { choicesFor } from '../../../models/defaults.ts';
import { generate, request } from '../../platform/index.ts';
import type { Locator, PageDocument } from '../../protocol/schemas.ts';
import type { ScriptRow } from '../../storage/db.ts';
import { SandboxHost } from '../../sandbox/host.ts';
import type { LogEntry } from '../../sandbox/interpreter/run.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { useCandidates, useDefaultModel } from '../models/use-models.ts';
import { type ConfirmRequest, PageBridge } from './page-bridge.ts';
import { otherPageNames, recordNavigation, routeTo } from './site-routes.ts';
import type { ModelAnswer } from './parse.ts';
import type { ChatMessage } from './prompt.ts';
import { type RunReport, runTask, type RunnerDeps } from './runner.ts';
import { deleteScript, fillParams, listScripts, originOf, saveScript } from './saved.ts';

/**
 * The Automate tab of the side panel: a task → one model call writes a script → the sandbox runs it on the bound
 * tab, step by step with the current element outlined → typed errors repaired (at most 2) → a report. Irreversible
 * actions wait for Confirm/Cancel here. A finished script can be saved for the site and replayed without a model.
 */

type Status = 'idle' | 'running' | RunReport['status'] | 'error';
interface Pending<T> {
  resolve(value: T): void;
}

function flatten(messages: ChatMessage[]): string {
  return `${messages.map((m) => (m.role === 'system' ? m.content : `${m.role === 'user' ? 'User' : 'Assistant'}: ${m.content}`)).join('\n\n')}\n\nAssistant:`;
}

let generateCalls = 0;

function LogRow({ entry, current }: { entry: LogEntry; current: boolean }) {
  return (
    <li data-call={entry.call} data-error={entry.error?.name ?? ''} class={current ? 'current' : ''} aria-current={current ? 'step' : undefined}>
      <code>{entry.line}:{entry.column} {entry.call}{entry.target ? ` ${entry.target}` : ''}{entry.args.length ? ` ${JSON.stringify(entry.args).slice(0, 80)}` : ''}</code>
      {entry.error ? <span class="error"> — {entry.error.name}: {entry.error.message}</span>
        : entry.result !== undefined ? <span class="muted"> → {JSON.stringify(entry.result).slice(0, 80)}</span> : null}
    </li>
  );
}

export function AutomatePanel({ tabId }: { tabId: number | undefined }) {
  const defaultModel = useDefaultModel('automate');
  const models = choicesFor('automate', useCandidates().candidates);
  const [model, setModel] = useState<string | undefined>(undefined);
  const chosen = model ?? defaultModel;
  const [task, setTask] = useState('');
  const [status, setStatus] = useState<Status>('idle');
  const [answer, setAnswer] = useState<ModelAnswer | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const [log, setLog] = useState<LogEntry[]>([]);
  const [said, setSaid] = useState<string[]>([]);
  const [current, setCurrent] = useState<string | undefined>(undefined);
  const [confirm, setConfirm] = useState<(ConfirmRequest & Pending<boolean>) | undefined>(undefined);
  const [question, setQuestion] = useState<(Pending<string> & { text: string }) | undefined>(undefined);
  const [reply, setReply] = useState('');
  const [report, setReport] = useState<RunReport | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [origin, setOrigin] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState<ScriptRow[]>([]);
  const [saveName, setSaveName] = useState('');
  const [saveSource, setSaveSource] = useState('');
  const [params, setParams] = useState<Record<string, string>>({});
  const [allowModel, setAllowModel] = useState(false);
  const [calls, setCalls] = useState(0);
  const host = useRef<Promise<SandboxHost> | undefined>(undefined);
  const sandboxParent = useRef<HTMLDivElement>(null);
  const abort = useRef<AbortController | undefined>(undefined);

  const refreshSaved = useCallback(async (o: string | undefined) => {
    setSaved(o ? await listScripts(o) : []);
  }, []);

  const readDocument = useCallback(async (): Promise<PageDocument> => {
    const doc = await request('page.document', { tabId: tabId! });
    const o = originOf(doc.url);
    setOrigin((prev) => {
      if (prev !== o) void refreshSaved(o);
      return o;
    });
    return doc;
  }, [tabId]);

  useEffect(() => {
    if (tabId !== undefined) readDocument().catch(() => undefined);
    return () => {
      abort.current?.abort();
      void host.current?.then((h) => h.dispose());
    };
  }, [tabId]);

  const highlight = (locators: Locator[]) => {
    if (tabId !== undefined) request('page.highlight', { tabId, locators }).catch(() => undefined);
  };

  const start = async (runTaskText: string, known?: ModelAnswer, userValues: string[] = [], maxRepairs = 2) => {
    if (tabId === undefined) return;
    const controller = new AbortController();
    abort.current = controller;
    setStatus('running');
    setAnswer(known);
    setLog([]);
    setSaid([]);
    setReport(undefined);
    setError(undefined);
    setAttempt(0);
    const entry = models.find((m) => m.id === chosen);
    // Small contexts get a smaller document block and answer; the engine still cuts an over-long prompt's front.
    const context = entry?.contextLength ?? 4096;
    const maxTokens = Math.max(64, Math.min(700, Math.floor(context / 4)));
    const documentTokens = Math.max(200, Math.min(1500, Math.floor(context / 3)));
    let bridge: PageBridge | undefined;
    let lastDoc: PageDocument | undefined;
    const read = async () => {
      lastDoc = await readDocument();
      return lastDoc;
    };
    const deps: RunnerDeps = {
      constrained: entry?.engine === 'web-llm',
      readDocument: read,
      otherPageNames,
      async generate(messages, jsonSchema, signal) {
        generateCalls++;
        setCalls(generateCalls);
        const result = await generate({
          model: chosen, prompt: flatten(messages), ...(entry?.promptFormat === 'chat' ? { messages } : {}),
          ...(jsonSchema ? { constraint: { jsonSchema } } : {}),
          params: { maxTokens, temperature: 0 },
        }, () => undefined, signal);
        return { text: result.text, tokensIn: result.stats.tokensIn, tokensOut: result.stats.tokensOut };
      },
      async execute(source, names, budgets, onLog, signal) {
        host.current ??= SandboxHost.create(sandboxParent.current ?? document.body);
        const sandbox = await host.current;
        bridge = new PageBridge({
          act: (act) => request('page.act', { tabId, ...act }),
          readDocument: read,
          confirm: (req) => new Promise<boolean>((resolve) => {
            highlight(req.locators);
            setConfirm({ ...req, resolve });
          }),
          ask: (text) => new Promise<string>((resolve) => setQuestion({ text, resolve })),
          say: (text) => setSaid((prev) => [...prev, text]),
          onTarget: (locators, target) => {
            setCurrent(target);
            highlight(locators);
          },
          route: routeTo,
          onNavigated: recordNavigation,
        }, lastDoc ?? await read(), [runTaskText, ...userValues]);
        return sandbox.run({ source, capabilitySet: 'automation', names, budgets }, { bridge, onLog, ...(signal ? { signal } : {}) });
      },
      cancelled: () => (bridge?.stats.cancelled ?? 0) > 0,
      onEvent(event) {
        if (controller !== abort.current) return;
        if (event.type === 'answer') {
          setAnswer(event.answer);
          setLog([]);
        } else if (event.type === 'log') setLog((prev) => [...prev, event.entry]);
        else if (event.type === 'generating') setAttempt(event.attempt);
      },
    };
    try {
      const result = await runTask(runTaskText, deps, { maxRepairs, documentTokens, signal: controller.signal }, known);
      setReport(result);
      setStatus(result.status);
      if (result.ok) {
        const last = result.attempts[result.attempts.length - 1]?.answer;
        if (last && !known) {
          setSaveSource(last.script);
          setSaveName(runTaskText.slice(0, 60));
        }
      }
    } catch (e) {
      setError(e);
      setStatus('error');
    } finally {
      setConfirm(undefined);
      setQuestion(undefined);
      setCurrent(undefined);
      highlight([]);
    }
  };

  const stop = () => {
    abort.current?.abort();
    confirm?.resolve(false);
    setConfirm(undefined);
    question?.resolve('');
    setQuestion(undefined);
  };

  if (tabId === undefined) return <p role="status">No page is bound to this panel. Open it from a page's right-click menu ("Automate on this page…").</p>;
  const running = status === 'running';
  return (
    <section aria-label="Automate" class="automate" data-testid="automate" data-status={status} data-generate-calls={calls}>
      <div ref={sandboxParent} />
      <label for="automate-task">Task</label>
      <textarea id="automate-task" rows={3} value={task} placeholder="e.g. search for invoices from March"
        onInput={(e) => setTask((e.currentTarget as HTMLTextAreaElement).value)} />
      <label for="automate-model">
        Model
        <select id="automate-model" value={chosen} onChange={(e) => setModel((e.currentTarget as HTMLSelectElement).value)}>
          {models.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
        </select>
      </label>
      <div class="controls">
        <button type="button" disabled={running || !task.trim()} onClick={() => void start(task.trim())}>Run</button>
        <button type="button" disabled={!running} onClick={stop}>Stop</button>
      </div>
      {running && <p role="status" data-testid="automate-progress">{answer ? `Running attempt ${attempt + 1}…` : `Asking ${chosen} (attempt ${attempt + 1})…`}</p>}

      {confirm && (
        <div role="alertdialog" aria-label="Confirm this action" data-testid="automate-confirm" class="confirm">
          <p><strong>This action cannot be undone</strong> ({confirm.reason}).</p>
          <p><code>{confirm.action}</code> on <code>{confirm.target}</code>{confirm.label && <> — “{confirm.label}”</>}</p>
          <button type="button" onClick={() => { confirm.resolve(true); setConfirm(undefined); }}>Confirm</button>
          <button type="button" onClick={() => { confirm.resolve(false); setConfirm(undefined); }}>Cancel</button>
        </div>
      )}
      {question && (
        <form data-testid="automate-ask" onSubmit={(e) => { e.preventDefault(); question.resolve(reply); setQuestion(undefined); setReply(''); }}>
          <label for="automate-reply">{question.text}</label>
          <input id="automate-reply" value={reply} onInput={(e) => setReply((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit">Answer</button>
        </form>
      )}

      {answer && (
        <div data-testid="automate-answer">
          <h2>Plan</h2>
          <p data-testid="automate-plan">{answer.plan || '—'}</p>
          <h2>Script</h2>
          <pre class="script" data-testid="automate-script"><code>{answer.script}</code></pre>
        </div>
      )}
      {said.length > 0 && <ul data-testid="automate-said">{said.map((line, i) => <li key={i}>{line}</li>)}</ul>}
      {log.length > 0 && (
        <details open>
          <summary>Execution log {current && <span class="muted">· now {current}</span>}</summary>
          <ol data-testid="automate-log">{log.map((entry) => <LogRow key={entry.seq} entry={entry} current={running && entry.seq === log.length - 1} />)}</ol>
        </details>
      )}
      {report && (
        <div data-testid="automate-report" data-status={report.status} data-model-calls={report.modelCalls} data-attempts={report.attempts.length}
          role={report.ok ? 'status' : 'alert'}>
          <p><strong>{report.ok ? 'Done' : report.status === 'cancelled' ? 'Cancelled' : report.status === 'stopped' ? 'Stopped' : 'Failed'}</strong>: {report.summary}</p>
          {report.result !== undefined && report.result !== null && <p>Result: <code data-testid="automate-result">{JSON.stringify(report.result).slice(0, 500)}</code></p>}
          <p class="muted">{report.modelCalls} model call{report.modelCalls === 1 ? '' : 's'} · {report.tokensIn} tokens in · {report.tokensOut} out</p>
          {report.attempts.length > 1 && (
            <ol aria-label="Attempts" data-testid="automate-attempts">
              {report.attempts.map((a, i) => <li key={i}>{a.failure ? `${a.failure.name}${a.failure.line ? ` at ${a.failure.line}:${a.failure.column ?? 0}` : ''}: ${a.failure.message}` : 'ok'}</li>)}
            </ol>
          )}
        </div>
      )}
      {error !== undefined && <ErrorNotice error={error} />}

      {report?.ok && saveSource && origin && (
        <form data-testid="automate-save" onSubmit={(e) => {
          e.preventDefault();
          void saveScript(origin, saveName, saveSource).then(() => refreshSaved(origin));
        }}>
          <h2>Save for {origin}</h2>
          <label for="automate-save-name">Script name</label>
          <input id="automate-save-name" value={saveName} onInput={(e) => setSaveName((e.currentTarget as HTMLInputElement).value)} />
          <label for="automate-save-source">Saved script (write {'{{name}}'} for a value asked at replay)</label>
          <textarea id="automate-save-source" class="script" rows={6} value={saveSource} onInput={(e) => setSaveSource((e.currentTarget as HTMLTextAreaElement).value)} />
          <button type="submit">Save script</button>
        </form>
      )}

      <h2>Saved for this site</h2>
      {saved.length === 0 ? <p class="muted">No saved scripts for {origin ?? 'this site'}.</p> : (
        <ul data-testid="automate-saved">
          {saved.map((row) => (
            <li key={row.id} data-script={row.name}>
              <strong>{row.name}</strong>
              {row.params.map((p) => (
                <label key={p}>{p}
                  <input aria-label={`Parameter ${p}`} value={params[p] ?? ''} onInput={(e) => setParams((prev) => ({ ...prev, [p]: (e.currentTarget as HTMLInputElement).value }))} />
                </label>
              ))}
              <button type="button" disabled={running} onClick={() => {
                let source: string;
                try {
                  source = fillParams(row.source, params);
                } catch (e) {
                  setError(e);
                  return;
                }
                const values = row.params.map((p) => params[p] ?? '');
                void start(row.name, { plan: `saved script "${row.name}"`, elements: [], script: source }, values, allowModel ? 2 : 0);
              }}>Replay</button>
              <button type="button" onClick={() => void deleteScript(row.id!).then(() => refreshSaved(origin))}>Delete</button>
            </li>
          ))}
        </ul>
      )}
      <label class="check"><span><input type="checkbox" style={{ width: 'auto' }} checked={allowModel}
        onChange={(e) => setAllowModel((e.currentTarget as HTMLInputElement).checked)} /> Let a replay that fails ask the model to repair it</span></label>
    </section>
  );
}
