/**
 * A saved script names `$toolbar__archive_selected_button`; today the page calls it `$toolbar__archive_button` (the
 * site relabelled it, or our naming rules changed). Before a replay fails with NotFound and asks for a model call, the
 * element is looked for by the locators saved with the script: the page's one element of the same kind that they
 * find, and only one.
 */
import type { ElementEntry, ListEntry, Locator, PageDocument } from '../../protocol/schemas.ts';
import type { SavedElement } from './run-state.ts';
import { pathPattern } from './site-document.ts';

/**
 * What a locator is worth as evidence that two entries are one element: an id or a test id the page gave it (1 when it
 * holds a digit: `mat-button-0`, `row-3` are counters a page hands out again to other elements), its role and
 * accessible name, its CSS path (moves with the layout; nothing more when it is only that id), its text (only without
 * a role match: the same label), a link's target when it is the page's only link there. An id, a test id, or a role and name with the same path or text is enough; a role and
 * name alone is not (a dialog's "Close" is not the page's) (review, session 24).
 */
const ENOUGH = 3;

/** A label or text as a saved script keeps it: a hash, since a link's name may be the user's mail subject. */
export function hashedText(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return `h:${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
}

/** A locator as a saved script keeps it: role names, texts and link targets hashed (a link may hold the user's mail subject). */
export function keptLocator(locator: Locator): Locator {
  // A target with a number in it (`?page=2`, `/item/42`) is marked: it may be another link's tomorrow.
  if (locator.by === 'href') return { ...locator, value: `${/\d/.test(locator.value) ? 'd' : ''}${hashedText(locator.value)}` };
  return locator.by === 'role' || locator.by === 'text' ? { ...locator, value: hashedText(locator.value) } : locator;
}

/** A saved list keeps its locators as they were (a list's label is a heading, not the user's data): those match as they are. */
const sameLocator = (saved: Locator, now: Locator) => saved.by === now.by && (saved.value === keptLocator(now).value || saved.value === now.value)
  && (saved.role ?? '') === (now.role ?? '') && (saved.root ?? '') === (now.root ?? '');

function score(saved: readonly Locator[], entry: { locators: readonly Locator[] }): number {
  const matched = (by: Locator['by']) => saved.find((s) => s.by === by && entry.locators.some((l) => sameLocator(s, l)));
  const id = matched('id');
  const testid = matched('testid');
  const role = matched('role');
  const css = matched('css');
  const href = matched('href');
  const strength = (value: string) => (/\d/.test(value) ? 1 : 3);
  // The one link to a target is that link, relabelled or not; with a number in the target, only with more to say so.
  let total = (id ? strength(id.value) : 0) + (testid ? strength(testid.value) : 0) + (role ? 2 : 0) + (href ? (href.value.startsWith('d') ? 2 : 3) : 0);
  if (css && !(id && css.value === `#${id.value}`)) total += 1;
  if (!role && matched('text')) total += 1;
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

/**
 * The page's list a saved script's list is now, when its name changed with its heading ("Most read" → "Trending",
 * `$aside__most_read` → `$aside__trending`): one that something of its own says is that list — an id or test id of
 * its container, its role and label, or its heading — with the same item selector, and better than any other list by
 * its locators and fields counted as above. A CSS path and an item selector alone say only where a list is and what
 * its rows are made of, which another list of the same shape shares: "Today's deals" gone for the day, its path and
 * rows are "Best sellers"' (review 3). Such a list is never taken, however it scores.
 */
export function listFoundAgain(kept: ListEntry, doc: PageDocument): ListEntry | undefined {
  const fieldsOf = (list: ListEntry) => [...list.fields, ...list.actions].join(' ');
  let best: ListEntry | undefined;
  let bestScore = 0;
  let tie = false;
  for (const section of doc.sections) {
    for (const entry of section.entries) {
      if (entry.kind !== 'list' || entry.itemSelector !== kept.itemSelector || !identifies(kept, entry)) continue;
      const s = 1 + score(kept.locators, entry) + (fieldsOf(entry) && fieldsOf(entry) === fieldsOf(kept) ? 1 : 0);
      if (s > bestScore) [best, bestScore, tie] = [entry, s, false];
      else if (s === bestScore) tie = true;
    }
  }
  return best && bestScore >= ENOUGH && !tie ? best : undefined;
}

/** Something of `entry`'s own that the saved list had: an id or test id (no counter), its role and label, its heading. */
function identifies(kept: ListEntry, entry: ListEntry): boolean {
  const shared = (by: Locator['by']) => kept.locators.some((s) => s.by === by && !(by !== 'role' && /\d/.test(s.value))
    && entry.locators.some((l) => sameLocator(s, l)));
  return shared('id') || shared('testid') || shared('role') || (!!kept.description && kept.description === entry.description);
}
