/**
 * A run host over the page in happy-dom's `document`: a scripted model (`answers`, one per call), the real document
 * builder, executor and interpreter, and a store that keeps every state it is given. `actOn` may answer an action
 * itself (return a reply, or throw); returning undefined lets the real executor act (`real()` does that too).
 */
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { act } from '../../../extension/content/executor/index.ts';
import { AutomationRuns, type RunHostDeps } from '../../../extension/features/automate/run-host.ts';
import type { RunState } from '../../../extension/features/automate/run-state.ts';
import type { ActReply, ActRequest, GenerateRequestPayload, GenerateResult } from '../../../extension/protocol/schemas.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { runScript } from '../../../extension/sandbox/interpreter/run.ts';
import type { CatalogueEntry } from '../../../models/catalogue.ts';

const ENTRY = { id: 'fake', name: 'Fake', engine: 'ort-decoder', contextLength: 4096, promptFormat: 'plain', files: [] } as unknown as CatalogueEntry;
export const TAB = 7;

type ActOn = (request: ActRequest, real: () => Promise<ActReply>) => Promise<unknown> | undefined;

export function fakeRunHost(answers: string[], actOn: ActOn = () => undefined, extra: Partial<RunHostDeps> = {}) {
  const prompts: string[] = [];
  const stored: RunState[] = [];
  const deps: RunHostDeps = {
    async generate(request: GenerateRequestPayload) {
      prompts.push(JSON.stringify(request));
      return { type: 'final', text: answers.shift() ?? 'no more answers', tokenIds: [], finishReason: 'stop', stats: { tokensIn: 10, tokensOut: 5 } } as unknown as GenerateResult;
    },
    model: async (id) => (id === 'fake' ? ENTRY : undefined),
    readDocument: async () => buildPageDocument(document),
    act: async (_tab, { expectedOrigin: _origin, ...request }) => {
      const real = () => act(document, { settleMs: 20, ...request });
      return (await actOn(request, real) as never) ?? real();
    },
    highlight: async () => ({ highlighted: 0 }),
    sandbox: async () => ({
      run: (request, options) => runScript(request.source, automationCapabilities(options.bridge!, request.names ?? []), {
        budgets: request.budgets ?? {}, ...(options.onLog ? { onLog: options.onLog } : {}), ...(options.signal ? { signal: options.signal } : {}),
      }),
    }),
    store: {
      load: async () => stored.at(-1) ?? null,
      save: async (state) => void stored.push(structuredClone(state)),
    },
    ...extra,
  };
  return { runs: new AutomationRuns(deps), prompts, stored };
}

/** The tab's run once `done` says so (6 s at most). */
export async function until(runs: AutomationRuns, done: (run: RunState) => boolean): Promise<RunState> {
  for (let i = 0; i < 600; i++) {
    const run = (await runs.state(TAB)).run!;
    if (done(run)) return run;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the run did not get there: ${JSON.stringify((await runs.state(TAB)).run).slice(0, 1500)}`);
}

export const finished = (runs: AutomationRuns) => until(runs, (run) => run.status !== 'running');
