/**
 * One dedicated worker per loaded model, started by the offscreen model host. It owns the engine: load, generate
 * (streamed), abort, unload. onnxruntime-web's WebGPU bundle carries the WASM EP too, so one binary serves both.
 */
import * as ort from 'onnxruntime-web/webgpu';
import { ModelNotFoundError, PocketError } from '../extension/protocol/errors.ts';
import type { BackendPreference } from '../extension/protocol/schemas.ts';
import { resolveModel } from '../models/registry.ts';
import { chooseBackend } from './backend.ts';
import { OrtDecoderEngine } from './engines/ort-decoder.ts';
import { decoderConfigFrom } from './engines/model-config.ts';
import { TextTokenizer } from './engines/tokenizer.ts';
import type { Engine } from './engines/types.ts';
import { readModelFile, readModelJson } from './model-files.ts';
import { serveWorker } from './serve.ts';

import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';

// The packaged binary, never a CDN; one thread (no cross-origin isolation in extension pages).
ort.env.wasm.numThreads = 1;
ort.env.wasm.wasmPaths = { wasm: new URL(ortWasmUrl, self.location.href).href };

let current: { key: string; engine: Promise<Engine> } | undefined;

async function loadEngine(modelId: string, preference: BackendPreference): Promise<Engine> {
  const entry = await resolveModel(modelId);
  if (!entry) throw new ModelNotFoundError(`no model "${modelId}" in the catalogue`);
  if (entry.engine !== 'ort-decoder') throw new ModelNotFoundError(`"${entry.name}" needs the ${entry.engine} engine, which is not available yet`);
  const origin = self.location.origin;
  const [model, tokenizerJson, tokenizerConfig, config, generationConfig] = await Promise.all([
    readModelFile(entry, entry.files.find((f) => f.path.endsWith('.onnx'))!.path, origin),
    readModelJson(entry, 'tokenizer.json', origin),
    readModelJson(entry, 'tokenizer_config.json', origin),
    readModelJson(entry, 'config.json', origin),
    readModelJson(entry, 'generation_config.json', origin).catch(() => ({})),
  ]);
  const tokenizer = new TextTokenizer({ tokenizerJson, tokenizerConfig });
  const decoderConfig = decoderConfigFrom(config, generationConfig);
  const choice = await chooseBackend(preference, entry.requiredFeatures, (navigator as Navigator & { gpu?: GPU }).gpu);
  const load = (backend: 'webgpu' | 'wasm', fallbackReason?: string) =>
    OrtDecoderEngine.load({ ort, modelId, model, tokenizer, config: decoderConfig, backend, fallbackReason });
  if (choice.backend === 'wasm') return load('wasm', choice.fallbackReason);
  try {
    return await load('webgpu');
  } catch (error) {
    if (preference === 'webgpu') throw new PocketError(`WebGPU could not run "${entry.name}": ${(error as Error).message}`);
    return load('wasm', `WebGPU failed to start this model (${(error as Error).message}); using WASM`);
  }
}

/** The worker keeps one engine; asking for another model or backend replaces it. */
function engineFor(modelId: string, preference: BackendPreference = 'auto'): Promise<Engine> {
  const key = `${modelId}|${preference}`;
  if (current?.key !== key) {
    const previous = current?.engine;
    const engine = (async () => {
      await previous?.then((old) => old.unload()).catch(() => {});
      return loadEngine(modelId, preference);
    })();
    current = { key, engine };
    engine.catch(() => {
      if (current?.engine === engine) current = undefined;
    });
  }
  return current.engine;
}

serveWorker({
  'worker.model.load': async ({ model, backend }) => (await engineFor(model, backend)).info,
  'worker.model.unload': async () => {
    const engine = current?.engine;
    current = undefined;
    await engine?.then((e) => e.unload()).catch(() => {});
    return {};
  },
}, {
  'worker.generate': async ({ model, prompt, params, backend }, emit, signal) => {
    emit({ type: 'status', stage: 'loading' });
    const engine = await engineFor(model, backend);
    emit({ type: 'status', stage: 'generating', engine: engine.info });
    const stream = engine.generate({ id: model, prompt, params }, signal);
    for (;;) {
      const next = await stream.next();
      if (next.done) return { ...next.value, engine: engine.info };
      emit(next.value);
    }
  },
});
