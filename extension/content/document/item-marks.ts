/**
 * The items of a list that the page marks: the page a pagination is on, a wizard's step (`aria-current`), the tab or
 * option chosen (`aria-selected`), the filter chips on (`aria-pressed`); and the items whose control is disabled
 * (`disabled: [2] "City Walker"`: a sold-out card's button, a locked setting; explorer, session 46). Shown with the list (`current: [1] "2"`): the
 * samples show the first items only, and the one chosen is often further on (explorer, session 44: a 9th tab, a 10th
 * option, a pressed chip were nowhere in the document).
 */
import type { ListEntry } from './types.ts';
import { attr, childElementCountOf, parentOf, queryOf } from './dom-safe.ts';
import { itemsNest, ownItemText } from './threads.ts';
import { accessibleName, tagOf } from './dom.ts';
import { activeItem, saysCurrent } from './classify.ts';
import { sampleText, slotElement } from './lists.ts';
import { collapse, truncate } from './text.ts';

type Mark = NonNullable<ListEntry['marked']>[number]['mark'];
const MAX_MARKED = 4;
/** Items looked at: a list of thousands has its chosen item among the first ones drawn, or says so elsewhere. */
const MAX_SCANNED = 300;

const UNREAD_CLASS = /(?:^|\s)(?:[\w-]*[-_])?unread(?:\s|$)/i;
const OPENING_ITEMS: ReadonlySet<string> = new Set(['treeitem', 'listitem', 'row', 'button']);

/** What an element says of itself being chosen, or undefined. */
function markOf(el: Element): Mark | undefined {
  // `aria-current=""` is no mark (ARIA reads an empty value as false).
  if (saysCurrent(el)) return 'current';
  if (attr(el, 'aria-selected') === 'true' || (tagOf(el) === 'OPTION' && (el as HTMLOptionElement).selected === true)) return 'selected';
  if (attr(el, 'aria-pressed') === 'true') return 'pressed';
  // A tree's open branches (explorer, session 50: a tree's items as a list said none open), a mail thread's open
  // message among folded ones, a tree grid's open row, the route card open among others (`role=button`).
  // And an FAQ's answers open among closed ones (a native button's `aria-expanded`, a `<details open>`: explorer, session 54).
  // Not a row's menu button (`aria-haspopup`): its menu is open, not the row.
  const native = tagOf(el) === 'BUTTON' && !['true', 'menu', 'listbox', 'dialog', 'tree', 'grid'].includes(attr(el, 'aria-haspopup') ?? 'false');
  if (attr(el, 'aria-expanded') === 'true' && OPENING_ITEMS.has(attr(el, 'role') ?? (native ? 'button' : ''))) return 'expanded';
  if (tagOf(el) === 'DETAILS' && (el as HTMLDetailsElement).open === true) return 'expanded';
  return undefined;
}

const DISABLED_TAGS: ReadonlySet<string> = new Set(['BUTTON', 'INPUT', 'SELECT', 'TEXTAREA']);

/** A control that cannot be used now: a card's "Sold out" button, a setting the admin locked. */
function disabledOf(el: Element): boolean {
  return attr(el, 'aria-disabled') === 'true' || (DISABLED_TAGS.has(tagOf(el)) && (el as HTMLButtonElement).disabled === true);
}

/**
 * The marks of a list's items: each item's own, its one control's (the list's control slot, `controlSelector`) or
 * that of a wrapper holding the item alone (`<li aria-current="step"><a>…</a></li>` with the links the items).
 * Undefined when no item is marked, or when every item is (a mark that tells none apart).
 */
export function markedItems(items: readonly Element[], container: Element, controlSelector: string | undefined,
  /** Every control slot of the items: one disabled marks its item. */
  controlSelectors: readonly string[] = controlSelector ? [controlSelector] : []): { marked: ListEntry['marked']; more: number } {
  const marked: NonNullable<ListEntry['marked']> = [];
  const off: NonNullable<ListEntry['marked']> = [];
  // Looked for item by item only where the list holds a disabled control at all (one query, not one per item).
  const anyDisabled = controlSelectors.length > 0 && !!queryOf(container, 'button:disabled, input:disabled, select:disabled, textarea:disabled, [aria-disabled=true]');
  let count = 0;
  let disabled = 0;
  const scanned = items.slice(0, MAX_SCANNED);
  // Items holding items (a thread's comments, a tree's branches: threads.ts) are marked by their own words.
  const nested = itemsNest(items) ? new Set(items) : undefined;
  const controlOf = (item: Element) => (controlSelector ? slotElement(item, controlSelector) : null);
  // A control that says the same in every item ("Like") tells none apart: the item's words then.
  const alike = (() => {
    const [a, b] = scanned.slice(0, 2).map((item) => controlOf(item));
    return !!a && !!b && a !== scanned[0] && sampleText(a) === sampleText(b);
  })();
  const unread: NonNullable<ListEntry['marked']> = [];
  let unreadCount = 0;
  scanned.forEach((item, index) => {
    const control = controlOf(item);
    const wrapper = parentOf(item);
    const sole = wrapper && wrapper !== container && childElementCountOf(wrapper) === 1 ? wrapper : null;
    // Unread by its class (`unread`, `is-unread`, `notif--unread`): a mailbox's or a notification menu's new ones
    // (explorer, session 51: "open my unread notifications" had nothing to go by). Said after the item chosen: a
    // channel list's unread ones must not crowd out the one open (review, session 51).
    if (UNREAD_CLASS.test(attr(item, 'class') ?? '') || (!!sole && UNREAD_CLASS.test(attr(sole, 'class') ?? ''))) {
      unreadCount++;
      if (unread.length < MAX_MARKED) unread.push({ index, mark: 'unread', text: truncate(nested ? ownItemText(item, nested) : sampleText(item), 60) });
    }
    const chosen = markOf(item) ?? (control && control !== item ? markOf(control) : undefined) ?? (sole ? markOf(sole) : undefined)
      ?? (control && activeItem(item) ? 'current' : undefined);
    const text = () => truncate((!alike && control ? sampleText(control) : '') || (nested ? ownItemText(item, nested) : sampleText(item)), 60);
    if (!chosen) {
      if (!anyDisabled) return;
      // An item with a disabled control (a sold-out card's "Sold out" button): marked apart, by that control's words.
      const blocked = controlSelectors.map((selector) => slotElement(item, selector)).find((at) => !!at && disabledOf(at));
      if (!blocked) return;
      disabled++;
      // The control by its name ("Decrease", not its glyph "−"): which of the item's controls is off.
      const own = blocked !== item ? collapse(accessibleName(blocked)) || sampleText(blocked) : '';
      const whole = sampleText(item);
      // Its words said first unless the item's shown words say them already.
      if (off.length < MAX_MARKED) off.push({ index, mark: 'disabled', text: truncate(!own || truncate(whole, 60).includes(own) ? whole : `${own} · ${whole}`, 60) });
      return;
    }
    const mark = chosen;
    count++;
    if (marked.length < MAX_MARKED) marked.push({ index, mark, text: text() });
  });
  const choices = count && count < scanned.length;
  const offs = disabled && disabled < scanned.length;
  const news = unreadCount && unreadCount < scanned.length;
  if (!choices && !offs && !news) return { marked: undefined, more: 0 };
  // At most MAX_MARKED in all (the schema's bound): the choices first.
  const kept = [...(choices ? marked : []), ...(news ? unread : []), ...(offs ? off : [])].slice(0, MAX_MARKED);
  return { marked: kept, more: (choices ? count : 0) + (news ? unreadCount : 0) + (offs ? disabled : 0) - kept.length };
}
