import type { Cell } from './stats.ts';

/** One bar: a mean with ± one std, or null where that series has no value for the group (drawn as "missing"). */
export type ChartBar = { mean: number; std: number } | null;

export interface ChartGroup {
  key: string;
  label: string;
  /** A second, smaller line under the label (suite · strategy under a model's name). */
  sublabel?: string;
  /** One per series, in series order. */
  bars: ChartBar[];
}

const COLOURS = ['#4a7bd0', '#d0864a', '#4aa36b', '#a04ad0', '#c9b23a', '#d04a6a', '#4ac0c9', '#777777'];

/** A run's own cells (parse-based accuracy), one bar each, labelled with the model's name over suite · strategy. */
export function cellGroups(cells: readonly Cell[], modelName: (id: string) => string): ChartGroup[] {
  return cells.map((cell) => ({
    key: cell.key,
    label: modelName(cell.model),
    sublabel: `${cell.suite} · ${cell.strategy}${cell.perturbation === 'none' ? '' : ` · ${cell.perturbation}`}`,
    bars: [{ mean: cell.methods.parse.mean, std: cell.methods.parse.std }],
  }));
}

/** What fits the label column at the chart's font size (about 5.7 units a character): the start, then "…". */
const LABEL_CHARS = 34;
const fit = (text: string) => (text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text);

/** Accuracy bars with ± one std error bars (SVG, no library); several series are drawn side by side per group. */
export function ProbesChart({ groups, series = [], label }: { groups: readonly ChartGroup[]; series?: readonly string[]; label: string }) {
  const barH = 14;
  const count = Math.max(1, ...groups.map((g) => g.bars.length));
  // Room for two label lines when a group has a sublabel.
  const groupH = Math.max(count * barH, groups.some((g) => g.sublabel) ? 24 : 0) + 8;
  const left = 210;
  const width = 460;
  const plot = width - left - 20;
  const legendH = series.length > 1 ? series.length * 14 + 6 : 0;
  const height = legendH + groups.length * groupH + 24;
  const x = (value: number) => left + Math.max(0, Math.min(1, value)) * plot;
  return (
    <svg role="img" aria-label={label} data-testid="probes-chart" viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: `${width}px` }}>
      {series.length > 1 && series.map((name, s) => (
        <g key={`legend-${s}`} data-testid="probes-legend">
          <rect x={left} y={s * 14 + 2} width={10} height={10} fill={COLOURS[s % COLOURS.length]} />
          <text x={left + 14} y={s * 14 + 11} font-size="10" fill="currentColor">{name}</text>
        </g>
      ))}
      {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={legendH} y2={height - 18} stroke="currentColor" stroke-opacity={0.15} />
          <text x={x(tick)} y={height - 4} font-size="10" text-anchor="middle" fill="currentColor">{Math.round(tick * 100)}%</text>
        </g>
      ))}
      {groups.map((group, g) => {
        const top = legendH + g * groupH + 4;
        return (
          <g key={group.key} data-testid="probes-group" data-group={group.key}>
            {/* The whole label, where the one drawn is cut (a hover shows it). */}
            <title>{group.sublabel ? `${group.label} · ${group.sublabel}` : group.label}</title>
            <text x={left - 6} y={top + (groupH - 8) / 2 + (group.sublabel ? -1 : 4)} font-size="10" text-anchor="end" fill="currentColor">
              {fit(group.label)}
            </text>
            {group.sublabel && (
              <text x={left - 6} y={top + (groupH - 8) / 2 + 10} font-size="9" text-anchor="end" fill="currentColor" fill-opacity={0.75}>
                {fit(group.sublabel)}
              </text>
            )}
            {group.bars.map((bar, s) => {
              const y = top + s * barH;
              if (!bar || !Number.isFinite(bar.mean)) {
                return <text key={s} data-testid="probes-bar-missing" data-cell={group.key} data-series={s} x={left + 4} y={y + 10} font-size="9" fill="currentColor">missing</text>;
              }
              const { mean, std } = bar;
              const mid = y + (barH - 2) / 2;
              return (
                <g key={s} data-testid="probes-bar" data-cell={group.key} data-series={s} data-mean={mean} data-std={std}>
                  {/* A measured 0% still shows a sliver, unlike a missing value. */}
                  <rect x={left} y={y} width={Math.max(1.5, x(mean) - left)} height={barH - 2} fill={COLOURS[s % COLOURS.length]} />
                  {std > 0 && (
                    <g stroke="currentColor">
                      <line x1={x(mean - std)} x2={x(mean + std)} y1={mid} y2={mid} />
                      <line x1={x(mean - std)} x2={x(mean - std)} y1={y + 1} y2={y + barH - 3} />
                      <line x1={x(mean + std)} x2={x(mean + std)} y1={y + 1} y2={y + barH - 3} />
                    </g>
                  )}
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
