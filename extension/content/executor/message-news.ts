/**
 * What `waitFor($message)` after an action of the run waits for: a message that action brought — one that showed no
 * text when the action began, or whose text was set since (even to the same words: "1 message moved to archive."
 * twice is two messages) — not what an earlier action left there ("Last saved 2 min ago", a script's second run in
 * the same tab). Each action's start is noted per document: what each message showed then, and read-cache's
 * generation, whose observer marks what changes after it. A message whose shown text differs now is new, also when
 * only a class or attribute revealed it (a pre-rendered `hidden` line, a toast faded in).
 *
 * Not known, so any message that shows text counts as new (as before any action): a message in a shadow root (the
 * observer does not see it), in a document no action began in since it loaded, or past the first MAX_NOTED.
 */
import { checkVisibilityOf, closestOf, innerTextOf, ownerDocOf, queryAllOf } from '../document/dom-safe.ts';
import { contentChangedSince, generationNow, observable } from './read-cache.ts';

interface ActionStart {
  generation: number;
  /** What the messages that showed text when the action began showed. */
  shown: WeakMap<Element, string>;
}

const starts = new WeakMap<Document, ActionStart>();
/** What may be a message (document/messages.ts decides; noting a few more costs nothing). */
const MAY_BE_MESSAGES = '[role~=status], [role~=alert], [role~=log], output, [aria-live]';
/** Messages noted at an action's start, at most. */
const MAX_NOTED = 300;

/** What a message shows a person: '' when it is hidden, see-through or says nothing. */
function shownText(el: Element): string {
  if (closestOf(el, '[hidden]') || checkVisibilityOf(el, { visibilityProperty: true, opacityProperty: true } as CheckVisibilityOptions) === false) return '';
  return innerTextOf(el).replace(/\s+/g, ' ').trim();
}

/** An action begins in `doc` (settle.ts): what its messages show now is what came before it. */
export function noteActionStart(doc: Document): void {
  const generation = generationNow(doc);
  const shown = new WeakMap<Element, string>();
  const candidates = queryAllOf(doc, MAY_BE_MESSAGES);
  for (let i = 0; i < Math.min(candidates.length, MAX_NOTED); i++) {
    const el = candidates[i]!;
    const text = shownText(el);
    if (text) shown.set(el, text);
  }
  starts.set(doc, { generation, shown });
}

/** Whether a message that shows text now says something new since the last action began (true where not known). */
export function saysAnew(el: Element): boolean {
  const doc = ownerDocOf(el);
  const start = starts.get(doc);
  const before = start?.shown.get(el);
  if (!start || before === undefined || !observable(doc, el)) return true;
  return shownText(el) !== before || contentChangedSince(doc, el, start.generation);
}
