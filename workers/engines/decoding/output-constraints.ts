/**
 * The token-level output constraints of the ORT engines, combined: names (`$name` references limited to the page
 * document's), literals (quoted strings copied from the task and the page) and syntax (the output stays a viable
 * prefix of a valid script). Names and literals are cheap and mask a whole row; syntax needs a parse per token, so it
 * is checked on the best-ranked candidates only, until as many allowed ones as the sampler can use are found (in the
 * worst case the whole row: a model far off the grammar costs ~0.1 s for that step, never a broken script).
 */
import type { OutputConstraint } from '../types.ts';
import { LiteralConstraint } from './literal-constraint.ts';
import { bytePieces, byteConstraint } from './byte-text.ts';
import { NameConstraint } from './name-constraint.ts';
import { SyntaxConstraint } from './syntax-constraint.ts';

interface TokenConstraint {
  allows(id: number): boolean;
  accept(id: number): void;
  /** A soft preference: adds to the logits of allowed tokens (after the masks, before the syntax check ranks). */
  bias?(logits: Float32Array): void;
}


/** Argmax scans tried before the whole row is sorted (ties go to the lower id, as in a sort by logit then id). */
const ARGMAX_SCANS = 8;

export class OutputConstraints {
  private readonly cheap: TokenConstraint[];
  private readonly syntax: SyntaxConstraint | undefined;
  private readonly silent: ReadonlySet<number>;

  /**
   * @param silent ids that print nothing and do not end the output (pad, bos, unused rows): never useful in a
   *   constrained output, and a model gone astray could write them until the token limit
   */
  constructor(parts: { names?: NameConstraint | undefined; literals?: LiteralConstraint | undefined; syntax?: SyntaxConstraint | undefined },
    silent: Iterable<number> = []) {
    this.cheap = [parts.names, parts.literals].filter((c): c is NameConstraint | LiteralConstraint => c !== undefined);
    this.syntax = parts.syntax;
    this.silent = new Set(silent);
  }

  allows(id: number): boolean {
    return !this.silent.has(id) && this.cheap.every((c) => c.allows(id)) && (this.syntax?.allows(id) ?? true);
  }

  /**
   * Sets disallowed logits to -Infinity. `want`: how many allowed candidates the sampler needs (1 for greedy, k for
   * top-k); with the syntax constraint only the best-ranked tokens are checked and the rest are ruled out. Where the
   * cheap constraints and the syntax leave nothing in common, the syntax alone holds (a script with a name or value
   * the cheap rules refuse still runs and gets a typed error to repair; one that does not parse is only junk); where no
   * token keeps the text a viable script, only the end is left: nothing written after it could ever parse.
   */
  mask(logits: Float32Array, want = 1): void {
    const original = this.syntax ? Float32Array.from(logits) : undefined;
    const allowed = new Uint8Array(logits.length);
    let any = false;
    for (let id = 0; id < logits.length; id++) {
      if (logits[id] !== -Infinity && !this.silent.has(id) && this.cheap.every((c) => c.allows(id))) {
        allowed[id] = 1;
        any = true;
      }
    }
    if (any) {
      for (let id = 0; id < logits.length; id++) if (!allowed[id]) logits[id] = -Infinity;
      for (const c of this.cheap) c.bias?.(logits);
    }
    if (!this.syntax) return;
    let keep = this.syntaxAllowed(logits, want);
    if (keep.size === 0 && any && this.cheap.length) {
      logits.set(original!);
      keep = this.syntaxAllowed(logits, want);
    }
    this.deadEnds += keep.size === 0 ? 1 : 0;
    if (keep.size === 0) keep = new Set(this.syntax.endIds);
    if (keep.size === 0) return;
    for (let id = 0; id < logits.length; id++) if (!keep.has(id)) logits[id] = -Infinity;
  }

  /** Steps where no token kept the text a viable script (the output was ended there). */
  deadEnds = 0;

  /** Up to `want` syntax-allowed ids, best first: a few argmax scans (the best is nearly always allowed), then a sort. */
  private syntaxAllowed(logits: Float32Array, want: number): Set<number> {
    const keep = new Set<number>();
    const checked = new Set<number>();
    for (let scan = 0; scan < ARGMAX_SCANS && keep.size < want; scan++) {
      let best = -1;
      for (let id = 0; id < logits.length; id++) {
        if (logits[id] !== -Infinity && !checked.has(id) && (best < 0 || logits[id]! > logits[best]!)) best = id;
      }
      if (best < 0) return keep;
      checked.add(best);
      if (this.syntax!.allows(best)) keep.add(best);
    }
    if (keep.size >= want) return keep;
    const ranked: number[] = [];
    for (let id = 0; id < logits.length; id++) if (logits[id] !== -Infinity && !checked.has(id)) ranked.push(id);
    ranked.sort((a, b) => logits[b]! - logits[a]! || a - b);
    for (let i = 0; i < ranked.length && keep.size < want; i++) if (this.syntax!.allows(ranked[i]!)) keep.add(ranked[i]!);
    return keep;
  }

  accept(id: number): void {
    for (const c of this.cheap) c.accept(id);
    this.syntax?.accept(id);
  }
}

/** How many allowed candidates a sampler can use: 1 for greedy, k for top-k, 64 for sampling over the whole row. */
export function candidatesWanted(plan: { kind: 'argmax' } | { kind: 'top-k'; k: number } | { kind: 'full-row' }): number {
  return plan.kind === 'argmax' ? 1 : plan.kind === 'top-k' ? plan.k : 64;
}

const piecesCache = new WeakMap<object, string[]>();

/**
 * The constraints a request asks for, over this tokenizer's pieces (computed once per tokenizer), or undefined. All
 * text is in byte form (byte-text.ts), so a character written as several byte tokens is matched too.
 */
export function outputConstraintsFor(request: OutputConstraint | undefined,
  tokenizer: { decode(ids: readonly number[]): string; tokenBytes?(id: number): Uint8Array | undefined },
  vocabSize: number, endIds: readonly number[]): OutputConstraints | undefined {
  if (!request || (!request.names && !request.literals && !request.syntax)) return undefined;
  const constraint = byteConstraint(request);
  let pieces = piecesCache.get(tokenizer);
  if (!pieces || pieces.length < vocabSize) {
    pieces = bytePieces({ decode: (ids) => tokenizer.decode(ids), tokenBytes: (id) => tokenizer.tokenBytes?.(id) }, vocabSize);
    piecesCache.set(tokenizer, pieces);
  }
  const silent: number[] = [];
  for (let id = 0; id < vocabSize; id++) if (pieces[id] === '' && !endIds.includes(id)) silent.push(id);
  return new OutputConstraints({
    names: constraint.names ? new NameConstraint(constraint.names, pieces, endIds, constraint.api, constraint.preferNames) : undefined,
    literals: constraint.literals ? new LiteralConstraint(constraint.literals, pieces, endIds, constraint.api?.options,
      constraint.names && constraint.preferNames ? { names: constraint.names, weight: constraint.preferNames.weight } : undefined) : undefined,
    syntax: constraint.syntax === 'script' ? new SyntaxConstraint(pieces, endIds) : undefined,
  }, silent);
}
