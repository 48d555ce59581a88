import * as v from 'valibot';
import { SerializedErrorSchema } from '../protocol/errors.ts';
import { BRIDGE_METHODS } from './capabilities/bridge.ts';

/**
 * Messages between the sandbox page and the extension page that hosts it (window.postMessage, checked by source
 * on both sides and validated here). The sandbox only ever asks for bridge calls; it cannot send anything else.
 */
export const SANDBOX_VERSION = 2;

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const Name = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

export const ScriptNameSchema = v.strictObject({
  name: Name,
  kind: v.pipe(v.string(), v.maxLength(40)),
  fields: v.optional(v.pipe(v.array(Name), v.maxLength(50))),
});

const Limit = v.pipe(v.number(), v.minValue(0), v.maxValue(1e9));
export const BudgetsSchema = v.strictObject({
  steps: v.optional(Limit),
  timeMs: v.optional(Limit),
  callDepth: v.optional(v.pipe(Limit, v.maxValue(1000))),
  stringLength: v.optional(v.pipe(Limit, v.maxValue(50_000_000))),
  arrayLength: v.optional(v.pipe(Limit, v.maxValue(10_000_000))),
  allocation: v.optional(Limit),
  actions: v.optional(v.pipe(Limit, v.maxValue(10_000))),
});

export const BridgeTargetSchema = v.strictObject({
  name: Name,
  index: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  field: v.optional(Name),
  position: v.optional(v.boolean()),
  holds: v.optional(v.pipe(v.string(), v.maxLength(1000))),
  open: v.optional(v.boolean()),
});

export const RunRequestSchema = v.strictObject({
  type: v.literal('run'),
  runId: Id,
  source: v.pipe(v.string(), v.maxLength(100_000)),
  capabilitySet: v.picklist(['automation', 'math']),
  names: v.optional(v.pipe(v.array(ScriptNameSchema), v.maxLength(5000))),
  budgets: v.optional(BudgetsSchema),
});
export type RunRequest = v.InferOutput<typeof RunRequestSchema>;

/** Parent → sandbox. */
export const ToSandboxSchema = v.variant('type', [
  RunRequestSchema,
  v.strictObject({ type: v.literal('cancel'), runId: Id }),
  /** The host waits for the user (or stopped waiting): the run's clock stops meanwhile. */
  v.strictObject({ type: v.literal('pause'), runId: Id, paused: v.boolean() }),
  v.strictObject({ type: v.literal('bridge.result'), runId: Id, callId: v.number(), ok: v.literal(true), value: v.unknown() }),
  v.strictObject({ type: v.literal('bridge.result'), runId: Id, callId: v.number(), ok: v.literal(false), error: SerializedErrorSchema }),
]);
export type ToSandbox = v.InferOutput<typeof ToSandboxSchema>;

const LogEntrySchema = v.looseObject({
  seq: v.number(), line: v.number(), column: v.number(), call: v.string(), args: v.array(v.unknown()),
  at: v.number(), ms: v.number(),
});

export const RunResultWireSchema = v.strictObject({
  ok: v.boolean(),
  finishedBy: v.picklist(['done', 'answer', 'end', 'error']),
  result: v.unknown(),
  output: v.array(v.string()),
  log: v.array(LogEntrySchema),
  error: v.optional(SerializedErrorSchema),
  stats: v.strictObject({ steps: v.number(), actions: v.number(), ms: v.number() }),
});

/** Sandbox → parent. */
export const FromSandboxSchema = v.variant('type', [
  v.strictObject({ type: v.literal('sandbox.ready'), version: v.number() }),
  v.strictObject({
    type: v.literal('bridge.call'), runId: Id, callId: v.number(), call: v.picklist(BRIDGE_METHODS),
    target: v.optional(BridgeTargetSchema), args: v.pipe(v.array(v.unknown()), v.maxLength(10)),
  }),
  v.strictObject({ type: v.literal('run.log'), runId: Id, entry: LogEntrySchema }),
  v.strictObject({ type: v.literal('run.output'), runId: Id, line: v.string() }),
  v.strictObject({ type: v.literal('run.result'), runId: Id, result: RunResultWireSchema }),
  v.strictObject({ type: v.literal('run.rejected'), runId: v.optional(v.string()), reason: v.string() }),
]);
export type FromSandbox = v.InferOutput<typeof FromSandboxSchema>;
