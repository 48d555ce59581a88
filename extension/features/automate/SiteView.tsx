import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLiveQueryState } from '../../ui/useLiveQuery.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { clearSite, findOnSite, type Finding, type SitePage, viewSite } from './site-document.ts';

/** A group (pages, links) longer than this starts closed: a site walked for 60 pages was 5,000 px at 320 px (session 22). */
export const OPEN_GROUP_MAX = 10;

const entryCount = (page: SitePage) => page.sections.reduce((n, s) => n + s.entries.length, 0);

/** One stored page: its pattern and counts; opened, the names its sections hold (rendered only while open). */
function PageRow({ page, current }: { page: SitePage; current: boolean }) {
  const [open, setOpen] = useState(false);
  // A disclosure button, not a nested <summary>: the Site view itself sits in the Page tab's <details>.
  return (
    <li data-page={page.pattern} aria-current={current ? 'page' : undefined}>
      <button type="button" class="entry-name" aria-expanded={open} onClick={() => setOpen(!open)}
        title={open ? 'Hide the names stored for this page' : 'Show the names stored for this page'}>
        <code>{page.pattern}</code>{current && <strong> (this page)</strong>} <span class="muted">
          {entryCount(page)} entries · v{page.version}{page.title ? ` · ${page.title.slice(0, 60)}` : ''}
        </span>
      </button>
      {open && (
        <ul aria-label={`Entries of ${page.pattern}`} data-testid="site-page-entries">
          {page.sections.map((section) => (
            <li key={section.name}>
              <span class="muted">{section.name}:</span>{' '}
              {section.entries.map((entry, i) => <span key={entry.name}>{i > 0 && ', '}<code>${entry.name}</code></span>)}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * A group of the Site view with its count: past OPEN_GROUP_MAX items a <details>, closed unless the user or a filter
 * opened it; a short group is shown as it is.
 */
function Group({ testId, title, field, total, shown, open, onToggle, children }: {
  testId: string; title: string; field: string; total: number; shown: number; open: boolean;
  onToggle: (event: Event) => void; children: ComponentChildren;
}) {
  const heading = <>{title} (<span data-field={field}>{shown === total ? `${total}` : `${shown} of ${total}`}</span>)</>;
  if (total <= OPEN_GROUP_MAX) return <div data-testid={testId}><p class="site-group">{heading}</p>{children}</div>;
  return <details open={open} onToggle={onToggle} data-testid={testId}><summary>{heading}</summary>{children}</details>;
}

const matches = (filter: string, ...texts: string[]) => !filter || texts.some((t) => t.toLowerCase().includes(filter));

/** What the extension has learnt about one site: its pages and states, the clicks between them, and a way to forget. */
export function SiteView({ origin, from }: { origin: string; from?: string }) {
  const { value: site, error: readError } = useLiveQueryState(() => viewSite(origin), [origin]);
  const [clearing, setClearing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [clearError, setClearError] = useState<unknown>(undefined);
  // Said in a live region once a Clear is done (session 22: nothing said it, and the focus fell to <body>).
  const [announced, setAnnounced] = useState('');
  const [filter, setFilter] = useState('');
  // A group the user opened or closed stays so; otherwise short groups (and, while filtering, any with a match) are open.
  const [groupOpen, setGroupOpen] = useState<{ pages?: boolean; edges?: boolean }>({});
  // The safe choice takes the focus: one stray Enter must not delete a site's scripts (exploratory test, session 18).
  const keepButton = useRef<HTMLButtonElement>(null);
  const clearButton = useRef<HTMLButtonElement>(null);
  const findInput = useRef<HTMLInputElement>(null);
  const filterInput = useRef<HTMLInputElement>(null);
  const announcement = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) keepButton.current?.focus();
  }, [confirming]);
  const [found, setFound] = useState<{ name: string; finding: Finding }>();
  // An answer is about the site and page it was asked on.
  useEffect(() => setFound(undefined), [origin, from]);
  useEffect(() => setAnnounced(''), [origin]);
  if (readError !== undefined) return <ErrorNotice error={readError} />;
  if (!site) return <p role="status">Reading the site document…</p>;
  const keep = () => {
    setConfirming(false);
    setTimeout(() => clearButton.current?.focus());
  };
  const clear = () => {
    setConfirming(false);
    // The dialog's buttons go and Clear is disabled (while clearing, then because the site is empty): the focus goes
    // to a control that stays, or else to what is said.
    setTimeout(() => (findInput.current ?? filterInput.current ?? announcement.current)?.focus());
    setClearing(true);
    setClearError(undefined);
    setAnnounced('');
    setFound(undefined);
    clearSite(origin).then(
      () => setAnnounced(`Cleared the site document for ${origin}.`),
      (error: unknown) => {
        setClearError(error);
        setTimeout(() => clearButton.current?.focus());
      },
    ).finally(() => setClearing(false));
  };
  const find = (event: Event) => {
    event.preventDefault();
    const name = new FormData(event.currentTarget as HTMLFormElement).get('element')?.toString().trim().replace(/^\$/, '');
    if (!name || !from) return setFound(undefined);
    findOnSite(origin, name, from).then((finding) => setFound({ name, finding }), () => setFound({ name, finding: { found: 'nowhere' } }));
  };
  const wanted = filter.trim().toLowerCase();
  const pages = site.pages.filter((page) => matches(wanted, page.pattern, page.title));
  const edges = site.edges.filter((edge) => matches(wanted, edge.from, edge.element, `$${edge.element}`, edge.to));
  const openGroup = (group: 'pages' | 'edges', shown: number) => groupOpen[group] ?? (wanted ? shown > 0 : shown <= OPEN_GROUP_MAX);
  const toggled = (group: 'pages' | 'edges') => (event: Event) => {
    const open = (event.currentTarget as HTMLDetailsElement).open;
    setGroupOpen((before) => (before[group] === open ? before : { ...before, [group]: open }));
  };
  return (
    <div class="site-view" data-testid="site-view">
      <p class="muted">
        <span data-field="site.origin">{origin}</span> · version <span data-field="site.version">{site.version}</span> ·{' '}
        <span data-field="site.pages">{site.pages.length}</span> {site.pages.length === 1 ? 'page' : 'pages'} ·{' '}
        <span data-field="site.edges">{site.edges.length}</span> {site.edges.length === 1 ? 'link' : 'links'} between them.
        Only names, kinds, descriptions and locators are kept, never what is typed into the page.
      </p>
      {site.pages.length + site.edges.length > OPEN_GROUP_MAX && (
        <p>
          <label for="site-filter">Filter pages and links</label>{' '}
          <input id="site-filter" type="search" ref={filterInput} value={filter} placeholder="/orders, settings_link…"
            onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)} />
        </p>
      )}
      {site.pages.length > 0 && (
        <Group testId="site-pages" title="Pages" field="site.pages-shown" total={site.pages.length} shown={pages.length}
          open={openGroup('pages', pages.length)} onToggle={toggled('pages')}>
          {pages.length > 0 && (
            <ul aria-label="Pages of this site">
              {pages.map((page) => <PageRow key={page.pattern} page={page} current={page.pattern === from} />)}
            </ul>
          )}
        </Group>
      )}
      {site.edges.length > 0 && (
        <Group testId="site-edges" title="Links between pages" field="site.edges-shown" total={site.edges.length} shown={edges.length}
          open={openGroup('edges', edges.length)} onToggle={toggled('edges')}>
          {edges.length > 0 && (
            <ul aria-label="Observed navigation">
              {edges.map((edge) => (
                <li key={`${edge.from} ${edge.element} ${edge.to}`} data-edge={`${edge.from} ${edge.element} ${edge.to}`}>
                  <code>{edge.from}</code> → <code>${edge.element}</code> → <code>{edge.to}</code>
                  {edge.count > 1 && <span class="muted"> ({edge.count}×)</span>}
                </li>
              ))}
            </ul>
          )}
        </Group>
      )}
      {from && (
        <form onSubmit={find} aria-label="Find an element on this site">
          <label for="site-find">Where is</label> <input id="site-find" name="element" ref={findInput} placeholder="$settings_form__app_password" />{' '}
          <button type="submit">Find</button>
        </form>
      )}
      {found && (
        <p role="status" data-testid="site-found">
          {found.finding.found === 'nowhere'
            ? <>${found.name}: no page of this site recorded so far has it.</>
            : found.finding.found === 'unreachable'
              ? <>${found.name} is on {found.finding.pages.slice(0, 3).map((pattern, i) => (
                <span key={pattern} data-holder={pattern}>{i > 0 && ', '}page <code>{pattern}</code></span>))}
                {found.finding.pages.length > 3 && ` and ${found.finding.pages.length - 3} more`}, but no recorded way there from here.</>
              : found.finding.location.path.length === 0
                ? <>${found.name} is on this page (<code>{found.finding.location.pattern}</code>).</>
                : <>${found.name} is on <code>{found.finding.location.pattern}</code>: {found.finding.location.path.map((step, i) => (
                  <span key={i} data-step={step.element}>{i > 0 && ', then '}click <code>${step.element}</code></span>))}.</>}
        </p>
      )}
      {clearError !== undefined && <ErrorNotice error={clearError} />}
      <p role="status" tabIndex={-1} ref={announcement} data-testid="site-cleared">{announced}</p>
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
