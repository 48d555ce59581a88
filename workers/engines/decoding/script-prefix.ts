/**
 * Whether a piece of script text can still become a valid script once more text is appended (a viable prefix), judged
 * with acorn under the interpreter's parse options. Used by syntax-constrained decoding: a token that makes the text
 * a dead end (`$search__query")`, `item.price.text() )(`) is never chosen, so a small model cannot write a syntax error
 * the parser would only report at the end.
 *
 * How: an open string, template or comment at the end is closed first; then the text is parsed. An error at the end
 * of the input means "needs more" (viable). An error inside the text is final unless its last token could still grow
 * into something else (`=` → `===`, `i` → `in`, an identifier being written).
 */
import { Parser, tokenizer, type Options, type Token } from 'acorn';
import { SCRIPT_ECMA_VERSION } from '../../../extension/protocol/script-api.ts';
import { CONSTRUCTORS, ERROR_CONSTRUCTORS, REFUSED } from '../../../extension/sandbox/interpreter/parse.ts';

const OPTIONS: Options = {
  ecmaVersion: SCRIPT_ECMA_VERSION, sourceType: 'script', allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true,
  allowHashBang: false,
};

type ParserInternals = {
  start: number;
  raise(pos: number, message: string): never;
  parseVar(...args: unknown[]): unknown;
};

/**
 * acorn, refusing a label (`total: 1`) and `var` where they are read: the interpreter refuses them (a label on anything
 * but a loop), and found only in a whole parse (refusedNode) they would leave a prefix that no text after it can make
 * a script. Labelled loops, which the interpreter runs, are refused here too: in a small model's
 * output `done:` or `total:` is a call or a key gone wrong far more often than the start of `outer: for`.
 */
const ScriptParser = Parser.extend((Base) => class extends Base {
  parseLabeledStatement(node: { start: number }): never {
    return (this as unknown as ParserInternals).raise(node.start, 'a label is not supported');
  }

  parseVar(node: { start: number }, isFor: boolean, kind: string, ...rest: unknown[]): unknown {
    if (kind === 'var') (this as unknown as ParserInternals).raise(node.start, '`var` is not supported');
    return (Base.prototype as unknown as ParserInternals).parseVar.call(this, node, isFor, kind, ...rest);
  }
});

/** Words that may follow a complete expression or block, so a prefix of one is not yet an error. */
const CONTINUING_WORDS = ['in', 'instanceof', 'of', 'else', 'catch', 'finally', 'while', 'case', 'default'];
const OPERATOR = /^[=!<>&|+\-*/%?.^~]+$/;
const OPERATORS = ['=', '==', '===', '=>', '!', '!=', '!==', '<', '<=', '<<', '<<=', '>', '>=', '>>', '>>=', '>>>', '>>>=',
  '&', '&&', '&&=', '&=', '|', '||', '||=', '|=', '+', '++', '+=', '-', '--', '-=', '*', '**', '*=', '**=', '/', '/=',
  '%', '%=', '?', '??', '??=', '?.', '.', '...', '^', '^=', '~'];
/** An operator that more characters can turn into another (`=` → `===`; not `~` or `===`). */
const canGrow = (op: string) => OPERATORS.some((other) => other.length > op.length && other.startsWith(op));

/**
 * A construct the interpreter refuses although acorn parses it (a label, `new`, `this`…), anywhere in the tree of a
 * source `end` characters long. `new Error(…)` (TypeError, RangeError, Array) is not, nor `new Err` still being written.
 */
function refusedNode(node: unknown, end: number): boolean {
  if (!node || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some((item) => refusedNode(item, end));
  const record = node as Record<string, unknown>;
  if (typeof record.type === 'string' && record.type in REFUSED && !errorConstructed(record, end)) return true;
  for (const key in record) {
    if (key !== 'loc' && key !== 'type' && typeof record[key] === 'object' && refusedNode(record[key], end)) return true;
  }
  return false;
}

function errorConstructed(record: Record<string, unknown>, end: number): boolean {
  const callee = record.callee as { type?: unknown; name?: unknown; end?: unknown } | undefined;
  if (record.type !== 'NewExpression' || callee?.type !== 'Identifier' || typeof callee.name !== 'string') return false;
  const name = callee.name;
  return CONSTRUCTORS.has(name) || (callee.end === end && [...CONSTRUCTORS].some((full) => full.startsWith(name)));
}

type Tail = { kind: 'none' } | { kind: 'closed'; src: string } | { kind: 'dead' };

/** Characters after which a `/` starts a regex literal, not a division. */
const BEFORE_REGEX = new Set([...'(,=:[!&|?{};+-*%<>~^']);
/** Words after which a `/` starts a regex literal (`return /x/.test(s)`). */
const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'await']);

/** Whether a `/` at `i` (neither `//` nor `/*`) starts a regex literal: by what code comes before it. */
function startsRegex(text: string, previous: number): boolean {
  if (previous < 0) return true;
  const ch = text[previous]!;
  if (BEFORE_REGEX.has(ch)) return true;
  if (!/[\p{L}\p{N}_$]/u.test(ch)) return false;
  let start = previous;
  while (start > 0 && /[\p{L}\p{N}_$]/u.test(text[start - 1]!)) start--;
  return REGEX_AFTER_WORDS.has(text.slice(start, previous + 1));
}

/**
 * Closes whatever is open at the end of `text` (a string, a template with its `${…}`, a comment, a regex literal) so
 * acorn can read it; 'dead' when the text already breaks a lexical rule that more text cannot mend (a newline inside a
 * quoted string or a regex, a backslash in code). A regex still being written is read as a plain one of the same
 * length (`/(\d+/` as `/aaaa/`): what its pattern may still become is not judged until it is closed.
 */
function closeTail(text: string): Tail {
  let mode: 'code' | 'string' | 'template' | 'line' | 'block' | 'regex' = 'code';
  let quote = '';
  let escaped = false;
  let inClass = false;
  let regexStart = -1;
  /** The last character of code (or of a string, template or regex that ended): what a `/` after it means. */
  let previous = -1;
  // For each `${` open around the end, innermost last: the `{` opened in its code since.
  const substitutions: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (mode === 'regex') {
      if (ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029') return { kind: 'dead' };
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '[') inClass = true;
      else if (ch === ']') inClass = false;
      else if (ch === '/' && !inClass) {
        mode = 'code';
        previous = i;
      }
      continue;
    }
    if (mode === 'string' || mode === 'template') {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (mode === 'string' && (ch === '\n' || ch === '\r')) return { kind: 'dead' };
      else if (ch === quote) {
        mode = 'code';
        previous = i;
      } else if (mode === 'template' && ch === '$' && text[i + 1] === '{') {
        substitutions.push(0);
        mode = 'code';
        previous = i + 1;
        i++;
      }
      continue;
    }
    if (mode === 'line') {
      if (ch === '\n') mode = 'code';
      continue;
    }
    if (mode === 'block') {
      if (ch === '*' && text[i + 1] === '/') {
        mode = 'code';
        i++;
      }
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      mode = ch === '`' ? 'template' : 'string';
      quote = ch;
    } else if (ch === '/' && text[i + 1] === '/') {
      mode = 'line';
      i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      mode = 'block';
      i++;
    } else if (ch === '/' && startsRegex(text, previous)) {
      mode = 'regex';
      regexStart = i;
      inClass = false;
    } else if (ch === '\\') {
      // Code has no escapes (`\u0061` in a name): the name read would never be the one declared.
      return { kind: 'dead' };
    } else if (substitutions.length && ch === '{') {
      substitutions[substitutions.length - 1]!++;
    } else if (substitutions.length && ch === '}') {
      // The `}` that ends a `${…}` goes back to its template's text.
      if (substitutions[substitutions.length - 1] === 0) {
        substitutions.pop();
        mode = 'template';
        quote = '`';
      } else substitutions[substitutions.length - 1]!--;
    }
    if (mode === 'code' && !/\s/.test(ch)) previous = i;
  }
  if (mode === 'regex') {
    const body = text.length - regexStart - 1;
    return { kind: 'closed', src: `${text.slice(0, regexStart + 1)}${'a'.repeat(Math.max(body, 1))}/` };
  }
  // A backslash at the end starts an escape: `\n` is one that may close anywhere.
  const escape = escaped ? 'n' : '';
  const close = { code: '', string: `${escape}${quote}`, template: `${escape}\``, line: '\n', block: '*/' }[mode]
    + substitutions.reverse().map((braces) => `${'}'.repeat(braces + 1)}\``).join('');
  return close ? { kind: 'closed', src: text + close } : { kind: 'none' };
}

/**
 * Where parsing fails (the offending token's start), or -1 when the text is a whole valid script. `tokens`, when
 * given, receives the tokens read on the way (up to the end, or to the error).
 */
function errorAt(src: string, tokens?: Token[]): number {
  try {
    return refusedNode(ScriptParser.parse(src, tokens ? { ...OPTIONS, onToken: tokens } : OPTIONS), src.length) ? 0 : -1;
  } catch (error) {
    // `try { … }` is only unfinished: its catch or finally may still come (acorn reports it at the `try`).
    if (/Missing catch or finally clause/.test((error as Error).message)) return src.length;
    const pos = (error as { pos?: unknown }).pos;
    return typeof pos === 'number' ? pos : 0;
  }
}

/**
 * The start and text of the last token of `src` (undefined when there is none or the tokenizer fails first). `..`
 * and `?.` at the end are one operator being written (`...`, `?.`), which the tokenizer reads as two there.
 */
function lastToken(src: string): { start: number; text: string } | undefined {
  let last: { start: number; text: string } | undefined;
  let previous: typeof last;
  try {
    for (const token of tokenizer(src, OPTIONS)) {
      previous = last;
      last = { start: token.start, text: src.slice(token.start, token.end) };
    }
  } catch (error) {
    const pos = (error as { pos?: unknown }).pos;
    // A character no token can start with ('@', '#'): final where it stands.
    return typeof pos === 'number' ? { start: pos, text: src.slice(pos) } : last;
  }
  if (last?.text === '.' && (previous?.text === '.' || previous?.text === '?') && previous.start + 1 === last.start) {
    return { start: previous.start, text: `${previous.text}.` };
  }
  return last;
}

const needsMore = (src: string, at: number) => at === -1 || at >= src.trimEnd().length;

/** The longest variable or parameter name a script may write (gold scripts: 10, `parseFloat`; chat models' longer). */
const MAX_VARIABLE = 24;

/** The methods a script passes a function to (arrays' and lists'). */
const TAKES_FUNCTION = new Set(['filter', 'map', 'forEach', 'find', 'findIndex', 'some', 'every', 'reduce', 'sort', 'from', 'flatMap', 'findLast', 'findLastIndex', 'toSorted']);

/** Names a script may use without declaring them: the interpreter's globals and the automation and math helpers. */
const GLOBALS = new Set(['undefined', 'NaN', 'Infinity', 'Math', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'Number',
  'String', 'Boolean', 'Array', 'Object', 'JSON', 'console', 'Set', 'Map', 'RegExp', 'Date', 'encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI', 'navigate', 'wait', 'waitFor', 'ask', 'say', 'done', 'answer', ...ERROR_CONSTRUCTORS]);

/**
 * A variable the script reads but never declares (`item.price` outside the loop that names `item`): final once the
 * name is complete and is not a parameter of an arrow function still being written.
 */
/** Words a name being written may still become where a value is read: keywords acorn reads as names and literals. */
const READ_WORDS = ['of', 'let', 'async', 'await', 'true', 'false', 'null', 'typeof', 'void', 'in', 'instanceof', 'this',
  'if', 'else', 'for', 'while', 'do', 'return', 'break', 'continue', 'const', 'function', 'try', 'catch', 'finally',
  'throw', 'switch', 'case', 'default', 'new', 'delete'];

/** Tokens of a destructured or rest parameter besides names and commas (`([k, v]`, `({ a: b }`, `(...xs`). */
const PATTERN_MARKS = new Set(['{', '}', '[', ']', ':', '...']);

/** Words acorn reads as names that are keywords in their place (`for (const x of …)`, `let`). */
const CONTEXTUAL = new Set(['of', 'let', 'async', 'get', 'set', 'static', 'await', 'yield']);

/** `read`: the tokens of `src` as the parser read them (its end-of-input token is skipped). */
function readsUndeclared(src: string, read: readonly Token[], textEnd: number): boolean {
  const final = textEnd === Infinity;
  const tokens = read.filter((t) => t.type.label !== 'eof');
  const label = (i: number) => tokens[i]?.type.label;
  const isName = (i: number) => label(i) === 'name';
  const word = (i: number) => src.slice(tokens[i]!.start, tokens[i]!.end);
  const declared = new Set(GLOBALS);
  for (let i = 0; i < tokens.length; i++) {
    const keyword = tokens[i]!.type.keyword || (isName(i) && word(i) === 'let' ? 'let' : undefined);
    if (keyword === 'const' || keyword === 'let' || keyword === 'var') {
      for (let j = i + 1, depth = 0; j < tokens.length; j++) {
        const l = label(j);
        if (l === '{' || l === '[') depth++;
        else if (l === '}' || l === ']') depth--;
        if (depth === 0 && (l === '=' || l === 'in' || l === ';' || (l === 'name' && word(j) === 'of'))) break;
        if (isName(j) && label(j + 1) !== ':') declared.add(word(j));
        if (depth === 0 && isName(j) && label(j + 1) !== ',') break;
      }
    } else if (keyword === 'function' || keyword === 'catch') {
      for (let j = i + 1; j < tokens.length && label(j) !== '{'; j++) if (isName(j)) declared.add(word(j));
    } else if (label(i) === '=>') {
      if (isName(i - 1)) declared.add(word(i - 1));
      else if (label(i - 1) === ')') {
        for (let j = i - 2, depth = 0; j >= 0; j--) {
          if (label(j) === ')') depth++;
          else if (label(j) === '(') {
            if (depth === 0) break;
            depth--;
          } else if (isName(j)) declared.add(word(j));
        }
      }
    }
  }
  /**
   * After `(` and names, commas and the marks of destructured and rest parameters. `calls`: also the parenthesis of a
   * call, where a last name can still be a lone arrow parameter (`filter(item` → `filter(item => …`); without, or
   * after such marks, only one that can be a parameter list (`(a, b)`, `([k, v]`), not a call's (`f(x)`,
   * `.click (x)`, `"a"(x)`) nor a statement's (`if (x)`).
   */
  const inParentheses = (i: number, calls: boolean) => {
    let pattern = false;
    for (let j = i - 1; j >= 0; j--) {
      const l = label(j);
      if (l === '(') {
        const before = tokens[j - 1];
        if ((calls && !pattern) || !before) return true;
        const b = before.type.label;
        return !(b === 'name' || b === 'num' || b === ')' || b === ']' || b === 'string' || b === 'template' || b === '`' || before.type.keyword);
      }
      if (PATTERN_MARKS.has(l!)) pattern = true;
      else if (l !== ',' && !isName(j)) return false;
    }
    return false;
  };
  /**
   * Possibly the parameters of an arrow function whose `=>` has not come yet: in the parentheses of a call to a
   * method that takes a function (`filter(item`), or in parentheses of their own (`filter((a, b`); not in a
   * statement's condition (`if (x`) nor in a call to anything else (`parseFloat(x`).
   */
  const mayBeParameter = (i: number) => {
    if (!inParentheses(i, true)) return false;
    let j = i - 1;
    while (j >= 0 && label(j) !== '(') j--;
    const before = tokens[j - 1];
    if (!before) return true;
    if (before.type.keyword) return false;
    if (before.type.label !== 'name') return true;
    // A method that takes a function, or a function the script declared itself.
    const callee = src.slice(before.start, before.end);
    return TAKES_FUNCTION.has(callee) || (declared.has(callee) && !GLOBALS.has(callee));
  };
  /**
   * `(a, b)` closed at token `j` may still get its `=>`: nothing follows but the `=` that ends the text (a tokenizer
   * writes `=>` as `=` and `>`), and no line break comes before it (none may).
   */
  const arrowMayFollow = (j: number) => {
    if (label(j) !== ')') return false;
    const next = tokens[j + 1];
    if (next && (j + 2 < tokens.length || label(j + 1) !== '=' || next.end < textEnd)) return false;
    return !/[\n\r\u2028\u2029]/.test(src.slice(tokens[j]!.end, next ? next.start : textEnd));
  };
  /** A key being written in an object literal (`done({ title`): `title:` parses there (in a block it is a label). */
  const mayBeKey = (i: number) => (label(i - 1) === '{' || label(i - 1) === ',')
    && viableScriptPrefix(`${src.slice(0, tokens[i]!.end)}:`, false);
  /** A name being declared (after const/let/var/function/catch) or possibly an arrow function's parameter. */
  const mayBeNewName = (i: number) => {
    const before = label(i - 1);
    if (before === 'const' || before === 'var' || before === 'function' || (isName(i - 1) && word(i - 1) === 'let')) return true;
    return mayBeParameter(i);
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    // A variable is a short word (the corpus's longest is `parseFloat`); a name running on is a model looping.
    if (isName(i) && word(i).length > MAX_VARIABLE && !word(i).startsWith('$') && label(i - 1) !== '.' && label(i - 1) !== '?.'
      && label(i + 1) !== ':') return true;
    if (!isName(i) || declared.has(word(i)) || CONTEXTUAL.has(word(i)) || word(i).startsWith('$')) continue;
    const before = label(i - 1);
    if (before === '.' || before === '?.' || label(i + 1) === ':') continue;
    // Still being written, or possibly an arrow function's parameter whose `=>` has not come yet.
    if (!final) {
      if (i === tokens.length - 1 && mayBeKey(i)) continue;
      if (token.end >= textEnd) {
        if (mayBeNewName(i) || [...declared].some((w) => w.startsWith(word(i)))) continue;
        // A keyword it may become must fit here itself (`),retur` cannot become `),return`; `(x i` can only become
        // `(x in`, which reads an undeclared `x`).
        const at = src.slice(0, token.start);
        if (READ_WORDS.some((w) => w.startsWith(word(i)) && viableScriptPrefix(`${at}${w} `))) continue;
        return true;
      }
      let j = i + 1;
      while (j < tokens.length && (isName(j) || label(j) === ',' || PATTERN_MARKS.has(label(j)!))) j++;
      if (j >= tokens.length ? mayBeParameter(i) : arrowMayFollow(j) && inParentheses(i, false)) continue;
    }
    return true;
  }
  return false;
}

/** The text parses as a whole script (what an end-of-output token needs). */
export function completeScript(text: string): boolean {
  const tokens: Token[] = [];
  return closeTail(text).kind === 'none' && errorAt(text, tokens) === -1 && !readsUndeclared(text, tokens, Infinity);
}

/** `names`: also rule out reading a variable the script never declares (off for pure syntax questions). */
export function viableScriptPrefix(text: string, names = true): boolean {
  const tail = closeTail(text);
  if (tail.kind === 'dead') return false;
  const src = tail.kind === 'closed' ? tail.src : text;
  const tokens: Token[] = [];
  const at = errorAt(src, names ? tokens : undefined);
  // An error in what closeTail added (`${x` as `${x}`, `${}` for `${`) only says that more must come.
  if (needsMore(text, at)) return !names || !readsUndeclared(src, tokens, text.length);
  // acorn refuses a rest parameter (`(...xs)`) until its `=>` has come: viable where one may.
  if (tail.kind === 'none' && /\)[ ]*=?$/.test(text) && viableScriptPrefix(`${text.replace(/=$/, '')}=>`, names)) return true;
  // The text ends in a closed-by-us string or comment, or in whitespace: every token is final.
  if (tail.kind === 'closed' || /\s$/.test(text)) return false;
  const last = lastToken(src);
  if (!last || last.start + last.text.length < src.length) return false;
  // `x?.` is whole: what follows it (`x?.y`, or `x ? .5 : 0`) decides.
  if (last.text === '?.') return viableScriptPrefix(`${text}a`, names) || viableScriptPrefix(`${text}0`, names);
  if (OPERATOR.test(last.text) && canGrow(last.text)) {
    // An operator may still grow (`=` → `===`, `?` → `?.`): viable if one of the longer ones is (`for.` is not:
    // `for...` fails too).
    const before = src.slice(0, last.start);
    const read: Token[] = [];
    // The name before an operator is complete (`br!` is no `break`).
    if (names && (!needsMore(before, errorAt(before, read)) || readsUndeclared(before, read, before.length + 1))) return false;
    // The longer operator must leave a viable text itself, names included: `(x) =` may become `(x) =>`, where `x` is
    // a parameter, but not `(x) ==`, which reads an `x` the script never declared.
    return OPERATORS.some((op) => {
      if (op.length <= last.text.length || !op.startsWith(last.text)) return false;
      const grown = before + op;
      const grownRead: Token[] = [];
      return needsMore(grown, errorAt(grown, names ? grownRead : undefined)) && (!names || !readsUndeclared(grown, grownRead, grown.length));
    });
  }
  if (at < last.start) return false;
  if (/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(last.text)) {
    // A word being written that could become one that fits here (`els` → `else` after an if statement).
    const before = src.slice(0, last.start);
    return CONTINUING_WORDS.some((word) => {
      if (!word.startsWith(last.text) || word === last.text) return false;
      const grown = `${before}${word} `;
      const grownRead: Token[] = [];
      return needsMore(grown, errorAt(grown, names ? grownRead : undefined)) && (!names || !readsUndeclared(grown, grownRead, grown.length));
    });
  }
  return false;
}
