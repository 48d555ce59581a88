import type { CatalogueEntry, Feature } from '../../../models/catalogue.ts';

const FEATURE_WORDS: Record<Feature, string> = { automate: 'writing page scripts', math: 'math', story: 'stories', probes: 'reasoning probes' };

/**
 * A model picker's options: the models made for the feature first, the others (which run, but were not made for it:
 * a story model asked for a script answers with a story) in a group that says so.
 */
export function ModelOptions({ feature, models }: { feature: Feature; models: readonly CatalogueEntry[] }) {
  const made = models.filter((entry) => entry.goodFor.includes(feature));
  const other = models.filter((entry) => !entry.goodFor.includes(feature));
  const option = (entry: CatalogueEntry) => <option key={entry.id} value={entry.id}>{entry.name}</option>;
  if (!other.length || !made.length) return <>{models.map(option)}</>;
  return (
    <>
      {made.map(option)}
      <optgroup label={`Not made for ${FEATURE_WORDS[feature]}`}>{other.map(option)}</optgroup>
    </>
  );
}

/** Says so when the chosen model was not made for the feature (the only one downloaded may be a story model). */
export function NotMadeFor({ feature, entry }: { feature: Feature; entry: CatalogueEntry | undefined }) {
  if (!entry || entry.goodFor.includes(feature)) return null;
  return (
    <p class="muted" data-testid={`not-made-for-${feature}`}>
      {entry.name} was not made for {FEATURE_WORDS[feature]}: expect poor answers. Download a model made for it in the Models tab.
    </p>
  );
}
