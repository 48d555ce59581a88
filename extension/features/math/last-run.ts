import { readSetting, writeSetting } from '../../storage/settings.ts';
import type { MathRun } from './solve.ts';

/**
 * The last math run, kept in the settings table as it progresses (each finished sample, and the end), so a popup
 * that closed mid-run shows on reopening what was done, marked as interrupted.
 */
export const LAST_RUN_KEY = 'math.lastRun';

export function saveLastRun(run: MathRun): Promise<void> {
  return writeSetting(LAST_RUN_KEY, run);
}

export async function loadLastRun(): Promise<MathRun | null> {
  const run = await readSetting<MathRun | null>(LAST_RUN_KEY, null);
  if (!run || typeof run !== 'object' || !Array.isArray(run.attempts)) return null;
  if (run.status === 'running') {
    return { ...run, status: 'interrupted', message: 'The panel closed before this run finished; this is what it had done.' };
  }
  return run;
}
