import { canonical, isLineTerminator, isWordChar, type Program } from './compile.ts';

/**
 * Runs a compiled pattern by backtracking with a stack of its own (no host recursion however long the text), and
 * reports its work to `tick` every TICK_EVERY instructions: the budget that ends the run ends a runaway pattern too.
 */
export const TICK_EVERY = 1024;

export interface Ticker {
  /** Called with the instructions run since the last call; throws to stop the match. */
  tick(instructions: number): void;
}

/** Where a match starts and ends, and each group's start and end (-1 for a group that took no part). */
export type Captures = Int32Array;

const BRANCH = 0;
const RESTORE_SLOT = 1;
const RESTORE_REGISTER = 2;

class Machine {
  private count = 0;
  /**
   * One register per optional repeat (where its current repetition started). Shared by nested lookaround runs: the
   * repeats inside a lookaround are its own, and it finishes before the run around it reads its own again.
   */
  private readonly registers: Int32Array;
  /** A backtracking stack per lookaround depth, reused from one start position to the next. */
  private readonly stacks: number[][] = [];
  private depth = 0;

  constructor(private readonly program: Program, private readonly input: string, private readonly ticker: Ticker) {
    this.registers = new Int32Array(program.registers).fill(-1);
  }

  /** Work outside the instructions (clearing the groups' positions for a new start), as instructions. */
  charge(instructions: number): void {
    this.count += instructions;
    if (this.count >= TICK_EVERY) this.flush();
  }

  /** Instructions not yet reported. */
  flush(): void {
    if (this.count > 0) this.ticker.tick(this.count);
    this.count = 0;
  }

  private codeAt(pos: number): number {
    return this.program.parsed.unicode ? this.input.codePointAt(pos)! : this.input.charCodeAt(pos);
  }

  /** The character that ends at `pos` (a whole surrogate pair with `u`), for a lookbehind reading right to left. */
  private codeBefore(pos: number): number {
    const low = this.input.charCodeAt(pos - 1);
    if (this.program.parsed.unicode && pos >= 2 && low >= 0xdc00 && low <= 0xdfff) {
      const high = this.input.charCodeAt(pos - 2);
      if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
    }
    return low;
  }

  private wordAt(pos: number): boolean {
    if (pos < 0 || pos >= this.input.length) return false;
    const c = this.input.charCodeAt(pos);
    // With `i` and `u`, ſ and K (Kelvin) are word characters too: they fold to s and k.
    return isWordChar(c) || (this.program.parsed.ignoreCase && this.program.parsed.unicode && (c === 0x17f || c === 0x212a));
  }

  /** Runs from `pc` at `pos` with `caps` (changed in place on success); returns whether it matched. */
  run(pc: number, pos: number, caps: Captures): boolean {
    const registers = this.registers;
    const stack = (this.stacks[this.depth] ??= []);
    stack.length = 0;
    this.depth++;
    try {
      return this.runWith(pc, pos, caps, registers, stack);
    } finally {
      this.depth--;
    }
  }

  private runWith(pc: number, pos: number, caps: Captures, registers: Int32Array, stack: number[]): boolean {
    const { insts, parsed } = this.program;
    const input = this.input;
    const length = input.length;
    for (;;) {
      if (++this.count >= TICK_EVERY) this.flush();
      const inst = insts[pc]!;
      let ok = true;
      switch (inst.op) {
        case 'char':
        case 'set': {
          if (inst.back ? pos <= 0 : pos >= length) {
            ok = false;
            break;
          }
          const c = inst.back ? this.codeBefore(pos) : this.codeAt(pos);
          if (inst.op === 'char' ? (parsed.ignoreCase ? canonical(c, parsed.unicode) : c) === inst.c : inst.test(c)) {
            const width = c > 0xffff && parsed.unicode ? 2 : 1;
            pos += inst.back ? -width : width;
            pc++;
          } else ok = false;
          break;
        }
        case 'split':
          stack.push(BRANCH, inst.y, pos);
          pc = inst.x;
          break;
        case 'jmp':
          pc = inst.x;
          break;
        case 'save':
          stack.push(RESTORE_SLOT, inst.slot, caps[inst.slot]!);
          caps[inst.slot] = pos;
          pc++;
          break;
        case 'reset':
          for (let slot = inst.from; slot < inst.to; slot++) {
            if (caps[slot] !== -1) {
              stack.push(RESTORE_SLOT, slot, caps[slot]!);
              caps[slot] = -1;
            }
          }
          pc++;
          break;
        case 'mark':
          stack.push(RESTORE_REGISTER, inst.r, registers[inst.r]!);
          registers[inst.r] = pos;
          pc++;
          break;
        case 'check':
          // A repetition past the required ones that matched nothing ends the repeating (JavaScript's rule).
          if (registers[inst.r] === pos) ok = false;
          else pc++;
          break;
        case 'assert':
          ok = this.holds(inst.kind, pos);
          if (ok) pc++;
          break;
        case 'backref': {
          const start = caps[2 * inst.group]!;
          const end = caps[2 * inst.group + 1]!;
          if (start < 0 || end < 0) {
            pc++;
            break;
          }
          const n = end - start;
          // Comparing n characters is n instructions' work: `(a*)\1` on a long text must reach the budget, not the clock.
          this.count += n;
          const from = inst.back ? pos - n : pos;
          if (from < 0 || from + n > length || !this.sameText(start, from, n)) {
            ok = false;
            break;
          }
          pos = inst.back ? from : pos + n;
          pc++;
          break;
        }
        case 'look': {
          // Copying the groups' positions is work too.
          this.count += caps.length >> 3;
          const inner = caps.slice();
          const found = this.run(inst.start, pos, inner);
          if (found === inst.negate) {
            ok = false;
            break;
          }
          if (!inst.negate) {
            // What a lookaround captured stays (JavaScript keeps it), and is undone when this path backtracks.
            for (let slot = 0; slot < caps.length; slot++) {
              if (inner[slot] !== caps[slot]) {
                stack.push(RESTORE_SLOT, slot, caps[slot]!);
                caps[slot] = inner[slot]!;
              }
            }
          }
          pc = inst.next;
          break;
        }
        case 'match':
          return true;
      }
      if (ok) continue;
      // Backtrack: undo slots and registers back to the latest branch, and take its other way.
      let resumed = false;
      while (stack.length > 0) {
        const b = stack.pop()!;
        const a = stack.pop()!;
        const kind = stack.pop()!;
        if (kind === BRANCH) {
          pc = a;
          pos = b;
          resumed = true;
          break;
        }
        if (kind === RESTORE_SLOT) caps[a] = b;
        else registers[a] = b;
      }
      if (!resumed) return false;
    }
  }

  private holds(kind: 'start' | 'end' | 'word' | 'notword', pos: number): boolean {
    const input = this.input;
    switch (kind) {
      case 'start':
        return pos === 0 || (this.program.parsed.multiline && isLineTerminator(input.charCodeAt(pos - 1)));
      case 'end':
        return pos === input.length || (this.program.parsed.multiline && isLineTerminator(input.charCodeAt(pos)));
      case 'word':
        return this.wordAt(pos - 1) !== this.wordAt(pos);
      case 'notword':
        return this.wordAt(pos - 1) === this.wordAt(pos);
    }
  }

  private sameText(start: number, pos: number, n: number): boolean {
    const { ignoreCase, unicode } = this.program.parsed;
    if (ignoreCase && unicode) {
      // Case folding is by code point with `u` (𐐀 and 𐐨 are one letter).
      for (let i = 0; i < n;) {
        const a = this.input.codePointAt(start + i)!;
        const b = this.input.codePointAt(pos + i)!;
        if (a !== b && canonical(a, true) !== canonical(b, true)) return false;
        i += a > 0xffff ? 2 : 1;
      }
      return true;
    }
    for (let i = 0; i < n; i++) {
      const a = this.input.charCodeAt(start + i);
      const b = this.input.charCodeAt(pos + i);
      if (a !== b && (!ignoreCase || canonical(a, unicode) !== canonical(b, unicode))) return false;
    }
    return true;
  }
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** The index after `index` for a search that moves on (a whole surrogate pair with the `u` flag). */
export function advance(input: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= input.length) return index + 1;
  const c = input.charCodeAt(index);
  const d = input.charCodeAt(index + 1);
  return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? index + 2 : index + 1;
}

/**
 * The first match at `from` or later (only at `from` when `anchored`), as capture positions, or null. The search
 * moves on one position at a time, skipping to the pattern's first character where it has one.
 */
export function search(program: Program, input: string, from: number, anchored: boolean, ticker: Ticker): Captures | null {
  const machine = new Machine(program, input, ticker);
  const caps: Captures = new Int32Array(2 * (program.groups + 1));
  const { unicode } = program.parsed;
  // A lone surrogate sought with `u` would be found inside a pair, where no match may start.
  const lone = program.firstChar !== undefined && program.firstChar >= 0xd800 && program.firstChar <= 0xdfff;
  const first = program.firstChar === undefined || anchored || (unicode && lone) ? undefined : String.fromCodePoint(program.firstChar);
  let start = Math.max(0, from);
  // With `u`, a start inside a surrogate pair is the pair's start (the text is read as code points).
  if (unicode && start > 0 && start < input.length && isLowSurrogate(input.charCodeAt(start)) && isHighSurrogate(input.charCodeAt(start - 1))) start--;
  try {
    for (let at = start; at <= input.length;) {
      if (first !== undefined) {
        const next = input.indexOf(first, at);
        if (next < 0) return null;
        at = next;
      }
      caps.fill(-1);
      machine.charge(caps.length >> 3);
      if (machine.run(0, at, caps)) return caps;
      if (anchored) return null;
      at = advance(input, at, program.parsed.unicode);
    }
    return null;
  } finally {
    machine.flush();
  }
}
