import { describe, expect, test } from 'vitest';
import { mathCapabilities } from '../../../extension/sandbox/capabilities/math.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';
import { serializeError } from '../../../extension/protocol/errors.ts';
import { programAnswer, solve, type MathRun, type ModelCall, type ProgramRun, type SolveOptions } from '../../../extension/features/math/solve.ts';
import { buildPrompt, chainOfThought, EXEMPLARS, prepareProblem, MAX_PROBLEM_CHARS } from '../../../extension/features/math/prompts.ts';

/**
 * Program-of-thought logic against the real interpreter (the panel reaches the same interpreter through the sandbox
 * page; here it is imported directly), and the whole solve flow with a scripted model.
 */
async function interpret(source: string, budgets?: Record<string, number>): Promise<ProgramRun> {
  const run = await runScript(source, mathCapabilities(), budgets ? { budgets } : {});
  return {
    ok: run.ok, finishedBy: run.finishedBy, result: run.result, output: run.output, steps: run.stats.steps, ms: run.stats.ms,
    ...(run.error ? { error: { ...serializeError(run.error), ...(run.error.data as object) } as ProgramRun['error'] } : {}),
  };
}

describe('program-of-thought programs in the interpreter', () => {
  test('a loop computes the answer', async () => {
    const run = await interpret('let total = 0;\nfor (let day = 1; day <= 7; day++) { total += day * 3; }\nprint("total", total);\nanswer(total);');
    expect(programAnswer(run).answer.value).toBe(84);
    expect(run.output).toEqual(['total 84']);
  });

  test('the last expression counts when answer() is missing; printed numbers as a last resort', async () => {
    expect(programAnswer(await interpret('const a = 6; a * 7')).answer.value).toBe(42);
    expect(programAnswer(await interpret('let a = 6; a = a * 7; print(a);')).answer.value).toBe(42);
    const none = programAnswer(await interpret('let a = 1;'));
    expect(none.answer.value).toBeNull();
    expect(none.error?.message).toMatch(/never called answer/);
  });

  test('division by zero is not an answer', async () => {
    const got = programAnswer(await interpret('const people = 0;\nanswer(12 / people);'));
    expect(got.answer.value).toBeNull();
    expect(got.error?.message).toMatch(/Infinity.*division by zero/);
  });

  test('a runaway loop ends with a BudgetError', async () => {
    const run = await interpret('let n = 0;\nwhile (true) { n++; }\nanswer(n);', { steps: 5000 });
    expect(run.ok).toBe(false);
    expect(run.error?.name).toBe('BudgetError');
    expect(programAnswer(run).error?.name).toBe('BudgetError');
  });

  test('a throwing program reports where', async () => {
    const run = await interpret('const x = 1;\nthrow "bad input";');
    const got = programAnswer(run);
    expect(got.error?.name).toBe('ScriptRuntimeError');
    expect(got.error?.line).toBe(2);
  });

  test('the bundled exemplar programs compute GSM8K\'s own answers', async () => {
    const messages = buildPrompt('pot', 'x', 8).messages;
    let checked = 0;
    for (let i = 1; i < messages.length; i++) {
      if (messages[i]!.role !== 'assistant') continue;
      const source = /```js\n([\s\S]*)\n```/.exec(messages[i]!.content)![1]!;
      const exemplar = EXEMPLARS.find((e) => e.question === messages[i - 1]!.content)!;
      const value = programAnswer(await interpret(source)).answer.value;
      expect(value).toBeCloseTo(Number(/####\s*(\S+)/.exec(exemplar.answer)![1]), 9);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});

describe('prompts and problems', () => {
  test('chain of thought from GSM8K solutions', () => {
    expect(chainOfThought('He has 2*3=<<2*3=6>>6 pens.\n#### 6')).toBe('He has 2*3=6 pens. The answer is 6.');
  });

  test('a very long problem is cut with a notice flag; whitespace is tidied', () => {
    expect(prepareProblem('  2 +\n\n 2 ')).toEqual({ text: '2 + 2', truncated: false, originalLength: 5 });
    const long = prepareProblem('word '.repeat(1000));
    expect(long.truncated).toBe(true);
    expect(long.text.length).toBeLessThanOrEqual(MAX_PROBLEM_CHARS);
    // The question at the end of a long text is kept (exploratory test, session 17), and the beginning too.
    const story = prepareProblem(`Sam has 4 apples. ${'He walks to the market and back. '.repeat(300)}How many apples does Sam have?`);
    expect(story.text.startsWith('Sam has 4 apples.')).toBe(true);
    expect(story.text.endsWith('How many apples does Sam have?')).toBe(true);
    expect(story.text).toContain(' … ');
    expect(story.text.length).toBeLessThanOrEqual(MAX_PROBLEM_CHARS);
    // A text without spaces keeps its question too.
    const wide = prepareProblem(`${'苹果'.repeat(1000)}小明有几个苹果？`);
    expect(wide.text.endsWith('小明有几个苹果？')).toBe(true);
  });
});

const base: SolveOptions = { method: 'cot', samples: 1, temperature: 0.7, verify: false, shots: 2, maxTokens: 64, seed: 1 };

function scripted(outputs: (call: ModelCall) => string) {
  const calls: ModelCall[] = [];
  const updates: MathRun[] = [];
  return {
    calls, updates,
    deps: {
      async generate(call: ModelCall, onText: (t: string) => void) {
        calls.push(call);
        const text = outputs(call);
        for (const piece of text.split(/(?<= )/)) onText(piece);
        return { text, finishReason: 'stop', tokensIn: 10, tokensOut: 5, promptTokensDropped: 0, backend: 'replay', totalMs: 1 };
      },
      runProgram: (source: string) => interpret(source),
      onUpdate: (run: MathRun) => updates.push(run),
    },
  };
}

const problem = { text: 'Tom has 3 boxes of 6 eggs. How many eggs?', truncated: false, originalLength: 42 };

describe('solve', () => {
  test('CoT: extracted, streamed, counted', async () => {
    const model = scripted(() => ' 3 boxes of 6 is 3*6 = 18. The answer is 18.');
    const run = await solve(problem, 'm', false, base, model.deps);
    expect(run.status).toBe('done');
    expect(run.final?.value).toBe(18);
    expect(run.tokensOut).toBe(5);
    expect(model.calls[0]!.prompt).toContain(problem.text);
    expect(model.calls[0]!.temperature).toBe(0);
    expect(model.updates.some((u) => u.attempts[0]?.text.includes('3*6') && !u.attempts[0].done)).toBe(true);
  });

  test('examples that would not fit the model\'s context are left out, with a note (exploratory test, session 17)', async () => {
    const full = buildPrompt('cot', problem.text, 4).prompt.length;
    const model = scripted(() => ' The answer is 18.');
    // Room for the problem, one example and the answer, not four.
    const context = Math.ceil(buildPrompt('cot', problem.text, 1).prompt.length / 3) + 64 + 5;
    expect(full / 3 + 64).toBeGreaterThan(context);
    const run = await solve(problem, 'm', false, { ...base, shots: 4 }, { ...model.deps, contextTokens: context });
    expect(model.calls[0]!.prompt).toBe(buildPrompt('cot', problem.text, 1).prompt);
    expect(run.warnings).toContain('Only 1 of the 4 worked examples was given: more would not fit the model\'s ' + context + '-token context with room for the answer.');
    const roomy = scripted(() => ' The answer is 18.');
    const all = await solve(problem, 'm', false, { ...base, shots: 4 }, { ...roomy.deps, contextTokens: 100_000 });
    expect(roomy.calls[0]!.prompt).toBe(buildPrompt('cot', problem.text, 4).prompt);
    expect(all.warnings.join(' ')).not.toMatch(/worked examples/);
  });

  test('self-consistency: the majority beats a wrong first sample', async () => {
    const outputs = ['The answer is 17.', 'The answer is 18.', 'So 18.', 'no idea', 'The answer is 18.'];
    let i = 0;
    const model = scripted(() => outputs[i++]!);
    const run = await solve(problem, 'm', false, { ...base, samples: 5 }, model.deps);
    expect(run.final?.value).toBe(18);
    expect(run.vote?.winnerCount).toBe(3);
    expect(model.calls.map((c) => c.temperature)).toEqual([0.7, 0.7, 0.7, 0.7, 0.7]);
    expect(new Set(model.calls.map((c) => c.seed)).size).toBe(5);
  });

  test('PoT runs the program; a throwing program is a clear no-answer', async () => {
    const good = await solve(problem, 'm', false, { ...base, method: 'pot' }, scripted(() => 'const eggs = 3 * 6;\nanswer(eggs);').deps);
    expect(good.final?.value).toBe(18);
    expect(good.attempts[0]!.program?.source).toContain('answer(eggs)');
    const bad = await solve(problem, 'm', false, { ...base, method: 'pot' }, scripted(() => 'const eggs = boxes * 6;\nanswer(eggs);').deps);
    expect(bad.final).toBeNull();
    expect(bad.status).toBe('done');
    expect(bad.message).toMatch(/program did not run to an answer.*boxes/);
  });

  test('verifier: CoT checked by PoT, disagreement flagged', async () => {
    const model = scripted((call) => (call.prompt.includes('Program:') ? 'answer(3 * 6);' : 'The answer is 19.'));
    const run = await solve(problem, 'm', false, { ...base, verify: true }, model.deps);
    expect(run.attempts.map((a) => [a.method, a.role])).toEqual([['cot', 'sample'], ['pot', 'check']]);
    expect(run.verdict?.status).toBe('disagree');
    expect(run.final?.value).toBe(19);
  });

  test('no number in the output → no answer, never a made-up one', async () => {
    const run = await solve(problem, 'm', false, base, scripted(() => 'Once upon a time there was a cat.').deps);
    expect(run.final).toBeNull();
    expect(run.message).toMatch(/no number/);
  });

  test('Stop: an aborted run ends as stopped, keeping what it had', async () => {
    const controller = new AbortController();
    const run = await solve(problem, 'm', false, { ...base, samples: 3 }, {
      signal: controller.signal,
      async generate(_call, onText) {
        onText('12 + ');
        controller.abort();
        throw Object.assign(new Error('the generation was stopped'), { name: 'AbortError' });
      },
      runProgram: () => Promise.reject(new Error('unused')),
      onUpdate: () => {},
    });
    expect(run.status).toBe('stopped');
    expect(run.attempts).toHaveLength(1);
    expect(run.attempts[0]!.text).toContain('12 + ');
    expect(run.final).toBeNull();
  });

  test('self-consistency shows the votes as samples finish; Stop keeps those of the finished samples (session 18)', async () => {
    const controller = new AbortController();
    const updates: MathRun[] = [];
    let calls = 0;
    const run = await solve(problem, 'm', false, { ...base, samples: 4 }, {
      signal: controller.signal,
      async generate(_call, onText) {
        calls++;
        if (calls <= 2) return { text: ' The answer is 18.', finishReason: 'stop', tokensIn: 10, tokensOut: 5, promptTokensDropped: 0, backend: 'replay', totalMs: 1 };
        onText(' The answer is');
        controller.abort();
        throw Object.assign(new Error('the generation was stopped'), { name: 'AbortError' });
      },
      runProgram: () => Promise.reject(new Error('unused')),
      onUpdate: (update) => updates.push(structuredClone(update)),
    });
    expect(updates.find((u) => u.status === 'running' && u.vote)?.vote?.total).toBe(1);
    expect(run.status).toBe('stopped');
    expect(run.vote).toMatchObject({ total: 2, winner: 18, winnerCount: 2 });
    expect(run.attempts[2]!.stopped).toBe(true);
    expect(run.final).toBeNull();
    expect(run.message).toBe('Stopped after 2 of 4 samples: no answer was chosen (the votes so far are below).');
  });

  test('a model failure is reported; chat models get messages', async () => {
    const run = await solve(problem, 'm', true, base, {
      generate: async (call) => {
        expect(call.prompt).toBe('');
        expect(call.messages?.at(-1)).toEqual({ role: 'user', content: problem.text });
        throw Object.assign(new Error('no such model'), { name: 'ModelNotFoundError' });
      },
      runProgram: () => Promise.reject(new Error('unused')),
      onUpdate: () => {},
    });
    expect(run.status).toBe('failed');
    expect(run.message).toMatch(/ModelNotFoundError/);
  });
});

describe('review fixes (session 13)', () => {
  test('Stop while a program runs stops the run (it does not end "done" with a partial vote)', async () => {
    const controller = new AbortController();
    const model = scripted(() => '```js\nanswer(18)\n```');
    const deps = {
      ...model.deps,
      signal: controller.signal,
      runProgram: async () => {
        controller.abort();
        return { ok: false, finishedBy: 'error', result: null, output: [], steps: 0, ms: 1, error: { name: 'AbortError', message: 'stopped' } };
      },
    };
    const run = await solve(problem, 'm', false, { ...base, method: 'pot', samples: 3, temperature: 0.7 }, deps);
    expect(run.status).toBe('stopped');
    expect(run.attempts).toHaveLength(1);
  });

  test('a program that never calls answer() is not answered by a mid-program expression', async () => {
    const { programAnswer, endsWithExpression } = await import('../../../extension/features/math/solve.ts');
    const source = 'let eggs = 16; eggs -= 7; const dollars = eggs * 2;';
    const ran = await interpret(source);
    expect(endsWithExpression(source)).toBe(false);
    expect(programAnswer(ran, false).answer.value).toBeNull();
    expect(endsWithExpression('const total = 3 * 6;\ntotal')).toBe(true);
    expect(programAnswer(await interpret('const total = 3 * 6;\ntotal'), true).answer.value).toBe(18);
  });

  test('reasoning cut at the token limit warns that the number is a step, not an answer', async () => {
    const model = scripted(() => ' 3 * 6 = 18 eggs. He gives 4 eggs to');
    const deps = { ...model.deps, generate: async (call: ModelCall, onText: (t: string) => void) => ({ ...await model.deps.generate(call, onText), finishReason: 'length' }) };
    const run = await solve(problem, 'm', false, base, deps);
    expect(run.warnings.join(' ')).toMatch(/cut at the token limit/);
  });

  test('Stop during the check keeps the answer, unverified', async () => {
    const controller = new AbortController();
    const model = scripted(() => ' 3*6 = 18. The answer is 18.');
    const deps = {
      ...model.deps,
      signal: controller.signal,
      generate: async (call: ModelCall, onText: (t: string) => void) => {
        if (model.calls.length >= 1) {
          controller.abort();
          const error = new Error('stopped');
          error.name = 'AbortError';
          throw error;
        }
        return model.deps.generate(call, onText);
      },
    };
    const run = await solve(problem, 'm', false, { ...base, verify: true }, deps);
    expect([run.status, run.final?.value]).toEqual(['stopped', 18]);
    expect(run.message).toMatch(/not verified/);
  });
});
