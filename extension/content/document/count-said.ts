/**
 * What the page says of how many items a list has, where it shows a page of them: "Showing 1–10 of 87 results" above a
 * search's results, "1-4 of 23" beside a table's pager, "87 results". Said with the list (`list(10) … says "Showing
 * 1–10 of 87 results"`), so a model does not take the ten for all there are (explorer, session 44). Not `total`: that is
 * what the executor scrolls a virtual list for; these others are on other pages.
 */
import { moreElementsThan, tagOf, textOf } from './dom.ts';
import { closestOf, containsOf, matchesOf, nextElementOf, parentOf, previousElementOf, queryAllOf, queryOf } from './dom-safe.ts';
import { collapse } from './text.ts';

const NUMBER = String.raw`\d[\d,.\u00a0]*`;
const ITEMS = String.raw`(?:\s+(?:results?|items?|products?|orders?|entries|records|rows|matches|files|messages|users|customers|reviews|jobs|articles|posts))?`;
/** "Showing 1–10 of 87 results", "Results 1 - 20 of about 1,200", "1 to 4 of 23 entries". */
const RANGE = new RegExp(String.raw`(?:\b(?:showing|displaying|viewing|results?|items?)\s*:?\s*)?\b${NUMBER}\s*(?:–|—|-|to)\s*${NUMBER}\s+(?:of|from)\s+(?:about\s+|over\s+)?${NUMBER}${ITEMS}`, 'i');
/** "87 results", "1,204 results found"; not a page size ("24 results per page", "Show 50 results", "Top 10 results"). */
const RESULTS = new RegExp(String.raw`(?<![\w.,])(?<!\b(?:show|top|display|first|last|best)\s+)${NUMBER}\s+results?(?!\s+(?:per|a|on each)\s+page)(?:\s+found)?\b`, 'i');

/** "87 results for "headphones"", "1,204 results found": results of a search (not "2024 Results", a year's). */
const RESULTS_OF_SEARCH = new RegExp(String.raw`(?:^|\b(?:about|over|showing|found)\s+)${NUMBER}\s+results?\s+(?:for\s+["“'‘«„]|found\b|matching\b)`, 'i');
/** Whether a heading says a count of results ("1-16 of over 5,000 results for…", "87 results for…"): it names nothing. */
export const saysCount = (text: string): boolean => RANGE.test(text) || RESULTS_OF_SEARCH.test(text);

const HEADING = 'h1,h2,h3,h4,h5,h6,[role=heading]';
const LEVELS = 3;
const SIBLINGS = 3;
const MAX_CHARS = 80;
const PART = 'h1,h2,h3,h4,h5,h6,[role=heading],table,section,article,[role=grid],[role=table]';

/** `containers`: every list's (another list beside this one, or around it, ends the search). */
export function countSaid(container: Element, containers: ReadonlySet<Element>): string | undefined {
  const others = [...containers].filter((other) => other !== container);
  const holdsOther = (el: Element) => others.some((other) => other === el || containsOf(el, other));
  const part = (el: Element) => matchesOf(el, PART) || !!queryOf(el, PART) || holdsOther(el);
  for (let at: Element | null = container, level = 0; at && level < LEVELS; at = parentOf(at), level++) {
    const tag = tagOf(at);
    if (tag === 'BODY' || tag === 'HTML' || tag === 'MAIN') return undefined;
    // Past a part with a heading of its own, what is beside it is another part's.
    if (level > 0 && (queryOf(at, PART) || holdsOther(at))) return undefined;
    // Nearest first, either side; a part of its own (a heading, a table, a section) ends a side.
    let before: Element | null = previousElementOf(at);
    let after: Element | null = nextElementOf(at);
    for (let n = 0; n < SIBLINGS && (before || after); n++) {
      // A heading that is the count itself ("1-16 of over 5,000 results for …") says it; another heading ends a side.
      for (const sibling of [before, after]) {
        if (!sibling || !matchesOf(sibling, HEADING)) continue;
        const text = collapse(textOf(sibling, 300));
        const found = saysCount(text) ? RANGE.exec(text) ?? RESULTS.exec(text) : null;
        if (found) return collapse(found[0]).slice(0, MAX_CHARS);
      }
      if (before && part(before)) before = null;
      if (after && part(after)) after = null;
      for (const sibling of [before, after]) {
        if (!sibling) continue;
        const text = collapse(textOf(sibling, 300));
        const found = RANGE.exec(text) ?? RESULTS.exec(text);
        if (!found) continue;
        // Right after another list, it is that list's pager.
        const prior = sibling === before ? previousElementOf(before) : null;
        if (prior && holdsOther(prior)) {
          before = null;
          continue;
        }
        return collapse(ownWords(sibling, collapse(found[0])) ?? found[0]).slice(0, MAX_CHARS);
      }
      before = before && previousElementOf(before);
      after = after && nextElementOf(after);
    }
  }
  return undefined;
}

/**
 * The count as a part of `block` says it where the block's words run on into a label after it: "Showing 1–25 of 143"
 * in its own span before a "Rows per page" label is not "… of 143 Rows" (explorer, session 53). Only a part whose count
 * starts the block's (not a page-size option's "25 results", a chip's "3 results saved"); the longest such.
 */
function ownWords(block: Element, whole: string): string | undefined {
  if (moreElementsThan(block, MAX_PARTS)) return undefined;
  let best: string | undefined;
  for (const part of Array.from(queryAllOf(block, '*'))) {
    if (closestOf(part, 'select, option, [hidden], [aria-hidden=true]')) continue;
    const text = collapse(textOf(part, 300));
    const found = RANGE.exec(text) ?? RESULTS.exec(text);
    const said = found ? collapse(found[0]) : '';
    if (said && said !== whole && whole.startsWith(said) && (best === undefined || said.length > best.length)) best = said;
  }
  return best;
}
const MAX_PARTS = 40;
