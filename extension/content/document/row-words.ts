/**
 * Controls named alike in one section ("Revoke" in each API key's row, "Remove" in each member's) are told apart by
 * number (`revoke_button`, `revoke_button_2`); the prompt also says the words of the row each sits in, so a model can
 * tell which is the staging key's (explorer, session 44). The names stay as they are: row words change as the page
 * lives, names must not.
 */
import type { ElementEntry } from './types.ts';
import { containsOf, parentOf } from './dom-safe.ts';
import { accessibleName, textOf } from './dom.ts';
import { collapse, truncate } from './text.ts';

const MAX_CLIMB = 4;
const MAX_CHARS = 60;

/** For each control of a group named alike: the words of the biggest box around it that holds none of the others. */
export function tellRowsApart(group: readonly { entry: ElementEntry; el: Element }[]): void {
  const els = group.map((g) => g.el);
  for (const { entry, el } of group) {
    let row: Element | undefined;
    for (let at = parentOf(el), steps = 0; at && steps < MAX_CLIMB; at = parentOf(at), steps++) {
      if (els.some((other) => other !== el && containsOf(at!, other))) break;
      row = at;
    }
    if (!row) continue;
    const own = collapse(accessibleName(el));
    const words = collapse(textOf(row, 200).replace(own, ' '));
    if (words && words !== own && /[\p{L}\p{N}]/u.test(words)) entry.row = truncate(words, MAX_CHARS);
  }
}
