import { STAT_COLUMNS, type TextStats } from './stats.ts';

export const formatStat = (value: number | null | undefined, digits: number) =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);

/** A story's text statistics as a compact definition list. */
export function StatsList({ stats }: { stats: TextStats }) {
  return (
    <dl class="stats" data-testid="story-stats">
      {STAT_COLUMNS.map((c) => [
        <dt key={`${c.key}-t`}>{c.label}</dt>,
        <dd key={`${c.key}-d`} data-stat={c.key}>{formatStat(stats[c.key], c.digits)}</dd>,
      ])}
    </dl>
  );
}
