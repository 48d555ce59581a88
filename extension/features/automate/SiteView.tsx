import { useState } from 'preact/hooks';
import { useLiveQuery } from '../../ui/useLiveQuery.ts';
import { clearSite, viewSite } from './site-document.ts';

/** What the extension has learnt about one site: its pages and states, the clicks between them, and a way to forget. */
export function SiteView({ origin }: { origin: string }) {
  const site = useLiveQuery(() => viewSite(origin), [origin]);
  const [clearing, setClearing] = useState(false);
  if (!site) return <p role="status">Reading the site document…</p>;
  const clear = () => {
    setClearing(true);
    clearSite(origin).finally(() => setClearing(false));
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
      <button type="button" onClick={clear} disabled={clearing || (site.pages.length === 0 && site.edges.length === 0)}>
        Clear what is stored for this site
      </button>
    </div>
  );
}
