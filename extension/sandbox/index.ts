import * as v from 'valibot';
import { AbortError, deserializeError, InternalError, serializeError } from '../protocol/errors.ts';
import { automationCapabilities } from './capabilities/automation.ts';
import type { Bridge, BridgeCall } from './capabilities/bridge.ts';
import { mathCapabilities } from './capabilities/math.ts';
import { runScript } from './interpreter/run.ts';
import type { Meter } from './interpreter/budget.ts';
import type { ExportedValue } from './interpreter/values.ts';
import { type FromSandbox, type RunRequest, SANDBOX_VERSION, ToSandboxSchema } from './messages.ts';

/**
 * The sandboxed interpreter page (manifest "sandbox"): an opaque origin with no extension APIs and a CSP without
 * eval. It takes `run` requests from the extension page that embeds it, runs them in our interpreter, and asks that
 * page for every bridge call (page actions, ask, say). Messages from anything but the parent window are ignored.
 */

interface ActiveRun {
  controller: AbortController;
  pending: Map<number, { resolve(value: ExportedValue): void; reject(error: unknown): void }>;
  meter?: Meter;
}

const runs = new Map<string, ActiveRun>();
// The parent is an extension page; answer only to its origin when the browser tells us what it is.
const parentOrigin = (() => {
  const origin = window.location.ancestorOrigins?.[0];
  return origin && origin.startsWith('chrome-extension://') ? origin : '*';
})();

function post(message: FromSandbox): void {
  window.parent.postMessage(message, parentOrigin);
}

function bridgeFor(runId: string, run: ActiveRun): Bridge {
  let next = 0;
  return {
    call(request: BridgeCall) {
      const callId = ++next;
      return new Promise<ExportedValue>((resolve, reject) => {
        run.pending.set(callId, { resolve, reject });
        post({ type: 'bridge.call', runId, callId, call: request.call, ...(request.target ? { target: request.target } : {}), args: request.args });
      });
    },
  };
}

async function start(request: RunRequest): Promise<void> {
  if (runs.has(request.runId)) {
    post({ type: 'run.rejected', runId: request.runId, reason: 'a run with this id is already going' });
    return;
  }
  const run: ActiveRun = { controller: new AbortController(), pending: new Map() };
  runs.set(request.runId, run);
  const capabilities = request.capabilitySet === 'math'
    ? mathCapabilities()
    : automationCapabilities(bridgeFor(request.runId, run), request.names ?? []);
  try {
    const result = await runScript(request.source, capabilities, {
      budgets: request.budgets,
      signal: run.controller.signal,
      onLog: (entry) => post({ type: 'run.log', runId: request.runId, entry: { ...entry } }),
      onOutput: (line) => post({ type: 'run.output', runId: request.runId, line }),
      onMeter: (meter) => {
        run.meter = meter;
      },
    });
    const { error, ...rest } = result;
    const log = rest.log.map((entry) => ({ ...entry }));
    post({ type: 'run.result', runId: request.runId, result: { ...rest, log, ...(error ? { error: serializeError(error) } : {}) } });
  } catch (error) {
    // A result the page cannot send (too deep or large to clone) still ends the run, as a failure, at once: the host
    // would otherwise wait for its watchdog.
    post({ type: 'run.result', runId: request.runId, result: {
      ok: false, finishedBy: 'error', result: null, output: [], log: [], stats: { steps: 0, actions: 0, ms: 0 },
      error: serializeError(new InternalError(`the run's result could not be sent: ${error instanceof Error ? error.message : 'unknown error'}`)),
    } });
  } finally {
    for (const pending of run.pending.values()) pending.reject(new AbortError('the run ended'));
    runs.delete(request.runId);
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window.parent || window.parent === window) return;
  const parsed = v.safeParse(ToSandboxSchema, event.data);
  if (!parsed.success) {
    const runId = (event.data as { runId?: unknown } | null)?.runId;
    post({ type: 'run.rejected', ...(typeof runId === 'string' ? { runId: runId.slice(0, 100) } : {}), reason: `invalid message: ${parsed.issues[0]?.message ?? 'unknown'}` });
    return;
  }
  const message = parsed.output;
  switch (message.type) {
    case 'run':
      void start(message);
      break;
    case 'cancel':
      runs.get(message.runId)?.controller.abort();
      break;
    case 'pause':
      runs.get(message.runId)?.meter?.pause(message.paused);
      break;
    case 'bridge.result': {
      const run = runs.get(message.runId);
      const pending = run?.pending.get(message.callId);
      if (!run || !pending) return;
      run.pending.delete(message.callId);
      if (message.ok) pending.resolve(message.value as ExportedValue);
      else pending.reject(deserializeError(message.error));
      break;
    }
  }
});

post({ type: 'sandbox.ready', version: SANDBOX_VERSION });
