/**
 * Name-constrained decoding (issue 11): while a script's `$name` reference is being written, only tokens that keep it
 * a prefix of a name the page document really has are allowed, and a reference can only end on a whole name, so a
 * hallucinated element cannot be produced. Everything else is free: code outside references, and `$` inside string
 * literals ("$12.50") is text. Works on any vocabulary: each token's text is run through a tiny lexer.
 */
type Lexer =
  | { mode: 'code' }
  | { mode: 'name'; prefix: string }
  | { mode: 'string'; quote: string; escaped: boolean };

const IDENTIFIER = /[\p{L}\p{N}_]/u;
const CODE: Lexer = { mode: 'code' };

export class NameConstraint {
  private readonly names: ReadonlySet<string>;
  private readonly prefixes = new Set<string>();
  private state: Lexer = CODE;

  /**
   * @param names the document's names, without `$`
   * @param pieces each token id's text (specials as '')
   * @param endIds ids that end the output (EOS): allowed only outside an unfinished name
   */
  constructor(names: Iterable<string>, private readonly pieces: readonly string[], private readonly endIds: readonly number[] = []) {
    this.names = new Set(names);
    for (const name of this.names) for (let i = 0; i <= name.length; i++) this.prefixes.add(name.slice(0, i));
  }

  /** Runs `text` through the lexer from `from`; null when it would write a name the document does not have. */
  private advance(from: Lexer, text: string): Lexer | null {
    let state = from;
    for (const ch of text) {
      if (state.mode === 'string') {
        if (state.escaped) state = { ...state, escaped: false };
        else if (ch === '\\') state = { ...state, escaped: true };
        else if (ch === state.quote) state = CODE;
        continue;
      }
      if (state.mode === 'name') {
        if (IDENTIFIER.test(ch)) {
          const prefix = state.prefix + ch;
          if (!this.prefixes.has(prefix)) return null;
          state = { mode: 'name', prefix };
          continue;
        }
        if (!this.names.has(state.prefix)) return null;
        state = CODE;
      }
      if (ch === '$') state = { mode: 'name', prefix: '' };
      else if (ch === '"' || ch === "'" || ch === '`') state = { mode: 'string', quote: ch, escaped: false };
    }
    if (state.mode === 'name' && !this.prefixes.has(state.prefix)) return null;
    return state;
  }

  /** Whether the token may come next. */
  allows(id: number): boolean {
    if (this.endIds.includes(id)) return this.state.mode !== 'name' || this.names.has(this.state.prefix);
    const piece = this.pieces[id];
    // Specials (pad, bos) print nothing: inside a name they would let the name stall forever without ending it.
    if (piece === undefined || piece === '') return this.state.mode !== 'name';
    if (this.state.mode === 'code' && !piece.includes('$')) return true;
    return this.advance(this.state, piece) !== null;
  }

  /** Sets the logits of disallowed tokens to -Infinity (left as they are if nothing would remain). */
  mask(logits: Float32Array): void {
    const allowed: boolean[] = [];
    let any = false;
    for (let id = 0; id < logits.length; id++) {
      allowed[id] = this.allows(id);
      any ||= allowed[id]! && logits[id] !== -Infinity;
    }
    if (!any) return;
    for (let id = 0; id < logits.length; id++) if (!allowed[id]) logits[id] = -Infinity;
  }

  /** The chosen token moves the lexer on. */
  accept(id: number): void {
    if (this.endIds.includes(id)) return;
    this.state = this.advance(this.state, this.pieces[id] ?? '') ?? CODE;
  }

  /** Inside a reference that is not yet a whole name (for tests and diagnostics). */
  get openName(): string | undefined {
    return this.state.mode === 'name' ? this.state.prefix : undefined;
  }
}

/** Each token id's text, decoded on its own (specials as ''). */
export function tokenPieces(decode: (ids: number[]) => string, vocabSize: number): string[] {
  return Array.from({ length: vocabSize }, (_, id) => decode([id]));
}

const piecesCache = new WeakMap<object, string[]>();

/** The constraint a request asks for, over this tokenizer's pieces (computed once per tokenizer), or undefined. */
export function nameConstraintFor(names: readonly string[] | undefined, tokenizer: { decode(ids: readonly number[]): string },
  vocabSize: number, endIds: readonly number[]): NameConstraint | undefined {
  if (!names) return undefined;
  let pieces = piecesCache.get(tokenizer);
  if (!pieces || pieces.length < vocabSize) {
    pieces = tokenPieces((ids) => tokenizer.decode(ids), vocabSize);
    piecesCache.set(tokenizer, pieces);
  }
  return new NameConstraint(names, pieces, endIds);
}
