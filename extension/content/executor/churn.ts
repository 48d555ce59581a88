/**
 * What a page keeps changing by itself — a clock, a bar redrawn every frame, a marquee — learnt only from changes made
 * while no action of ours is in flight (a read of the page, the time between actions, a model writing the script).
 * An action's wait (settle.ts) then does not wait for those to stop, which they never do: on such a page every action
 * used to wait its whole 2 s cap (exploratory test, session 25). Changes an action sets off — a count-up, items added
 * one by one, a streamed answer, results redrawn per typed key — are never learnt from, however long they go on
 * (review, session 25): a node the page did not change on its own just before the action always holds the wait.
 */

/** A node (or one attribute of it) changed this many times, over at least this long, on its own: ongoing. */
export const ONGOING_COUNT = 5;
export const ONGOING_SPAN_MS = 150;
/** Evidence older than this is forgotten: a change that stopped is no longer ongoing. */
const RECENT_MS = 1000;
/** An action whose wait was never ended (a path that forgot to) stops counting as in flight after this long. */
const ACTION_STALE_MS = 10_000;

interface Seen {
  count: number;
  first: number;
  last: number;
}

export type Before = 'ongoing' | 'changing' | undefined;

export interface Churn {
  /** Marks an action in flight until the returned function is called: nothing it changes is learnt from. */
  beginAction(): () => void;
  /**
   * How `node`'s `key` was changing on its own at `at`: `ongoing` (ONGOING_COUNT times over ONGOING_SPAN_MS, the
   * last within RECENT_MS), `changing` (at least once within RECENT_MS) or not at all.
   */
  before(node: Node, key: string, at: number): Before;
}

/** A mutation's key: the node and what of it changed (one attribute, its children, its text). */
export const keyOf = (record: MutationRecord): string => (record.type === 'attributes' ? `@${record.attributeName ?? ''}` : record.type);

const churns = new WeakMap<Document, Churn>();

/** The document's tracker, started on first use (the content script starts it when injected). */
export function churnOf(doc: Document): Churn {
  const known = churns.get(doc);
  if (known) return known;
  const seen = new WeakMap<Node, Map<string, Seen>>();
  const actions = new Set<{ started: number }>();
  const acting = (now: number) => {
    for (const action of actions) {
      if (now - action.started < ACTION_STALE_MS) return true;
      actions.delete(action);
    }
    return false;
  };
  const Observer = doc.defaultView?.MutationObserver ?? globalThis.MutationObserver;
  const observer = new Observer((records) => {
    const now = Date.now();
    if (acting(now)) return;
    for (const record of records) {
      let byKey = seen.get(record.target);
      if (!byKey) seen.set(record.target, (byKey = new Map()));
      const key = keyOf(record);
      let stat = byKey.get(key);
      if (!stat || now - stat.last > RECENT_MS) byKey.set(key, (stat = { count: 0, first: now, last: now }));
      stat.count++;
      stat.last = now;
    }
  });
  observer.observe(doc, { subtree: true, childList: true, attributes: true, characterData: true });
  const churn: Churn = {
    beginAction() {
      const action = { started: Date.now() };
      actions.add(action);
      return () => void actions.delete(action);
    },
    before(node, key, at) {
      const stat = seen.get(node)?.get(key);
      if (!stat || at - stat.last > RECENT_MS) return undefined;
      return stat.count >= ONGOING_COUNT && stat.last - stat.first >= ONGOING_SPAN_MS ? 'ongoing' : 'changing';
    },
  };
  churns.set(doc, churn);
  return churn;
}
