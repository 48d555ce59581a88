/**
 * What the page says of how many items a list has, where it shows a page of them: "Showing 1–10 of 87 results" above a
 * search's results, "1-4 of 23" beside a table's pager, "87 results". Said with the list (`list(10) … says "Showing
 * 1–10 of 87 results"`), so a model does not take the ten for all there are (explorer, session 44). Not `total`: that is
 * what the executor scrolls a virtual list for; these others are on other pages.
 */
import { tagOf, textOf } from './dom.ts';
import { matchesOf, nextElementOf, parentOf, previousElementOf, queryOf } from './dom-safe.ts';
import { collapse } from './text.ts';

const NUMBER = String.raw`\d[\d,.\u00a0]*`;
const ITEMS = String.raw`(?:\s+(?:results?|items?|products?|orders?|entries|records|rows|matches|files|messages|users|customers|reviews|jobs|articles|posts))?`;
/** "Showing 1–10 of 87 results", "Results 1 - 20 of about 1,200", "1 to 4 of 23 entries". */
const RANGE = new RegExp(String.raw`(?:\b(?:showing|displaying|viewing|results?|items?)\s*:?\s*)?\b${NUMBER}\s*(?:–|—|-|to)\s*${NUMBER}\s+(?:of|from)\s+(?:about\s+|over\s+)?${NUMBER}${ITEMS}`, 'i');
/** "87 results", "1,204 results found". */
const RESULTS = new RegExp(String.raw`(?<![\w.,])${NUMBER}\s+results?(?:\s+found)?\b`, 'i');

const LEVELS = 3;
const SIBLINGS = 3;
const MAX_CHARS = 80;
const PART = 'h1,h2,h3,h4,h5,h6,[role=heading],table,section,article,[role=grid],[role=table]';

export function countSaid(container: Element): string | undefined {
  for (let at: Element | null = container, level = 0; at && level < LEVELS; at = parentOf(at), level++) {
    const tag = tagOf(at);
    if (tag === 'BODY' || tag === 'HTML' || tag === 'MAIN') return undefined;
    // Past a part with a heading of its own, what is beside it is another part's.
    if (level > 0 && queryOf(at, PART)) return undefined;
    // Nearest first, either side; a part of its own (a heading, a table, a section) ends a side.
    let before: Element | null = previousElementOf(at);
    let after: Element | null = nextElementOf(at);
    for (let n = 0; n < SIBLINGS && (before || after); n++) {
      if (before && (matchesOf(before, PART) || queryOf(before, PART))) before = null;
      if (after && (matchesOf(after, PART) || queryOf(after, PART))) after = null;
      for (const sibling of [before, after]) {
        if (!sibling) continue;
        const text = collapse(textOf(sibling, 300));
        const found = RANGE.exec(text) ?? RESULTS.exec(text);
        if (found) return collapse(found[0]).slice(0, MAX_CHARS);
      }
      before = before && previousElementOf(before);
      after = after && nextElementOf(after);
    }
  }
  return undefined;
}
