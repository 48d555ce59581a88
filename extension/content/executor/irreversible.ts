/**
 * Which actions cannot be taken back: form submits (other than search) and buttons or links whose label or effect
 * means send, pay, buy, order, delete, remove, publish, post, confirm or log out. Pure, so the side panel (on the
 * document entry) and the content executor (on the live element) classify with the same rule.
 */
export interface ActionFacts {
  /** The action about to happen: click, check, type… Only activating actions can be irreversible. */
  action: string;
  /** Visible label, accessible name, value of the element (page text: data, only matched against words). */
  label: string;
  /** Effect from the document: "submits the form", "goes to /logout"… */
  effect?: string | undefined;
  /** The element submits a form. */
  submits?: boolean | undefined;
  /** That form is a search form (submitting it only reads). */
  searchForm?: boolean | undefined;
}

export interface Verdict {
  irreversible: boolean;
  reason?: string;
}

/** Checking a box or typing is undone by doing the opposite; what they lead to (a submit) is gated itself. */
const ACTIVATING = new Set(['click', 'open']);

const WORDS: Array<[RegExp, string]> = [
  [/\bsend(s|ing)?\b/i, 'sends'],
  [/\b(pay|payment|pays|checkout|check out|purchase)\b/i, 'pays'],
  [/\b(buy|buys)\b/i, 'buys'],
  [/\b(order|orders|place order)\b/i, 'orders'],
  [/\b(delete|deletes|deleting|trash|erase)\b/i, 'deletes'],
  [/\b(remove|removes|removing|discard)\b/i, 'removes'],
  [/\b(publish|publishes)\b/i, 'publishes'],
  [/\b(post|posts)\b/i, 'posts'],
  [/\b(confirm|confirms)\b/i, 'confirms'],
  [/\b(log ?out|logout|sign ?out|signout)\b/i, 'logs out'],
  [/\b(submit)\b/i, 'submits'],
];

/** Lower-cased words only: symbols and case in page text cannot hide a word ("D e l e t e" is not one). */
function words(text: string): string {
  return text.replace(/[_\-./]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').slice(0, 500);
}

export function classifyAction(facts: ActionFacts): Verdict {
  if (!ACTIVATING.has(facts.action)) return { irreversible: false };
  if (facts.submits && !facts.searchForm) return { irreversible: true, reason: 'submits a form' };
  const label = words(facts.label);
  for (const [pattern, reason] of WORDS) {
    if (pattern.test(label)) return { irreversible: true, reason: `its label means it ${reason}` };
  }
  // An effect such as "goes to /account/logout" or "submits Delete account"; a search form's submit is not one.
  const effect = words(facts.effect ?? '');
  if (/\bsubmits\b/i.test(effect) && !facts.searchForm && !/\bsearch\b/i.test(effect)) return { irreversible: true, reason: 'submits a form' };
  for (const [pattern, reason] of WORDS) {
    if (pattern.test(effect)) return { irreversible: true, reason: `its effect means it ${reason}` };
  }
  return { irreversible: false };
}
