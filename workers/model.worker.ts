/**
 * One dedicated worker per loaded model, started by the offscreen model host. It owns the engine: load, generate
 * (streamed), abort, unload. onnxruntime-web builds per backend: see ort-builds.ts.
 */
import { AbortError, DeviceLostError, ModelNotFoundError, PocketError } from '../extension/protocol/errors.ts';
import type { BackendPreference } from '../extension/protocol/schemas.ts';
import type { CatalogueEntry, EngineKind } from '../models/catalogue.ts';
import { resolveModel } from '../models/registry.ts';
import { chooseBackend } from './backend.ts';
import { ChatFormatter } from './engines/chat-template.ts';
import { CHARS_PER_TOKEN_MAX } from './engines/prompt-ids.ts';
import { OrtDecoderEngine } from './engines/ort-decoder.ts';
import { checkTokenizerFits, decoderConfigFrom } from './engines/model-config.ts';
import { TextTokenizer } from './engines/tokenizer.ts';
import { constraintKinds, type Engine, type EngineInfo, type GenerateRequest } from './engines/types.ts';
import { assertLibraryPackaged, packagedAppConfig } from './engines/web-llm-config.ts';
import { WebLlmEngine } from './engines/web-llm.ts';
import { ReplayEngine } from './engines/replay.ts';
import { BuiltInEngine } from './engines/built-in.ts';
import { languageModelApi } from '../models/builtin.ts';
import { graphExternalData, readModelFile, readModelJson } from './model-files.ts';
import { loadOrtSeq2Seq } from './seq2seq-loader.ts';
import { ortFor } from './ort-builds.ts';
import { serveWorker } from './serve.ts';
import { pumpStream } from './pump-stream.ts';
import { TokenCounter } from './token-count.ts';


interface LoadedModel {
  engine: Engine;
  /** For engines that take plain text: turns chat messages into the model's prompt format. */
  chat?: ChatFormatter;
}

type Loader = (entry: CatalogueEntry, preference: BackendPreference) => Promise<LoadedModel>;

/** Set when the WebGPU device this worker uses is lost; the worker is then replaced by the host. */
let deviceLost: string | undefined;
/** ORT's WebGPU device, once a WebGPU session exists (its getter is a promise that waits for one otherwise). */
let gpuDevice: GPUDevice | undefined;
let lostSignal: Promise<void> | undefined;
/**
 * ORT destroys its device when the last WebGPU session is released; a loss that follows our own release is expected.
 * (`device.lost` settles later than the release returns, so this remembers the device rather than a moment.)
 */
let releasedDevice: GPUDevice | undefined;

async function watchDevice(): Promise<void> {
  const device = await (ortFor('webgpu').env.webgpu.device as Promise<GPUDevice>);
  if (device === releasedDevice) releasedDevice = undefined; // it survived the release: losses count again
  if (device === gpuDevice) return;
  gpuDevice = device;
  lostSignal = device.lost.then((info) => {
    if (gpuDevice === device) gpuDevice = undefined;
    if (releasedDevice === device) return;
    deviceLost = info.message || info.reason || 'destroyed';
    current = undefined;
  });
}

/** A run that fails on a dying device can reject before `device.lost` settles: give it a moment to. */
async function lostDuring(): Promise<boolean> {
  if (lostSignal && !deviceLost) await Promise.race([lostSignal, new Promise((r) => setTimeout(r, 250))]);
  return deviceLost !== undefined;
}

async function release(loaded: Promise<LoadedModel> | undefined): Promise<void> {
  const engine = await loaded?.then((m) => m.engine).catch(() => undefined);
  if (!engine) return;
  if (engine.info.backend === 'webgpu') releasedDevice = gpuDevice;
  await engine.unload().catch(() => {});
}

/** WebGPU first; if the GPU cannot run the model, WASM with the reason, unless the user asked for WebGPU only. */
async function withBackend<T>(entry: CatalogueEntry, preference: BackendPreference,
  load: (backend: 'webgpu' | 'wasm', fallbackReason?: string) => Promise<T>, modelBytes?: number): Promise<T> {
  const choice = await chooseBackend(preference, entry.requiredFeatures, (navigator as Navigator & { gpu?: GPU }).gpu, modelBytes);
  if (choice.backend === 'wasm') {
    // Asked for WebGPU only: say why it cannot be had, rather than quietly measuring WASM.
    if (preference === 'webgpu') throw new PocketError(`WebGPU could not run "${entry.name}": ${choice.fallbackReason ?? 'no WebGPU'}`);
    return load('wasm', choice.fallbackReason);
  }
  try {
    const loaded = await load('webgpu');
    await watchDevice();
    return loaded;
  } catch (error) {
    if (preference === 'webgpu') throw new PocketError(`WebGPU could not run "${entry.name}": ${(error as Error).message}`);
    return load('wasm', `WebGPU failed to start this model (${(error as Error).message}); using WASM`);
  }
}

/**
 * The weight files a graph refers to (ONNX external data), read from the files listed beside it and passed to
 * onnxruntime under exactly the name the graph uses (a scan of the graph's initializers: milliseconds, weights are
 * skipped over, not read).
 */
async function externalDataFor(entry: CatalogueEntry, graphPath: string, graph: Uint8Array, origin: string) {
  const folder = graphPath.slice(0, graphPath.lastIndexOf('/') + 1);
  return Promise.all(graphExternalData(entry, graphPath, graph).map(async (location) => {
    const path = `${folder}${location}`;
    if (location.split('/').some((part) => part === '..' || part === '') || !entry.files.some((f) => f.path === path)) {
      throw new ModelNotFoundError(`"${entry.name}" keeps its weights in ${location}, which is not among its files (add ${path})`);
    }
    return { path: location, data: await readModelFile(entry, path, origin) };
  }));
}

/**
 * The engine's description as the wire takes it: its graph note (which grows as fallbacks happen) cut to 300, and
 * its fallback reason (an error message from WebGPU, any length) to 600: over the wire's limit, every generation of
 * the model would fail at its first status event.
 */
function wireInfo(info: EngineInfo): EngineInfo {
  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  return {
    ...info,
    ...(info.graph ? { graph: cut(info.graph, 300) } : {}),
    ...(info.fallbackReason ? { fallbackReason: cut(info.fallbackReason, 600) } : {}),
  };
}

const loadOrtDecoder: Loader = async (entry, preference) => {
  const origin = self.location.origin;
  const graphPath = entry.files.find((f) => f.path.endsWith('.onnx'))!.path;
  const [model, tokenizerJson, tokenizerConfig, config, generationConfig] = await Promise.all([
    readModelFile(entry, graphPath, origin),
    readModelJson(entry, 'tokenizer.json', origin),
    readModelJson(entry, 'tokenizer_config.json', origin),
    readModelJson(entry, 'config.json', origin),
    readModelJson(entry, 'generation_config.json', origin).catch(() => ({})),
  ]);
  const externalData = await externalDataFor(entry, graphPath, model, origin);
  const tokenizer = new TextTokenizer({ tokenizerJson, tokenizerConfig });
  tokenCounter.remember(entry.id, tokenizer);
  const decoderConfig = decoderConfigFrom(config, generationConfig);
  checkTokenizerFits(tokenizerJson, decoderConfig.vocabSize);
  const engine = await withBackend(entry, preference, (backend, fallbackReason) =>
    OrtDecoderEngine.load({ ort: ortFor(backend), modelId: entry.id, model, tokenizer, config: decoderConfig, backend, fallbackReason, externalData }),
  model.byteLength + externalData.reduce((sum, e) => sum + e.data.byteLength, 0));
  return { engine, chat: new ChatFormatter(tokenizerConfig) };
};

const loadWebLlm: Loader = async (entry, preference) => {
  if (entry.source.kind !== 'web-llm') throw new ModelNotFoundError(`"${entry.name}" is not a web-llm model`);
  if (preference === 'wasm') throw new PocketError(`"${entry.name}" runs on web-llm, which needs WebGPU; WASM was requested`);
  const webllm = await import('@mlc-ai/web-llm');
  const { appConfig, libUrl } = packagedAppConfig(webllm.prebuiltAppConfig, entry.source.modelId, self.location.origin);
  await assertLibraryPackaged(libUrl);
  const engine = await WebLlmEngine.load({
    modelId: entry.id, mlcModelId: entry.source.modelId, appConfig, contextLength: entry.contextLength,
    create: (config) => new webllm.MLCEngine(config),
    onProgress: (report) => loadProgress?.(report),
  });
  return { engine };
};

const loadReplay: Loader = async (entry) => {
  const engine = ReplayEngine.load(entry.id, await readModelJson(entry, 'replay.json', self.location.origin));
  // A replay model with a tokenizer_config.json is a chat model: its chat template renders chats, as for ONNX models.
  if (entry.promptFormat !== 'chat') return { engine };
  return { engine, chat: new ChatFormatter(await readModelJson(entry, 'tokenizer_config.json', self.location.origin)) };
};

const loaders: Partial<Record<EngineKind, Loader>> = {
  replay: loadReplay,
  // Chrome's model takes chat turns itself (no ChatFormatter), like web-llm.
  builtin: async (entry) => ({ engine: await BuiltInEngine.load({ modelId: entry.id, api: languageModelApi() }) }),
  'ort-decoder': loadOrtDecoder,
  'web-llm': loadWebLlm,
  // Encoder-decoder models read one input text: a chat reaches them as a readable transcript (as for plain models).
  'ort-seq2seq': async (entry, preference) => ({ engine: await loadOrtSeq2Seq(ortFor, entry, preference, withBackend), chat: new ChatFormatter({}) }),
};

async function loadModel(modelId: string, preference: BackendPreference): Promise<LoadedModel> {
  if (deviceLost) throw new DeviceLostError(`this model worker lost its GPU device (${deviceLost}); it will be replaced`);
  const entry = await resolveModel(modelId);
  if (!entry) throw new ModelNotFoundError(`no model "${modelId}" in the catalogue`);
  const loader = loaders[entry.engine];
  if (!loader) throw new ModelNotFoundError(`"${entry.name}" needs the ${entry.engine} engine, which is not available yet`);
  return loader(entry, preference);
}

let current: { key: string; loaded: Promise<LoadedModel> } | undefined;
/** Who hears a web-llm load's progress (its weights download), while a `worker.model.fetch` waits for it. */
let loadProgress: ((report: { progress: number; text: string }) => void) | undefined;

/** The worker keeps one engine; asking for another model or backend replaces it. */
function modelFor(modelId: string, preference: BackendPreference = 'auto'): Promise<LoadedModel> {
  const key = `${modelId}|${preference}`;
  if (current?.key !== key) {
    const previous = current?.loaded;
    const loaded = (async () => {
      await release(previous);
      return loadModel(modelId, preference);
    })();
    current = { key, loaded };
    loaded.catch(() => {
      if (current?.loaded === loaded) current = undefined;
    });
  }
  return current.loaded;
}

/** Chat messages become the prompt for engines that take text; web-llm applies its own template. */
function engineRequest(loaded: LoadedModel, payload: { prompt: string; messages?: GenerateRequest['messages'] }): Pick<GenerateRequest, 'prompt' | 'messages' | 'promptHasSpecialTokens'> {
  if (!payload.messages?.length || !loaded.chat) return { prompt: payload.prompt, messages: payload.messages };
  const context = loaded.engine.info.contextLength;
  const maxChars = context ? context * CHARS_PER_TOKEN_MAX : Number.POSITIVE_INFINITY;
  return { prompt: loaded.chat.render(payload.messages, maxChars), promptHasSpecialTokens: loaded.chat.hasTemplate };
}

/** Token counts read only the tokenizer files, whether or not an engine is loaded (see token-count.ts). */
const tokenCounter = new TokenCounter();

serveWorker({
  'worker.model.load': async ({ model, backend }) => wireInfo((await modelFor(model, backend)).engine.info),
  'worker.model.unload': async () => {
    const loaded = current?.loaded;
    current = undefined;
    await release(loaded);
    return {};
  },
  'worker.tokens.count': ({ model, text }) => tokenCounter.count(model, text),
  // Test hook (offscreen → worker only): what a GPU reset or driver crash does to the device.
  'worker.test.loseDevice': () => {
    gpuDevice?.destroy();
    return { destroyed: Boolean(gpuDevice) };
  },
}, {
  'worker.model.fetch': async ({ model, backend }, emit) => {
    loadProgress = (report) => emit({ type: 'progress', fraction: Math.min(1, Math.max(0, report.progress || 0)), text: report.text.slice(0, 500) });
    try {
      return wireInfo((await modelFor(model, backend)).engine.info);
    } finally {
      loadProgress = undefined;
    }
  },
  'worker.generate': async ({ model, prompt, messages, constraint, params, backend }, emit, signal) => {
    // Lost while nothing ran (a GPU reset between requests): the host retries this request on a fresh worker.
    if (deviceLost) throw new DeviceLostError(`this model worker lost its GPU device while idle (${deviceLost})`, { idle: true });
    emit({ type: 'status', stage: 'loading' });
    const loaded = await modelFor(model, backend);
    // Stopped while the model was loading: nothing to generate.
    if (signal.aborted) throw new AbortError('generation cancelled');
    const { engine } = loaded;
    emit({ type: 'status', stage: 'generating', engine: wireInfo(engine.info) });
    const missing = constraintKinds(constraint).filter((kind) => !engine.info.constraints?.includes(kind));
    if (missing.length) {
      throw new PocketError(`"${model}" cannot constrain its output (${missing.join(', ')}); ask without that constraint and parse the answer`);
    }
    try {
      const stream = engine.generate({ id: model, ...engineRequest(loaded, { prompt, messages }), constraint, params }, signal);
      return { ...await pumpStream(stream, emit), engine: wireInfo(engine.info) };
    } catch (error) {
      if (await lostDuring()) throw new DeviceLostError(`the GPU device was lost during generation (${deviceLost})`);
      throw error;
    }
  },
});
