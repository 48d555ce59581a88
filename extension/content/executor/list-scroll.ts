/**
 * `$list.scroll()`: brings the end of a list into view, as a person scrolling down to it would, and waits for the items
 * that brings (an infinite feed loads its next posts when its end comes into view). The answer is the list's length
 * then: the same length says nothing more came (the end of the feed — or a virtualized list, which swaps the rows it
 * shows and keeps their number).
 */
import { attr, childrenOf, isConnectedOf, localNameOf, ownerDocOf, parentOf, queryAllOf, rectOf } from '../document/dom-safe.ts';
import { shownItem } from '../document/dom.ts';
import { itemsIn, type ItemQuery } from '../document/list-items.ts';
import { drawnUpTo } from '../document/virtual.ts';
import { type Settled, type SettleWatch, watchSettle } from './settle.ts';

/** A page that shows no change and has no request out for this long after the scroll is bringing nothing more. */
export const NOTHING_COMING_MS = 1000;
/** The longest the wait for items lasts from the scroll (requests still out hold it to REQUEST_CAP_MS). */
export const GROWTH_CAP_MS = 3000;
/** How long the page has to react to the list's end in view before the box is scrolled on past the list. */
export const REACTION_MS = 300;
/** What the page is given to see the end of the list move into view (frames, in a tab that may draw none). */
const FRAME_WAIT_MS = 50;

const INSTANT = { inline: 'nearest', behavior: 'instant' } as const;

function itemsNow(container: Element, query: ItemQuery): Element[] {
  try {
    return itemsIn(container, query);
  } catch {
    return [];
  }
}

/** An element's likeness as lists.ts groups a list's items: tag, role, the tags of its children. */
function shapeOf(el: Element): string {
  const tags = new Set<string>();
  for (const child of Array.from(childrenOf(el))) tags.add(localNameOf(child));
  return `${localNameOf(el)}|${attr(el, 'role') ?? ''}|${[...tags].sort().join(',')}`;
}

/** The list's length, counted as its reads count it, and its last item. */
interface ListState {
  count: number;
  last: Element | undefined;
}

/**
 * The list's state from now on. A list given by its items' paths (list-items.ts) has those items, and the rows that
 * came since and look like them, as the page read again would count them — not any new element its selector also
 * finds (a loader row among the items, where the selector alone was not exact).
 */
function listState(container: Element, query: ItemQuery): () => ListState {
  if (!query.paths) {
    return () => {
      const items = itemsNow(container, query);
      return { count: items.length, last: items[items.length - 1] };
    };
  }
  const matching = () => {
    try {
      return Array.from(queryAllOf(container, query.selector));
    } catch {
      return [];
    }
  };
  const known = new Set(matching());
  const shapes = new Set(itemsNow(container, query).map(shapeOf));
  return () => {
    const items = itemsNow(container, query);
    const added = matching().filter((el) => !known.has(el) && shapes.has(shapeOf(el)) && shownItem(el));
    return { count: items.length + added.length, last: added[added.length - 1] ?? items[items.length - 1] };
  };
}

/** A couple of frames, or FRAME_WAIT_MS where the tab draws none (a background tab). */
function frames(win: Window | null): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, FRAME_WAIT_MS);
    win?.requestAnimationFrame?.(() => win.requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    }));
  });
}

/** The box that scrolls the list: the list itself or its nearest ancestor that scrolls up and down, else the page. */
function scrollingBox(container: Element): Element | null {
  const doc = ownerDocOf(container);
  for (let el: Element | null = container, steps = 0; el && el !== doc.body && el !== doc.documentElement && steps < 1000; el = parentOf(el), steps++) {
    if (el.scrollHeight > el.clientHeight && /^(auto|scroll|overlay)$/.test(doc.defaultView?.getComputedStyle(el).overflowY ?? '')) return el;
  }
  return doc.scrollingElement;
}

/**
 * Scrolls the list's box on past the list: a view's height past its bottom (a loader a little below posts taller than
 * the view), then to the box's end, as the End key would (a page that loads near the bottom of a long footer) —
 * unless the page reacts to the first. Best effort: a box that cannot be scrolled is left as it is.
 */
async function scrollPastList(container: Element, watch: SettleWatch): Promise<void> {
  try {
    const box = scrollingBox(container);
    if (!box) return;
    const doc = ownerDocOf(container);
    const viewTop = box === doc.scrollingElement ? 0 : rectOf(box).top + box.clientTop;
    box.scrollBy({ top: Math.max(0, rectOf(container).bottom - viewTop), behavior: 'instant' });
    await frames(doc.defaultView);
    if (await watch.changeWithin(0)) return;
    box.scrollTo({ top: box.scrollHeight, behavior: 'instant' });
  } catch {
    // a page element standing in for a property (a form's named control), a detached box: nothing more to scroll
  }
}

/**
 * Scrolls the list's last item to the bottom of the view, then to its top — what follows the list (a feed's sentinel, a
 * spinner, the rest of the page) comes into view from below, in the page and in any box that scrolls the list, so a
 * page that watches for it (IntersectionObserver, scroll events) sees it arrive. A page that shows no sign of loading
 * within REACTION_MS has the list's box scrolled on past the list (scrollPastList). The wait ends soon after the list
 * has grown or its last item changed, or once the page has stayed quiet for NOTHING_COMING_MS, GROWTH_CAP_MS after
 * the scroll at the latest (REQUEST_CAP_MS while a request the page started is out). Says it changed when the list
 * did (not when an animation on the page went on meanwhile).
 */
export async function scrollToListEnd(container: Element, query: ItemQuery): Promise<Settled> {
  const doc = ownerDocOf(container);
  const started = Date.now();
  const state = listState(container, query);
  const before = state();
  const listChanged = () => {
    if (!isConnectedOf(container)) return true; // the page drew the list anew
    const now = state();
    return now.count > before.count || now.last !== before.last;
  };
  // The page's scroll events and observers come in later tasks: no change right after the scroll is taken as its own.
  const watch = watchSettle(doc, { syncHandlers: false });
  const last = before.last;
  // A list that says it has more than it shows (virtual.ts) may draw only the rows in view: its last row goes straight
  // to the top of the view, the rows after it drawn, none skipped (scrolled to the bottom first, the row is drawn anew
  // by then and the second scroll does nothing: 4 rows a scroll in the fixture, now 9). A feed's end comes into view
  // the same way.
  // So is a list whose items say their places (data-index, rows stacked at top: k × height), declared or not.
  const drawsInView = !!last && drawnUpTo(container, itemsNow(container, query)) !== undefined;
  try {
    if (last && drawsInView) {
      last.scrollIntoView({ block: 'start', ...INSTANT });
    } else if (last) {
      last.scrollIntoView({ block: 'end', ...INSTANT });
      await frames(doc.defaultView);
      last.scrollIntoView({ block: 'start', ...INSTANT });
    } else {
      container.scrollIntoView({ block: 'end', ...INSTANT });
    }
  } catch (error) {
    void watch.settled(0, 0); // ends the watch (the page world stops reporting)
    throw error;
  }
  if (!(await watch.changeWithin(REACTION_MS)) && !listChanged()) await scrollPastList(container, watch);
  // Grown, the page gets an ordinary action's short quiet to draw the rest of the batch.
  const settled = await watch.settled(Math.max(1, GROWTH_CAP_MS - (Date.now() - started)), undefined, NOTHING_COMING_MS, {
    ms: NOTHING_COMING_MS, until: listChanged,
  });
  return { changed: listChanged(), unloading: settled.unloading };
}
