/**
 * Realistic input: the events a person's pointer and keyboard produce, in order, so that pages built on any
 * framework see the same thing as for a user. Values are set through the element prototype's setter, which is what
 * frameworks that track input values (React and others) listen behind.
 */
import { htmlTag, isDisabled } from '../document/classify.ts';
import { matchOption } from './option-match.ts';
import { groupsTellApart, withGroup } from '../document/option-groups.ts';

function view(el: Element): Window {
  return el.ownerDocument.defaultView ?? window;
}

function center(el: Element): { clientX: number; clientY: number } {
  const rect = el.getBoundingClientRect();
  return { clientX: rect.left + rect.width / 2, clientY: rect.top + rect.height / 2 };
}

/** Enter and leave events go to each element the pointer comes into or leaves, and neither bubble nor cross a shadow root. */
const ENTER_LEAVE = new Set(['pointerenter', 'pointerleave', 'mouseenter', 'mouseleave']);

function pointer(el: Element, type: string, init: MouseEventInit): void {
  const win = view(el) as Window & typeof globalThis;
  const Ctor = typeof win.PointerEvent === 'function' ? win.PointerEvent : win.MouseEvent;
  const alone = ENTER_LEAVE.has(type);
  el.dispatchEvent(new Ctor(type, { bubbles: !alone, cancelable: !alone, composed: !alone, view: win, ...init, ...('pointerId' in Ctor.prototype ? { pointerId: 1, pointerType: 'mouse', isPrimary: true } : {}) }));
}

function mouse(el: Element, type: string, init: MouseEventInit): void {
  const win = view(el) as Window & typeof globalThis;
  const alone = ENTER_LEAVE.has(type);
  el.dispatchEvent(new win.MouseEvent(type, { bubbles: !alone, cancelable: !alone, composed: !alone, view: win, ...init }));
}

/** Where the pointer of our actions last was, per document, and the elements it was over then (innermost first). */
const pointedAt = new WeakMap<Document, { el: Element; over: Element[] }>();

/** `el` and the elements around it, innermost first, as the pointer is over all of them (across shadow roots and slots). */
function ancestry(el: Element): Element[] {
  const chain: Element[] = [];
  for (let node: Element | null = el; node && chain.length < 500; ) {
    chain.push(node);
    const parent: Node | null = node.assignedSlot ?? node.parentNode;
    node = !parent ? null : parent.nodeType === 1 ? (parent as Element) : parent.nodeType === 11 ? ((parent as ShadowRoot).host ?? null) : null;
  }
  return chain;
}

/**
 * The pointer moves onto `el`, as a person's does: out of what it was over (out, then leave on each element it is no
 * longer in), over `el` (over, then enter on each element it comes into, outermost first: a menu that opens on its
 * item's `mouseenter` opens when a link inside it is pointed at), then a move. A pointer already on `el` only moves,
 * unless `again` (hover() asked anew): then it goes off `el` and back, as a person's does to open what it opens anew.
 * What it was over and the page has since removed gets nothing; what is still there, it leaves (a redrawn item).
 */
export function hover(el: Element, again = false): void {
  const at = center(el);
  const doc = el.ownerDocument;
  const before = pointedAt.get(doc);
  const now = ancestry(el);
  const still = before?.el === el && el.isConnected;
  let was: Element[] = [];
  if (before && (!still || again)) {
    // Off `el` and back (again), or out of what it was over that is still on the page.
    const left = still ? el : before.el.isConnected ? before.el : undefined;
    was = still ? now.slice(1) : before.over.filter((node) => node.isConnected);
    const leaving = still ? [el] : was.filter((node) => !now.includes(node));
    const from = { ...center(left ?? el), relatedTarget: still ? (now[1] ?? null) : el };
    if (left) pointer(left, 'pointerout', from);
    for (const node of leaving) pointer(node, 'pointerleave', from);
    if (left) mouse(left, 'mouseout', from);
    for (const node of leaving) mouse(node, 'mouseleave', from);
  } else if (still) {
    was = now;
  }
  const entering = now.filter((node) => !was.includes(node)).reverse();
  if (entering.length) {
    const into = { ...at, relatedTarget: before && !still && before.el.isConnected ? before.el : (still ? now[1] ?? null : null) };
    pointer(el, 'pointerover', into);
    for (const node of entering) pointer(node, 'pointerenter', into);
    mouse(el, 'mouseover', into);
    for (const node of entering) mouse(node, 'mouseenter', into);
  }
  pointedAt.set(doc, { el, over: now });
  pointer(el, 'pointermove', at);
  mouse(el, 'mousemove', at);
}

function focus(el: Element): void {
  (el as HTMLElement).focus?.({ preventScroll: true });
}

/** Pointer down/up and mouse down/up, focus, then the element's own activation (click event + default action). */
/**
 * Presses and releases, then clicks. A page that draws the control anew as it is pressed (a re-render on mousedown)
 * gets the release and the click on the new copy, `redrawn()`, as a person's would land there. Returns what was clicked.
 */
export function click(el: Element, redrawn: () => Element | null = () => null): Element {
  const at = { ...center(el), button: 0 };
  hover(el);
  pointer(el, 'pointerdown', { ...at, buttons: 1 });
  mouse(el, 'mousedown', { ...at, buttons: 1 });
  const pressed = el.isConnected ? el : redrawn() ?? el;
  // Pressed on a copy the page drew anew: the pointer is over that copy now.
  if (pressed !== el) pointedAt.set(pressed.ownerDocument, { el: pressed, over: ancestry(pressed) });
  focus(pressed);
  pointer(pressed, 'pointerup', at);
  mouse(pressed, 'mouseup', at);
  if (typeof (pressed as HTMLElement).click === 'function') (pressed as HTMLElement).click();
  else mouse(pressed, 'click', { ...at, detail: 1 });
  return pressed;
}

function setNativeValue(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  const win = view(el) as Window & typeof globalThis;
  const proto = el instanceof win.HTMLTextAreaElement ? win.HTMLTextAreaElement.prototype
    : el instanceof win.HTMLSelectElement ? win.HTMLSelectElement.prototype : win.HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(el, value);
  else el.value = value;
}

function key(el: Element, type: 'keydown' | 'keypress' | 'keyup', char: string): boolean {
  const win = view(el) as Window & typeof globalThis;
  return el.dispatchEvent(new win.KeyboardEvent(type, { key: char, bubbles: true, cancelable: true, composed: true }));
}

/** A key pressed and released on `el` that types nothing (ArrowDown, Escape). */
export function press(el: Element, name: string): void {
  const win = view(el) as Window & typeof globalThis;
  for (const type of ['keydown', 'keyup']) el.dispatchEvent(new win.KeyboardEvent(type, { key: name, code: name, bubbles: true, cancelable: true, composed: true }));
}

/** Key codes old page code still reads (`event.keyCode === 13`), for the keys `press()` takes. */
const KEY_CODES: Readonly<Record<string, number>> = { Enter: 13, Escape: 27, ArrowUp: 38, ArrowDown: 40 };

function keyEvent(el: Element, type: 'keydown' | 'keypress' | 'keyup', name: string): boolean {
  const win = view(el) as Window & typeof globalThis;
  const code = KEY_CODES[name] ?? 0;
  const legacy = { keyCode: code, charCode: type === 'keypress' ? code : 0, which: code };
  const event = new win.KeyboardEvent(type, { key: name, code: name, ...legacy, bubbles: true, cancelable: true, composed: true, view: win });
  // An engine whose KeyboardEventInit has no legacy codes (they are not in the standard dictionary) gets them as own values.
  for (const [field, value] of Object.entries(legacy)) {
    if ((event as unknown as Record<string, number>)[field] !== value) Object.defineProperty(event, field, { value });
  }
  return el.dispatchEvent(event);
}

/**
 * A named key (Enter, Escape, arrows) pressed in `el`, focused first, as a keyboard's: keydown, then keypress for Enter
 * only (the one of them that makes a character), not sent when keydown was cancelled. False when the page cancelled
 * either: the key's own action (Enter's submission or line break) is then not done. `keyUp` ends the press.
 */
export function keyDown(el: Element, name: string): boolean {
  focus(el);
  if (!keyEvent(el, 'keydown', name)) return false;
  return name !== 'Enter' || keyEvent(el, 'keypress', name);
}

export function keyUp(el: Element, name: string): void {
  keyEvent(el, 'keyup', name);
}

/**
 * Enter's own edit in a text area or an editor: a line break at the caret (a new paragraph in an editor), unless the
 * page cancels its `beforeinput`. A read-only text area, or one whose maxlength the break would pass, is not edited.
 */
export function breakLine(el: Element): void {
  const win = view(el) as Window & typeof globalThis;
  const box = el instanceof win.HTMLTextAreaElement ? el : null;
  const [start, end] = box ? selectionOf(box) ?? [box.value.length, box.value.length] : [0, 0];
  // (review, session 24: a read-only text area took the break, and one at its maxlength went past it.)
  if (box && (box.readOnly || (box.maxLength >= 0 && box.value.length - (end - start) >= box.maxLength))) return;
  const inputType = box ? 'insertLineBreak' : 'insertParagraph';
  if (!el.dispatchEvent(new win.InputEvent('beforeinput', { bubbles: true, cancelable: true, composed: true, inputType }))) return;
  if (box) {
    setNativeValue(box, `${box.value.slice(0, start)}\n${box.value.slice(end)}`);
    box.setSelectionRange(start + 1, start + 1);
    input(box, null, inputType);
    return;
  }
  // The edit goes where the caret is: into this editor, at its end when the caret is elsewhere.
  const selection = win.getSelection();
  if (!selection) return;
  if (!selection.rangeCount || !el.contains(selection.anchorNode)) {
    const range = el.ownerDocument.createRange();
    range.selectNodeContents(el);
    range.collapse(false);
    selection.removeAllRanges();
    selection.addRange(range);
  }
  try {
    el.ownerDocument.execCommand('insertParagraph');
  } catch {
    // An engine without edit commands: the editor keeps its text.
  }
}

function input(el: Element, data: string | null, inputType: string): void {
  const win = view(el) as Window & typeof globalThis;
  el.dispatchEvent(new win.InputEvent('input', { bubbles: true, composed: true, data, inputType }));
}

/**
 * Puts the caret over all of an editing host's content, so the next edit command replaces it. False where the page
 * has no selection API to use (then the text is written directly).
 */
function selectAllOf(el: Element): boolean {
  const doc = el.ownerDocument;
  const selection = doc.defaultView?.getSelection();
  if (!selection || typeof doc.execCommand !== 'function') return false;
  const range = doc.createRange();
  range.selectNodeContents(el);
  selection.removeAllRanges();
  selection.addRange(range);
  return selection.rangeCount === 1;
}

/**
 * Rich-text editors (ProseMirror, Lexical, Draft.js, Slate, Quill) keep their own model and draw the text from it; a
 * direct write to the text breaks their block structure or is undone at their next render. A person's typing reaches
 * them as `beforeinput` (which editors such as Lexical and Slate cancel and apply to their model) and then the
 * browser's own edit with its `input` event (which editors such as ProseMirror and Draft.js read back from the DOM).
 * The document's edit commands make that edit; they fire no `beforeinput` of their own, so it is sent first, and a
 * cancelled one means the page made the edit itself. False where the command did nothing.
 */
function edit(el: Element, inputType: 'deleteContentBackward' | 'insertText', data: string | null): boolean {
  const win = view(el) as Window & typeof globalThis;
  const proceed = el.dispatchEvent(new win.InputEvent('beforeinput', { bubbles: true, cancelable: true, composed: true, data, inputType }));
  if (!proceed) return true;
  try {
    return inputType === 'insertText' ? el.ownerDocument.execCommand('insertText', false, data ?? '') : el.ownerDocument.execCommand('delete');
  } catch {
    return false;
  }
}

/** Types whose `maxlength` the browser keeps to (a number or date field ignores it). */
const LENGTH_LIMITED = new Set(['text', 'search', 'url', 'tel', 'email', 'password', 'textarea']);
const full = (box: HTMLInputElement | HTMLTextAreaElement) =>
  LENGTH_LIMITED.has(box.type) && box.maxLength > 0 && box.value.length >= box.maxLength;

/** The element that has the keyboard focus, inside shadow roots too. */
export function focusedElement(doc: Document): Element | null {
  let el = doc.activeElement;
  for (let depth = 0; el?.shadowRoot?.activeElement && depth < 20; depth++) el = el.shadowRoot.activeElement;
  return el;
}

/** Types whose caret a page can read and set (setSelectionRange): there a key goes where the caret is. */
const CARETED = new Set(['text', 'search', 'url', 'tel', 'password', 'textarea']);

/** Where the next key goes in a field (the selection it replaces), or null for a field without a caret to read. */
function selectionOf(box: HTMLInputElement | HTMLTextAreaElement): [number, number] | null {
  if (!CARETED.has(box.type)) return null;
  try {
    const [start, end] = [box.selectionStart, box.selectionEnd];
    return start === null || end === null ? null : [start, end];
  } catch {
    return null;
  }
}

/**
 * The field's text once a key is typed, and the caret after it: at the caret, over the selection, where the page left
 * a selection or a caret inside the text. Otherwise (a caret at the end, no caret to read, or one not to trust) after
 * the text so far — or after what the page made of it since the last key (`shown`: a formatter, an autocomplete).
 * The text so far, not what the field reads: a number or date field reads "" while "-" or "2024-0" is typed, and a
 * controlled field whose state comes a tick later puts its old value back after every key.
 */
function withKey(box: HTMLInputElement | HTMLTextAreaElement, char: string, typed: string, shown: string, caretTrusted: boolean): { value: string; caret: number } {
  const holds = box.value;
  const selection = caretTrusted ? selectionOf(box) : null;
  if (!selection || (selection[0] === selection[1] && selection[0] === holds.length)) {
    const value = (holds !== shown ? holds : typed) + char;
    return { value, caret: value.length };
  }
  return { value: holds.slice(0, selection[0]) + char + holds.slice(selection[1]), caret: selection[0] + char.length };
}

/**
 * How long a full box of a code may take to move the focus on by itself (a page that does it a moment after the
 * input, from a timer or an animation frame), as a person looks up before the next digit.
 */
const FOCUS_MOVE_MS = 300;

/** Waits until the focus leaves `el`, for at most `ms`. */
async function focusLeaves(el: Element, ms: number): Promise<void> {
  for (const until = Date.now() + ms; focusedElement(el.ownerDocument) === el && el.isConnected && Date.now() < until;) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Replaces the field's text with `text`, one character at a time: keydown, keypress, input, keyup per character.
 * A key goes where the caret is and replaces the selection, as a keyboard's does: a page that completes the text
 * inline (the rest selected) has its completion replaced by the next key, and keeps it after the last.
 * Keys go where the focus went when the page had a reason to move it: a field swapped for a copy as it is typed into
 * (a re-render on every input), or a full box of a code split into boxes that moves on to the next (at once, or a
 * moment later). The rest of the text goes there — into a plain text field `follows` accepts, and only once the field
 * had the focus (a field that never took it does not send the keys to whatever had it before). A page that moves the
 * focus from a field that is still there and not full is not followed. `beforeChange` is called after the last key,
 * before the `change` event. Returns the field typed into last, whether it got the whole text (not a next box of a
 * code), how many characters a full field (maxlength) did not take, and what that field held just before the last key
 * (whether it was taking the text as it was typed).
 */
export async function typeText(el: Element, text: string, follows: (next: Element) => boolean = () => false, beforeChange: () => void = () => undefined): Promise<{ field: Element; whole: boolean; dropped: number; beforeLast: string }> {
  focus(el);
  let hadFocus = focusedElement(el.ownerDocument) === el;
  const win = view(el) as Window & typeof globalThis;
  const editable = !(el instanceof win.HTMLInputElement || el instanceof win.HTMLTextAreaElement);
  let commands = editable && (el as HTMLElement).isContentEditable && selectAllOf(el);
  if (commands) {
    if (el.textContent !== '') commands = edit(el, 'deleteContentBackward', null);
  }
  if (editable && !commands) {
    el.textContent = '';
    input(el, null, 'deleteContentBackward');
  } else if (!editable && (el as HTMLInputElement).value !== '') {
    setNativeValue(el as HTMLInputElement, '');
    input(el, null, 'deleteContentBackward');
  }
  let value = '';
  // What the field showed right after the last key (see withKey).
  let shown = '';
  // Characters a full field (maxlength) did not take, as a keyboard's go nowhere.
  let dropped = 0;
  let beforeLast = '';
  // A full field is given one moment to move the focus on; one that does not keeps it (a plain maxlength field).
  let waitedIn: Element | null = null;
  // The field the last key went into: a copy the page focused in its place starts with its caret at 0 (Chrome), so
  // until a key has gone into a field its caret is not where the keys go.
  let keyedInto: Element = el;
  let whole = true;
  const chars = Array.from(text);
  for (const [i, char] of chars.entries()) {
    if (!editable) {
      if (hadFocus && el !== waitedIn && el.isConnected && full(el as HTMLInputElement) && focusedElement(el.ownerDocument) === el) {
        waitedIn = el;
        await focusLeaves(el, FOCUS_MOVE_MS);
      }
      const now = focusedElement(el.ownerDocument);
      if (now === el) hadFocus = true;
      else if (hadFocus && now && (now instanceof win.HTMLInputElement || now instanceof win.HTMLTextAreaElement) && follows(now)
        && (!el.isConnected || full(el as HTMLInputElement))) {
        // A copy of the field holds what was typed so far; the next box of a code starts empty, as a person clears it.
        if (el.isConnected) {
          whole = false;
          el.dispatchEvent(new win.Event('change', { bubbles: true }));
          if (now.value !== '') {
            setNativeValue(now, '');
            input(now, null, 'deleteContentBackward');
          }
        }
        el = now;
        value = now.value;
        shown = now.value;
      }
    }
    if (i === chars.length - 1) beforeLast = editable ? el.textContent ?? '' : (el as HTMLInputElement).value;
    const proceed = key(el, 'keydown', char);
    key(el, 'keypress', char);
    if (proceed && !editable && full(el as HTMLInputElement)) dropped++;
    else if (proceed && !editable) {
      const box = el as HTMLInputElement;
      const next = withKey(box, char, value, shown, box === keyedInto);
      value = next.value;
      setNativeValue(box, value);
      if (next.caret < value.length) box.setSelectionRange(next.caret, next.caret);
      input(box, char, 'insertText');
      shown = box.value;
      keyedInto = box;
    } else if (proceed) {
      value += char;
      if (commands) commands = edit(el, 'insertText', char);
      if (!commands) {
        el.textContent = value;
        input(el, char, 'insertText');
      }
    }
    key(el, 'keyup', char);
  }
  beforeChange();
  el.dispatchEvent(new win.Event('change', { bubbles: true }));
  return { field: el, whole, dropped, beforeLast };
}

/** Puts a text back into a field as a person's select-all and typing would: the value, then an input event. */
export function putBack(box: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  if (box.value === value) return;
  setNativeValue(box, value);
  input(box, value || null, value ? 'insertReplacementText' : 'deleteContentBackward');
}

/**
 * The option `select("…")` means (option-match.ts): its text, then case aside or by value, then by its words' initials,
 * a word's start, or holding the text; at each step one that can be chosen before a disabled one ("Double" is "Double
 * deluxe", not the sold-out "Double (sold out)" listed first), a disabled one only when no other matches there (the
 * caller then says it cannot be chosen).
 */
export function optionFor(el: HTMLSelectElement, wanted: string): HTMLOptionElement | undefined {
  const options = Array.from(el.options);
  // The option as the document says it first: "Large cars: Basic", or a "Basic" outside any group where groups hold one too.
  const norm = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
  const said = groupsTellApart(options, (o) => o.text.replace(/\s+/g, ' ').trim());
  const exact = said ? options.find((o) => norm(withGroup(o, o.text)) === norm(wanted) && !optionDisabled(o)) : undefined;
  return exact ?? matchOption(options, wanted, (o) => [o.text, o.value, withGroup(o, o.text.replace(/\s+/g, ' ').trim())], (o) => !optionDisabled(o))?.option;
}

/**
 * The options, said with their groups ("Large: Basic"), whose own text is `wanted` when that text is in more than one
 * group of the select; else none (one option of that text, or `wanted` says its group already).
 */
export function sameTextInGroups(el: HTMLSelectElement, wanted: string): string[] {
  const norm = (text: string) => text.replace(/\s+/g, ' ').trim();
  const want = norm(wanted).toLowerCase();
  const alike = Array.from(el.options).filter((o) => norm(o.text).toLowerCase() === want && !optionDisabled(o));
  const groups = new Set(alike.map((o) => withGroup(o, '')));
  // One of them outside any group is said so in the document: that one is meant.
  if (alike.some((o) => withGroup(o, '') === '')) return [];
  return groups.size > 1 ? alike.map((o) => withGroup(o, norm(o.text))) : [];
}

/** An option no one can choose: disabled itself, or in a disabled group. */
export function optionDisabled(option: HTMLOptionElement): boolean {
  const group = option.parentElement;
  return isDisabled(option) || (!!group && htmlTag(group) === 'OPTGROUP' && (group as HTMLOptGroupElement).disabled);
}

/** Chooses the option `wanted` means (optionFor); its text, or undefined when none. */
export function selectOption(el: HTMLSelectElement, wanted: string): string | undefined {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  const option = optionFor(el, wanted);
  if (!option) return undefined;
  focus(el);
  const win = view(el) as Window & typeof globalThis;
  // In a multiple select the option is added to those chosen, as a person's ctrl-click adds it (setting the select's
  // value would drop the others).
  if (el.multiple) {
    const setter = Object.getOwnPropertyDescriptor(win.HTMLOptionElement.prototype, 'selected')?.set;
    if (setter) setter.call(option, true);
    else option.selected = true;
  } else if (Array.from(el.options).some((o) => o !== option && o.value === option.value)) {
    // Another option of the same value (options of the same text in two groups, no value attribute): the value would
    // choose the first of them; this one is chosen as a person's click chooses it.
    el.selectedIndex = option.index;
  } else {
    setNativeValue(el, option.value);
  }
  el.dispatchEvent(new win.Event('input', { bubbles: true }));
  el.dispatchEvent(new win.Event('change', { bubbles: true }));
  return norm(option.text);
}

/**
 * Sets a field's whole value at once, as its picker does (a date chosen, a slider let go): focus, the value, an input
 * event, a change event (none when the value stays the same). Keys typed one by one make no value of a date, a colour or a slider.
 */
export function setWholeValue(el: HTMLInputElement, value: string): void {
  focus(el);
  const win = view(el) as Window & typeof globalThis;
  const before = el.value;
  setNativeValue(el, value);
  // The same value again (a slider's 33 rounded to the 35 it held) changes nothing, as a picker's would not.
  if (el.value === before) return;
  el.dispatchEvent(new win.Event('input', { bubbles: true, composed: true }));
  el.dispatchEvent(new win.Event('change', { bubbles: true }));
}

/** An attribute's number, or `fallback` where it has none (empty, not a number). */
const numberOr = (value: string, fallback: number) => (value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : fallback);

/** A slider's ends as the browser takes them: 0 and 100 unless set, and a maximum below the minimum is the minimum. */
export function sliderRange(input: HTMLInputElement): { min: number; max: number } {
  const min = numberOr(input.min, 0);
  return { min, max: Math.max(min, numberOr(input.max, 100)) };
}

/** A slider's or number field's arrow key, as the browser's own handling of it: one step up or down, then input and change (none at an end). */
export function stepSlider(el: HTMLInputElement, up: boolean): void {
  const before = el.value;
  if (el.step.trim().toLowerCase() === 'any') {
    // No step to take: a slider by a hundredth of its range, as Chrome's own arrow keys move it; a number field by
    // one, within its min and max where it has them.
    const { min, max } = el.type === 'range' ? sliderRange(el) : { min: numberOr(el.min, -Infinity), max: numberOr(el.max, Infinity) };
    const by = el.type === 'range' ? (max - min) / 100 : 1;
    setNativeValue(el, String(Math.min(max, Math.max(min, (Number(el.value) || 0) + (up ? by : -by)))));
  } else {
    try {
      if (up) el.stepUp();
      else el.stepDown();
    } catch {
      return;
    }
  }
  if (el.value === before) return;
  const win = view(el) as Window & typeof globalThis;
  el.dispatchEvent(new win.Event('input', { bubbles: true, composed: true }));
  el.dispatchEvent(new win.Event('change', { bubbles: true }));
}
