import { IntegrityError, ModelNotFoundError } from '../../extension/protocol/errors.ts';
import { checkPromptIds, estimateCutTokens, promptTail } from './prompt-ids.ts';
import type * as Ort from 'onnxruntime-web';
import { GpuTokenHistory, GpuTokenSelector, type GpuRow } from '../../shaders/gpu-selector.ts';
import { createSampler, type Sampler } from './decoding/sampler.ts';
import { fuseDecoderGraph } from './graph/fuse-decoder.ts';
import { CapturedDecoder } from './captured-decoder.ts';
import { WgslSteps } from './wgsl-steps.ts';
import { CpuSteps } from './cpu-steps.ts';
import { candidatesWanted, type OutputConstraints, outputConstraintsFor } from './decoding/output-constraints.ts';
import type { DecoderConfig } from './model-config.ts';
import type { TextTokenizer } from './tokenizer.ts';
import type { Backend, Engine, EngineInfo, FinalEvent, FinishReason, GenerateRequest, TokenEvent } from './types.ts';
import { TokenOutput } from './decoding/token-output.ts';
import { generationStats } from './stats.ts';

type OrtModule = typeof Ort;

export interface OrtDecoderOptions {
  ort: OrtModule;
  modelId: string;
  model: Uint8Array;
  tokenizer: TextTokenizer;
  config: DecoderConfig;
  backend: Exclude<Backend, 'builtin'>;
  fallbackReason?: string | undefined;
  /**
   * WebGPU only (default true): keep logits on the GPU and select tokens there (argmax / top-k kernels in shaders/),
   * reading back only the chosen candidates. false reads every logits row back and selects on the CPU.
   */
  selectOnGpu?: boolean | undefined;
  /**
   * Default true: rewrite a Llama-family graph with fused kernels (graph/fuse-decoder.ts) before loading it; a graph
   * the pass does not know, or one the backend cannot load fused, runs as exported.
   */
  fuse?: boolean | undefined;
  /**
   * WebGPU only (default true): run decode steps on a fixed-shape copy of the fused graph that onnxruntime records
   * once and replays (captured-decoder.ts). false runs every step as an ordinary session run.
   */
  captureGraph?: boolean | undefined;
  /**
   * Default true: run decode steps on our own kernels when the fused graph is one they run — WGSL on WebGPU
   * (shaders/decode-step.ts), WebAssembly SIMD on WASM (cpu/cpu-decoder.ts); false leaves them to onnxruntime
   * (on WebGPU captured or not, as `captureGraph` says).
   */
  ownSteps?: boolean | undefined;
  /**
   * Weights stored beside the graph (the external-data layout of big exports, e.g. `model.onnx_data`), by the file
   * name the graph refers to them by. Such a graph runs as exported: the fusion pass reads weights inside the file only.
   */
  externalData?: { path: string; data: Uint8Array }[] | undefined;
  /** Benchmarks: called after each decode step with the time its session run took on this thread (ms). */
  onStepRun?: ((ms: number) => void) | undefined;
}

const now = () => performance.now();
/** Prompts at least this long prefill on the exported graph when the decode steps run fused. */
const SPLIT_PREFILL_FROM = 32;
/** Models up to this size keep both graphs loaded (twice the weights in memory); bigger ones run fused only. */
const SPLIT_PREFILL_MAX_BYTES = 64 * 1024 * 1024;
/** Rows of the captured decoder's KV cache at first; a request that needs more gets a bigger one (powers of two). */
const CAPTURED_ROWS = 128;

/**
 * Fits a prompt and a token budget into the context window. The prompt comes first: it keeps what fits of the budget
 * and at least half the window (its front goes first, BOS stays); the new tokens get the rest. A length asked for
 * beyond the window shortens the story, never throws the prompt away (a 9-token prompt with 600 tokens asked of a
 * 512-token model used to keep only BOS).
 */
export function fitContext(promptIds: number[], maxTokens: number, contextLength: number, bos: number | undefined) {
  const wanted = Math.max(1, maxTokens);
  const room = Math.max(Math.ceil(contextLength / 2), contextLength - wanted);
  let ids = promptIds;
  let dropped = 0;
  if (promptIds.length > room) {
    const keepBos = bos !== undefined && promptIds[0] === bos ? 1 : 0;
    dropped = promptIds.length - room;
    ids = [...promptIds.slice(0, keepBos), ...promptIds.slice(keepBos + dropped)];
  }
  const maxNew = Math.max(1, Math.min(wanted, contextLength - ids.length));
  return { ids, maxNew, dropped };
}

/** What config.json gets wrong about the graph's KV cache (layers, KV heads, head size), or undefined. */
function configMismatch(session: Ort.InferenceSession, config: DecoderConfig): string | undefined {
  const cacheLayers = session.inputNames.filter((n) => /^past_key_values\.\d+\.key$/.test(n)).length;
  if (cacheLayers !== config.layers) return `config.json says ${config.layers} layers but the graph has a cache for ${cacheLayers}`;
  for (let i = 0; i < config.layers; i++) {
    for (const part of ['key', 'value']) {
      if (!session.inputNames.includes(`past_key_values.${i}.${part}`)) return `the graph has no input past_key_values.${i}.${part}`;
    }
  }
  const meta = session.inputMetadata?.find((m) => m.name === 'past_key_values.0.key');
  // [batch, kv heads, past length, head size]; exports name the dynamic axes, the fixed ones are numbers.
  const shape = meta?.isTensor ? meta.shape : [];
  if (typeof shape[1] === 'number' && shape[1] !== config.kvHeads) {
    return `config.json gives ${config.kvHeads} key/value heads but the graph's cache has ${shape[1]}`;
  }
  if (typeof shape[3] === 'number' && shape[3] !== config.headDim) {
    return `config.json gives a head size of ${config.headDim} but the graph's cache has ${shape[3]}`;
  }
  return undefined;
}

/**
 * Decoder-only ONNX models in the transformers.js/optimum layout (input_ids, attention_mask, [position_ids],
 * past_key_values.N.key/value → logits, present.N.key/value). On WebGPU the KV cache never leaves the GPU: `present`
 * outputs stay GPU buffers and are fed straight back as the next step's `past_key_values`; logits stay there too and
 * the next token is chosen by the kernels in shaders/ (greedy: 8 bytes come back; top-k: 8·k bytes), with the
 * repetition penalty applied on the GPU from the request's token history.
 */
export class OrtDecoderEngine implements Engine {
  /** attention_mask is all ones: one buffer for the whole context, viewed at the length each step needs. */
  private readonly ones: BigInt64Array;
  private readonly hasPositions: boolean;

  private constructor(
    private readonly ort: OrtModule,
    private readonly session: Ort.InferenceSession,
    /** The graph as exported, for long prompts when `session` is the fused one (its attention kernel is slower there). */
    private readonly prefill: Ort.InferenceSession | undefined,
    private readonly tokenizer: TextTokenizer,
    private readonly config: DecoderConfig,
    readonly info: EngineInfo,
    private readonly gpu: GpuTokenSelector | undefined,
    /** The fused graph, kept while decode steps can run captured (WebGPU), now or when our kernels' cache is too small. */
    private capturable: Uint8Array | undefined,
    /** onnxruntime replaying a captured graph (WebGPU): the decode steps when our kernels cannot take them. */
    private captured: CapturedDecoder | undefined,
    /** Our own decode steps: WGSL kernels on WebGPU, WebAssembly SIMD on WASM. */
    private readonly own: WgslSteps | CpuSteps | undefined,
    private readonly onStepRun: ((ms: number) => void) | undefined,
  ) {
    this.ones = new BigInt64Array(config.contextLength).fill(1n);
    this.hasPositions = session.inputNames.includes('position_ids');
  }

  static async load(options: OrtDecoderOptions): Promise<OrtDecoderEngine> {
    const started = now();
    const { ort, config, backend } = options;
    const presentNames = Array.from({ length: config.layers }, (_, i) => [`present.${i}.key`, `present.${i}.value`]).flat();
    const selectOnGpu = backend === 'webgpu' && (options.selectOnGpu ?? true);
    const onGpu = [...presentNames, ...(selectOnGpu ? ['logits'] : [])];
    const external = options.externalData?.length ? options.externalData : undefined;
    const sessionOptions: Ort.InferenceSession.SessionOptions = {
      executionProviders: [backend],
      graphOptimizationLevel: 'all',
      ...(external ? { externalData: external.map(({ path, data }) => ({ path, data })) } : {}),
      ...(backend === 'webgpu'
        ? { preferredOutputLocation: Object.fromEntries(onGpu.map((name) => [name, 'gpu-buffer' as const])) }
        : {}),
    };
    const fused = options.fuse === false || external ? undefined : fuseDecoderGraph(options.model, config.contextLength);
    let session: Ort.InferenceSession | undefined;
    let prefill: Ort.InferenceSession | undefined;
    let graph = options.fuse === false ? 'as exported (fusion off)'
      : external ? `as exported (weights in ${external.map((e) => e.path).join(', ')}, which the fusion pass does not read)`
        : 'as exported (no pattern the fusion pass knows)';
    if (fused) {
      try {
        session = await ort.InferenceSession.create(fused.bytes, sessionOptions);
        graph = `fused: ${fused.summary} (${fused.nodesBefore} → ${fused.nodesAfter} nodes)`;
      } catch (error) {
        graph = `as exported (the fused graph did not load: ${(error as Error).message.slice(0, 160)})`;
      }
    }
    const fusedLoaded = session !== undefined;
    if (session && options.model.byteLength <= SPLIT_PREFILL_MAX_BYTES) {
      // onnxruntime's GroupQueryAttention is slower than the exported attention over long prompts (measured on WASM:
      // 448 tokens ~2x), so a small model keeps the exported graph too, for the prompt; the KV layout is the same.
      prefill = await ort.InferenceSession.create(options.model, sessionOptions);
      graph += `; prompts of ${SPLIT_PREFILL_FROM}+ tokens run on the graph as exported`;
    }
    session ??= await ort.InferenceSession.create(options.model, sessionOptions);
    const missing = ['input_ids', 'attention_mask', 'past_key_values.0.key'].filter((n) => !session.inputNames.includes(n));
    if (missing.length || !session.outputNames.includes('logits')) {
      await session.release();
      await prefill?.release();
      throw new ModelNotFoundError(`not a decoder-only KV-cache model (the layout this engine runs): inputs ${missing.join(', ') || 'ok'}, outputs ${session.outputNames.join(', ')}`);
    }
    // config.json must describe this graph: a wrong layer count or cache shape would fail every request inside
    // onnxruntime.
    // float16 caches and logits (optimum's *_fp16 / *_q4f16 exports) are not what this engine feeds and reads.
    const halfTyped = [...session.inputMetadata ?? [], ...session.outputMetadata ?? []]
      .filter((m) => (m.name === 'logits' || /^(past_key_values|present)\./.test(m.name)) && m.isTensor && m.type !== 'float32');
    if (halfTyped.length) {
      await session.release();
      await prefill?.release();
      const m = halfTyped[0]!;
      throw new ModelNotFoundError(`this engine runs graphs whose cache and logits are float32; ${m.name} is ${m.isTensor ? m.type : 'not a tensor'} `
        + '(a *_fp16 or *_q4f16 export): use the model.onnx, model_q4.onnx or model_quantized.onnx of the same repository');
    }
    const mismatch = configMismatch(session, options.config);
    if (mismatch) {
      await session.release();
      await prefill?.release();
      throw new IntegrityError(`${mismatch}: the model's files do not belong together`,
        { file: 'config.json', expectedSha256: null, actualSha256: null, expectedBytes: null, actualBytes: null });
    }
    let gpu: GpuTokenSelector | undefined;
    if (selectOnGpu) {
      try {
        // The device onnxruntime-web runs on (set once its WebGPU backend is up): our kernels share its queue.
        gpu = new GpuTokenSelector(await ort.env.webgpu.device);
      } catch (error) {
        await session.release();
        await prefill?.release();
        throw new Error(`WebGPU token selection could not start: ${(error as Error).message}`);
      }
    }
    let own: WgslSteps | CpuSteps | undefined;
    let captured: CapturedDecoder | undefined;
    // Models up to the split-prefill size only: the kernels' buffers (or the fixed-shape session) hold another copy of the weights.
    const small = options.model.byteLength <= SPLIT_PREFILL_MAX_BYTES;
    if (fused && fusedLoaded && (options.ownSteps ?? true) && small && (gpu || backend === 'wasm')) {
      try {
        if (gpu) {
          own = await WgslSteps.create(ort, fused.bytes, config);
          if (own) graph += `; decode steps run on our WGSL kernels (${own.dispatches} launches a step, one submit, ${own.layout === 'split' ? 'rows split among threads' : 'one thread per column (software adapter)'}; KV cache of ${own.maxLength} rows)`;
        } else {
          own = CpuSteps.create(ort, fused.bytes, config);
          if (own) graph += `; decode steps run on our WebAssembly SIMD kernels (KV cache of ${own.maxLength} rows)`;
        }
      } catch (error) {
        graph += `; decode steps stay on onnxruntime (our kernels did not build: ${(error as Error).message.slice(0, 160)})`;
      }
    }
    // A context longer than our WGSL cache: requests that need more rows replay onnxruntime's captured graph, made then.
    const captureLater = own instanceof WgslSteps && own.maxLength < config.contextLength && (options.captureGraph ?? true);
    if (!own && gpu && fused && fusedLoaded && (options.captureGraph ?? true) && small) {
      try {
        captured = await CapturedDecoder.create(ort, fused.bytes, config, Math.min(CAPTURED_ROWS, config.contextLength));
        if (captured) graph += `; decode steps replay a captured fixed-shape graph (KV cache of ${captured.maxLength} rows, more on demand)`;
      } catch (error) {
        graph += `; decode steps run uncaptured (the fixed-shape graph did not load: ${(error as Error).message.slice(0, 160)})`;
      }
    }
    return new OrtDecoderEngine(ort, session, prefill, options.tokenizer, config, {
      modelId: options.modelId,
      backend,
      fallbackReason: options.fallbackReason,
      contextLength: config.contextLength,
      loadMs: now() - started,
      constraints: ['names', 'literals', 'syntax'],
      graph,
    }, gpu, captured || captureLater ? fused?.bytes : undefined, captured, own, options.onStepRun);
  }

  /**
   * What runs this request's decode steps: our kernels when their cache has room for `rows` rows, else the captured
   * decoder with room for them (made, or replaced by a bigger one, when needed), else nothing (ordinary session runs).
   */
  private async capturedFor(rows: number): Promise<CapturedDecoder | WgslSteps | CpuSteps | undefined> {
    if (this.own && rows <= this.own.maxLength) return this.own;
    if (!this.capturable) return undefined;
    if (this.captured && this.captured.maxLength >= rows) return this.captured;
    const maxLength = Math.min(this.config.contextLength, 2 ** Math.ceil(Math.log2(Math.max(rows, CAPTURED_ROWS))));
    const old = this.captured;
    this.captured = undefined;
    try {
      await old?.release();
      this.captured = await CapturedDecoder.create(this.ort, this.capturable, this.config, maxLength);
    } catch {
      this.captured = undefined;
    }
    if (!this.captured) {
      this.capturable = undefined;
      this.info.graph = `${this.info.graph ?? ''}; capture stopped (no fixed-shape graph of ${maxLength} rows): decode steps run uncaptured`;
    }
    return this.captured;
  }

  async *generate(request: GenerateRequest, signal?: AbortSignal): AsyncGenerator<TokenEvent, FinalEvent> {
    const started = now();
    const { params } = request;
    const { ort, config, session } = this;
    const tail = promptTail(request.prompt, config.contextLength);
    const promptIds = this.tokenizer.encode(tail.text, !request.promptHasSpecialTokens);
    const fitted = fitContext(promptIds, params.maxTokens, config.contextLength, config.bosTokenId);
    fitted.dropped += estimateCutTokens(tail, promptIds.length);
    checkPromptIds(fitted.ids, config.vocabSize);
    const sample = createSampler(params);
    const output = new TokenOutput(this.tokenizer, params, config.eosTokenIds, fitted.ids);
    const { generated } = output;
    const history = [...fitted.ids];
    const gpuHistory = this.gpu && sample.repetitionPenalty !== 1
      ? new GpuTokenHistory(this.gpu.device, config.contextLength) : undefined;
    gpuHistory?.add(fitted.ids);

    // Decode steps reuse these: one int64 each for the new token and its position (the session copies inputs in run()).
    const stepIds = new ort.Tensor('int64', new BigInt64Array(1), [1, 1]);
    const stepPosition = new ort.Tensor('int64', new BigInt64Array(1), [1, 1]);
    const emptyPast = new ort.Tensor('float32', new Float32Array(0), [1, config.kvHeads, 0, config.headDim]);
    const past: Ort.Tensor[] = new Array<Ort.Tensor>(2 * config.layers).fill(emptyPast);
    const feeds: Record<string, Ort.Tensor> = {};
    let constraint: OutputConstraints | undefined;
    let position = 0;
    let firstTokenAt = 0;
    let prefillStarted = now();
    let finishReason: FinishReason = 'length';

    let captured: CapturedDecoder | WgslSteps | CpuSteps | undefined;

    try {
      captured = await this.capturedFor(fitted.ids.length + fitted.maxNew);
      while (generated.length < fitted.maxNew) {
        if (signal?.aborted) {
          finishReason = 'abort';
          break;
        }
        let logits: Ort.Tensor;
        if (captured && generated.length > 0) {
          const stepStarted = now();
          logits = await captured.step(generated[generated.length - 1]!, position);
          this.onStepRun?.(now() - stepStarted);
          position += 1;
        } else {
          const length = generated.length === 0 ? fitted.ids.length : 1;
          if (generated.length === 0) {
            feeds.input_ids = new ort.Tensor('int64', BigInt64Array.from(fitted.ids, BigInt), [1, length]);
            if (this.hasPositions) feeds.position_ids = new ort.Tensor('int64', BigInt64Array.from(fitted.ids, (_, i) => BigInt(i)), [1, length]);
          } else {
            (stepIds.data as BigInt64Array)[0] = BigInt(generated[generated.length - 1]!);
            (stepPosition.data as BigInt64Array)[0] = BigInt(position);
            feeds.input_ids = stepIds;
            if (this.hasPositions) feeds.position_ids = stepPosition;
          }
          feeds.attention_mask = new ort.Tensor('int64', this.ones.subarray(0, position + length), [1, position + length]);
          for (let i = 0; i < config.layers; i++) {
            feeds[`past_key_values.${i}.key`] = past[2 * i]!;
            feeds[`past_key_values.${i}.value`] = past[2 * i + 1]!;
          }
          if (generated.length === 0) prefillStarted = now();
          const runner = generated.length === 0 && length >= SPLIT_PREFILL_FROM && this.prefill ? this.prefill : session;
          const runStarted = now();
          const outputs = await runner.run(feeds);
          if (generated.length > 0) this.onStepRun?.(now() - runStarted);
          for (const tensor of past) if (tensor.location === 'gpu-buffer') tensor.dispose();
          for (let i = 0; i < config.layers; i++) {
            past[2 * i] = outputs[`present.${i}.key`]!;
            past[2 * i + 1] = outputs[`present.${i}.value`]!;
          }
          // The prompt's cache moves into the captured decoder, which runs every step after it.
          if (captured) {
            captured.loadPrompt(past, length);
            for (const tensor of past) tensor.dispose();
            past.fill(emptyPast);
          }
          position += length;
          logits = outputs.logits!;
        }
        if (generated.length === 0) constraint = outputConstraintsFor(request.constraint, this.tokenizer, logits.dims[2]!, config.eosTokenIds);
        const token = await this.selectToken(logits, sample, history, gpuHistory, constraint);
        constraint?.accept(token);
        if (generated.length === 0) firstTokenAt = now();
        history.push(token);
        gpuHistory?.add([token]);
        const event = output.accept(token);
        if (event) yield event;
        if (!event || output.stopped) {
          finishReason = 'stop';
          break;
        }
      }
    } finally {
      for (const tensor of past) if (tensor.location === 'gpu-buffer') tensor.dispose();
      gpuHistory?.destroy();
    }

    const clock = { started, prefillStarted, firstTokenAt, ended: now() };
    return {
      type: 'final',
      text: output.finish(),
      tokenIds: generated,
      finishReason,
      stats: generationStats(this.info.backend, clock, fitted.ids.length, generated.length, fitted.dropped),
    };
  }

  /** The next token from the last row of `logits` (then disposed): on the GPU when it is there, else on the CPU. */
  /**
   * With a name constraint the GPU still picks first: an allowed argmax (or top-k candidates that include allowed
   * ones) is what the masked row would give too; otherwise the row comes back and is masked on the CPU.
   */
  private async selectToken(logits: Ort.Tensor, sample: Sampler, history: readonly number[],
    gpuHistory: GpuTokenHistory | undefined, constraint?: OutputConstraints): Promise<number> {
    const vocab = logits.dims[2]!;
    const last = logits.dims[1]! - 1;
    try {
      if (logits.location === 'gpu-buffer' && this.gpu) {
        const row: GpuRow = { buffer: logits.gpuBuffer, offset: last * vocab, count: vocab };
        const penalty = gpuHistory && { tokens: gpuHistory.buffer, length: gpuHistory.length, penalty: sample.repetitionPenalty };
        const { plan } = sample;
        if (plan.kind === 'argmax') {
          const best = (await this.gpu.argmax(row, penalty)).index;
          if (!constraint || constraint.allows(best)) return best;
        } else if (plan.kind === 'top-k') {
          const candidates = await this.gpu.topK(row, plan.k, penalty);
          if (!constraint || candidates.every((c) => constraint.allows(c.index))) return sample.fromCandidates({ indices: candidates.map((c) => c.index), values: candidates.map((c) => c.value) });
        }
        // Sampling over the whole vocabulary, or a constraint that ruled out the GPU's picks: the row comes back
        // (the CPU sampler applies the penalty itself).
        const full = await this.gpu.readRow(row);
        constraint?.mask(full, candidatesWanted(plan));
        return sample(full, history);
      }
      const all = (await logits.getData()) as Float32Array;
      const rowData = all.subarray(last * vocab, (last + 1) * vocab);
      constraint?.mask(rowData, candidatesWanted(sample.plan));
      return sample(rowData, history);
    } finally {
      logits.dispose();
    }
  }

  async unload(): Promise<void> {
    try {
      await this.captured?.release();
      await this.own?.release();
    } finally {
      try {
        await this.session.release();
        await this.prefill?.release();
      } finally {
        this.gpu?.destroy();
      }
    }
  }
}
