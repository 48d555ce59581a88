/**
 * A replay's run as the panel that started it shows it: its plain `{{params}}` back to the values the user typed a
 * moment ago ("Welcome Bo Chan", not "Welcome {{name}}"; explorer, session 29). The run host stores and sends the run
 * with its holes (values are kept nowhere); the panel holds the values in memory for the replay it started, so a
 * reopened panel shows the holes. A secret's hole is never filled, and the scripts keep their holes: they are the
 * saved template (and a repair that replaces it must keep them).
 */
import type { RunState } from './run-state.ts';
import { mapStringsDeep } from './map-strings.ts';
import { isSecretParam } from './secret-param.ts';

const HOLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const MAX_DEPTH = 64;

/** Only the values of plain parameters: a secret's is never shown. */
export function plainValues(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !isSecretParam(name)));
}

function filledText(text: string, values: Record<string, string>): string {
  return text.replace(HOLE, (hole: string, name: string) => (Object.hasOwn(values, name) && !isSecretParam(name) ? values[name]! : hole));
}

/** The run with its plain holes filled where the user reads words: the task, what it said, did, asked and found. */
export function withPlainValues(run: RunState, values: Record<string, string>): RunState {
  const plain = plainValues(values);
  if (!Object.keys(plain).length) return run;
  const text = (t: string) => filledText(t, plain);
  // Deeper than the run host keeps: shown as it came.
  const deep = <T>(v: T): T => mapStringsDeep(v, text, MAX_DEPTH, (as) => as);
  return {
    ...run,
    task: text(run.task),
    said: run.said.map(text),
    log: run.log.map((entry) => ({ ...entry, args: deep(entry.args), ...(entry.result !== undefined ? { result: deep(entry.result) } : {}),
      ...(entry.error ? { error: { ...entry.error, message: text(entry.error.message) } } : {}) })),
    confirm: run.confirm && { ...run.confirm, label: text(run.confirm.label), reason: text(run.confirm.reason) },
    question: run.question && { ...run.question, text: text(run.question.text) },
    error: run.error && { ...run.error, message: text(run.error.message) },
    report: run.report && {
      ...run.report,
      summary: text(run.report.summary),
      ...(run.report.result !== undefined ? { result: deep(run.report.result) } : {}),
      attempts: run.report.attempts.map((a) => (a.failure ? { ...a, failure: { ...a.failure, message: text(a.failure.message) } } : a)),
    },
  };
}
