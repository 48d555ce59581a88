/**
 * The page name a script most likely meant by one the page document does not have. Page names are
 * `section__own`: the element's own words say what it is, the section only where it sits, so a name is matched by its
 * own part first (`$compose__to` is `$new_message__to`), and a suggestion whose own part has nothing to do with the one
 * written is no suggestion (`$booking__budget` is not `$booking__out`). With none, the names of the section written
 * are the useful answer.
 */
import { closest, editDistance } from '../interpreter/scope.ts';

const MAX_SECTION_NAMES = 8;

const ownPart = (name: string): string => (name.includes('__') ? name.slice(name.lastIndexOf('__') + 2) : name);
const sectionPart = (name: string): string => (name.includes('__') ? name.slice(0, name.lastIndexOf('__')) : '');

/** Own parts close enough to be the same element's: a typo, a word more or less, or one holding the other. */
function ownPartsAlike(written: string, known: string): boolean {
  if (written === known) return true;
  if (editDistance(written, known) <= Math.max(1, Math.floor(Math.max(written.length, known.length) / 4))) return true;
  const words = (part: string) => part.split('_').filter((word) => word.length >= 2);
  const [a, b] = [words(written), words(known)];
  // Every word of the shorter in the longer: `send` in `send_button`, `search_box` in `search`.
  const [few, many] = a.length <= b.length ? [a, b] : [b, a];
  return few.length > 0 && few.every((word) => many.includes(word));
}

export interface NameSuggestion {
  /** The likeliest name, with its `$`. */
  suggestion?: string;
  /** With no suggestion: the names in the section written (`$booking__…`), with their `$`, at most MAX_SECTION_NAMES. */
  inSection?: string[];
  /** How many names that section has. */
  sectionSize?: number;
}

/** `written` and `names` without their `$`. */
export function suggestPageName(written: string, names: readonly string[]): NameSuggestion {
  const own = ownPart(written);
  const section = sectionPart(written);
  // The same own part in another section (or with none written): the section that reads closest to the one written.
  const sameOwn = names.filter((name) => name !== written && ownPart(name) === own);
  if (sameOwn.length) {
    const nearest = sameOwn.reduce((best, name) => (editDistance(sectionPart(name), section) < editDistance(sectionPart(best), section) ? name : best));
    return { suggestion: `$${nearest}` };
  }
  const spelled = closest(`$${written}`, names.map((name) => `$${name}`));
  if (spelled && ownPartsAlike(own, ownPart(spelled.slice(1)))) return { suggestion: spelled };
  // A word match anywhere: the written own part's words in one name's own part (`$cart__checkout` → `$summary__proceed_to_checkout`).
  const byWords = names.filter((name) => ownPartsAlike(own, ownPart(name)));
  if (byWords.length === 1) return { suggestion: `$${byWords[0]}` };
  if (!section) return {};
  const inSection = names.filter((name) => sectionPart(name) === section);
  return inSection.length ? { inSection: inSection.slice(0, MAX_SECTION_NAMES).map((name) => `$${name}`), sectionSize: inSection.length } : {};
}
