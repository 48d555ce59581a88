/**
 * What reads of a page may reuse while the page has not changed: a generation counter per document, moved on by every
 * DOM mutation (a MutationObserver over the whole document; pending records are taken synchronously before any reuse,
 * so a change made a moment ago, in this very task, counts), and by events of changes that mutate nothing (typing,
 * choosing, a popover opened, a transition ended, a resize, a new `#fragment`: see DOCUMENT_EVENTS). Nothing is left on
 * the page after a run: unused for IDLE_MS, the observer and listeners come off (and the memo goes); switched on again,
 * the generation moves on, so nothing read before is reused or served.
 *
 * Two users: the executor's reads reuse a list's container and items while the generation stands (a script reading
 * 3,711 items one by one found the list again each time); and `watch` tells the side panel's bridge, which serves a
 * column of texts it read in one go (page-bridge.ts), when the page changed after that column was read.
 *
 * Not seen: what changes inside shadow roots and frames (reads through them are not reused), and style changes made
 * through the CSSOM alone (a rule inserted that hides rows whose classes stay).
 */
import { openOrClosedShadowRoot } from '../../platform/dom.ts';
import { attr, matchesOf, MAX_UPWARD_STEPS, parentNodeOf, parentOf, queryAllOf, rootNodeOf } from '../document/dom-safe.ts';

interface Watcher {
  observer: MutationObserver;
  count: number;
  /** Called once the generation moves on (watches waiting for a change). */
  waiting: Set<() => void>;
  /** Values computed at the generation now, reused while it stands (emptied as it moves on). */
  memo: Map<string, unknown>;
  /** The generation at which an element's children or text last changed (see `contentChangedSince`). */
  changedAt: WeakMap<Node, number>;
  /** Whether the observer and listeners are on; off once nothing used them for IDLE_MS (a run ended). */
  connected: boolean;
  /** The generation the observer was last switched on at: what changed before, while it was off, is not known. */
  connectedAt: number;
  lastUse: number;
  idle?: ReturnType<typeof setTimeout>;
  listener: () => void;
}

const watchers = new WeakMap<Document, Watcher>();
/** This content script's own: a generation from another document's script (a reload) is never taken for one of ours. */
const INSTANCE = Math.random().toString(36).slice(2, 10);
const MAX_MEMO = 200;
/** Nothing asked of a document for this long (its run ended): its observer and listeners come off the page. */
export const IDLE_MS = 60_000;
/**
 * Changes that mutate nothing: typing and choosing (what a field holds, `:checked`), popovers and `<details>` opened
 * (`toggle` does not bubble: caught on the way down), transitions and animations ended (styles that hide or show).
 */
const DOCUMENT_EVENTS = ['input', 'change', 'toggle', 'transitionend', 'animationend'];
/** The window's: a resize (media queries) and a new `#fragment` (`:target`). */
const WINDOW_EVENTS = ['resize', 'hashchange'];

function bump(watcher: Watcher): void {
  watcher.count++;
  watcher.memo.clear();
  const waiting = [...watcher.waiting];
  watcher.waiting.clear();
  for (const wake of waiting) wake();
}

/**
 * Records seen: the generation moves on; what their content changed in, and everything around it, is marked with the
 * new one (so a message knows at once whether anything inside it changed, however deep: review, session 28).
 */
function seen(watcher: Watcher, records: readonly MutationRecord[]): void {
  bump(watcher);
  const { changedAt, count } = watcher;
  for (const record of records) {
    let node: Node | null = record.type === 'childList' ? record.target : record.type === 'characterData' ? parentNodeOf(record.target) : null;
    // Up to the root, or to a node this batch marked already (its ancestors are marked too).
    for (let steps = 0; node && changedAt.get(node) !== count && steps < MAX_UPWARD_STEPS; steps++) {
      changedAt.set(node, count);
      node = parentNodeOf(node);
    }
  }
}

function connect(doc: Document, watcher: Watcher): void {
  watcher.observer.observe(doc, { subtree: true, childList: true, characterData: true, attributes: true });
  for (const type of DOCUMENT_EVENTS) doc.addEventListener(type, watcher.listener, true);
  for (const type of WINDOW_EVENTS) doc.defaultView?.addEventListener(type, watcher.listener);
  watcher.connected = true;
  // The page may have changed while nothing watched: nothing read before is reused, nothing held before is served.
  bump(watcher);
  watcher.connectedAt = watcher.count;
}

function disconnect(doc: Document, watcher: Watcher): void {
  watcher.observer.disconnect();
  for (const type of DOCUMENT_EVENTS) doc.removeEventListener(type, watcher.listener, true);
  for (const type of WINDOW_EVENTS) doc.defaultView?.removeEventListener(type, watcher.listener);
  watcher.connected = false;
  watcher.memo.clear();
  watcher.changedAt = new WeakMap();
}

/** Switched off once unused for IDLE_MS, unless a `watch` still waits on it (it waits WATCH_MS at most). */
function idleCheck(doc: Document, watcher: Watcher): void {
  const left = watcher.lastUse + IDLE_MS - Date.now();
  if (left > 0 || watcher.waiting.size) {
    watcher.idle = setTimeout(() => idleCheck(doc, watcher), Math.max(left, 1000));
    return;
  }
  watcher.idle = undefined;
  disconnect(doc, watcher);
}

function newWatcher(doc: Document): Watcher {
  const made: Watcher = {
    observer: new MutationObserver((records) => seen(made, records)), count: 0, waiting: new Set(), memo: new Map(),
    changedAt: new WeakMap(), connected: false, connectedAt: 0, lastUse: 0, listener: () => bump(made),
  };
  watchers.set(doc, made);
  return made;
}

/** The document's watcher, switched on (again) if it was off. */
function watcherOf(doc: Document): Watcher {
  const watcher = watchers.get(doc) ?? newWatcher(doc);
  watcher.lastUse = Date.now();
  if (!watcher.connected) connect(doc, watcher);
  if (!watcher.idle) watcher.idle = setTimeout(() => idleCheck(doc, watcher), IDLE_MS);
  return watcher;
}

/** The document's generation now: changes not yet delivered to the observer (made in this task) count too. */
function countNow(doc: Document): number {
  const watcher = watcherOf(doc);
  const records = watcher.observer.takeRecords();
  if (records.length) seen(watcher, records);
  return watcher.count;
}

/** The document's generation now, as a number (changes made a moment ago count), for `contentChangedSince`. */
export const generationNow = (doc: Document): number => countNow(doc);

/**
 * Whether the children or text of `el`, or of anything in it, changed after generation `since` (generationNow):
 * a status whose text was set again, even to the same words, has; one whose attributes alone changed has not.
 */
export function contentChangedSince(doc: Document, el: Element, since: number): boolean {
  countNow(doc);
  const { changedAt, connectedAt } = watcherOf(doc);
  // Switched off since `since`: what changed then is not known, so it may have.
  return since < connectedAt || (changedAt.get(el) ?? -1) > since;
}

/** The generation as the bridge is given it (`watch` takes it back). */
export function generationOf(doc: Document): string {
  return `${INSTANCE}:${countNow(doc)}`;
}

/**
 * Resolves true once `doc` has changed since `generation` (at once when it already has, or the generation is not this
 * script's), false when it has not within `ms`.
 */
export function changedSince(doc: Document, generation: string, ms: number): Promise<boolean> {
  if (generation !== generationOf(doc)) return Promise.resolve(true);
  const watcher = watcherOf(doc);
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      watcher.waiting.delete(wake);
      resolve(false);
    }, ms);
    watcher.waiting.add(wake);
  });
}

/**
 * `compute()`, or what it gave for the same key while `doc` has not changed since. Only for values that depend on
 * the DOM of `doc` alone (see `observable`).
 */
export function reused<T>(doc: Document, key: string, compute: () => T): T {
  const now = countNow(doc);
  const watcher = watcherOf(doc);
  if (watcher.memo.has(key)) return watcher.memo.get(key) as T;
  const value = compute();
  // Computing may itself have changed the page (a page's getter, a custom element upgraded): not kept then.
  if (countNow(doc) !== now) return value;
  if (watcher.memo.size >= MAX_MEMO) watcher.memo.clear();
  watcher.memo.set(key, value);
  return value;
}

/**
 * `el` and everything that decides whether it shows are in `doc`'s own tree, which the observer sees: not in a shadow
 * root, under no shadow host (what a host's shadow tree slots decides what shows of its children).
 */
export function observable(doc: Document, el: Element): boolean {
  if (rootNodeOf(el) !== doc) return false;
  for (let node: Element | null = el, steps = 0; node && steps < 1000; node = parentOf(node), steps++) {
    if (openOrClosedShadowRoot(node)) return false;
  }
  return true;
}

/** Form controls: what they show is their value or choice, which changes without a mutation (a script sets `.value`).
 * A hidden input shows nothing (a row's form often has one). */
const CONTROLS = 'input, select, textarea';
const shownControl = (el: Element): boolean => matchesOf(el, CONTROLS) && !(matchesOf(el, 'input') && attr(el, 'type')?.toLowerCase() === 'hidden');

/**
 * An element whose text a column may hold for as long as `doc` has not changed: all it shows is in the document's
 * own tree (no shadow root in it, nor above it up to `container`: a slotted item is styled from inside one), and none
 * of it is a form control.
 */
export function textKeepable(el: Element, container?: Element): boolean {
  if (shownControl(el) || openOrClosedShadowRoot(el)) return false;
  for (let up = parentOf(el), steps = 0; container && up && up !== container && steps < MAX_UPWARD_STEPS; up = parentOf(up), steps++) {
    if (openOrClosedShadowRoot(up)) return false;
  }
  const inside = queryAllOf(el, '*');
  for (let i = 0; i < inside.length; i++) {
    const part = inside[i]!;
    if (shownControl(part) || openOrClosedShadowRoot(part)) return false;
  }
  return true;
}

const elementKeys = new WeakMap<Element, number>();
let nextElementKey = 0;
/** A number that stands for `el` in a reuse key (two lists may share an item selector). */
export function elementKey(el: Element): number {
  let key = elementKeys.get(el);
  if (key === undefined) elementKeys.set(el, key = ++nextElementKey);
  return key;
}
