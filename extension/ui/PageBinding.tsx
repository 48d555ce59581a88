import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { onTabRemoved, request } from '../platform/index.ts';
import type { PageStats } from '../protocol/schemas.ts';
import { PocketError } from '../protocol/errors.ts';
import { errorDetail, errorHeadline } from './error-text.ts';
import { useTabLoads } from './useTabLoads.ts';
import { unreadableHint } from './unreadable-hint.ts';

/** After a page load or title change, the header reads the page again after these delays (see below). */
export const SETTLE_MS = [300, 1200];

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
      <strong>{errorHeadline(name)}</strong>: {errorDetail({ name, message: error instanceof Error ? error.message : String(error) })}
    </div>
  );
}

/**
 * The side panel's header: which tab it works on, read by our content script in that tab. `pageScheme`: the scheme of
 * the page the right-click menu was used on (the intent's); it tells what to do about a page Chrome hides from us, and
 * holds only until the tab loads another page.
 */
export function PageBinding({ tabId, pageScheme }: { tabId: number | undefined; pageScheme?: string | undefined }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const reads = useRef(0);
  // `quiet`: read again without saying "Reading…" first (the settle reads below).
  const load = useCallback((quiet = false) => {
    if (tabId === undefined) return;
    const read = ++reads.current; // only the latest read is shown
    if (!quiet) setState({ status: 'loading' });
    request('page.stats', { tabId }).then(
      (stats) => read === reads.current && setState({ status: 'ready', stats }),
      (error: unknown) => read === reads.current && setState({ status: 'error', error }),
    );
  }, [tabId]);
  const loads = useTabLoads(tabId, true);
  // A closed tab is read again, which says it is closed: the header went on naming a page no run could reach until
  // "Refresh page info" (explorer, session 34).
  useEffect(() => (tabId === undefined ? undefined : onTabRemoved((id) => id === tabId && load())), [tabId, load]);
  useEffect(() => {
    load();
    if (loads === 0) return undefined;
    // A history step in a single-page app (Back) completes before the app has shown that entry's view and title, and
    // Chrome, which restores the entry's title itself, sends no title change after: read again once it has settled
    // (exploratory test, session 22: "SPA settings" shown with the URL of /orders).
    const timers = SETTLE_MS.map((ms) => setTimeout(() => load(true), ms));
    return () => timers.forEach(clearTimeout);
  }, [load, loads]);

  if (tabId === undefined) return <p role="status">No page is bound to this panel. Open it from a page's right-click menu.</p>;
  return (
    <section class="binding" aria-label="Bound page" data-tab-id={tabId}>
      {state.status === 'loading' && <p role="status">Reading tab {tabId}…</p>}
      {state.status === 'error' && (
        <>
          <UnreadableNote error={state.error} />
          <p class="muted">{unreadableHint(state.error, loads === 0 ? pageScheme : undefined)}</p>
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
      <button type="button" onClick={() => load()}>Refresh page info</button>
    </section>
  );
}
