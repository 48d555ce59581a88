import { csvCell } from '../../ui/csv.ts';
import { summarize, type Cell, type ItemResult, type Method } from './stats.ts';

/**
 * Comparing finished probe runs side by side. Each compared series is one model of one run (a run of a single model
 * is one series), so runs of different models, suites or strategies line up on the same rows. A row is one
 * (suite, strategy, perturbation, method); each series has its mean ± std there or is missing (the run did not
 * measure it: another suite or strategy, or no judge). Differences are signed, each series against the first one.
 */

export interface ComparedRun {
  id: string;
  /** How the run is named on screen and in exports (e.g. its start time). */
  label: string;
  results: readonly ItemResult[];
  /** Items per repeat of each cell from the run's plan (runner.ts plannedPerRepeat): repeats with fewer are partial. */
  planned?: ReadonlyMap<string, number> | undefined;
}

export interface Series {
  runId: string;
  model: string;
  label: string;
}

export interface SeriesValue {
  mean: number;
  std: number;
  /** Repeats the mean is over. */
  repeats: number;
}

export interface ComparisonRow {
  key: string;
  suite: string;
  strategy: string;
  perturbation: string;
  method: Method;
  /** One per series, in series order; null where that series did not measure the row. */
  values: (SeriesValue | null)[];
  /** One per series: its mean minus the first series' mean; null for the first series and where either is missing. */
  deltas: (number | null)[];
}

export interface Comparison {
  series: Series[];
  rows: ComparisonRow[];
}

export const METHODS: Method[] = ['parse', 'exact', 'judge'];

export class ComparisonError extends Error {
  override name = 'ComparisonError';
}

const rowKey = (c: Pick<Cell, 'suite' | 'strategy' | 'perturbation'>, method: Method) => `${c.suite}|${c.strategy}|${c.perturbation}|${method}`;

/** `modelName`: how a model is named in the series' labels (its display name; by default its id). */
export function compareRuns(runs: readonly ComparedRun[], modelName: (id: string) => string = (id) => id): Comparison {
  if (runs.length < 2) throw new ComparisonError('pick at least two runs to compare');
  if (new Set(runs.map((r) => r.id)).size !== runs.length) throw new ComparisonError('a run is picked twice');
  const series: Series[] = [];
  const cellsPerSeries: Map<string, Cell>[] = [];
  for (const run of runs) {
    const models = [...new Set(run.results.map((r) => r.model))];
    if (!models.length) throw new ComparisonError(`run ${run.label} has no results yet`);
    for (const model of models) {
      series.push({ runId: run.id, model, label: models.length > 1 ? `${run.label} · ${modelName(model)}` : run.label });
      cellsPerSeries.push(new Map(summarize(run.results.filter((r) => r.model === model), run.planned).flatMap((cell) =>
        METHODS.map((method) => [rowKey(cell, method), cell] as const))));
    }
  }
  const shape = new Map<string, Omit<ComparisonRow, 'values' | 'deltas'>>();
  for (const cells of cellsPerSeries) {
    for (const [key, cell] of cells) {
      const method = key.slice(key.lastIndexOf('|') + 1) as Method;
      shape.set(key, { key, suite: cell.suite, strategy: cell.strategy, perturbation: cell.perturbation, method });
    }
  }
  const rows = [...shape.values()].map((row) => {
    const values = cellsPerSeries.map((cells): SeriesValue | null => {
      const measured = cells.get(row.key)?.methods[row.method];
      return measured?.perRepeat.length ? { mean: measured.mean, std: measured.std, repeats: measured.perRepeat.length } : null;
    });
    const base = values[0];
    const deltas = values.map((v, i) => (i > 0 && v && base ? v.mean - base.mean : null));
    return { ...row, values, deltas };
  }).filter((row) => row.values.some((v) => v !== null)); // a method no compared run measured (no judge anywhere)
  const order = (r: ComparisonRow) => [r.suite, r.strategy, r.perturbation === 'none' ? '' : r.perturbation].join('\u0000');
  rows.sort((a, b) => order(a).localeCompare(order(b)) || METHODS.indexOf(a.method) - METHODS.indexOf(b.method));
  return { series, rows };
}

/** A difference in percentage points with its sign: "+16.7", "-8.3", "0.0". */
export function signedPoints(delta: number): string {
  const points = (100 * delta).toFixed(1);
  if (Number(points) === 0) return '0.0';
  return delta > 0 ? `+${points}` : points;
}



/** One line per row: per series its mean, std and repeats (empty when missing), then per later series its delta. */
export function comparisonCsv(comparison: Comparison): string {
  const head = ['suite', 'strategy', 'perturbation', 'method',
    ...comparison.series.flatMap((s) => [`${s.label} mean`, `${s.label} std`, `${s.label} repeats`]),
    ...comparison.series.slice(1).map((s) => `${s.label} minus ${comparison.series[0]!.label}`)];
  const lines = comparison.rows.map((row) => [row.suite, row.strategy, row.perturbation, row.method,
    ...row.values.flatMap((v): (number | string)[] => (v ? [v.mean, v.std, v.repeats] : ['missing', '', ''])),
    ...row.deltas.slice(1).map((d) => (d === null ? '' : d))]);
  return [head, ...lines].map((line) => line.map(csvCell).join(',')).join('\n');
}
