/**
 * Controls named alike in one section ("Revoke" in each API key's row, "Remove" in each member's) are told apart by
 * number (`revoke_button`, `revoke_button_2`); the prompt also says the words of the row each sits in, so a model can
 * tell which is the staging key's (explorer, session 44). The names stay as they are: row words change as the page
 * lives, names must not.
 */
import type { ElementEntry } from './types.ts';
import { containsOf, parentOf, queryAllOf } from './dom-safe.ts';
import { accessibleName, textOf } from './dom.ts';
import { collapse, truncate } from './text.ts';

const MAX_CLIMB = 4;
const MAX_GROUP = 50;
const CONTROLS = 'button, [role=button], select, label';
const MAX_CHARS = 60;

/** For each control of a group named alike: the words of the biggest box around it that holds none of the others. */
export function tellRowsApart(group: readonly { entry: ElementEntry; el: Element }[]): void {
  // Hundreds alike that make no list (a feed's Like buttons) would cost more words than they tell apart.
  if (group.length > MAX_GROUP) return;
  const els = group.map((g) => g.el);
  for (const { entry, el } of group) {
    let row: Element | undefined;
    for (let at = parentOf(el), steps = 0; at && steps < MAX_CLIMB; at = parentOf(at), steps++) {
      if (els.some((other) => other !== el && containsOf(at!, other))) break;
      row = at;
    }
    if (!row) continue;
    // The row's words, not its controls' (its other buttons' labels say nothing of which row it is).
    let words = textOf(row, 200);
    for (const control of [el, ...Array.from(queryAllOf(row, CONTROLS)).filter((c) => c !== el)].slice(0, 10)) {
      const said = collapse(textOf(control, 80));
      if (said) words = words.replace(said, ' ');
    }
    words = collapse(words);
    const own = collapse(accessibleName(el));
    if (words && words !== own && /[\p{L}\p{N}]/u.test(words)) entry.row = truncate(words, MAX_CHARS);
  }
}
