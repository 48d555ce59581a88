import { useEffect, useRef, useState } from 'preact/hooks';
import type { ScriptRow } from '../../storage/db.ts';
import { useDraft } from '../../ui/draft.ts';
import { useLiveQueryState } from '../../ui/useLiveQuery.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { deleteScript, fillParams, filterScripts, getScript, listScripts, restoreScript, valuesProblem } from './saved.ts';
import { SavedScriptRow, valueKey, type RowProblem } from './SavedScriptRow.tsx';

/** More scripts than this, and the list gets a filter box. */
const FILTER_FROM = 8;

/** A site's saved scripts, read again whenever any panel (or the model host) changes them. */
export function useSavedScripts(origin: string | undefined) {
  return useLiveQueryState(() => (origin ? listScripts(origin) : Promise.resolve([])), [origin]);
}

/** What takes the focus once it is drawn: the note after a delete, a script's Replay button after Undo. */
type FocusTarget = { note: number } | { replay: number };

type Saved = ScriptRow & { id: number };

/**
 * "Saved for this site": the site's scripts with their parameters, replayed with no model call (or, when allowed,
 * with a repair by the model); each can be shown, renamed and deleted, and every deletion undone in turn.
 */
export function SavedScripts({ tabId, origin, scripts, readError, busy, onReplay }: {
  tabId: number;
  origin: string | undefined;
  scripts: ScriptRow[] | undefined;
  readError: unknown;
  busy: boolean;
  /** Starts the replay of the script as stored now, with its values; `repairs`: the model may repair it. */
  onReplay: (row: Saved, values: Record<string, string>, repairs: boolean) => void;
}) {
  const rows = (scripts ?? []).filter((row): row is Saved => row.id !== undefined);
  // Values by script and parameter (valueKey): typed for one script, they do not show up in another's field.
  const [values, setValues] = useDraft<Record<string, string>>(`automate.params.${tabId}`, {});
  const [allowModel, setAllowModel] = useDraft(`automate.panel.replayRepairs.${tabId}`, false);
  const [filter, setFilter] = useState('');
  const [problem, setProblem] = useState<RowProblem>();
  /** Deleted here since the panel showed this site, the latest last: each can be undone in turn. */
  const [deleted, setDeleted] = useState<Saved[]>([]);
  const [message, setMessage] = useState('');
  const note = useRef<HTMLParagraphElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const focusNext = useRef<FocusTarget | null>(null);
  // The note and its undos are about this site's list: another site's page drops them.
  useEffect(() => {
    setDeleted([]);
    setMessage('');
    setProblem(undefined);
  }, [origin]);

  const shown = rows.length > FILTER_FROM ? filterScripts(rows, filter) : rows;
  // A row comes and goes only when the live query reads the list again: the target is looked for after every render
  // until it is there (without this the focus falls to the page body with the pressed button).
  useEffect(() => {
    const target = focusNext.current;
    if (!target || !scripts) return;
    let element: HTMLElement | null | undefined;
    if ('note' in target) element = rows.some((row) => row.id === target.note) ? undefined : note.current;
    else if (rows.some((row) => row.id === target.replay)) {
      element = list.current?.querySelector<HTMLElement>(`li[data-script-id="${target.replay}"] button[type="submit"]`) ?? note.current;
    }
    if (!element) return;
    focusNext.current = null;
    element.focus();
  });

  const replay = async (row: Saved, form: HTMLFormElement) => {
    const shownValues = Object.fromEntries(row.params.map((param) => [param, values[valueKey(row.id, param)] ?? '']));
    const refuse = (found: { param?: string | undefined; message: string }) => {
      setProblem({ id: row.id, ...found });
      // The field to fix, in view and focused (the message sits beside it).
      if (found.param) form.querySelector<HTMLInputElement>(`input[data-param="${CSS.escape(found.param)}"]`)?.focus();
    };
    const missing = valuesProblem(row.params, shownValues);
    if (missing) return refuse(missing);
    // Replayed as stored now: another panel may have replaced or deleted it since this list was drawn.
    const current = await getScript(row.id).catch(() => undefined);
    if (!current || current.origin !== row.origin) {
      setMessage(`“${row.name}” is no longer saved (deleted in another panel?): nothing was replayed.`);
      return;
    }
    const currentValues = Object.fromEntries(current.params.map((param) => [param, values[valueKey(row.id, param)] ?? '']));
    const stillMissing = valuesProblem(current.params, currentValues);
    if (stillMissing) return refuse(stillMissing);
    try {
      fillParams(current.source, currentValues); // refused here already (a hole outside quotes), before the host is asked
    } catch (error) {
      return refuse({ message: error instanceof Error ? error.message : String(error) });
    }
    setProblem(undefined);
    onReplay({ ...current, id: row.id }, currentValues, allowModel);
  };

  const remove = (row: Saved) => {
    deleteScript(row.id).then(() => {
      focusNext.current = { note: row.id };
      setDeleted((before) => [...before, row]);
      setMessage(`Deleted “${row.name}”.`);
    }, (error: unknown) => setProblem({ id: row.id, message: `not deleted: ${error instanceof Error ? error.message : String(error)}` }));
  };

  const undo = (row: Saved) => {
    setDeleted((before) => before.filter((other) => other !== row));
    restoreScript(row).then((restored) => {
      // Shown again: a filter that would hide it goes.
      if (filterScripts([restored], filter).length === 0) setFilter('');
      focusNext.current = { replay: row.id };
      setMessage(restored.name === row.name ? `“${row.name}” is back.`
        : `“${row.name}” is back as “${restored.name}”: a script named “${row.name}” was saved since.`);
    }, (error: unknown) => {
      // Not put back (storage full, say): it can still be undone.
      setDeleted((before) => [...before, row]);
      setMessage(`“${row.name}” could not be put back: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  const lastDeleted = deleted.at(-1);

  return (
    <div class="saved-scripts">
      <h2 id="automate-saved-heading">Saved for this site</h2>
      <label class="check"><span><input type="checkbox" style={{ width: 'auto' }} checked={allowModel}
        onChange={(e) => setAllowModel((e.currentTarget as HTMLInputElement).checked)} /> Let a replay that fails ask the model to repair it</span></label>
      {rows.length > FILTER_FROM && (
        <p>
          <label for="automate-saved-filter">Filter saved scripts</label>{' '}
          <input id="automate-saved-filter" type="search" value={filter} onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)} />{' '}
          <span class="muted" aria-live="polite">{shown.length} of {rows.length} shown</span>
        </p>
      )}
      {message && (
        <p role="status" tabIndex={-1} ref={note} data-testid="automate-deleted-note">
          {message}{' '}
          {lastDeleted && <button type="button" onClick={() => undo(lastDeleted)}>Undo delete of “{lastDeleted.name}”</button>}
        </p>
      )}
      {readError !== undefined && <ErrorNotice error={readError} />}
      {scripts === undefined ? (readError === undefined && <p class="muted">Reading the saved scripts…</p>)
        : rows.length === 0 ? <p key="no-saved" class="muted">No saved scripts for {origin ?? 'this site'}.</p>
        : shown.length === 0 ? <p key="none-match" class="muted">No saved script matches “{filter}”.</p> : (
          <ul key="saved-list" ref={list} data-testid="automate-saved" aria-labelledby="automate-saved-heading">
            {shown.map((row) => (
              <SavedScriptRow key={row.id} row={row} busy={busy} problem={problem?.id === row.id ? problem : undefined}
                values={Object.fromEntries(row.params.map((param) => [param, values[valueKey(row.id, param)] ?? '']))}
                onValue={(param, value) => setValues((before) => ({ ...before, [valueKey(row.id, param)]: value }))}
                onReplay={(form) => void replay(row, form)} onDelete={() => remove(row)} onProblem={setProblem} />
            ))}
          </ul>
        )}
    </div>
  );
}
