// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { describe, expect, test, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';

vi.mock('../../../extension/platform/index.ts', () => ({ request: vi.fn(async () => ({})) }));
import { MathResultView } from '../../../extension/features/math/MathResult.tsx';
import { solve, type MathRun, type ModelReply } from '../../../extension/features/math/solve.ts';

const problem = { text: 'What is 99999999999999999999998 plus 1?', truncated: false, originalLength: 40 };
const reply = (text: string): ModelReply => ({ text, finishReason: 'stop', tokensIn: 10, tokensOut: 5, promptTokensDropped: 0, backend: 'replay', totalMs: 1 });

function shown(run: MathRun): HTMLElement {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  act(() => render(<MathResultView run={run} />, root));
  return root;
}

describe('Math result: what the run cost and what it answered, truthfully', () => {
  test('a run stopped mid-reply counts the tokens it streamed and says they are from an unfinished reply', async () => {
    const controller = new AbortController();
    const run = await solve(problem, 'm', false, { method: 'cot', samples: 1, temperature: 0, verify: false, shots: 0, maxTokens: 64, seed: 1 }, {
      signal: controller.signal,
      async generate(_call, onText) {
        for (let i = 0; i < 25; i++) onText(' three');
        controller.abort();
        throw Object.assign(new Error('stopped'), { name: 'AbortError' });
      },
      runProgram: () => Promise.reject(new Error('unused')),
      onUpdate: () => undefined,
    });
    const root = shown(run);
    expect(root.querySelector('[data-field="math.tokens"]')?.textContent).toBe('0 → 25');
    expect(root.querySelector('[data-testid="math-usage"]')?.textContent).toContain('25 of them streamed by a reply that did not finish');
  });

  test('a long whole number is shown with the digits the model wrote, in the answer and in the votes', async () => {
    const run = await solve(problem, 'm', false, { method: 'cot', samples: 2, temperature: 0.7, verify: false, shots: 0, maxTokens: 64, seed: 1 }, {
      generate: async () => reply(' The answer is 99999999999999999999999.'),
      runProgram: () => Promise.reject(new Error('unused')),
      onUpdate: () => undefined,
    });
    const root = shown(run);
    expect(root.querySelector('[data-testid="math-answer"]')?.textContent).toContain('99,999,999,999,999,999,999,999');
    expect(root.querySelector('[data-testid="math-votes"] tbody td')?.textContent).toBe('99,999,999,999,999,999,999,999');
  });
});
