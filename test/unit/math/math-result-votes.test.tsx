// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { describe, expect, test, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';

vi.mock('../../../extension/platform/index.ts', () => ({ request: vi.fn(async () => ({})) }));
import { MathResultView } from '../../../extension/features/math/MathResult.tsx';
import { solve, type MathRun } from '../../../extension/features/math/solve.ts';

const problem = { text: 'Tom has 3 boxes of 6 eggs. How many eggs?', truncated: false, originalLength: 42 };

/** A self-consistency run of 4 samples: two finish (18, 18), the third is stopped mid-stream. */
async function stoppedRun(): Promise<{ updates: MathRun[]; run: MathRun }> {
  const controller = new AbortController();
  const updates: MathRun[] = [];
  let calls = 0;
  const run = await solve(problem, 'm', false, { method: 'cot', samples: 4, temperature: 0.7, verify: false, shots: 0, maxTokens: 32, seed: 1 }, {
    signal: controller.signal,
    async generate(_call, onText) {
      if (++calls <= 2) return { text: ' The answer is 18.', finishReason: 'stop', tokensIn: 10, tokensOut: 5, promptTokensDropped: 0, backend: 'replay', totalMs: 1 };
      onText(' The answer');
      controller.abort();
      throw Object.assign(new Error('stopped'), { name: 'AbortError' });
    },
    runProgram: () => Promise.reject(new Error('unused')),
    onUpdate: (update) => updates.push(structuredClone(update)),
  }, 'run-1');
  return { updates, run };
}

function caption(run: MathRun): string | null {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  act(() => render(<MathResultView run={run} />, root));
  return root.querySelector('[data-testid="math-votes"] caption')?.textContent ?? null;
}

describe('Math votes table (session 18: it was gone after Stop)', () => {
  test('shows the votes so far while sampling, and the finished samples\' votes after Stop', async () => {
    const { updates, run } = await stoppedRun();
    expect(caption(updates.find((u) => u.status === 'running' && u.vote?.total === 1)!)).toBe('Votes so far: 1 of 4 samples');
    expect(caption(run)).toBe('Votes over the 2 of 4 samples that finished');
    expect(document.querySelector('[data-testid="math-message"]')?.textContent).toBe('Stopped after 2 of 4 samples: no answer was chosen (the votes so far are below).');
    expect(document.querySelector('[data-answer] [data-field="vote.count"]')?.textContent).toBe('2');
  });
});
