import { database, type PocketDb } from '../storage/db.ts';
import { callModelHost } from './model-host.ts';
import { forgetTabRuns } from '../storage/tab-runs.ts';

/**
 * Long work that lives in the model host (probe runs) must survive a browser restart: if a run was queued or running
 * when the browser closed, start the host, which picks unfinished runs up as it starts.
 */
export async function resumeInterruptedWork(db: PocketDb = database()): Promise<boolean> {
  await forgetTabRuns(db);
  const open = await db.probeRuns.where('status').anyOf('running', 'queued').count();
  if (!open) return false;
  await callModelHost('host.probes.status', {});
  return true;
}

