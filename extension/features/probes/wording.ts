import type { Cell, Drop } from './stats.ts';

/** What the Drop column means, for its header. */
export const DROP_TITLE = 'Clean accuracy minus the accuracy under this perturbation (parse-based), in percentage points; '
  + 'where the perturbation applies to some items only, both on those items.';
/** What the Disagree column means, for its header. */
export const DISAGREE_TITLE = 'Items where the parse-based score differs from exact match (vs exact) and from the judge (vs judge).';

/** "25.0 pp", "-5.0 pp (on the 10 items it applies to)": a difference of accuracies is in points, not a percentage. */
export function dropText(drop: Pick<Drop, 'drop' | 'items'>): string {
  const points = `${(100 * drop.drop).toFixed(1)} pp`;
  return drop.items === undefined ? points : `${points} (on the ${drop.items} items it applies to)`;
}

/** "1 vs exact · 5 vs judge": how many items the parse-based score disagrees on, with what. */
export function disagreeText(counts: Cell['disagreements'], judged: boolean): string {
  return judged ? `${counts.parseVsExact} vs exact · ${counts.parseVsJudge} vs judge` : `${counts.parseVsExact} vs exact`;
}
