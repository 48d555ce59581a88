import * as v from 'valibot';
import { BackendPreferenceSchema } from '../../protocol/schemas.ts';

const runId = v.pipe(v.string(), v.minLength(1), v.maxLength(100));

/** Writing a story (the model host runs it, so it outlives the popup). */
export const StoryStartSchema = v.strictObject({
  prompt: v.pipe(v.string(), v.maxLength(100_000)),
  /** The story's first words after the prompt (optional). */
  opening: v.pipe(v.string(), v.maxLength(2_000)),
  model: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  backend: BackendPreferenceSchema,
  params: v.strictObject({
    maxTokens: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2048)),
    temperature: v.pipe(v.number(), v.minValue(0), v.maxValue(2)),
    topK: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(200)),
    topP: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
    repetitionPenalty: v.pipe(v.number(), v.minValue(1), v.maxValue(2)),
    seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31)),
  }),
});
export type StoryStart = v.InferOutput<typeof StoryStartSchema>;

export const StoryRunIdSchema = v.strictObject({ runId });
export const StoryStatusSchema = v.strictObject({ active: v.nullable(runId) });
