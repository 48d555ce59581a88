/**
 * What a page keeps changing by itself — a bar redrawn every frame, a marquee, a clock with tenths — so that an action's
 * wait (settle.ts) does not wait for it to stop, which it never does: on such a page every action used to wait its
 * whole 2 s cap (exploratory test, session 25).
 *
 * A node's attribute, children or text is changing by itself when it has changed without a pause longer than
 * STREAK_GAP_MS since before the previous action began (or, for a page's first action, for STREAK_LEAD_MS before it or
 * from before it to STREAK_LEAD_MS into its wait), and still is. What an action sets off — a count-up, items added one by one, a streamed answer, results redrawn per
 * typed key, skeleton rows then results, a poll every few hundred ms — began after an action or pauses, so it always
 * holds the wait (two reviews, session 25).
 */

/** Changes further apart than this are not one run of changes (a poll, a debounce, skeleton rows then results). */
const STREAK_GAP_MS = 100;
/** A run of changes at least this long before an action is the page's own (first action on the page). */
const STREAK_LEAD_MS = 100;
/** A tracker nobody asked for this long stops watching (it is started again, empty, on the next read or action). */
const IDLE_MS = 5 * 60_000;

interface Streak {
  start: number;
  last: number;
}

/** When the last action (of any document: a frame's action changes the page around it too) began. */
let lastActionStart: number | undefined;
export const lastActionAt = (): number | undefined => lastActionStart;

export interface Churn {
  /**
   * Marks the start of an action's wait at `at`; returns `ongoing(node, key)`: whether that node's key was changing by
   * itself then, as its first change in the wait shows.
   */
  beginAction(at: number): (node: Node, key: string) => boolean;
}

/** A mutation's key: what of the node changed (one attribute, its children, its text). */
export const keyOf = (record: MutationRecord): string => (record.type === 'attributes' ? `@${record.attributeName ?? ''}` : record.type);

/**
 * Whether the records add or remove elements somewhere, counted per node over the batch (a clock redrawn as
 * `<b>12</b>:<b>30</b>` keeps its number; a row added or deleted does not), however the engine splits its records.
 */
export function changesElementCount(records: readonly MutationRecord[]): boolean {
  const net = new Map<Node, number>();
  const elements = (nodes: NodeList) => {
    let count = 0;
    for (let i = 0; i < nodes.length; i++) if (nodes[i]!.nodeType === 1) count++;
    return count;
  };
  for (const record of records) {
    if (record.type !== 'childList') continue;
    net.set(record.target, (net.get(record.target) ?? 0) + elements(record.addedNodes) - elements(record.removedNodes));
  }
  for (const delta of net.values()) if (delta !== 0) return true;
  return false;
}

const trackers = new WeakMap<Document, { churn: Churn; touch(): void }>();

/** The document's tracker, started on first use (the content script starts it when injected). */
export function churnOf(doc: Document): Churn {
  const known = trackers.get(doc);
  if (known) {
    known.touch();
    return known.churn;
  }
  let streaks = new WeakMap<Node, Map<string, Streak>>();
  const Observer = doc.defaultView?.MutationObserver ?? globalThis.MutationObserver;
  const observer = new Observer((records) => {
    const now = Date.now();
    for (const record of records) {
      let byKey = streaks.get(record.target);
      if (!byKey) streaks.set(record.target, (byKey = new Map()));
      const key = keyOf(record);
      const streak = byKey.get(key);
      if (!streak || now - streak.last > STREAK_GAP_MS) byKey.set(key, { start: now, last: now });
      else streak.last = now;
    }
  });
  let watching = false;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const touch = () => {
    if (!watching) {
      streaks = new WeakMap();
      observer.observe(doc, { subtree: true, childList: true, attributes: true, characterData: true });
      watching = true;
    }
    clearTimeout(idle);
    idle = setTimeout(() => {
      observer.disconnect();
      watching = false;
    }, IDLE_MS);
  };
  /** Changing without a pause since `since`, and up to `now`. */
  const going = (node: Node, key: string, since: number, now: number) => {
    const streak = streaks.get(node)?.get(key);
    return !!streak && streak.start <= since && now - streak.last <= STREAK_GAP_MS;
  };
  const churn: Churn = {
    beginAction(at) {
      const previous = lastActionStart;
      lastActionStart = at;
      const since = Math.min(at - STREAK_LEAD_MS, previous ?? Infinity);
      const known = new Map<Node, Map<string, boolean>>();
      return (node, key) => {
        let byKey = known.get(node);
        if (!byKey) known.set(node, (byKey = new Map()));
        if (byKey.get(key)) return true;
        const now = Date.now();
        // Judged at the key's first change in the wait (its streak then runs up to that change at the latest). On a
        // page's first action (no earlier action could have set it off), a streak begun before the action that goes on
        // for STREAK_LEAD_MS into its wait is the page's own too: a replay acts right after its first read.
        const ongoing = going(node, key, since, now) || (previous === undefined && now - at >= STREAK_LEAD_MS && going(node, key, at - 1, now));
        if (ongoing || !byKey.has(key)) byKey.set(key, ongoing);
        return ongoing;
      };
    },
  };
  trackers.set(doc, { churn, touch });
  touch();
  return churn;
}
