import { AbortError, BudgetError } from '../../protocol/errors.ts';

/** Limits of one run. Every one of them ends the run with a BudgetError naming it (scripts cannot catch it). */
export interface Budgets {
  /** AST node evaluations. */
  steps: number;
  /** Wall-clock milliseconds for the whole run, bridge calls and waits included. */
  timeMs: number;
  /** Nested script function calls (and built-ins that a built-in calls back). */
  callDepth: number;
  /** Length of any one string a script makes. */
  stringLength: number;
  /** Length of any one array a script makes. */
  arrayLength: number;
  /** String characters and array elements created by the run, all together (stops memory blow-ups). */
  allocation: number;
  /** Page actions (click, type, navigate…), counted by the capability set. */
  actions: number;
}

export type BudgetName = keyof Budgets;

export const DEFAULT_BUDGETS: Readonly<Budgets> = {
  steps: 100_000,
  timeMs: 10_000,
  callDepth: 200,
  stringLength: 1_000_000,
  arrayLength: 100_000,
  allocation: 20_000_000,
  actions: 20,
};

/** How often (in steps) the clock is read, and how long a run may hold the thread before it yields. */
const CLOCK_EVERY = 256;
const YIELD_AFTER_MS = 20;

export interface Position {
  line: number;
  column: number;
}

/** Lets the event loop run (messages such as `cancel` arrive) without the 4 ms clamp of nested timers. */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export class Meter {
  readonly budgets: Budgets;
  steps = 0;
  actions = 0;
  allocated = 0;
  depth = 0;
  readonly startedAt = Date.now();
  private lastYield = Date.now();
  private deadline: number;
  /** While the host waits for the user (a confirmation, an answer, a step): the clock is stopped since then. */
  private pausedAt: number | null = null;
  private readonly rearm = new Set<() => void>();

  constructor(budgets: Partial<Budgets> | undefined, private readonly signal?: AbortSignal) {
    this.budgets = { ...DEFAULT_BUDGETS };
    for (const [key, value] of Object.entries(budgets ?? {})) {
      if (key in DEFAULT_BUDGETS && typeof value === 'number' && value >= 0) this.budgets[key as BudgetName] = value;
    }
    this.deadline = this.startedAt + this.budgets.timeMs;
  }

  exceeded(name: BudgetName, at: Position | undefined, detail?: string): BudgetError {
    const limit = this.budgets[name];
    const where = at ? ` at ${at.line}:${at.column}` : '';
    const what: Record<BudgetName, string> = {
      steps: `the script ran more than ${limit} steps (an endless loop, or more work than a script may do)`,
      timeMs: `the script ran longer than ${limit} ms`,
      callDepth: `function calls nested deeper than ${limit} (endless recursion?)`,
      stringLength: `a string longer than ${limit} characters`,
      arrayLength: `an array longer than ${limit} items`,
      allocation: `the script created more than ${limit} characters and items in all`,
      actions: `more than ${limit} page actions`,
    };
    return new BudgetError(`Budget exceeded: ${what[name]}${detail ? ` (${detail})` : ''}${where}`, {
      budget: name, limit, ...(at ? { line: at.line, column: at.column } : {}),
    });
  }

  /** One evaluation; returns true when the caller should yield to the event loop. */
  step(at: Position | undefined, count = 1): boolean {
    this.steps += count;
    if (this.steps > this.budgets.steps) throw this.exceeded('steps', at);
    if (this.steps % CLOCK_EVERY < count || count >= CLOCK_EVERY) {
      this.checkTime(at);
      if (Date.now() - this.lastYield > YIELD_AFTER_MS) return true;
    }
    return false;
  }

  checkTime(at: Position | undefined): void {
    if (this.signal?.aborted) throw new AbortError('the run was stopped');
    if (this.pausedAt === null && Date.now() > this.deadline) throw this.exceeded('timeMs', at);
  }

  /**
   * The host is waiting for the user (`true`) or done waiting (`false`): time spent waiting for a person does not
   * count against the run's time budget.
   */
  pause(paused: boolean): void {
    if (paused && this.pausedAt === null) {
      this.pausedAt = Date.now();
    } else if (!paused && this.pausedAt !== null) {
      this.deadline += Date.now() - this.pausedAt;
      this.pausedAt = null;
    } else {
      return;
    }
    for (const again of this.rearm) again();
  }

  async yield(at: Position | undefined): Promise<void> {
    await yieldToEventLoop();
    this.lastYield = Date.now();
    this.checkTime(at);
  }

  remainingMs(): number {
    return Math.max(0, this.deadline - (this.pausedAt ?? Date.now()));
  }

  string(value: string, at: Position | undefined, fresh = false): string {
    if (value.length > this.budgets.stringLength) throw this.exceeded('stringLength', at);
    if (fresh) this.allocate(value.length, at);
    return value;
  }

  array(length: number, at: Position | undefined, fresh = 0): void {
    if (length > this.budgets.arrayLength) throw this.exceeded('arrayLength', at);
    if (fresh) this.allocate(fresh, at);
  }

  allocate(units: number, at: Position | undefined): void {
    this.allocated += units;
    if (this.allocated > this.budgets.allocation) throw this.exceeded('allocation', at);
  }

  action(at: Position | undefined, what: string): void {
    this.actions += 1;
    if (this.actions > this.budgets.actions) throw this.exceeded('actions', at, what);
  }

  /**
   * Waits for host work (a bridge call, a timer) but never past the run's deadline or a stop: a bridge that never
   * answers ends the run with the time budget instead of hanging it.
   */
  async within<T>(work: Promise<T>, at: Position | undefined): Promise<T> {
    this.checkTime(at);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    let arm: (() => void) | undefined;
    const limit = new Promise<never>((_, reject) => {
      // Re-armed when the clock stops or starts again: no deadline while paused.
      arm = () => {
        clearTimeout(timer);
        if (this.pausedAt === null) timer = setTimeout(() => reject(this.exceeded('timeMs', at)), this.remainingMs() + 1);
      };
      arm();
      onAbort = () => reject(new AbortError('the run was stopped'));
      this.signal?.addEventListener('abort', onAbort, { once: true });
    });
    this.rearm.add(arm!);
    try {
      return await Promise.race([work, limit]);
    } finally {
      clearTimeout(timer);
      this.rearm.delete(arm!);
      if (onAbort) this.signal?.removeEventListener('abort', onAbort);
      this.lastYield = Date.now();
    }
  }
}
