import { useEffect, useState } from 'preact/hooks';
import * as v from 'valibot';
import { catalogue, compatibility, type CatalogueEntry, type Feature } from '../../../models/catalogue.ts';
import { CustomModelSchema } from '../../../models/custom-model.ts';
import { defaultSettingKey, pickDefaultModel, type Candidate } from '../../../models/defaults.ts';
import { customEntry } from '../../../models/registry.ts';
import { request } from '../../platform/index.ts';
import { database, type ModelRow } from '../../storage/db.ts';
import { useLiveQuery } from '../../ui/useLiveQuery.ts';

/** GPU features of this device: undefined while asking, null without WebGPU. */
export function useGpuFeatures(): string[] | null | undefined {
  const [features, setFeatures] = useState<string[] | null | undefined>(undefined);
  useEffect(() => {
    request('system.info', {}).then((info) => setFeatures(info.gpu.available ? info.gpu.features : null), () => setFeatures(null));
  }, []);
  return features;
}

export function customEntries(rows: readonly ModelRow[]): CatalogueEntry[] {
  return rows.flatMap((row) => {
    const parsed = v.safeParse(CustomModelSchema, row.custom);
    if (!parsed.success) return [];
    try {
      return [customEntry(parsed.output)];
    } catch {
      return [];
    }
  });
}

/** Every model this browser knows (catalogue + user-added), with whether it is ready and runnable here. */
export function useCandidates(): { candidates: Candidate[]; rows: ModelRow[]; gpuFeatures: string[] | null | undefined } {
  const gpuFeatures = useGpuFeatures();
  const rows = useLiveQuery(() => database().models.toArray()) ?? [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const candidates = [...catalogue, ...customEntries(rows)].map((entry) => ({
    entry,
    ready: entry.source.kind === 'bundled' || byId.get(entry.id)?.state === 'complete',
    runnable: gpuFeatures === undefined ? true : compatibility(entry, gpuFeatures).ok,
  }));
  return { candidates, rows, gpuFeatures };
}

/** The model a feature should use now (see pickDefaultModel), following the user's choice in the Models tab. */
export function useDefaultModel(feature: Feature): string {
  const { candidates } = useCandidates();
  const chosen = useLiveQuery(async () => (await database().settings.get(defaultSettingKey(feature)))?.value as string | undefined);
  const firstTokens = useLiveQuery(() => database().firstTokens.toArray()) ?? [];
  return pickDefaultModel(feature, candidates, chosen, firstTokens);
}
