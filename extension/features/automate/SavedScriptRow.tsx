import { useEffect, useRef, useState } from 'preact/hooks';
import type { ScriptRow } from '../../storage/db.ts';
import { ScriptView } from './ScriptView.tsx';
import { isSecretParam } from './secret-param.ts';
import { MAX_PARAM_VALUE, MAX_SCRIPT_NAME, renameScript } from './saved.ts';

/** A problem with one saved script, shown in its row; `param` names the field it is about. */
export interface RowProblem {
  id: number;
  message: string;
  param?: string | undefined;
}

/** Row-level pieces (a form, the details, an error) take a line of their own in the row's flex layout. */
const WIDE = { flexBasis: '100%' };

/** Where a parameter's value is kept while the panel is open: per script, so two scripts' `query`s stay apart. */
export const valueKey = (id: number, param: string) => `${id}:${param}`;

/**
 * One saved script: its parameters as a form whose submit (Replay, or Enter in a field) replays it, Rename, Delete,
 * and its task and code behind "Show script".
 */
export function SavedScriptRow({ row, values, onValue, busy, problem, onReplay, onDelete, onProblem }: {
  row: ScriptRow & { id: number };
  values: Readonly<Record<string, string>>;
  onValue: (param: string, value: string) => void;
  busy: boolean;
  problem: RowProblem | undefined;
  onReplay: (form: HTMLFormElement) => void;
  onDelete: () => void;
  onProblem: (problem: RowProblem | undefined) => void;
}) {
  const errorId = `saved-${row.id}-error`;
  const [renaming, setRenaming] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const renameInput = useRef<HTMLInputElement>(null);
  const renamed = useRef(false);
  useEffect(() => {
    if (renaming) renameInput.current?.focus();
    else if (renamed.current) renameButton.current?.focus();
    renamed.current = false;
  }, [renaming]);
  const endRename = () => {
    renamed.current = true;
    setRenaming(false);
  };
  const rename = (event: Event) => {
    event.preventDefault();
    const name = renameInput.current?.value ?? '';
    renameScript(row.id, name).then(() => {
      onProblem(undefined);
      endRename();
    }, (error: unknown) => onProblem({ id: row.id, message: error instanceof Error ? error.message : String(error) }));
  };
  return (
    <li data-script={row.name} data-script-id={row.id} class="saved-row">
      <strong>{row.name}</strong>
      <form style={{ display: 'contents' }} onSubmit={(event) => {
        event.preventDefault();
        onReplay(event.currentTarget);
      }}>
        {row.params.map((param) => {
          const invalid = problem?.param === param;
          const field = {
            'data-param': param, 'aria-label': `${param} for ${row.name}`, autocomplete: 'off', maxLength: MAX_PARAM_VALUE,
            value: values[param] ?? '', 'aria-invalid': invalid ? 'true' as const : undefined, 'aria-describedby': invalid ? errorId : undefined,
            onInput: (e: Event) => {
              onValue(param, (e.currentTarget as HTMLInputElement).value);
              if (invalid) onProblem(undefined);
            },
          };
          // A secret (a password, a card's code) is not shown on screen.
          return <label key={param}>{param}{isSecretParam(param) ? <input type="password" {...field} /> : <input {...field} />}</label>;
        })}
        <button type="submit" disabled={busy} aria-label={`Replay ${row.name}`}>Replay</button>
      </form>
      <button type="button" ref={renameButton} aria-label={`Rename ${row.name}`} aria-expanded={renaming}
        onClick={() => (renaming ? endRename() : setRenaming(true))}>Rename</button>
      <button type="button" aria-label={`Delete ${row.name}`} onClick={onDelete}>Delete</button>
      {renaming && (
        <form style={WIDE} onSubmit={rename} onKeyDown={(e) => {
          if (e.key === 'Escape') endRename();
        }}>
          <input ref={renameInput} aria-label={`New name for ${row.name}`} defaultValue={row.name} maxLength={MAX_SCRIPT_NAME} />{' '}
          <button type="submit">Save name</button> <button type="button" onClick={endRename}>Cancel</button>
        </form>
      )}
      {problem && <p role="alert" id={errorId} style={WIDE} data-testid="automate-saved-error">{problem.message}</p>}
      <details style={WIDE} data-testid="automate-saved-script">
        <summary aria-label={`Show script ${row.name}`}>Show script</summary>
        {row.task && <p class="muted">Task: {row.task}</p>}
        {row.updatedAt !== undefined && row.updatedAt !== row.createdAt && (
          <p class="muted">Saved {new Date(row.createdAt).toLocaleString()} · changed {new Date(row.updatedAt).toLocaleString()}</p>
        )}
        <ScriptView source={row.source} />
      </details>
    </li>
  );
}
