import { offscreenDocumentExists, request } from '../platform/index.ts';
import { database } from '../storage/db.ts';

/**
 * A closed tab's automation run can never be confirmed or answered again (its side panel went with it): the model
 * host stops it and deletes its record. With no host running, only the record is left to delete.
 */
export async function forgetClosedTab(tabId: number): Promise<void> {
  if (await offscreenDocumentExists()) {
    await request('host.automate.tabClosed', { tabId }).catch(() => undefined);
  }
  await database().settings.delete(`automate.run.${tabId}`);
}
