import type {
  AppConfig, ChatCompletionChunk, ChatCompletionRequestStreaming, InitProgressReport, MLCEngineInterface,
} from '@mlc-ai/web-llm';
import { DeviceLostError, ModelNotFoundError, OutOfMemoryError, PocketError, ValidationError } from '../../extension/protocol/errors.ts';
import type { ChatMessage, Engine, EngineInfo, FinalEvent, FinishReason, GenerateRequest, TokenEvent } from './types.ts';

/** The part of web-llm's engine we use: the real `MLCEngine` satisfies it, and so does the test double. */
export type MlcEngineLike = Pick<MLCEngineInterface, 'reload' | 'chat' | 'interruptGenerate' | 'unload' | 'setInitProgressCallback'>;

export interface WebLlmOptions {
  modelId: string;
  /** web-llm's model id inside `appConfig` (e.g. `Qwen2.5-0.5B-Instruct-q4f32_1-MLC`). */
  mlcModelId: string;
  appConfig: AppConfig;
  contextLength: number;
  /** Makes the engine; production passes `(config) => new MLCEngine(config)` from a lazy import. */
  create: (config: { appConfig: AppConfig; initProgressCallback: (report: InitProgressReport) => void }) => MlcEngineLike;
  onProgress?: (report: InitProgressReport) => void;
}

const now = () => performance.now();

/**
 * web-llm throws its own error classes (not exported from its package, each sets `name`); the rest of Pocket SLM
 * speaks in ours.
 */
export function translateWebLlmError(error: unknown): Error {
  if (error instanceof PocketError) return error;
  const name = (error as Error | undefined)?.name ?? '';
  const message = (error as Error | undefined)?.message ?? String(error);
  if (name === 'DeviceLostError' || /device (was )?lost/i.test(message)) return new DeviceLostError(`the GPU device was lost: ${message}`);
  if (/out of memory|\bOOM\b|allocation failed/i.test(message)) return new OutOfMemoryError(message);
  if (name === 'ModelNotFoundError' || name === 'UnsupportedModelIdError') return new ModelNotFoundError(message);
  if (name === 'ShaderF16SupportError' || name === 'FeatureSupportError') return new PocketError(`this GPU cannot run the model: ${message}`);
  if (name === 'WebGPUNotAvailableError' || name === 'WebGPUNotFoundError') return new PocketError(`web-llm needs WebGPU: ${message}`);
  if (name === 'ContextWindowSizeExceededError') return new ValidationError(`the prompt does not fit the context window: ${message}`);
  if (/InvalidResponseFormat|Grammar/.test(name)) return new ValidationError(`the output constraint was rejected: ${message}`);
  // A fetch that failed, or one web-llm stores straight into its cache (Cache.add fails on any error status).
  if (/Failed to fetch|NetworkError|on 'Cache': Request failed/.test(message)) {
    return new PocketError(`web-llm could not download the model's files (offline, or the server refused them): ${message}`);
  }
  return new PocketError(`web-llm failed: ${message}`);
}

/** web-llm has no top-k and no "prompt" input in chat mode: a bare prompt becomes one user message. */
export function toChatRequest(request: GenerateRequest): ChatCompletionRequestStreaming {
  const { params, constraint } = request;
  const messages: ChatMessage[] = request.messages?.length ? request.messages : [{ role: 'user', content: request.prompt }];
  return {
    messages: messages.map((m) => ({ role: m.role, content: m.content })) as ChatCompletionRequestStreaming['messages'],
    stream: true,
    stream_options: { include_usage: true },
    max_tokens: params.maxTokens,
    // web-llm samples greedily at temperature 0, as our ORT engines do.
    temperature: params.temperature,
    ...(params.topP !== undefined ? { top_p: params.topP } : {}),
    ...(params.repetitionPenalty !== undefined ? { repetition_penalty: params.repetitionPenalty } : {}),
    ...(params.seed !== undefined ? { seed: params.seed } : {}),
    ...(params.stop?.length ? { stop: params.stop } : {}),
    ...(params.stopAtEos === false ? { ignore_eos: true } : {}),
    ...(constraint?.jsonSchema !== undefined ? { response_format: { type: 'json_object', schema: constraint.jsonSchema } } : {}),
    ...(constraint?.grammar !== undefined ? { response_format: { type: 'grammar', grammar: constraint.grammar } } : {}),
  };
}

/**
 * Decoder-only MLC models through @mlc-ai/web-llm, run inside our model worker (the worker is already off the main
 * thread, so web-llm's own worker wrapper is not needed). WebGPU only: web-llm has no WASM path.
 */
export class WebLlmEngine implements Engine {
  private constructor(private readonly engine: MlcEngineLike, readonly info: EngineInfo) {}

  static async load(options: WebLlmOptions): Promise<WebLlmEngine> {
    const started = now();
    const engine = options.create({ appConfig: options.appConfig, initProgressCallback: (r) => options.onProgress?.(r) });
    try {
      await engine.reload(options.mlcModelId);
    } catch (error) {
      await engine.unload().catch(() => {});
      throw translateWebLlmError(error);
    }
    return new WebLlmEngine(engine, {
      modelId: options.modelId, backend: 'webgpu', contextLength: options.contextLength, loadMs: now() - started,
      constraints: ['json-schema', 'grammar'],
    });
  }

  async *generate(request: GenerateRequest, signal?: AbortSignal): AsyncGenerator<TokenEvent, FinalEvent> {
    const started = now();
    let chunks: AsyncIterable<ChatCompletionChunk>;
    try {
      chunks = await this.engine.chat.completions.create(toChatRequest(request));
    } catch (error) {
      throw translateWebLlmError(error);
    }
    const interrupt = () => this.engine.interruptGenerate();
    signal?.addEventListener('abort', interrupt, { once: true });
    // Stopped while the request was being set up: the listener above came too late for it.
    if (signal?.aborted) interrupt();
    let text = '';
    let finishReason: FinishReason = 'length';
    let usage: ChatCompletionChunk['usage'];
    let firstTokenAt = 0;
    let pieces = 0;
    try {
      for await (const chunk of chunks) {
        if (chunk.usage) usage = chunk.usage;
        const choice = chunk.choices[0];
        const delta = choice?.delta.content ?? '';
        if (delta) {
          if (!firstTokenAt) firstTokenAt = now();
          text += delta;
          pieces++;
          // web-llm streams text, not ids: -1 marks "no id".
          yield { type: 'token', text: delta, tokenId: -1 };
        }
        if (choice?.finish_reason) finishReason = choice.finish_reason === 'tool_calls' ? 'stop' : choice.finish_reason;
      }
    } catch (error) {
      throw translateWebLlmError(error);
    } finally {
      signal?.removeEventListener('abort', interrupt);
    }
    if (signal?.aborted) finishReason = 'abort';
    const ended = now();
    const extra = usage?.extra;
    return {
      type: 'final',
      text,
      tokenIds: [],
      finishReason,
      stats: {
        backend: 'webgpu',
        ttftMs: extra ? extra.time_to_first_token_s * 1000 : (firstTokenAt || ended) - started,
        prefillTokS: extra?.prefill_tokens_per_s ?? 0,
        decodeTokS: extra?.decode_tokens_per_s ?? 0,
        tokensIn: usage?.prompt_tokens ?? 0,
        tokensOut: usage?.completion_tokens ?? pieces,
        totalMs: ended - started,
        promptTokensDropped: 0,
      },
    };
  }

  async unload(): Promise<void> {
    await this.engine.unload();
  }
}
