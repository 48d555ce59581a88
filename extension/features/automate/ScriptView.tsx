import { useMemo } from 'preact/hooks';
import { highlightSpans } from './highlight.ts';

/** A script with syntax highlighting: one text node per span (class `tok-KIND`), never HTML from the model. */
export function ScriptView({ source, testId }: { source: string; testId?: string }) {
  const spans = useMemo(() => highlightSpans(source), [source]);
  return (
    <pre class="script" data-testid={testId}>
      <code>{spans.map((span, i) => span.kind === 'plain' ? span.text : <span key={i} class={`tok-${span.kind}`}>{span.text}</span>)}</code>
    </pre>
  );
}
