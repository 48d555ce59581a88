import { offscreenDocumentExists, storageEstimate } from '../platform/index.ts';
import { ModelNotFoundError, ValidationError } from '../protocol/errors.ts';
import type { Handlers } from '../protocol/dispatcher.ts';
import { database } from '../storage/db.ts';
import { writing } from '../storage/full.ts';
import { compatibility, findModel, type CatalogueEntry } from '../../models/catalogue.ts';
import { customEntry, resolveModel } from '../../models/registry.ts';
import { callModelHost } from './model-host.ts';

async function downloadable(id: string): Promise<CatalogueEntry> {
  const entry = await resolveModel(id);
  if (!entry) throw new ModelNotFoundError(`no model "${id}" in the catalogue`);
  if (entry.source.kind === 'bundled') throw new ValidationError(`"${entry.name}" ships with the extension; there is nothing to download`);
  if (entry.source.kind === 'builtin') throw new ValidationError(`"${entry.name}" is Chrome's: Chrome downloads and deletes it (the Models tab asks Chrome to)`);
  if (entry.unavailableReason) throw new ModelNotFoundError(`"${entry.name}" cannot run here: ${entry.unavailableReason}`);
  return entry;
}

/**
 * Downloads run in the model host; with no host, a row still marked "downloading" is one a host that went away
 * (browser closed, a crash, an update) left behind: it is paused, so the Models tab offers Resume and Delete. (A host
 * that starts pauses such rows itself.) Rows written after the check are a new host's and are left alone.
 */
async function pauseOrphanedDownloads(): Promise<void> {
  const db = database();
  if (!(await db.models.where('state').equals('downloading').count())) return;
  const checkedAt = Date.now();
  if (await offscreenDocumentExists()) return;
  await db.transaction('rw', db.models, () => db.models.where('state').equals('downloading')
    .filter((row) => row.updatedAt < checkedAt)
    .modify({ state: 'paused', progress: undefined, updatedAt: checkedAt }));
}

export const modelHandlers: Handlers = {
  'models.download': async ({ model }) => {
    const entry = await downloadable(model);
    // What the Models tab folds away as "cannot run here" is refused here too (a message sent some other way).
    if (entry.source.kind !== 'builtin') {
      const probe = await callModelHost('host.device.probe', {});
      const fit = compatibility(entry, probe.gpu.available ? probe.gpu.features : null);
      if (!fit.ok) throw new ModelNotFoundError(`"${entry.name}" cannot run here: ${fit.reason}`);
    }
    return callModelHost('host.models.download', { model });
  },
  'models.cancel': ({ model }) => callModelHost('host.models.cancel', { model }),
  'models.check': async () => {
    await pauseOrphanedDownloads();
    return {};
  },
  'models.delete': async ({ model, force }) => {
    const asked = { model, ...(force ? { force } : {}) };
    // A stored row that no entry resolves any more can only be deleted (see unknownModelRows).
    if (!(await resolveModel(model)) && await database().models.get(model)) return callModelHost('host.models.delete', asked);
    await downloadable(model);
    return callModelHost('host.models.delete', asked);
  },
  /** A model the user added goes whole: its files, then its entry (so its id can be added again, say with new URLs). */
  'models.remove': async ({ model, force }) => {
    const db = database();
    if (!(await db.models.get(model))?.custom) {
      throw new ValidationError(`"${model}" is not a model you added: only those can be removed from the list (a catalogue model's files can be deleted)`);
    }
    // The host stops a download in flight and deletes the files; no write of its can follow the row's removal.
    await callModelHost('host.models.delete', { model, ...(force ? { force } : {}) });
    await db.models.delete(model);
    return {};
  },
  'models.register': async ({ model }) => {
    if (findModel(model.id)) throw new ValidationError(`"${model.id}" is already a catalogue model`);
    try {
      customEntry(model);
    } catch (error) {
      throw new ValidationError((error as Error).message);
    }
    const db = database();
    // One transaction: the model host may be writing this row's download state at the same time, and a state read
    // here and written back later could undo it (a finished download shown as downloading forever).
    await writing(() => db.transaction('rw', db.models, async () => {
      const row = await db.models.get(model.id);
      const sameFiles = JSON.stringify((row?.custom as { files?: unknown } | undefined)?.files) === JSON.stringify(model.files);
      // New files for a model whose old ones are (partly) on disk would mix the two: those must go first.
      if (row && !sameFiles && row.state !== 'absent') {
        throw new ValidationError(`"${model.id}" has downloaded files; delete them before changing its file list`);
      }
      if (row) await db.models.update(model.id, { custom: model, updatedAt: Date.now() });
      else await db.models.add({ id: model.id, state: 'absent', bytes: 0, custom: model, updatedAt: Date.now() });
    }), 'the model');
    return {};
  },
  'models.storage': async () => {
    await pauseOrphanedDownloads();
    const [estimate, rows] = await Promise.all([storageEstimate(), database().models.toArray()]);
    return {
      usageBytes: estimate.usage, quotaBytes: estimate.quota,
      models: rows.map((row) => ({ id: row.id, state: row.state, bytes: row.bytes })),
    };
  },
};
