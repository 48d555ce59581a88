import type { GenerateResult } from '../protocol/schemas.ts';

const BACKEND_LABELS: Record<string, string> = { webgpu: 'WebGPU', wasm: 'WASM', builtin: 'Chrome built-in', replay: 'REPLAY' };
/** How a backend is named to the user. */
export const backendLabel = (backend: string) => BACKEND_LABELS[backend] ?? backend.toUpperCase();

const round = (value: number) => (value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1));

/** The numbers under every generated text: backend, first-token latency, throughput, token counts. */
export function GenerationStats({ result }: { result: GenerateResult }) {
  const { stats, engine } = result;
  return (
    <div class="stats muted" data-testid="generation-stats">
      <span data-field="stats.backend">{backendLabel(stats.backend)}</span>
      {' · '}TTFT <span data-field="stats.ttftMs">{round(stats.ttftMs)}</span> ms
      {' · '}prefill {round(stats.prefillTokS)} tok/s
      {' · '}decode <span data-field="stats.decodeTokS">{round(stats.decodeTokS)}</span> tok/s
      {' · '}<span data-field="stats.tokens">{stats.tokensIn} → {stats.tokensOut}</span> tokens
      {' · '}{result.finishReason === 'abort' ? 'stopped' : result.finishReason === 'length' ? 'length limit' : 'finished'}
      {engine.fallbackReason && <div data-field="stats.fallback">Not on WebGPU: {engine.fallbackReason}.</div>}
      {stats.promptTokensDropped > 0 && (
        <div role="note" data-field="stats.truncated">
          The prompt was longer than the model's {engine.contextLength}-token context: its first {stats.promptTokensDropped} tokens were left out.
        </div>
      )}
    </div>
  );
}
