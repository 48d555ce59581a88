/**
 * A saved script names `$toolbar__archive_selected_button`; today the page calls it `$toolbar__archive_button` (the
 * site relabelled it, or our naming rules changed). Before a replay fails with NotFound and asks for a model call, the
 * element is looked for by the locators saved with the script: the page's one element of the same kind that they
 * find, and only one.
 */
import type { ElementEntry, Locator, PageDocument } from '../../protocol/schemas.ts';
import type { SavedElement } from './run-state.ts';
import { pathPattern } from './site-document.ts';

/**
 * What a locator is worth as evidence that two entries are one element: an id or test id the page gave it, its role
 * and accessible name, its CSS path (moves with the layout) and its text (a label: weak alone). The same CSS path and
 * text together are as good as a role and name.
 */
const WEIGHT: Record<Locator['by'], number> = { id: 3, testid: 3, role: 2, css: 1, text: 1 };
/** A match needs this much: an id, a test id, a role and name, or a CSS path and a text. */
const ENOUGH = 2;

const sameLocator = (a: Locator, b: Locator) => a.by === b.by && a.value === b.value && (a.role ?? '') === (b.role ?? '') && (a.root ?? '') === (b.root ?? '');

function score(saved: readonly Locator[], entry: ElementEntry): number {
  let total = 0;
  for (const by of Object.keys(WEIGHT) as Locator['by'][]) {
    if (saved.some((s) => s.by === by && entry.locators.some((l) => sameLocator(s, l)))) total += WEIGHT[by];
  }
  return total;
}

/**
 * The page's element a saved script's `name` now is, when `doc` is of the page (path pattern) the script reached it
 * on: of the same kind, found by enough of its saved locators, and better than any other (a tie finds none — a wrong
 * element is worse than a NotFound the user can repair).
 */
export function rememberedElement(saved: readonly SavedElement[], name: string, doc: PageDocument): ElementEntry | undefined {
  let pattern: string;
  try {
    pattern = pathPattern(doc.url).pattern;
  } catch {
    return undefined;
  }
  const kept = saved.find((s) => s.element.name === name && s.pattern === pattern)?.element;
  if (!kept) return undefined;
  let best: ElementEntry | undefined;
  let bestScore = 0;
  let tie = false;
  for (const section of doc.sections) {
    for (const entry of section.entries) {
      if (entry.kind === 'list' || entry.kind !== kept.kind) continue;
      const s = score(kept.locators, entry);
      if (s > bestScore) [best, bestScore, tie] = [entry, s, false];
      else if (s === bestScore && s > 0) tie = true;
    }
  }
  return best && bestScore >= ENOUGH && !tie ? best : undefined;
}
