/**
 * An automation run as every surface sees it: the run lives in the model host (offscreen document), the side panel
 * reads this state, answers its pending confirmation or question, and stops it. Closing the panel leaves the run
 * going; a reopened panel reads the same state. Schemas here are the wire shapes of the `automate.*` messages.
 */
import * as v from 'valibot';
import { SerializedErrorSchema } from '../../protocol/errors.ts';
import { ElementEntrySchema, ListEntrySchema } from '../../protocol/schemas.ts';
import type { LogEntry } from '../../sandbox/interpreter/run.ts';
import type { ExportedValue } from '../../sandbox/interpreter/values.ts';

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const tabId = v.pipe(v.number(), v.integer(), v.minValue(0));
const runId = v.pipe(v.string(), v.minLength(1), v.maxLength(100));

export const MAX_LOG = 300;
export const MAX_SAID = 200;
/** Lists a saved script keeps (replayable.ts `listsToSave`). */
export const MAX_SAVED_LISTS = 40;

/** A list a saved script names, as its run reached it, on the page (path pattern, site-document.ts) it was on. */
export const SavedListSchema = v.strictObject({ pattern: text(2000), list: ListEntrySchema });
export type SavedList = v.InferOutput<typeof SavedListSchema>;

/** Elements a saved script keeps (replayable.ts `elementsToSave`). */
export const MAX_SAVED_ELEMENTS = 40;

/**
 * An element a saved script names, as its run reached it: its kind and locators (no state, label or options), on the
 * page it was on. At replay, a name the page no longer has is found again by these (the page, or our naming, renamed it).
 */
export const SavedElementSchema = v.strictObject({ pattern: text(2000), element: v.pick(ElementEntrySchema, ['name', 'kind', 'locators']) });
export type SavedElement = v.InferOutput<typeof SavedElementSchema>;

export const AnswerSchema = v.strictObject({ plan: text(2000), elements: v.array(text(200)), script: text(20_000) });

export const AutomateStartSchema = v.strictObject({
  tabId,
  task: v.pipe(v.string(), v.maxLength(4000), v.check((task) => task.trim().length > 0, 'the task is empty: say what the run should do')),
  model: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  /** A saved script: run it first with no model call. */
  known: v.optional(AnswerSchema),
  /** With `known`: its `{{param}}` values, filled in by the host; the run shows and stores the script with its holes. */
  params: v.optional(v.pipe(v.record(v.pipe(v.string(), v.regex(/^[A-Za-z_][A-Za-z0-9_]{0,40}$/)), text(4000)), v.check((r) => Object.keys(r).length <= 40, 'at most 40 params'))),
  /** With `known`: the site the script was saved for; the run refuses to start on a page of another site. */
  savedFor: v.optional(text(200)),
  /** With `known`: the lists its names were when it was saved (replayable.ts `listsToSave`). */
  knownLists: v.optional(v.pipe(v.array(SavedListSchema), v.maxLength(MAX_SAVED_LISTS))),
  /** With `known`: the elements its names were when it was saved (replayable.ts `elementsToSave`). */
  knownElements: v.optional(v.pipe(v.array(SavedElementSchema), v.maxLength(MAX_SAVED_ELEMENTS))),
  /** Values the user gave for this run (saved-script parameters): sensitive fields may take them. */
  userValues: v.optional(v.pipe(v.array(text(4000)), v.maxLength(40))),
  maxRepairs: v.optional(v.pipe(count, v.maxValue(2))),
  /** `stepwise`: the baseline loop (one model call per action), for the benchmark. */
  mode: v.optional(v.picklist(['script', 'stepwise'])),
  /** Pause before each page action until the user says "Next step" (or "Run to the end"). */
  stepByStep: v.optional(v.boolean()),
  /** Keep each model call's prompt text in the report (the benchmark counts its tokens). */
  keepPrompts: v.optional(v.boolean()),
  /** Script-writer models: constrain `$name`s to the page's names (default true; false only to measure the difference). */
  constrainNames: v.optional(v.boolean()),
  /** Script-writer models: keep the script's syntax valid and its quoted strings copied from the task or the page
   * (default true; false only to measure the difference). */
  constrainScript: v.optional(v.boolean()),
  /** Script-writer models: logits added per task word a name shares, where a name is written (default
   * NAME_PRIOR_WEIGHT; 0 turns the prior off, to measure it). */
  namePrior: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(20))),
  /** Script-writer models: logits a top-level statement loses for a name other than the next one the task mentions
   * (default ORDER_PRIOR_WEIGHT; 0 turns it off). */
  orderPrior: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(20))),
  /** Where the model runs (default: the model host's choice, WebGPU when there is an adapter). */
  backend: v.optional(v.picklist(['auto', 'webgpu', 'wasm'])),
});
export type AutomateStart = v.InferOutput<typeof AutomateStartSchema>;

export const AutomateRunIdSchema = v.strictObject({ runId });
export const AutomateTabSchema = v.strictObject({ tabId });
/** What a tab's run waits for from the user ('' when nothing): shown on the toolbar button while no panel may be open. */
export const AutomateWaitingSchema = v.strictObject({ tabId, waiting: v.picklist(['', 'confirm', 'question', 'step']) });
export const AutomateRespondSchema = v.union([
  v.strictObject({ runId, confirm: v.strictObject({ id: count, ok: v.boolean() }) }),
  v.strictObject({ runId, answer: v.strictObject({ id: count, text: text(4000) }) }),
  v.strictObject({ runId, step: v.strictObject({ id: count, then: v.picklist(['next', 'continue']) }) }),
]);

const LogEntrySchema = v.strictObject({
  seq: count, line: count, column: count, call: text(40), target: v.optional(text(400)),
  args: v.array(v.unknown()), result: v.optional(v.unknown()), error: v.optional(SerializedErrorSchema),
  at: v.number(), ms: v.number(),
});

const FailureSchema = v.strictObject({
  name: text(64), message: text(4000), line: v.optional(count), column: v.optional(count), suggestion: v.optional(text(400)),
  statement: v.optional(count),
});

const AttemptSchema = v.strictObject({
  raw: text(20_000), answer: v.optional(AnswerSchema), failure: v.optional(FailureSchema),
  tokensIn: count, tokensOut: count, ttftMs: v.optional(v.number()),
});

export const ReportSchema = v.strictObject({
  ok: v.boolean(), status: v.picklist(['done', 'failed', 'cancelled', 'stopped']), result: v.optional(v.unknown()),
  attempts: v.array(AttemptSchema), modelCalls: count, tokensIn: count, tokensOut: count, summary: text(4000),
  /** For a finished script run: what to save (replayable.ts: completed parts of repaired attempts, then the last). */
  savedScript: v.optional(text(40_000)),
  /** The task to keep with the saved script: what the run typed into sensitive fields as the script's holes. */
  savedTask: v.optional(text(4000)),
  /** The holes put in the saved script for what the run typed into sensitive fields, and the field of each. */
  savedHoles: v.optional(v.pipe(v.array(v.strictObject({ name: text(64), target: text(400) })), v.maxLength(MAX_SAVED_ELEMENTS))),
  /** How many texts typed into sensitive fields are still in the script or task offered (could not become holes). */
  savedSecretsLeft: v.optional(count),
  /** The lists the saved script names, as the run saw them, without their sample items. */
  savedLists: v.optional(v.pipe(v.array(SavedListSchema), v.maxLength(MAX_SAVED_LISTS))),
  /** The elements the saved script names, as the run reached them: kind and locators only. */
  savedElements: v.optional(v.pipe(v.array(SavedElementSchema), v.maxLength(MAX_SAVED_ELEMENTS))),
  /** A replay: names the page no longer has, found again by their saved locators (old name → name on the page now). */
  renamed: v.optional(v.pipe(v.array(v.strictObject({ from: text(200), to: text(200) })), v.maxLength(MAX_SAVED_ELEMENTS))),
  /** With `keepPrompts`: each model call's prompt as the engine got it, in order. */
  prompts: v.optional(v.pipe(v.array(text(400_000)), v.maxLength(64))),
});

export const RunStateSchema = v.strictObject({
  runId, tabId, task: text(4000), model: text(200), mode: v.picklist(['script', 'stepwise']), replay: v.boolean(),
  status: v.picklist(['running', 'done', 'failed', 'cancelled', 'stopped', 'error']),
  phase: v.picklist(['reading', 'generating', 'running', 'finished']),
  attempt: count,
  answer: v.nullable(AnswerSchema),
  /** The attempt's log, its newest MAX_LOG entries; `logDropped` says how many older ones were let go. */
  log: v.pipe(v.array(LogEntrySchema), v.maxLength(MAX_LOG)),
  logDropped: v.optional(count),
  /** What say() said, its newest MAX_SAID lines; `saidDropped`: how many older ones were let go. */
  said: v.pipe(v.array(text(4000)), v.maxLength(MAX_SAID)),
  saidDropped: v.optional(count),
  current: v.nullable(text(400)),
  confirm: v.nullable(v.strictObject({ id: count, target: text(400), action: text(40), label: text(400), reason: text(400) })),
  question: v.nullable(v.strictObject({ id: count, text: text(4000) })),
  /** Step by step: the action waiting for "Next step". */
  step: v.nullable(v.strictObject({ id: count, action: text(40), target: text(400) })),
  stepByStep: v.boolean(),
  report: v.nullable(ReportSchema),
  error: v.nullable(SerializedErrorSchema),
  startedAt: v.number(), finishedAt: v.nullable(v.number()),
  /** Milliseconds spent waiting for the model in this run (the rest is reading, running and acting). */
  generateMs: v.number(),
  /** The site of the page the run started on (a script is saved for it). */
  origin: v.optional(text(200)),
  /** Since when (ms since the epoch) the page has kept the run waiting for an answer, when it has for a while. */
  pageWaitSince: v.optional(v.number()),
});
export type RunStateWire = v.InferOutput<typeof RunStateSchema>;

/** The state with the interpreter's own types for the log and the result (the wire carries them as plain JSON). */
export type RunState = Omit<RunStateWire, 'log' | 'report'> & {
  log: LogEntry[];
  report: (Omit<NonNullable<RunStateWire['report']>, 'result'> & { result?: ExportedValue }) | null;
};

export const AutomateStateSchema = v.strictObject({
  run: v.nullable(RunStateSchema),
  /** Model calls made by automation runs since the host started: a replay leaves it unchanged. */
  generateCalls: count,
});
