// node scripts/stage-device-bench.mjs — prepares `npm run bench:engine:node` for a GPU machine that has Node but no
// node_modules: writes .cache/device/ (under 64 MiB: the bench bundle, dawn.node and the onnxruntime-web binaries,
// gzipped, and reference.json) and prints the command to run there with `.cache/device` carried. Node 22+ there
// runs the JSPI build (the one the extension ships for WebGPU); older Node the asyncify bundle.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = resolve(import.meta.dirname, '..');
const out = join(root, '.cache/device');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

execFileSync(process.execPath, [join(root, 'scripts/bench-engine-node.mjs'), '--bundle', join(out, 'bench.mjs')], { stdio: 'inherit' });
const gz = (from, to) => {
  mkdirSync(dirname(join(out, to)), { recursive: true });
  writeFileSync(join(out, `${to}.gz`), gzipSync(readFileSync(from), { level: 9 }));
};
gz(join(root, 'node_modules/webgpu/dist/linux-x64/dawn.node'), 'dawn.node');
for (const file of ['ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.jspi.wasm', 'ort-wasm-simd-threaded.asyncify.wasm']) {
  gz(join(root, 'node_modules/onnxruntime-web/dist', file), `wasm/onnxruntime-web/dist/${file}`);
}
gz(join(root, 'node_modules/@huggingface/transformers/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm'),
  'wasm/@huggingface/transformers/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm');
copyFileSync(resolve(root, '../shared/models/TinyStories-656K/reference.json'), join(out, 'reference.json'));

const size = execFileSync('du', ['-sb', out], { encoding: 'utf8' }).split('\t')[0];
console.log(`\n.cache/device: ${(Number(size) / 2 ** 20).toFixed(1)} MiB (bundle ${(statSync(join(out, 'bench.mjs')).size / 2 ** 20).toFixed(1)} MiB)`);
console.log('On the GPU machine (run tool, carry [".cache/device"]), from the repository root:');
console.log("  find .cache/device -name '*.gz' -exec gunzip -f {} + && BENCH_ROOT=. BENCH_DAWN_NODE=.cache/device/dawn.node "
  + 'BENCH_WASM_DIR=.cache/device/wasm BENCH_REFERENCE=.cache/device/reference.json BENCH_RUNS=5 node .cache/device/bench.mjs');
