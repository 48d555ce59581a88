/**
 * Comment threads: replies nested in the comment they answer (`div.comment > div.children > div.comment`: old Reddit,
 * Disqus, WordPress, Lemmy) are one list of every comment in reading order, each with its own words and controls. Taken
 * as siblings, the top comments were the items and a reply's upvote and Reply buttons extra slots of its parent
 * (`comment_2`, `comment_3`), or with two top comments there was no list at all and every button an entry (explorer,
 * session 49).
 *
 * A thread is found from a reply: an element of a tag and class (or a custom element, an `<article>`) inside another
 * of the same step, a few levels up. Its items are every element of that step under the top comment's parent, three at
 * least. They must read as comments: most have words of their own outside their controls and a control of their own (a
 * nested menu's items are only links; a document's nested sections start with their heading, and are no comments).
 */
import { attr, childrenOf, containsOf, firstChildOf, firstElementChildOf, nextSiblingOf, nodeTypeOf, parentOf, queryAllOf, tagNameOf, textContentOf } from './dom-safe.ts';
import { shadowOf } from './dom.ts';
import { upAcross } from './shadow-parts.ts';

export interface Thread {
  container: Element;
  /** Every comment, replies included, in document order. */
  items: Element[];
  /** The selector that finds them under the container (`div.comment`). */
  selector: string;
  /** Spread rows' column heading, a field of each row (spread-rows.ts: `:parent > h2.sr`), or a group's title. */
  head?: string;
  /** That field's name where it is no column's (grouped-rows.ts: `group`). */
  headName?: string;
}

/** Levels between a reply and the comment it answers, at most (`li.comment > ul.children > li.comment` is two). */
const MAX_REPLY_LEVELS = 6;
/** Levels a candidate's ancestors are looked at (lists.ts climbs as far). */
const MAX_CLIMB = 8;
const MIN_COMMENTS = 3;
const TREE_ITEM = '[role=treeitem]';
const MAX_COMMENTS = 5_000;
const SAMPLED = 20;
const CONTROLS: ReadonlySet<string> = new Set(['A', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'LABEL', 'SUMMARY']);
const HEADINGS: ReadonlySet<string> = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/**
 * The threads the candidates sit in, by comment (each comment of a thread maps to it). `stepOf` gives an element's
 * tag and stable class (lists.ts baseStep); `stops` are elements a list does not reach across.
 */
export function threadsAmong(candidates: readonly { el: Element }[], stepOf: (el: Element) => string, stops: ReadonlySet<Element>): Map<Element, Thread> {
  const threads = new Map<Element, Thread>();
  const looked = new Set<Element>();
  const tops = new Set<Element>();
  const controls = new Set(candidates.map((c) => c.el));
  for (const { el } of candidates) {
    // A tree item that is the control itself is looked at from itself (its branch's items are its replies).
    // Across shadow roots: a comment element draws its buttons in its own and its parts' roots (new Reddit's
    // `shreddit-comment`; explorer, session 65).
    let node = attr(el, 'role') === 'treeitem' ? el : upAcross(el);
    for (let n = 0; node && n < MAX_CLIMB && !stops.has(node) && tagNameOf(node) !== 'BODY'; n++, node = upAcross(node)) {
      if (looked.has(node) || threads.has(node)) break;
      looked.add(node);
      const step = threadStep(node, stepOf);
      if (!step) continue;
      const top = outermostAlike(node, step, stepOf, stops);
      if (top === node || tops.has(top)) continue;
      tops.add(top);
      const thread = threadUnder(top, step, controls);
      if (thread) for (const item of thread.items) threads.set(item, thread);
    }
  }
  return threads;
}

/** The step an element of a thread has: a class it is named by, a custom element's name, `article`; a tree's item. */
function threadStep(el: Element, stepOf: (el: Element) => string): string | undefined {
  if (attr(el, 'role') === 'treeitem') return TREE_ITEM;
  const step = stepOf(el);
  return step.includes('.') || step.includes('-') || step === 'article' ? step : undefined;
}

/** The outermost element of `step` above `el` (or `el`), each within MAX_REPLY_LEVELS of the one below it. */
function outermostAlike(el: Element, step: string, stepOf: (el: Element) => string, stops: ReadonlySet<Element>): Element {
  let top = el;
  let node = parentOf(el);
  for (let n = 1; node && n <= MAX_REPLY_LEVELS && !stops.has(node) && tagNameOf(node) !== 'BODY'; n++, node = parentOf(node)) {
    if (threadStep(node, stepOf) !== step) continue;
    top = node;
    n = 0;
  }
  return top;
}

function threadUnder(top: Element, selector: string, controls: ReadonlySet<Element>): Thread | undefined {
  const container = parentOf(top);
  if (!container) return undefined;
  let items: Element[];
  try {
    items = Array.from(queryAllOf(container, selector));
  } catch {
    return undefined;
  }
  if (items.length < MIN_COMMENTS || items.length > MAX_COMMENTS) return undefined;
  const set = new Set(items);
  const sampled = items.slice(0, SAMPLED);
  // A tree's items say what they are (`role=treeitem`): their words may all be in their links.
  const tree = selector === TREE_ITEM;
  const own = new Map(sampled.map((item) => [item, ownControls(item, set, controls)] as const));
  // A tree item may be the control itself (`role=treeitem tabindex`, a folder tree's: explorer, session 52).
  const commentLike = sampled.filter((item) => !startsWithHeading(item) && (tree || ownWords(item, set)) && (own.get(item)!.length > 0 || (tree && controls.has(item))));
  if (tree) return commentLike.length * 2 >= sampled.length ? { container, items, selector } : undefined;
  // Comments share a control's words ("Reply", "upvote"); cards inside a card each say their own ("View revenue").
  const sharing = new Map<string, number>();
  for (const found of own.values()) for (const words of new Set(found.map(controlWords).filter(Boolean))) sharing.set(words, (sharing.get(words) ?? 0) + 1);
  if (Math.max(0, ...sharing.values()) * 2 < sampled.length) return undefined;
  // Every one a comment (a wrapper of the page's class, `div.flex` around its `div.flex` rows, is none, and would be
  // item 0: review, session 50), and two at the top at least: a card holding cards, a post's `<article>` holding its
  // comments' `<article>`s, is no thread of them.
  // Some with words but no control of their own are comments too, deleted or locked ("[deleted] 2h ago" with its body
  // hidden and no actions): one of them made a Reddit thread 30 loose buttons (explorer, session 62). A third at most.
  const quiet = sampled.filter((item) => !commentLike.includes(item) && !startsWithHeading(item) && own.get(item)!.length === 0 && ownWords(item, set));
  if (commentLike.length + quiet.length < sampled.length || quiet.length * 3 > sampled.length) return undefined;
  let tops = 0;
  for (const item of items) {
    let node = parentOf(item);
    while (node && node !== container && !set.has(node)) node = parentOf(node);
    if (node === container && ++tops >= 2) return { container, items, selector };
  }
  return undefined;
}

/** A section of a document starts with its heading; a comment does not. */
export function startsWithHeading(item: Element): boolean {
  const first = firstElementChildOf(item);
  return !!first && HEADINGS.has(tagNameOf(first));
}

/** Words of the item's own, outside its controls and its replies. */
function ownWords(item: Element, items: ReadonlySet<Element>): boolean {
  const visit = (el: Element, depth: number): boolean => {
    for (let node = firstChildOf(el); node; node = nextSiblingOf(node)) {
      if (nodeTypeOf(node) === 3) {
        if (/\p{L}/u.test(node.nodeValue ?? '')) return true;
        continue;
      }
      if (nodeTypeOf(node) !== 1) continue;
      const child = node as Element;
      if (items.has(child) || CONTROLS.has(tagNameOf(child)) || depth > 12) continue;
      if (visit(child, depth + 1)) return true;
    }
    return false;
  };
  return visit(item, 0);
}

/** The controls the walk took that are the item's own, not its replies' (a few, from the end: a comment's buttons). */
function ownControls(item: Element, items: ReadonlySet<Element>, controls: ReadonlySet<Element>): Element[] {
  const inside = (el: Element) => {
    const root = shadowOf(el);
    return root ? [...Array.from(childrenOf(el)), ...Array.from(root.children)] : Array.from(childrenOf(el));
  };
  const stack: Element[] = inside(item);
  const out: Element[] = [];
  let seen = 0;
  while (stack.length && seen++ < 400 && out.length < 8) {
    const el = stack.pop()!;
    if (items.has(el)) continue;
    if (controls.has(el)) out.push(el);
    stack.push(...inside(el));
  }
  return out;
}

/** A control's words, as alike controls of comments share them ("Reply", "upvote"). */
const controlWords = (el: Element): string => (attr(el, 'aria-label') ?? textContentOf(el) ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

const THREAD_WORDS: Record<string, string> = { comment: 'comments', reply: 'replies', post: 'posts', message: 'messages', review: 'reviews',
  answer: 'answers', note: 'notes', response: 'responses', entry: 'entries' };

/** What a thread's comments are called by their class or tag (`div.comment-node` → `comments`), if one of the usual words. */
export function threadName(thread: Thread): string | undefined {
  for (const word of thread.selector.toLowerCase().split(/[^a-z]+/)) {
    const name = THREAD_WORDS[word.replace(/s$/, '')] ?? THREAD_WORDS[word.replace(/ies$/, 'y')];
    if (name) return name;
  }
  return undefined;
}

/** An item's words without its replies' (a tree item's without its branch's), as shown in a list's marks. */
export function ownItemText(item: Element, items: ReadonlySet<Element>, max = 200): string {
  const parts: string[] = [];
  let length = 0;
  const visit = (el: Element, depth: number) => {
    for (let node = firstChildOf(el); node && length < max; node = nextSiblingOf(node)) {
      if (nodeTypeOf(node) === 3) {
        parts.push(node.nodeValue ?? '');
        length += (node.nodeValue ?? '').length;
      } else if (nodeTypeOf(node) === 1 && !items.has(node as Element) && depth < 16 && !['SCRIPT', 'STYLE'].includes(tagNameOf(node as Element))) visit(node as Element, depth + 1);
    }
  };
  visit(item, 0);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Items, in document order, some of which hold others (a thread's comments and replies, a tree's branches). */
export const itemsNest = (items: readonly Element[]): boolean => items.some((item, i) => i + 1 < items.length && containsOf(item, items[i + 1]!));

/** The comment of `thread` that `el` is part of, innermost (the reply, not the comment it answers). */
export function commentOf(el: Element, items: ReadonlySet<Element>, within: Element): Element | undefined {
  for (let node: Element | null = el; node && node !== within; node = upAcross(node)) if (items.has(node)) return node;
  return items.has(within) ? within : undefined;
}
