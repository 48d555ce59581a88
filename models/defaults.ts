import type { CatalogueEntry, Feature } from './catalogue.ts';
import { BUNDLED_STORY_MODEL } from './catalogue.ts';

export const FEATURES: readonly Feature[] = ['automate', 'math', 'story', 'probes'];
export const defaultSettingKey = (feature: Feature) => `defaultModel.${feature}`;

export interface Candidate {
  entry: CatalogueEntry;
  /** Bundled, or every file downloaded and verified. */
  ready: boolean;
  /** This device can run it (GPU features, packaged libraries). */
  runnable: boolean;
}

/**
 * The model a feature uses when the user has not picked one in the panel: the user's default if it is still ready
 * and runnable, else the first ready catalogue model made for the feature, else the bundled model (always there).
 */
export function pickDefaultModel(feature: Feature, candidates: readonly Candidate[], chosen: string | undefined): string {
  const usable = candidates.filter((c) => c.ready && c.runnable);
  if (chosen && usable.some((c) => c.entry.id === chosen)) return chosen;
  return usable.find((c) => c.entry.goodFor.includes(feature))?.entry.id ?? BUNDLED_STORY_MODEL;
}

/** Models a feature can be pointed at: ready and runnable, the ones made for it first. */
export function choicesFor(feature: Feature, candidates: readonly Candidate[]): CatalogueEntry[] {
  const usable = candidates.filter((c) => c.ready && c.runnable).map((c) => c.entry);
  return [...usable.filter((e) => e.goodFor.includes(feature)), ...usable.filter((e) => !e.goodFor.includes(feature))];
}
