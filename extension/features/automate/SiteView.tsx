import { useEffect, useRef, useState } from 'preact/hooks';
import { useLiveQueryState } from '../../ui/useLiveQuery.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { clearSite, locate, type Location, viewSite } from './site-document.ts';

/** What the extension has learnt about one site: its pages and states, the clicks between them, and a way to forget. */
export function SiteView({ origin, from }: { origin: string; from?: string }) {
  const { value: site, error: readError } = useLiveQueryState(() => viewSite(origin), [origin]);
  const [clearing, setClearing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [clearError, setClearError] = useState<unknown>(undefined);
  // The safe choice takes the focus: one stray Enter must not delete a site's scripts (exploratory test, session 18).
  const keepButton = useRef<HTMLButtonElement>(null);
  const clearButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) keepButton.current?.focus();
  }, [confirming]);
  const [found, setFound] = useState<{ name: string; location: Location | null }>();
  // An answer is about the site and page it was asked on.
  useEffect(() => setFound(undefined), [origin, from]);
  if (readError !== undefined) return <ErrorNotice error={readError} />;
  if (!site) return <p role="status">Reading the site document…</p>;
  const keep = () => {
    setConfirming(false);
    setTimeout(() => clearButton.current?.focus());
  };
  const clear = () => {
    setConfirming(false);
    setTimeout(() => clearButton.current?.focus());
    setClearing(true);
    setClearError(undefined);
    clearSite(origin).catch((error: unknown) => setClearError(error)).finally(() => setClearing(false));
  };
  const find = (event: Event) => {
    event.preventDefault();
    const name = new FormData(event.currentTarget as HTMLFormElement).get('element')?.toString().trim().replace(/^\$/, '');
    if (!name || !from) return setFound(undefined);
    locate(origin, name, from).then((location) => setFound({ name, location }), () => setFound({ name, location: null }));
  };
  return (
    <div class="site-view" data-testid="site-view">
      <p class="muted">
        <span data-field="site.origin">{origin}</span> · version <span data-field="site.version">{site.version}</span> ·{' '}
        <span data-field="site.pages">{site.pages.length}</span> {site.pages.length === 1 ? 'page' : 'pages'} ·{' '}
        <span data-field="site.edges">{site.edges.length}</span> {site.edges.length === 1 ? 'link' : 'links'} between them.
        Only names, kinds, descriptions and locators are kept, never what is typed into the page.
      </p>
      {site.pages.length > 0 && (
        <ul aria-label="Pages of this site">
          {site.pages.map((page) => (
            <li key={page.pattern} data-page={page.pattern}>
              <code>{page.pattern}</code> <span class="muted">
                {page.sections.reduce((n, s) => n + s.entries.length, 0)} entries · v{page.version}{page.title ? ` · ${page.title.slice(0, 60)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {site.edges.length > 0 && (
        <ul aria-label="Observed navigation">
          {site.edges.map((edge) => (
            <li key={`${edge.from} ${edge.element} ${edge.to}`} data-edge={`${edge.from} ${edge.element} ${edge.to}`}>
              <code>{edge.from}</code> → <code>${edge.element}</code> → <code>{edge.to}</code>
              {edge.count > 1 && <span class="muted"> ({edge.count}×)</span>}
            </li>
          ))}
        </ul>
      )}
      {from && (
        <form onSubmit={find} aria-label="Find an element on this site">
          <label for="site-find">Where is</label> <input id="site-find" name="element" placeholder="$settings_form__app_password" />{' '}
          <button type="submit">Find</button>
        </form>
      )}
      {found && (
        <p role="status" data-testid="site-found">
          {found.location === null
            ? <>${found.name}: not on a page reachable from here by the clicks recorded so far.</>
            : found.location.path.length === 0
              ? <>${found.name} is on this page (<code>{found.location.pattern}</code>).</>
              : <>${found.name} is on <code>{found.location.pattern}</code>: {found.location.path.map((step, i) => (
                <span key={i} data-step={step.element}>{i > 0 && ', then '}click <code>${step.element}</code></span>))}.</>}
        </p>
      )}
      {clearError !== undefined && <ErrorNotice error={clearError} />}
      {confirming ? (
        <div role="alertdialog" aria-label="Clear this site" class="row" onKeyDown={(e) => {
          if (e.key === 'Escape') keep();
        }}>
          <p>Delete this site's page map, its saved scripts and its stored runs? This cannot be undone.</p>
          <button type="button" onClick={clear}>Delete them</button>
          <button type="button" onClick={keep} ref={keepButton}>Keep them</button>
        </div>
      ) : (
        <button type="button" ref={clearButton} onClick={() => setConfirming(true)} disabled={clearing || (site.pages.length === 0 && site.edges.length === 0)}>
          Clear what is stored for this site (page map, saved scripts, runs)…
        </button>
      )}
    </div>
  );
}
