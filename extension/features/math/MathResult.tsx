import { useState } from 'preact/hooks';
import { backendLabel } from '../../ui/GenerationStats.tsx';
import { formatAnswer } from './extract.ts';
import { METHOD_LABELS } from './prompts.ts';
import { sampleCount, type Attempt, type MathRun } from './solve.ts';
import { errorDetail, errorHeadline } from '../../ui/error-text.ts';
import { useModelName } from '../models/use-models.ts';

/** The result says which problem it answers (a run started elsewhere, or an older one under a new problem). */
const PROBLEM_SHOWN = 160;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** `ended`: the run is over (done, stopped, failed, interrupted): an attempt it left unfinished will not finish. */
function AttemptView({ attempt, open, ended }: { attempt: Attempt; open: boolean; ended: boolean }) {
  const label = `${attempt.role === 'check' ? 'Check' : `Sample ${attempt.index + 1}`} · ${METHOD_LABELS[attempt.method]}`;
  return (
    <details open={open} data-testid="math-attempt" data-method={attempt.method} data-role={attempt.role}>
      <summary>
        {label}: <strong data-field="attempt.answer">{attempt.stopped ? 'stopped' : attempt.done ? formatAnswer(attempt.answer) : ended ? 'not finished' : '…'}</strong>
        {attempt.reply && <span class="muted"> · {attempt.reply.tokensOut} tokens · {seconds(attempt.reply.totalMs)}</span>}
      </summary>
      <h3>{attempt.method === 'pot' ? 'Model output' : 'Reasoning'}</h3>
      <blockquote data-testid="math-reasoning">{attempt.text.trim() || (attempt.done || ended ? '(empty)' : '…')}</blockquote>
      {attempt.program && (
        <>
          <h3>Program</h3>
          <pre data-testid="math-program"><code>{attempt.program.source}</code></pre>
        </>
      )}
      {attempt.run && (
        <>
          <h3>Program output</h3>
          <pre data-testid="math-output">{[
            ...attempt.run.output,
            attempt.run.ok ? `→ ${attempt.run.finishedBy === 'answer' ? 'answer' : 'result'}: ${JSON.stringify(attempt.run.result)}` : '',
          ].filter(Boolean).join('\n') || '(no output)'}</pre>
          <p class="muted">{attempt.run.steps.toLocaleString('en-US')} steps · {attempt.run.ms} ms in the sandbox</p>
        </>
      )}
      {attempt.error && (
        <div role="alert" class="error" data-testid="math-attempt-error" data-error-name={attempt.error.name}>
          <strong>{errorHeadline(attempt.error.name)}</strong>: {errorDetail(attempt.error)}
        </div>
      )}
      {attempt.reply && attempt.reply.promptTokensDropped > 0 && (
        <p role="note" class="muted">The prompt was longer than the model's context: its first {attempt.reply.promptTokensDropped} tokens were left out.</p>
      )}
    </details>
  );
}

function voteCaption(run: MathRun, counted: number): string {
  const planned = sampleCount(run.options);
  if (counted >= planned) return `Votes over ${counted} samples`;
  if (run.status === 'running') return `Votes so far: ${counted} of ${planned} samples`;
  return `Votes over the ${counted} of ${planned} samples that finished`;
}

/** The answers that voted, in the vote's order (its buckets name these by index). */
const votedAnswers = (run: MathRun) => run.attempts.filter((a) => a.role === 'sample' && !a.stopped).map((a) => a.answer);

/** The answer in large type, the verdict and votes, each attempt's work, and what it cost. */
export function MathResultView({ run }: { run: MathRun }) {
  const modelName = useModelName();
  const [copied, setCopied] = useState('');
  const running = run.status === 'running';
  const elapsed = (run.finishedAt ?? Date.now()) - run.startedAt;
  const answerText = run.final ? run.final.display : running ? '…' : 'no answer';
  const copy = async () => {
    const lines = [`Problem: ${run.problem}`, `Answer: ${answerText}`, ...(run.verdict ? [run.verdict.message] : [])];
    try {
      await navigator.clipboard.writeText(lines.join('\n'));
      setCopied('Copied.');
    } catch (error) {
      setCopied(`Could not copy: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <section aria-label="Math result" data-testid="math-result" data-status={run.status} data-run-id={run.id}>
      {run.truncated && (
        <p role="note" data-testid="math-truncated">
          The problem was {run.originalLength.toLocaleString('en-US')} characters long; only its beginning and its end were used.
        </p>
      )}
      <p class="muted" data-testid="math-problem" title={run.problem.length > PROBLEM_SHOWN ? run.problem.slice(0, 2000) : undefined}>
        Problem: {run.problem.length > PROBLEM_SHOWN ? `${run.problem.slice(0, PROBLEM_SHOWN)}…` : run.problem}
      </p>
      <div class="row">
        <p>
          <span class="muted">Answer</span>{' '}
          <output data-testid="math-answer" data-value={run.final?.value ?? ''} style={{ fontSize: '1.6em', fontWeight: 700 }}>
            {answerText}
          </output>
        </p>
        <button type="button" onClick={() => void copy()} disabled={running || !run.final}>Copy</button>
      </div>
      {copied && <p role="status" class="muted">{copied}</p>}
      {run.message && <p data-testid="math-message" role={run.final ? 'status' : 'alert'}>{run.message}</p>}
      {run.verdict && (
        <p data-testid="math-verdict" data-status={run.verdict.status} class={run.verdict.status === 'disagree' ? 'error' : ''}>
          {run.verdict.message}
        </p>
      )}
      {run.warnings.map((warning) => <p key={warning} role="note" data-testid="math-warning">⚠ {warning}</p>)}
      {run.vote && (
        <table class="models" data-testid="math-votes">
          <caption class="muted">{voteCaption(run, run.vote.total)}{run.vote.tie ? (run.final ? ' (tie: the earliest answer wins)' : ' (a tie so far)') : ''}</caption>
          <thead><tr><th scope="col">Answer</th><th scope="col">Votes</th><th scope="col">Samples</th></tr></thead>
          <tbody>
            {run.vote.distribution.map((bucket) => (
              <tr key={bucket.key} data-answer={bucket.key}>
                {/* Shown as its first sample wrote it: a whole number longer than a double keeps its digits. */}
                <td>{bucket.value === null ? 'no answer' : formatAnswer({ ...votedAnswers(run)[bucket.samples[0]!], value: bucket.value })}</td>
                <td data-field="vote.count">{bucket.count}</td>
                <td>{bucket.samples.map((s) => s + 1).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="stats muted" data-testid="math-usage">
        {modelName(run.model)} · <span data-field="math.tokens">{running && !run.tokensOut ? 'counting' : `${run.tokensIn} → ${run.tokensOut}`}</span> tokens
        {!!run.tokensOutUnfinished && <span data-field="math.tokens-unfinished"> ({run.tokensOutUnfinished} of them streamed by a reply that did not finish; its prompt is not counted)</span>}
        {' · '}{seconds(elapsed)}
        {run.attempts[0]?.reply && ` · ${backendLabel(run.attempts[0].reply.backend)}`}
      </p>
      {run.attempts.map((attempt, i) => (
        <AttemptView key={`${attempt.role}-${attempt.index}`} attempt={attempt} open={run.attempts.length === 1 || !attempt.done || i === 0} ended={run.status !== 'running'} />
      ))}
    </section>
  );
}
