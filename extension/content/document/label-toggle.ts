/**
 * A button that says its state in its words instead of `aria-pressed`: "Like" / "Unlike", "Follow" / "Following",
 * "Mark as read" / "Mark as unread", "Pin post" / "Unpin post", "Starred" / "Not starred". A list's rows show one form or
 * the other, so the first row's words named the button for all ("mark_as_read" on a row that offers "Mark as unread":
 * a script marking mail read marked it unread; explorer, session 66). Read here: what the button does while off, and
 * whether it is on now (liked, followed, read), as `aria-pressed` would say.
 */
import { accessibleName, iconName } from './dom.ts';

/** A count said before a control's words ("1204 Replies. Reply", "12 Likes. Liked": X's buttons). */
export const COUNT_SENTENCE = /^\s*\d[\d,.]*\s*[KkMm]?\s+\p{L}+\s*[.,:;·]\s*(?=\p{L})/u;

/** Verbs whose button flips between doing and undoing; `read` only as "mark as (un)read" ("Read more" is a link). */
const VERBS: Record<string, readonly string[]> = {
  like: ['unlike', 'liked'],
  follow: ['unfollow', 'following', 'followed'],
  pin: ['unpin', 'pinned'],
  save: ['unsave', 'saved'],
  star: ['unstar', 'starred'],
  mute: ['unmute', 'muted'],
  subscribe: ['unsubscribe', 'subscribed'],
  watch: ['unwatch', 'watching'],
  bookmark: ['unbookmark', 'bookmarked'],
  favorite: ['unfavorite', 'favorited'],
  favourite: ['unfavourite', 'favourited'],
  flag: ['unflag', 'flagged'],
  upvote: ['unvote', 'upvoted'],
  archive: ['unarchive', 'archived'],
};
const ON_FORM = new Map(Object.entries(VERBS).flatMap(([verb, forms]) => forms.map((form) => [form, verb] as const)));

export interface LabelToggle {
  /** The label as it reads while the toggle is off, lower case ("mark as read", "pin post", "like"). */
  off: string;
  /** Whether the toggle is on now: the label offers to undo ("Unlike") or says it is done ("Liked", "Following"). */
  on: boolean;
  /** Whether the label says a state ("Starred", "Not starred"), not something to do ("Star", "Unstar"). */
  stated: boolean;
}

/** The toggle `label` is one form of, by its first word (or the word after "not"); undefined for any other words. */
export function labelToggle(label: string): LabelToggle | undefined {
  const words = label.toLowerCase().replace(/[.!…]+$/u, '').split(/\s+/).filter(Boolean);
  if (!words.length || words.length > 6) return undefined;
  if (words[0] === 'mark' && words[1] === 'as' && (words[2] === 'read' || words[2] === 'unread')) {
    return { off: ['mark', 'as', 'read', ...words.slice(3)].join(' '), on: words[2] === 'unread', stated: false };
  }
  const negated = words[0] === 'not';
  const word = words[negated ? 1 : 0] ?? '';
  const verb = word in VERBS ? word : ON_FORM.get(word);
  if (!verb) return undefined;
  const off = [verb, ...words.slice(negated ? 2 : 1)].join(' ');
  return { off, on: !negated && word !== verb, stated: negated || /(?:ed|ing)$/.test(word) };
}

/**
 * The words a button in each row is named by when its labels are forms of one toggle: what it does while off ("mark as
 * read", "pin post"), or the state when every label says one ("starred" for "Starred" / "Not starred"); undefined unless
 * every label is a form of the same toggle and some row's is on.
 */
export function labelsToggle(labels: readonly string[]): string | undefined {
  const read = labels.map(labelToggle);
  // One form in every row that says nothing is done ("Archive", "Like" on each) may be no toggle at all: a plain action.
  if (!read.length || read.some((toggle) => !toggle) || !read.some((toggle) => toggle!.on)) return undefined;
  const offs = [...new Set(read.map((toggle) => toggle!.off))].map((off) => off.split(' '));
  if (new Set(offs.map((words) => words.find((word) => word in VERBS || word === 'read'))).size !== 1) return undefined;
  if (read.every((toggle) => toggle!.stated)) return labels.map((label) => label.toLowerCase().split(/\s+/).at(-1)!).find((word) => ON_FORM.has(word));
  // Words every row's label shares past the verb ("Pin post"), not one row's own ("Like Ann's post").
  const shared: string[] = [];
  for (let i = 0; i < offs[0]!.length && shared.length < 3; i++) {
    if (offs.every((words) => words[i] === offs[0]![i])) shared.push(offs[0]![i]!);
    else break;
  }
  return shared.join(' ') || undefined;
}

/** The words a toggle button's state is read from: its label, past a count said before it. */
export const toggleLabelOf = (el: Element): string => (accessibleName(el) || iconName(el)).replace(COUNT_SENTENCE, '');

/** A button's state as its label says it ("Unlike": on), as a sample shows it and `.value()` reads it; else undefined. */
export function toggleStateOf(el: Element): 'true' | 'false' | undefined {
  const toggle = labelToggle(toggleLabelOf(el));
  return toggle ? (toggle.on ? 'true' : 'false') : undefined;
}
