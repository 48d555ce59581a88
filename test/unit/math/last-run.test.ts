import 'fake-indexeddb/auto';
import { describe, expect, test, vi } from 'vitest';
import { interrupted, loadLastRun, saveLastRun } from '../../../extension/features/math/last-run.ts';
import type { MathRun } from '../../../extension/features/math/solve.ts';
import { writeSetting } from '../../../extension/storage/settings.ts';

const run = (status: MathRun['status']): MathRun => ({
  id: 'r1', problem: '2 + 2?', truncated: false, originalLength: 6, model: 'm', chat: false, status,
  options: { method: 'cot', samples: 1, temperature: 0, verify: false, shots: 0, maxTokens: 8, seed: 1 },
  attempts: [{ method: 'cot', role: 'sample', index: 0, text: 'The answer is 4.', done: true, answer: { value: 4, text: '4', how: 'answer-phrase' } }],
  warnings: [], final: { value: 4, text: '4', how: 'answer-phrase', display: '4' }, startedAt: 1, tokensIn: 3, tokensOut: 5,
});

describe('the last math run in storage', () => {
  test('nothing stored → null; a finished run comes back as it was', async () => {
    expect(await loadLastRun()).toBeNull();
    await saveLastRun(run('done'));
    expect(await loadLastRun()).toEqual({ ...run('done'), savedAt: expect.any(Number) });
  });

  test('a run stored mid-way comes back as stored (the host may still be running it); interrupted() marks one no host runs', async () => {
    await saveLastRun(run('running'));
    const back = await loadLastRun();
    expect(back?.status).toBe('running');
    const stale = interrupted(back!);
    expect(stale.status).toBe('interrupted');
    expect(stale.message).toMatch(/stopped before this run finished/);
    expect(stale.attempts[0]?.text).toBe('The answer is 4.');
    expect(stale.finishedAt).toBeGreaterThan(0);
  });

  test('an interrupted run ended when it was last saved, not when it is found (session 21: 44.8 s shown for 3.8 s run, the rest the browser stood closed)', async () => {
    vi.useFakeTimers({ now: 10_000, toFake: ['Date'] });
    try {
      await saveLastRun({ ...run('running'), startedAt: 6_200 });
      vi.setSystemTime(86_400_000);
      const stale = interrupted((await loadLastRun())!);
      expect(stale.finishedAt! - stale.startedAt).toBe(3_800);
    } finally {
      vi.useRealTimers();
    }
  });

  test('a stored value that is not a run is ignored', async () => {
    await writeSetting('math.lastRun', { attempts: 'no' });
    expect(await loadLastRun()).toBeNull();
  });
});
