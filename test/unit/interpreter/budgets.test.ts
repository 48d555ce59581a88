import { describe, expect, test } from 'vitest';
import { mathCapabilities } from '../../../extension/sandbox/capabilities/math.ts';
import { runScript, type Budgets } from '../../../extension/sandbox/interpreter/index.ts';
import { Meter } from '../../../extension/sandbox/interpreter/budget.ts';

async function budgetOf(source: string, budgets: Partial<Budgets> = {}) {
  const run = await runScript(source, mathCapabilities(), { budgets });
  expect(run.ok, source).toBe(false);
  expect(run.error?.name, `${source}: ${run.error?.message}`).toBe('BudgetError');
  return run;
}

describe('budgets', () => {
  test('an endless loop ends at the step budget, with its position', async () => {
    const run = await budgetOf('let i = 0;\nwhile (true) {\n  i++;\n}');
    expect(run.error?.data).toMatchObject({ budget: 'steps', limit: 100_000 });
    expect(run.error?.data?.line).toBeGreaterThanOrEqual(2);
    expect(run.stats.steps).toBe(100_001);
    expect(run.error?.message).toMatch(/more than 100000 steps .* at \d+:\d+$/);
  });

  test.each([
    'for (;;) {}',
    'do {} while (1)',
    'const f = () => { for (;;) {} }; f()',
    'const a = [1]; for (const x of a) a.push(x)',
    '[1].forEach(function go() { [1].forEach(go) })',
  ])('%s is stopped', async (source) => {
    const run = await budgetOf(source, { steps: 5_000, callDepth: 10_000 });
    expect(['steps', 'callDepth', 'arrayLength']).toContain(run.error?.data?.budget);
  });

  test('the wall-time budget stops a run whose steps would allow more', async () => {
    const started = Date.now();
    const run = await budgetOf('let n = 0; while (true) n++;', { steps: 1e9, timeMs: 200 });
    expect(run.error?.data?.budget).toBe('timeMs');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('a long run yields to the event loop (a timer fires while it runs)', async () => {
    let fired = 0;
    const timer = setInterval(() => fired++, 5);
    await budgetOf('let n = 0; while (true) n++;', { steps: 1e9, timeMs: 300 });
    clearInterval(timer);
    expect(fired).toBeGreaterThan(3);
  });

  test('deep recursion ends at the call-depth budget', async () => {
    const run = await budgetOf('function down(n) { return down(n + 1); }\ndown(0);');
    expect(run.error?.data).toMatchObject({ budget: 'callDepth', limit: 200, line: 1 });
  });

  test('recursion within the depth budget works', async () => {
    const run = await runScript('function sum(n) { return n === 0 ? 0 : n + sum(n - 1); } sum(150)', mathCapabilities());
    expect(run.result).toBe(11325);
  });

  test.each([
    ['let s = "x"; while (true) s = s + s;', 'stringLength'],
    ['let s = "x"; for (;;) s += s;', 'stringLength'],
    ['"ab".repeat(1e7)', 'stringLength'],
    ['"x".padStart(2e6)', 'stringLength'],
    ['let a = ["x".repeat(1000)]; for (let i = 0; i < 30; i++) a = [a, a]; String(a)', 'stringLength'],
    ['let a = [1]; for (let i = 0; i < 30; i++) a = [a, a]; JSON.stringify(a)', 'stringLength'],
    ['let a = ["y".repeat(1000)]; for (let i = 0; i < 30; i++) a = [a, a]; `${a}`', 'stringLength'],
    ['const a = []; while (true) a.push(1);', 'arrayLength'],
    ['let a = [1]; while (true) a = a.concat(a);', 'arrayLength'],
    ['let a = [1]; while (true) a = [...a, ...a];', 'arrayLength'],
    ['Array.from({ length: 1e9 })', 'arrayLength'],
    ['const o = {}; let i = 0; while (true) o["k" + i++] = 1;', 'arrayLength'],
    ['const big = "z".repeat(900000); const keep = []; while (true) keep.push(big.toUpperCase());', 'allocation'],
  ])('%s → %s', async (source, budget) => {
    const run = await budgetOf(source, { steps: 1e7, timeMs: 20_000 });
    expect(run.error?.data?.budget).toBe(budget);
  });

  test('budgets are not catchable by the script', async () => {
    const run = await budgetOf('let caught = 0; while (true) { try { while (true) {} } catch (e) { caught++; } finally { caught++; } }', { steps: 2000 });
    expect(run.error?.data?.budget).toBe('steps');
  });

  test('a loop of 5,000 iterations (about 60k steps) fits the default budget and finishes quickly', async () => {
    const started = Date.now();
    const run = await runScript('let s = 0; for (let i = 0; i < 5000; i++) { s += i % 7; } s', mathCapabilities());
    expect(run.error).toBeUndefined();
    expect(run.result).toBe(14995);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('the clock stops while the host waits for the user', () => {
  test('paused time does not count: a wait inside within() outlives the budget only while paused', async () => {
    const meter = new Meter({ timeMs: 60 });
    meter.pause(true);
    const waited = meter.within(new Promise((resolve) => setTimeout(() => resolve('answered'), 150)), undefined);
    await expect(waited).resolves.toBe('answered');
    expect(() => meter.checkTime(undefined)).not.toThrow();
    meter.pause(false);
    expect(meter.remainingMs()).toBeGreaterThan(0);
    await expect(meter.within(new Promise((resolve) => setTimeout(resolve, 200)), undefined)).rejects.toMatchObject({ name: 'BudgetError' });
  });
});
