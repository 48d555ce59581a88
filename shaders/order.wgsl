// Shared by every selection kernel (prepended by the host code). Logits are read as raw f32 bits and compared as
// integers, so the result never depends on how a GPU treats NaN, infinities or subnormals in float comparisons
// (WGSL lets implementations assume they do not occur).
//
// Order: larger value first; -0 equals +0; -Infinity is below every finite value; NaN is below everything; equal
// values → lower index first. EMPTY marks an unused slot and ranks below any real entry.

const EMPTY: u32 = 0xffffffffu;
const EMPTY_BITS: u32 = 0x7fc00000u; // a NaN: key 0

/** Maps f32 bits to a u32 whose unsigned order is the order above. */
fn order_key(bits: u32) -> u32 {
  if ((bits & 0x7fffffffu) > 0x7f800000u) { return 0u; }
  if (bits == 0x80000000u) { return 0x80000000u; }
  if ((bits & 0x80000000u) != 0u) { return ~bits; }
  return bits | 0x80000000u;
}

/** Does entry (key a, index ia) rank above (key b, index ib)? */
fn ranks_above(a: u32, ia: u32, b: u32, ib: u32) -> bool {
  return a > b || (a == b && ia < ib);
}
