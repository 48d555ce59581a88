import { SandboxHost } from '../../sandbox/host.ts';
import type { ProgramRun } from './solve.ts';

/**
 * Program-of-thought programs run in the sandbox page (opaque origin, no extension APIs, no eval), embedded as a
 * hidden iframe and spoken to with postMessage by SandboxHost (which reads only messages from that iframe and
 * validates each). Math runs get the math capability set only: numbers, Math, print and answer.
 */
// ~2.6M steps a second here: a trial-division prime count below 10,000 (1.8M steps) fits; an endless loop ends in about a second.
export const MATH_BUDGETS = { steps: 2_000_000, timeMs: 3_000, callDepth: 500 } as const;

export class MathSandbox {
  private host: Promise<SandboxHost> | undefined;

  async run(source: string, signal?: AbortSignal): Promise<ProgramRun> {
    this.host ??= SandboxHost.create(document.body);
    // A sandbox that failed to start is not kept: the next program tries a fresh one.
    let host = await this.host.catch((error: unknown) => {
      this.host = undefined;
      throw error;
    });
    if (!host.usable) {
      host.dispose();
      this.host = SandboxHost.create(document.body);
      host = await this.host;
    }
    const result = await host.run({ source, capabilitySet: 'math', budgets: { ...MATH_BUDGETS } }, signal ? { signal } : {});
    const data = (result.error?.data ?? {}) as { line?: unknown; column?: unknown };
    return {
      ok: result.ok, finishedBy: result.finishedBy, result: result.result, output: result.output,
      steps: result.stats.steps, ms: result.stats.ms,
      ...(result.error ? {
        error: {
          name: result.error.name, message: result.error.message,
          ...(typeof data.line === 'number' ? { line: data.line } : {}),
          ...(typeof data.column === 'number' ? { column: data.column } : {}),
        },
      } : {}),
    };
  }

  dispose(): void {
    void this.host?.then((host) => host.dispose(), () => undefined);
    this.host = undefined;
  }
}
