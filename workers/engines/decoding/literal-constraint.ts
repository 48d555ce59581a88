/**
 * Literal-constrained decoding: the text inside a script's quoted strings ("…", '…') must be copied from the given
 * sources (the task and the page document the model reads), so a small model cannot misspell a value it was asked to
 * type or invent an item name the page does not show. Template literals and comments are not constrained.
 */
type Lexer =
  | { mode: 'code' }
  | { mode: 'string'; quote: string; content: string; escaped: boolean }
  | { mode: 'template'; escaped: boolean }
  | { mode: 'line' }
  | { mode: 'block'; star: boolean };

const CODE: Lexer = { mode: 'code' };

export class LiteralConstraint {
  private state: Lexer = CODE;
  /** Last char seen in code (for `//` and `/*`). */
  private slash = false;

  constructor(private readonly sources: readonly string[], private readonly pieces: readonly string[],
    private readonly endIds: readonly number[] = []) {}

  private copied(content: string): boolean {
    return content === '' || this.sources.some((source) => source.includes(content));
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
