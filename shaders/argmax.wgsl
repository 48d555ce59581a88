// Argmax over one logits row in two dispatches: `scan` (many workgroups, each thread strides over the row, then a
// workgroup reduction writes one (bits, index) per workgroup) and `reduce` (one workgroup over those partials).
// Needs order.wgsl in front.

struct Params {
  offset: u32, // first element of the row inside the bound range
  count: u32,  // row length (vocabulary size)
  groups: u32, // workgroups dispatched by `scan`
  _pad: u32,
}

const WG: u32 = 256u;

@group(0) @binding(0) var<storage, read> logits: array<u32>;
@group(0) @binding(1) var<storage, read_write> partial: array<vec2<u32>>;
@group(0) @binding(2) var<uniform> params: Params;
@group(0) @binding(3) var<storage, read_write> result: array<vec2<u32>>;

var<workgroup> s_key: array<u32, WG>;
var<workgroup> s_bits: array<u32, WG>;
var<workgroup> s_index: array<u32, WG>;

fn reduce_workgroup(lid: u32, bits: u32, index: u32) {
  s_key[lid] = select(order_key(bits), 0u, index == EMPTY);
  s_bits[lid] = bits;
  s_index[lid] = index;
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) {
      let other = lid + stride;
      if (ranks_above(s_key[other], s_index[other], s_key[lid], s_index[lid])) {
        s_key[lid] = s_key[other];
        s_bits[lid] = s_bits[other];
        s_index[lid] = s_index[other];
      }
    }
    workgroupBarrier();
  }
}

@compute @workgroup_size(256)
fn scan(@builtin(local_invocation_id) local: vec3<u32>, @builtin(workgroup_id) group: vec3<u32>) {
  let lid = local.x;
  let stride = params.groups * WG;
  var best_key = 0u;
  var best_bits = EMPTY_BITS;
  var best_index = EMPTY;
  for (var i = group.x * WG + lid; i < params.count; i = i + stride) {
    let bits = logits[params.offset + i];
    let key = order_key(bits);
    if (ranks_above(key, i, best_key, best_index)) {
      best_key = key;
      best_bits = bits;
      best_index = i;
    }
  }
  reduce_workgroup(lid, best_bits, best_index);
  if (lid == 0u) {
    partial[group.x] = vec2<u32>(s_bits[0], s_index[0]);
  }
}

@compute @workgroup_size(256)
fn reduce(@builtin(local_invocation_id) local: vec3<u32>) {
  let lid = local.x;
  var best_key = 0u;
  var best_bits = EMPTY_BITS;
  var best_index = EMPTY;
  for (var g = lid; g < params.groups; g = g + WG) {
    let entry = partial[g];
    let key = select(order_key(entry.x), 0u, entry.y == EMPTY);
    if (ranks_above(key, entry.y, best_key, best_index)) {
      best_key = key;
      best_bits = entry.x;
      best_index = entry.y;
    }
  }
  reduce_workgroup(lid, best_bits, best_index);
  if (lid == 0u) {
    result[0] = vec2<u32>(s_bits[0], s_index[0]);
  }
}
