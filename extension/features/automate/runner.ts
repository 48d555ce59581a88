/**
 * One automation run: a model call writes the script, the sandbox runs it against the page, a typed error (with the
 * execution log) goes back to the model for at most `maxRepairs` repairs, then a clear failure report. Everything
 * it touches is injected (generate, sandbox, document reader), so the loop is tested with fakes.
 */
import { AbortError, ActionError, isErrorNamed, NavigationError, PocketError, ScriptSyntaxError } from '../../protocol/errors.ts';
import type { PageDocument } from '../../protocol/schemas.ts';
import type { ScriptName } from '../../sandbox/capabilities/bridge.ts';
import type { Budgets } from '../../sandbox/interpreter/budget.ts';
import type { LogEntry, RunResult } from '../../sandbox/interpreter/run.ts';
import type { ExportedValue } from '../../sandbox/interpreter/values.ts';
import { answerSchemaFor, type ModelAnswer, parseAnswer } from './parse.ts';
import { type ChatMessage, type Failure, firstMessages, type PromptParts, repairMessages, taskSamples } from './prompt.ts';
import { scriptNames } from './page-bridge.ts';
import { failureText as describeFailure } from './failure-text.ts';

export interface ModelReply {
  text: string;
  tokensIn: number;
  tokensOut: number;
  /** Time to the first token, when the engine reported it. */
  ttftMs?: number;
}

export interface RunnerDeps {
  generate(messages: ChatMessage[], jsonSchema: string | undefined, signal?: AbortSignal): Promise<ModelReply>;
  /** Runs a script in the sandbox with the page bridge; never throws for script errors. */
  execute(source: string, names: ScriptName[], budgets: Partial<Budgets>, onLog: (entry: LogEntry) => void, signal?: AbortSignal): Promise<RunResult>;
  /** The page document as it is now. */
  readDocument(): Promise<PageDocument>;
  /** Names the site document knows on other pages of this site; the bridge reaches them by navigating. */
  otherPageNames?(doc: PageDocument): Promise<ScriptName[]>;
  /** A saved script's lists as they were when it was saved (a list may have shrunk into entries since): names the
   * script may use though neither this page nor the site document offers them; never shown to the model. */
  remembered?: ScriptName[];
  /** The engine constrains output to a JSON schema (web-llm). */
  constrained: boolean;
  /** User cancelled a confirmation in this run (the bridge counts them). */
  cancelled?(): boolean;
  /** A written script (not a known one) that must not run: the attempt fails with this error, before any action. */
  vet?(answer: ModelAnswer, task: string): PocketError | null;
  onEvent?(event: RunnerEvent): void;
}

export type RunnerEvent =
  | { type: 'generating'; attempt: number }
  | { type: 'answer'; attempt: number; answer: ModelAnswer; raw: string }
  | { type: 'log'; attempt: number; entry: LogEntry }
  | { type: 'attempt-failed'; attempt: number; failure: Failure };

export interface Attempt {
  raw: string;
  answer?: ModelAnswer;
  failure?: Failure;
  log: LogEntry[];
  tokensIn: number;
  tokensOut: number;
  ttftMs?: number;
}

export interface RunReport {
  ok: boolean;
  status: 'done' | 'failed' | 'cancelled' | 'stopped';
  result?: ExportedValue;
  attempts: Attempt[];
  modelCalls: number;
  tokensIn: number;
  tokensOut: number;
  /** Human-readable: what went wrong in the last attempt and why no repair helped. */
  summary: string;
}

export interface RunnerOptions {
  maxRepairs?: number;
  budgets?: Partial<Budgets>;
  documentTokens?: number;
  signal?: AbortSignal;
}

/** Errors a rewritten script can fix: NotFound, Action, Api, Syntax, Budget, Navigation, and the script's own mistakes. */
const REPAIRABLE = new Set(['NotFoundError', 'ActionError', 'ApiError', 'ScriptSyntaxError', 'BudgetError', 'NavigationError', 'ScriptRuntimeError']);

/**
 * What a script threw, as the repair prompt says it: JSON-quoted (it may be page text the script read: `throw
 * $x.text()`), capped. The interpreter's own message prints a string as it is.
 */
function uncaughtMessage(error: PocketError): string {
  const data = error.data ?? {};
  if (error.name !== 'ScriptRuntimeError' || !('thrown' in data) || !/^Uncaught /.test(error.message)) return error.message;
  let shown: string;
  try {
    const thrown = data.thrown as { name?: unknown; message?: unknown } | null;
    // `throw new Error(m)`: its kind, then its message quoted (it may hold page text), as a person reads it.
    const error = typeof thrown === 'object' && thrown !== null && typeof thrown.name === 'string' && typeof thrown.message === 'string'
      && /^[A-Za-z]{0,20}Error$/.test(thrown.name) ? thrown as { name: string; message: string } : undefined;
    shown = typeof data.thrown === 'string' ? JSON.stringify(data.thrown.slice(0, 300))
      : error ? `${error.name}: ${JSON.stringify(error.message.slice(0, 300))}` : JSON.stringify(data.thrown) ?? String(data.thrown);
  } catch {
    shown = 'a value that cannot be shown';
  }
  if (shown.length > 400) shown = `${shown.slice(0, 400)}…`;
  const at = typeof data.line === 'number' ? ` at ${data.line}:${typeof data.column === 'number' ? data.column : 0}` : '';
  return `Uncaught ${shown}${at}`;
}

function failureOf(error: PocketError): Failure {
  const data = error.data ?? {};
  return {
    name: error.name, message: uncaughtMessage(error),
    line: typeof data.line === 'number' ? data.line : undefined,
    column: typeof data.column === 'number' ? data.column : undefined,
    suggestion: typeof data.suggestion === 'string' ? data.suggestion : undefined,
    ...(typeof data.statement === 'number' ? { statement: data.statement } : {}),
  };
}

/** Runs the task; `known` skips the model for the first attempt (a saved script). */
/** What the sandbox accepts in one run (its message schema). */
export const MAX_SCRIPT_NAMES = 5000;

/** Names whose words the task shares come first; otherwise the order is kept. */
function rankByTask<T extends { name: string }>(items: T[], task: string): T[] {
  const words = new Set(task.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2));
  const score = (name: string) => name.toLowerCase().split(/_+/).filter((w) => words.has(w)).length;
  return items.map((item, i) => ({ item, i, s: score(item.name) })).sort((x, y) => y.s - x.s || x.i - y.i).map((x) => x.item);
}

export async function runTask(task: string, deps: RunnerDeps, options: RunnerOptions = {}, known?: ModelAnswer): Promise<RunReport> {
  const maxRepairs = options.maxRepairs ?? 2;
  const attempts: Attempt[] = [];
  let modelCalls = 0;
  const totals = () => ({ tokensIn: attempts.reduce((n, a) => n + a.tokensIn, 0), tokensOut: attempts.reduce((n, a) => n + a.tokensOut, 0) });
  const end = (status: RunReport['status'], summary: string, result?: ExportedValue): RunReport => ({
    ok: status === 'done', status, ...(result !== undefined ? { result } : {}), attempts, modelCalls, ...totals(), summary,
  });

  let doc = await deps.readDocument();
  /** The failed attempt a repair turn answers (its prompt is built with the names of that turn's page). */
  let repair: { raw: string; failure: Failure; log: LogEntry[] } | undefined;
  /** The other site the last attempt was refused going to (navigate(), a link, a form), if it was. */
  let offSite: string | undefined;
  for (let attempt = 0; attempt <= maxRepairs; attempt++) {
    if (options.signal?.aborted) return end('stopped', 'stopped by the user');
    const offSiteBefore = offSite;
    offSite = undefined;
    const names = scriptNames(doc);
    const here = new Set(names.map((n) => n.name));
    // The site document is a help, not a requirement: a storage error there leaves the names of this page.
    // The sandbox takes 5,000 names at most: names elsewhere fill what this page leaves, those the task's words
    // mention first (a site document that grew large must not make every run on the site refused).
    const elsewhere = rankByTask(((await deps.otherPageNames?.(doc).catch(() => [])) ?? []).filter((n) => !here.has(n.name)), task)
      .slice(0, Math.max(0, MAX_SCRIPT_NAMES - names.length));
    const parts: PromptParts = {
      doc, task, ...(options.documentTokens ? { documentTokens: options.documentTokens } : {}),
      ...(elsewhere.length ? { otherPageNames: elsewhere.map((n) => n.name) } : {}),
    };
    const current: Attempt = { raw: '', log: [], tokensIn: 0, tokensOut: 0 };
    attempts.push(current);
    let answer: ModelAnswer | undefined;
    try {
      if (attempt === 0 && known) {
        answer = known;
        current.raw = JSON.stringify(known);
      } else {
        deps.onEvent?.({ type: 'generating', attempt });
        const prompt = repair ? repairMessages(parts, repair.raw, repair.failure, repair.log) : firstMessages(parts);
        const schema = deps.constrained ? JSON.stringify(answerSchemaFor([...here, ...elsewhere.map((n) => n.name)])) : undefined;
        // Counted when made: a call stopped or failed mid-way was made too (a Stop while writing said "0 model calls").
        modelCalls++;
        const reply = await deps.generate(prompt, schema, options.signal);
        current.raw = reply.text;
        current.tokensIn = reply.tokensIn;
        current.tokensOut = reply.tokensOut;
        if (reply.ttftMs !== undefined) current.ttftMs = reply.ttftMs;
        answer = parseAnswer(reply.text, taskSamples(parts.doc).map((sample) => sample.answer.script));
      }
      current.answer = answer;
      deps.onEvent?.({ type: 'answer', attempt, answer, raw: current.raw });
    } catch (error) {
      if (options.signal?.aborted || isErrorNamed(error, AbortError)) return end('stopped', 'stopped by the user');
      if (!isErrorNamed(error, ScriptSyntaxError)) {
        // The model itself failed (its worker, the host): the run ends here, with what the earlier attempts did.
        current.failure = failureOf(error instanceof PocketError ? error : new PocketError(String((error as Error)?.message ?? error)));
        deps.onEvent?.({ type: 'attempt-failed', attempt, failure: current.failure });
        return end('failed', `the model could not answer: ${describeFailure(current.failure)}`);
      }
      current.failure = failureOf(error);
    }

    if (answer && options.signal?.aborted) return end('stopped', 'stopped by the user');
    const refused = answer && !(attempt === 0 && known) ? deps.vet?.(answer, task) ?? null : null;
    if (refused) {
      current.failure = failureOf(refused);
      answer = undefined;
    }
    if (answer) {
      // A sandbox that fails to answer (gone, stuck past its watchdog) is this attempt's failure, not the run's end:
      // the report keeps what the attempts did, and a budget overrun is the model's to repair.
      // A saved script's own names (its lists and elements as saved) before names on other pages of the site: a big
      // site document must not crowd them out (review, session 24).
      const remembered = (deps.remembered ?? []).filter((n) => !here.has(n.name)).slice(0, Math.max(0, MAX_SCRIPT_NAMES - names.length));
      const kept = new Set(remembered.map((n) => n.name));
      const others = elsewhere.filter((n) => !kept.has(n.name)).slice(0, Math.max(0, MAX_SCRIPT_NAMES - names.length - remembered.length));
      // A saved list still here by its name keeps the fields it had ("add_to_cart" relabelled "buy"): the bridge finds
      // the field by its place in the row (explorer, session 32).
      const savedFields = new Map((deps.remembered ?? []).filter((n) => n.kind === 'list' && here.has(n.name)).map((n) => [n.name, n.fields ?? []]));
      const own = savedFields.size ? names.map((n) => (savedFields.has(n.name) ? { ...n, fields: [...new Set([...(n.fields ?? []), ...savedFields.get(n.name)!])] } : n)) : names;
      const result = await deps.execute(answer.script, [...own, ...others, ...remembered], options.budgets ?? {}, (entry) => {
        current.log.push(entry);
        deps.onEvent?.({ type: 'log', attempt, entry });
      }, options.signal).catch((error: unknown): RunResult => ({
        ok: false, finishedBy: 'error', result: null, output: [], log: [...current.log], stats: { steps: 0, actions: 0, ms: 0 },
        error: error instanceof PocketError ? error : new PocketError(String((error as Error)?.message ?? error)),
      }));
      current.log = result.log.length >= current.log.length ? [...result.log] : current.log;
      // A script that ran to its end without acting, saying or reporting anything did nothing for the task (an
      // exploratory test found "Done" for `$todos.find("bread");`): that is a failure to repair, not a success.
      const idle = result.ok && result.finishedBy === 'end' && result.stats.actions === 0 && result.output.length === 0
        && !result.log.some((entry) => entry.call === 'say' || entry.call === 'ask');
      if (result.ok && !idle) return end('done', `done after ${attempt + 1} attempt${attempt ? 's' : ''}`, result.result);
      const error: PocketError = idle
        ? new ActionError('the script ended without doing anything: no action, nothing said, no done(…); act on the page for the task, or end with done(result) to report what it found')
        : result.error ?? new PocketError('the script failed');
      if (options.signal?.aborted || error.name === AbortError.errorName) return end('stopped', 'stopped by the user');
      current.failure = failureOf(error);
      // The page left the run's site, or the user took the tab elsewhere while the run waited: no repair may go on there.
      if (error.data?.leftOrigin === true || error.data?.pageChanged === true) {
        deps.onEvent?.({ type: 'attempt-failed', attempt, failure: current.failure });
        return end('failed', `stopped: ${error.message}`);
      }
      // The script ran to its end; what failed came after it (a form the page sent by itself): a repair would act twice.
      if (error.data?.afterScript === true) {
        deps.onEvent?.({ type: 'attempt-failed', attempt, failure: current.failure });
        return end('failed', `the script ran to its end, but then ${error.message}`);
      }
      // A repair refused going to the same other site again: the task needs that site, and no repair can change that
      // a run stays on its own (explorer, session 29: two repairs, the same refusal).
      offSite = error.name === NavigationError.errorName && typeof error.data?.host === 'string' ? error.data.host : undefined;
      if (offSite !== undefined && offSite === offSiteBefore) {
        deps.onEvent?.({ type: 'attempt-failed', attempt, failure: current.failure });
        return end('failed', `stopped: the repair too went to ${offSite}, another site; a run stays on the site it started on, so the task cannot be done from here`);
      }
      const userCancelled = (error.name === ActionError.errorName && error.data?.cancelled === true) || deps.cancelled?.();
      if (userCancelled) {
        deps.onEvent?.({ type: 'attempt-failed', attempt, failure: current.failure });
        return end('cancelled', `cancelled: ${error.message}`);
      }
    }
    const failure = current.failure!;
    deps.onEvent?.({ type: 'attempt-failed', attempt, failure });
    if (attempt === maxRepairs) break;
    // Only the script's own typed errors are the model's to repair; a lost page or host is not.
    if (!REPAIRABLE.has(failure.name)) return end('failed', `failed, not repairable: ${describeFailure(failure)}`);
    // The page may have changed while the script ran: repair against the page as it is now.
    try {
      doc = await deps.readDocument();
    } catch (error) {
      return end('failed', `the page could not be read again for a repair (${error instanceof Error ? error.message : String(error)}); last failure: ${describeFailure(failure)}`);
    }
    repair = { raw: current.raw, failure, log: current.log };
  }
  const last = attempts[attempts.length - 1]!.failure!;
  return end('failed', `failed after ${attempts.length} attempt${attempts.length > 1 ? 's' : ''} (${maxRepairs} repairs): ${describeFailure(last)}`);
}

