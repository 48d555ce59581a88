import { useState } from 'preact/hooks';
import { database, type ProbeRunRow } from '../../storage/db.ts';
import { useLiveQuery } from '../../ui/useLiveQuery.ts';
import { download } from '../story/export.ts';
import { compareRuns, comparisonCsv, signedPoints, type Comparison } from './compare.ts';
import type { ProbeRunDoc } from './config.ts';
import { ProbesChart, type ChartGroup } from './ProbesChart.tsx';
import type { ItemResult } from './stats.ts';
import { plannedCounts } from './runner.ts';
import { useModelName } from '../models/use-models.ts';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** "#3 14:02:11": the run's place among all runs (oldest is #1) and its start time. */
export function runLabel(run: ProbeRunRow, all: readonly ProbeRunRow[]): string {
  const place = [...all].sort((a, b) => a.createdAt - b.createdAt).findIndex((r) => r.id === run.id) + 1;
  return `#${place} ${new Date(run.createdAt).toLocaleTimeString()}`;
}

/** Its models (by `modelName`), suites, strategies and status: what tells two runs apart. */
export function describeRun(run: ProbeRunRow, modelName: (id: string) => string = (id) => id): string {
  const config = (run.config as Partial<ProbeRunDoc> | undefined)?.config;
  // A row stored by an older version, or damaged, still gets its status.
  if (!config || !Array.isArray(config.models) || !Array.isArray(config.suites) || !Array.isArray(config.strategies)) return run.status;
  return `${config.models.map((id) => modelName(String(id))).join(', ')} · ${config.suites.join(', ')} · ${config.strategies.join(', ')} · ${run.status}`;
}

function comparisonGroups(comparison: Comparison): ChartGroup[] {
  return comparison.rows.filter((row) => row.method === 'parse').map((row) => ({
    key: row.key,
    label: `${row.suite} · ${row.strategy}${row.perturbation === 'none' ? '' : ` · ${row.perturbation}`}`,
    bars: row.values.map((v) => (v ? { mean: v.mean, std: v.std } : null)),
  }));
}

function ComparisonView({ picked, runs }: { picked: readonly ProbeRunRow[]; runs: readonly ProbeRunRow[] }) {
  const ids = picked.map((r) => r.id);
  const rows = useLiveQuery(() => database().probeItems.where('runId').anyOf(ids).toArray(), [ids.join('|')]);
  const modelName = useModelName();
  if (!rows) return null;
  let comparison: Comparison;
  try {
    comparison = compareRuns(picked.map((run) => ({
      id: run.id, label: runLabel(run, runs), results: rows.filter((r) => r.runId === run.id).map((r) => r.result as ItemResult),
      planned: plannedCounts((run.config as ProbeRunDoc).config),
    })), modelName);
  } catch (error) {
    return <p role="alert" class="error" data-testid="probes-compare-error">{error instanceof Error ? error.message : String(error)}</p>;
  }
  const { series } = comparison;
  const stem = `probes-comparison-${ids.join('-')}`;
  return (
    <>
      <div class="row">
        <button type="button" onClick={() => download(`${stem}.csv`, comparisonCsv(comparison), 'text/csv')}>Export comparison CSV</button>
        <button type="button" onClick={() => download(`${stem}.json`, JSON.stringify(comparison, null, 2), 'application/json')}>Export comparison JSON</button>
      </div>
      <div role="region" aria-label="Comparison of the runs" tabIndex={0} class="table-scroll">
      <table data-testid="probes-comparison">
        <caption>Accuracy, mean ± std over repeats; differences in percentage points against {series[0]!.label}</caption>
        <thead>
          <tr>
            <th scope="col">Suite</th><th scope="col">Strategy</th><th scope="col">Perturbation</th><th scope="col">Method</th>
            {series.map((s, i) => <th key={`v${i}`} scope="col" data-series={i}>{s.label}</th>)}
            {series.slice(1).map((s, i) => <th key={`d${i}`} scope="col">{s.label} − {series[0]!.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {comparison.rows.map((row) => (
            <tr key={row.key} data-row={row.key}>
              <td>{row.suite}</td><td>{row.strategy}</td><td>{row.perturbation}</td><td>{row.method}</td>
              {row.values.map((v, i) => (
                <td key={`v${i}`} data-field="value" data-series={i} data-missing={v ? undefined : 'true'}>
                  {v ? `${pct(v.mean)} ± ${v.repeats > 1 ? pct(v.std) : '–'} (n=${v.repeats})` : 'missing'}
                </td>
              ))}
              {row.deltas.slice(1).map((d, i) => (
                <td key={`d${i}`} data-field="delta" data-series={i + 1}>{d === null ? '–' : `${signedPoints(d)} pp`}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <ProbesChart groups={comparisonGroups(comparison)} series={series.map((s) => s.label)}
        label="Parse-based accuracy of the compared runs per suite and strategy, with ± one standard deviation" />
    </>
  );
}

/** Pick two or more finished runs (the first picked is the baseline) and read them side by side. */
export function ProbesCompare({ runs }: { runs: readonly ProbeRunRow[] }) {
  const modelName = useModelName();
  const [picked, setPicked] = useState<string[]>([]);
  const finished = runs.filter((r) => r.status !== 'running' && r.status !== 'queued');
  if (finished.length < 2) return null;
  const chosen = picked.map((id) => finished.find((r) => r.id === id)).filter((r): r is ProbeRunRow => r !== undefined);
  return (
    <section aria-labelledby="probes-compare-heading" data-testid="probes-compare">
      <h3 id="probes-compare-heading">Compare runs</h3>
      <fieldset>
        <legend>Runs to compare (the first you pick is the baseline)</legend>
        {finished.map((run) => (
          <label key={run.id} class="check" for={`probes-compare-${run.id}`}>
            <span>
              <input id={`probes-compare-${run.id}`} type="checkbox" style={{ width: 'auto' }} checked={picked.includes(run.id)}
                onChange={(e) => {
                  const on = (e.currentTarget as HTMLInputElement).checked;
                  setPicked((list) => (on ? [...list.filter((id) => id !== run.id), run.id] : list.filter((id) => id !== run.id)));
                }} /> {runLabel(run, runs)} · {describeRun(run, modelName)}
            </span>
          </label>
        ))}
      </fieldset>
      {chosen.length >= 2 ? <ComparisonView picked={chosen} runs={runs} /> : <p class="muted">Pick two or more runs.</p>}
    </section>
  );
}
