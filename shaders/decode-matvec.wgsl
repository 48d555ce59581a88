// y = x · W for one token: x has `rows` elements, W is [rows, cols] row-major (the MatMul's own layout), one thread
// per output column; x is staged in workgroup memory a tile at a time, so consecutive threads read consecutive W.

struct Params {
  rows: u32,
  cols: u32,
  _pad0: u32,
  _pad1: u32,
}

const WG: u32 = 64u;
const TILE: u32 = 256u;

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;
@group(0) @binding(3) var<uniform> p: Params;

var<workgroup> xs: array<f32, TILE>;

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) group: vec3<u32>) {
  let j = group.x * WG + lid;
  var acc = 0.0;
  for (var base = 0u; base < p.rows; base += TILE) {
    let n = min(TILE, p.rows - base);
    for (var i = lid; i < n; i += WG) {
      xs[i] = x[base + i];
    }
    workgroupBarrier();
    if (j < p.cols) {
      for (var i = 0u; i < n; i++) {
        acc += xs[i] * w[(base + i) * p.cols + j];
      }
    }
    workgroupBarrier();
  }
  if (j < p.cols) {
    y[j] = acc;
  }
}
