import * as ort from 'onnxruntime-web/webgpu';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { OrtDecoderEngine } from '../workers/engines/ort-decoder.ts';
import { decoderConfigFrom } from '../workers/engines/model-config.ts';
import { TextTokenizer } from '../workers/engines/tokenizer.ts';

// Same settings as the model worker: the packaged binary, one thread (no cross-origin isolation here either).
ort.env.wasm.numThreads = 1;
ort.env.wasm.wasmPaths = { wasm: new URL(ortWasmUrl, location.href).href };

export const ortVersion = ort.env.versions.web;
const base = '/models/tinystories-656k/';
const json = async (name: string) => (await fetch(base + name)).json() as Promise<Record<string, unknown>>;

/** Our engine on the bundled TinyStories model, loaded from the static server. */
export async function loadOurs(backend: 'webgpu' | 'wasm', selectOnGpu = true): Promise<OrtDecoderEngine> {
  const [model, tokenizerJson, tokenizerConfig, config, generationConfig] = await Promise.all([
    fetch(base + 'model.onnx').then(async (r) => new Uint8Array(await r.arrayBuffer())),
    json('tokenizer.json'), json('tokenizer_config.json'), json('config.json'), json('generation_config.json'),
  ]);
  return OrtDecoderEngine.load({
    ort, modelId: 'tinystories-656k', backend, model, selectOnGpu,
    tokenizer: new TextTokenizer({ tokenizerJson, tokenizerConfig }),
    config: decoderConfigFrom(config, generationConfig),
  });
}
