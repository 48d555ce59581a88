/**
 * What `waitFor($message)` after an action of the run waits for: a message that action brought — one that showed no
 * text when the action began, or whose text was set since (even to the same words: "1 message moved to archive."
 * twice is two messages) — not what an earlier action left there ("Last saved 2 min ago", a script's second run in
 * the same tab). Each action's start is noted per document: which messages said something then, and read-cache's
 * generation, whose observer marks what changes after it.
 *
 * Not known, so any message that shows text counts as new (as before any action): a message in a shadow root (the
 * observer does not see it), in a document no action began in since it loaded, or past the first MAX_NOTED.
 */
import { checkVisibilityOf, closestOf, queryAllOf, textContentOf } from '../document/dom-safe.ts';
import { contentChangedSince, generationNow, observable } from './read-cache.ts';

interface ActionStart {
  generation: number;
  /** Messages that showed text when the action began. */
  saying: WeakSet<Element>;
}

const starts = new WeakMap<Document, ActionStart>();
/** What may be a message (document/messages.ts decides; noting a few more costs nothing). */
const MAY_BE_MESSAGES = '[role~=status], [role~=alert], [role~=log], output, [aria-live]';
/** Messages noted at an action's start, at most. */
const MAX_NOTED = 300;

const saysSomething = (el: Element): boolean => /\S/.test(textContentOf(el))
  && !closestOf(el, '[hidden]') && checkVisibilityOf(el, { visibilityProperty: true } as CheckVisibilityOptions) !== false;

/** An action begins in `doc` (settle.ts): what its messages say now is what came before it. */
export function noteActionStart(doc: Document): void {
  const generation = generationNow(doc);
  const saying = new WeakSet<Element>();
  const candidates = queryAllOf(doc, MAY_BE_MESSAGES);
  for (let i = 0; i < Math.min(candidates.length, MAX_NOTED); i++) {
    const el = candidates[i]!;
    if (saysSomething(el)) saying.add(el);
  }
  starts.set(doc, { generation, saying });
}

/** Whether a message that shows text now says something new since the last action began (true where not known). */
export function saysAnew(el: Element): boolean {
  const doc = el.ownerDocument;
  const start = starts.get(doc);
  if (!start || !start.saying.has(el) || !observable(doc, el)) return true;
  return contentChangedSince(doc, el, start.generation);
}
