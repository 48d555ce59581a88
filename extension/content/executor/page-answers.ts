/**
 * What a person waits for after an action that the page answers later than the executor's quiet period: a search box
 * that looks up what was typed after a pause (a debounce, then a request), a button the page disables while it checks
 * what was typed (a username, a coupon). Exploratory test, session 31: a search for "mouse" then added the first of
 * the results shown before the search to the cart, and "Send invite" failed as disabled 190 ms after the username
 * was typed, while the page was still checking it.
 */
import { attr, closestOf, hasAttr, idOf } from '../document/dom-safe.ts';
import { isDisabled, SEARCH_WORD } from '../document/classify.ts';
import { labelsOf } from '../document/dom.ts';
import { watchSettle } from './settle.ts';

/** How long a field that answers typing may take to start answering (debounces are 150–500 ms, then a request). */
export const TYPING_ANSWER_MS = 800;
/** How long a control disabled just after an action of ours is waited for (the page checking what was typed). */
export const ENABLE_WAIT_MS = 2500;
const ENABLE_POLL_MS = 50;

/** A field's own words (its name, id, placeholder, label) that say it looks something up. */
const LOOKS_UP = /(?:^|[^a-z0-9])(?:q|query|search|filter|find|lookup|keywords?)(?:[^a-z0-9]|$)/i;

/** A field whose page answers what is typed by itself (a search, suggestions), often after a pause. */
export function answersTyping(field: Element): boolean {
  if ((attr(field, 'type') ?? '').toLowerCase() === 'search') return true;
  const role = (attr(field, 'role') ?? '').toLowerCase();
  if (role === 'searchbox' || role === 'combobox') return true;
  const autocomplete = (attr(field, 'aria-autocomplete') ?? 'none').toLowerCase();
  if (autocomplete !== 'none' || hasAttr(field, 'list') || hasAttr(field, 'aria-controls') || hasAttr(field, 'aria-owns')) return true;
  if (closestOf(field, '[role=search],search')) return true;
  const words = [attr(field, 'name') ?? '', idOf(field), attr(field, 'placeholder') ?? '', attr(field, 'aria-label') ?? '']
    .join(' ').replace(/([a-z])([A-Z])/g, '$1 $2');
  return LOOKS_UP.test(words) || SEARCH_WORD.test(`${words} ${labelsOf(field) ?? ''}`);
}

/**
 * After typing into such a field: waits up to TYPING_ANSWER_MS for the page to start answering (a change of its own, a
 * request), then until it is quiet again and its requests are back. Says whether it answered.
 */
export async function typingAnswered(doc: Document): Promise<boolean> {
  // No handler of ours runs now: what the page changes by itself as it always does (a clock) is no answer.
  const watch = watchSettle(doc, { syncHandlers: false });
  if (!(await watch.changeWithin(TYPING_ANSWER_MS))) {
    void watch.settled(0, 0); // ends the watch (the page world stops reporting)
    return false;
  }
  await watch.settled();
  return true;
}

/**
 * `el` once it is enabled, when an action of ours began less than ENABLE_WAIT_MS ago (the page may still be checking
 * what it did) — the same element, or the one `again()` finds where the page drew it anew; as it is otherwise, and
 * after ENABLE_WAIT_MS.
 */
export async function enabledSoon(el: Element, lastAction: number | undefined, again: () => Element | null): Promise<Element> {
  if (!isDisabled(el) || lastAction === undefined || Date.now() - lastAction >= ENABLE_WAIT_MS) return el;
  const until = Date.now() + ENABLE_WAIT_MS;
  let now = el;
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, ENABLE_POLL_MS));
    if (!now.isConnected) now = again() ?? now;
    if (now.isConnected && !isDisabled(now)) return now;
  }
  return now;
}
