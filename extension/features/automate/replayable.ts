/**
 * The script to save from a finished run. After repairs, the last answer alone is not what happened: the earlier
 * attempts' statements that completed before their error stayed done (step 1 of a form, say), and the repair was
 * written to go on from there. So the saved script is each failed attempt's completed top-level statements (each
 * in its own block, so their let/const cannot clash with the repair's), then the final script.
 */
import { parse, tokenizer, tokTypes, type Program } from 'acorn';
import { SCRIPT_ECMA_VERSION } from '../../protocol/script-api.ts';
import type { ElementEntry, ListEntry } from '../../protocol/schemas.ts';
import { MAX_SAVED_ELEMENTS, MAX_SAVED_LISTS, type SavedElement, type SavedList } from './run-state.ts';
import type { ModelAnswer } from './parse.ts';
import type { Failure } from './prompt.ts';
import { keptLocator } from './remembered-element.ts';

export interface AttemptLike {
  answer?: ModelAnswer | undefined;
  failure?: Failure | undefined;
}

/**
 * The top-level statements of `source` that completed before its error: those before the top-level statement that
 * was running (`statement`, as the interpreter says), plus the functions they may call (declarations do nothing);
 * without it, those that end before the error at `line`:`column` (1-based, as errors carry).
 */
export function completedStatements(source: string, line: number, column: number, statement?: number): string {
  let program: Program;
  try {
    // As the interpreter parses (top-level `await $x.click()` runs there, so it must read here too).
    program = parse(source, { ecmaVersion: SCRIPT_ECMA_VERSION, sourceType: 'script', locations: true, allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true });
  } catch {
    return '';
  }
  if (statement !== undefined) {
    const ran = program.body.slice(0, statement);
    if (!ran.some((s) => s.type !== 'FunctionDeclaration')) return '';
    const declared = program.body.slice(statement).filter((s) => s.type === 'FunctionDeclaration');
    return [...ran, ...declared].map((s) => source.slice(s.start, s.end)).join('\n').trim();
  }
  let end = 0;
  for (const node of program.body) {
    const at = node.loc!.end;
    if (at.line < line || (at.line === line && at.column < column)) end = node.end;
    else break;
  }
  return source.slice(0, end).trim();
}

export function replayableScript(attempts: readonly AttemptLike[]): string | undefined {
  const last = attempts.at(-1)?.answer;
  if (!last) return undefined;
  const parts: string[] = [];
  for (const attempt of attempts.slice(0, -1)) {
    if (!attempt.answer || !attempt.failure?.line) continue;
    // Refused before it ran (a syntax error, or something outside the language such as `var` or `new`): nothing of
    // it happened, whatever line the error names.
    if (attempt.failure.name === 'ScriptSyntaxError') continue;
    const done = completedStatements(attempt.answer.script, attempt.failure.line, attempt.failure.column ?? 0, attempt.failure.statement);
    if (done) parts.push(`{\n${done}\n}`);
  }
  parts.push(last.script);
  return parts.join('\n');
}

/** The `$names` a script uses, in order of first use; none when it does not tokenize. */
export function namesUsed(source: string): string[] {
  const names = new Set<string>();
  try {
    for (const token of tokenizer(source, { ecmaVersion: SCRIPT_ECMA_VERSION, allowHashBang: false })) {
      // The value, not the source text: `\u0024todos` is `$todos` to the interpreter too.
      const word = token.type === tokTypes.name ? (token as { value?: unknown }).value : undefined;
      if (typeof word === 'string' && word.startsWith('$') && word.length > 1) names.add(word.slice(1));
    }
  } catch {
    return [];
  }
  return [...names];
}

/**
 * `source` with its `$names` renamed (`{ old: new }`, without the `$`): whole name tokens only, never inside strings,
 * comments or longer names. Unchanged when it does not tokenize.
 */
export function withNamesRenamed(source: string, renamed: Readonly<Record<string, string>>): string {
  const spans: Array<{ start: number; end: number; to: string }> = [];
  try {
    for (const token of tokenizer(source, { ecmaVersion: SCRIPT_ECMA_VERSION, allowHashBang: false })) {
      const word = token.type === tokTypes.name ? (token as { value?: unknown }).value : undefined;
      const to = typeof word === 'string' && word.startsWith('$') && Object.hasOwn(renamed, word.slice(1)) ? renamed[word.slice(1)] : undefined;
      if (to) spans.push({ start: token.start, end: token.end, to: `$${to}` });
    }
  } catch {
    return source;
  }
  return spans.reduceRight((text, { start, end, to }) => text.slice(0, start) + to + text.slice(end), source);
}

/**
 * The lists a saved script names, as its run reached them, and the page each was on: structure only — no sample
 * items, item names, item paths, marked items, values or count (the user's mail, orders…). At replay a list that has shrunk into separate
 * entries is still found by them, on that page.
 */
export function listsToSave(source: string, used: (name: string) => { list: ListEntry; url: string } | undefined,
  patternOf: (url: string) => string): SavedList[] {
  const out: SavedList[] = [];
  for (const name of namesUsed(source)) {
    const found = used(name);
    if (!found || out.length >= MAX_SAVED_LISTS) continue;
    const { itemNames: _itemNames, itemPaths, marked: _marked, markedMore: _more, machineValues: _values, ...list } = found.list;
    // Items that had paths of their own: the selector alone reaches others too (list-items.ts).
    out.push({ pattern: patternOf(found.url), list: { ...list, count: 0, samples: [], ...(itemPaths ? { itemsInexact: true as const } : {}) } });
  }
  return out;
}

/**
 * The elements a saved script names, as its run reached them, and the page each was on: kind and locators only (no
 * value, label, state or options). At replay a name the page no longer has — the site relabelled the button, or our
 * naming rules changed — is found again by these, with no model call.
 */
export function elementsToSave(source: string, used: (name: string) => { element: ElementEntry; url: string } | undefined,
  patternOf: (url: string) => string): SavedElement[] {
  const out: SavedElement[] = [];
  for (const name of namesUsed(source)) {
    const found = used(name);
    if (!found || out.length >= MAX_SAVED_ELEMENTS) continue;
    const { kind, locators } = found.element;
    out.push({ pattern: patternOf(found.url), element: { name, kind, locators: locators.map(keptLocator) } });
  }
  return out;
}
