import { useEffect, useRef, useState } from 'preact/hooks';
import { choicesFor } from '../../../models/defaults.ts';
import { useCandidates, useDefaultModel } from '../models/use-models.ts';
import { generate } from '../../platform/index.ts';
import { isErrorNamed, AbortError } from '../../protocol/errors.ts';
import type { BackendPreference, GenerateResult, PanelIntent } from '../../protocol/schemas.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { GenerationStats } from '../../ui/GenerationStats.tsx';
import { HANNA_STORIES, saveStory } from './library.ts';
import { NumberField } from '../../ui/NumberField.tsx';

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
 * Writes a story with a local model: streamed, stoppable, continuable, with the engine's numbers underneath. Every
 * finished or stopped story is saved to the library.
 */
export function WriteView({ intent, hidden }: { intent?: PanelIntent | null; hidden?: boolean }) {
  const [prompt, setPrompt] = useState(intent?.feature === 'story' ? intent.text : 'Once upon a time');
  const defaultModel = useDefaultModel('story');
  const writers = choicesFor('story', useCandidates().candidates);
  const [settings, setSettings] = useState<Settings>({
    model: defaultModel, backend: 'auto', maxTokens: 200, temperature: 0.8, topK: 40, topP: 0.95,
    repetitionPenalty: 1.1, seed: 1,
  });
  const [story, setStory] = useState('');
  const [status, setStatus] = useState('');
  const [result, setResult] = useState<GenerateResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [opening, setOpening] = useState('');
  const [notice, setNotice] = useState<{ text: string; kind: 'saved' | 'problem' } | null>(null);
  const running = useRef<AbortController | null>(null);
  const [pickedModel, setPickedModel] = useState(false);
  useEffect(() => {
    if (!pickedModel) setSettings((s) => ({ ...s, model: defaultModel }));
  }, [defaultModel, pickedModel]);
  const set = <K extends keyof Settings>(key: K) => (value: Settings[K]) => setSettings((s) => ({ ...s, [key]: value }));

  async function write(fromText: string, openingText = '') {
    if (!fromText.trim()) {
      setNotice({ kind: 'problem', text: 'Write a prompt first: the story starts from it (for example "Once upon a time").' });
      return;
    }
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setError(null);
    setResult(null);
    const prefix = openingText.trim() ? `\n\n${openingText.trim()}` : '';
    setStory(prefix);
    setNotice(null);
    setStatus('Starting the model…');
    const { model, backend, ...params } = settings;
    let streamed = prefix;
    const save = async (text: string, final: GenerateResult | null) => {
      const stopped = final === null || final.finishReason === 'abort';
      try {
        const id = await saveStory({
          prompt: fromText, writer: model, text: text.trim(), params: { ...params, backend: final?.stats.backend ?? backend }, seed: params.seed,
          stopped, finishReason: final?.finishReason ?? 'abort', source: 'model',
          timings: final ? { ttftMs: final.stats.ttftMs, totalMs: final.stats.totalMs, decodeTokS: final.stats.decodeTokS,
            tokensIn: final.stats.tokensIn, tokensOut: final.stats.tokensOut, promptTokensDropped: final.stats.promptTokensDropped } : null,
        });
        setNotice({ kind: 'saved', text: stopped
          ? `Stopped. What was written is saved to the library as story ${id} (marked stopped).`
          : `Saved to the library as story ${id}.` });
      } catch (caught) {
        setNotice({ kind: 'problem', text: `The story could not be saved to the library: ${String(caught)}` });
      }
    };
    try {
      const final = await generate({
        model, backend, prompt: fromText + prefix,
        params: { maxTokens: params.maxTokens, temperature: params.temperature, topK: params.topK, topP: params.topP,
          repetitionPenalty: params.repetitionPenalty, seed: params.seed },
      }, (event) => {
        if (event.type === 'token') {
          streamed += event.text;
          setStory((text) => text + event.text);
        }
        else setStatus({ queued: 'Waiting for the model…', loading: 'Loading the model…', generating: 'Writing…' }[event.stage]);
      }, controller.signal);
      setStory(prefix + final.text);
      setResult(final);
      if (final.text.trim()) await save(prefix + final.text, final);
      else setNotice({ kind: 'problem', text: 'The model ended the story at once and wrote nothing, so nothing was saved. '
        + 'Try another seed, or give the story an opening (e.g. "Once upon a time").' });
    } catch (caught) {
      if (!isErrorNamed(caught, AbortError)) setError(caught);
      else if (streamed.trim()) await save(streamed, null);
    } finally {
      if (running.current === controller) running.current = null;
      setStatus('');
    }
  }

  const busy = status !== '';
  return (
    <section aria-labelledby="story-heading" hidden={hidden}>
      <h2 id="story-heading">Story</h2>
      <label for="story-hanna">Prompt from HANNA (a human story exists for each, to rate against)</label>
      <select id="story-hanna" value="" disabled={busy} style={{ width: '100%', maxWidth: '100%' }} onChange={(e) => {
        const picked = HANNA_STORIES.find((s) => String(s.id) === (e.currentTarget as HTMLSelectElement).value);
        if (picked) {
          setPrompt(picked.prompt);
          if (!opening) setOpening('Once upon a time');
        }
      }}>
        <option value="">Choose a prompt…</option>
        {HANNA_STORIES.map((s) => <option key={s.id} value={String(s.id)}>{s.prompt.length > 90 ? `${s.prompt.slice(0, 90)}…` : s.prompt}</option>)}
      </select>
      <label for="story-prompt">Prompt</label>
      <textarea id="story-prompt" rows={3} value={prompt} onInput={(e) => setPrompt((e.currentTarget as HTMLTextAreaElement).value)} />
      <label for="story-opening">Story opening (optional: the story's first words, after the prompt; small models often stop at once after a bare prompt)</label>
      <input id="story-opening" type="text" value={opening} style={{ width: '100%' }}
        onInput={(e) => setOpening((e.currentTarget as HTMLInputElement).value)} />
      <div class="controls">
        <label for="story-model">
          Writer
          <select id="story-model" value={settings.model} disabled={busy} title={busy ? 'Stop the story to change the writer' : undefined} onChange={(e) => {
            setPickedModel(true);
            set('model')((e.currentTarget as HTMLSelectElement).value);
          }}>
            {writers.map((entry) => <option key={entry.id} value={entry.id}>{entry.name}</option>)}
          </select>
        </label>
        <label for="story-backend">
          Backend
          <select id="story-backend" value={settings.backend} disabled={busy} onChange={(e) => set('backend')((e.currentTarget as HTMLSelectElement).value as BackendPreference)}>
            <option value="auto">Auto (per model and device)</option>
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
      <div class="row">
        <button type="button" onClick={() => void write(prompt, opening)} disabled={busy}>Write</button>
        <button type="button" disabled={busy || !story} onClick={() => {
          const whole = prompt + story;
          setPrompt(whole);
          void write(whole);
        }}>Continue</button>
        <button type="button" onClick={() => running.current?.abort()} disabled={!busy}>Stop</button>
      </div>
      {status && <p role="status">{status}</p>}
      {notice && <p role={notice.kind === 'problem' ? 'alert' : 'status'} data-testid="story-notice">{notice.text}</p>}
      {error !== null && <ErrorNotice error={error} />}
      <div class="story" data-testid="story-text" aria-live="polite">
        {story && <p><span class="muted">{prompt}</span>{story}</p>}
      </div>
      {result && <GenerationStats result={result} />}
    </section>
  );
}
