import { parse } from 'acorn';
import { SCRIPT_ECMA_VERSION } from '../../protocol/script-api.ts';
import { AbortError } from '../../protocol/errors.ts';
import { answerFromValue, extractAnswer, findNumbers, formatAnswer, NO_ANSWER, type Extracted } from './extract.ts';
import { extractProgram, type ExtractedProgram } from './program.ts';
import { buildPrompt, METHOD_LABELS, type Method } from './prompts.ts';
import { majorityVote, type VoteResult } from './vote.ts';
import { plausibility, verify, type Verdict } from './verify.ts';
import { errorDetail, errorHeadline } from '../../ui/error-text.ts';

/**
 * One math run, independent of the UI and of how models and programs are reached: the panel passes the real
 * `generate` and the sandbox client; unit tests pass scripted ones. Every step updates a plain-data MathRun that the
 * panel shows and stores.
 */

export interface SolveOptions {
  method: Method;
  /** 1 = one greedy answer; more = self-consistency with that many samples at `temperature`. */
  samples: number;
  temperature: number;
  /** Cross-check with the other method (PoT for direct/CoT, CoT for PoT). */
  verify: boolean;
  shots: number;
  maxTokens: number;
  seed: number;
}

export interface ModelCall {
  prompt: string;
  messages?: { role: 'system' | 'user' | 'assistant'; content: string }[];
  stop: string[];
  maxTokens: number;
  temperature: number;
  seed: number;
}

export interface ModelReply {
  text: string;
  finishReason: string;
  tokensIn: number;
  tokensOut: number;
  promptTokensDropped: number;
  backend: string;
  totalMs: number;
}

export interface ProblemError {
  name: string;
  message: string;
  line?: number;
  column?: number;
}

export interface ProgramRun {
  ok: boolean;
  finishedBy: string;
  result: unknown;
  output: string[];
  error?: ProblemError;
  steps: number;
  ms: number;
}

export interface Attempt {
  /** Its reasoning was cut at the token limit before an answer was said (the number is a step of it). */
  cut?: boolean;
  method: Method;
  /** A sample of the chosen method, or the verifier's second method. */
  role: 'sample' | 'check';
  index: number;
  text: string;
  done: boolean;
  /** Stopped before it finished: its answer (none) does not vote. */
  stopped?: boolean;
  program?: ExtractedProgram | null;
  run?: ProgramRun;
  answer: Extracted;
  error?: ProblemError;
  reply?: ModelReply;
}

export type RunStatus = 'running' | 'done' | 'failed' | 'stopped' | 'interrupted';

export interface MathRun {
  id: string;
  problem: string;
  truncated: boolean;
  originalLength: number;
  model: string;
  options: SolveOptions;
  chat: boolean;
  status: RunStatus;
  attempts: Attempt[];
  vote?: VoteResult;
  verdict?: Verdict;
  warnings: string[];
  /** The answer the panel shows in large type; null = "no answer". */
  final: (Extracted & { display: string }) | null;
  message?: string;
  startedAt: number;
  finishedAt?: number;
  /** When the host last stored it (an interrupted run ended about then). */
  savedAt?: number;
  tokensIn: number;
  /** Output tokens: as the engine reports them for finished replies, plus those streamed by replies that never finished. */
  tokensOut: number;
  /** How many of tokensOut were streamed by replies that were stopped or failed (their prompt tokens are not known). */
  tokensOutUnfinished?: number;
  /** Why a run stopped that the user did not stop (the model was deleted), in words. */
  stopReason?: string;
}

export interface SolveDeps {
  generate(call: ModelCall, onText: (text: string) => void, signal?: AbortSignal): Promise<ModelReply>;
  runProgram(source: string, signal?: AbortSignal): Promise<ProgramRun>;
  onUpdate(run: MathRun): void;
  signal?: AbortSignal;
  /** The model's context in tokens: examples that would not fit it with room for the answer are left out. */
  contextTokens?: number;
}

/** Characters per token assumed when fitting examples (small vocabularies spend a token on 2–4 characters). */
const CHARS_PER_TOKEN = 3;

const snapshot = (run: MathRun): MathRun => ({ ...run, attempts: run.attempts.map((a) => ({ ...a })), warnings: [...run.warnings] });

function errorOf(error: unknown): ProblemError {
  if (error instanceof Error) {
    const data = (error as { data?: { line?: unknown; column?: unknown } }).data;
    return {
      name: error.name, message: error.message,
      ...(typeof data?.line === 'number' ? { line: data.line } : {}),
      ...(typeof data?.column === 'number' ? { column: data.column } : {}),
    };
  }
  return { name: 'Error', message: String(error) };
}

const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';

/** An abort the user's Stop did not cause (the model host stopped the model: "stopped: the model was deleted"), in words. */
function stopReasonOf(error: unknown, signal: AbortSignal | undefined): string | undefined {
  if (!isAbort(error) || signal?.aborted) return undefined;
  return (error as Error).message.replace(/^stopped: /, '') || undefined;
}

/** Whether a program's last top-level statement is a plain expression (its value is what the program "ends with"). */
export function endsWithExpression(source: string): boolean {
  try {
    const program = parse(source, { ecmaVersion: SCRIPT_ECMA_VERSION, sourceType: 'script', allowAwaitOutsideFunction: true });
    return program.body.at(-1)?.type === 'ExpressionStatement';
  } catch {
    return false;
  }
}

/**
 * The answer of an executed program: answer(x), else the value of its final statement when that is an expression
 * (`total` at the end), else the last printed number. (The interpreter's value is the last expression evaluated
 * anywhere: `eggs -= 7` or `list.push(4)` in the middle of a program is not its answer.)
 */
export function programAnswer(run: ProgramRun, endsWithValue = true): { answer: Extracted; error?: ProblemError } {
  if (!run.ok) return { answer: NO_ANSWER, error: run.error ?? { name: 'ScriptRuntimeError', message: 'the program failed' } };
  if (typeof run.result === 'number' && !Number.isFinite(run.result)) {
    return { answer: NO_ANSWER, error: { name: 'ScriptRuntimeError', message: `the program's answer is ${run.result}, not a number (a division by zero?)` } };
  }
  const fromValue = run.finishedBy === 'answer' || endsWithValue ? answerFromValue(run.result) : NO_ANSWER;
  if (fromValue.value !== null) return { answer: fromValue };
  const printed = findNumbers(run.output.join('\n').slice(-4000)).pop();
  if (run.finishedBy !== 'answer' && printed) return { answer: { value: printed.value, text: printed.text, how: 'program' } };
  return {
    answer: NO_ANSWER,
    error: { name: 'NoAnswer', message: run.finishedBy === 'answer' ? 'answer() was called without a number' : 'the program never called answer(x)' },
  };
}

export async function solve(problem: { text: string; truncated: boolean; originalLength: number }, model: string, chat: boolean,
  options: SolveOptions, deps: SolveDeps, id: string = crypto.randomUUID()): Promise<MathRun> {
  const run: MathRun = {
    id, problem: problem.text, truncated: problem.truncated, originalLength: problem.originalLength, model, options, chat,
    status: 'running', attempts: [], warnings: [], final: null, startedAt: Date.now(), tokensIn: 0, tokensOut: 0,
  };
  const update = () => deps.onUpdate(snapshot(run));
  update();

  const stopped = () => new AbortError('the run was stopped');
  /** As many of the asked-for examples as fit the model's context with room for the answer (a prompt cut at its
   * start would lose the instructions and cut an example in half). */
  let fewestShots = options.shots;
  function fittedPrompt(method: Method) {
    for (let shots = options.shots; ; shots--) {
      const built = buildPrompt(method, problem.text, shots);
      const chars = chat ? built.messages.reduce((n, m) => n + m.content.length, 0) : built.prompt.length;
      if (shots === 0 || !deps.contextTokens || chars / CHARS_PER_TOKEN + options.maxTokens <= deps.contextTokens) {
        fewestShots = Math.min(fewestShots, shots);
        return built;
      }
    }
  }
  async function attempt(method: Method, role: Attempt['role'], index: number, temperature: number): Promise<Attempt> {
    if (deps.signal?.aborted) throw stopped();
    const built = fittedPrompt(method);
    const current: Attempt = { method, role, index, text: chat ? '' : built.opened, done: false, answer: NO_ANSWER };
    run.attempts.push(current);
    update();
    /** Token events of this reply: what it cost when it never finishes (no engine count comes back then). */
    let streamed = 0;
    try {
      const reply = await deps.generate({
        prompt: chat ? '' : built.prompt, ...(chat ? { messages: built.messages } : {}), stop: chat ? [] : built.stop,
        maxTokens: options.maxTokens, temperature, seed: options.seed + index + (role === 'check' ? 1000 : 0),
      }, (piece) => {
        streamed += 1;
        current.text += piece;
        update();
      }, deps.signal);
      current.text = (chat ? '' : built.opened) + reply.text;
      current.reply = reply;
      run.tokensIn += reply.tokensIn;
      run.tokensOut += reply.tokensOut;
      if (method === 'pot') {
        current.program = extractProgram(current.text);
        if (!current.program) {
          current.error = { name: 'NoProgram', message: 'the model wrote no program' };
        } else {
          update();
          current.run = await deps.runProgram(current.program.source, deps.signal);
          // Stop while the program ran: the sandbox answers with a failed run, but the run was stopped, not failed.
          if (deps.signal?.aborted) throw stopped();
          const got = programAnswer(current.run, endsWithExpression(current.program.source));
          current.answer = got.answer;
          if (got.error) current.error = got.error;
        }
      } else {
        current.answer = extractAnswer(current.text);
        // Cut at the token limit before it said its answer: the last number is a step of the reasoning.
        if (reply.finishReason === 'length' && current.answer.how === 'last-number') current.cut = true;
      }
    } catch (error) {
      if (isAbort(error)) {
        current.stopped = true;
        throw error;
      }
      current.error = errorOf(error);
    } finally {
      current.done = true;
      if (!current.reply && streamed > 0) {
        run.tokensOut += streamed;
        run.tokensOutUnfinished = (run.tokensOutUnfinished ?? 0) + streamed;
      }
      // The votes so far, stored with the sample that finished (they stay when the run is stopped).
      if (role === 'sample' && sampleCount(options) > 1 && !current.stopped) {
        run.vote = majorityVote(run.attempts.filter((a) => a.role === 'sample' && !a.stopped).map((a) => a.answer.value));
      }
      update();
    }
    return current;
  }

  const samples = sampleCount(options);
  try {
    const temperature = samples > 1 ? options.temperature : 0;
    for (let i = 0; i < samples; i++) await attempt(options.method, 'sample', i, temperature);
    const sampled = run.attempts.filter((a) => a.role === 'sample');
    let main: Extracted = sampled[0]!.answer;
    if (run.vote) {
      const { distribution, winner: value } = run.vote;
      const winner = distribution.find((b) => b.value !== null && b.value === value);
      main = winner ? sampled[winner.samples[0]!]!.answer : NO_ANSWER;
    }
    let stoppedInCheck = false;
    if (options.verify) {
      const other: Method = options.method === 'pot' ? 'cot' : 'pot';
      let check: Attempt | undefined;
      try {
        check = await attempt(other, 'check', 0, 0);
      } catch (error) {
        // Stopped during the check: the answer stands, unverified.
        if (!isAbort(error)) throw error;
        stoppedInCheck = true;
        const reason = stopReasonOf(error, deps.signal);
        if (reason) run.stopReason = reason;
      }
      if (check) {
        run.verdict = verify(problem.text, [
          { source: `${METHOD_LABELS[options.method]}${samples > 1 ? ' (vote)' : ''}`, value: main.value },
          { source: METHOD_LABELS[other], value: check.answer.value },
        ], main.value);
        run.warnings = run.verdict.warnings;
      } else {
        run.warnings = plausibility(problem.text, main.value);
      }
    } else {
      run.warnings = plausibility(problem.text, main.value);
    }
    if (fewestShots < options.shots) {
      run.warnings = [...run.warnings, `${fewestShots === 0 ? 'No' : `Only ${fewestShots} of the ${options.shots}`} worked examples ${fewestShots === 1 ? 'was' : 'were'} given: more would not fit the model's ${deps.contextTokens}-token context with room for the answer.`];
    }
    const chosen = sampled.find((a) => a.answer === main);
    if (chosen?.cut) {
      run.warnings = [...run.warnings, 'The reasoning was cut at the token limit before it gave its answer: the number shown is its last step, not an answer. Raise "Max tokens".'];
    }
    run.final = main.value === null ? null : { ...main, display: formatAnswer(main) };
    const failed = sampled.filter((a) => a.error && a.reply === undefined);
    if (failed.length === sampled.length) {
      run.status = 'failed';
      run.message = `The model could not answer: ${failed[0]!.error!.name}: ${failed[0]!.error!.message}`;
    } else if (stoppedInCheck) {
      run.status = 'stopped';
      run.message = `Stopped during the check${run.stopReason ? ` (${run.stopReason})` : ''}: the answer above was not verified.`;
    } else {
      run.status = 'done';
      if (run.final === null) run.message = noAnswerMessage(sampled);
    }
  } catch (error) {
    run.status = isAbort(error) ? 'stopped' : 'failed';
    const finished = run.attempts.filter((a) => a.role === 'sample' && a.done && !a.stopped).length;
    const reason = stopReasonOf(error, deps.signal);
    if (reason) run.stopReason = reason;
    const stopped = `Stopped${reason ? ` (${reason})` : ''}`;
    run.message = isAbort(error)
      ? (samples > 1 ? `${stopped} after ${finished} of ${samples} samples: no answer was chosen${finished ? ' (the votes so far are below)' : ''}.` : `${stopped}.`)
      : `${errorOf(error).name}: ${errorOf(error).message}`;
  }
  run.finishedAt = Date.now();
  update();
  return snapshot(run);
}

/** How many samples a run takes (self-consistency: 1 to 16). */
export function sampleCount(options: Pick<SolveOptions, 'samples'>): number {
  return Math.max(1, Math.min(16, Math.trunc(options.samples)));
}

function noAnswerMessage(sampled: Attempt[]): string {
  const unread = sampled.find((a) => a.answer.unread);
  if (unread) return `No answer: the model answered "${unread.answer.text}", ${unread.answer.unread}; it was not read as one.`;
  const first = sampled.find((a) => a.error) ?? sampled[0]!;
  if (first.method === 'pot' && first.error) {
    return `No answer: the program did not run to an answer — ${errorHeadline(first.error.name).toLowerCase()}: ${errorDetail(first.error)}.`;
  }
  return 'No answer: the model\'s output contains no number.';
}
