/**
 * Which onnxruntime-web build runs each backend. `npm run bench:engine` measured (README, Benchmarks): the plain WASM
 * build (no async bridge) decodes ~2x faster than the WebGPU bundle's WASM EP, and the JSPI WebGPU build beats the
 * asyncify one. Each build is a separate module with its own packaged binary, never fetched from a CDN; one thread
 * (extension pages are not cross-origin isolated). A build initialises only when a session first uses it.
 */
import type * as Ort from 'onnxruntime-web';
import * as ortJspi from 'onnxruntime-web/jspi';
import * as ortPlain from 'onnxruntime-web/wasm';
import jspiWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jspi.wasm?url';
import plainWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';

export type OrtModule = typeof Ort;

const builds = { webgpu: [ortJspi, jspiWasmUrl], wasm: [ortPlain, plainWasmUrl] } as const;
for (const [ort, url] of Object.values(builds)) {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = { wasm: new URL(url, self.location.href).href };
}

export function ortFor(backend: 'webgpu' | 'wasm'): OrtModule {
  return builds[backend][0] as unknown as OrtModule;
}
