/**
 * Syntax-constrained decoding for scripts: a token may come next only if the output stays a viable prefix of a valid
 * script (script-prefix.ts), and the output may only end on a whole script. Checking a token means parsing, so this
 * constraint is applied lazily to the best-ranked candidates (see OutputConstraints.mask), never to a whole row.
 */
import { completeScript, viableScriptPrefix } from './script-prefix.ts';

/** The longest text looked for repeated (see `repeats`). */
const MAX_REPEAT_UNIT = 40;

export class SyntaxConstraint {
  private text = '';
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
   * Only spaces and line breaks, and no run of more than 8 spaces: gold scripts indent by two, and a small model gone
   * astray pads with tabs, form feeds and long runs of spaces until its token limit (the demo mail's "Archive every
   * newsletter"). A template literal may hold anything.
   */
  private oddSpace(piece: string): boolean {
    if (this.mayBeTemplate(piece)) return false;
    return /[^\S \n]/u.test(piece) || / {9}/.test(this.text.slice(-8) + piece);
  }

  /**
   * The same text four times in a row (`++++`, `.clickThat.clickThat.clickThat.clickThat`): a small model looping until
   * its token limit. A template literal may hold anything.
   */
  private repeats(piece: string): boolean {
    if (this.mayBeTemplate(piece)) return false;
    const text = this.text.slice(-4 * MAX_REPEAT_UNIT) + piece;
    for (let unit = 1; unit <= MAX_REPEAT_UNIT && 4 * unit <= text.length; unit++) {
      const last = text.slice(-unit);
      if (!/\S/.test(last)) continue;
      if (text.slice(-2 * unit, -unit) === last && text.slice(-3 * unit, -2 * unit) === last && text.slice(-4 * unit, -3 * unit) === last) return true;
    }
    return false;
  }

  /** The script has (or this piece opens) a template literal, which may hold any text: the layout rules leave it be. */
  private mayBeTemplate(piece: string): boolean {
    return this.text.includes('`') || piece.includes('`');
  }

  accept(id: number): void {
    if (!this.endIds.includes(id)) this.text += this.pieces[id] ?? '';
    this.verdicts.clear();
  }

  /** The output so far (for tests and diagnostics). */
  get written(): string {
    return this.text;
  }
}
