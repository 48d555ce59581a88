import type { optionLabel } from './option-name.ts';

/**
 * Whether a page-drawn picker took the option clicked: it says so (aria-selected), shows it (in its box, its text or
 * next to it, with a prefix such as "Role: "), or the page changed in any other way (a list sorted by a "Sort" button
 * that shows no choice). Told apart from a picker that kept all as it was, which a click on an option it ignores leaves.
 */

const norm = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** A node's text without the lists in it (a combobox that holds its listbox shows none of its options). */
function textOutsideLists(node: Element): string {
  if ((node.textContent ?? '').length > 2000) return '';
  if (!node.querySelector('[role=listbox]')) return norm(node.textContent);
  const copy = node.cloneNode(true) as Element;
  for (const list of Array.from(copy.querySelectorAll('[role=listbox]'))) list.remove();
  return norm(copy.textContent);
}

/**
 * Where a picker shows its choice, first what it shows itself: its text box's value, else its own text; then the text
 * around it (a value drawn next to the box, as react-select's), lists aside, up to the body (not the page's title or
 * scripts).
 */
export function choiceShown(el: Element, box: HTMLInputElement | null): string[] {
  const around: string[] = [];
  const { body, documentElement } = el.ownerDocument;
  for (let node = (box ?? el).parentElement, up = 0; node && node !== body && node !== documentElement && up < 3; node = node.parentElement, up++) {
    around.push(textOutsideLists(node));
  }
  return [box ? norm(box.value) : textOutsideLists(el), ...around];
}

const LISTISH = '[role=listbox],[role=option]';

/** Added or removed with no bearing on the choice: white space, a list coming or going. */
function beside(node: Node): boolean {
  if (node.nodeType === 3) return !norm(node.nodeValue);
  if (node.nodeType !== 1) return true;
  const el = node as Element;
  return el.matches(LISTISH) || !!el.querySelector(LISTISH);
}

/** A change the choice made: the list's own coming and going and the picker's open state (not watched) aside. */
function counts(record: MutationRecord): boolean {
  const target = record.target.nodeType === 1 ? record.target as Element : record.target.parentElement;
  if (target?.closest('[role=listbox]')) return false;
  if (record.type !== 'childList') return true;
  return [...Array.from(record.addedNodes), ...Array.from(record.removedNodes)].some((node) => !beside(node));
}

/**
 * Watches the page's body (and the picker's shadow root) for a change from now on, not its head (a title that counts
 * something); `stop` ends the watch.
 */
export function watchPageChange(el: Element): { changed: () => boolean; stop: () => void } {
  const Observer = el.ownerDocument.defaultView?.MutationObserver;
  if (!Observer) return { changed: () => false, stop: () => undefined };
  let changed = false;
  const observer = new Observer((records) => void (changed ||= records.some(counts)));
  const options = { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-selected', 'aria-checked', 'aria-pressed', 'value', 'data-value'] };
  observer.observe(el.ownerDocument.body ?? el.ownerDocument.documentElement, options);
  const root = el.getRootNode();
  if (root !== el.ownerDocument) observer.observe(root, options);
  return {
    changed: () => (changed ||= observer.takeRecords().some(counts)),
    stop: () => observer.disconnect(),
  };
}

export interface Choice {
  el: Element;
  box: HTMLInputElement | null;
  option: Element;
  label: ReturnType<typeof optionLabel>;
  /** What the picker showed before it was opened (choiceShown). */
  before: string[];
  /** The option's aria-selected when it was clicked. */
  selectedBefore: string | null;
  pageChanged: () => boolean;
}

export function tookChoice({ el, box, option, label, before, selectedBefore, pageChanged }: Choice): boolean {
  // A picker drawn anew as it took the choice cannot be read here any more: nothing says it did not.
  if (!el.isConnected || (box && !box.isConnected)) return true;
  const selected = option.isConnected ? option.getAttribute('aria-selected') : selectedBefore;
  if (selected === 'true' || selected !== selectedBefore) return true;
  const names = [label.line, label.name].map((text) => text.toLowerCase()).filter(Boolean);
  const now = choiceShown(el, box).map((shows) => shows.toLowerCase());
  const was = before.map((shows) => shows.toLowerCase());
  if (names.some((name) => now[0]!.includes(name))) return true;
  // Something new that is part of it: "+34" of "Spain (+34)".
  if (now[0] && now[0] !== was[0] && label.name.toLowerCase().includes(now[0])) return true;
  if (now.slice(1).some((shows, i) => names.some((name) => shows.includes(name) && !was[i + 1]?.includes(name)))) return true;
  return pageChanged();
}
