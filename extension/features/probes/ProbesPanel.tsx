import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Ref } from 'preact';
import { useDraft } from '../../ui/draft.ts';
import { useRunFocus } from '../../ui/run-focus.ts';
import { startRun } from '../../ui/start-run.ts';
import { choicesFor } from '../../../models/defaults.ts';
import { request } from '../../platform/index.ts';
import { database, type ProbeRunRow } from '../../storage/db.ts';
import { useLiveQuery } from '../../ui/useLiveQuery.ts';
import { useCandidates, useModelName } from '../models/use-models.ts';
import { download } from '../story/export.ts';
import { DEFAULT_CONFIG, type ProbeConfig, type ProbeRunDoc } from './config.ts';
import { PERTURBATIONS, type Perturbation } from './perturb.ts';
import { cellGroups, ProbesChart } from './ProbesChart.tsx';
import { describeRun, ProbesCompare, runLabel } from './ProbesCompare.tsx';
import { STRATEGIES, STRATEGY_LABELS, type Strategy } from './prompts.ts';
import { itemsCsv, robustnessDrops, summarize, type Cell, type ItemResult } from './stats.ts';
import { DISAGREE_TITLE, disagreeText, DROP_TITLE, dropText } from './wording.ts';
import { itemsNote } from './items-note.ts';
import { SUITE_NAMES } from './suites.ts';
import { plannedCounts } from './runner.ts';
import { NumberField } from '../../ui/NumberField.tsx';
import { startHint } from './start-hint.ts';

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '–');
/** One repeat has no spread to show: "± –", not "± 0.0%"; n says over how many complete repeats. */
const meanStd = (m: Cell['methods']['parse']) => (!m.perRepeat.length ? '–'
  : `${pct(m.mean)} ± ${m.perRepeat.length > 1 ? pct(m.std) : '–'} (n=${m.perRepeat.length})`);

function Checks<T extends string>({ legend, name, options, chosen, onToggle, label }: {
  legend: string; name: string; options: readonly T[]; chosen: readonly T[]; onToggle(option: T, on: boolean): void; label?: (o: T) => string;
}) {
  return (
    <fieldset data-testid={`probes-${name}`}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o} class="check" for={`probes-${name}-${o}`}>
          <span><input id={`probes-${name}-${o}`} type="checkbox" style={{ width: 'auto' }} checked={chosen.includes(o)}
            onChange={(e) => onToggle(o, (e.currentTarget as HTMLInputElement).checked)} /> {label ? label(o) : o}</span>
        </label>
      ))}
    </fieldset>
  );
}

const isLive = (run: ProbeRunRow | undefined) => run?.status === 'running' || run?.status === 'queued';

function RunView({ run, cancel, onCancel, onResume }: {
  run: ProbeRunRow; cancel?: Ref<HTMLButtonElement>; onCancel?: () => void; onResume?: () => void;
}) {
  const doc = run.config as ProbeRunDoc;
  const modelName = useModelName();
  const rows = useLiveQuery(() => database().probeItems.where('runId').equals(run.id).toArray(), [run.id]);
  const results = (rows ?? []).map((r) => r.result as ItemResult);
  const planned = useMemo(() => plannedCounts(doc.config), [run.id]);
  const cells = summarize(results, planned);
  const drops = new Map(robustnessDrops(cells, results).map((d) => [d.key, d]));
  const judged = !!doc.config.judge;
  const disagreeing = results.filter((r) => r.correct.parse !== r.correct.exact || (r.correct.judge !== null && r.correct.judge !== r.correct.parse));
  const [error, setError] = useState('');
  const act = (p: Promise<unknown>) => p.then(() => setError(''), (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  const stem = `probes-${run.id}`;
  return (
    <section aria-label="Probe run" data-testid="probes-run" data-run={run.id} data-status={run.status}>
      <p>
        <strong data-field="run.status">{run.status}</strong>{' '}
        {/* A queued run's size is counted when it starts: one cancelled before that never had one. */}
        <span data-field="run.progress">{run.status === 'queued' && doc.total === 0 ? 'waiting for the run before it'
          : run.status === 'cancelled' && doc.total === 0 ? 'never started' : `${doc.done}/${doc.total}`}</span>
        {doc.etaS !== null && run.status === 'running' && <span class="muted"> · about {doc.etaS} s left</span>}
      </p>
      <progress aria-label="Run progress" max={Math.max(1, doc.total)} value={doc.done} />
      {/* Announced when the run's state changes, not on every item. */}
      <p role="status" class="sr-only" data-testid="probes-announce">Probe run {run.status}</p>
      {doc.message && <p role="status" data-testid="probes-message">{doc.message}</p>}
      {doc.skipped.length > 0 && (
        <details data-testid="probes-skipped">
          <summary>{doc.skipped.length} suite record(s) skipped</summary>
          <ul>{doc.skipped.map((reason) => <li key={reason}>{reason}</li>)}</ul>
        </details>
      )}
      <div class="row">
        <button type="button" ref={cancel} disabled={!isLive(run)} onClick={() => {
          onCancel?.();
          act(request('probes.cancel', { runId: run.id }));
        }}>Cancel</button>
        <button type="button" disabled={!['cancelled', 'paused', 'failed'].includes(run.status)} onClick={() => {
          // Resume disables itself as the run goes on: the focus follows to Cancel, as from Start.
          onResume?.();
          act(request('probes.start', { resume: run.id }));
        }}>Resume</button>
        <button type="button" disabled={!results.length} onClick={() => download(`${stem}.csv`, itemsCsv(results), 'text/csv')}>Export CSV</button>
        <button type="button" disabled={!results.length} onClick={() => download(`${stem}.json`, JSON.stringify({ run, cells, items: results }, null, 2), 'application/json')}>Export JSON</button>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      {cells.length > 0 && (
        <>
          <div role="region" aria-label="Accuracy per cell" tabIndex={0} class="table-scroll">
          <table data-testid="probes-results">
            <caption>Accuracy, mean ± std over repeats</caption>
            <thead><tr><th scope="col">Model</th><th scope="col">Suite</th><th scope="col">Strategy</th><th scope="col">Perturbation</th><th scope="col">Parse</th><th scope="col">Exact</th><th scope="col">Judge</th><th scope="col"><abbr title={DROP_TITLE}>Drop</abbr></th><th scope="col"><abbr title={DISAGREE_TITLE}>Disagree</abbr></th></tr></thead>
            <tbody>
              {cells.map((c) => (
                <tr key={c.key} data-cell={c.key}>
                  <td>{modelName(c.model)}</td><td>{c.suite}</td><td>{c.strategy}</td><td>{c.perturbation}</td>
                  <td data-field="parse">{meanStd(c.methods.parse)}</td>
                  <td data-field="exact">{meanStd(c.methods.exact)}</td>
                  <td data-field="judge">{meanStd(c.methods.judge)}{c.judgeNeither > 0 && <span class="muted"> ({c.judgeNeither} neither)</span>}{c.judgeErrors > 0 && <span class="muted"> ({c.judgeErrors} judge call{c.judgeErrors > 1 ? 's' : ''} failed)</span>}</td>
                  <td data-field="drop">{drops.has(c.key) ? dropText(drops.get(c.key)!) : ''}</td>
                  <td data-field="disagree">{disagreeText(c.disagreements, judged)}
                    {c.errors > 0 && <span class="error" data-field="errors"> · {c.errors} failed call(s), not scored</span>}
                    {c.partialRepeats > 0 && <span class="muted" data-field="partial"> · {c.partialRepeats} unfinished repeat(s) left out</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          <ProbesChart groups={cellGroups(cells, modelName)} label="Parse-based accuracy per model, suite, strategy and perturbation, with ± one standard deviation" />
        </>
      )}
      {disagreeing.length > 0 && (
        <details data-testid="probes-disagreements">
          <summary>{disagreeing.length} item(s) where the evaluation methods disagree</summary>
          <ul>
            {disagreeing.slice(0, 50).map((r) => (
              <li key={`${r.repeat}-${r.itemId}-${r.model}-${r.strategy}`}>
                {r.itemId} ({modelName(r.model)} · {r.strategy}, repeat {r.repeat + 1}): gold {r.gold}, parsed {r.parsed ?? 'none'} — parse {String(r.correct.parse)}, exact {String(r.correct.exact)}, judge {r.correct.judge !== null ? String(r.correct.judge) : r.error?.startsWith('judge: ') ? 'failed' : 'neither'}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** How often, while a run is shown going, the model host is asked for its status (see `waiting`). */
const RECHECK_RUNNING_MS = 10_000;

/** The Probes tab: configure a run, start it in the model host, watch it (it outlives the popup), read and export results. */
export function ProbesPanel() {
  const models = choicesFor('probes', useCandidates().candidates);
  const modelName = useModelName();
  const [config, setConfig] = useDraft<ProbeConfig>('probes.config', DEFAULT_CONFIG);
  const [error, setError] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  /** The run Cancel was pressed on here: it stays in view (the user's focus) when a queued run starts after it. */
  const [cancelledHere, setCancelledHere] = useState<string | null>(null);
  const runs = useLiveQuery(() => database().probeRuns.orderBy('createdAt').reverse().toArray(), []) ?? [];
  const set = <K extends keyof ProbeConfig>(key: K) => (value: ProbeConfig[K]) => setConfig((c) => ({ ...c, [key]: value }));
  // Updates from the latest state: two quick clicks must not undo each other.
  const toggle = <K extends 'models' | 'suites' | 'strategies' | 'perturbations'>(key: K) => (option: ProbeConfig[K][number], on: boolean) =>
    setConfig((c) => {
      const list = c[key] as string[];
      return { ...c, [key]: on ? [...list.filter((x) => x !== option), option] : list.filter((x) => x !== option) };
    });
  const live = runs.find((r) => r.status === 'running') ?? runs.find((r) => r.status === 'queued');
  // Unless one was picked: the run going on (or next in the queue), else the newest.
  const run = runs.find((r) => r.id === picked) ?? live ?? runs[0];
  // A run stored as running or queued whose host went away (a crash, an extension update) would look frozen: asking
  // the host for its status starts one, which picks the run up again where it stopped (as at browser start) — now,
  // and every RECHECK_RUNNING_MS while the panel is open (a host can go away while it is).
  const waiting = runs.some((r) => r.status === 'running' || r.status === 'queued');
  useEffect(() => {
    if (!waiting) return undefined;
    const check = () => void request('probes.status', {}).catch(() => undefined);
    check();
    const timer = setInterval(check, RECHECK_RUNNING_MS);
    return () => clearInterval(timer);
  }, [waiting]);
  const [starting, setStarting] = useState(false);
  const [queued, setQueued] = useState<string | null>(null);
  const queuedRun = runs.find((r) => r.id === queued && r.status === 'queued');
  const start = async () => {
    if (starting) return; // a double click would queue the same run twice
    setStarting(true);
    try {
      const { judge, ...rest } = config;
      const send = () => request('probes.start', { config: { ...rest, ...(judge ? { judge } : {}) } });
      // An answer lost on the way back: with no run going, the one the host has now is this one.
      const { runId } = live ? await send() : await startRun(send, () => request('probes.status', {}));
      // A run queued behind a live one: the live run stays in view (the queued one is in the Run list).
      if (!live) setPicked(runId);
      setQueued(live ? runId : null);
      setError('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setStarting(false);
    }
  };
  const hint = startHint(config);
  // Start disables itself while the host takes the run: the focus goes on to the run's Cancel once the run shows (the
  // live query reads it a moment after the host answers), and back to Start when it ends.
  const awaitingStarted = picked !== null && !runs.some((r) => r.id === picked);
  const focus = useRunFocus(starting || awaitingStarted || isLive(run), isLive(run));
  const nextStarted = cancelledHere !== null && run?.id === cancelledHere && live?.status === 'running' && live.id !== cancelledHere ? live : undefined;
  const runPickLabel = (r: ProbeRunRow) => `${runLabel(r, runs)} · ${describeRun(r, modelName)}`;
  return (
    <section aria-labelledby="probes-heading">
      <h2 id="probes-heading">Reasoning probes</h2>
      {/* A model chosen earlier that is gone (deleted, renamed) is listed too, so it can be unchecked. */}
      <Checks legend="Models" name="models" options={[...new Set([...models.map((m) => m.id), ...config.models])]} chosen={config.models} onToggle={toggle('models')}
        label={(id) => models.find((m) => m.id === id)?.name ?? modelName(id)} />
      <Checks legend="Suites" name="suites" options={SUITE_NAMES} chosen={config.suites} onToggle={toggle('suites')} />
      <Checks<Strategy> legend="Strategies" name="strategies" options={STRATEGIES} chosen={config.strategies} onToggle={toggle('strategies')} label={(s) => STRATEGY_LABELS[s]} />
      <Checks<Perturbation> legend="Perturbations" name="perturbations" options={PERTURBATIONS} chosen={config.perturbations} onToggle={toggle('perturbations')} />
      <div class="controls">
        <NumberField id="probes-repeats" label="Repeats (seeds)" value={config.repeats} min={1} max={10} onInput={set('repeats')} />
        <NumberField id="probes-n" label="Items per suite" value={config.n} min={1} max={100} onInput={set('n')} hint={itemsNote(config) || undefined} />
        <NumberField id="probes-max-tokens" label="Max tokens" value={config.maxTokens} min={1} max={2048} onInput={set('maxTokens')} />
        <NumberField id="probes-temperature" label="Temperature" value={config.temperature} min={0} max={2} step={0.1} onInput={set('temperature')} />
        <NumberField id="probes-seed" label="First seed" value={config.seed} min={0} max={2 ** 31} onInput={set('seed')} />
        <label for="probes-judge">Judge model
          <select id="probes-judge" value={config.judge ?? ''} onChange={(e) => {
            const value = (e.currentTarget as HTMLSelectElement).value;
            setConfig(({ judge: _judge, ...c }) => (value ? { ...c, judge: value } : c));
          }}>
            <option value="">None</option>
            {models.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
            {/* A judge chosen earlier that cannot judge now (deleted, or a model that cannot serve probes): shown, so the select says what Start would use. */}
            {config.judge && !models.some((m) => m.id === config.judge) && <option value={config.judge}>{modelName(config.judge)} (not usable here)</option>}
          </select>
        </label>
      </div>
      <div class="row">
        {/* Queueing behind a live run keeps the button (and the focus): start() itself refuses a second press meanwhile. */}
        <button type="button" ref={focus.start} disabled={hint !== '' || (starting && !live)} aria-describedby={hint ? 'probes-start-hint' : undefined} onClick={() => {
          focus.pressed();
          void start();
        }}>{live ? 'Queue run' : 'Start run'}</button>
      </div>
      {hint && <p class="muted" id="probes-start-hint" data-testid="probes-start-hint">{hint}</p>}
      {live && <p class="muted" data-testid="probes-live-note">A run is going ({runLabel(live, runs)}): a new one waits in the queue until it ends.</p>}
      {queuedRun && (
        <p role="status" data-testid="probes-queued">Queued: {runLabel(queuedRun, runs)} starts when the current run ends (pick it under Run).</p>
      )}
      {error && <p role="alert" class="error" data-testid="probes-error">{error}</p>}
      {runs.length > 1 && (
        // A run's label is long (its models and suites): the select keeps to the popup's width (no sideways scroll),
        // the full label is in its title.
        <label for="probes-run-pick" style={{ display: 'block', maxWidth: '100%' }}>Run
          <select id="probes-run-pick" value={run?.id} title={run ? runPickLabel(run) : undefined}
            style={{ display: 'block', width: '100%', maxWidth: '100%', textOverflow: 'ellipsis' }}
            onChange={(e) => setPicked((e.currentTarget as HTMLSelectElement).value)}>
            {runs.map((r) => <option key={r.id} value={r.id} title={runPickLabel(r)}>{runPickLabel(r)}</option>)}
          </select>
        </label>
      )}
      {nextStarted && (
        <p role="status" data-testid="probes-next-started">
          The queued run {runLabel(nextStarted, runs)} has started; this is the run you cancelled (pick the other under Run to watch it).
        </p>
      )}
      {run && <RunView key={run.id} run={run} cancel={focus.stop} onResume={focus.pressed} onCancel={() => {
        focus.stopPressed();
        setPicked(run.id);
        setCancelledHere(run.id);
      }} />}
      <ProbesCompare runs={runs} />
    </section>
  );
}
