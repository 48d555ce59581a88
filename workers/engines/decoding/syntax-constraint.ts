/**
 * Syntax-constrained decoding for scripts: a token may come next only if the output stays a viable prefix of a valid
 * script (script-prefix.ts), and the output may only end on a whole script. Checking a token means parsing, so this
 * constraint is applied lazily to the best-ranked candidates (see OutputConstraints.mask), never to a whole row.
 */
import { completeScript, viableScriptPrefix } from './script-prefix.ts';

/** The longest text looked for repeated (see `repeats`). */
const MAX_REPEAT_UNIT = 40;
/** A number's own digits may repeat (`10000`), up to this many in a row. */
const MAX_DIGIT_RUN = 16;
/** Spaces in a row: within a line, and as its indentation (four per level, a few levels deep). */
const MAX_SPACE_RUN = 8;
const MAX_INDENT = 32;

type LexMode = 'code' | 'string' | 'line-comment' | 'block-comment';

/**
 * Which characters (UTF-16 units) of the output are inside a string literal or a comment (text the loop rules leave
 * alone). Template literals are not followed: the layout rules leave a script with one alone.
 */
class LiteralSpans {
  private mode: LexMode = 'code';
  private quote = '';
  private escaped = false;
  private previous = '';
  /** One flag per character fed: true inside a literal or a comment (its delimiters are code). */
  readonly inside: boolean[] = [];

  feed(text: string): void {
    for (let i = 0; i < text.length; i++) this.inside.push(this.step(text[i]!));
  }

  /** The flags `text` would get after what was fed, without feeding it. */
  peek(text: string): boolean[] {
    const saved = { mode: this.mode, quote: this.quote, escaped: this.escaped, previous: this.previous };
    const flags = Array.from({ length: text.length }, (_, i) => this.step(text[i]!));
    Object.assign(this, saved);
    return flags;
  }

  private step(char: string): boolean {
    const previous = this.previous;
    this.previous = char;
    switch (this.mode) {
      case 'string':
        if (this.escaped) { this.escaped = false; return true; }
        if (char === '\\') { this.escaped = true; return true; }
        if (char === this.quote || char === '\n') { this.mode = 'code'; return false; }
        return true;
      case 'line-comment':
        if (char === '\n') { this.mode = 'code'; return false; }
        return true;
      case 'block-comment':
        if (previous === '*' && char === '/') { this.mode = 'code'; this.previous = ''; }
        return true;
      default:
        if (char === '"' || char === "'") { this.mode = 'string'; this.quote = char; return false; }
        if (previous === '/' && char === '/') { this.mode = 'line-comment'; return true; }
        if (previous === '/' && char === '*') { this.mode = 'block-comment'; this.previous = ''; return true; }
        return false;
    }
  }
}

export class SyntaxConstraint {
  private text = '';
  private readonly literals = new LiteralSpans();
  private readonly verdicts = new Map<number, boolean>();

  constructor(private readonly pieces: readonly string[], readonly endIds: readonly number[] = []) {}

  allows(id: number): boolean {
    const known = this.verdicts.get(id);
    if (known !== undefined) return known;
    const piece = this.pieces[id];
    const verdict = this.endIds.includes(id) ? completeScript(this.text)
      // Specials that print nothing would let a model stall inside a script until its token budget runs out.
      : piece === undefined || piece === '' ? false : !this.opensBlankLine(piece) && !this.oddSpace(piece) && !this.repeats(piece)
        && viableScriptPrefix(this.text + piece);
    this.verdicts.set(id, verdict);
    return verdict;
  }

  /**
   * No blank lines: no gold script of the corpus has one, and a small model that starts writing them is looping
   * (`$x.check\n\n\n…` until the token limit). A template literal may hold them, so a script with one is left alone.
   */
  private opensBlankLine(piece: string): boolean {
    if (!piece.includes('\n') || this.mayBeTemplate(piece)) return false;
    const from = Math.max(0, this.text.lastIndexOf('\n'));
    return /\n[ \t]*\n/.test(this.text.slice(from) + piece);
  }

  /**
   * Only spaces and line breaks, and no run of more than 8 spaces within a line or 32 as its indentation: a small
   * model gone astray pads with tabs, form feeds and long runs of spaces until its token limit (the demo mail's
   * "Archive every newsletter"). A template literal may hold anything.
   */
  private oddSpace(piece: string): boolean {
    if (this.mayBeTemplate(piece)) return false;
    if (/[^\S \n]/u.test(piece)) return true;
    if (!piece.includes(' ')) return false;
    const lines = (this.text.slice(this.text.lastIndexOf('\n') + 1) + piece).split('\n');
    return lines.some((line) => {
      const indent = /^ */.exec(line)![0].length;
      return indent > MAX_INDENT || new RegExp(` {${MAX_SPACE_RUN + 1}}`).test(line.slice(indent));
    });
  }

  /**
   * The same code four times in a row (`+ + + +`, `.clickThat.clickThat.clickThat.clickThat`, a statement said again
   * and again): a small model looping until its token limit. Left alone: what is inside a string or a comment (the
   * page's "★★★★", a `// ----`; the literal constraint bounds what a string copies), a number's digits (`10000`, up to
   * 16 in a row), closing brackets (as many as were opened: `""))))`), and a template literal.
   */
  private repeats(piece: string): boolean {
    if (this.mayBeTemplate(piece)) return false;
    const tail = this.text.slice(-4 * MAX_REPEAT_UNIT);
    const text = tail + piece;
    const inside = [...this.literals.inside.slice(this.literals.inside.length - tail.length), ...this.literals.peek(piece)];
    for (let unit = 1; unit <= MAX_REPEAT_UNIT && 4 * unit <= text.length; unit++) {
      const last = text.slice(-unit);
      if (!/\S/.test(last) || /^[\s)\]}]+$/.test(last)) continue;
      if (/^\d+$/.test(last) && /\d*$/.exec(text)![0].length <= MAX_DIGIT_RUN) continue;
      const copies = [2, 3, 4].every((n) => text.slice(-n * unit, -(n - 1) * unit) === last);
      if (copies && !inside.slice(-4 * unit).some(Boolean)) return true;
    }
    return false;
  }

  /** The script has (or this piece opens) a template literal, which may hold any text: the layout rules leave it be. */
  private mayBeTemplate(piece: string): boolean {
    return this.text.includes('`') || piece.includes('`');
  }

  accept(id: number): void {
    if (!this.endIds.includes(id)) {
      const piece = this.pieces[id] ?? '';
      this.text += piece;
      this.literals.feed(piece);
    }
    this.verdicts.clear();
  }

  /** The output so far (for tests and diagnostics). */
  get written(): string {
    return this.text;
  }
}
