import { database, type PocketDb } from './db.ts';

/**
 * Automation runs are kept per tab id (`automate.run.<tab>`) so a reopened side panel finds its run; tab ids start
 * over with the browser, so at browser start those records would show an old run on an unrelated new tab.
 */
export async function forgetTabRuns(db: PocketDb = database()): Promise<number> {
  return db.settings.where('key').startsWith('automate.run.').delete();
}
