import { useEffect, useRef, useState } from 'preact/hooks';
import { choicesFor } from '../../../models/defaults.ts';
import { generate } from '../../platform/index.ts';
import type { BackendPreference, PanelIntent } from '../../protocol/schemas.ts';
import { useCandidates, useDefaultModel } from '../models/use-models.ts';
import { loadLastRun, saveLastRun } from './last-run.ts';
import { MathResultView } from './MathResult.tsx';
import { looksNumeric, MAX_PROBLEM_CHARS, METHOD_LABELS, prepareProblem, type Method } from './prompts.ts';
import { MathSandbox } from './sandbox-client.ts';
import { solve, type MathRun, type ModelCall, type ModelReply, type SolveOptions } from './solve.ts';
import { NumberField } from '../../ui/NumberField.tsx';

interface Settings extends SolveOptions {
  model: string;
  backend: BackendPreference;
  selfConsistency: boolean;
}

/**
 * The Math tab: a problem (typed, or handed over by the right-click menu) solved by direct answer, chain of thought
 * or program of thought, optionally with self-consistency votes and a cross-checking verifier.
 */
export function MathPanel({ intent }: { intent?: PanelIntent | null }) {
  const [problem, setProblem] = useState(intent?.feature === 'math' ? intent.text : '');
  const defaultModel = useDefaultModel('math');
  const models = choicesFor('math', useCandidates().candidates);
  const [settings, setSettings] = useState<Settings>({
    model: defaultModel, backend: 'auto', method: 'cot', samples: 5, temperature: 0.7, verify: false, shots: 4,
    maxTokens: 256, seed: 1, selfConsistency: false,
  });
  const [pickedModel, setPickedModel] = useState(false);
  const [run, setRun] = useState<MathRun | null>(null);
  const [notice, setNotice] = useState('');
  const controller = useRef<AbortController | null>(null);
  const sandbox = useRef<MathSandbox | null>(null);

  useEffect(() => {
    if (!pickedModel) setSettings((s) => ({ ...s, model: defaultModel }));
  }, [defaultModel, pickedModel]);
  useEffect(() => {
    // A fresh problem from the page wins over the stored result; otherwise show the last run (it may have outlived a popup).
    if (!(intent?.feature === 'math' && intent.text)) {
      void loadLastRun().then((last) => {
        if (!last) return;
        setRun((current) => current ?? last);
        setProblem((current) => current || last.problem);
      });
    }
    return () => {
      controller.current?.abort();
      sandbox.current?.dispose();
    };
  }, []);
  const set = <K extends keyof Settings>(key: K) => (value: Settings[K]) => setSettings((s) => ({ ...s, [key]: value }));

  async function start() {
    const prepared = prepareProblem(problem);
    if (!prepared.text) {
      setNotice('Type or paste a math problem first.');
      return;
    }
    setNotice(looksNumeric(prepared.text) ? '' : 'This does not look like a math problem (no numbers in it); trying anyway.');
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    const entry = models.find((m) => m.id === settings.model);
    const { model, backend, selfConsistency, ...options } = settings;
    sandbox.current ??= new MathSandbox();
    const programs = sandbox.current;
    let saved = '';
    const final = await solve(prepared, model, entry?.promptFormat === 'chat', { ...options, samples: selfConsistency ? options.samples : 1 }, {
      signal: abort.signal,
      async generate(call: ModelCall, onText, signal): Promise<ModelReply> {
        const result = await generate({
          model, backend, prompt: call.prompt, ...(call.messages ? { messages: call.messages } : {}),
          params: {
            maxTokens: call.maxTokens, temperature: call.temperature, seed: call.seed,
            ...(call.stop.length ? { stop: call.stop } : {}), ...(call.temperature > 0 ? { topK: 40, topP: 0.95 } : {}),
          },
        }, (event) => {
          if (event.type === 'token') onText(event.text);
        }, signal);
        return {
          text: result.text, finishReason: result.finishReason, tokensIn: result.stats.tokensIn, tokensOut: result.stats.tokensOut,
          promptTokensDropped: result.stats.promptTokensDropped, backend: result.stats.backend, totalMs: result.stats.totalMs,
        };
      },
      runProgram: (source, signal) => programs.run(source, signal),
      onUpdate(next) {
        if (controller.current !== abort) return;
        setRun(next);
        // Store each step that finished (not every token), so a closed popup leaves its progress behind.
        const mark = `${next.status}:${next.attempts.filter((a) => a.done).length}`;
        if (mark !== saved) {
          saved = mark;
          void saveLastRun(next);
        }
      },
    });
    if (controller.current === abort) {
      controller.current = null;
      setRun(final);
    }
  }

  const busy = run?.status === 'running';
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
        onInput={(e) => setProblem((e.currentTarget as HTMLTextAreaElement).value)} />
      {tooLong && (
        <p role="note" class="muted" data-testid="math-too-long">
          {problem.length.toLocaleString('en-US')} characters: only the first {MAX_PROBLEM_CHARS.toLocaleString('en-US')} will be used.
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
            {models.map((entry) => <option key={entry.id} value={entry.id}>{entry.name}</option>)}
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
            <option value="auto">Auto (WebGPU first)</option>
            <option value="webgpu">WebGPU</option>
            <option value="wasm">WASM</option>
          </select>
        </label>
        <NumberField id="math-seed" label="Seed" value={settings.seed} min={0} max={2 ** 31} step={1} onInput={set('seed')} />
      </div>
      <div class="row">
        <button type="button" onClick={() => void start()} disabled={busy}>Solve</button>
        <button type="button" onClick={() => controller.current?.abort()} disabled={!busy}>Stop</button>
      </div>
      {notice && <p role="status" data-testid="math-notice">{notice}</p>}
      {run && <MathResultView run={run} />}
    </section>
  );
}
