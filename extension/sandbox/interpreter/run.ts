import {
  ApiError, BudgetError, InternalError, PocketError, ScriptRuntimeError, type SerializedError, serializeError,
} from '../../protocol/errors.ts';
import { type Budgets, Meter, type Position } from './budget.ts';
import { baseGlobals } from './globals.ts';
import { Halt, Interpreter, Thrown } from './interpreter.ts';
import { INTL_INSTEAD, parseScript } from './parse.ts';
import { display, ErrorObject, type ExportedValue, exportValue, TooLarge, toStr, typeOf, type Value } from './values.ts';

/** One entry of the execution log: every page action, read, say/ask/done, with where the script made it. */
export interface LogEntry {
  seq: number;
  line: number;
  column: number;
  /** The helper or method: click, type, text, navigate, say, ask, done, answer… */
  call: string;
  /** The element it acted on: `$name`, `$list[2]`, `$list[2].subject`. */
  target?: string;
  args: ExportedValue[];
  result?: ExportedValue;
  error?: SerializedError;
  /** Milliseconds since the run started, and how long the call took. */
  at: number;
  ms: number;
}

/** What a capability set may use while a run is going. */
export interface CapabilityContext {
  readonly meter: Meter;
  /** Appends a printed line (print(), console.log). */
  output(line: string): void;
  /** Records a call in the execution log; `run` wraps the work and logs its result or error. */
  logged<T extends Value>(at: Position, call: string, target: string | undefined, args: Value[], work: () => Promise<T>): Promise<T>;
  /** Ends the run now with this result (done(), answer()). */
  halt(value: Value, how: string): never;
}

/** A pluggable set of names a script can use: the automation page API, the math helpers… */
export interface CapabilitySet {
  readonly name: string;
  readonly defaultBudgets?: Partial<Budgets>;
  /** Globals beyond the base ones (Math, JSON, parseInt…). */
  globals(context: CapabilityContext): Map<string, Value>;
  /** Names resolved on demand (e.g. `$compose_form__to`); undefined when the set has no such name. */
  resolve?(name: string, context: CapabilityContext): Value | undefined;
  /** All names `resolve` knows (for suggestions). */
  names?(): string[];
  /** A name `resolve` did not know, asked again when the script reaches it (e.g. after the page changed). */
  resolveLate?(name: string, context: CapabilityContext): Promise<Value | undefined>;
  /** What `callee` gets for a name nobody defines yet passed as its first argument (interpreter.ts `FreeNames`). */
  nameArgument?(callee: Value, name: string): Value | undefined;
  /** The error for a name nobody defines; the interpreter adds the position. */
  unknown?(name: string, suggestion: string | undefined): PocketError;
}

export interface RunOptions {
  budgets?: Partial<Budgets>;
  signal?: AbortSignal;
  onLog?(entry: LogEntry): void;
  onOutput?(line: string): void;
  /** Receives the run's meter (its clock is stopped while the host waits for the user). */
  onMeter?(meter: Meter): void;
  /** The clock `Date` reads (default the real one; tests fix it). */
  now?(): number;
}

export interface RunStats {
  steps: number;
  actions: number;
  ms: number;
}

export interface RunResult {
  ok: boolean;
  /** How the run ended: done(), answer(), the end of the script, or an error. */
  finishedBy: 'done' | 'answer' | 'end' | 'error';
  /** done()/answer() argument, or the value of the last top-level expression statement. */
  result: ExportedValue;
  output: string[];
  log: LogEntry[];
  error?: PocketError;
  stats: RunStats;
}

const MAX_OUTPUT_LINES = 1000;
/** A log entry shows this many arguments (`done(...hugeArray)` would otherwise log every one). */
const MAX_LOGGED_ARGS = 20;
const MAX_LOG_ENTRIES = 2000;
const LOG_TEXT_LIMIT = 2000;

function brief(value: Value): ExportedValue {
  // Every string in a logged argument counts, not only a top-level one (200 references to one long string).
  const exported = exportValue(value, 200, 4 * LOG_TEXT_LIMIT);
  if (typeof exported === 'string' && exported.length > LOG_TEXT_LIMIT) return `${exported.slice(0, LOG_TEXT_LIMIT)}…`;
  return exported;
}

function defaultUnknown(name: string, suggestion: string | undefined): PocketError {
  if (name === 'Intl') return new ApiError(`\`Intl\` is not defined: ${INTL_INSTEAD}`);
  return new ApiError(`\`${name}\` is not defined${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`, suggestion ? { suggestion } : undefined);
}

/** Anything that escapes the interpreter becomes one of our named errors; host errors never reach the caller. */
function finalError(error: unknown, meter: Meter): PocketError {
  if (error instanceof Thrown) {
    // What was thrown may not print (too long, a cycle): the failure must still come back, described.
    let text: string;
    try {
      // An error object as JavaScript prints one: `Uncaught Error: no results at 3:5`.
      text = (error.value instanceof ErrorObject ? toStr(error.value, meter.budgets.stringLength) : display(error.value, 500)).slice(0, 500);
    } catch {
      text = `${typeOf(error.value)} (too long or circular to show)`;
    }
    return new ScriptRuntimeError(`Uncaught ${text} at ${error.at.line}:${error.at.column}`, {
      line: error.at.line, column: error.at.column, thrown: exportValue(error.value, 200, 2000),
    });
  }
  if (error instanceof TooLarge) return meter.exceeded('stringLength', undefined);
  if (error instanceof PocketError) return error;
  if (error instanceof RangeError) return new BudgetError(`the script nested too deeply for the interpreter: ${error.message}`, { budget: 'callDepth' });
  return new InternalError(`interpreter failure: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Parses and runs one script with one capability set. Never throws: every outcome (including syntax errors and
 * budgets) is a RunResult, with the execution log so far.
 */
export async function runScript(source: string, capabilities: CapabilitySet, options: RunOptions = {}): Promise<RunResult> {
  const meter = new Meter({ ...capabilities.defaultBudgets, ...options.budgets }, options.signal);
  options.onMeter?.(meter);
  const output: string[] = [];
  const log: LogEntry[] = [];
  const stats = (): RunStats => ({ steps: meter.steps, actions: meter.actions, ms: Date.now() - meter.startedAt });

  const context: CapabilityContext = {
    meter,
    output(line) {
      if (output.length >= MAX_OUTPUT_LINES) return;
      const text = line.length > 10_000 ? `${line.slice(0, 10_000)}…` : line;
      output.push(text);
      options.onOutput?.(text);
    },
    async logged(at, call, target, args, work) {
      const started = Date.now();
      const entry: LogEntry = {
        seq: log.length, line: at.line, column: at.column, call, ...(target ? { target } : {}),
        args: args.length > MAX_LOGGED_ARGS ? [...args.slice(0, MAX_LOGGED_ARGS).map(brief), `… ${args.length - MAX_LOGGED_ARGS} more`] : args.map(brief),
        at: started - meter.startedAt, ms: 0,
      };
      const record = () => {
        entry.ms = Date.now() - started;
        if (log.length < MAX_LOG_ENTRIES) log.push(entry);
        options.onLog?.(entry);
      };
      try {
        const result = await work();
        if (result !== undefined) entry.result = brief(result);
        record();
        return result;
      } catch (error) {
        if (!(error instanceof Halt)) entry.error = serializeError(error instanceof PocketError ? error : finalError(error, meter));
        record();
        throw error;
      }
    },
    halt(value, how) {
      throw new Halt(value, how);
    },
  };

  const globals = baseGlobals((line) => context.output(line), options.now ?? Date.now);
  for (const [name, value] of capabilities.globals(context)) globals.set(name, value);
  const free = {
    resolve: (name: string) => capabilities.resolve?.(name, context),
    unknown: (name: string, suggestion: string | undefined) => (capabilities.unknown ?? defaultUnknown)(name, suggestion),
    names: () => [...globals.keys(), ...(capabilities.names?.() ?? [])],
    ...(capabilities.resolveLate ? { resolveLate: (name: string) => capabilities.resolveLate!(name, context) } : {}),
    ...(capabilities.nameArgument ? { nameArgument: capabilities.nameArgument.bind(capabilities) } : {}),
  };

  let interpreter: Interpreter | undefined;
  try {
    try {
      const program = parseScript(source);
      interpreter = new Interpreter(source, meter, globals, free);
      const value = await interpreter.run(program);
      return { ok: true, finishedBy: 'end', result: exportValue(value), output, log, stats: stats() };
    } catch (error) {
      if (!(error instanceof Halt)) throw error;
      // Exported here, inside the outer try: a value too deep for the host is a failure of the run, not of runScript.
      return { ok: true, finishedBy: error.how === 'answer' ? 'answer' : 'done', result: exportValue(error.value), output, log, stats: stats() };
    }
  } catch (error) {
    let failure = finalError(error, meter);
    const statement = interpreter?.failedStatement;
    if (statement !== undefined && failure.data?.statement === undefined) {
      failure = Object.assign(failure, { data: { ...failure.data, statement } });
    }
    return { ok: false, finishedBy: 'error', result: null, output, log, error: failure, stats: stats() };
  }
}
