import { useEffect, useRef, useState } from 'preact/hooks';
import { useDraft } from '../../ui/draft.ts';
import { useRunFocus } from '../../ui/run-focus.ts';
import { startRun } from '../../ui/start-run.ts';
import { joinStory } from './join.ts';
import { useLiveQuery } from '../../ui/useLiveQuery.ts';
import { loadCurrentStory, type StoryRun } from './current.ts';
import { choicesFor } from '../../../models/defaults.ts';
import { useCandidates, useDefaultModel } from '../models/use-models.ts';
import { useForgetGonePick } from '../models/forget-gone-pick.ts';
import { request } from '../../platform/index.ts';
import { deserializeError } from '../../protocol/errors.ts';
import type { BackendPreference, PanelIntent } from '../../protocol/schemas.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { GenerationStats } from '../../ui/GenerationStats.tsx';
import { HANNA_STORIES, hannaOpening } from './library.ts';
import { NumberField } from '../../ui/NumberField.tsx';
import { ModelOptions, NotMadeFor } from '../models/ModelOptions.tsx';

/** How often a run shown as running is checked with the model host while the panel is open. */
const RECHECK_RUNNING_MS = 10_000;
/** What `story.start` accepts (messages.ts): the fields hold no more, and Continue keeps the end of a longer story. */
const MAX_PROMPT_CHARS = 100_000;
const MAX_OPENING_CHARS = 2_000;

interface Settings {
  model: string;
  backend: BackendPreference;
  maxTokens: number;
  temperature: number;
  topK: number;
  topP: number;
  repetitionPenalty: number;
  seed: number;
}

/**
 * Writes a story with a local model: streamed, stoppable, continuable, with the engine's numbers underneath. The model
 * host writes it (closing the popup does not stop it) and saves every finished or stopped story to the library; this
 * view shows the story the host stores as it streams.
 */
export function WriteView({ intent, hidden }: { intent?: PanelIntent | null; hidden?: boolean }) {
  // A selection of nothing (only spaces, trimmed away) keeps the draft.
  const [prompt, setPrompt] = useDraft('story.prompt', 'Once upon a time', intent?.feature === 'story' ? intent.text || undefined : undefined);
  const defaultModel = useDefaultModel('story');
  const { candidates, loaded } = useCandidates();
  const writers = choicesFor('story', candidates);
  const [settings, setSettings] = useDraft<Settings>('story.settings', {
    model: defaultModel, backend: 'auto', maxTokens: 200, temperature: 0.8, topK: 40, topP: 0.95,
    repetitionPenalty: 1.1, seed: 1,
  });
  const [error, setError] = useState<unknown>(null);
  const [checkError, setCheckError] = useState<unknown>(null);
  const [opening, setOpening] = useState('');
  const autoOpening = useRef('');
  const [problem, setProblem] = useState('');
  /** Between pressing Write and the host storing the new story: the id it will have (null until the host answers). */
  const [starting, setStarting] = useState<{ id: string | null } | null>(null);
  const [pickedModel, setPickedModel] = useDraft('story.pickedModel', false);
  useForgetGonePick(loaded, writers, pickedModel, settings.model, () => setPickedModel(false));
  const stored = useLiveQuery(() => loadCurrentStory(), []);
  const checkedRun = useRef('');
  useEffect(() => {
    if (!pickedModel) setSettings((s) => ({ ...s, model: defaultModel }));
  }, [defaultModel, pickedModel]);
  useEffect(() => {
    // A stored story that says "running": the host confirms it, or marks it interrupted (and saves what it had).
    if (stored?.status !== 'running') return;
    // A failed check is shown while the story runs and cleared by the next check that works.
    const check = () => request('story.status', {}).then(() => setCheckError(null), (e: unknown) => setCheckError(e));
    if (checkedRun.current !== stored.id) check();
    checkedRun.current = stored.id;
    // A host that dies while this panel is open would leave the run looking alive: ask again now and then.
    const timer = setInterval(check, RECHECK_RUNNING_MS);
    return () => clearInterval(timer);
  }, [stored?.id, stored?.status]);
  useEffect(() => {
    if (starting?.id && stored?.id === starting.id) setStarting(null);
  }, [stored?.id, starting?.id]);
  const set = <K extends keyof Settings>(key: K) => (value: Settings[K]) => setSettings((s) => ({ ...s, [key]: value }));

  async function write(fromText: string, openingText = '') {
    if (!fromText.trim()) {
      setProblem('Write a prompt first: the story starts from it (for example "Once upon a time").');
      return;
    }
    setError(null);
    setProblem('');
    setStarting({ id: null });
    const { model, backend, ...params } = settings;
    try {
      const { runId } = await startRun(() => request('story.start', { prompt: fromText, opening: openingText, model, backend, params }), () => request('story.status', {}));
      setStarting((current) => (current ? { id: runId } : current));
    } catch (caught) {
      setStarting(null);
      setError(caught);
    }
  }

  const run = starting ? null : stored ?? null;
  const story = run?.text ?? '';
  const status = starting ? 'Starting the model…'
    : run?.status === 'running' ? { queued: 'Waiting for the model…', loading: 'Loading the model…', generating: 'Writing…', none: 'Starting the model…' }[run.stage ?? 'none'] : '';
  const notice = problem ? { kind: 'problem' as const, text: problem } : run ? noticeFor(run) : null;
  const failure = error ?? (run?.status === 'failed' && run.error ? deserializeError(run.error) : null);
  const result = run?.result ?? null;
  const busy = starting !== null || run?.status === 'running';
  const focus = useRunFocus(busy, busy && !!run);
  const shownPrompt = run?.prompt ?? prompt;
  return (
    <section aria-labelledby="story-heading" hidden={hidden}>
      <h2 id="story-heading">Story</h2>
      <label for="story-hanna">Prompt from HANNA (a human story exists for each, to rate against)</label>
      <select id="story-hanna" value="" disabled={busy} style={{ width: '100%', maxWidth: '100%' }} onChange={(e) => {
        const picked = HANNA_STORIES.find((s) => String(s.id) === (e.currentTarget as HTMLSelectElement).value);
        if (picked) {
          setPrompt(picked.prompt);
          // The user's own opening stays; one this list put there follows the prompt.
          if (!opening || opening === autoOpening.current) setOpening(autoOpening.current = hannaOpening(picked));
        }
      }}>
        <option value="">Choose a prompt…</option>
        {HANNA_STORIES.map((s) => <option key={s.id} value={String(s.id)}>{s.prompt.length > 90 ? `${s.prompt.slice(0, 90)}…` : s.prompt}</option>)}
      </select>
      <label for="story-prompt">Prompt</label>
      <textarea id="story-prompt" rows={3} value={prompt} maxLength={MAX_PROMPT_CHARS} onInput={(e) => setPrompt((e.currentTarget as HTMLTextAreaElement).value)} />
      <label for="story-opening">Story opening (optional: the story's first words, after the prompt; small models often stop at once after a bare prompt)</label>
      <input id="story-opening" type="text" value={opening} maxLength={MAX_OPENING_CHARS} style={{ width: '100%' }}
        onInput={(e) => setOpening((e.currentTarget as HTMLInputElement).value)} />
      <div class="controls">
        <label for="story-model">
          Writer
          <select id="story-model" value={settings.model} disabled={busy} title={busy ? 'Stop the story to change the writer' : undefined} onChange={(e) => {
            setPickedModel(true);
            set('model')((e.currentTarget as HTMLSelectElement).value);
          }}>
            <ModelOptions feature="story" models={writers} />
          </select>
        </label>
        <label for="story-backend">
          Backend
          <select id="story-backend" value={settings.backend} disabled={busy} onChange={(e) => set('backend')((e.currentTarget as HTMLSelectElement).value as BackendPreference)}>
            <option value="auto" title="Chosen per model and device">Auto</option>
            <option value="webgpu">WebGPU</option>
            <option value="wasm">WASM</option>
          </select>
        </label>
        <NumberField id="story-length" label="Length (tokens)" value={settings.maxTokens} min={1} max={2048} step={16} onInput={set('maxTokens')} />
        <NumberField id="story-temperature" label="Temperature" value={settings.temperature} min={0} max={2} step={0.1} onInput={set('temperature')} />
        <NumberField id="story-topk" label="Top-k" value={settings.topK} min={0} max={200} step={1} onInput={set('topK')} />
        <NumberField id="story-topp" label="Top-p" value={settings.topP} min={0} max={1} step={0.05} onInput={set('topP')} />
        <NumberField id="story-penalty" label="Repetition penalty" value={settings.repetitionPenalty} min={1} max={2} step={0.05} onInput={set('repetitionPenalty')} />
        <NumberField id="story-seed" label="Seed" value={settings.seed} min={0} max={2 ** 31} step={1} onInput={set('seed')} />
      </div>
      <NotMadeFor feature="story" entry={writers.find((entry) => entry.id === settings.model)} />
      <div class="row">
        <button type="button" ref={focus.start} onClick={() => {
          focus.pressed();
          void write(prompt, opening);
        }} disabled={busy}>Write</button>
        <button type="button" disabled={busy || !story || !run} onClick={() => {
          focus.pressed();
          // The story so far is the next prompt: past the prompt's limit its start goes (a model reads only its end anyway).
          const joined = joinStory(run!.prompt, story);
          const whole = joined.length > MAX_PROMPT_CHARS ? joined.slice(joined.length - MAX_PROMPT_CHARS) : joined;
          setPrompt(whole);
          void write(whole);
        }}>Continue</button>
        <button type="button" ref={focus.stop} onClick={() => {
          focus.stopPressed();
          if (run) request('story.stop', { runId: run.id }).catch((e: unknown) => setError(e));
        }} disabled={!busy || !run}>Stop</button>
      </div>
      {status && <p role="status">{status}</p>}
      {notice && <p role={notice.kind === 'problem' ? 'alert' : 'status'} data-testid="story-notice">{notice.text}</p>}
      {failure !== null && <ErrorNotice error={failure} />}
      {checkError !== null && stored?.status === 'running' && <ErrorNotice error={checkError} />}
      <div class="story" data-testid="story-text">
        {story && <p><span class="muted">{shownPrompt}</span>{joinStory(shownPrompt, story).slice(shownPrompt.length)}</p>}
      </div>
      {result && <GenerationStats result={result} />}
    </section>
  );
}

/** What the host did with the story: saved (finished or stopped), nothing written, or the library refused it. */
function noticeFor(run: StoryRun): { text: string; kind: 'saved' | 'problem' } | null {
  if (run.saveError) return { kind: 'problem', text: `The story could not be saved to the library: ${run.saveError}` };
  if (run.status === 'empty') {
    return { kind: 'problem', text: 'The model ended the story at once and wrote nothing, so nothing was saved. '
      + 'Try another seed, or give the story an opening (e.g. "Once upon a time").' };
  }
  if (run.savedId === null) {
    if (run.status === 'stopped') return { kind: 'problem', text: `Stopped${run.stopReason ? ` (${run.stopReason})` : ''} before anything was written: nothing was saved.` };
    if (run.status === 'interrupted') return { kind: 'problem', text: 'The model host stopped before anything was written: nothing was saved.' };
    return null;
  }
  if (run.status === 'done') return { kind: 'saved', text: `Saved to the library as story ${run.savedId}.` };
  if (run.status === 'interrupted') {
    return { kind: 'saved', text: `The model host stopped before the story finished; what was written is saved to the library as story ${run.savedId} (marked stopped).` };
  }
  return { kind: 'saved', text: `Stopped${run.stopReason ? ` (${run.stopReason})` : ''}. What was written is saved to the library as story ${run.savedId} (marked stopped).` };
}
