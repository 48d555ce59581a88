import { useEffect, useRef, useState } from 'preact/hooks';
import { useDraft } from '../../ui/draft.ts';
import { asksForCode, asksForSecret } from './secret-param.ts';

/**
 * What a script's `ask("…")` shows in the side panel. The question is the model's text, and the model writes what
 * the page shows it: a page can put "Enter your password to continue" there, in the trusted panel. So it is said to
 * be the script's, and a question that asks for a secret (a password, a one-time code, a card number…) is answered in
 * a masked field under a warning that reading a page never needs one; the warning describes the field (read with it
 * by a screen reader), and a Show button unmasks what was typed. The answer field takes the focus when the question
 * appears, as the panel's other prompts do (`data-autofocus` is what the panel's gate focuses). What is typed stays
 * through a switch of the panel's tabs (`draftKey`: in memory only, never stored: it may be a secret); an empty answer
 * is sent only by its own button (a stray Enter in the focused field sent "", and the script typed it over a field).
 */
export function ScriptQuestion({ id, draftKey, text, onAnswer }: { id: number; draftKey: string; text: string; onAnswer: (text: string) => void }) {
  const [reply, setReply] = useDraft(draftKey, '');
  const [unmasked, setUnmasked] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const secret = asksForSecret(text);
  const fieldId = `automate-reply-${id}`;
  const warningId = `automate-reply-warning-${id}`;
  useEffect(() => {
    field.current?.focus();
  }, [id]);
  // A code the user is sent: the browser may offer it (one-time-code). A password: not filled in from the browser's
  // store (the page may have asked for it); a plain answer: no suggestions from earlier answers.
  const autocomplete = secret ? (asksForCode(text) ? 'one-time-code' : 'new-password') : 'off';
  return (
    <form data-testid="automate-ask" data-secret={secret ? 'true' : undefined} onSubmit={(e) => {
      e.preventDefault();
      if (!reply) return;
      onAnswer(reply);
      setReply('');
    }}>
      <label for={fieldId}><span class="muted">The script asks: </span><q data-testid="automate-ask-text">{text}</q></label>
      {secret && (
        <p role="alert" id={warningId} data-testid="automate-ask-secret">
          This asks for a password, a code or another secret. Pocket SLM never needs one to read or use a page: the page
          itself may have put this question there. Answer only if you meant this run to enter it for you.
        </p>
      )}
      {secret && !unmasked
        ? <input id={fieldId} ref={field} data-autofocus type="password" autocomplete={autocomplete} aria-describedby={warningId}
          value={reply} onInput={(e) => setReply(e.currentTarget.value)} />
        : <input id={fieldId} ref={field} data-autofocus type="text" autocomplete={autocomplete} aria-describedby={secret ? warningId : undefined}
          value={reply} onInput={(e) => setReply(e.currentTarget.value)} />}
      {secret && (
        <button type="button" data-testid="automate-ask-show" aria-controls={fieldId} aria-pressed={unmasked}
          onClick={() => setUnmasked((shown) => !shown)}>{unmasked ? 'Hide' : 'Show'}</button>
      )}
      <button type="submit" disabled={!reply} title={reply ? undefined : 'Type an answer first (Stop ends the run)'}>Answer</button>
      {/* An empty answer on purpose (a question the script says may be left empty), never by a stray Enter. */}
      {!reply && <button type="button" onClick={() => onAnswer('')}>Send an empty answer</button>}
    </form>
  );
}
