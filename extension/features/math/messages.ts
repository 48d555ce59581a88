import * as v from 'valibot';

/**
 * What the Math tab sends to the model host, which runs the whole solve (so closing the popup does not stop it).
 * The problem goes as typed: the host trims it and cuts a very long one (the result says so).
 */
export const MAX_PROBLEM_INPUT_CHARS = 200_000;

const runId = v.pipe(v.string(), v.minLength(1), v.maxLength(100));

export const MathStartSchema = v.strictObject({
  problem: v.pipe(v.string(), v.maxLength(MAX_PROBLEM_INPUT_CHARS)),
  /** The length as typed, when the panel had to cut an enormous paste to MAX_PROBLEM_INPUT_CHARS before sending. */
  typedLength: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  model: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  backend: v.optional(v.picklist(['auto', 'webgpu', 'wasm'])),
  method: v.picklist(['direct', 'cot', 'pot']),
  /** 1 = one greedy answer; 2..16 = self-consistency with that many samples at `temperature`. */
  samples: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(16)),
  temperature: v.pipe(v.number(), v.minValue(0), v.maxValue(2)),
  verify: v.boolean(),
  shots: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8)),
  maxTokens: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(4096)),
  seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31)),
});
export type MathStart = v.InferOutput<typeof MathStartSchema>;

export const MathRunIdSchema = v.strictObject({ runId });
export const MathStatusSchema = v.strictObject({ active: v.nullable(runId) });
