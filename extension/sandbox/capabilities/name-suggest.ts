/**
 * The page name a script most likely meant by one the page document does not have. Page names are
 * `section__own`: the element's own words say what it is, the section only where it sits, so a name is matched by its
 * own part first (`$compose__to` is `$new_message__to`), and a suggestion whose own part has nothing to do with the one
 * written is no suggestion (`$booking__budget` is not `$booking__out`). With none, the names of the section written
 * are the useful answer.
 */
import { closest, editDistance } from '../interpreter/scope.ts';

const MAX_SECTION_NAMES = 8;
const MAX_SUGGESTED_NAME = 200;

const ownPart = (name: string): string => (name.includes('__') ? name.slice(name.lastIndexOf('__') + 2) : name);
const sectionPart = (name: string): string => (name.includes('__') ? name.slice(0, name.lastIndexOf('__')) : '');

/** Own parts longer than this are compared whole only: the edit distance's work grows with the product of the lengths. */
const MAX_COMPARED = 60;

/** Own parts close enough to be the same element's: a typo, a word more or less, or one holding the other. */
function ownPartsAlike(written: string, known: string): boolean {
  if (written === known) return true;
  if (written.length > MAX_COMPARED || known.length > MAX_COMPARED) return false;
  // A typo of a part of three letters or more ("sned" → "send"); one or two letters ("q", "to") are too short to tell.
  if (Math.min(written.length, known.length) >= 3
    && editDistance(written, known) <= Math.max(2, Math.floor(Math.max(written.length, known.length) / 3))) return true;
  const words = (part: string) => part.split('_').filter((word) => word.length >= 2);
  const [a, b] = [words(written), words(known)];
  // Every word of the shorter in the longer: `send` in `send_button`, `search_box` in `search`.
  const [few, many] = a.length <= b.length ? [a, b] : [b, a];
  return few.length > 0 && few.every((word) => many.includes(word));
}

export interface NameSuggestion {
  /** The likeliest name, with its `$`. */
  suggestion?: string;
  /** Several names with the own part written, none likelier than the others (`$cart__items`: `$nav__items`, …). */
  alike?: string[];
  /** With no suggestion: the names in the section written (`$booking__…`), with their `$`, at most MAX_SECTION_NAMES. */
  inSection?: string[];
  /** How many names that section has. */
  sectionSize?: number;
}

/** `written` and `names` without their `$`. */
export function suggestPageName(written: string, names: readonly string[]): NameSuggestion {
  // A name a script built (thousands of characters) is no typo of a page's.
  if (written.length > MAX_SUGGESTED_NAME) return {};
  const own = ownPart(written);
  const section = sectionPart(written);
  // The same own part in another section (or with none written): the one, or the one whose section shares a word
  // with the section written (`$products__items` → `$related_products__items`); several alike are listed, not guessed.
  const words = new Set(section.split('_').filter((word) => word.length >= 3));
  const sharesSection = (name: string) => sectionPart(name).split('_').some((word) => words.has(word));
  // In the section meant, the element meant: `$newsletter__email` is `$newsletter_signup__email_address`, not `$login__email`.
  const nearby = words.size ? names.filter((name) => name !== written && sharesSection(name) && ownPartsAlike(own, ownPart(name))) : [];
  if (nearby.length === 1) return { suggestion: `$${nearby[0]}` };
  const sameOwn = names.filter((name) => name !== written && ownPart(name) === own);
  if (sameOwn.length === 1) return { suggestion: `$${sameOwn[0]}` };
  if (sameOwn.length > 1) {
    const sharing = sameOwn.filter(sharesSection);
    if (sharing.length === 1) return { suggestion: `$${sharing[0]}` };
    return { alike: (sharing.length ? sharing : sameOwn).slice(0, MAX_SECTION_NAMES).map((name) => `$${name}`) };
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
