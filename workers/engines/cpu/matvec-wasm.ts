/**
 * A matrix-vector product in WebAssembly SIMD, assembled here byte by byte (no toolchain, nothing fetched): the one
 * kernel of the CPU decode step (cpu-decoder.ts) that is worth more than JavaScript, since a small model's token is
 * mostly multiply-adds by its weight matrices.
 *
 *   matvec(x, w, y, rows, cols, stride): y[j] = Σ_r x[r] · w[r·stride + j] for j < cols rounded down to 4
 *
 * Pointers are byte offsets into the imported memory; w is [rows, stride] row-major (the ONNX MatMul layout, with
 * stride = cols; attention reads the first cols columns of a wider cache). Columns go
 * 16 at a time in four f32x4 accumulators (then 4 at a time), rows in the inner loop, so every weight is read once,
 * in order within a row; the caller finishes the last cols % 4 columns.
 */

const uleb = (value: number): number[] => {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
};
const sleb = (value: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && !(byte & 0x40)) || (value === -1 && byte & 0x40)) return [...out, byte];
    out.push(byte | 0x80);
  }
};
const text = (s: string) => [...uleb(s.length), ...new TextEncoder().encode(s)];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vector = (items: number[][]) => [...uleb(items.length), ...items.flat()];

const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: [0x02, 0x40], loop: [0x03, 0x40], end: [0x0b], br: 0x0c, brIf: 0x0d,
  get: 0x20, set: 0x21, tee: 0x22,
  i32: (v: number) => [0x41, ...sleb(v)], add: [0x6a], sub: [0x6b], mul: [0x6c], and: [0x71], eqz: [0x45], geU: [0x4f],
  f32Load: (offset = 0) => [0x2a, 2, ...uleb(offset)],
  simd: (code: number, ...rest: number[]) => [0xfd, ...uleb(code), ...rest],
};
const get = (i: number) => [op.get, i];
const set = (i: number) => [op.set, i];
const v128Load = (offset: number) => op.simd(0x00, 4, ...uleb(offset));
const v128Store = (offset: number) => op.simd(0x0b, 4, ...uleb(offset));
const v128Zero = op.simd(0x0c, ...new Array<number>(16).fill(0));
const f32x4Splat = op.simd(0x13);
const f32x4Add = op.simd(0xe4);
const f32x4Mul = op.simd(0xe6);

// Parameters 0–5: x, w, y, rows, cols, stride (elements). Locals: 6 j, 7 r, 8 wp, 9 xp, 10 stride in bytes, 11 end;
// 12–15 accumulators, 16 x splat.
const [X, W, Y, ROWS, COLS, STRIDE_IN, J, R, WP, XP, STRIDE, END, A0, , , , XS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

/** Columns j…j+4·lanes−1 of y, `lanes` accumulators (4 or 1), while j < END; j advances by 4·lanes. */
function columnBlocks(lanes: number): number[] {
  const accumulators = Array.from({ length: lanes }, (_, k) => A0 + k);
  return [
    ...op.block, ...op.loop,
    // while (j < end)
    ...get(J), ...get(END), ...op.geU, op.brIf, 1,
    ...accumulators.flatMap((a) => [...v128Zero, ...set(a)]),
    // wp = w + 4j; xp = x; r = rows
    ...get(W), ...get(J), ...op.i32(4), ...op.mul, ...op.add, ...set(WP),
    ...get(X), ...set(XP),
    ...get(ROWS), ...set(R),
    ...op.block, ...op.loop,
    ...get(R), ...op.eqz, op.brIf, 1,
    ...get(XP), ...op.f32Load(), ...f32x4Splat, ...set(XS),
    ...accumulators.flatMap((a, k) => [...get(a), ...get(XS), ...get(WP), ...v128Load(16 * k), ...f32x4Mul, ...f32x4Add, ...set(a)]),
    ...get(WP), ...get(STRIDE), ...op.add, ...set(WP),
    ...get(XP), ...op.i32(4), ...op.add, ...set(XP),
    ...get(R), ...op.i32(1), ...op.sub, ...set(R),
    op.br, 0,
    ...op.end, ...op.end,
    // y[j…] = accumulators
    ...accumulators.flatMap((a, k) => [...get(Y), ...get(J), ...op.i32(4), ...op.mul, ...op.add, ...get(a), ...v128Store(16 * k)]),
    ...get(J), ...op.i32(4 * lanes), ...op.add, ...set(J),
    op.br, 0,
    ...op.end, ...op.end,
  ];
}

function matvecBody(): number[] {
  const code = [
    ...get(STRIDE_IN), ...op.i32(4), ...op.mul, ...set(STRIDE),
    ...op.i32(0), ...set(J),
    ...get(COLS), ...op.i32(-16), ...op.and, ...set(END),
    ...columnBlocks(4),
    ...get(COLS), ...op.i32(-4), ...op.and, ...set(END),
    ...columnBlocks(1),
    ...op.end,
  ];
  const locals = vector([[...uleb(6), I32], [...uleb(5), V128]]);
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

/** The module's bytes: imports `env.memory`, exports `matvec`. */
export function matvecModuleBytes(): Uint8Array<ArrayBuffer> {
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([[0x60, ...vector([[I32], [I32], [I32], [I32], [I32], [I32]]), 0x00]])),
    ...section(2, vector([[...text('env'), ...text('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vector([[0x00]])),
    ...section(7, vector([[...text('matvec'), 0x00, 0x00]])),
    ...section(10, vector([matvecBody()])),
  ];
  return new Uint8Array(bytes);
}

export type Matvec = (x: number, w: number, y: number, rows: number, cols: number, stride: number) => void;

/** The kernel over `memory`, or undefined where WebAssembly SIMD is not available. */
export function instantiateMatvec(memory: WebAssembly.Memory): Matvec | undefined {
  const bytes = matvecModuleBytes();
  if (!WebAssembly.validate(bytes)) return undefined;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  return instance.exports.matvec as Matvec;
}
