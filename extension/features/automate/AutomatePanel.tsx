import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useDraft } from '../../ui/draft.ts';
import { choicesFor } from '../../../models/defaults.ts';
import { request } from '../../platform/index.ts';
import * as v from 'valibot';
import type { ScriptRow } from '../../storage/db.ts';
import type { LogEntry } from '../../sandbox/interpreter/run.ts';
import { ACTION_METHODS, type BridgeMethod } from '../../sandbox/capabilities/bridge.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { useTabLoads } from '../../ui/useTabLoads.ts';
import { deserializeError } from '../../protocol/errors.ts';
import { useCandidates, useDefaultModel, useModelName } from '../models/use-models.ts';
import type { ModelAnswer } from './parse.ts';
import type { RespondPayload } from './run-host.ts';
import { MAX_LOG, MAX_SAID, SavedElementSchema, SavedListSchema, type RunState, type SavedElement, type SavedList } from './run-state.ts';
import { holesInTask } from './params.ts';
import { ScriptView } from './ScriptView.tsx';
import { ScriptQuestion } from './ScriptQuestion.tsx';
import { failureText } from './failure-text.ts';
import { errorHeadline } from '../../ui/error-text.ts';
import { ModelOptions, NotMadeFor } from '../models/ModelOptions.tsx';
import { MAX_SCRIPT_NAME, originOf, saveScript, scriptName } from './saved.ts';
import { SavedScripts, useSavedScripts } from './SavedScripts.tsx';
import { RenamedOffer, RepairedOffer, replayAdvice, type Replayed } from './ReplayOutcome.tsx';
import { plainValues, withPlainValues } from './replay-values.ts';

/**
 * The Automate tab of the side panel: a task → one model call writes a script → the sandbox runs it on the bound
 * tab, step by step with the current element outlined → typed errors repaired (at most 2) → a report. The run itself
 * lives in the model host (run-host.ts): this panel starts it, shows its state, answers its confirmations and
 * questions, and stops it. Closing the panel does not stop the run; reopening shows it where it is.
 */

/** Polling the host while a run goes; when none does, the panel reads once (on open, after Run/answers/Stop). */
const POLL_RUNNING_MS = 200;

function LogRow({ entry, current }: { entry: LogEntry; current: boolean }) {
  // A click the run made on its own along a recorded way to another page (page-bridge.ts reach), not a script line.
  if (entry.call === 'route') {
    return <li data-call="route" class={`muted${current ? ' current' : ''}`}><code>clicked {entry.target}</code> on the recorded way to {String(entry.result ?? '')}</li>;
  }
  return (
    <li data-call={entry.call} data-error={entry.error?.name ?? ''} class={current ? 'current' : ''} aria-current={current ? 'step' : undefined}>
      <code>{entry.line}:{entry.column} {entry.call}{entry.target ? ` ${entry.target}` : ''}{entry.args.length ? ` ${JSON.stringify(entry.args).slice(0, 80)}` : ''}</code>
      {entry.error ? <span class="error"> — {errorHeadline(entry.error.name)}: {entry.error.message}</span>
        // Actions return nothing (null); a read shows what it read, null included.
        : entry.result !== undefined && !(entry.result === null && ACTION_METHODS.has(entry.call as BridgeMethod)) ? <span class="muted"> → {JSON.stringify(entry.result).slice(0, 80)}</span> : null}
    </li>
  );
}

/** How a confirmation names the action it asks about. */
const ACTION_VERBS: Record<string, string> = { click: 'Click', type: 'Type into', press: 'Press a key in', select: 'Choose in', check: 'Tick', uncheck: 'Untick', navigate: 'Go to', held: 'Let the page send' };

/**
 * A key press asked about: Enter that clicks a form's default button names the key and the button (the label is the
 * button's, not the field's: review, session 24); Enter that sends a form with no button names the field.
 */
export function pressWhat(label: string, reason: string): string {
  if (/: Enter clicks this button$/.test(reason)) return `Press Enter (clicks “${label}”)`;
  if (/ when Enter is pressed in it$/.test(reason)) return `Press Enter in “${label}”`;
  return `${ACTION_VERBS.press} “${label}”`;
}

/** The longest task `automate.start` takes (run-state.ts). */
const MAX_TASK_CHARS = 4000;

/** "Done after 1 attempt", "Cancelled: the user cancelled…": the status word once (the summary may start with it). */
function ReportHeadline({ report }: { report: NonNullable<RunState['report']> }) {
  const word = report.ok ? 'Done' : report.status === 'cancelled' ? 'Cancelled' : report.status === 'stopped' ? 'Stopped' : 'Failed';
  const repeated = new RegExp(`^${word}(?::\\s*|\\s+)`, 'i').exec(report.summary);
  const rest = repeated ? report.summary.slice(repeated[0].length) : report.summary;
  return <p><strong>{word}</strong>{repeated && !repeated[0].includes(':') ? ' ' : ': '}{rest}</p>;
}

/** A script with line numbers, the line an error names marked: what "at 11:2" points at. */
function NumberedScript({ source, line }: { source: string; line?: number | undefined }) {
  const lines = source.split('\n');
  const width = String(lines.length).length;
  return (
    <pre class="script" data-testid="automate-attempt-script">
      <code>{lines.map((text, i) => (
        <span key={i} data-line={i + 1} class={i + 1 === line ? 'error-line' : undefined}>
          {i + 1 === line ? '→' : ' '}{String(i + 1).padStart(width)} {text}{'\n'}
        </span>
      ))}</code>
    </pre>
  );
}

/** Up to this many characters of a result show inline; a longer one is cut there, with all of it a click away. */
const RESULT_INLINE = 500;

/** A run's result as JSON: short inline; a long one (a list of 60 items) cut with a mark, and shown whole on demand. */
function ResultView({ result }: { result: unknown }) {
  const json = JSON.stringify(result) ?? String(result);
  if (json.length <= RESULT_INLINE) return <p>Result: <code data-testid="automate-result">{json}</code></p>;
  return (
    <>
      <p>Result: <code data-testid="automate-result">{json.slice(0, RESULT_INLINE)}…</code></p>
      <details data-testid="automate-result-whole">
        <summary>The whole result ({json.length.toLocaleString('en')} characters)</summary>
        <pre class="script">{JSON.stringify(result, null, 2)}</pre>
      </details>
    </>
  );
}

export function AutomatePanel({ tabId }: { tabId: number | undefined }) {
  const defaultModel = useDefaultModel('automate');
  const modelName = useModelName();
  const { candidates, loaded: modelsRead } = useCandidates();
  const models = choicesFor('automate', candidates);
  // The model is kept as the user left it (a switch of tab, a reopened panel); step by step for this opening (draft.ts).
  const [picked, setModel] = useDraft('automate.model', '');
  const model = picked || undefined;
  // A picked model that was deleted since gives way to the default.
  const chosen = model !== undefined && (!modelsRead || models.some((entry) => entry.id === model)) ? model : defaultModel;
  const [task, setTask] = useDraft(`automate.task.${tabId ?? ''}`, '');
  /** A paste the box could not take whole: how long it was and how much of it fits. */
  const [pasteCut, setPasteCut] = useState<{ pasted: number; kept: number } | null>(null);
  const [run, setRun] = useState<RunState | null>(null);
  const [vanished, setVanished] = useState(false);
  const [calls, setCalls] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  /** A background read of the run failed (cleared by the next one that works): not the user's own action's error. */
  const [pollError, setPollError] = useState<unknown>(undefined);
  /** A start or reply is on its way: the buttons that send one wait for it (a double click must not send two). */
  const [pending, setPending] = useState(false);
  /** Confirmations, questions and steps already answered here (by id): their buttons do not send twice. */
  const answered = useRef(new Set<string>());
  const gate = useRef<HTMLDivElement>(null);
  const [origin, setOrigin] = useState<string | undefined>(undefined);
  // Live: a script saved, replaced or deleted in another panel shows here too.
  const { value: savedScripts, error: savedReadError } = useSavedScripts(origin);
  const saved = savedScripts ?? [];
  /** The save form a finished run offers (once per run), as the user edits it: kept across a switch of tab or a reopen. */
  const [saveForm, setSaveForm] = useDraft(`automate.save.${tabId ?? ''}`, { runId: '', name: '', source: '', task: '' });
  const { name: saveName, source: saveSource, task: saveTask } = saveForm;
  const setSaveName = (name: string) => setSaveForm((form) => ({ ...form, name }));
  const setSaveSource = (source: string) => setSaveForm((form) => ({ ...form, source }));
  const setSaveTask = (task: string) => setSaveForm((form) => ({ ...form, task }));
  const [savedNote, setSavedNote] = useState('');
  /** The saved script this tab's last replay from here ran (its offer to keep a repair, its advice when it failed). */
  const [replayed, setReplayed] = useDraft<Replayed | null>(`automate.replayed.${tabId ?? ''}`, null);
  const [stepByStep, setStepByStep] = useDraft(`automate.panel.stepByStep.${tabId ?? ''}`, false);
  const shownRun = useRef<string | undefined>(undefined);
  const stopButton = useRef<HTMLButtonElement>(null);
  const pressedRun = useRef(false);
  const going = useRef(false);
  /** The plain values of the replay started here, in memory only: shown in its run instead of their holes. */
  const replayValues = useRef<{ runId: string; values: Record<string, string> } | undefined>(undefined);
  /** Reads the state now and keeps reading while the run goes. */
  const follow = useRef<() => void>(() => undefined);

  const poll = useCallback(async () => {
    if (tabId === undefined) return;
    const state = await request('automate.state', { tabId });
    const current = state.run as RunState | null;
    // A run that was going and is now gone without a report: its tab closed (the run stops and its record goes with
    // the tab) or the model host restarted. Said, rather than the panel falling silently back to idle.
    if (going.current && current === null) setVanished(true);
    else if (current) setVanished(false);
    const values = replayValues.current;
    setRun(current && values?.runId === current.runId ? withPlainValues(current, values.values) : current);
    going.current = current?.status === 'running';
    setCalls(state.generateCalls);
    setLoaded(true);
    // A finished, fresh run offers its script for saving (once per run).
    if (current?.report?.ok && !current.replay && current.mode === 'script') {
      const script = current.report.savedScript;
      // What was typed into a password field is a hole in both (run-host.ts): not in the name either.
      const savedTask = current.report.savedTask ?? current.task;
      setSaveForm((form) => (form.runId === current.runId ? form
        : { runId: current.runId, source: script ?? '', task: script ? savedTask : '', name: script ? savedTask.slice(0, 60) : '' }));
    }
    // A panel opened on a run that goes on (step by step, say) shows that run's task and mode, once.
    if (current?.status === 'running' && shownRun.current !== current.runId) {
      shownRun.current = current.runId;
      setTask((box) => box.trim() ? box : current.task);
      setStepByStep(current.stepByStep);
    }
  }, [tabId]);

  // The site's saved scripts, read again whenever the tab loads another page (it may be another site).
  const loads = useTabLoads(tabId);
  useEffect(() => {
    if (tabId === undefined) return;
    let live = true;
    request('page.stats', { tabId }).then((stats) => {
      if (!live) return;
      setOrigin(originOf(stats.url));
    }, () => undefined);
    return () => {
      live = false;
    };
  }, [tabId, loads]);

  useEffect(() => {
    if (tabId === undefined) return;
    // A run started here, or before the panel was (re)opened, is read from the host.
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      poll().then(() => live && setPollError(undefined), (e: unknown) => live && setPollError(e)).finally(() => {
        // One pending read at most, whichever read finished last schedules it.
        clearTimeout(timer);
        if (live && going.current) timer = setTimeout(tick, POLL_RUNNING_MS);
      });
    };
    follow.current = tick;
    tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [tabId]);

  const start = async (runTaskText: string, known?: ModelAnswer, userValues: string[] = [], maxRepairs = 2,
    saved?: { params: Record<string, string>; origin: string; lists?: SavedList[] | undefined; elements?: SavedElement[] | undefined }): Promise<string | undefined> => {
    if (tabId === undefined || !chosen || pending) return undefined;
    setError(undefined);
    setVanished(false);
    setSavedNote('');
    pressedRun.current = true;
    setPending(true);
    try {
      const { runId } = await request('automate.start', {
        tabId, task: runTaskText, model: chosen, ...(known ? { known } : {}), userValues, maxRepairs, stepByStep,
        ...(saved ? { params: saved.params, savedFor: saved.origin, ...(saved.lists?.length ? { knownLists: saved.lists } : {}),
          ...(saved.elements?.length ? { knownElements: saved.elements } : {}) } : {}),
      });
      going.current = true;
      if (saved) replayValues.current = { runId, values: plainValues(saved.params) };
      follow.current();
      return runId;
    } catch (e) {
      setError(e);
      // A run this panel did not start may be going on the tab (another panel's): read it, so that it shows and Stop
      // reaches it (explorer, session 34: Run said "a run is already going" and Stop stayed disabled).
      follow.current();
      return undefined;
    } finally {
      setPending(false);
    }
  };

  const replay = (row: ScriptRow & { id: number }, values: Record<string, string>, repairs: boolean) => {
    // The host fills the holes, checks that the tab still shows the script's site, and keeps the values out of what
    // it shows and stores.
    void start(row.task ?? row.name, { plan: `saved script "${row.name}"`, elements: [], script: row.source }, Object.values(values),
      // A list stored by an older version that no longer fits the schema is left out, not the replay.
      repairs ? 2 : 0, { params: values, origin: row.origin, lists: row.lists?.filter((list) => v.is(SavedListSchema, list)),
        elements: row.elements?.filter((element) => v.is(SavedElementSchema, element)) },
    ).then((runId) => {
      if (runId) setReplayed({ runId, scriptId: row.id, name: row.name, repairs, params: row.params });
    });
  };
  const replayOf = run?.replay && replayed?.runId === run.runId ? replayed : undefined;

  const respond = (payload: RespondPayload) => {
    if (!run) return;
    // Ids count up per run: the key is the run's id and the gate's.
    const id = `${run.runId}:${'confirm' in payload ? payload.confirm.id : 'answer' in payload ? payload.answer.id : payload.step.id}`;
    if (answered.current.has(id)) return;
    answered.current.add(id);
    gate.current?.focus(); // the answered controls go away with the next read: keep the place
    request('automate.respond', { runId: run.runId, ...payload }).then(() => follow.current(), (e: unknown) => {
      answered.current.delete(id);
      setError(e);
    });
  };
  // A new confirmation or step takes the focus (an alert dialog is expected to), so keyboard and screen-reader users
  // are at the gate; answered, focus goes back to the gate's place rather than to the page body.
  const gateId = run?.confirm?.id ?? run?.step?.id ?? run?.question?.id;
  useEffect(() => {
    if (gateId === undefined) return;
    // At a confirmation, the safe choice: one stray Enter must not send or delete (exploratory test, session 18).
    (gate.current?.querySelector<HTMLElement>('[data-autofocus]') ?? gate.current?.querySelector<HTMLElement>('button, input'))?.focus();
  }, [gateId]);

  const stop = () => {
    if (run) request('automate.stop', { runId: run.runId }).then(() => follow.current(), (e: unknown) => setError(e));
  };

  const status = run?.status ?? 'idle';
  const answer = run?.answer ?? null;
  const log = run?.log ?? [];
  const report = run?.report ?? null;
  const confirm = run?.confirm ?? null;
  const question = run?.question ?? null;
  const runError = run?.error ? deserializeError(run.error) : undefined;

  const running = status === 'running';
  // Run disables itself when pressed: the focus, left on nothing, goes to Stop (and back to the task when it ends).
  // Only for a run started here: a panel reopened on a running run must not put the focus on Stop (a stray Enter).
  useEffect(() => {
    const lost = () => document.activeElement === document.body || document.activeElement === null;
    if (!pressedRun.current) return;
    if (running && lost()) stopButton.current?.focus();
    else if (!running && lost()) document.getElementById('automate-task')?.focus({ preventScroll: true });
    if (!running) pressedRun.current = false;
  }, [running]);

  if (tabId === undefined) return <p role="status">No page is bound to this panel. Open it from a page's right-click menu ("Automate on this page…").</p>;
  return (
    <section aria-label="Automate" class="automate" data-testid="automate" data-status={status} data-generate-calls={calls}
      data-loaded={loaded ? 'true' : 'false'} data-run={run?.runId ?? ''}>
      <label for="automate-task">Task</label>
      {/* A task is at most 4,000 characters (the run's message takes no more): the box stops there and says so. */}
      <textarea id="automate-task" rows={3} value={task} placeholder="e.g. search for invoices from March" maxLength={MAX_TASK_CHARS}
        aria-describedby={task.length > MAX_TASK_CHARS * 0.9 ? 'automate-task-count' : undefined}
        onInput={(e) => {
          const value = (e.currentTarget as HTMLTextAreaElement).value;
          setTask(value);
          if (!value) setPasteCut(null);
        }}
        onPaste={(e) => {
          // The box keeps what fits of a paste and drops the rest without a word: said here, with how much was lost.
          const box = e.currentTarget as HTMLTextAreaElement;
          const pasted = e.clipboardData?.getData('text/plain') ?? '';
          const room = MAX_TASK_CHARS - (box.value.length - Math.abs((box.selectionEnd ?? 0) - (box.selectionStart ?? 0)));
          setPasteCut(pasted.length > room ? { pasted: pasted.length, kept: Math.max(0, room) } : null);
        }}
        onKeyDown={(e) => {
          // Ctrl+Enter (⌘+Enter) runs the task, as Run does.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !running && !pending && task.trim()) {
            e.preventDefault();
            void start(task.trim());
          }
        }} />
      {task.length > MAX_TASK_CHARS * 0.9 && <p id="automate-task-count" class="muted">{task.length} of {MAX_TASK_CHARS} characters</p>}
      {pasteCut && (
        <p role="status" class="error" data-testid="automate-task-cut">
          The pasted text was cut: {pasteCut.kept.toLocaleString('en-US')} of its {pasteCut.pasted.toLocaleString('en-US')} characters fit (a task
          takes {MAX_TASK_CHARS.toLocaleString('en-US')}).
        </p>
      )}
      <label for="automate-model">
        Model
        <select id="automate-model" value={chosen} disabled={running} title={running ? 'Stop the run to change the model' : undefined} onChange={(e) => setModel((e.currentTarget as HTMLSelectElement).value)}>
          <ModelOptions feature="automate" models={models} />
        </select>
      </label>
      <NotMadeFor feature="automate" entry={models.find((m) => m.id === chosen)} />
      <label class="check"><span><input type="checkbox" style={{ width: 'auto' }} checked={stepByStep} disabled={running}
        title={running ? 'Applies from the next run' : undefined} onChange={(e) => setStepByStep((e.currentTarget as HTMLInputElement).checked)} /> Step by step (pause before each action)</span></label>
      <div class="controls">
        <button type="button" disabled={running || pending || !task.trim()} onClick={() => void start(task.trim())}>Run</button>
        <button type="button" ref={stopButton} disabled={!running} onClick={stop}>Stop</button>
      </div>
      {run && running && (
        <p role="status" data-testid="automate-progress">
          {run.task.slice(0, 120)} — {run.phase === 'generating' ? `asking ${modelName(run.model)} (${run.mode === 'stepwise' ? 'step' : 'attempt'} ${run.attempt + 1})…` : `running attempt ${run.attempt + 1}…`}
          {run.pageWaitSince !== undefined && (
            <span data-testid="automate-page-wait"> Waiting for the page: it has not answered for {Math.max(1, Math.round((Date.now() - run.pageWaitSince) / 1000))} s. It may be showing a dialog that waits for you, or be busy; Stop ends the run.</span>
          )}
        </p>
      )}

      <div ref={gate} tabIndex={-1} class="gate">
      {run?.step && (
        <div role="group" aria-label="Next step" data-testid="automate-step" class="confirm">
          <p>Next: <code>{run.step.action}</code> on <code>{run.step.target}</code> (outlined in the page)</p>
          <button type="button" onClick={() => respond({ step: { id: run.step!.id, then: 'next' } })}>Next step</button>
          <button type="button" onClick={() => respond({ step: { id: run.step!.id, then: 'continue' } })}>Run to the end</button>
        </div>
      )}
      {confirm && (
        <div role="alertdialog" aria-label="Confirm this action" data-testid="automate-confirm" class="confirm"
          onKeyDown={(e) => {
            if (e.key === 'Escape') respond({ confirm: { id: confirm.id, ok: false } });
          }}>
          <p><strong>This action cannot be undone</strong> ({confirm.reason}).</p>
          {/* What it does in the page's words first; the task it is meant to serve beside it, so a script that went
              the wrong way (a removal for an "add" task) shows as such. */}
          <p data-testid="automate-confirm-what">{confirm.action === 'press' && confirm.label ? pressWhat(confirm.label, confirm.reason)
            : <>{ACTION_VERBS[confirm.action] ?? confirm.action} {confirm.label ? <>“{confirm.label}”</> : <code>{confirm.target}</code>}</>}</p>
          <p class="muted">Your task: {run?.task} · {confirm.action === 'held'
            ? 'not in the script: the page sends this by itself, after the script\'s last change'
            : <>in the script: <code>{confirm.action}</code> on <code>{confirm.target}</code></>}</p>
          <button type="button" onClick={() => respond({ confirm: { id: confirm.id, ok: true } })}>Confirm</button>
          <button type="button" data-autofocus onClick={() => respond({ confirm: { id: confirm.id, ok: false } })}>Cancel</button>
        </div>
      )}
      {question && (
        <ScriptQuestion key={question.id} id={question.id} draftKey={`automate.answer.${run?.runId ?? ''}.${question.id}`} text={question.text}
          onAnswer={(text) => respond({ answer: { id: question.id, text } })} />
      )}
      </div>

      {answer && (
        <div data-testid="automate-answer">
          <h2>Plan</h2>
          <p data-testid="automate-plan">{answer.plan || '—'}</p>
          <h2>Script</h2>
          <ScriptView source={answer.script} testId="automate-script" />
        </div>
      )}
      {run && run.said.length > 0 && (
        <>
          {/* Only the newest lines are kept (run-host.ts): said, so a long run does not look cut short. */}
          {run.saidDropped ? <p class="muted" data-testid="automate-said-dropped">{run.saidDropped} earlier line{run.saidDropped === 1 ? '' : 's'} of the script's say() not kept (the last {MAX_SAID} are)</p> : null}
          <ul data-testid="automate-said" class="said">{run.said.map((line, i) => <li key={i}>{line}</li>)}</ul>
        </>
      )}
      {log.length > 0 && (
        <details open>
          <summary>Execution log {run?.current && running && <span class="muted">· now {run.current}</span>}</summary>
          {run?.logDropped ? <p class="muted" data-testid="automate-log-dropped">{run.logDropped} earlier entr{run.logDropped === 1 ? 'y' : 'ies'} not kept (the last {MAX_LOG} are)</p> : null}
          <ol data-testid="automate-log" start={(run?.logDropped ?? 0) + 1}>{log.map((entry, i) => <LogRow key={i} entry={entry} current={running && i === log.length - 1} />)}</ol>
        </details>
      )}
      {report && (
        <div data-testid="automate-report" data-status={report.status} data-model-calls={report.modelCalls} data-attempts={report.attempts.length}
          role={report.ok ? 'status' : 'alert'}>
          <ReportHeadline report={report} />
          {report.result !== undefined && report.result !== null && <ResultView result={report.result} />}
          <p class="muted">{report.modelCalls} model call{report.modelCalls === 1 ? '' : 's'} · {report.tokensIn} tokens in · {report.tokensOut} out</p>
          {/* A saved script that no longer fits the page: what the user can do (a panel that did not start the replay
              goes by whether the model was called). */}
          {run?.replay && report.status === 'failed' && (
            <p data-testid="automate-replay-advice">{replayAdvice(replayOf?.repairs ?? report.modelCalls > 0, report.attempts.at(-1)?.failure)}</p>
          )}
          {report.attempts.length > 1 && (
            <ol aria-label="Attempts" data-testid="automate-attempts">
              {report.attempts.map((a, i) => (
                <li key={i}>
                  {/* An earlier attempt's error points into its own script, which is not the one shown above. */}
                  {a.failure && a.answer && i < report.attempts.length - 1 ? (
                    <details data-testid="automate-attempt">
                      <summary>{failureText(a.failure)}</summary>
                      <NumberedScript source={a.answer.script} line={a.failure.line} />
                    </details>
                  ) : a.failure ? failureText(a.failure) : 'ok'}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
      {vanished && !run && (
        <p role="alert" data-testid="automate-vanished">
          The run stopped before it finished: its tab was closed (what it stored went with the tab), or the model host
          restarted. What it had done in the page stays done.
        </p>
      )}
      {runError && <ErrorNotice error={runError} />}
      {error !== undefined && <ErrorNotice error={error} />}
      {pollError !== undefined && error === undefined && <ErrorNotice error={pollError} />}

      {report?.ok && !run?.replay && saveSource && (run?.origin ?? origin) && (
        <form data-testid="automate-save" class="stack" onSubmit={(e) => {
          e.preventDefault();
          setError(undefined);
          // The site the run was on, not the one the panel read when it opened (the tab may have moved on since).
          const site = run?.origin ?? origin!;
          // The name as it is stored (cut at 200 characters): the note names what the list will show.
          const name = scriptName(saveName);
          // A value the user made a hole in the script is that hole in the task too (shown in the form as saved).
          const task = holesInTask(run?.report?.savedScript ?? '', saveSource, saveTask.trim());
          if (task !== saveTask.trim()) setSaveTask(task);
          setSavedNote('');
          void saveScript(site, name, saveSource, task || undefined, run?.report?.savedLists, run?.report?.savedElements).then(() => {
            setSavedNote(`Saved "${name}" for ${site}.`);
          }, (e: unknown) => setError(e));
        }}>
          <h2>Save for {run?.origin ?? origin}</h2>
          <label for="automate-save-name">Script name</label>
          <input id="automate-save-name" value={saveName} maxLength={MAX_SCRIPT_NAME} onInput={(e) => setSaveName((e.currentTarget as HTMLInputElement).value)} />
          <label for="automate-save-source">Saved script (write {'"{{name}}"'}, in quotes, for a value asked at replay)</label>
          <textarea id="automate-save-source" class="script" rows={6} value={saveSource} onInput={(e) => setSaveSource((e.currentTarget as HTMLTextAreaElement).value)} />
          {run?.report?.savedHoles?.length ? (
            <p class="muted" data-testid="automate-save-holes">
              {run.report.savedHoles.map((hole) => `What you typed into ${hole.target} is saved as {{${hole.name}}}`).join('; ')}: each replay
              asks for it, and it is kept neither with the script nor with its task.
            </p>
          ) : null}
          {run?.report?.savedSecretsLeft ? (
            <p role="alert" data-testid="automate-save-secrets-left">
              {run.report.savedSecretsLeft === 1 ? 'Something' : `${run.report.savedSecretsLeft} things`} the script typed into a
              password, card or code field could not be turned into a hole and may still be written below. Replace it with
              {' "{{password}}"'} (in quotes) in the script and the task before saving: what is saved is kept as written.
            </p>
          ) : null}
          <label for="automate-save-task">Task kept with it (shown when it replays and told to the model that repairs it)</label>
          <textarea id="automate-save-task" rows={2} value={saveTask} maxLength={MAX_TASK_CHARS} onInput={(e) => setSaveTask((e.currentTarget as HTMLTextAreaElement).value)} />
          {/* Saving under a name the site already has replaces that script: the button says so. */}
          <button type="submit">{(run?.origin ?? origin) === origin && saved.some((row) => row.name === scriptName(saveName)) ? 'Replace the saved script of this name' : 'Save script'}</button>
          <p role="status" class="muted" data-testid="automate-saved-note">{savedNote}</p>
        </form>
      )}

      {report?.ok && replayOf && report.attempts.length > 1 && report.savedScript && (
        <RepairedOffer key={replayOf.runId} replayed={replayOf} source={report.savedScript} onError={setError} />
      )}
      {report?.ok && replayOf && report.attempts.length === 1 && report.renamed?.length ? (
        <RenamedOffer key={`renamed-${replayOf.runId}`} replayed={replayOf} renamed={report.renamed} onError={setError} />
      ) : null}

      <SavedScripts tabId={tabId} origin={origin} scripts={savedScripts} readError={savedReadError} busy={running || pending} onReplay={replay} />
    </section>
  );
}
