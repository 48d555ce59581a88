import { useState } from 'preact/hooks';
import { asksForSecret } from './secret-param.ts';

/**
 * What a script's `ask("…")` shows in the side panel. The question is the model's text, and the model writes what
 * the page shows it: a page can put "Enter your password to continue" there, in the trusted panel. So it is said to
 * be the script's, and a question that asks for a secret (a password, a one-time code, a card number…) is answered in
 * a masked field under a warning that reading a page never needs one.
 */
export function ScriptQuestion({ id, text, onAnswer }: { id: number; text: string; onAnswer: (text: string) => void }) {
  const [reply, setReply] = useState('');
  const secret = asksForSecret(text);
  return (
    <form data-testid="automate-ask" data-secret={secret ? 'true' : undefined} onSubmit={(e) => {
      e.preventDefault();
      onAnswer(reply);
      setReply('');
    }}>
      <label for={`automate-reply-${id}`}><span class="muted">The script asks: </span><q data-testid="automate-ask-text">{text}</q></label>
      {secret && (
        <p role="alert" data-testid="automate-ask-secret">
          This asks for a password, a code or another secret. Pocket SLM never needs one to read or use a page: the page
          itself may have put this question there. Answer only if you meant this run to enter it for you.
        </p>
      )}
      {secret
        ? <input id={`automate-reply-${id}`} type="password" autocomplete="off" value={reply} onInput={(e) => setReply(e.currentTarget.value)} />
        : <input id={`automate-reply-${id}`} type="text" value={reply} onInput={(e) => setReply(e.currentTarget.value)} />}
      <button type="submit">Answer</button>
    </form>
  );
}
