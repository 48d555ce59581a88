import { draftStore, offscreenDocumentExists, request, sessionRemove } from '../platform/index.ts';
import { database } from '../storage/db.ts';
import { modelHostStarting } from './model-host.ts';
import { intentKey } from './side-panel.ts';

/**
 * A closed tab's automation run can never be confirmed or answered again (its side panel went with it): the model
 * host stops it and deletes its record. With no host running, only the record is left to delete. The side-panel
 * intent it may have left (the text the user selected) goes too.
 */
export async function forgetClosedTab(tabId: number): Promise<void> {
  // A host being started may be starting this tab's run: it is told once it listens.
  await modelHostStarting()?.catch(() => undefined);
  if (await offscreenDocumentExists()) {
    await request('host.automate.tabClosed', { tabId }).catch(() => undefined);
  }
  await Promise.all([database().settings.delete(`automate.run.${tabId}`), sessionRemove(intentKey(tabId)).catch(() => undefined),
    forgetTabDrafts(tabId).catch(() => undefined)]);
}

/** The panels' drafts tied to the tab (`automate.<what>.<tabId>`: its task, its save form) go with it. */
async function forgetTabDrafts(tabId: number): Promise<void> {
  const drafts = await draftStore.load('session');
  if (!drafts) return;
  const keys = Object.keys(drafts).filter((key) => key.startsWith('automate.') && key.endsWith(`.${tabId}`));
  if (!keys.length) return;
  for (const key of keys) delete drafts[key];
  await draftStore.save('session', drafts);
}
