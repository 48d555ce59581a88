import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useTabLoads } from '../../ui/useTabLoads.ts';
import { request } from '../../platform/index.ts';
import type { PageDocument } from '../../protocol/schemas.ts';
import { renderDocument } from '../../content/document/render.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { useDefaultModel, useModelName } from '../models/use-models.ts';
import { clickedEntry, inferEdge, pageKey, recordEdge, recordPage } from './site-document.ts';
import { SiteView } from './SiteView.tsx';
import { documentKeys, SectionView, ViewView, type SectionsContext } from './DocumentSections.tsx';
import { usePagePointer } from './page-pointer.ts';

const AFTER_LOAD_QUIET_MS = 150;

/** While the page is read again, the document read before stays shown (its open sections stay open, the view stays put). */
type State = { status: 'idle' } | { status: 'loading'; doc?: PageDocument } | { status: 'ready'; doc: PageDocument } | { status: 'error'; error: unknown };

/**
 * Every document read is recorded into its site document; when the user's last click (or, failing that, the previous
 * document: a link to this pattern, a control naming the dialog that opened) says which element led here, that edge
 * is recorded too.
 */
async function recordSite(previous: PageDocument | undefined, previousAt: number, doc: PageDocument): Promise<void> {
  if (!/^https?:/.test(doc.url)) return;
  await recordPage(doc);
  // The user's own click, when the page remembers one, says best what led here; else what the documents suggest. Only
  // a click made on the previous page after it was read (a stale click would take the credit for a Back or a shortcut).
  const click = doc.lastClick;
  const fresh = click && click.msAgo < Date.now() - previousAt && (click.url === undefined || click.url === previous?.url);
  const clicked = previous && fresh && pageKey(previous).pattern !== pageKey(doc).pattern ? clickedEntry(previous, click.locators) : undefined;
  const element = previous && (clicked ?? inferEdge(previous, doc));
  if (previous && element) await recordEdge(previous, element, doc);
}

/** The prompt form's tokens with the automation model's own tokenizer, when that model can count. */
function useTokenCount(text: string | undefined): { model: string; tokens: number } | undefined {
  const model = useDefaultModel('automate');
  const [count, setCount] = useState<{ model: string; tokens: number; text: string }>();
  useEffect(() => {
    if (text === undefined) return;
    let live = true;
    request('tokens.count', { model, text }).then((c) => live && setCount({ ...c, text }), () => undefined);
    return () => { live = false; };
  }, [model, text]);
  return count && count.text === text && count.model === model ? count : undefined;
}

/** The bound page as the API document a model programs against: sections, entries, the prompt form. */
export function PagePanel({ tabId }: { tabId: number | undefined }) {
  const [state, setState] = useState<State>({ status: 'idle' });
  const previous = useRef<PageDocument | undefined>(undefined);
  const previousAt = useRef(0);
  const reads = useRef(0);
  const root = useRef<HTMLElement>(null);
  const summary = useRef<HTMLParagraphElement>(null);
  const focusWasInside = useRef(false);
  const load = useCallback((settleMs = 0) => {
    if (tabId === undefined) return;
    // Only the latest read counts: an earlier, slower one must not show the old page or record a backward edge.
    const read = ++reads.current;
    setState((now) => ({ status: 'loading', ...(now.status === 'ready' || now.status === 'loading' ? (now.doc ? { doc: now.doc } : {}) : {}) }));
    request('page.document', { tabId, ...(settleMs ? { settleMs } : {}) }).then(
      (doc) => {
        if (read !== reads.current) return;
        focusWasInside.current = !!root.current?.contains(document.activeElement);
        setState({ status: 'ready', doc });
        void recordSite(previous.current, previousAt.current, doc).catch(() => undefined);
        previous.current = doc;
        previousAt.current = Date.now();
      },
      (error: unknown) => read === reads.current && setState({ status: 'error', error }),
    );
  }, [tabId]);
  // A page the tab loads later (the user browsed, a run navigated) is read when it has loaded.
  const loads = useTabLoads(tabId);
  // "complete" comes before a single-page app has drawn the new view (a hash change): read once the page is quiet.
  useEffect(() => load(loads ? AFTER_LOAD_QUIET_MS : 0), [load, loads]);
  const shown = state.status === 'ready' || state.status === 'loading' ? state.doc : undefined;
  const prompt = shown ? renderDocument(shown) : undefined;
  const counted = useTokenCount(prompt);
  const modelName = useModelName();
  const tokensLine = counted ? `Prompt form: ${counted.tokens} tokens (${modelName(counted.model)})` : shown ? `Prompt form: about ${shown.tokens} tokens` : '';
  const pointer = usePagePointer(tabId);
  const [open, setOpenKeys] = useState<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [announced, setAnnounced] = useState('');
  // A new document: notes about the old one go, the new page is said politely, and where the keyboard's focus was on
  // an entry the new page lacks (it fell to <body>), it goes to the document's summary.
  const ready = state.status === 'ready' ? state.doc : undefined;
  const filteredUrl = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    if (!ready) return;
    pointer.reset();
    // A filter is for the page it was typed on: another page starts unfiltered (explorer, session 34: a new page came
    // up with every section hidden).
    if (filteredUrl.current !== undefined && filteredUrl.current !== ready.url) setFilter('');
    filteredUrl.current = ready.url;
    const entries = ready.stats.elements;
    setAnnounced(`Page read: ${ready.title || ready.url} — ${ready.sections.length} ${ready.sections.length === 1 ? 'section' : 'sections'}, ${entries} ${entries === 1 ? 'entry' : 'entries'}`);
    const active = document.activeElement;
    if (focusWasInside.current && (!active || active === document.body || !active.isConnected)) summary.current?.focus();
    focusWasInside.current = false;
  }, [ready]);
  const ctx = useMemo<SectionsContext>(() => ({
    pointer,
    filter,
    isOpen: (key) => open.has(key),
    setOpen: (key, isOpen) => setOpenKeys((now) => {
      if (now.has(key) === isOpen) return now;
      const next = new Set(now);
      if (isOpen) next.add(key);
      else next.delete(key);
      return next;
    }),
    locatorsOf: (name) => shown?.sections.flatMap((s) => s.entries).find((e) => e.name === name)?.locators,
  }), [pointer, filter, open, shown]);
  const filterTo = (text: string) => {
    setFilter(text);
    // The sections holding a match open (and stay open once the filter is cleared).
    if (shown && text.trim()) setOpenKeys((now) => new Set([...now, ...documentKeys(shown, text)]));
  };
  // The Site view stays (open or closed) while the page is read again.
  const siteUrl = shown ? shown.url : previous.current?.url;
  const origin = siteUrl && /^https?:/.test(siteUrl) ? new URL(siteUrl).origin : undefined;

  if (tabId === undefined) return <p role="status">No page is bound to this panel. Open it from a page's right-click menu.</p>;
  return (
    <section aria-label="Page document" class="page-document" ref={root}>
      <button type="button" onClick={() => load()}>Read the page again</button>
      <p role="status" class="sr-only" data-testid="page-announce">{announced}</p>
      <p role="status" class="sr-only" data-testid="entry-announce">{pointer.said}</p>
      {/* Always there and one line high: a live region present before its words are said, and entries that stay put. */}
      <p role="status" class="status-line">{state.status === 'loading' ? (shown ? 'Reading the page again…' : 'Reading the page…') : ''}</p>
      {state.status === 'error' && <ErrorNotice error={state.error} />}
      {shown && (
        <>
          <p class="muted" data-testid="document-summary" tabIndex={-1} ref={summary}>
            <span data-field="doc.sections">{shown.sections.length}</span> {shown.sections.length === 1 ? 'section' : 'sections'} ·{' '}
            <span data-field="doc.entries">{shown.stats.elements}</span> {shown.stats.elements === 1 ? 'entry' : 'entries'} ({shown.stats.lists} {shown.stats.lists === 1 ? 'list' : 'lists'}) ·{' '}
            <span data-field="doc.nodes">{shown.stats.nodes}</span> elements read in {Math.round(shown.stats.ms)} ms
          </p>
          {/* The model's own count arrives later and is longer than the estimate: one line either way, so the entries
              under the pointer do not move when it comes. */}
          <p class="muted one-line" data-testid="document-tokens" title={tokensLine}>
            Prompt form:{' '}
            {counted
              ? <><span data-field="doc.tokens">{counted.tokens}</span> tokens (<span data-field="doc.tokens-model" data-model={counted.model}>{modelName(counted.model)}</span>)</>
              : <>about <span data-field="doc.tokens">{shown.tokens}</span> tokens</>}
          </p>
          {shown.truncated && (
            <p role="note" data-field="doc.truncated">This page is larger than the reading budget: its first part is described in full, the rest by its controls only.</p>
          )}
          {shown.notes?.map((note) => <p role="note" data-field="doc.note" key={note}>{note[0]!.toUpperCase() + note.slice(1)}.</p>)}
          <div class="doc-tools" role="group" aria-label="Sections">
            <label>Filter entries <input type="search" value={filter} data-testid="entry-filter"
              onInput={(e) => filterTo((e.currentTarget as HTMLInputElement).value)} /></label>{' '}
            <button type="button" onClick={() => setOpenKeys(new Set(documentKeys(shown)))}>Expand all</button>{' '}
            <button type="button" onClick={() => setOpenKeys(new Set())}>Collapse all</button>
          </div>
          {filter.trim() && !documentKeys(shown, filter).length && <p class="muted" data-field="doc.no-match">No entry matches “{filter.trim()}”.</p>}
          {shown.sections.map((section) => <SectionView key={section.name} section={section} ctx={ctx} />)}
          {shown.views?.map((view) => <ViewView key={view.via} view={view} ctx={ctx} />)}
          <details>
            <summary>Prompt form</summary>
            <pre class="doc-prompt" data-testid="document-prompt">{prompt}</pre>
          </details>
        </>
      )}
      {origin && (
        <details data-testid="site-details">
          <summary>Site</summary>
          <SiteView origin={origin} from={state.status === 'ready' ? pageKey(state.doc).pattern : undefined} />
        </details>
      )}
    </section>
  );
}
