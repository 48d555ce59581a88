import type { CatalogueEntry, Feature } from './catalogue.ts';
import { BUNDLED_STORY_MODEL, isUserAdded } from './catalogue.ts';
import { fastestFirstToken, type FirstTokenRow } from './first-token.ts';

/** A default-model setting that means "whichever model made for the feature measured the fastest first token here". */
export const FASTEST_FIRST_TOKEN = 'auto:fastest-first-token';

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
 * and runnable (or, for FASTEST_FIRST_TOKEN, the model made for the feature that measured the fastest prompt-heavy
 * first token on this device), else a ready downloaded model made for the feature, else a bundled one made for it,
 * else the bundled story model (always there).
 */
export function pickDefaultModel(feature: Feature, candidates: readonly Candidate[], chosen: string | undefined,
  firstTokens: readonly FirstTokenRow[] = []): string {
  const usable = candidates.filter((c) => c.ready && c.runnable && canServe(c.entry, feature));
  if (chosen === FASTEST_FIRST_TOKEN) {
    const fastest = fastestFirstToken(feature, candidates, firstTokens);
    if (fastest) return fastest.model;
  } else if (chosen && usable.some((c) => c.entry.id === chosen)) {
    return chosen;
  }
  // A model the user downloaded for the feature before a bundled one: the bundled models are the offline floor. One the
  // user added by URL only once it has answered here (its files may download whole and still not load).
  const made = usable.filter((c) => c.entry.goodFor.includes(feature));
  const proven = (c: Candidate) => !isUserAdded(c.entry) || firstTokens.some((row) => row.model === c.entry.id);
  return (made.find((c) => c.entry.source.kind !== 'bundled' && proven(c)) ?? made.find((c) => c.entry.source.kind === 'bundled') ?? made[0])?.entry.id
    ?? BUNDLED_STORY_MODEL;
}

/**
 * Whether a feature can use the model at all. A script writer reads only its own input (a page document and a task):
 * a story prompt or a math problem gives it nothing to work from, so it is offered for Automate alone.
 */
export function canServe(entry: Pick<CatalogueEntry, 'promptFormat'>, feature: Feature): boolean {
  return entry.promptFormat !== 'scriptwriter' || feature === 'automate';
}

/** Models a feature can be pointed at: ready, runnable and able to serve it, the ones made for it first. */
export function choicesFor(feature: Feature, candidates: readonly Candidate[]): CatalogueEntry[] {
  const usable = candidates.filter((c) => c.ready && c.runnable && canServe(c.entry, feature)).map((c) => c.entry);
  return [...usable.filter((e) => e.goodFor.includes(feature)), ...usable.filter((e) => !e.goodFor.includes(feature))];
}
