import { useEffect, useState } from 'preact/hooks';
import { catalogue, compatibility, findModel, type CatalogueEntry, type Feature } from '../../../models/catalogue.ts';
import type { BuiltInAvailability } from '../../../models/builtin.ts';
import { defaultSettingKey, pickDefaultModel, type Candidate } from '../../../models/defaults.ts';
import { customRowEntry } from '../../../models/registry.ts';
import { request } from '../../platform/index.ts';
import { database, type ModelRow } from '../../storage/db.ts';
import { useLiveQuery } from '../../ui/useLiveQuery.ts';

export interface DeviceFacts {
  /** GPU features of this device: undefined while asking, null without WebGPU. */
  gpuFeatures: string[] | null | undefined;
  /** Chrome's built-in model, as Chrome reports it (undefined while asking). */
  builtin: BuiltInAvailability | undefined;
  /** `navigator.deviceMemory` (coarse), when the browser tells it. */
  memoryGb?: number | undefined;
  /** Asks again (after Chrome downloaded its model). */
  refresh(): void;
}

export function useDeviceFacts(): DeviceFacts {
  const [facts, setFacts] = useState<Omit<DeviceFacts, 'refresh'>>({ gpuFeatures: undefined, builtin: undefined });
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    request('system.info', {}).then(
      (info) => setFacts({ gpuFeatures: info.gpu.available ? info.gpu.features : null, builtin: info.builtin, memoryGb: info.deviceMemoryGb }),
      () => setFacts({ gpuFeatures: null, builtin: 'absent' }),
    );
  }, [asked]);
  return { ...facts, refresh: () => setAsked((n) => n + 1) };
}

export function customEntries(rows: readonly ModelRow[]): CatalogueEntry[] {
  return rows.flatMap((row) => customRowEntry(row) ?? []);
}

/** Stored models no entry describes any more (added by an older version, or dropped from the catalogue): deletable. */
/** The catalogue and the models the user added. */
const allEntries = (rows: readonly ModelRow[]): CatalogueEntry[] => [...catalogue, ...customEntries(rows)];

export function unknownModelRows(rows: readonly ModelRow[]): ModelRow[] {
  return rows.filter((row) => !findModel(row.id) && !customRowEntry(row));
}

/** Every model this browser knows (catalogue + user-added), with whether it is ready and runnable here. */
/** `loaded`: the stored models have been read (before, only the bundled ones look ready). */
export function useCandidates(): { candidates: Candidate[]; rows: ModelRow[]; device: DeviceFacts; loaded: boolean } {
  const device = useDeviceFacts();
  const { gpuFeatures, builtin } = device;
  const read = useLiveQuery(() => database().models.toArray());
  const rows = read ?? [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const candidates = allEntries(rows).map((entry) => ({
    entry,
    ready: entry.source.kind === 'bundled' || byId.get(entry.id)?.state === 'complete' || (entry.source.kind === 'builtin' && builtin === 'available'),
    runnable: gpuFeatures === undefined ? entry.source.kind !== 'builtin' && !entry.unavailableReason : compatibility(entry, gpuFeatures, builtin).ok,
  }));
  return { candidates, rows, device, loaded: read !== undefined };
}

/** The model a feature should use now (see pickDefaultModel), following the user's choice in the Models tab. */
export function useDefaultModel(feature: Feature): string {
  const { candidates } = useCandidates();
  const chosen = useLiveQuery(async () => (await database().settings.get(defaultSettingKey(feature)))?.value as string | undefined);
  const firstTokens = useLiveQuery(() => database().firstTokens.toArray()) ?? [];
  return pickDefaultModel(feature, candidates, chosen, firstTokens);
}

/**
 * A model's display name by its id ("TinyStories 656K" for `tinystories-656k`), from the catalogue and the models the
 * user added; an id no model has any more (a deleted one, a story's "human (HANNA)") is shown as it is.
 */
export function useModelName(): (id: string) => string {
  const rows = useLiveQuery(() => database().models.toArray()) ?? [];
  const names = new Map(allEntries(rows).map((entry) => [entry.id, entry.name]));
  return (id) => names.get(id) ?? id;
}
