import { describe, expect, test } from 'vitest';
import { plainValues, withPlainValues } from '../../../extension/features/automate/replay-values.ts';
import type { RunState } from '../../../extension/features/automate/run-state.ts';

const run = (over: Partial<RunState> = {}): RunState => ({
  runId: 'r1', tabId: 7, task: 'Sign up {{name}} with {{password}}', model: 'm', mode: 'script', replay: true, status: 'done', phase: 'finished',
  attempt: 0, answer: { plan: 'saved', elements: [], script: '$a.type("{{name}}");\n$b.type("{{password}}");\ndone("Welcome {{name}}");' },
  log: [{ seq: 0, line: 1, column: 1, call: 'type', target: '$a', args: ['{{name}}'], at: 0, ms: 1 },
    { seq: 1, line: 2, column: 1, call: 'type', target: '$b', args: ['•••'], at: 0, ms: 1 },
    { seq: 2, line: 3, column: 1, call: 'done', args: ['Welcome {{name}}'], at: 0, ms: 0, error: { name: 'ActionError', message: 'no {{ name }} here' } }],
  said: ['hello {{name}}'], current: null, confirm: { id: 1, target: '$go', action: 'click', label: 'Create {{name}}', reason: 'creates' },
  question: null, step: null, stepByStep: false, error: null, startedAt: 0, finishedAt: 1, generateMs: 0,
  report: { ok: true, status: 'done', result: { who: ['{{name}}', 3] }, attempts: [], modelCalls: 0, tokensIn: 0, tokensOut: 0,
    summary: 'done for {{name}}', savedScript: '$a.type("{{name}}");' },
  ...over,
});

describe('a replay as the panel that started it shows it', () => {
  test('plain holes show the values typed; a secret\'s hole, the script and the saved script keep their holes', () => {
    const shown = withPlainValues(run(), { name: 'Bo Chan', password: 'hunter22' });
    expect(shown.task).toBe('Sign up Bo Chan with {{password}}');
    expect(shown.log.map((e) => e.args)).toEqual([['Bo Chan'], ['•••'], ['Welcome Bo Chan']]);
    expect(shown.log[2]!.error!.message).toBe('no Bo Chan here');
    expect(shown.said).toEqual(['hello Bo Chan']);
    expect(shown.confirm!.label).toBe('Create Bo Chan');
    expect(shown.report!.result).toEqual({ who: ['Bo Chan', 3] });
    expect(shown.report!.summary).toBe('done for Bo Chan');
    expect(shown.answer!.script).toContain('"{{name}}"');
    expect(shown.report!.savedScript).toBe('$a.type("{{name}}");');
    expect(JSON.stringify(shown)).not.toContain('hunter22');
  });

  test('only plain values are kept; no plain value, the run as it is', () => {
    expect(plainValues({ name: 'a', api_token: 'b', sms_code: 'c', postcode: 'd' })).toEqual({ name: 'a', postcode: 'd' });
    const state = run();
    expect(withPlainValues(state, { password: 'x' })).toBe(state);
  });
});
