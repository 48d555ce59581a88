/** What each error the runner reports means, in words (the class name stays in `data-error` for tests and tools). */
const KIND_WORDS: Record<string, string> = {
  NotFoundError: 'Not found',
  ActionError: 'Action failed',
  ApiError: 'Not in the page API',
  ScriptSyntaxError: 'Not a valid script',
  BudgetError: 'Over budget',
  NavigationError: 'Page changed or navigation failed',
  ScriptRuntimeError: 'Script error',
  ValidationError: 'Not accepted',
  AbortError: 'Stopped',
  ContentScriptError: 'The page could not be reached',
  DisconnectedError: 'Disconnected',
  ModelHostError: 'The model host failed',
  ModelNotFoundError: 'Model not found',
  WorkerCrashedError: 'The model worker crashed',
  DeviceLostError: 'The GPU was lost',
  OutOfMemoryError: 'Out of memory',
  BusyError: 'Busy',
  InternalError: 'Internal error',
};

export function failureKind(name: string): string {
  return KIND_WORDS[name] ?? name;
}

/** A failed attempt as one line: `Script error, line 1:1: cannot read …` (the position once, not again at the end). */
export function failureText(f: { name: string; message: string; line?: number | undefined; column?: number | undefined }): string {
  const where = f.line ? ` at ${f.line}:${f.column ?? 0}` : '';
  const message = where && f.message.endsWith(where) ? f.message.slice(0, -where.length) : f.message;
  return `${failureKind(f.name)}${f.line ? `, line ${f.line}:${f.column ?? 0}` : ''}: ${message}`;
}
