// out = sigmoid(a) (mode 0), a · b (mode 1) or a + b (mode 2), element by element.

struct Params {
  n: u32,
  mode: u32,
  _pad0: u32,
  _pad1: u32,
}

const WG: u32 = 64u;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<uniform> p: Params;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= p.n) {
    return;
  }
  if (p.mode == 0u) {
    out[i] = 1.0 / (1.0 + exp(-a[i]));
  } else if (p.mode == 1u) {
    out[i] = a[i] * b[i];
  } else {
    out[i] = a[i] + b[i];
  }
}
