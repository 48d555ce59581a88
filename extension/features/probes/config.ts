import * as v from 'valibot';
import { PERTURBATIONS } from './perturb.ts';
import { STRATEGIES } from './prompts.ts';

const name = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

/** What a probe run measures: every model × suite × strategy × perturbation, `repeats` seeds, the first `n` items. */
export const ProbeConfigSchema = v.strictObject({
  models: v.pipe(v.array(name), v.minLength(1), v.maxLength(8)),
  suites: v.pipe(v.array(name), v.minLength(1), v.maxLength(32)),
  strategies: v.pipe(v.array(v.picklist(STRATEGIES)), v.minLength(1), v.maxLength(4)),
  perturbations: v.pipe(v.array(v.picklist(PERTURBATIONS)), v.minLength(1), v.maxLength(PERTURBATIONS.length)),
  repeats: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10)),
  n: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
  /** A model that grades each reply yes/no; none skips the judge column. */
  judge: v.optional(name),
  maxTokens: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2048)),
  /** 0 is greedy (the same text for every seed); above 0 each repeat samples with its own seed. */
  temperature: v.pipe(v.number(), v.minValue(0), v.maxValue(2)),
  seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31)),
  backend: v.optional(v.picklist(['auto', 'webgpu', 'wasm'])),
});
export type ProbeConfig = v.InferOutput<typeof ProbeConfigSchema>;

export const DEFAULT_CONFIG: ProbeConfig = {
  models: ['tinystories-656k'], suites: ['sorting-8'], strategies: ['direct'], perturbations: ['none'], repeats: 3, n: 5,
  maxTokens: 64, temperature: 0.7, seed: 1,
};

/** What the run row keeps besides its status: the config, the plan's size, progress and the last message. */
export interface ProbeRunDoc {
  config: ProbeConfig;
  total: number;
  done: number;
  /** Seconds left at the pace of this session's items; null before the first item. */
  etaS: number | null;
  /** Why the run stopped or paused, or malformed items skipped; shown as is. */
  message?: string;
  skipped: string[];
  startedAt: number;
  updatedAt: number;
}
