// Top-k (k ≤ K_MAX) over one logits row, sorted in the order of order.wgsl, in two dispatches:
// `scan`: every thread keeps its own sorted list of the k best entries of a strided slice of the row, writes it to
// `lists`, then the 64 lists of a workgroup are merged pairwise (a tree, log2(64) levels) into the workgroup's first
// list. `reduce`: one workgroup merges the per-workgroup lists the same way and writes the k best to `result`.
// Lists are padded with EMPTY entries, so k > count is fine. Needs order.wgsl in front.

struct Params {
  offset: u32,
  count: u32,
  groups: u32, // workgroups dispatched by `scan` (≤ WG)
  k: u32,      // 1..K_MAX
}

const K_MAX: u32 = 64u;
const WG: u32 = 64u;

@group(0) @binding(0) var<storage, read> logits: array<u32>;
@group(0) @binding(1) var<storage, read_write> lists: array<vec2<u32>>; // (groups * WG) lists of K_MAX (bits, index)
@group(0) @binding(2) var<uniform> params: Params;
@group(0) @binding(3) var<storage, read_write> result: array<vec2<u32>>;

fn entry_key(entry: vec2<u32>) -> u32 {
  return select(order_key(entry.x), 0u, entry.y == EMPTY);
}

/** Merges the sorted lists starting at `a` and `b` into the k best, written over list `a`. */
fn merge_into(a: u32, b: u32) {
  var merged: array<vec2<u32>, K_MAX>;
  var ia = 0u;
  var ib = 0u;
  let k = params.k;
  for (var j = 0u; j < k; j = j + 1u) {
    let ea = lists[a + ia];
    let eb = lists[b + ib];
    if (ranks_above(entry_key(eb), eb.y, entry_key(ea), ea.y)) {
      merged[j] = eb;
      ib = ib + 1u;
    } else {
      merged[j] = ea;
      ia = ia + 1u;
    }
  }
  for (var j = 0u; j < k; j = j + 1u) {
    lists[a + j] = merged[j];
  }
}

@compute @workgroup_size(64)
fn scan(@builtin(local_invocation_id) local: vec3<u32>, @builtin(workgroup_id) group: vec3<u32>) {
  let lid = local.x;
  let thread = group.x * WG + lid;
  let stride = params.groups * WG;
  let k = params.k;
  var keys: array<u32, K_MAX>;
  var bits: array<u32, K_MAX>;
  var indices: array<u32, K_MAX>;
  var n = 0u;
  for (var i = thread; i < params.count; i = i + stride) {
    let value = logits[params.offset + i];
    let key = order_key(value);
    var position = n;
    if (n == k) {
      // Indices only grow, so an equal key never beats an entry already kept.
      if (key <= keys[k - 1u]) { continue; }
      position = k - 1u;
    } else {
      n = n + 1u;
    }
    while (position > 0u && key > keys[position - 1u]) {
      keys[position] = keys[position - 1u];
      bits[position] = bits[position - 1u];
      indices[position] = indices[position - 1u];
      position = position - 1u;
    }
    keys[position] = key;
    bits[position] = value;
    indices[position] = i;
  }
  let base = thread * K_MAX;
  for (var j = 0u; j < k; j = j + 1u) {
    lists[base + j] = select(vec2<u32>(EMPTY_BITS, EMPTY), vec2<u32>(bits[j], indices[j]), j < n);
  }
  for (var span = 1u; span < WG; span = span * 2u) {
    storageBarrier();
    if (lid % (2u * span) == 0u) {
      merge_into(base, base + span * K_MAX);
    }
  }
}

@compute @workgroup_size(64)
fn reduce(@builtin(local_invocation_id) local: vec3<u32>) {
  let lid = local.x;
  let groups = params.groups;
  for (var span = 1u; span < groups; span = span * 2u) {
    storageBarrier();
    if (lid % (2u * span) == 0u && lid + span < groups) {
      merge_into(lid * WG * K_MAX, (lid + span) * WG * K_MAX);
    }
  }
  storageBarrier();
  if (lid < params.k) {
    result[lid] = lists[lid];
  }
}
