// Repetition penalty in place on one logits row, one thread per distinct token of the history (the host keeps the
// list distinct, so no two threads touch the same element). Positive logits are multiplied by 1/penalty, the others
// by penalty, both pre-rounded to f32: WGSL multiplication is correctly rounded (division is not), so this is
// bit-exact with the CPU twin. Non-finite logits are left as they are (what the multiplication gives anyway).

struct Params {
  offset: u32,
  count: u32,  // row length: tokens at or beyond it are ignored
  tokens: u32, // how many history entries to apply
  _pad: u32,
  scale_positive: f32, // f32(1 / penalty)
  scale_negative: f32, // f32(penalty)
}

@group(0) @binding(0) var<storage, read_write> logits: array<u32>;
@group(0) @binding(1) var<storage, read> history: array<u32>;
@group(0) @binding(2) var<uniform> params: Params;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= params.tokens) { return; }
  let token = history[id.x];
  if (token >= params.count) { return; }
  let at = params.offset + token;
  let bits = logits[at];
  if ((bits & 0x7f800000u) == 0x7f800000u) { return; }
  let positive = (bits & 0x80000000u) == 0u && bits != 0u;
  let value = bitcast<f32>(bits);
  logits[at] = bitcast<u32>(select(value * params.scale_negative, value * params.scale_positive, positive));
}
