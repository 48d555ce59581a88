import { IntegrityError, ModelNotFoundError } from '../../extension/protocol/errors.ts';
import { checkPromptIds, estimateCutTokens, promptHead, promptTail } from './prompt-ids.ts';
import type * as Ort from 'onnxruntime-web';
import { createSampler } from './decoding/sampler.ts';
import { candidatesWanted, type OutputConstraints, outputConstraintsFor } from './decoding/output-constraints.ts';
import type { Seq2SeqConfig } from './seq2seq-config.ts';
import type { TextTokenizer } from './tokenizer.ts';
import type { Backend, Engine, EngineInfo, FinalEvent, FinishReason, GenerateRequest, TokenEvent } from './types.ts';
import { TokenOutput } from './decoding/token-output.ts';
import { generationStats } from './stats.ts';

type OrtModule = typeof Ort;

/** The decoder in either optimum layout: one merged model with `use_cache_branch`, or the first-step/with-past pair. */
export type Seq2SeqDecoderFiles = { merged: Uint8Array } | { decoder: Uint8Array; withPast: Uint8Array };

export interface OrtSeq2SeqOptions {
  ort: OrtModule;
  modelId: string;
  encoder: Uint8Array;
  decoder: Seq2SeqDecoderFiles;
  tokenizer: TextTokenizer;
  config: Seq2SeqConfig;
  backend: Exclude<Backend, 'builtin'>;
  fallbackReason?: string | undefined;
}

const now = () => performance.now();

/**
 * Fits an encoder input into its window: the leading and trailing special tokens the post-processor added stay, and
 * the content loses its start (`dropFrom: 'start'`, what the product wants: a story's opening, a task, a question
 * come last) or its end (the way Hugging Face tokenizers truncate, for parity with their references).
 */
export function fitEncoderInput(ids: number[], window: number, isSpecial: (id: number) => boolean, dropFrom: 'start' | 'end' = 'start') {
  if (ids.length <= window) return { ids, dropped: 0 };
  let lead = 0;
  while (lead < ids.length && isSpecial(ids[lead]!)) lead++;
  let trail = 0;
  while (trail < ids.length - lead && isSpecial(ids[ids.length - 1 - trail]!)) trail++;
  const content = window - lead - trail;
  if (content <= 0) return { ids: ids.slice(0, window), dropped: ids.length - window };
  const kept = dropFrom === 'end'
    ? [...ids.slice(0, lead + content), ...ids.slice(ids.length - trail)]
    : [...ids.slice(0, lead), ...ids.slice(ids.length - trail - content)];
  return { ids: kept, dropped: ids.length - window };
}

const names = (layers: number, prefix: string, kinds: string[]) => Array.from({ length: layers }, (_, i) =>
  kinds.flatMap((kind) => [`${prefix}.${i}.${kind}.key`, `${prefix}.${i}.${kind}.value`])).flat();

const disposeGpu = (tensors: Iterable<Ort.Tensor>) => {
  for (const tensor of tensors) if (tensor.location === 'gpu-buffer') tensor.dispose();
};

/**
 * Encoder-decoder ONNX models in the optimum layout: `encoder_model.onnx` (input_ids, attention_mask →
 * last_hidden_state) and either `decoder_model_merged.onnx` (an If on `use_cache_branch`) or `decoder_model.onnx` +
 * `decoder_with_past_model.onnx`. The encoder runs once per request. The first decoder step computes the
 * cross-attention KV (`present.N.encoder.*`), which is kept and fed back at every later step (the with-past graphs
 * return none, or empty ones); the self-attention KV (`present.N.decoder.*`) grows by one token a step. On WebGPU both
 * stay GPU buffers between steps.
 */
export class OrtSeq2SeqEngine implements Engine {
  private constructor(
    private readonly ort: OrtModule,
    private readonly encoder: Ort.InferenceSession,
    /** Runs the first step (no past); the same session as `withPast` for a merged model. */
    private readonly first: Ort.InferenceSession,
    private readonly withPast: Ort.InferenceSession,
    private readonly merged: boolean,
    private readonly tokenizer: TextTokenizer,
    private readonly config: Seq2SeqConfig,
    readonly info: EngineInfo,
  ) {}

  static async load(options: OrtSeq2SeqOptions): Promise<OrtSeq2SeqEngine> {
    const started = now();
    const { ort, config, backend } = options;
    const presents = names(config.decoderLayers, 'present', ['decoder', 'encoder']);
    const sessionOptions: Ort.InferenceSession.SessionOptions = {
      executionProviders: [backend],
      graphOptimizationLevel: 'all',
    };
    const decoderOptions: Ort.InferenceSession.SessionOptions = {
      ...sessionOptions,
      ...(backend === 'webgpu'
        ? { preferredOutputLocation: Object.fromEntries(presents.map((name) => [name, 'gpu-buffer' as const])) }
        : {}),
    };
    const sessions: Ort.InferenceSession[] = [];
    const open = async (bytes: Uint8Array, options: Ort.InferenceSession.SessionOptions) => {
      const session = await ort.InferenceSession.create(bytes, options);
      sessions.push(session);
      return session;
    };
    try {
      const encoder = await open(options.encoder, sessionOptions);
      const merged = 'merged' in options.decoder;
      const first = await open('merged' in options.decoder ? options.decoder.merged : options.decoder.decoder, decoderOptions);
      const withPast = 'merged' in options.decoder ? first : await open(options.decoder.withPast, decoderOptions);
      const problems = [
        ...['input_ids'].filter((n) => !encoder.inputNames.includes(n)).map((n) => `encoder input ${n}`),
        ...['last_hidden_state'].filter((n) => !encoder.outputNames.includes(n)).map((n) => `encoder output ${n}`),
        ...['input_ids', 'encoder_hidden_states'].filter((n) => !first.inputNames.includes(n)).map((n) => `decoder input ${n}`),
        ...(merged && !first.inputNames.includes('use_cache_branch') ? ['decoder input use_cache_branch'] : []),
        ...names(config.decoderLayers, 'past_key_values', merged ? ['decoder', 'encoder'] : ['decoder'])
          .filter((n) => !withPast.inputNames.includes(n)).map((n) => `decoder input ${n}`),
        ...['logits', ...presents].filter((n) => !first.outputNames.includes(n)).map((n) => `decoder output ${n}`),
      ];
      if (problems.length) {
        throw new ModelNotFoundError(`not an encoder-decoder model in the optimum layout with ${config.decoderLayers} decoder layers: `
          + `missing ${problems.slice(0, 4).join(', ')}${problems.length > 4 ? ` and ${problems.length - 4} more` : ''}`);
      }
      // [batch, heads, length, head size]: fixed axes are numbers in the export, and config.json must agree with them.
      const meta = withPast.inputMetadata?.find((m) => m.name === 'past_key_values.0.decoder.key');
      const shape = meta?.isTensor ? meta.shape : [];
      const wrong = typeof shape[1] === 'number' && shape[1] !== config.decoderHeads ? `${config.decoderHeads} decoder heads, the graph's cache ${shape[1]}`
        : typeof shape[3] === 'number' && shape[3] !== config.headDim ? `a head size of ${config.headDim}, the graph's cache ${shape[3]}` : undefined;
      if (wrong) {
        throw new IntegrityError(`config.json gives ${wrong}: the model's files do not belong together`,
          { file: 'config.json', expectedSha256: null, actualSha256: null, expectedBytes: null, actualBytes: null });
      }
      return new OrtSeq2SeqEngine(ort, encoder, first, withPast, merged, options.tokenizer, config, {
        modelId: options.modelId,
        backend,
        fallbackReason: options.fallbackReason,
        contextLength: config.encoderContext,
        loadMs: now() - started,
        constraints: ['names', 'literals', 'syntax'],
      });
    } catch (error) {
      await Promise.all(sessions.map((s) => s.release().catch(() => {})));
      throw error;
    }
  }

  async *generate(request: GenerateRequest, signal?: AbortSignal): AsyncGenerator<TokenEvent, FinalEvent> {
    const started = now();
    const { params } = request;
    const { ort, config, tokenizer } = this;
    const dropFrom = params.dropFrom === 'end' ? 'end' : 'start';
    const cut = dropFrom === 'end' ? promptHead(request.prompt, config.encoderContext) : promptTail(request.prompt, config.encoderContext);
    const encoded = tokenizer.encode(cut.text);
    const fitted = fitEncoderInput(encoded, config.encoderContext, (id) => tokenizer.specialText(id) !== undefined, dropFrom);
    fitted.dropped += estimateCutTokens(cut, encoded.length);
    if (fitted.ids.length) checkPromptIds(fitted.ids, config.vocabSize);
    const maxNew = Math.max(1, Math.min(params.maxTokens, config.decoderContext));
    const sample = createSampler(params);
    // The start token as decode context: a special token, so it adds no text, and the decode is never empty.
    const output = new TokenOutput(tokenizer, params, config.eosTokenIds, [config.decoderStartTokenId]);
    const { generated } = output;
    // As in Hugging Face's generate: the repetition penalty sees the decoder's whole input, start token included.
    const history = [config.decoderStartTokenId];
    const int64 = (values: number[]) => new ort.Tensor('int64', BigInt64Array.from(values, BigInt), [1, values.length]);
    const empty = () => new ort.Tensor('float32', new Float32Array(0), [1, config.decoderHeads, 0, config.headDim]);
    const selfNames = names(config.decoderLayers, 'present', ['decoder']);
    const crossNames = names(config.decoderLayers, 'present', ['encoder']);

    let constraint: OutputConstraints | undefined;
    let selfKv: Ort.Tensor[] = [];
    let crossKv: Ort.Tensor[] = [];
    let firstTokenAt = 0;
    const prefillStarted = now();
    let finishReason: FinishReason = 'length';

    try {
      const encoderMask = int64(fitted.ids.map(() => 1));
      const encoderFeeds: Record<string, Ort.Tensor> = { input_ids: int64(fitted.ids) };
      if (this.encoder.inputNames.includes('attention_mask')) encoderFeeds.attention_mask = encoderMask;
      const encoded = (await this.encoder.run(encoderFeeds)).last_hidden_state!;
      let input = config.decoderStartTokenId;

      while (generated.length < maxNew) {
        if (signal?.aborted) {
          finishReason = 'abort';
          break;
        }
        const step = generated.length;
        const session = step === 0 ? this.first : this.withPast;
        const feeds: Record<string, Ort.Tensor> = { input_ids: int64([input]) };
        if (session.inputNames.includes('encoder_attention_mask')) feeds.encoder_attention_mask = encoderMask;
        if (session.inputNames.includes('encoder_hidden_states')) feeds.encoder_hidden_states = encoded;
        if (this.merged) feeds.use_cache_branch = new ort.Tensor('bool', Uint8Array.of(step > 0 ? 1 : 0), [1]);
        if (step > 0 || this.merged) {
          for (let i = 0; i < config.decoderLayers; i++) {
            for (const [j, kind] of ['key', 'value'].entries()) {
              feeds[`past_key_values.${i}.decoder.${kind}`] = step > 0 ? selfKv[2 * i + j]! : empty();
              const cross = `past_key_values.${i}.encoder.${kind}`;
              if (session.inputNames.includes(cross)) feeds[cross] = step > 0 ? crossKv[2 * i + j]! : empty();
            }
          }
        }
        const outputs = await session.run(feeds);
        disposeGpu(selfKv);
        selfKv = selfNames.map((name) => outputs[name]!);
        if (step === 0) crossKv = crossNames.map((name) => outputs[name]!);
        else disposeGpu(crossNames.map((name) => outputs[name]).filter((t): t is Ort.Tensor => t !== undefined));

        const logitsTensor = outputs.logits!;
        const vocab = logitsTensor.dims[2]!;
        const rows = logitsTensor.dims[1]!;
        const all = (await logitsTensor.getData()) as Float32Array;
        const row = all.slice((rows - 1) * vocab, rows * vocab);
        logitsTensor.dispose();

        if (step === 0) constraint = outputConstraintsFor(request.constraint, tokenizer, vocab, config.eosTokenIds);
        constraint?.mask(row, candidatesWanted(sample.plan));
        const token = sample(row, history);
        constraint?.accept(token);
        if (step === 0) firstTokenAt = now();
        history.push(token);
        const event = output.accept(token);
        if (event) yield event;
        if (!event || output.stopped) {
          finishReason = 'stop';
          break;
        }
        input = token;
      }
    } finally {
      disposeGpu(selfKv);
      disposeGpu(crossKv);
    }

    // For encoder-decoders the encoder pass and the first decoder step together are the prefill.
    const clock = { started, prefillStarted, firstTokenAt, ended: now() };
    return {
      type: 'final',
      text: output.finish(),
      tokenIds: generated,
      finishReason,
      stats: generationStats(this.info.backend, clock, fitted.ids.length, generated.length, fitted.dropped),
    };
  }

  async unload(): Promise<void> {
    const sessions = new Set([this.encoder, this.first, this.withPast]);
    await Promise.all([...sessions].map((s) => s.release()));
  }
}
