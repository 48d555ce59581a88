import type * as Ort from 'onnxruntime-web';
import { createSampler } from './decoding/sampler.ts';
import { StopMatcher } from './decoding/stop-matcher.ts';
import type { DecoderConfig } from './model-config.ts';
import { IncrementalDecoder, type TextTokenizer } from './tokenizer.ts';
import type { Backend, Engine, EngineInfo, FinalEvent, FinishReason, GenerateRequest, TokenEvent } from './types.ts';

type OrtModule = typeof Ort;

export interface OrtDecoderOptions {
  ort: OrtModule;
  modelId: string;
  model: Uint8Array;
  tokenizer: TextTokenizer;
  config: DecoderConfig;
  backend: Exclude<Backend, 'builtin'>;
  fallbackReason?: string | undefined;
}

const now = () => performance.now();

/** Fits a prompt and a token budget into the context window: the front of the prompt goes first, BOS stays. */
export function fitContext(promptIds: number[], maxTokens: number, contextLength: number, bos: number | undefined) {
  const maxNew = Math.max(1, Math.min(maxTokens, contextLength - 1));
  const room = contextLength - maxNew;
  if (promptIds.length <= room) return { ids: promptIds, maxNew, dropped: 0 };
  const keepBos = bos !== undefined && promptIds[0] === bos ? 1 : 0;
  const dropped = promptIds.length - room;
  return { ids: [...promptIds.slice(0, keepBos), ...promptIds.slice(keepBos + dropped)], maxNew, dropped };
}

/**
 * Decoder-only ONNX models in the transformers.js/optimum layout (input_ids, attention_mask, [position_ids],
 * past_key_values.N.key/value → logits, present.N.key/value). On WebGPU the KV cache never leaves the GPU: `present`
 * outputs stay GPU buffers and are fed straight back as the next step's `past_key_values`.
 */
export class OrtDecoderEngine implements Engine {
  private constructor(
    private readonly ort: OrtModule,
    private readonly session: Ort.InferenceSession,
    private readonly tokenizer: TextTokenizer,
    private readonly config: DecoderConfig,
    readonly info: EngineInfo,
  ) {}

  static async load(options: OrtDecoderOptions): Promise<OrtDecoderEngine> {
    const started = now();
    const { ort, config, backend } = options;
    const presentNames = Array.from({ length: config.layers }, (_, i) => [`present.${i}.key`, `present.${i}.value`]).flat();
    const session = await ort.InferenceSession.create(options.model, {
      executionProviders: [backend],
      graphOptimizationLevel: 'all',
      ...(backend === 'webgpu'
        ? { preferredOutputLocation: Object.fromEntries(presentNames.map((name) => [name, 'gpu-buffer' as const])) }
        : {}),
    });
    const missing = ['input_ids', 'attention_mask', 'past_key_values.0.key'].filter((n) => !session.inputNames.includes(n));
    if (missing.length || !session.outputNames.includes('logits')) {
      await session.release();
      throw new Error(`not a decoder-only KV-cache model: inputs ${missing.join(', ') || 'ok'}, outputs ${session.outputNames.join(', ')}`);
    }
    return new OrtDecoderEngine(ort, session, options.tokenizer, config, {
      modelId: options.modelId,
      backend,
      fallbackReason: options.fallbackReason,
      contextLength: config.contextLength,
      loadMs: now() - started,
    });
  }

  async *generate(request: GenerateRequest, signal?: AbortSignal): AsyncGenerator<TokenEvent, FinalEvent> {
    const started = now();
    const { params } = request;
    const { ort, config, session } = this;
    const fitted = fitContext(this.tokenizer.encode(request.prompt), params.maxTokens, config.contextLength, config.bosTokenId);
    const sample = createSampler(params);
    const detokenizer = new IncrementalDecoder(this.tokenizer, fitted.ids);
    const stopAtEos = params.stopAtEos ?? true;
    // Some vocabularies also hold the end marker inside merged pieces (TinyStories has ".<|end_story|>"-style
    // merges), so with EOS stopping on, the marker's text is a stop string too.
    const eosTexts = stopAtEos ? config.eosTokenIds.map((id) => this.tokenizer.specialText(id) ?? '').filter(Boolean) : [];
    const stops = new StopMatcher([...(params.stop ?? []), ...eosTexts]);
    const history = [...fitted.ids];
    const generated: number[] = [];
    const hasPositions = session.inputNames.includes('position_ids');
    const int64 = (values: number[], dims: number[]) => new ort.Tensor('int64', BigInt64Array.from(values, BigInt), dims);

    let past: Ort.Tensor[] = [];
    for (let i = 0; i < config.layers; i++) {
      past.push(new ort.Tensor('float32', new Float32Array(0), [1, config.kvHeads, 0, config.headDim]));
      past.push(new ort.Tensor('float32', new Float32Array(0), [1, config.kvHeads, 0, config.headDim]));
    }
    let input = fitted.ids;
    let position = 0;
    let firstTokenAt = 0;
    let prefillStarted = now();
    let finishReason: FinishReason = 'length';

    try {
      while (generated.length < fitted.maxNew) {
        if (signal?.aborted) {
          finishReason = 'abort';
          break;
        }
        const feeds: Record<string, Ort.Tensor> = {
          input_ids: int64(input, [1, input.length]),
          attention_mask: int64(new Array(position + input.length).fill(1), [1, position + input.length]),
        };
        if (hasPositions) feeds.position_ids = int64(input.map((_, i) => position + i), [1, input.length]);
        for (let i = 0; i < config.layers; i++) {
          feeds[`past_key_values.${i}.key`] = past[2 * i]!;
          feeds[`past_key_values.${i}.value`] = past[2 * i + 1]!;
        }
        if (generated.length === 0) prefillStarted = now();
        const outputs = await session.run(feeds);
        for (const tensor of past) if (tensor.location === 'gpu-buffer') tensor.dispose();
        past = [];
        for (let i = 0; i < config.layers; i++) past.push(outputs[`present.${i}.key`]!, outputs[`present.${i}.value`]!);

        const logitsTensor = outputs.logits!;
        const vocab = logitsTensor.dims[2]!;
        const all = (await logitsTensor.getData()) as Float32Array;
        const row = all.slice((input.length - 1) * vocab, input.length * vocab);
        logitsTensor.dispose();
        position += input.length;

        const token = sample(row, history);
        if (generated.length === 0) firstTokenAt = now();
        generated.push(token);
        history.push(token);
        if (stopAtEos && config.eosTokenIds.includes(token)) {
          finishReason = 'stop';
          break;
        }
        const visible = stops.push(detokenizer.push(token));
        yield { type: 'token', text: visible, tokenId: token };
        if (stops.stopped) {
          finishReason = 'stop';
          break;
        }
        input = [token];
      }
    } finally {
      for (const tensor of past) if (tensor.location === 'gpu-buffer') tensor.dispose();
    }

    if (!stops.stopped) stops.push(detokenizer.flush());
    const ended = now();
    const decodeSteps = Math.max(0, generated.length - 1);
    return {
      type: 'final',
      text: stops.fullText,
      tokenIds: generated,
      finishReason,
      stats: {
        backend: this.info.backend,
        ttftMs: firstTokenAt ? firstTokenAt - started : ended - started,
        prefillTokS: firstTokenAt ? fitted.ids.length / ((firstTokenAt - prefillStarted) / 1000) : 0,
        decodeTokS: decodeSteps && firstTokenAt ? decodeSteps / ((ended - firstTokenAt) / 1000) : 0,
        tokensIn: fitted.ids.length,
        tokensOut: generated.length,
        totalMs: ended - started,
        promptTokensDropped: fitted.dropped,
      },
    };
  }

  async unload(): Promise<void> {
    await this.session.release();
  }
}
