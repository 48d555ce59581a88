/**
 * Errors as a person reads them: a plain headline for each of our error classes (the class name stays in the
 * markup, `data-error-name`, for tests and bug reports), the message, a line and column only where the message does
 * not already give them, and a hint for the browser's own network wording ("Failed to fetch").
 */
const HEADLINES: Record<string, string> = {
  ValidationError: 'Not accepted',
  UntrustedSenderError: 'Refused',
  UnknownKindError: 'Unknown request',
  ModelHostError: 'The model host failed',
  WorkerCrashedError: 'The model worker crashed',
  // Most of these are pages no extension may read (chrome://, a PDF, a page's source, a tab without a grant); the
  // rest say "the page did not answer" in their message (exploratory test, session 22: a PDF was "did not answer").
  ContentScriptError: 'This page cannot be read',
  PageUnresponsiveError: 'The page stopped answering',
  ModelNotFoundError: 'Model not found',
  IntegrityError: 'Model files are damaged',
  QuotaError: 'Storage is full',
  DeviceLostError: 'The GPU was lost',
  OutOfMemoryError: 'Out of memory',
  AbortError: 'Stopped',
  DisconnectedError: 'Disconnected',
  InternalError: 'Internal error',
  BusyError: 'Busy',
  NotFoundError: 'Not found on the page',
  ActionError: 'Could not act on the page',
  ApiError: 'Unknown name or call',
  ScriptSyntaxError: 'The script does not parse',
  BudgetError: 'A limit was reached',
  // Also a refusal before anything moved (a form or link to another site; explorer, session 29).
  NavigationError: 'Navigation stopped',
  ScriptRuntimeError: 'The script failed',
};

export function errorHeadline(name: string | undefined): string {
  return (name && HEADLINES[name]) || 'Failed';
}

/** Message openings that say what the headline says already, in other words. */
const SAME_AS_HEADLINE: Record<string, RegExp> = {
  'This page cannot be read': /^cannot read this page:\s*/i,
};

/**
 * Chrome's own wording for a page it keeps from extensions, said plainly (exploratory test, session 22: about:blank
 * showed "Extension manifest must request permission to access the respective host.", a closed tab "No tab with id: N").
 */
const BROWSER_WORDING: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^(?:Cannot access contents of (?:url "([^"]*)"|the page)\.\s*)?Extension manifest must request permission to access (?:the respective|this) host\.?$/i,
    (m) => `Pocket SLM has no access to ${m[1] ? `"${m[1].slice(0, 80)}"` : 'this page'}`],
  [/^No tab with id:? \d+\.?$/i, () => 'the tab is closed'],
];

const NETWORK = /\b(?:Failed to fetch|NetworkError|Load failed|ERR_[A-Z_]+)\b/;

export interface ErrorFacts {
  name?: string | undefined;
  message: string;
  line?: number | undefined;
  column?: number | undefined;
}

/**
 * The message, with `(line L, column C)` unless it says `L:C` already, and a hint for a network failure. A message
 * that opens with its own headline ("storage is full: …" under "Storage is full") does not say it twice.
 */
export function errorDetail(error: ErrorFacts, headline = errorHeadline(error.name)): string {
  let text = error.message.trim();
  const prefix = headline.toLowerCase();
  if (text.toLowerCase().startsWith(`${prefix}:`)) text = text.slice(prefix.length + 1).trim();
  const same = SAME_AS_HEADLINE[headline];
  if (same) text = text.replace(same, '');
  text = plainBrowserWording(text);
  const given = error.line !== undefined && new RegExp(`(?<!\\d)${error.line}:${error.column ?? ''}(?!\\d)`).test(text);
  if (error.line !== undefined && !given) {
    text += ` (line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ''})`;
  }
  if (NETWORK.test(text)) text += ' — the server could not be reached (offline, blocked, or it redirects in a loop)';
  return text;
}

/** The message with Chrome's own wording (alone, or after one "…: " of ours, e.g. "the page did not answer: ") said plainly. */
export function plainBrowserWording(message: string): string {
  const after = /^[^:]*?:\s+(.*)$/s.exec(message)?.[1];
  for (const tail of after === undefined ? [message] : [message, after]) {
    for (const [pattern, plain] of BROWSER_WORDING) {
      const match = pattern.exec(tail.trim());
      if (match) return `${message.slice(0, message.length - tail.length)}${plain(match)}`;
    }
  }
  return message;
}
