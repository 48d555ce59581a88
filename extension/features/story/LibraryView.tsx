import { useEffect, useRef, useState } from 'preact/hooks';
import { database } from '../../storage/db.ts';
import { deleteStory, matches, type SavedStory } from './library.ts';
import { download, storiesToJson, storiesToMarkdown } from './export.ts';
import { StatsList } from './StatsList.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { useModelName } from '../models/use-models.ts';

const stamp = () => new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
/** Cards drawn at a time (a library of thousands stays quick to search and to open). */
const PAGE = 50;

/** What takes the keyboard focus once it is drawn: Undo after a delete, a card after Undo or "Show more". */
type FocusTarget = 'undo' | { story: number };

/**
 * The user's saved stories: search prompt and text, delete, export as Markdown or JSON, statistics per story. The
 * bundled human stories (HANNA) a rating stored to refer to are listed apart: they are not the user's, so they are
 * neither exported nor deleted here.
 */
export function LibraryView({ hidden, stories, storiesError, openPairIds }: {
  hidden: boolean; stories: SavedStory[] | undefined; storiesError?: unknown; openPairIds: number[];
}) {
  const modelName = useModelName();
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const [message, setMessage] = useState('');
  /** Deleted here since the panel opened, the latest last: each can be undone in turn. */
  const [deleted, setDeleted] = useState<SavedStory[]>([]);
  // The stories of an open rating pair stay out of view until it is rated: their cards name their writers.
  const rating = new Set(openPairIds);
  const inPair = (s: SavedStory) => s.id !== undefined && rating.has(s.id);
  const own = (stories ?? []).filter((s) => s.source !== 'hanna');
  const shown = own.filter((s) => !inPair(s) && matches(s, query, modelName(s.writer)));
  const human = (stories ?? []).filter((s) => s.source === 'hanna' && !inPair(s) && matches(s, query));
  const hiddenForRating = (stories ?? []).filter(inPair).length;
  const drawn = shown.slice(0, limit);
  // The button pressed leaves (a deleted card, the last "Show more") or changes: without this the focus falls to the
  // page body (exploratory test, session 21). A card comes and goes only when the live query reads the library again,
  // so the target is looked for after every render until it is drawn.
  const focusNext = useRef<FocusTarget | null>(null);
  const list = useRef<HTMLElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const note = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const target = focusNext.current;
    if (target === null) return;
    const element = target === 'undo' ? undoButton.current
      : drawn.some((s) => s.id === target.story) ? list.current?.querySelector<HTMLElement>(`[data-story-id="${target.story}"]`)
      // Back, but not drawn (the search leaves it out, or it is past the cards shown): the note says it is back.
      : stories?.some((s) => s.id === target.story) ? note.current : null;
    if (!element) return;
    focusNext.current = null;
    element.focus();
  });
  async function remove(story: SavedStory) {
    if (story.id === undefined) return;
    await deleteStory(story.id);
    focusNext.current = 'undo';
    setDeleted((before) => [...before, story]);
    setMessage(openPairIds.includes(story.id)
      ? `Story ${story.id} is deleted. It was in the open rating pair, which is abandoned (Rate says so); saved ratings are kept.`
      : `Story ${story.id} is deleted.`);
  }
  function undo(row: SavedStory) {
    setDeleted((before) => before.filter((s) => s !== row));
    focusNext.current = { story: row.id! };
    void database().stories.put(row).then(
      () => setMessage(`Story ${row.id} is back in the library.`),
      (error: unknown) => {
        // Not put back (storage full, say): it can still be undone.
        focusNext.current = 'undo';
        setDeleted((before) => [...before, row]);
        setMessage(`Story ${row.id} could not be put back: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  }
  function showMore() {
    const first = shown[limit]?.id;
    if (first !== undefined) focusNext.current = { story: first };
    setLimit(limit + PAGE);
  }
  return (
    <section aria-labelledby="library-heading" hidden={hidden} ref={list}>
      <h2 id="library-heading">Library</h2>
      <label for="library-search">Search stories (prompt, text or writer)</label>
      <input id="library-search" type="search" value={query} onInput={(e) => {
        setQuery((e.currentTarget as HTMLInputElement).value);
        setLimit(PAGE);
      }} />
      <div class="row" style={{ margin: '6px 0' }}>
        <button type="button" disabled={shown.length === 0}
          onClick={() => download(`pocket-slm-stories-${stamp()}.md`, storiesToMarkdown(shown), 'text/markdown')}>Export Markdown</button>
        <button type="button" disabled={shown.length === 0}
          onClick={() => download(`pocket-slm-stories-${stamp()}.json`, storiesToJson(shown), 'application/json')}>Export JSON</button>
      </div>
      {message && (
        <p role="status" tabIndex={-1} ref={note}>
          {message}{' '}
          {deleted.length > 0 && (
            <button type="button" ref={undoButton} onClick={() => undo(deleted[deleted.length - 1]!)}>
              Undo delete of story {deleted[deleted.length - 1]!.id}
            </button>
          )}
        </p>
      )}
      {storiesError !== undefined && <ErrorNotice error={storiesError} />}
      <p class="muted" aria-live="polite">
        {stories === undefined ? (storiesError !== undefined ? 'The library could not be read.' : 'Loading…') : `${shown.length} of ${own.length} ${own.length === 1 ? 'story' : 'stories'}`}
        {shown.length > 0 && query ? ' match the search' : ''}
        {hiddenForRating > 0 ? ` · ${hiddenForRating} hidden while you rate ${hiddenForRating === 1 ? 'it' : 'them'} blind (Rate)` : ''}
      </p>
      {drawn.map((story) => <StoryCard key={story.id} story={story} writer={modelName(story.writer)} onDelete={() => void remove(story)} />)}
      {shown.length > limit && (
        <button type="button" onClick={showMore}>Show {Math.min(PAGE, shown.length - limit)} more ({shown.length - limit} not shown)</button>
      )}
      {human.length > 0 && (
        <details data-testid="library-human">
          <summary>Human stories from HANNA that ratings compared against ({human.length})</summary>
          <p class="muted">They come with the extension; rating a pair stores the one it shows, so its ratings can refer to it.</p>
          {human.map((story) => <StoryCard key={story.id} story={story} writer={story.writer} />)}
        </details>
      )}
    </section>
  );
}

function StoryCard({ story, writer, onDelete }: { story: SavedStory; writer: string; onDelete?: () => void }) {
  return (
    <article class="binding" data-testid="library-story" data-story-id={story.id} tabIndex={-1}
      aria-labelledby={`library-story-${story.id}`}>
      <h3 id={`library-story-${story.id}`} style={{ fontSize: '13px', margin: '0 0 4px' }}>
        Story {story.id} · {writer}{story.stopped ? ' · stopped' : ''}
        <span class="muted"> · {new Date(story.createdAt).toLocaleString()}</span>
      </h3>
      <p class="muted"><strong>Prompt:</strong> {story.prompt}</p>
      <blockquote data-testid="library-story-text">{story.text}</blockquote>
      {story.seed !== null && (
        <p class="muted">
          Seed {story.seed}{story.timings ? ` · ${story.timings.tokensOut} tokens in ${Math.round(story.timings.totalMs)} ms` : ''}
        </p>
      )}
      {(story.timings?.promptTokensDropped ?? 0) > 0 && (
        <p role="note" data-field="library.truncated">
          The prompt was longer than the model's context: its first {story.timings!.promptTokensDropped} tokens were left out.
        </p>
      )}
      <details>
        <summary>Statistics</summary>
        <StatsList stats={story.stats} />
      </details>
      {onDelete && <button type="button" onClick={onDelete} aria-label={`Delete story ${story.id}`}>Delete</button>}
    </article>
  );
}
