import { database, type PocketDb } from '../storage/db.ts';
import { callModelHost } from './model-host.ts';
import { forgetTabRuns } from '../storage/tab-runs.ts';

/**
 * Long work that lives in the model host (probe runs) must survive a browser restart or an extension update: if a run
 * was queued or running when the host went away, start the host, which picks unfinished runs up as it starts. Tab ids
 * start over only with the browser, so per-tab automation records are forgotten then, not after an update.
 */
export async function resumeInterruptedWork(db: PocketDb = database(), { browserStarted = true } = {}): Promise<boolean> {
  if (browserStarted) await forgetTabRuns(db);
  const open = await db.probeRuns.where('status').anyOf('running', 'queued').count();
  if (!open) return false;
  await callModelHost('host.probes.status', {});
  return true;
}

