import { useEffect, useId } from 'preact/hooks';
import type { ElementEntry, ListEntry, Locator, PageDocument, Section } from '../../protocol/schemas.ts';
import type { PagePointer, PointTarget } from './page-pointer.ts';

type Entry = ElementEntry | ListEntry;

/** Descriptions longer than this are cut in the list (with an ellipsis); the whole text is the entry's description. */
export const DESCRIPTION_SHOWN = 80;

export function shortDescription(text: string): string {
  return text.length > DESCRIPTION_SHOWN ? `${text.slice(0, DESCRIPTION_SHOWN - 1).trimEnd()}…` : text;
}

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

/** An entry matches a filter by its name or its description (case-insensitive; a leading `$` is ignored). */
export function entryMatches(entry: Entry, filter: string): boolean {
  const words = filter.trim().toLowerCase().replace(/^\$/, '');
  if (!words) return true;
  return entry.name.toLowerCase().includes(words) || (entry.description ?? '').toLowerCase().includes(words);
}

/** Keys of the open/closed state: a section of the page, a view, a section inside a view. */
export const sectionKey = (section: string, via?: string) => (via ? `view:${via}/${section}` : `section:${section}`);
export const viewKey = (via: string) => `view:${via}`;

/** Every key a document shows (for "Expand all"), or those holding an entry the filter matches. */
export function documentKeys(doc: PageDocument, filter = ''): string[] {
  const keys: string[] = [];
  const add = (sections: Section[], via?: string) => {
    let any = false;
    for (const section of sections) {
      if (section.entries.some((e) => entryMatches(e, filter))) {
        keys.push(sectionKey(section.name, via));
        any = true;
      }
    }
    return any;
  };
  add(doc.sections);
  for (const view of doc.views ?? []) if (add(view.sections, view.via)) keys.push(viewKey(view.via));
  return keys;
}

export interface SectionsContext {
  pointer: PagePointer;
  filter: string;
  isOpen(key: string): boolean;
  setOpen(key: string, open: boolean): void;
  /** The locators of the page's own entry by name (the tab that shows a hidden view). */
  locatorsOf(name: string): Locator[] | undefined;
}

/**
 * One entry; pointing at it (hover, or keyboard focus on its name, a button) outlines the element in the page and
 * scrolls it into view; pressing the name shows it again. An entry of a hidden view outlines the tab that shows it.
 */
function EntryRow({ entry, section, via, ctx }: { entry: ElementEntry | ListEntry; section: string; via: string | undefined; ctx: SectionsContext }) {
  const key = `${via ?? ''}/${section}/${entry.name}`;
  const id = useId();
  const viaLocators = via ? ctx.locatorsOf(via) : undefined;
  const target: PointTarget = { key, name: entry.name, locators: viaLocators ?? entry.locators, ...(via ? { via } : {}) };
  const { pointer } = ctx;
  // A row that leaves the view (the page read again without it) points at nothing any more.
  useEffect(() => () => pointer.gone(key), [key]);
  const note = pointer.notes[key];
  const description = entry.description ?? '';
  const cut = shortDescription(description);
  const kind = entry.kind === 'list' ? `list of ${entry.count}` : entry.kind;
  const described = [`${id}-kind`, description && `${id}-desc`, via && `${id}-via`, note && `${id}-note`].filter(Boolean).join(' ');
  return (
    <li class="doc-entry" data-entry={entry.name} onMouseEnter={() => pointer.hover(target)} onMouseLeave={() => pointer.hover(null)}>
      <button type="button" class="entry-name" aria-label={`Show $${entry.name} in the page`} aria-describedby={described}
        onFocus={() => pointer.focus(target)} onBlur={() => pointer.focus(null)} onClick={() => pointer.again(target)}>
        <code>${entry.name}</code>
      </button> <span class="muted" id={`${id}-kind`}>{kind}</span>
      {description && <> · <span data-field="entry.description" title={cut !== description ? description : undefined}>{cut}</span></>}
      {description && <span id={`${id}-desc`} hidden>{description}</span>}
      {via && <div class="muted" id={`${id}-via`} data-field="entry.via">hidden until <code>${via}</code> is clicked</div>}
      {note && <div class="entry-note" id={`${id}-note`} data-field="entry.note">{note[0]!.toUpperCase() + note.slice(1)}.</div>}
      {entry.kind === 'list'
        ? <div class="muted">fields: {entry.fields.join(', ') || '—'} · actions: {entry.actions.join(', ') || '—'}</div>
        : stateText(entry) && <div class="muted">{stateText(entry)}</div>}
      {entry.kind !== 'list' && entry.effect && <div class="muted">→ {entry.effect}</div>}
    </li>
  );
}

export function SectionView({ section, via, ctx }: { section: Section; via?: string; ctx: SectionsContext }) {
  const entries = section.entries.filter((e) => entryMatches(e, ctx.filter));
  if (!entries.length) return null;
  const key = sectionKey(section.name, via);
  const filtered = entries.length !== section.entries.length;
  return (
    <details class="doc-section" data-section={section.name} open={ctx.isOpen(key)}
      onToggle={(e) => ctx.setOpen(key, (e.currentTarget as HTMLDetailsElement).open)}>
      <summary>
        <strong>{section.name}</strong> <span class="muted">({section.kind}) · <span data-field="count">{entries.length}</span>
          {filtered ? ` of ${section.entries.length}` : ''} {section.entries.length === 1 ? 'entry' : 'entries'}</span>
      </summary>
      <ul>{entries.map((entry) => <EntryRow key={entry.name} entry={entry} section={section.name} via={via} ctx={ctx} />)}</ul>
    </details>
  );
}

export function ViewView({ view, ctx }: { view: { via: string; sections: Section[] }; ctx: SectionsContext }) {
  if (!view.sections.some((s) => s.entries.some((e) => entryMatches(e, ctx.filter)))) return null;
  const key = viewKey(view.via);
  return (
    <details class="doc-view" data-view={view.via} open={ctx.isOpen(key)}
      onToggle={(e) => ctx.setOpen(key, (e.currentTarget as HTMLDetailsElement).open)}>
      <summary>What <code>${view.via}</code> shows <span class="muted">(hidden now; a script that names these clicks that tab first)</span></summary>
      {view.sections.map((section) => <SectionView key={section.name} section={section} via={view.via} ctx={ctx} />)}
    </details>
  );
}
