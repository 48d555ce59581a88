import * as v from 'valibot';

const safePath = v.pipe(v.string(), v.minLength(1), v.maxLength(300), v.regex(/^(?!.*\.\.)[\w.-]+(\/[\w.-]+)*$/, 'a relative path'));
const hex64 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits'));

/** A decoder-only ONNX model the user adds by URL (optimum/transformers.js layout, like the bundled one). */
export const CustomModelSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'lower-case letters, digits, . _ -')),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  contextLength: v.pipe(v.number(), v.integer(), v.minValue(16), v.maxValue(1_000_000)),
  files: v.pipe(v.array(v.strictObject({
    path: safePath,
    url: v.pipe(v.string(), v.url(), v.regex(/^https?:\/\//, 'an http(s) address')),
    bytes: v.pipe(v.number(), v.integer(), v.minValue(1)),
    sha256: v.nullable(hex64),
  })), v.minLength(1), v.maxLength(32)),
});
export type CustomModel = v.InferOutput<typeof CustomModelSchema>;

