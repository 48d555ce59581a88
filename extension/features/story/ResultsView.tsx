import { useLiveQuery } from '../../ui/useLiveQuery.ts';
import { aggregate, CRITERIA, formatMeanStd, ratingsCsv, resultsCsv } from './rating.ts';
import { allRatings } from './library.ts';
import { download } from './export.ts';
import { STAT_COLUMNS } from './stats.ts';
import { formatStat } from './StatsList.tsx';
import { useModelName } from '../models/use-models.ts';

/** Per writer: mean ± std per criterion and overall, n, and the mean text statistics of the rated stories. */
export function ResultsView({ hidden }: { hidden: boolean }) {
  const ratings = useLiveQuery(() => allRatings(), []);
  const results = aggregate(ratings ?? []);
  const modelName = useModelName();
  return (
    <section aria-labelledby="results-heading" hidden={hidden}>
      <h2 id="results-heading">Results</h2>
      {results.length === 0 ? <p>No ratings yet: rate a blind pair in the Rate tab.</p> : (
        <>
          <div role="region" aria-label="Ratings per writer" tabIndex={0} style={{ overflowX: 'auto' }}>
          <table class="models" data-testid="results-table">
            <caption class="sr-only">Ratings per writer, mean ± standard deviation (1–5)</caption>
            <thead>
              <tr><th scope="col">Writer</th><th scope="col">n</th>
                {CRITERIA.map((c) => <th key={c} scope="col">{c[0]!.toUpperCase() + c.slice(1)}</th>)}
                <th scope="col">Overall</th></tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr key={r.writer} data-writer={r.writer}>
                  <th scope="row">{modelName(r.writer)}</th>
                  <td data-field="n">{r.n}</td>
                  {CRITERIA.map((c) => <td key={c} data-field={c}>{formatMeanStd(r.criteria[c])}</td>)}
                  <td data-field="overall">{formatMeanStd(r.overall)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          <div role="region" aria-label="Text statistics per writer" tabIndex={0} style={{ overflowX: 'auto' }}>
          <table class="models" data-testid="results-stats" style={{ marginTop: '8px' }}>
            <caption class="sr-only">Mean text statistics of the rated stories per writer</caption>
            <thead>
              <tr><th scope="col">Writer</th>{STAT_COLUMNS.map((s) => <th key={s.key} scope="col">{s.label}</th>)}</tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr key={r.writer} data-writer={r.writer}>
                  <th scope="row">{modelName(r.writer)}</th>
                  {STAT_COLUMNS.map((s) => <td key={s.key} data-stat={s.key}>{formatStat(r.stats[s.key], s.digits)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          <p class="muted">Standard deviations are sample deviations (n − 1); “—” where n is 1.</p>
          <div class="row">
            <button type="button" onClick={() => download(`pocket-slm-results-${Date.now()}.csv`, resultsCsv(results), 'text/csv')}>Export CSV</button>
            <button type="button" onClick={() => download(`pocket-slm-ratings-${Date.now()}.csv`, ratingsCsv(ratings ?? []), 'text/csv')}>
              Export every rating (CSV)
            </button>
          </div>
        </>
      )}
    </section>
  );
}
