// One token's grouped-query attention with rotary embedding (com.microsoft.GroupQueryAttention, packed q/k/v input,
// rotary inside), one workgroup per query head. The new key (after rotary) and value go into row `position` of the
// cache; the first query head of each group writes them, and every head uses its own copy for that row, so no
// workgroup reads a row another one is writing. Cache: [kv_heads, rows, head_dim].

struct Params {
  heads: u32,
  kv_heads: u32,
  head_dim: u32,
  rows: u32,
  half: u32,        // columns of the rotary tables: the first 2·half dims of a head rotate
  interleaved: u32, // 1: pairs (2i, 2i+1); 0: halves (i, i+half)
  _pad0: u32,
  scale: f32,
}

struct Step {
  token: u32,
  position: u32,
  _pad0: u32,
  _pad1: u32,
}

const WG: u32 = 64u;
const MAX_DIM: u32 = 256u;
override MAX_ROWS: u32 = 2048u;
// 1: the value sums split each dimension's rows among threads (real GPUs); 0: one thread per dimension (software).
override SPLIT_VALUES: u32 = 1u;

@group(0) @binding(0) var<storage, read> qkv: array<f32>;
@group(0) @binding(1) var<storage, read_write> keys: array<f32>;
@group(0) @binding(2) var<storage, read_write> values: array<f32>;
@group(0) @binding(3) var<storage, read> cos_table: array<f32>;
@group(0) @binding(4) var<storage, read> sin_table: array<f32>;
@group(0) @binding(5) var<storage, read_write> out: array<f32>;
@group(0) @binding(6) var<uniform> p: Params;
@group(0) @binding(7) var<uniform> tick: Step;

var<workgroup> q_s: array<f32, MAX_DIM>;
var<workgroup> k_s: array<f32, MAX_DIM>;
var<workgroup> v_s: array<f32, MAX_DIM>;
var<workgroup> scores: array<f32, MAX_ROWS>;
var<workgroup> red: array<f32, WG>;
var<workgroup> part: array<f32, MAX_DIM>;

fn rotary(base: u32, d: u32, position: u32) -> f32 {
  let x = qkv[base + d];
  if (d >= 2u * p.half) {
    return x;
  }
  if (p.interleaved == 1u) {
    let i = d / 2u;
    let c = cos_table[position * p.half + i];
    let s = sin_table[position * p.half + i];
    if (d % 2u == 0u) {
      return x * c - qkv[base + d + 1u] * s;
    }
    return x * c + qkv[base + d - 1u] * s;
  }
  if (d < p.half) {
    let c = cos_table[position * p.half + d];
    let s = sin_table[position * p.half + d];
    return x * c - qkv[base + d + p.half] * s;
  }
  let c = cos_table[position * p.half + d - p.half];
  let s = sin_table[position * p.half + d - p.half];
  return x * c + qkv[base + d - p.half] * s;
}

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) group: vec3<u32>) {
  let h = group.x;
  let per_kv = p.heads / p.kv_heads;
  let kvh = h / per_kv;
  let hd = p.head_dim;
  let position = tick.position;
  let q_base = h * hd;
  let k_base = (p.heads + kvh) * hd;
  let v_base = (p.heads + p.kv_heads + kvh) * hd;
  let cache = kvh * p.rows * hd;

  for (var d = lid; d < hd; d += WG) {
    q_s[d] = rotary(q_base, d, position);
    k_s[d] = rotary(k_base, d, position);
    v_s[d] = qkv[v_base + d];
  }
  workgroupBarrier();
  if (h % per_kv == 0u) {
    for (var d = lid; d < hd; d += WG) {
      keys[cache + position * hd + d] = k_s[d];
      values[cache + position * hd + d] = v_s[d];
    }
  }

  var high = -3.4028234e38;
  for (var t = lid; t <= position; t += WG) {
    var s = 0.0;
    if (t == position) {
      for (var d = 0u; d < hd; d++) {
        s += q_s[d] * k_s[d];
      }
    } else {
      for (var d = 0u; d < hd; d++) {
        s += q_s[d] * keys[cache + t * hd + d];
      }
    }
    s = s * p.scale;
    scores[t] = s;
    high = max(high, s);
  }
  red[lid] = high;
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) {
      red[lid] = max(red[lid], red[lid + stride]);
    }
    workgroupBarrier();
  }
  let top = red[0];
  workgroupBarrier();

  var total = 0.0;
  for (var t = lid; t <= position; t += WG) {
    let e = exp(scores[t] - top);
    scores[t] = e;
    total += e;
  }
  red[lid] = total;
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) {
      red[lid] += red[lid + stride];
    }
    workgroupBarrier();
  }
  let sum = red[0];

  // Value sums: the cached rows are split among `slices` threads per dimension (one long chain of loads per dimension
  // is slow on a GPU), then each dimension adds its slices in order. With 64 threads this splits heads of under 64
  // dimensions only (TinyStories' 16: 4 slices); larger heads keep one thread per dimension.
  let slices = select(1u, max(1u, WG / hd), SPLIT_VALUES == 1u);
  for (var e = lid; e < hd * slices; e += WG) {
    let d = e % hd;
    var acc = 0.0;
    for (var t = e / hd; t < position; t += slices) {
      acc += scores[t] * values[cache + t * hd + d];
    }
    part[e] = acc;
  }
  workgroupBarrier();
  for (var d = lid; d < hd; d += WG) {
    var acc = scores[position] * v_s[d];
    for (var s = 0u; s < slices; s++) {
      acc += part[s * hd + d];
    }
    out[h * hd + d] = acc / sum;
  }
}
