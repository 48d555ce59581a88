import { AbortError, ModelNotFoundError, PocketError, ValidationError } from '../../extension/protocol/errors.ts';
import {
  builtInAvailability, builtInReason, type LanguageModelApi, type LanguageModelCreateOptions, type LanguageModelParams,
  type LanguageModelPrompt, type LanguageModelSession, TEXT_IO,
} from '../../models/builtin.ts';
import { StopMatcher } from './decoding/stop-matcher.ts';
import { generationStats } from './stats.ts';
import type { Engine, EngineInfo, FinalEvent, FinishReason, GenerateRequest, TokenEvent } from './types.ts';

const now = () => performance.now();

/** Used until a session tells its real window (Chrome's Gemini Nano sessions have had 6,144 tokens and more). */
const ASSUMED_CONTEXT = 4096;

/** The Prompt API's DOMExceptions, in our named errors. */
export function translateBuiltInError(error: unknown): Error {
  if (error instanceof PocketError) return error;
  const name = (error as { name?: string } | undefined)?.name ?? '';
  const message = (error as { message?: string } | undefined)?.message ?? String(error);
  if (name === 'AbortError') return new AbortError('generation stopped');
  if (name === 'QuotaExceededError') return new ValidationError(`the prompt does not fit the built-in model's context window: ${message}`);
  if (name === 'NotSupportedError') return new ValidationError(`the built-in model cannot do what was asked: ${message}`);
  if (name === 'NotAllowedError') return new PocketError(`Chrome did not allow the built-in model here: ${message}`);
  if (name === 'InvalidStateError') return new ModelNotFoundError(`the built-in model is not ready: ${message}`);
  return new PocketError(`the built-in model failed: ${message}`);
}

/** Chat turns → the session's opening prompts and the one prompt to answer (the last user turn). */
export function toPrompts(request: GenerateRequest): { initialPrompts: LanguageModelPrompt[]; input: string } {
  const messages = request.messages?.length ? request.messages : [{ role: 'user' as const, content: request.prompt }];
  const last = messages.length - 1;
  if (messages[last]!.role !== 'user') return { initialPrompts: messages.map((m) => ({ ...m })), input: '' };
  return { initialPrompts: messages.slice(0, last).map((m) => ({ ...m })), input: messages[last]!.content };
}

/**
 * Sampling as the Prompt API allows it: top-k and temperature, both or neither. Greedy is top-k 1. Where Chrome
 * gives no limits (`params()` null), Chrome's defaults apply.
 */
export function samplingOptions(request: GenerateRequest, limits: LanguageModelParams | null): Pick<LanguageModelCreateOptions, 'topK' | 'temperature'> {
  if (!limits) return {};
  const { temperature, topK } = request.params;
  if (temperature <= 0) return { topK: 1, temperature: Math.min(1, limits.maxTemperature) };
  return {
    topK: Math.max(1, Math.min(topK || limits.defaultTopK, limits.maxTopK)),
    temperature: Math.min(temperature, limits.maxTemperature),
  };
}

export interface BuiltInOptions {
  modelId: string;
  api: LanguageModelApi | undefined;
}

/**
 * Chrome's built-in model behind our engine interface. Each request opens a session (system and earlier turns as its
 * opening prompts), streams the answer and closes it. The Prompt API gives text, not token ids: `maxTokens` counts
 * streamed pieces (Chrome streams about a token a piece), and the token counts in the stats are Chrome's own
 * `measureInputUsage` of the prompt and of the answer. Seeds, top-p and repetition penalty have no Prompt API
 * counterpart and are not applied; JSON-schema output is (`responseConstraint`).
 */
export class BuiltInEngine implements Engine {
  private constructor(private readonly api: LanguageModelApi, private readonly limits: LanguageModelParams | null, readonly info: EngineInfo) {}

  static async load(options: BuiltInOptions): Promise<BuiltInEngine> {
    const started = now();
    const availability = await builtInAvailability(options.api);
    const reason = builtInReason(availability);
    if (reason || !options.api) throw new ModelNotFoundError(reason ?? 'no built-in model');
    const limits = (await options.api.params?.().catch(() => null)) ?? null;
    let contextLength = ASSUMED_CONTEXT;
    try {
      const probe = await options.api.create(TEXT_IO);
      contextLength = probe.contextWindow ?? probe.inputQuota ?? ASSUMED_CONTEXT;
      probe.destroy();
    } catch (error) {
      throw translateBuiltInError(error);
    }
    return new BuiltInEngine(options.api, limits, {
      modelId: options.modelId, backend: 'builtin', contextLength, loadMs: now() - started, constraints: ['json-schema'],
    });
  }

  async *generate(request: GenerateRequest, signal?: AbortSignal): AsyncGenerator<TokenEvent, FinalEvent> {
    const started = now();
    const { params } = request;
    const { initialPrompts, input } = toPrompts(request);
    const controller = new AbortController();
    const forward = () => controller.abort();
    signal?.addEventListener('abort', forward, { once: true });
    let session: LanguageModelSession | undefined;
    const stops = new StopMatcher(params.stop ?? []);
    let finishReason: FinishReason = 'stop';
    let pieces = 0;
    let firstTokenAt = 0;
    let prefillStarted = started;
    let tokensIn = 0;
    try {
      try {
        let responseConstraint: unknown;
        if (request.constraint?.jsonSchema !== undefined) {
          try {
            responseConstraint = JSON.parse(request.constraint.jsonSchema);
          } catch {
            throw new ValidationError('the JSON schema of the output constraint is not JSON');
          }
        }
        // The caller's signal may end the session; ours only ends the answer (the session still measures it after).
        session = await this.api.create({ ...TEXT_IO, initialPrompts, ...samplingOptions(request, this.limits), ...(signal ? { signal } : {}) });
        tokensIn = await this.measure(session, [...initialPrompts.map((p) => p.content), input].join('\n'));
        prefillStarted = now();
        const reader = session.promptStreaming(input, { signal: controller.signal, ...(responseConstraint !== undefined ? { responseConstraint } : {}) }).getReader();
        try {
          for (;;) {
            if (signal?.aborted) {
              finishReason = 'abort';
              break;
            }
            const { value, done } = await reader.read();
            if (done) break;
            if (!value) continue;
            if (!firstTokenAt) firstTokenAt = now();
            pieces++;
            const shown = stops.push(value);
            if (shown) yield { type: 'token', text: shown, tokenId: -1 };
            if (stops.stopped) break;
            if (pieces >= params.maxTokens) {
              finishReason = 'length';
              break;
            }
          }
        } finally {
          controller.abort();
          reader.releaseLock();
        }
      } catch (error) {
        if (signal?.aborted) finishReason = 'abort';
        else throw translateBuiltInError(error);
      } finally {
        signal?.removeEventListener('abort', forward);
      }
      const rest = stops.flush();
      if (rest && finishReason !== 'abort') yield { type: 'token', text: rest, tokenId: -1 };
      const text = stops.fullText;
      const tokensOut = (session && text ? await this.measure(session, text) : 0) || pieces;
      return {
        type: 'final',
        text,
        tokenIds: [],
        finishReason,
        stats: generationStats('builtin', { started, prefillStarted, firstTokenAt, ended: now() }, tokensIn, tokensOut, 0),
      };
    } finally {
      // Every way out (done, error, the consumer stopping early) closes the session: it holds Chrome's model context.
      session?.destroy();
    }
  }

  /** Chrome's own token count of a text, where the session can tell; 0 where it cannot. */
  private async measure(session: LanguageModelSession, text: string): Promise<number> {
    try {
      const measure = session.measureContextUsage ?? session.measureInputUsage;
      return measure ? Math.round(await measure.call(session, text)) : 0;
    } catch {
      return 0;
    }
  }

  async unload(): Promise<void> {}
}
