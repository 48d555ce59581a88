import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../platform/index.ts';
import type { PageStats } from '../protocol/schemas.ts';
import { PocketError } from '../protocol/errors.ts';
import { errorDetail, errorHeadline } from './error-text.ts';
import { useTabLoads } from './useTabLoads.ts';
import { unreadableHint } from './unreadable-hint.ts';

type State = { status: 'loading' } | { status: 'ready'; stats: PageStats } | { status: 'error'; error: unknown };

/**
 * A page that cannot be read, said in the header without an alert: Math and Story (opened from a selection on it) do
 * not need the page, and an Automate run on it raises its own alert, which would otherwise say it a second time
 * (exploratory test, session 21).
 */
function UnreadableNote({ error }: { error: unknown }) {
  const name = error instanceof PocketError ? error.name : 'Error';
  return (
    <div role="status" class="error" data-error-name={name} data-testid="binding-unreadable">
      <strong>{errorHeadline(name)}</strong>: {errorDetail({ message: error instanceof Error ? error.message : String(error) })}
    </div>
  );
}

/** The side panel's header: which tab it works on, read by our content script in that tab. */
export function PageBinding({ tabId }: { tabId: number | undefined }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const reads = useRef(0);
  const load = useCallback(() => {
    if (tabId === undefined) return;
    const read = ++reads.current; // only the latest read is shown
    setState({ status: 'loading' });
    request('page.stats', { tabId }).then(
      (stats) => read === reads.current && setState({ status: 'ready', stats }),
      (error: unknown) => read === reads.current && setState({ status: 'error', error }),
    );
  }, [tabId]);
  const loads = useTabLoads(tabId, true);
  useEffect(load, [load, loads]);

  if (tabId === undefined) return <p role="status">No page is bound to this panel. Open it from a page's right-click menu.</p>;
  return (
    <section class="binding" aria-label="Bound page" data-tab-id={tabId}>
      {state.status === 'loading' && <p role="status">Reading tab {tabId}…</p>}
      {state.status === 'error' && (
        <>
          <UnreadableNote error={state.error} />
          <p class="muted">{unreadableHint(state.error)}</p>
        </>
      )}
      {state.status === 'ready' && (
        <>
          <p class="bound-title">
            Bound to <strong data-field="page.title">{state.stats.title || '(untitled page)'}</strong>
          </p>
          <p class="muted">
            <span data-field="page.url">{state.stats.url}</span> ·{' '}
            <span data-field="page.elementCount">{state.stats.elementCount}</span> elements
          </p>
        </>
      )}
      <button type="button" onClick={load}>Refresh page info</button>
    </section>
  );
}
