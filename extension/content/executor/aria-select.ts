import { styleOf } from '../document/dom.ts';
import { ownerDocOf } from '../document/dom-safe.ts';
import { isDisabled, isSensitive, soleTextBox, takesTyping } from '../document/classify.ts';
import { click, press, putBack, typeText } from './events.ts';
import { type Choice, choiceShown, tookChoice, watchPageChange } from './choice-taken.ts';
import { optionLabel } from './option-name.ts';
import { matchOption } from './option-match.ts';
import { REQUEST_CAP_MS, watchSettle } from './settle.ts';

/**
 * `select()` on a picker the page draws itself: a `role=combobox` (or a button with `aria-haspopup=listbox`) whose
 * options show in a `role=listbox` once it is opened, or a listbox shown already. As a person does it: open it (a
 * click, else ArrowDown), find the option (typing its text into an editable combobox, or scrolling a list that draws
 * only what is in view, when it is not drawn), click it, and see that the picker shows it.
 */
export function isAriaPicker(el: Element): boolean {
  const role = el.getAttribute('role');
  return role === 'combobox' || role === 'listbox' || el.getAttribute('aria-haspopup') === 'listbox';
}

const OPEN_WAIT_MS = 1000;
/** A list a click has not opened by then is asked for with ArrowDown (an editable combobox opens on keys only). */
const CLICK_OPENS_MS = 300;
/** How long the page may take to show the option clicked (a re-render, a request). */
const CHOSEN_WAIT_MS = 1000;
const SCROLL_STEPS = 60;
const norm = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The option chosen (its first line); the options there were when none matched; or the option the picker did not take. */
export type Picked = { chosen: string } | { options: string[] } | { ignored: string; shows: string };

/**
 * Opens the picker, finds the option `wanted` means and clicks it. `beforeChoosing` sees the option found (its first
 * line) before the click and may refuse it by throwing (an option whose words mean an irreversible action, asked about
 * first): the list is closed again and the box given its text back.
 */
export async function pickAriaOption(el: Element, wanted: string, shown: (el: Element) => boolean, beforeChoosing: (option: string) => void = () => undefined): Promise<Picked> {
  const box = textBoxOf(el, shown);
  const before = choiceShown(el, box);
  // A list the page draws elsewhere (a portal at the end of the body) without naming it: the one that shows up.
  const open = new Set(listboxesIn(el).filter(shown));
  const read = () => {
    const named = optionsOf(el, shown);
    if (named.length) return named;
    return listboxesIn(el).filter((list) => !open.has(list) && shown(list)).flatMap((list) => Array.from(list.querySelectorAll('[role=option]'))).filter(shown).slice(0, 500);
  };
  let options = optionsOf(el, shown);
  // A list box that folds (Google Forms' dropdown) shows only its choice until a click unfolds it.
  const folded = el.getAttribute('role') === 'listbox' && el.getAttribute('aria-expanded') === 'false';
  const opens = folded || (!options.length && el.getAttribute('role') !== 'listbox');
  if (opens) {
    click(el);
    options = await optionsWithin(read, CLICK_OPENS_MS, folded ? (now) => !!matching(now, wanted) : undefined);
    if (!options.length) {
      (box ?? el as HTMLElement).focus?.({ preventScroll: true });
      press(box ?? el, 'ArrowDown');
      options = await optionsWithin(read, OPEN_WAIT_MS - CLICK_OPENS_MS);
    }
  }
  let option = matching(options, wanted);
  const seen = option ? [] : namesOf(options);
  // Not drawn (a list that draws only what is in view, or one that opens as it is typed into): brought into the list
  // as a person would, by typing its text into the combobox, else by scrolling the list.
  const earlier = box?.value;
  if (!option && box && norm(wanted)) {
    // Suggestions a page looks up after a pause (a debounce, then a slow request) may come after OPEN_WAIT_MS: while
    // what the typing started is still out, they are waited for (exploratory test, session 31: a 900 ms server).
    const answers = watchSettle(ownerDocOf(box));
    await typeText(box, wanted);
    options = await optionsWithin(read, OPEN_WAIT_MS, (now) => !!matching(now, wanted));
    if (matching(options, wanted)) void answers.settled(0, 0); // ends the watch
    else {
      await answers.settled(REQUEST_CAP_MS);
      options = read();
    }
    option = matching(options, wanted);
    // Typed for nothing: the box gets its text back (a search box would go on showing what no option matched).
    if (!option) putBack(box, earlier ?? '');
  } else if (!option && options.length) {
    options = await scrolledTo(options[0]!, read, wanted);
    option = matching(options, wanted);
  }
  if (!option) {
    const offered = seen.length ? seen : namesOf(options);
    // Closed again as a person would (Escape): a list left open (its backdrop) would cover the rest of the page.
    if (opens && (offered.length || read().length)) close(el, box, () => read().length > 0);
    return { options: offered };
  }
  const label = optionLabel(option);
  try {
    beforeChoosing(label.line);
  } catch (error) {
    if (box && earlier !== undefined) putBack(box, earlier);
    if (opens || read().length) close(el, box, () => read().length > 0);
    throw error;
  }
  // In a list of several choices a click on a chosen option unchooses it: chosen already is chosen.
  if (option.getAttribute('aria-selected') === 'true' && option.closest('[aria-multiselectable=true]')) return { chosen: label.line };
  option.scrollIntoView?.({ block: 'nearest' });
  const watch = watchPageChange(el);
  try {
    const choice: Choice = { el, box, option, label, before, selectedBefore: option.getAttribute('aria-selected'), pageChanged: watch.changed };
    click(option);
    for (const until = Date.now() + CHOSEN_WAIT_MS; !tookChoice(choice);) {
      if (Date.now() >= until) return { ignored: label.line, shows: choiceShown(el, box)[0]!.slice(0, 80) };
      await pause(25);
    }
  } finally {
    watch.stop();
  }
  return { chosen: label.line };
}

const namesOf = (options: readonly Element[]) => options.map((o) => optionLabel(o).name.slice(0, 60));

/** Escape, then (for a list still open) a click on the picker, or the focus taken from its text box. */
function close(el: Element, box: HTMLInputElement | null, stillOpen: () => boolean): void {
  press(box ?? el, 'Escape');
  if (!stillOpen()) return;
  if (box) box.blur();
  else click(el);
}

/** The option that means `wanted` (option-match.ts), by its name or its first line. */
function matching(options: readonly Element[], wanted: string): Element | undefined {
  const labels = new Map(options.map((o) => [o, optionLabel(o)]));
  // No initials: the words asked for are judged before the list opens, not the option they would take.
  return matchOption(options, wanted, (o) => [labels.get(o)!.name, labels.get(o)!.line], undefined, { exactNames: 2, initials: false })?.option;
}

/** Options read until `enough` (any at all by default), for at most `ms`. */
async function optionsWithin(read: () => Element[], ms: number, enough = (options: Element[]) => options.length > 0): Promise<Element[]> {
  let options = read();
  for (const until = Date.now() + ms; !enough(options) && Date.now() < until;) {
    await pause(25);
    options = read();
  }
  return options;
}

/** The text box of an editable combobox: the combobox itself, or the one box inside it (ARIA 1.1); one that can be typed into. */
function textBoxOf(el: Element, shown: (el: Element) => boolean): HTMLInputElement | null {
  const box = takesTyping(el) ? el : el.getAttribute('role') === 'combobox' ? soleTextBox(el, shown) : undefined;
  if (!box || !('value' in box) || isSensitive(box) || isDisabled(box) || (box as HTMLInputElement).readOnly) return null;
  return box as HTMLInputElement;
}

/**
 * A list that draws only the options in view (virtualised), scrolled a page at a time from its top until the option
 * is drawn or the list ends. Its scroller is the first box around the options that scrolls.
 */
async function scrolledTo(drawn: Element, read: () => Element[], wanted: string): Promise<Element[]> {
  let scroller: Element | null = drawn.parentElement;
  for (let up = 0; scroller && up < 6 && !(scroller.scrollHeight > scroller.clientHeight + 1 && /auto|scroll/.test(styleOf(scroller)?.overflowY ?? '')); up++) {
    scroller = scroller.parentElement;
  }
  let options = read();
  if (!scroller || !(scroller.scrollHeight > scroller.clientHeight + 1)) return options;
  const start = scroller.scrollTop;
  scroller.scrollTop = 0;
  for (let step = 0; step < SCROLL_STEPS && !matching(options, wanted); step++) {
    const top = scroller.scrollTop;
    if (step > 0) scroller.scrollTop = top + Math.max(20, scroller.clientHeight * 0.8);
    if (step > 0 && scroller.scrollTop === top) break;
    await pause(40);
    options = read();
  }
  if (!matching(options, wanted)) scroller.scrollTop = start;
  return options;
}

/** The listboxes of the picker's document (or shadow root). */
function listboxesIn(el: Element): Element[] {
  const root = el.getRootNode() as Document | ShadowRoot;
  return Array.from(root.querySelectorAll?.('[role=listbox]') ?? []).slice(0, 50);
}

/** The shown options of the listbox the picker names (aria-controls, aria-owns), holds, or is. */
function optionsOf(el: Element, shown: (el: Element) => boolean): Element[] {
  const doc = el.ownerDocument;
  const named = `${el.getAttribute('aria-controls') ?? ''} ${el.getAttribute('aria-owns') ?? ''}`.split(/\s+/).filter(Boolean)
    .map((id) => (el.getRootNode() as Document | ShadowRoot).getElementById?.(id) ?? doc.getElementById(id)).filter((box): box is HTMLElement => !!box);
  const boxes = el.getAttribute('role') === 'listbox' ? [el] : named.length ? named : Array.from(el.querySelectorAll('[role=listbox]'));
  return boxes.flatMap(optionsIn).filter(shown).slice(0, 500);
}

/**
 * The options in a listbox, also those a component's root shows through its slots (Shoelace's `<sl-select>`: the
 * listbox in its root, the `<sl-option role=option>` elements the page's own; explorer, session 42: "the list did not
 * open" with the options open on screen).
 */
function optionsIn(box: Element): Element[] {
  const out = Array.from(box.querySelectorAll('[role=option]'));
  for (const slot of Array.from(box.querySelectorAll('slot')).slice(0, 20)) {
    for (const assigned of (slot as HTMLSlotElement).assignedElements({ flatten: true }).slice(0, 500)) {
      if (assigned.getAttribute('role') === 'option') out.push(assigned);
      out.push(...Array.from(assigned.querySelectorAll('[role=option]')));
    }
  }
  return [...new Set(out)];
}
