import { useEffect, useRef, useState } from 'preact/hooks';
import { useDraft } from '../../ui/draft.ts';
import { useRunFocus } from '../../ui/run-focus.ts';
import { startRun } from '../../ui/start-run.ts';
import { choicesFor } from '../../../models/defaults.ts';
import { request } from '../../platform/index.ts';
import { BusyError, isErrorNamed } from '../../protocol/errors.ts';
import type { BackendPreference, PanelIntent } from '../../protocol/schemas.ts';
import { useLiveQuery } from '../../ui/useLiveQuery.ts';
import { useCandidates, useDefaultModel } from '../models/use-models.ts';
import { useForgetGonePick } from '../models/forget-gone-pick.ts';
import { loadLastRun } from './last-run.ts';
import { MAX_PROBLEM_INPUT_CHARS } from './messages.ts';
import { MathResultView } from './MathResult.tsx';
import { looksNumeric, MAX_PROBLEM_CHARS, METHOD_LABELS, prepareProblem, type Method, type PreparedProblem } from './prompts.ts';
import type { MathRun, SolveOptions } from './solve.ts';
import { NumberField } from '../../ui/NumberField.tsx';
import { ModelOptions, NotMadeFor } from '../models/ModelOptions.tsx';

/** How often a run shown as running is checked with the model host while the panel is open. */
const RECHECK_RUNNING_MS = 10_000;

interface Settings extends SolveOptions {
  model: string;
  backend: BackendPreference;
  selfConsistency: boolean;
}

/** What the panel shows between "Solve" and the host's first stored row. */
function startingRun(problem: PreparedProblem, model: string, options: SolveOptions): MathRun {
  return {
    id: '', problem: problem.text, truncated: problem.truncated, originalLength: problem.originalLength, model, options, chat: false,
    status: 'running', attempts: [], warnings: [], final: null, startedAt: Date.now(), tokensIn: 0, tokensOut: 0,
  };
}

const startError = (error: unknown) => (isErrorNamed(error, BusyError)
  ? 'A math run is already going (one at a time): stop it, or wait for it to finish, then solve again.'
  : `Could not start: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);

/**
 * The Math tab: a problem (typed, or handed over by the right-click menu) solved by direct answer, chain of thought
 * or program of thought, optionally with self-consistency votes and a cross-checking verifier. The run itself lives
 * in the model host (it goes on when the popup closes); this tab starts it, stops it and shows it from storage.
 */
export function MathPanel({ intent }: { intent?: PanelIntent | null }) {
  const fromPage = intent?.feature === 'math' ? intent.text : '';
  const [problem, setProblem] = useDraft('math.problem', '', fromPage || undefined);
  const defaultModel = useDefaultModel('math');
  const { candidates, loaded } = useCandidates();
  const models = choicesFor('math', candidates);
  const [settings, setSettings] = useDraft<Settings>('math.settings', {
    model: defaultModel, backend: 'auto', method: 'cot', samples: 5, temperature: 0.7, verify: false, shots: 4,
    maxTokens: 256, seed: 1, selfConsistency: false,
  });
  const [pickedModel, setPickedModel] = useDraft('math.pickedModel', false);
  useForgetGonePick(loaded, models, pickedModel, settings.model, () => setPickedModel(false));
  const stored = useLiveQuery(() => loadLastRun(), []);
  // A fresh problem from the page hides the stored result (unless that run is still going, or was started here).
  const [showStored, setShowStored] = useState(!fromPage);
  const [starting, setStarting] = useState<{ run: MathRun; id: string | null } | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [checkError, setCheckError] = useState('');
  const filledFromStore = useRef(false);
  const checkedRun = useRef('');

  useEffect(() => {
    if (!pickedModel) setSettings((s) => ({ ...s, model: defaultModel }));
  }, [defaultModel, pickedModel]);
  useEffect(() => {
    if (stored === undefined || filledFromStore.current) return;
    filledFromStore.current = true;
    if (!fromPage && stored) setProblem((current) => current || stored.problem);
  }, [stored]);
  useEffect(() => {
    // A stored run that says "running": the host confirms it, or marks it interrupted if no host is running it.
    if (stored?.status !== 'running') return;
    // A failed check is shown while the run goes and cleared by the next check that works.
    const check = () => request('math.status', {}).then(() => setCheckError(''), (e: unknown) => setCheckError(`The model host did not answer: ${e instanceof Error ? e.message : String(e)}`));
    if (checkedRun.current !== stored.id) check();
    checkedRun.current = stored.id;
    // A host that dies while this panel is open would leave the run looking alive: ask again now and then.
    const timer = setInterval(check, RECHECK_RUNNING_MS);
    return () => clearInterval(timer);
  }, [stored?.id, stored?.status]);
  useEffect(() => {
    // The host stored the run this tab started: show it from storage from now on.
    if (starting?.id && stored?.id === starting.id) {
      setStarting(null);
      setShowStored(true);
    }
  }, [stored?.id, starting?.id]);
  const set = <K extends keyof Settings>(key: K) => (value: Settings[K]) => setSettings((s) => ({ ...s, [key]: value }));

  async function start() {
    const prepared = prepareProblem(problem);
    if (!prepared.text) {
      setNotice('Type or paste a math problem first.');
      return;
    }
    setNotice(looksNumeric(prepared.text) ? '' : 'This does not look like a math problem (no numbers in it); trying anyway.');
    setError('');
    const { model, backend, selfConsistency, ...rest } = settings;
    const options = { ...rest, samples: selfConsistency ? rest.samples : 1 };
    setStarting({ run: startingRun(prepared, model, options), id: null });
    try {
      const sent = problem.length > MAX_PROBLEM_INPUT_CHARS ? { problem: problem.slice(0, MAX_PROBLEM_INPUT_CHARS), typedLength: problem.length } : { problem };
      const { runId } = await startRun(() => request('math.start', { ...sent, model, backend, ...options }), () => request('math.status', {}));
      setStarting((current) => (current ? { ...current, id: runId } : current));
    } catch (e) {
      setStarting(null);
      setError(startError(e));
    }
  }

  const run = starting?.run ?? (stored && (showStored || stored.status === 'running') ? stored : null);
  const busy = run?.status === 'running';
  const focus = useRunFocus(busy, busy && !!run?.id);
  const tooLong = problem.length > MAX_PROBLEM_CHARS;
  return (
    <section aria-labelledby="math-heading">
      <h2 id="math-heading">Math</h2>
      {intent?.feature === 'math' && intent.text && (
        <p class="muted" data-testid="intent-text">
          From your selection on the page: “{intent.text.length > 300 ? `${intent.text.slice(0, 300)}…` : intent.text}”
        </p>
      )}
      <label for="math-problem">Problem</label>
      <textarea id="math-problem" rows={4} value={problem} placeholder="A word problem, e.g. Tom has 3 boxes of 6 eggs. How many eggs?"
        onInput={(e) => setProblem((e.currentTarget as HTMLTextAreaElement).value)}
        onKeyDown={(e) => {
          // Ctrl+Enter (⌘+Enter) solves, as Solve does.
          if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || busy) return;
          e.preventDefault();
          focus.pressed();
          void start();
        }} />
      {tooLong && (
        <p role="note" class="muted" data-testid="math-too-long">
          {problem.length.toLocaleString('en-US')} characters: only its beginning and its end (where the question usually is), {MAX_PROBLEM_CHARS.toLocaleString('en-US')} characters in all, will be used.
        </p>
      )}
      <div class="controls">
        <label for="math-method">
          Method
          <select id="math-method" value={settings.method} onChange={(e) => set('method')((e.currentTarget as HTMLSelectElement).value as Method)}>
            {(Object.keys(METHOD_LABELS) as Method[]).map((m) => <option key={m} value={m}>{METHOD_LABELS[m]}</option>)}
          </select>
        </label>
        <label for="math-model">
          Model
          <select id="math-model" value={settings.model} onChange={(e) => {
            setPickedModel(true);
            set('model')((e.currentTarget as HTMLSelectElement).value);
          }}>
            <ModelOptions feature="math" models={models} />
          </select>
        </label>
        <label for="math-sc" class="check">
          <span><input id="math-sc" type="checkbox" style={{ width: 'auto' }} checked={settings.selfConsistency}
            onChange={(e) => set('selfConsistency')((e.currentTarget as HTMLInputElement).checked)} /> Self-consistency (vote)</span>
        </label>
        <label for="math-verify" class="check">
          <span><input id="math-verify" type="checkbox" style={{ width: 'auto' }} checked={settings.verify}
            onChange={(e) => set('verify')((e.currentTarget as HTMLInputElement).checked)} /> Verify with the other method</span>
        </label>
        <NumberField id="math-samples" label="Samples (k)" value={settings.samples} min={2} max={16} step={1} onInput={set('samples')} disabled={!settings.selfConsistency} />
        <NumberField id="math-temperature" label="Sampling temperature" value={settings.temperature} min={0.1} max={2} step={0.1} onInput={set('temperature')} disabled={!settings.selfConsistency} />
        <NumberField id="math-shots" label="Examples (shots)" value={settings.shots} min={0} max={8} step={1} onInput={set('shots')} />
        <NumberField id="math-max-tokens" label="Max tokens per answer" value={settings.maxTokens} min={8} max={2048} step={32} onInput={set('maxTokens')} />
        <label for="math-backend">
          Backend
          <select id="math-backend" value={settings.backend} onChange={(e) => set('backend')((e.currentTarget as HTMLSelectElement).value as BackendPreference)}>
            <option value="auto" title="Chosen per model and device">Auto</option>
            <option value="webgpu">WebGPU</option>
            <option value="wasm">WASM</option>
          </select>
        </label>
        <NumberField id="math-seed" label="Seed" value={settings.seed} min={0} max={2 ** 31} step={1} onInput={set('seed')} />
      </div>
      <NotMadeFor feature="math" entry={models.find((entry) => entry.id === settings.model)} />
      <div class="row">
        <button type="button" ref={focus.start} onClick={() => {
          focus.pressed();
          void start();
        }} disabled={busy}>Solve</button>
        <button type="button" ref={focus.stop} disabled={!busy || !run?.id} onClick={() => {
          focus.stopPressed();
          if (run?.id) request('math.cancel', { runId: run.id }).catch((e: unknown) => setError(`Could not stop: ${e instanceof Error ? e.message : String(e)}`));
        }}>Stop</button>
      </div>
      {busy && <p class="muted" data-testid="math-running-note">Solving in the background: closing this panel does not stop it. One math run at a time.</p>}
      {notice && <p role="status" data-testid="math-notice">{notice}</p>}
      {error && <p role="alert" class="error" data-testid="math-error">{error}</p>}
      {checkError && stored?.status === 'running' && <p role="alert" class="error">{checkError}</p>}
      {run && <MathResultView key={run.id || 'starting'} run={run} />}
    </section>
  );
}
