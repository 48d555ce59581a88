import * as ortAsyncify from 'onnxruntime-web/webgpu';
import * as ortJspi from 'onnxruntime-web/jspi';
import * as ortPlain from 'onnxruntime-web/wasm';
import asyncifyWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import jspiWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jspi.wasm?url';
import plainWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { OrtDecoderEngine } from '../workers/engines/ort-decoder.ts';
import { decoderConfigFrom } from '../workers/engines/model-config.ts';
import { TextTokenizer } from '../workers/engines/tokenizer.ts';

/**
 * onnxruntime-web builds our engine can run on. `asyncify` (the WebGPU bundle) is what the model worker ships today;
 * `jspi` (WebGPU + WASM with JS promise integration) and `plain` (WASM only, no async bridge) are measured as options.
 */
export type OrtBuild = 'asyncify' | 'jspi' | 'plain';
const builds = { asyncify: [ortAsyncify, asyncifyWasmUrl], jspi: [ortJspi, jspiWasmUrl], plain: [ortPlain, plainWasmUrl] } as const;
// Same settings as the model worker: the packaged binary, one thread (no cross-origin isolation here either).
for (const [ort, url] of Object.values(builds)) {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = { wasm: new URL(url, location.href).href };
}

export const ortVersion = ortAsyncify.env.versions.web;
const base = '/models/tinystories-656k/';
const json = async (name: string) => (await fetch(base + name)).json() as Promise<Record<string, unknown>>;

/** Our engine on the bundled TinyStories model, loaded from the static server. */
/** Time each decode step's session run took on the page's thread, for the run in progress (cleared by the caller). */
export const stepRunMs: number[] = [];

export async function loadOurs(backend: 'webgpu' | 'wasm', selectOnGpu = true, build: OrtBuild = 'asyncify', fuse = true, captureGraph = true, ownSteps = true): Promise<OrtDecoderEngine> {
  const [model, tokenizerJson, tokenizerConfig, config, generationConfig] = await Promise.all([
    fetch(base + 'model.onnx').then(async (r) => new Uint8Array(await r.arrayBuffer())),
    json('tokenizer.json'), json('tokenizer_config.json'), json('config.json'), json('generation_config.json'),
  ]);
  return OrtDecoderEngine.load({
    ort: builds[build][0] as typeof ortAsyncify, modelId: 'tinystories-656k', backend, model, selectOnGpu, fuse, captureGraph, ownSteps, onStepRun: (ms) => stepRunMs.push(ms),
    tokenizer: new TextTokenizer({ tokenizerJson, tokenizerConfig }),
    config: decoderConfigFrom(config, generationConfig),
  });
}
