import * as v from 'valibot';
import { ValidationError } from '../../extension/protocol/errors.ts';
import { StopMatcher } from './decoding/stop-matcher.ts';
import type { Engine, EngineInfo, FinalEvent, FinishReason, GenerateRequest, TokenEvent } from './types.ts';

/**
 * `replay.json`: canned answers keyed on the prompt. A rule matches when every one of its `match` strings occurs in
 * the prompt (or the chat's text); several `outputs` are handed out in turn, so repeated sampling sees different
 * answers. A rule's `delayMs` waits that long before each piece, so a test can watch a slow stream (and close a page
 * mid-run). This is how tests and demos drive the product deterministically without a capable model; it is listed as
 * what it is ("replay"), never as a language model.
 */
export const ReplayFileSchema = v.strictObject({
  format: v.literal('pocket-replay/1'),
  rules: v.pipe(v.array(v.strictObject({
    match: v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(2000))), v.minLength(1), v.maxLength(16)),
    outputs: v.pipe(v.array(v.pipe(v.string(), v.maxLength(100_000))), v.minLength(1), v.maxLength(64)),
    delayMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(5_000))),
  })), v.maxLength(1000)),
  fallback: v.optional(v.pipe(v.string(), v.maxLength(100_000))),
});
export type ReplayFile = v.InferOutput<typeof ReplayFileSchema>;

/** Splits text into word-sized pieces (each with its leading whitespace), so streaming looks like tokens. */
/** Word-sized pieces, like tokens; a run longer than 1,000 characters (minified JSON, say) is split, since a streamed
 * token event holds at most 10,000 characters. */
const pieces = (text: string) => (text.match(/\s*\S+|\s+$/g) ?? []).flatMap((piece) =>
  piece.length <= 1000 ? [piece] : Array.from({ length: Math.ceil(piece.length / 1000) }, (_, i) => piece.slice(i * 1000, (i + 1) * 1000)));

export class ReplayEngine implements Engine {
  private readonly served = new Map<number, number>();
  /** How many generations this engine has run: tests assert "no model call" with it. */
  calls = 0;

  private constructor(private readonly file: ReplayFile, readonly info: EngineInfo) {}

  static load(modelId: string, json: unknown): ReplayEngine {
    const parsed = v.safeParse(ReplayFileSchema, json);
    if (!parsed.success) throw new ValidationError(`replay.json is not a pocket-replay/1 file: ${parsed.issues[0].message}`);
    return new ReplayEngine(parsed.output, { modelId, backend: 'replay', contextLength: 1_000_000, loadMs: 0 });
  }

  private answer(request: GenerateRequest): { text: string; delayMs: number } {
    const text = [request.prompt, ...(request.messages ?? []).map((m) => m.content)].join('\n');
    const index = this.file.rules.findIndex((rule) => rule.match.every((m) => text.includes(m)));
    if (index < 0) return { text: this.file.fallback ?? '', delayMs: 0 };
    const rule = this.file.rules[index]!;
    const turn = this.served.get(index) ?? 0;
    this.served.set(index, turn + 1);
    return { text: rule.outputs[turn % rule.outputs.length]!, delayMs: rule.delayMs ?? 0 };
  }

  async *generate(request: GenerateRequest, signal?: AbortSignal): AsyncGenerator<TokenEvent, FinalEvent> {
    const started = performance.now();
    this.calls++;
    const { text, delayMs } = this.answer(request);
    const all = pieces(text);
    const stops = new StopMatcher(request.params.stop ?? []);
    let finishReason: FinishReason = 'stop';
    let out = 0;
    let firstAt = 0;
    for (const piece of all) {
      if (signal?.aborted) {
        finishReason = 'abort';
        break;
      }
      if (out >= request.params.maxTokens) {
        finishReason = 'length';
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (signal?.aborted) {
        finishReason = 'abort';
        break;
      }
      out++;
      firstAt ||= performance.now();
      yield { type: 'token', text: stops.push(piece), tokenId: -1 };
      if (stops.stopped) break;
    }
    const ended = performance.now();
    return {
      type: 'final', text: stops.fullText, tokenIds: [], finishReason,
      stats: {
        backend: 'replay', ttftMs: (firstAt || ended) - started, prefillTokS: 0,
        decodeTokS: out > 1 && ended > firstAt ? (out - 1) / ((ended - firstAt) / 1000) : 0,
        tokensIn: pieces(request.prompt).length, tokensOut: out, totalMs: ended - started, promptTokensDropped: 0,
      },
    };
  }

  async unload(): Promise<void> {}
}
