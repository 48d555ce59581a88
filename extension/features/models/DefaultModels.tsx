import type { Feature } from '../../../models/catalogue.ts';
import { choicesFor, defaultSettingKey, FEATURES, pickDefaultModel, type Candidate } from '../../../models/defaults.ts';
import { database } from '../../storage/db.ts';
import { writeSetting } from '../../storage/settings.ts';
import { useLiveQuery } from '../../ui/useLiveQuery.ts';

const LABELS: Record<Feature, string> = { automate: 'Automation', math: 'Math', story: 'Story', probes: 'Probes' };

/** One select per feature: which ready model it uses unless a panel picks another. */
export function DefaultModels({ candidates }: { candidates: Candidate[] }) {
  const saved = useLiveQuery(async () => {
    const rows = await database().settings.bulkGet(FEATURES.map(defaultSettingKey));
    return Object.fromEntries(FEATURES.map((f, i) => [f, rows[i]?.value as string | undefined]));
  }) ?? {};
  return (
    <fieldset class="defaults">
      <legend>Default model per feature</legend>
      {FEATURES.map((feature) => {
        const current = pickDefaultModel(feature, candidates, saved[feature]);
        return (
          <label key={feature} for={`default-${feature}`}>
            {LABELS[feature]}
            <select id={`default-${feature}`} data-feature={feature} value={current}
              onChange={(e) => void writeSetting(defaultSettingKey(feature), (e.currentTarget as HTMLSelectElement).value)}>
              {choicesFor(feature, candidates).map((entry) => <option key={entry.id} value={entry.id}>{entry.name}</option>)}
            </select>
          </label>
        );
      })}
    </fieldset>
  );
}
