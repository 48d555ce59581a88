import * as v from 'valibot';
import { AbortError, ApiError, BudgetError, deserializeError, ModelHostError, serializeError } from '../protocol/errors.ts';
import type { Bridge, ScriptName } from './capabilities/bridge.ts';
import { type Budgets, DEFAULT_BUDGETS } from './interpreter/budget.ts';
import type { LogEntry, RunResult } from './interpreter/run.ts';
import type { ExportedValue } from './interpreter/values.ts';
import { FromSandboxSchema, type ToSandbox } from './messages.ts';
import { pausableTimer } from './pausable-timer.ts';

/**
 * The extension-page side of the sandbox: embeds sandbox.html in a hidden iframe, sends it runs, answers its bridge
 * calls with the given Bridge (the page executor, the side panel for ask/say) and returns each run's result. Only
 * messages whose source is our iframe are read, and each is validated.
 */

export interface SandboxRun {
  source: string;
  capabilitySet: 'automation' | 'math';
  names?: ScriptName[];
  budgets?: Partial<Budgets>;
}

export interface SandboxRunOptions {
  /** Required for automation runs: where page actions, ask and say go. */
  bridge?: Bridge;
  onLog?(entry: LogEntry): void;
  onOutput?(line: string): void;
  signal?: AbortSignal;
}

/** What a run in the sandbox page gives back: the interpreter's own result, rebuilt on this side. */
export type SandboxResult = RunResult;

interface PendingRun {
  options: SandboxRunOptions;
  resolve(result: SandboxResult): void;
  reject(error: unknown): void;
}

let counter = 0;
const WATCHDOG_GRACE_MS = 5_000;

/** How long a new sandbox page may take to say it is ready. */
const READY_TIMEOUT_MS = 15_000;

export class SandboxHost {
  private readonly runs = new Map<string, PendingRun>();
  /** Set when a run outlived its watchdog: its owner replaces this sandbox (see `usable`). */
  private stuck = false;

  /** False once a run outlived its watchdog: the iframe may still be busy, so a fresh sandbox should take over. */
  get usable(): boolean {
    return !this.stuck;
  }
  private readonly ready: Promise<void>;
  private readonly listener: (event: MessageEvent) => void;

  private constructor(private readonly iframe: HTMLIFrameElement, url: string) {
    let markReady!: () => void;
    this.ready = new Promise((resolve) => {
      markReady = resolve;
    });
    this.listener = (event) => {
      if (event.source !== this.iframe.contentWindow || event.source === null) return;
      const parsed = v.safeParse(FromSandboxSchema, event.data);
      if (!parsed.success) return;
      const message = parsed.output;
      if (message.type === 'sandbox.ready') {
        markReady();
        return;
      }
      if (message.type === 'run.rejected') {
        if (message.runId) this.finish(message.runId, undefined, new ApiError(`the sandbox refused the run: ${message.reason}`));
        return;
      }
      const run = this.runs.get(message.runId);
      if (!run) return;
      switch (message.type) {
        case 'run.log':
          run.options.onLog?.(message.entry as unknown as LogEntry);
          break;
        case 'run.output':
          run.options.onOutput?.(message.line);
          break;
        case 'bridge.call':
          void this.answer(message.runId, message.callId, run, {
            call: message.call, ...(message.target ? { target: message.target } : {}), args: message.args as ExportedValue[],
          });
          break;
        case 'run.result': {
          const { error, ...rest } = message.result;
          this.finish(message.runId, {
            ...rest, result: rest.result as ExportedValue, log: rest.log as unknown as LogEntry[],
            ...(error ? { error: deserializeError(error) } : {}),
          });
          break;
        }
      }
    };
    window.addEventListener('message', this.listener);
    iframe.src = url;
  }

  /** Adds the sandbox iframe to `parent` (hidden) and waits until it says it is ready. */
  static async create(parent: HTMLElement = document.body, url = '/sandbox.html'): Promise<SandboxHost> {
    const iframe = document.createElement('iframe');
    iframe.title = 'Pocket SLM script sandbox';
    iframe.hidden = true;
    iframe.setAttribute('aria-hidden', 'true');
    iframe.tabIndex = -1;
    const host = new SandboxHost(iframe, url);
    parent.append(iframe);
    // A sandbox page that never loads must not hang its caller (a Math run, its Stop, every later start).
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([host.ready, new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ModelHostError(`the script sandbox did not start within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      })]);
    } catch (error) {
      host.dispose();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return host;
  }

  run(request: SandboxRun, options: SandboxRunOptions = {}): Promise<SandboxResult> {
    const runId = `run-${Date.now().toString(36)}-${(++counter).toString(36)}`;
    // Watchdog: the sandbox enforces the time budget itself; this only catches a sandbox that went away.
    const limit = (request.budgets?.timeMs ?? DEFAULT_BUDGETS.timeMs) + (request.capabilitySet === 'automation' ? 120_000 : 0) + WATCHDOG_GRACE_MS;
    // A run stopped before it began (Stop pressed while the script was being written) never starts.
    if (options.signal?.aborted) return Promise.reject(new AbortError('stopped before the script ran'));
    return new Promise<SandboxResult>((resolve, reject) => {
      const watchdog = pausableTimer(limit, () => {
        this.post({ type: 'cancel', runId });
        this.finish(runId, undefined, new BudgetError(`the sandbox did not answer within ${limit} ms`, { budget: 'timeMs', limit }));
        // A sandbox that does not answer may be stuck in one long step: it is not given another run.
        this.stuck = true;
      });
      // Waiting for the user stops the run's clock in the sandbox, and this watchdog: it resumes with what was left.
      const unsubscribe = options.bridge?.onUserWait?.((paused) => {
        if (paused) watchdog.pause();
        else watchdog.resume();
        this.post({ type: 'pause', runId, paused });
      });
      const settle = <T>(fn: (value: T) => void) => (value: T) => {
        watchdog.clear();
        unsubscribe?.();
        fn(value);
      };
      this.runs.set(runId, { options, resolve: settle(resolve), reject: settle(reject) });
      options.signal?.addEventListener('abort', () => this.post({ type: 'cancel', runId }), { once: true });
      this.post({ type: 'run', runId, ...request });
    });
  }

  dispose(): void {
    window.removeEventListener('message', this.listener);
    for (const [runId] of this.runs) this.finish(runId, undefined, new AbortError('the sandbox was closed'));
    this.iframe.remove();
  }

  private post(message: ToSandbox): void {
    // The sandbox has an opaque origin, so '*' is the only target origin that reaches it; the window is ours.
    this.iframe.contentWindow?.postMessage(message, '*');
  }

  private async answer(runId: string, callId: number, run: PendingRun, request: Parameters<Bridge['call']>[0]): Promise<void> {
    try {
      if (!run.options.bridge) throw new ApiError(`this run has no page bridge for ${request.call}()`);
      const value = await run.options.bridge.call(request);
      this.post({ type: 'bridge.result', runId, callId, ok: true, value });
    } catch (error) {
      this.post({ type: 'bridge.result', runId, callId, ok: false, error: serializeError(error) });
    }
  }

  private finish(runId: string, result?: SandboxResult, error?: unknown): void {
    const run = this.runs.get(runId);
    if (!run) return;
    this.runs.delete(runId);
    if (result) run.resolve(result);
    else run.reject(error);
  }
}
