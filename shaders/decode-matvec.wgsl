// y = x · W for one token: x has `rows` elements, W is [rows, cols] row-major (the MatMul's own layout). A workgroup
// owns COLS output columns and splits the rows among SLICES threads per column (a power of two), then sums the slices
// in workgroup memory; consecutive threads read consecutive W. On a GPU a thread's loop is a chain of memory loads,
// so one thread per column over all rows is slow where 16 short chains are not (with attention split too, 2.9–3.7x the
// tokens per second on an H200, session 19); on a software adapter (SwiftShader) every thread and barrier costs CPU
// time, so there the decoder asks for SLICES = 1.

struct Params {
  rows: u32,
  cols: u32,
  _pad0: u32,
  _pad1: u32,
}

override COLS: u32 = 16u;
override SLICES: u32 = 16u;

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;
@group(0) @binding(3) var<uniform> p: Params;

var<workgroup> partial: array<f32, 256>; // COLS · SLICES ≤ 256

@compute @workgroup_size(COLS * SLICES)
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) group: vec3<u32>) {
  let c = lid % COLS;
  let slice = lid / COLS;
  let j = group.x * COLS + c;
  var acc = 0.0;
  if (j < p.cols) {
    for (var i = slice; i < p.rows; i += SLICES) {
      acc += x[i] * w[i * p.cols + j];
    }
  }
  partial[lid] = acc;
  workgroupBarrier();
  for (var stride = SLICES / 2u; stride > 0u; stride = stride / 2u) {
    if (slice < stride) {
      partial[lid] += partial[lid + stride * COLS];
    }
    workgroupBarrier();
  }
  if (slice == 0u && j < p.cols) {
    y[j] = partial[c];
  }
}
