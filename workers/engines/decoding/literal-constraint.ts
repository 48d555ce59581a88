/**
 * Literal-constrained decoding: the text inside a script's quoted strings ("…", '…') must be copied from the given
 * sources (the task, the page's symbols), whole words at both ends, so a small model cannot misspell a value it was
 * asked to type, invent one, or cut it short ("+1 555 265 510" for "+1 555 265 5105", "Han" for "Hana"). Template
 * literals and comments are not constrained.
 */
type Lexer =
  | { mode: 'code' }
  /** `options`: the string is the value of `$select.select(…)` and must be one of these, whole. */
  | { mode: 'string'; quote: string; content: string; escaped: boolean; options?: readonly string[] | undefined;
    /** The value of `$field.type(…)`: the task's text from where it gives this field's value (see valueStarts). */
    values?: readonly string[] | undefined;
    /** The text `$list.find(…)` looks for: words, not a piece of punctuation cut out of the page (`find(")")`). */
    found?: boolean }
  | { mode: 'template'; escaped: boolean }
  | { mode: 'line' }
  | { mode: 'block'; star: boolean };

const CODE: Lexer = { mode: 'code' };
/** A string whose first word is followed by something else: that word is decided. */
const FIRST_WORD_DONE = /^[\p{L}\p{N}]+[^\p{L}\p{N}]|^[^\p{L}\p{N}]/u;
const WORD = /[\p{L}\p{N}]/u;

/** Code text kept before a string opens: enough for `$a_long_select_name.select(`. */
const CODE_TAIL = 240;
const SELECT_CALL = /\$([\p{L}\p{M}\p{N}_]+)\s*\.\s*select\s*\(\s*$/u;
const TYPE_CALL = /\$([\p{L}\p{M}\p{N}_]+)\s*\.\s*type\s*\(\s*$/u;
const FIND_CALL = /\.\s*find\s*\(\s*$/u;

export class LiteralConstraint {
  private state: Lexer = CODE;
  /** Last char seen in code (for `//` and `/*`). */
  private slash = false;
  /** The end of the code read so far (strings as their quotes only). */
  private tail = '';
  /** Select name → the values its `.select(…)` may take (see valuesOfSelect). */
  private readonly selectValues = new Map<string, readonly string[]>();
  /** Words of the page's names (lowercase) and what a string starting with one loses (see `bias`). */
  private readonly nameWords = new Set<string>();
  private penalty = 0;
  /** Field name → where the task gives its value (valueStarts), as the task's text from there. */
  private readonly values = new Map<string, readonly string[]>();
  /** The sources' words, read once (the priors look at them for every candidate token). */
  private readonly sourceWords: readonly SourceWord[];

  /**
   * @param selects a select's name → its options, where the document lists them all: `$name.select("…")` then takes
   *   one of them, as the task writes it where it does (the executor also matches case-insensitively)
   * @param avoid the page's names and a weight: a string whose first word is a word of a name loses that much (see `bias`)
   */
  constructor(private readonly sources: readonly string[], private readonly pieces: readonly string[],
    private readonly endIds: readonly number[] = [], selects: Readonly<Record<string, readonly string[]>> = {},
    avoid?: { names: Iterable<string>; weight: number }) {
    this.sourceWords = sources.flatMap(wordsOf);
    for (const [name, options] of Object.entries(selects)) {
      const values = valuesOfSelect(options, sources[0] ?? '');
      if (values.length) this.selectValues.set(name, values);
    }
    if (avoid && avoid.weight > 0) {
      for (const name of avoid.names) for (const word of name.toLowerCase().split('_')) if (word.length >= 3 && /^\p{L}+$/u.test(word)) this.nameWords.add(word);
      this.penalty = avoid.weight;
    }
  }

  /**
   * Soft priors on quoted strings, `penalty` logits each. A string whose first word is a task word that names an
   * element ("Search for Ito", "Switch to Sound") loses it: such words are rarely the value typed, found or compared
   * (60 of 25,140 gold literals of the corpus start with a word of one of the page's names). The value of
   * `$field.type(…)` that the task gives after the field's label gains it. Selects are held to their options instead.
   */
  bias(logits: Float32Array): void {
    if (!this.penalty) return;
    const { state } = this;
    const open = state.mode === 'string' ? state : undefined;
    // Decided already: the first word is written, or every way on from here starts with a name word (already paid).
    const firstWordDecided = !!open && (!!open.options || FIRST_WORD_DONE.test(open.content)
      || (open.content !== '' && this.startsWithNameWord(open.content, false)));
    // Off the field's value already (or none known): nothing to add.
    const onValue = !open || (open.values?.some((v) => v.startsWith(open.content)) ?? false);
    if (firstWordDecided && !onValue) return;
    for (let id = 0; id < logits.length; id++) {
      if (logits[id] === -Infinity) continue;
      const piece = this.pieces[id];
      if (!piece || (!open && !/["']/.test(piece))) continue;
      const next = this.advance(state, this.slash, this.tail, piece);
      const string = next && stringAfter(next);
      if (!string || string.options) continue;
      if (!firstWordDecided && this.startsWithNameWord(string.content, string.closed)) logits[id]! -= this.penalty;
      if (onValue && string.content !== '' && string.values?.some((v) => followsValue(string.content, v, string.closed))) logits[id]! += this.penalty;
    }
  }

  /**
   * Where the task gives this field's value, as the task's text from there: after the field's label words ("set Event
   * day to …", "Event day: …", `Mailbox "…"`, "Name on the card holder list to …" for `name_on_the_card`).
   */
  private valuesOf(field: string): readonly string[] {
    let values = this.values.get(field);
    if (!values) {
      const task = this.sources[0] ?? '';
      values = valueStarts(task, field.split('__').at(-1)!.split('_').filter(Boolean)).map((at) => task.slice(at));
      this.values.set(field, values);
    }
    return values;
  }

  /** The first word of `content` is (or, while it is being written, can only become) a word of a page name. */
  private startsWithNameWord(content: string, closed: boolean): boolean {
    const word = /^[\p{L}\p{N}]+/u.exec(content)?.[0];
    if (!word) return false;
    if (closed || word.length < content.length) return this.nameWords.has(word.toLowerCase());
    let any = false;
    for (const source of this.sourceWords) {
      if (!source.text.startsWith(word)) continue;
      if (!this.nameWords.has(source.lower)) return false;
      any = true;
    }
    return any;
  }

  /** `content` occurs in a source starting at a word boundary (and, when `closing`, ending at one too); a select's
   * value is a prefix of one of its values, and whole when closing. `needsWord`: a text without a letter or digit yet
   * must be where one follows on its line (what `.find(…)` looks for: `find(")` copied from the page's symbols could
   * neither grow nor close, and the model was left with nothing it may write). */
  private copied(content: string, closing = false, options?: readonly string[], needsWord = false): boolean {
    if (options) return options.some((option) => (closing ? option === content : option.startsWith(content)));
    if (content === '') return true;
    // Values are trimmed: no gold literal starts or ends with a space (`find(" Buy")` is a word cut loose).
    if (/^\s/.test(content) || (closing && /\s$/.test(content))) return false;
    const first = WORD.test(content[0]!);
    const last = WORD.test(content[content.length - 1]!);
    for (const source of this.sources) {
      for (let at = source.indexOf(content); at >= 0; at = source.indexOf(content, at + 1)) {
        const end = at + content.length;
        if (first && at > 0 && WORD.test(source[at - 1]!)) continue;
        if (closing && last && end < source.length && WORD.test(source[end]!)) continue;
        if (needsWord && !WORD.test(content) && !WORD.test(source.slice(end).split('\n', 1)[0]!)) continue;
        return true;
      }
    }
    return false;
  }

  /** Runs `text` through the lexer; null when a string's content stops being a copy of a source. */
  private advance(from: Lexer, fromSlash: boolean, fromTail: string, text: string):
    { state: Lexer; slash: boolean; tail: string; closed?: string; closedValues?: readonly string[] } | null {
    let state = from;
    let slash = fromSlash;
    let tail = fromTail;
    let closed: string | undefined;
    let closedValues: readonly string[] | undefined;
    for (const ch of text) {
      switch (state.mode) {
        case 'string': {
          if (state.escaped) {
            const content = state.content + ch;
            if (!this.copied(content, false, state.options)) return null;
            state = { ...state, content, escaped: false };
          } else if (ch === '\\') {
            const content = `${state.content}\\`;
            if (!this.copied(content, false, state.options)) return null;
            state = { ...state, content, escaped: true };
          } else if (ch === '\n' || ch === '\r') {
            return null; // a quoted string ends on its line (and the page's symbols are one per line)
          } else if (ch === state.quote) {
            if (!this.copied(state.content, true, state.options)) return null;
            if (state.found && !WORD.test(state.content)) return null;
            closed = state.options ? undefined : state.content;
            closedValues = state.values;
            state = CODE;
          } else {
            const content = state.content + ch;
            if (!this.copied(content, false, state.options, state.found)) return null;
            state = { ...state, content };
          }
          break;
        }
        case 'template':
          if (state.escaped) state = { mode: 'template', escaped: false };
          else if (ch === '\\') state = { mode: 'template', escaped: true };
          else if (ch === '`') state = CODE;
          break;
        case 'line':
          if (ch === '\n') state = CODE;
          break;
        case 'block':
          if (state.star && ch === '/') state = CODE;
          else state = { mode: 'block', star: ch === '*' };
          break;
        case 'code':
          if (ch === '"' || ch === "'") {
            const select = this.selectValues.size ? SELECT_CALL.exec(tail)?.[1] : undefined;
            const field = this.penalty ? TYPE_CALL.exec(tail)?.[1] : undefined;
            state = { mode: 'string', quote: ch, content: '', escaped: false, options: select ? this.selectValues.get(select) : undefined,
              values: field ? this.valuesOf(field) : undefined, ...(FIND_CALL.test(tail) ? { found: true } : {}) };
          }
          else if (ch === '`') state = { mode: 'template', escaped: false };
          else if (slash && ch === '/') state = { mode: 'line' };
          else if (slash && ch === '*') state = { mode: 'block', star: false };
          break;
      }
      slash = state.mode === 'code' && ch === '/' && !slash;
      if (state.mode === 'code' || (state.mode === 'string' && state.content === '')) tail = (tail + ch).slice(-CODE_TAIL);
    }
    return { state, slash, tail, ...(closed !== undefined ? { closed, closedValues } : {}) };
  }

  allows(id: number): boolean {
    if (this.endIds.includes(id)) return this.state.mode === 'code';
    const piece = this.pieces[id];
    if (piece === undefined || piece === '') return true;
    if (this.state.mode === 'code' && !/["']/.test(piece)) return true;
    return this.advance(this.state, this.slash, this.tail, piece) !== null;
  }

  accept(id: number): void {
    if (this.endIds.includes(id)) return;
    const next = this.advance(this.state, this.slash, this.tail, this.pieces[id] ?? '');
    if (next) ({ state: this.state, slash: this.slash, tail: this.tail } = next);
    else this.state = CODE;
  }

  /** The open string's text so far (for tests and diagnostics). */
  get openString(): string | undefined {
    return this.state.mode === 'string' ? this.state.content : undefined;
  }
}

/**
 * The values `.select(…)` may take on a select with these options: each option the task names (whole words, any case)
 * as the task writes it (not one only inside another it names: "Large" in "extra large"), or, when the task names none
 * of them, the options themselves. Placeholder options without a letter or digit ("—") are never a value asked for.
 */
export function valuesOfSelect(options: readonly string[], task: string): string[] {
  const real = options.filter((option) => WORD.test(option));
  const lower = task.toLowerCase();
  const spans: { at: number; end: number }[] = [];
  for (const option of real) {
    const wanted = option.toLowerCase();
    for (let at = lower.indexOf(wanted); at >= 0; at = lower.indexOf(wanted, at + 1)) {
      const end = at + wanted.length;
      if ((at > 0 && WORD.test(task[at - 1]!)) || (end < task.length && WORD.test(task[end]!))) continue;
      spans.push({ at, end });
    }
  }
  const named = spans.filter((s) => !spans.some((o) => o !== s && o.at <= s.at && s.end <= o.end && o.end - o.at > s.end - s.at));
  return [...new Set(named.length ? named.map((s) => task.slice(s.at, s.end)) : real)];
}

/**
 * Where a task gives the value of a field whose name has these words: after the words, in order, as whole words of the
 * task (any case), then up to a few more label words and a connector: ` to `, `: `, or an opening quote.
 */
export function valueStarts(task: string, words: readonly string[]): number[] {
  if (!words.length) return [];
  const found = wordsOf(task);
  const starts: number[] = [];
  for (let i = 0; i + words.length <= found.length; i++) {
    if (!words.every((w, k) => found[i + k]!.lower === w)) continue;
    const after = task.slice(found[i + words.length - 1]!.end);
    const link = /^(?:\s+[\p{L}\p{N}]+){0,3}?(?:\s+to\s+|\s*:\s*|\s+(?=["']))["']?/u.exec(after);
    if (link) starts.push(task.length - after.length + link[0].length);
  }
  return starts;
}

interface SourceWord { text: string; lower: string; end: number }

/** The runs of letters and digits of `text`, where each ends. */
function wordsOf(text: string): SourceWord[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ text: m[0], lower: m[0].toLowerCase(), end: m.index + m[0].length }));
}

/** The quoted string a step leaves open, or closed on its way. */
function stringAfter(next: { state: Lexer; closed?: string; closedValues?: readonly string[] }):
  { content: string; closed: boolean; options?: readonly string[] | undefined; values?: readonly string[] | undefined } | undefined {
  if (next.state.mode === 'string') return { content: next.state.content, closed: false, options: next.state.options, values: next.state.values };
  return next.closed === undefined ? undefined : { content: next.closed, closed: true, values: next.closedValues };
}

/** `content` is on the way to `value` (the task's text from the value on): a prefix, or, closed, all of a word run. */
function followsValue(content: string, value: string, closed: boolean): boolean {
  if (!value.startsWith(content)) return false;
  return !closed || content.length === value.length || !WORD.test(value[content.length]!);
}
