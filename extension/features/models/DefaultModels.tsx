import type { Feature } from '../../../models/catalogue.ts';
import { choicesFor, defaultSettingKey, FASTEST_FIRST_TOKEN, FEATURES, pickDefaultModel, type Candidate } from '../../../models/defaults.ts';
import { fastestFirstToken } from '../../../models/first-token.ts';
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
  const firstTokens = useLiveQuery(() => database().firstTokens.toArray()) ?? [];
  return (
    <fieldset class="defaults">
      <legend>Default model per feature</legend>
      {FEATURES.map((feature) => {
        const auto = saved[feature] === FASTEST_FIRST_TOKEN;
        const current = pickDefaultModel(feature, candidates, saved[feature], firstTokens);
        const fastest = fastestFirstToken(feature, candidates, firstTokens);
        const name = (id: string) => candidates.find((c) => c.entry.id === id)?.entry.name ?? id;
        return (
          <div key={feature} class="default-row">
            <label for={`default-${feature}`}>
              {LABELS[feature]}
              <select id={`default-${feature}`} data-feature={feature} value={auto ? FASTEST_FIRST_TOKEN : current}
                onChange={(e) => void writeSetting(defaultSettingKey(feature), (e.currentTarget as HTMLSelectElement).value)}>
                <option value={FASTEST_FIRST_TOKEN}>Fastest first token here (measured)</option>
                {choicesFor(feature, candidates).map((entry) => <option key={entry.id} value={entry.id}>{entry.name}</option>)}
              </select>
            </label>
            {auto && (
              <p class="hint" data-field="fastest" data-model={current}>
                {fastest
                  ? `Uses ${name(current)}: ${fastest.measured.map((m) => `${name(m.model)} ${Math.round(m.meanMs)} ms`).join(' · ')} to the first token on long prompts (${fastest.measured[0]!.backend}).`
                  : `Nothing measured yet on long prompts (256+ tokens): uses ${name(current)} until a model made for this has been timed.`}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
