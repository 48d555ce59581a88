/**
 * A list's items, found the one way both sides find them: the document when it counts and samples them, the executor
 * when a script asks for `$list.length`, `$list[3]` or `$list.find("…")`. So a position means the same item to both.
 *
 * Where a selector from the list's container picks exactly the items the document took, in order, that selector is
 * all, and it follows the page as rows come and go (lists.ts tries the items' tag, a class, a position, their shape).
 * Where none does — a group of links among other links under their common ancestor (a menu, running text), controls
 * beside a look-alike that is none (a pagination's current page, a link without an address) — each item has its own
 * CSS path from the container (`itemPaths`, in the JSON for the executor only: never in the prompt, never stored with
 * a site document or a saved script). Exploratory test, session 25: wikipedia-3's `text_links` reached 120 links for
 * the document's 37, bbc-1's menu 17 rows for 13.
 */
import { shownItem } from './dom.ts';
import { childrenOf, localNameOf, queryAllOf, queryOf } from './dom-safe.ts';
import { relativePath, type LocatorCache } from './locators.ts';

/** How a list's items are found from its container: the selector, or one path per item where it is not exact. */
export interface ItemQuery {
  selector: string;
  paths?: readonly string[];
}

/** Items given by their own paths, at most (the schema's limit: a longer list keeps its selector). */
export const MAX_ITEM_PATHS = 5_000;
/** One item's path, at most (the schema's limit). */
export const MAX_ITEM_PATH = 1_000;

/**
 * The list's items now, in order, shown ones only (`shown` decides; by default the style check the executor makes).
 * Throws on a selector that does not parse. Paths are followed in one pass over the container's tree (a per-parent
 * index of children by tag), so a read costs the items, not items × siblings (review, session 25: 3,000 links took
 * 366 ms a read with one querySelector per path). A path's element must still be one the selector finds (a link that
 * lost its address — a pagination's new current page — is no item any more).
 */
export function itemsIn(container: Element, query: ItemQuery, shown: (el: Element) => boolean = shownItem): Element[] {
  const matching = new Set(queryAllOf(container, query.selector));
  if (!query.paths) return Array.from(matching).filter(shown);
  const byTag = new Map<Element, Map<string, Element[]>>();
  const childrenByTag = (parent: Element) => {
    let tags = byTag.get(parent);
    if (!tags) {
      tags = new Map();
      for (const child of Array.from(childrenOf(parent))) {
        const tag = localNameOf(child);
        const same = tags.get(tag);
        if (same) same.push(child); else tags.set(tag, [child]);
      }
      byTag.set(parent, tags);
    }
    return tags;
  };
  const out = new Set<Element>();
  for (const path of query.paths) {
    // A row gone since the page was read leaves no hole: the items after it move up, as with a selector.
    const el = followPath(container, path, childrenByTag);
    if (el && matching.has(el) && shown(el)) out.add(el);
  }
  return [...out];
}

const PATH_STEP = /^([a-z][a-z0-9-]*)(?::nth-of-type\((\d+)\))?$/;

/** The element `path` (relativePath's form) names under `container`, walked step by step; a step of another form by querySelector. */
function followPath(container: Element, path: string, childrenByTag: (parent: Element) => Map<string, Element[]>): Element | null {
  if (!path.startsWith(':scope > ')) return queryOf(container, path);
  let node: Element = container;
  for (const step of path.slice(':scope > '.length).split(' > ')) {
    const parsed = PATH_STEP.exec(step);
    if (!parsed) return queryOf(container, path);
    const same = childrenByTag(node).get(parsed[1]!);
    // A step without a position was an only child of its tag; with more now, CSS would look under each of them.
    if (!parsed[2] && (same?.length ?? 0) > 1) return queryOf(container, path);
    const next = same?.[parsed[2] ? Number(parsed[2]) - 1 : 0];
    if (!next) return null;
    node = next;
  }
  return node;
}

/** De-indexed path selectors joined, at most (a list's items under many shapes of parent are given by paths). */
const MAX_DEINDEXED = 8;

/**
 * The items' paths without their positions, as one selector (`:scope > p > a`): where it picks exactly the items, it
 * is their selector — it follows the page as paragraphs and links come and go, and a saved script keeps it (review,
 * session 25: exact for 15 of 29 real path lists). Narrowed by `base` first where `base` is a plain selector
 * (`a[href]`: no link without an address).
 */
function deindexedSelectors(paths: readonly string[], base: string): string[] {
  const shapes = [...new Set(paths.map((path) => path.replace(/:nth-of-type\(\d+\)/g, '')))];
  if (shapes.length > MAX_DEINDEXED) return [];
  const plain = shapes.join(', ');
  if (base.includes(':scope')) return [plain];
  return [shapes.map((shape) => `${shape}:is(${base})`).join(', '), plain];
}

/** `selector` finds every one of `items` under `container` (others too, maybe). */
function findsAll(container: Element, selector: string, items: readonly Element[]): boolean {
  try {
    const found = new Set(queryAllOf(container, selector));
    return items.every((item) => found.has(item));
  } catch {
    return false;
  }
}

/**
 * The items `selector` finds under `container` are exactly `items`, in order. The items themselves count as shown
 * (the document took them as shown); only what else the selector matches is style-checked, as the executor would.
 */
export function selectsExactly(container: Element, selector: string, items: readonly Element[]): boolean {
  let found: NodeListOf<Element>;
  try {
    found = queryAllOf(container, selector);
  } catch {
    return false;
  }
  // Fewer found than items: some item is not among them.
  if (found.length < items.length) return false;
  // In order, stopping at the first element that is not the next item: an item out of place, or another element
  // shown (a page's thousands of other links are not style-checked one by one). The items as a set only once another
  // element is met (most selectors find their items and nothing else).
  let known: Set<Element> | undefined;
  let next = 0;
  for (let i = 0; i < found.length; i++) {
    const el = found[i]!;
    if (el === items[next]) next++;
    else if ((known ??= new Set(items)).has(el) || shownItem(el)) return false;
  }
  return next === items.length;
}

/**
 * The query for `items` under `container`: the first of `selectors` that picks exactly them, else the first selector
 * with one path per item. `exact` is false only where neither can be had (more than MAX_ITEM_PATHS items, an item
 * outside the container's tree, a path over MAX_ITEM_PATH): then the first selector, as before, over-reaching.
 */
export function itemQueryFor(container: Element, items: readonly Element[], selectors: readonly string[], cache?: LocatorCache): ItemQuery & { exact: boolean } {
  for (const selector of selectors) if (selectsExactly(container, selector, items)) return { selector, exact: true };
  const selector = selectors[0]!;
  const paths: string[] = [];
  for (const item of items) {
    const path = relativePath(container, item, cache);
    if (!path || path.length > MAX_ITEM_PATH) return { selector, exact: false };
    paths.push(path);
  }
  for (const deindexed of deindexedSelectors(paths, selector)) {
    if (deindexed.length <= MAX_ITEM_PATH && selectsExactly(container, deindexed, items)) return { selector: deindexed, exact: true };
  }
  if (items.length > MAX_ITEM_PATHS) return { selector, exact: false };
  // The paths' elements are items only where the selector finds them too: one that finds them all.
  const covering = [...selectors, ...deindexedSelectors(paths, selector)].find((each) => findsAll(container, each, items)) ?? ':scope *';
  return { selector: covering, paths, exact: true };
}
