import { useState } from 'preact/hooks';
import { paramsOf, renameInScript, replaceSource } from './saved.ts';

/** A replay this panel started (kept as a draft, so a reopened panel still knows which saved script a run was). */
export interface Replayed {
  runId: string;
  scriptId: number;
  name: string;
  /** The model was allowed to repair it ("Let a replay that fails ask the model to repair it" was ticked). */
  repairs: boolean;
  /** Its `{{params}}` as it was replayed. */
  params: string[];
}

export const REPAIR_CHECKBOX = 'Let a replay that fails ask the model to repair it';

/** What the user can do about a saved script that failed on the page; `failure`, the last attempt's, says why first. */
export function replayAdvice(repairsAllowed: boolean, failure?: { name: string; message: string }): string {
  const advice = repairsAllowed
    ? 'The page may have changed since this script was saved, and the model could not repair it either. Run the task afresh (Run above) and save the script it writes.'
    : `The page may have changed since this script was saved. Tick “${REPAIR_CHECKBOX}” (under “Saved for this site”) and replay it again: the model may then repair it (at most 2 model calls), and you can save the repaired script.`;
  const cause = failure && replayCause(failure);
  return cause ? `${cause} ${advice}` : advice;
}

/** Failures whose cause is plainer than "the page changed" (explorer, session 32: one advice for every failure). */
function replayCause(failure: { name: string; message: string }): string | undefined {
  if (failure.name === 'NotFoundError' && failure.message.includes('the recorded way there is broken')) {
    return 'The way it goes to another page of the site is no longer there: open that page yourself once, with the side panel\'s Page tab open, and the new way is recorded for the next replay.';
  }
  if (failure.name === 'NavigationError' && /the site answered \d{3}/.test(failure.message)) return 'A page it goes to is no longer on the site.';
  if (failure.name === 'BudgetError') return 'It ran past its budget (a page with more items or steps than when it was saved).';
  return undefined;
}

/**
 * After a replay the model repaired: the repaired script (editable, as the save form's), to put in place of the saved
 * one — same name, task and place in the list.
 */
export function RepairedOffer({ replayed, source, onError }: { replayed: Replayed; source: string; onError: (error: unknown) => void }) {
  const [edited, setEdited] = useState(source);
  const [note, setNote] = useState('');
  // A value too short to be put back to its hole stays in the repaired script as text: said before it is saved.
  const lost = replayed.params.filter((param) => !paramsOf(edited).includes(param));
  return (
    <form data-testid="automate-repaired" class="stack" onSubmit={(event) => {
      event.preventDefault();
      setNote('');
      replaceSource(replayed.scriptId, edited).then(
        () => setNote(`Replaced “${replayed.name}” with the repaired script.`),
        onError,
      );
    }}>
      <h2>Keep the repair</h2>
      <p>The model repaired the saved script “{replayed.name}” for the page as it is now.</p>
      <label for="automate-repaired-source">Repaired script</label>
      <textarea id="automate-repaired-source" class="script" rows={6} value={edited} onInput={(e) => setEdited((e.currentTarget as HTMLTextAreaElement).value)} />
      {lost.length > 0 && (
        <p class="muted" data-testid="automate-repaired-lost">
          It no longer asks for {lost.map((param) => `{{${param}}}`).join(', ')}: the value given is written into it. Put the
          hole back (in quotes) before replacing, or it will type that value every time.
        </p>
      )}
      <button type="submit">Replace “{replayed.name}” with the repaired script</button>
      <p role="status" class="muted" data-testid="automate-repaired-note">{note}</p>
    </form>
  );
}

/**
 * After a replay that found names the page no longer has by where the script last saw them (their saved locators):
 * which, and an offer to write the page's names into the saved script.
 */
export function RenamedOffer({ replayed, renamed, onError }: { replayed: Replayed; renamed: ReadonlyArray<{ from: string; to: string }>; onError: (error: unknown) => void }) {
  const [note, setNote] = useState('');
  return (
    <form data-testid="automate-renamed" class="stack" onSubmit={(event) => {
      event.preventDefault();
      setNote('');
      renameInScript(replayed.scriptId, renamed).then(
        () => setNote(`Updated “${replayed.name}” to the page’s names.`),
        onError,
      );
    }}>
      <h2>Names the page changed</h2>
      <p>
        The page no longer has {renamed.length === 1 ? 'a name' : `${renamed.length} names`} “{replayed.name}” uses; the
        replay found {renamed.length === 1 ? 'it' : 'them'} where the script last saw {renamed.length === 1 ? 'it' : 'them'}, with no model call:
      </p>
      <ul data-testid="automate-renamed-list">
        {renamed.map(({ from, to }) => <li key={from}><code>${from}</code> is now <code>${to}</code></li>)}
      </ul>
      <button type="submit">Write the new names into “{replayed.name}”</button>
      <p role="status" class="muted" data-testid="automate-renamed-note">{note}</p>
    </form>
  );
}
