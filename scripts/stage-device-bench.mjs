// node scripts/stage-device-bench.mjs — prepares `npm run bench:engine:node` for a GPU machine without node_modules
// (and, as the device tool's H200 had in session 19, without Node): writes .cache/device/ (under 64 MiB with the
// repository: the bench bundle, this machine's own `node` binary, dawn.node and the onnxruntime-web binaries, xz-packed,
// and reference.json) and prints the command to run there with `.cache/device` and `.gl` carried. `.gl` holds the
// Vulkan loader as Debian packages, which a bare machine lacks: here, `mkdir -p .gl && cd .gl && apt-get download
// libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2` (git-ignore `.gl/`). Prefix BENCH_CHECK=1 for
// the GPU checks instead of timings.
// The JSPI build (the one the extension ships for WebGPU) needs Node 25+; this Node is older, so the WebGPU rows run
// the asyncify bundle and say so, and the JSPI .wasm is left behind.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = join(root, '.cache/device');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

execFileSync(process.execPath, [join(root, 'scripts/bench-engine-node.mjs'), '--bundle', join(out, 'bench.mjs')], { stdio: 'inherit' });
const jspi = typeof WebAssembly.Suspending === 'function';
const pack = (from, to) => {
  mkdirSync(dirname(join(out, to)), { recursive: true });
  copyFileSync(from, join(out, to));
  execFileSync('xz', ['-6', '-T2', join(out, to)]);
};
pack(process.execPath, 'node');
pack(join(root, 'node_modules/webgpu/dist/linux-x64/dawn.node'), 'dawn.node');
for (const file of ['ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.asyncify.wasm', ...(jspi ? ['ort-wasm-simd-threaded.jspi.wasm'] : [])]) {
  pack(join(root, 'node_modules/onnxruntime-web/dist', file), `wasm/onnxruntime-web/dist/${file}`);
}
pack(join(root, 'node_modules/@huggingface/transformers/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm'),
  'wasm/@huggingface/transformers/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm');
copyFileSync(resolve(root, '../shared/models/TinyStories-656K/reference.json'), join(out, 'reference.json'));

const size = execFileSync('du', ['-sb', out], { encoding: 'utf8' }).split('\t')[0];
console.log(`\n.cache/device: ${(Number(size) / 2 ** 20).toFixed(1)} MiB (bundle ${(statSync(join(out, 'bench.mjs')).size / 2 ** 20).toFixed(1)} MiB)`);
console.log('On the GPU machine (device `run`, carry [".cache/device", ".gl"]), from the repository root:');
console.log('  [ -d .gl ] && for f in .gl/*.deb; do dpkg -x $f /; done; ldconfig; I=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json; '
  + '[ -f $I ] && export VK_DRIVER_FILES=$I; D=$PWD/.cache/device; xz -d -f -T0 $(find $D -name \'*.xz\'); '
  + 'BENCH_ROOT=$PWD BENCH_DAWN_NODE=$D/dawn.node BENCH_WASM_DIR=$D/wasm BENCH_REFERENCE=$D/reference.json BENCH_RUNS=5 '
  + '$D/node $D/bench.mjs');
