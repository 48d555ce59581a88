import type { ProbeItemRow, ProbeRunRow } from '../../storage/db.ts';
import { AbortError } from '../../protocol/errors.ts';
import type { ProbeConfig, ProbeRunDoc } from './config.ts';
import { exactMatch, parseAnswer, parseJudge } from './extract.ts';
import { perturb, type Perturbation } from './perturb.ts';
import { buildMessages, buildPrompt, judgeMessages, judgePrompt, STOP, type ChatTurn, type Strategy } from './prompts.ts';
import { callFailed, cellKey, type ItemResult } from './stats.ts';
import { loadSuite, type ProbeItem, type Suite } from './suites.ts';

/** One model call: the text it produced. A chat model gets `messages` (and an empty prompt) instead of a prompt. */
export type Generate = (request: {
  model: string; prompt: string; messages?: ChatTurn[]; maxTokens: number; temperature: number; seed: number; stop: string[];
  backend?: 'auto' | 'webgpu' | 'wasm';
}, signal: AbortSignal) => Promise<string>;

/** How a run talks to its models: those listed here have a chat template and get chat turns, the rest plain text. */
export interface RunOptions {
  chatModels?: ReadonlySet<string>;
  /** Where suites come from (the bundled ones; tests hand in their own, malformed records included). */
  loadSuite?: (name: string, seed: number, count: number) => Suite;
  /** Run it only if it is still queued or running (the host's pick may be stale: cancelled since). */
  onlyIfWaiting?: boolean;
}

/** Where a run keeps its rows (Dexie's probeRuns/probeItems in the product, a Map in tests). */
export interface ProbeStore {
  getRun(id: string): Promise<ProbeRunRow | undefined>;
  putRun(row: ProbeRunRow): Promise<void>;
  doneKeys(runId: string): Promise<Set<string>>;
  putItem(row: ProbeItemRow): Promise<void>;
}

export interface Unit {
  key: string;
  model: string;
  suite: Suite;
  strategy: Strategy;
  perturbation: Perturbation;
  repeat: number;
  seed: number;
  item: ProbeItem;
}

/** Every model call a config asks for, in order; a perturbation that does not apply to an item is left out. */
export function plan(config: ProbeConfig, load: NonNullable<RunOptions['loadSuite']> = loadSuite): { units: Unit[]; skipped: string[] } {
  const units: Unit[] = [];
  const skipped: string[] = [];
  for (const suiteName of config.suites) {
    let suite: Suite;
    try {
      suite = load(suiteName, config.seed, config.n);
    } catch (error) {
      skipped.push(`${suiteName}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    skipped.push(...suite.skipped.map((s) => `${suiteName} record ${s.index}: ${s.reason}`));
    const items = suite.items.slice(0, config.n);
    for (const model of config.models) {
      for (const strategy of config.strategies) {
        for (const perturbation of config.perturbations) {
          for (let repeat = 0; repeat < config.repeats; repeat++) {
            const seed = config.seed + repeat;
            for (const original of items) {
              const item = perturb(original, perturbation, seed);
              if (!item) continue;
              units.push({ key: [model, suiteName, strategy, perturbation, repeat, original.id].join('|'), model, suite, strategy, perturbation, repeat, seed, item });
            }
          }
        }
      }
    }
  }
  return { units, skipped };
}

/** How many items each repeat of each cell (stats.ts cellKey) asks for: a repeat with fewer is partial. */
export function plannedPerRepeat(config: ProbeConfig, load: NonNullable<RunOptions['loadSuite']> = loadSuite): Map<string, number> {
  const counts = new Map<string, number>();
  for (const unit of plan(config, load).units) {
    if (unit.repeat !== 0) continue;
    const key = cellKey({ model: unit.model, suite: unit.suite.name, strategy: unit.strategy, perturbation: unit.perturbation });
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** plannedPerRepeat for a stored run's config, or undefined when it cannot be planned now (a suite gone). */
export function plannedCounts(config: ProbeConfig): Map<string, number> | undefined {
  try {
    return plannedPerRepeat(config);
  } catch {
    return undefined;
  }
}

/** Runs one unit: the answer, the three evaluations, and the judge's own reply. A failed call is an error row. */
export async function runUnit(unit: Unit, config: ProbeConfig, generate: Generate, signal: AbortSignal, options: RunOptions = {}): Promise<ItemResult> {
  const started = Date.now();
  const base = {
    model: unit.model, suite: unit.suite.name, strategy: unit.strategy, perturbation: unit.perturbation, repeat: unit.repeat,
    seed: unit.seed, itemId: unit.item.id, gold: unit.item.answer,
  };
  const backend = config.backend ? { backend: config.backend } : {};
  let reply: string;
  try {
    const chat = options.chatModels?.has(unit.model) === true;
    reply = await generate({
      model: unit.model, maxTokens: config.maxTokens, temperature: config.temperature, seed: unit.seed, ...backend,
      ...(chat ? { prompt: '', messages: buildMessages(unit.suite, unit.item, unit.strategy), stop: [] }
        : { prompt: buildPrompt(unit.suite, unit.item, unit.strategy), stop: STOP }),
    }, signal);
    // A reply cut short by Cancel is not an answer: the unit stays to do.
    if (signal.aborted) throw new AbortError('stopped');
  } catch (error) {
    if (signal.aborted) throw error;
    return { ...base, reply: '', parsed: null, correct: { parse: false, exact: false, judge: null }, error: describe(error), ms: Date.now() - started, finishedAt: Date.now() };
  }
  const parsed = parseAnswer(reply, unit.suite.answerType, unit.item);
  const result: ItemResult = {
    ...base, reply, parsed: parsed.value, correct: { parse: parsed.correct, exact: exactMatch(reply, unit.item), judge: null },
    ms: 0, finishedAt: 0,
  };
  if (config.judge) {
    try {
      const chat = options.chatModels?.has(config.judge) === true;
      const verdict = await generate({
        model: config.judge, maxTokens: 8, temperature: 0, seed: 0, ...backend,
        ...(chat ? { prompt: '', messages: judgeMessages(unit.item, reply), stop: [] } : { prompt: judgePrompt(unit.item, reply), stop: ['\n'] }),
      }, signal);
      if (signal.aborted) throw new AbortError('stopped');
      result.judgeReply = verdict;
      result.correct.judge = parseJudge(verdict);
    } catch (error) {
      if (signal.aborted) throw error;
      result.judgeReply = '';
      result.error = `judge: ${describe(error)}`;
    }
  }
  result.ms = Date.now() - started;
  result.finishedAt = Date.now();
  return result;
}

/** Storage refused the results and then even the run's own "paused" row: nothing more can be written for now. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
const isStorageFull = (error: unknown) => error instanceof Error && /Quota/i.test(`${error.name} ${error.message}`);

/**
 * Runs (or resumes) a run: the units without a stored result, one at a time, each stored as it finishes, progress
 * with ETA on the run row. Cancel → "cancelled"; storage full → "paused" with a message (results so far kept).
 */
export async function executeRun(runId: string, store: ProbeStore, generate: Generate, signal: AbortSignal,
  options: RunOptions = {}): Promise<ProbeRunRow['status']> {
  const row = await store.getRun(runId);
  if (!row) throw new Error(`no probe run "${runId}"`);
  // Cancelled (or finished) since the caller picked it: a stale pick must not bring it back to "running".
  if (options.onlyIfWaiting && row.status !== 'queued' && row.status !== 'running') return row.status;
  const doc = row.config as ProbeRunDoc;
  const { units, skipped } = plan(doc.config, options.loadSuite);
  const done = await store.doneKeys(runId);
  const todo = units.filter((u) => !done.has(u.key));
  const sessionStart = Date.now();
  let finishedHere = 0;
  let failedHere = 0;
  let lastFailure = '';
  const save = async (status: ProbeRunRow['status'], patch: Partial<ProbeRunDoc> = {}) => {
    Object.assign(doc, { total: units.length, skipped, updatedAt: Date.now() }, patch);
    await store.putRun({ ...row, status, config: doc });
  };
  await save('running', { done: units.length - todo.length, etaS: null, message: skipped.length ? `${skipped.length} malformed item(s) skipped` : undefined });
  for (const unit of todo) {
    if (signal.aborted) break;
    let result: ItemResult;
    try {
      result = await runUnit(unit, doc.config, generate, signal, options);
    } catch (error) {
      if (signal.aborted) break;
      throw error;
    }
    try {
      await store.putItem({ runId, itemKey: unit.key, result });
    } catch (error) {
      if (isStorageFull(error)) {
        const message = `Storage is full: the run is paused with ${doc.done} results kept. Free some space, then resume.`;
        try {
          await save('paused', { message });
        } catch {
          throw new StorageFullError(`${message} (The run could not even be marked paused.)`);
        }
        return 'paused';
      }
      throw error;
    }
    finishedHere++;
    if (callFailed(result)) {
      failedHere++;
      lastFailure = result.error!;
    }
    const perItem = (Date.now() - sessionStart) / finishedHere;
    await save('running', { done: doc.done + 1, etaS: Math.round((perItem * (todo.length - finishedHere)) / 1000) });
  }
  if (signal.aborted) {
    await save('cancelled', { etaS: null, message: `Cancelled after ${doc.done} of ${units.length}.` });
    return 'cancelled';
  }
  if (failedHere) {
    // Their rows are kept (CSV, JSON) but not scored; Resume runs those items again.
    await save('failed', { etaS: null, message: `${failedHere} of ${finishedHere} model calls failed (last: ${lastFailure}); those items are not scored. Resume runs them again.` });
    return 'failed';
  }
  await save('done', { etaS: 0 });
  return 'done';
}
