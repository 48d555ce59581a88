/**
 * Literal-constrained decoding: the text inside a script's quoted strings ("…", '…') must be copied from the given
 * sources (the task, the page's symbols), whole words at both ends, so a small model cannot misspell a value it was
 * asked to type, invent one, or cut it short ("+1 555 265 510" for "+1 555 265 5105", "Han" for "Hana"). Template
 * literals and comments are not constrained.
 */
type Lexer =
  | { mode: 'code' }
  | { mode: 'string'; quote: string; content: string; escaped: boolean }
  | { mode: 'template'; escaped: boolean }
  | { mode: 'line' }
  | { mode: 'block'; star: boolean };

const CODE: Lexer = { mode: 'code' };
const WORD = /[\p{L}\p{N}]/u;

export class LiteralConstraint {
  private state: Lexer = CODE;
  /** Last char seen in code (for `//` and `/*`). */
  private slash = false;

  constructor(private readonly sources: readonly string[], private readonly pieces: readonly string[],
    private readonly endIds: readonly number[] = []) {}

  /** `content` occurs in a source starting at a word boundary (and, when `closing`, ending at one too). */
  private copied(content: string, closing = false): boolean {
    if (content === '') return true;
    const first = WORD.test(content[0]!);
    const last = WORD.test(content[content.length - 1]!);
    for (const source of this.sources) {
      for (let at = source.indexOf(content); at >= 0; at = source.indexOf(content, at + 1)) {
        const end = at + content.length;
        if (first && at > 0 && WORD.test(source[at - 1]!)) continue;
        if (closing && last && end < source.length && WORD.test(source[end]!)) continue;
        return true;
      }
    }
    return false;
  }

  /** Runs `text` through the lexer; null when a string's content stops being a copy of a source. */
  private advance(from: Lexer, fromSlash: boolean, text: string): { state: Lexer; slash: boolean } | null {
    let state = from;
    let slash = fromSlash;
    for (const ch of text) {
      switch (state.mode) {
        case 'string': {
          if (state.escaped) {
            const content = state.content + ch;
            if (!this.copied(content)) return null;
            state = { ...state, content, escaped: false };
          } else if (ch === '\\') {
            const content = `${state.content}\\`;
            if (!this.copied(content)) return null;
            state = { ...state, content, escaped: true };
          } else if (ch === state.quote) {
            if (!this.copied(state.content, true)) return null;
            state = CODE;
          } else {
            const content = state.content + ch;
            if (!this.copied(content)) return null;
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
          if (ch === '"' || ch === "'") state = { mode: 'string', quote: ch, content: '', escaped: false };
          else if (ch === '`') state = { mode: 'template', escaped: false };
          else if (slash && ch === '/') state = { mode: 'line' };
          else if (slash && ch === '*') state = { mode: 'block', star: false };
          break;
      }
      slash = state.mode === 'code' && ch === '/' && !slash;
    }
    return { state, slash };
  }

  allows(id: number): boolean {
    if (this.endIds.includes(id)) return this.state.mode === 'code';
    const piece = this.pieces[id];
    if (piece === undefined || piece === '') return true;
    if (this.state.mode === 'code' && !/["']/.test(piece)) return true;
    return this.advance(this.state, this.slash, piece) !== null;
  }

  accept(id: number): void {
    if (this.endIds.includes(id)) return;
    const next = this.advance(this.state, this.slash, this.pieces[id] ?? '');
    if (next) ({ state: this.state, slash: this.slash } = next);
    else this.state = CODE;
  }

  /** The open string's text so far (for tests and diagnostics). */
  get openString(): string | undefined {
    return this.state.mode === 'string' ? this.state.content : undefined;
  }
}
