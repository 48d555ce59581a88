/**
 * Controls named alike in one section ("Revoke" in each API key's row, "Remove" in each member's) are told apart by
 * number (`revoke_button`, `revoke_button_2`); the prompt also says the words of the row each sits in, so a model can
 * tell which is the staging key's (explorer, session 44). The names stay as they are: row words change as the page
 * lives, names must not.
 */
import type { ElementEntry, Entry } from './types.ts';
import { attr, closestOf, containsOf, idOf, parentOf, queryAllOf, rootNodeOf } from './dom-safe.ts';
import { accessibleName, textOf } from './dom.ts';
import { collapse, truncate } from './text.ts';

const MAX_CLIMB = 4;
const MAX_GROUP = 50;
const CONTROLS = 'button, [role=button], select, [role=menu]';
const MAX_CHARS = 60;

/** For each control of a group named alike: the words of the biggest box around it that holds none of the others. */
export function tellRowsApart(group: readonly { entry: ElementEntry; el: Element }[]): void {
  // Hundreds alike that make no list (a feed's Like buttons) would cost more words than they tell apart.
  if (group.length > MAX_GROUP) return;
  const els = group.map((g) => g.el);
  for (const { entry, el } of group) {
    const words = rowWords(el, (at) => els.some((other) => other !== el && containsOf(at, other)));
    if (words) entry.row = words;
  }
}

/**
 * The words of the row a control sits in: the biggest box around it (up to MAX_CLIMB levels) for which `holdsOthers`
 * is false, without its controls' words (its other buttons' labels say nothing of which row it is). `onlyBesideOthers`:
 * none unless such a box was met (a menu of the page's own, no row's, says no row).
 */
function rowWords(el: Element, holdsOthers: (box: Element) => boolean, onlyBesideOthers = false): string | undefined {
  let row: Element | undefined;
  let beside = false;
  for (let at = parentOf(el), steps = 0; at && steps < MAX_CLIMB; at = parentOf(at), steps++) {
    if (holdsOthers(at)) {
      beside = true;
      break;
    }
    row = at;
  }
  if (!row || (onlyBesideOthers && !beside)) return undefined;
  let words = textOf(row, 200);
  for (const control of [el, ...Array.from(queryAllOf(row, CONTROLS)).filter((c) => c !== el)].slice(0, 10)) {
    const said = collapse(textOf(control, 80));
    if (said) words = words.replace(said, ' ');
  }
  words = collapse(words);
  const own = collapse(accessibleName(el));
  return words && words !== own && /[\p{L}\p{N}]/u.test(words) ? truncate(words, MAX_CHARS) : undefined;
}

/**
 * A menu open for one row (a file's ⋮ "More actions" among every file's): its items, and the button that opened it, say
 * that row's words — "Rename" of which file (explorer, session 44). The button is the one whose `aria-controls` names
 * the menu, else the expanded one in the box around the menu; the row is found as for controls named alike, against
 * the buttons of the same name in the other rows.
 */
export function sayMenuRows(placed: readonly { entry: Entry; el: Element }[]): void {
  const byTrigger = new Map<Element, string | undefined>();
  for (const { entry, el } of placed) {
    if (entry.kind !== 'menuitem') continue;
    const menu = closestOf(el, '[role=menu]');
    const trigger = menu ? triggerOf(menu) : undefined;
    if (!trigger) continue;
    if (!byTrigger.has(trigger)) byTrigger.set(trigger, rowWords(trigger, (box) => holdsAlike(box, trigger, menu!), true));
    const words = byTrigger.get(trigger);
    if (words) entry.row = words;
  }
  for (const { entry, el } of placed) {
    const words = byTrigger.get(el);
    if (words && entry.kind !== 'list' && entry.kind !== 'message') entry.row = words;
  }
}

function triggerOf(menu: Element): Element | undefined {
  const id = idOf(menu);
  const root = rootNodeOf(menu) as Document | ShadowRoot;
  if (id) {
    for (const control of Array.from(queryAllOf(root, '[aria-expanded=true][aria-controls]')).slice(0, MAX_GROUP)) {
      if ((attr(control, 'aria-controls') ?? '').split(/\s+/).includes(id)) return control;
    }
  }
  for (let at = parentOf(menu), steps = 0; at && steps < 2; at = parentOf(at), steps++) {
    const expanded = Array.from(queryAllOf(at, '[aria-expanded=true]')).filter((c) => !containsOf(menu, c));
    if (expanded.length === 1) return expanded[0];
  }
  return undefined;
}

/** Whether `box` holds another control named as `trigger` is (the same button of another row), outside its menu. */
function holdsAlike(box: Element, trigger: Element, menu: Element): boolean {
  const name = collapse(accessibleName(trigger));
  const others = Array.from(queryAllOf(box, trigger.localName)).slice(0, MAX_GROUP);
  return others.some((other) => other !== trigger && !containsOf(menu, other) && collapse(accessibleName(other)) === name);
}
