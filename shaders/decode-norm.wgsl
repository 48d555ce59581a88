// RMS norm of one vector, optionally of a sum first (SkipSimplifiedLayerNormalization): s = a (+ b), written to `sum`
// when asked; out = s / sqrt(mean(s²) + eps) · weight. One workgroup.

struct Params {
  n: u32,
  skip: u32,
  write_sum: u32,
  _pad0: u32,
  eps: f32,
  _pad1: f32,
  _pad2: f32,
  _pad3: f32,
}

const WG: u32 = 256u;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read> weight: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
@group(0) @binding(4) var<storage, read_write> sum: array<f32>;
@group(0) @binding(5) var<uniform> p: Params;

var<workgroup> partial: array<f32, WG>;

fn value(i: u32) -> f32 {
  if (p.skip == 1u) {
    return a[i] + b[i];
  }
  return a[i];
}

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_index) lid: u32) {
  var squares = 0.0;
  for (var i = lid; i < p.n; i += WG) {
    let v = value(i);
    if (p.write_sum == 1u) {
      sum[i] = v;
    }
    squares += v * v;
  }
  partial[lid] = squares;
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) {
      partial[lid] += partial[lid + stride];
    }
    workgroupBarrier();
  }
  let inv = 1.0 / sqrt(partial[0] / f32(p.n) + p.eps);
  for (var i = lid; i < p.n; i += WG) {
    out[i] = value(i) * inv * weight[i];
  }
}
