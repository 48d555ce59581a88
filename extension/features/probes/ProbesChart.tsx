import type { Cell } from './stats.ts';

/** Parse-based accuracy per cell as bars, ± one std as error bars (SVG, no library). */
export function ProbesChart({ cells }: { cells: readonly Cell[] }) {
  const rowH = 22;
  const left = 210;
  const width = 460;
  const plot = width - left - 20;
  const height = cells.length * rowH + 24;
  const x = (value: number) => left + Math.max(0, Math.min(1, value)) * plot;
  return (
    <svg role="img" aria-label="Accuracy per model, suite, strategy and perturbation, with ± one standard deviation" data-testid="probes-chart"
      viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: `${width}px` }}>
      {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={0} y2={height - 18} stroke="currentColor" stroke-opacity={0.15} />
          <text x={x(tick)} y={height - 4} font-size="10" text-anchor="middle" fill="currentColor">{Math.round(tick * 100)}%</text>
        </g>
      ))}
      {cells.map((cell, i) => {
        const { mean, std } = cell.methods.parse;
        const y = i * rowH + 4;
        const label = `${cell.model} · ${cell.suite} · ${cell.strategy}${cell.perturbation === 'none' ? '' : ` · ${cell.perturbation}`}`;
        return (
          <g key={cell.key} data-testid="probes-bar" data-cell={cell.key} data-mean={mean} data-std={std}>
            <text x={left - 6} y={y + 12} font-size="10" text-anchor="end" fill="currentColor">{label.length > 40 ? `${label.slice(0, 39)}…` : label}</text>
            <rect x={left} y={y} width={Math.max(0, x(mean) - left)} height={rowH - 8} fill="#4a7bd0" />
            {std > 0 && (
              <g stroke="currentColor">
                <line x1={x(mean - std)} x2={x(mean + std)} y1={y + (rowH - 8) / 2} y2={y + (rowH - 8) / 2} />
                <line x1={x(mean - std)} x2={x(mean - std)} y1={y + 2} y2={y + rowH - 10} />
                <line x1={x(mean + std)} x2={x(mean + std)} y1={y + 2} y2={y + rowH - 10} />
              </g>
            )}
          </g>
        );
      })}
    </svg>
  );
}
