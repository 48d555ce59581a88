/**
 * `{{param}}` holes in saved scripts: found, checked to sit inside string literals, and filled with values as
 * escaped string text, never as code (the filled script must tokenize as the template does).
 */
import { tokenizer, tokTypes } from 'acorn';
import { SCRIPT_ECMA_VERSION } from '../../protocol/script-api.ts';
import { ValidationError } from '../../protocol/errors.ts';

const RESERVED = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** A `{{param}}` hole (global: for replace and matchAll). */
export const PARAM = /\{\{\s*([A-Za-z_][A-Za-z0-9_]{0,40})\s*\}\}/g;

export function paramsOf(source: string): string[] {
  return [...new Set(Array.from(source.matchAll(PARAM), (m) => m[1]!))];
}

/**
 * Text safe inside "…", '…' and `…` literals: the value can end no string and open no `${`; line and paragraph
 * separators are escaped too (JSON leaves them, and in a comment they would end it).
 */
export function literalText(value: string): string {
  // Every `$`, not only `${`: a value ending in `$` before a `{` (the next hole's value, or the script's own text)
  // would open `${…}` in a template literal.
  return JSON.stringify(value).slice(1, -1).replace(/'/g, "\\'").replace(/`/g, '\\`').replace(/\$/g, '\\$')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The kinds of tokens a script reads as, in order (the check that filling the holes changed no code). */
function tokenKinds(source: string): string[] {
  return Array.from(tokenizer(source, { ecmaVersion: SCRIPT_ECMA_VERSION, allowHashBang: false }), (token) => token.type.label);
}

/**
 * Every `{{param}}` must sit inside a string or template literal: a value goes in as text, and a hole anywhere else
 * (`$box.type({{q}})`, a comment) would put the user's value in as code.
 */
export function checkParamPlaces(source: string): void {
  // `{{città}}` or a 60-letter name is not a param: it would be typed into the page as it stands, with no input asked.
  for (const match of source.matchAll(/\{\{([^{}\n]{1,80})\}\}/g)) {
    if (!/^\s*[A-Za-z_][A-Za-z0-9_]{0,40}\s*$/.test(match[1]!)) {
      throw new ValidationError(`{{${match[1]!.slice(0, 60)}}} is not a parameter name: use letters a–z, digits and _ (at most 41), starting with a letter`);
    }
    // Names every object already has would be read from the prototype, or dropped on the way: never a value.
    if (RESERVED.has(match[1]!.trim())) throw new ValidationError(`{{${match[1]!.trim()}}} cannot be a parameter name: choose another`);
  }
  const literals: [number, number][] = [];
  try {
    for (const token of tokenizer(source, { ecmaVersion: SCRIPT_ECMA_VERSION, allowHashBang: false })) {
      if (token.type === tokTypes.string || token.type === tokTypes.template) literals.push([token.start, token.end]);
    }
  } catch (error) {
    // Holes could not be placed (an unclosed comment or string): a value might become code, so no replay.
    if (!PARAM.test(source)) return;
    PARAM.lastIndex = 0;
    throw new ValidationError(`the saved script does not read as a script (${error instanceof Error ? error.message : String(error)}): its {{params}} cannot be checked`);
  }
  for (const match of source.matchAll(PARAM)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!literals.some(([from, to]) => from <= start && end <= to)) {
      throw new ValidationError(`{{${match[1]}}} must be inside quotes ("{{${match[1]}}}"): a value is text, never code`, { param: match[1] });
    }
    // `"C:\{{dir}}"`: the script's own backslash would escape the value's first character (its escaped quote).
    const backslashes = /\\*$/.exec(source.slice(Math.max(0, start - 64), start))![0].length;
    if (backslashes % 2 === 1) {
      throw new ValidationError(`{{${match[1]}}} follows a backslash, which would escape the start of its value: remove the backslash or double it`, { param: match[1] });
    }
  }
}

/**
 * The script with the braces of holes in its comments taken off (`// type {{password}}` reads `// type password`): a
 * model writing a repair mentions a hole as it explains a step; in a comment no value would be put. As it is when
 * its comments cannot be found (checkParamPlaces refuses it then).
 */
export function commentHolesDropped(source: string): string {
  const comments: [number, number][] = [];
  try {
    for (const _token of tokenizer(source, { ecmaVersion: SCRIPT_ECMA_VERSION, allowHashBang: false, onComment: (_block, _text, from, to) => void comments.push([from, to]) }));
  } catch {
    return source;
  }
  return source.replace(PARAM, (hole: string, name: string, at: number) =>
    (comments.some(([from, to]) => from <= at && at + hole.length <= to) ? name : hole));
}

/**
 * The script with each hole's value in, as string text. Holes `kept` stay in their string as `{{name}}` (a repair's
 * secret: the run fills it only where it is typed whole, secret-guard.ts).
 */
export function fillParams(source: string, values: Record<string, string>, kept: (name: string) => boolean = () => false): string {
  checkParamPlaces(source);
  const filled = source.replace(PARAM, (_all, name: string) => {
    if (kept(name)) return `{{${name}}}`;
    if (!Object.hasOwn(values, name)) throw new ValidationError(`the saved script needs a value for {{${name}}}`, { param: name });
    return literalText(values[name]!);
  });
  // Belt and braces: with the values in, the script must read as the same tokens as with plain text in the holes.
  let same = false;
  try {
    same = tokenKinds(filled).join(' ') === tokenKinds(source.replace(PARAM, 'x')).join(' ');
  } catch {
    same = false;
  }
  if (!same) throw new ValidationError('a {{param}} value would change the script\'s code, not only its text: the replay is refused');
  return filled;
}


/**
 * The task of a script the user made holes in: where the user turned a value of the run's script into a hole (`"shoes"`
 * → `"{{query}}"`), that value in the task becomes the hole too ("search for shoes" → "search for {{query}}"), so a
 * replay's task says what it types (explorer, session 34: a replay with query=boots showed "search for shoes").
 * The values are read by lining the edited script up with the original around each hole; a hole that does not line
 * up, a value of one character, with a backslash or over a line, or already a hole in the task, is left alone.
 */
export function holesInTask(original: string, edited: string, task: string): string {
  const parts = edited.split(new RegExp(PARAM.source));
  // parts: text, name, text, name, …, text.
  if (parts.length < 3 || !original.startsWith(parts[0]!)) return task;
  const values = new Map<string, string | null>();
  let at = parts[0]!.length;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    const after = parts[i + 1]!;
    const end = i + 2 >= parts.length ? (original.endsWith(after) ? original.length - after.length : -1) : original.indexOf(after, at);
    if (end < at) return task;
    const value = original.slice(at, end);
    values.set(name, values.has(name) && values.get(name) !== value ? null : value);
    at = end + after.length;
  }
  let out = task;
  for (const [name, value] of values) {
    if (!value || value.length < 2 || /[\\\n\r]|\{\{/.test(value) || paramsOf(out).includes(name)) continue;
    // Whole words only ("red" is not the one in "ordered", "10" not the end of "2010"), and never inside a hole.
    const word = new RegExp(`(?<![\\p{L}\\p{N}_])${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'gu');
    // Split as text, hole, the hole's name, text…: the names (the inner group) are dropped, the holes kept whole.
    out = out.split(new RegExp(`(${PARAM.source})`)).filter((_, i) => i % 3 !== 2)
      .map((part, i) => (i % 2 === 0 ? part.replace(word, `{{${name}}}`) : part)).join('');
  }
  return out;
}
