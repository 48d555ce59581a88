import { unanswered } from '../platform/index.ts';
import { DisconnectedError } from '../protocol/errors.ts';

const ASK_AGAIN_MS = 500;

/**
 * Starts a run in the model host. When the answer is lost on the way back (the background stopped as it replied), the
 * host is asked which run it has: the one that started is followed as if the answer had come, and only a start that
 * did not happen is an error — one that says so, not Chrome's words.
 */
export async function startRun(start: () => Promise<{ runId: string }>, active: () => Promise<{ active: string | null }>): Promise<{ runId: string }> {
  try {
    return await start();
  } catch (error) {
    if (!unanswered(error)) throw error;
    await new Promise((resolve) => setTimeout(resolve, ASK_AGAIN_MS));
    const now = await active().catch(() => ({ active: null }));
    if (now.active) return { runId: now.active };
    throw new DisconnectedError('the background restarted before it answered, and no run is going: nothing was started. Try again.');
  }
}
