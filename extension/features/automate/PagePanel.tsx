import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useTabLoads } from '../../ui/useTabLoads.ts';
import { request } from '../../platform/index.ts';
import type { ElementEntry, ListEntry, Locator, PageDocument, Section } from '../../protocol/schemas.ts';
import { renderDocument } from '../../content/document/render.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { useDefaultModel, useModelName } from '../models/use-models.ts';
import { clickedEntry, inferEdge, pageKey, recordEdge, recordPage } from './site-document.ts';
import { SiteView } from './SiteView.tsx';

const AFTER_LOAD_QUIET_MS = 150;

/** While the page is read again, the document read before stays shown (its open sections stay open, the view stays put). */
type State = { status: 'idle' } | { status: 'loading'; doc?: PageDocument } | { status: 'ready'; doc: PageDocument } | { status: 'error'; error: unknown };

function stateText(entry: ElementEntry): string {
  const s = entry.state ?? {};
  const parts: string[] = [];
  if (entry.sensitive) parts.push('sensitive, value not read');
  if (s.value !== undefined) parts.push(`value “${s.value.slice(0, 60)}”`);
  if (s.checked !== undefined) parts.push(s.checked ? 'checked' : 'unchecked');
  if (s.selected !== undefined) parts.push(`selected “${s.selected}”`);
  if (s.disabled) parts.push('disabled');
  if (s.expanded !== undefined) parts.push(s.expanded ? 'expanded' : 'collapsed');
  return parts.join(', ');
}

/**
 * One entry; pointing at it (hover, or keyboard focus on its name, a button) outlines the element in the page and
 * scrolls it into view; pressing the name shows it again.
 */
function EntryRow({ entry, onPoint }: { entry: ElementEntry | ListEntry; onPoint: (locators: Locator[]) => void }) {
  const point = () => onPoint(entry.locators);
  const clear = () => onPoint([]);
  const name = useRef<HTMLButtonElement>(null);
  // The pointer leaving the row keeps the outline while its name has the keyboard's focus.
  const left = () => {
    if (document.activeElement !== name.current) clear();
  };
  return (
    <li class="doc-entry" data-entry={entry.name} onMouseEnter={point} onMouseLeave={left}>
      <button type="button" ref={name} class="entry-name" aria-label={`Show $${entry.name} in the page`} onFocus={point} onBlur={clear} onClick={point}>
        <code>${entry.name}</code>
      </button> <span class="muted">{entry.kind === 'list' ? `list of ${entry.count}` : entry.kind}</span>
      {entry.description && <> · {entry.description.slice(0, 80)}</>}
      {entry.kind === 'list'
        ? <div class="muted">fields: {entry.fields.join(', ') || '—'} · actions: {entry.actions.join(', ') || '—'}</div>
        : stateText(entry) && <div class="muted">{stateText(entry)}</div>}
      {entry.kind !== 'list' && entry.effect && <div class="muted">→ {entry.effect}</div>}
    </li>
  );
}

function SectionView({ section, onPoint }: { section: Section; onPoint: (locators: Locator[]) => void }) {
  return (
    <details class="doc-section" data-section={section.name}>
      <summary>
        <strong>{section.name}</strong> <span class="muted">({section.kind}) · <span data-field="count">{section.entries.length}</span> {section.entries.length === 1 ? 'entry' : 'entries'}</span>
      </summary>
      <ul>{section.entries.map((entry) => <EntryRow key={entry.name} entry={entry} onPoint={onPoint} />)}</ul>
    </details>
  );
}

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
  const load = useCallback((settleMs = 0) => {
    if (tabId === undefined) return;
    // Only the latest read counts: an earlier, slower one must not show the old page or record a backward edge.
    const read = ++reads.current;
    setState((now) => ({ status: 'loading', ...(now.status === 'ready' || now.status === 'loading' ? (now.doc ? { doc: now.doc } : {}) : {}) }));
    request('page.document', { tabId, ...(settleMs ? { settleMs } : {}) }).then(
      (doc) => {
        if (read !== reads.current) return;
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
  const point = useCallback((locators: Locator[]) => {
    if (tabId === undefined) return;
    request('page.highlight', { tabId, locators }).catch(() => undefined);
  }, [tabId]);

  const shown = state.status === 'ready' || state.status === 'loading' ? state.doc : undefined;
  const prompt = shown ? renderDocument(shown) : undefined;
  const counted = useTokenCount(prompt);
  const modelName = useModelName();
  // The Site view stays (open or closed) while the page is read again.
  const siteUrl = shown ? shown.url : previous.current?.url;
  const origin = siteUrl && /^https?:/.test(siteUrl) ? new URL(siteUrl).origin : undefined;

  if (tabId === undefined) return <p role="status">No page is bound to this panel. Open it from a page's right-click menu.</p>;
  return (
    <section aria-label="Page document" class="page-document">
      <button type="button" onClick={() => load()}>Read the page again</button>
      {state.status === 'loading' && <p role="status">{shown ? 'Reading the page again…' : 'Reading the page…'}</p>}
      {state.status === 'error' && <ErrorNotice error={state.error} />}
      {shown && (
        <>
          <p class="muted" data-testid="document-summary">
            <span data-field="doc.sections">{shown.sections.length}</span> {shown.sections.length === 1 ? 'section' : 'sections'} ·{' '}
            <span data-field="doc.entries">{shown.stats.elements}</span> {shown.stats.elements === 1 ? 'entry' : 'entries'} ({shown.stats.lists} {shown.stats.lists === 1 ? 'list' : 'lists'}) ·{' '}
            {counted
              ? <><span data-field="doc.tokens">{counted.tokens}</span> tokens (<span data-field="doc.tokens-model" data-model={counted.model}>{modelName(counted.model)}</span>)</>
              : <>about <span data-field="doc.tokens">{shown.tokens}</span> tokens</>} · read {shown.stats.nodes} elements in {Math.round(shown.stats.ms)} ms
          </p>
          {shown.truncated && (
            <p role="note" data-field="doc.truncated">This page is larger than the reading budget: its first part is described in full, the rest by its controls only.</p>
          )}
          {shown.notes?.map((note) => <p role="note" data-field="doc.note" key={note}>{note[0]!.toUpperCase() + note.slice(1)}.</p>)}
          {shown.sections.map((section) => <SectionView key={section.name} section={section} onPoint={point} />)}
          {shown.views?.map((view) => (
            <details class="doc-view" data-view={view.via} key={view.via}>
              <summary>What <code>${view.via}</code> shows <span class="muted">(hidden now; a script that names these clicks that tab first)</span></summary>
              {view.sections.map((section) => <SectionView key={section.name} section={section} onPoint={point} />)}
            </details>
          ))}
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
