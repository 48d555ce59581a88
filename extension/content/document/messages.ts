/**
 * Messages: what a page says back (a status line, a form's alert, a chat log, a calculator's `<output>`). Each is a
 * read-only `message` entry: named by what labels it (never by the text it shows, which changes with every action),
 * its current text its description. A live region is often empty until something happens (a toast container): a
 * rendered one is an entry all the same, so a script written before the click already has its name.
 */
import type { ElementEntry } from './types.ts';
import { accessibleName, byId, hideSecrets, labelledBy, labelsOf, moreElementsThan, textOf } from './dom.ts';
import { ownName } from './names.ts';
import { FIELD_KINDS, htmlTag, kindOf, roleOf } from './classify.ts';
import { locatorsFor, type LocatorCache } from './locators.ts';
import { collapse, nameWords, readableToken, slug, truncate } from './text.ts';
import { attr, childrenOf, classListOf, closestOf, firstChildOf, idOf, matchesOf, nextSiblingOf, nodeTypeOf, parentOf, previousElementOf, queryAllOf, rootNodeOf } from './dom-safe.ts';

/**
 * Roles whose element is a message: live regions by role, and a timer (not announced by default; a task about the
 * time left reads it).
 */
const MESSAGE_ROLES: ReadonlySet<string> = new Set(['status', 'alert', 'log', 'timer']);
/**
 * Messages of one page read, at most: the first ones rendered in document order, empty or not, so that which messages
 * are entries does not change as they fill and clear (a toast that clears takes no other's place). An empty one is
 * a short line (its name and kind).
 */
export const MAX_MESSAGES = 12;
/** Messages the walk looks at, at most, before lists take theirs and the cap above chooses (bounds a read's work). */
export const MAX_WALKED_MESSAGES = 100;
/** Elements a bare `aria-live` region may hold and still be a message: a bigger one is live content (results, a feed). */
const MAX_LIVE_ELEMENTS = 60;
/** Characters of a message's text kept as its description. */
const MESSAGE_CHARS = 200;

const liveValue = (el: Element): string => (attr(el, 'aria-live') ?? '').trim().toLowerCase();

/** The role word a message is named by when nothing labels it: `status`, `alert`, `log` or `output`. */
export function messageRole(el: Element): string {
  const role = roleOf(el);
  if (role && MESSAGE_ROLES.has(role)) return role;
  if (htmlTag(el) === 'OUTPUT') return 'output';
  return liveValue(el) === 'assertive' ? 'alert' : 'status';
}

/**
 * A status line, an alert, a log, an `aria-live` region (polite or assertive) or an `<output>` — and no control: a
 * `<button role="status">` stays a button (its kind wins), so nothing is both.
 */
export function isMessageElement(el: Element): boolean {
  const role = roleOf(el);
  const byRole = !!role && MESSAGE_ROLES.has(role);
  const output = htmlTag(el) === 'OUTPUT';
  const live = liveValue(el);
  if (!byRole && !output && live !== 'polite' && live !== 'assertive') return false;
  if (kindOf(el)) return false;
  // A toaster (a live region around toasts that are messages each: Sonner, react-hot-toast) is no message itself: its
  // toasts are, one by one (explorer, session 44: two toasts and their buttons' words were one message, cut).
  if (holdsMessages(el)) return false;
  return byRole || output || !moreElementsThan(el, MAX_LIVE_ELEMENTS);
}

function holdsMessages(el: Element): boolean {
  return queryAllOf(el, '[role=status], [role=alert], [aria-live=polite], [aria-live=assertive]').length >= 2;
}

/** How many messages a read has taken. */
export interface MessageCount {
  total: number;
}

/** Whether the read takes one more message (see MAX_MESSAGES), in document order, counting it if so. */
export function admitMessage(count: MessageCount): boolean {
  if (count.total >= MAX_MESSAGES) return false;
  count.total++;
  return true;
}

/**
 * Its current text: a log's last part (its newest lines), anything else's first. A password or code the user typed that
 * the page echoes ("The password … is too weak") is hidden, as in accessible names (dom.ts).
 */
export function messageText(el: Element): string {
  return hideSecrets(shownText(el));
}
function shownText(el: Element): string {
  const lines = messageRole(el) === 'log' ? Array.from(childrenOf(el)) : [];
  if (lines.length < 2) return textOf(el, MESSAGE_CHARS);
  const all = collapse(lines.slice(-LOG_LINES).map((line) => textOf(line, MESSAGE_CHARS)).join(' '));
  return all.length > MESSAGE_CHARS || lines.length > LOG_LINES ? `…${all.slice(-(MESSAGE_CHARS - 1)).trimStart()}` : all;
}
/** A log's last lines (child elements) read for its text. */
const LOG_LINES = 12;

/** Text directly before `el` in its parent, when it reads as a label ("Total: <output>"). */
function inlineLabel(el: Element): string {
  const parent = parentOf(el);
  if (!parent) return '';
  let text = '';
  let steps = 0;
  for (let node = firstChildOf(parent); node && node !== el && steps < 50; node = nextSiblingOf(node), steps++) {
    // Only what follows the last element before it: "Removed: <output/> · Total: <output/>" gives the second "Total:".
    text = nodeTypeOf(node) === 3 ? `${text}${node.nodeValue ?? ''}` : '';
  }
  const label = collapse(text.replace(/^[\s·|•,;-]+/, ''));
  return label.length <= 40 && /[\p{L}]/u.test(label) && /:$/.test(label) ? label.slice(0, -1) : '';
}

/** The words of a class that says it holds messages (`flash-messages`, `toast-container` → "toast"). */
const MESSAGE_CLASS = /(toast|flash|notice|notif|alert|error|status|message|feedback|announce|result|snackbar|banner|countdown|timer)/i;
const PLACE_WORDS = /^(container|wrapper|wrap|region|area|holder|inner|outer|box|root|list|js|is|has)$/i;
function classLabel(el: Element): string {
  for (const name of Array.from(classListOf(el)).slice(0, 12)) {
    if (!readableToken(name) || !MESSAGE_CLASS.test(name)) continue;
    const words = name.replace(/--.*$/, '').split(/[-_]+/).filter((word) => word && !PLACE_WORDS.test(word));
    if (words.length) return words.join(' ');
  }
  return '';
}

/** What `<output for="a b">` shows the result of: its controls' labels. */
function outputFor(el: Element): string {
  const ids = (attr(el, 'for') ?? '').split(/\s+/).filter(Boolean).slice(0, 3);
  return collapse(ids.map((id) => byId(el, id)).filter((x): x is Element => !!x).map((control) => labelsOf(control) ?? attr(control, 'aria-label') ?? '').join(' '));
}

/** Elements a sibling may hold and still be one field's row (`<div><label/><input/></div>`), not a block of its own. */
const MAX_ROW_ELEMENTS = 12;
/** Wrappers a message may sit in and still be in its field's row (not a form, a fieldset or a section). */
const ROW_TAGS: ReadonlySet<string> = new Set(['DIV', 'SPAN', 'P', 'LABEL', 'LI', 'TD', 'DD']);

/** The control a page's aria-describedby or aria-errormessage points from to this message (by its id). */
function describedControl(el: Element): Element | undefined {
  const id = idOf(el);
  if (!id) return undefined;
  const pointing = queryAllOf(rootNodeOf(el) as Document | DocumentFragment, '[aria-describedby], [aria-errormessage]');
  for (let i = 0; i < Math.min(pointing.length, 300); i++) {
    const control = pointing[i]!;
    const ids = `${attr(control, 'aria-describedby') ?? ''} ${attr(control, 'aria-errormessage') ?? ''}`.split(/\s+/);
    if (ids.includes(id) && kindOf(control)) return control;
  }
  return undefined;
}

/** `el` if it is a control, else the last control in it when it is small (a field's row); undefined if none. */
function lastControlIn(el: Element): Element | undefined {
  if (kindOf(el)) return el;
  if (moreElementsThan(el, MAX_ROW_ELEMENTS)) return undefined;
  const inside = queryAllOf(el, '*');
  for (let i = inside.length - 1; i >= 0; i--) if (kindOf(inside[i]!)) return inside[i]!;
  return undefined;
}

/**
 * The control right before the message in its row: the previous elements in its parent (a label, an icon, a wrapper
 * holding the field), then, in a small wrapper, those before the wrapper. Another control or message first: none.
 */
const LANDMARKS = 'main, nav, header, footer, aside, article, section, dialog, [role=main], [role=navigation], [role=banner], [role=contentinfo], [role=complementary], [role=region], [role=dialog]';

function controlBefore(el: Element): Element | undefined {
  let node: Element | null = el;
  for (let level = 0; node && level < 2; level++) {
    for (let sibling = previousElementOf(node), steps = 0; sibling && steps < 3; sibling = previousElementOf(sibling), steps++) {
      // A landmark before it is the page's part, not its row (a toast after `<main>` is about no field of it).
      if (isMessageElement(sibling) || matchesOf(sibling, LANDMARKS)) return undefined;
      const control = lastControlIn(sibling);
      if (control) return control;
    }
    const parent = parentOf(node);
    if (!parent || !ROW_TAGS.has(htmlTag(parent)) || moreElementsThan(parent, MAX_ROW_ELEMENTS)) return undefined;
    node = parent;
  }
  return undefined;
}

/**
 * A field's own message named after its field (`email alert`): the control that points to it (aria-describedby,
 * aria-errormessage), else the one right before it in its row. A banner above the form ("Please fix the errors
 * below") has neither, and keeps its role word: a field's error keeps its name when such a banner comes or goes.
 */
function fieldName(el: Element): string {
  const control = describedControl(el) ?? controlBefore(el);
  const kind = control ? kindOf(control) : undefined;
  if (!control || !kind || !FIELD_KINDS.has(kind)) return '';
  const words = ownName(control, kind, accessibleName(control)).split('_').slice(0, 2);
  return `${words.join(' ')} ${messageRole(el)}`;
}

/** A label of its own: aria-labelledby, aria-label, a `<label>` (a wrapping one without the message's own text). */
export function messageLabel(el: Element): string {
  const ids = attr(el, 'aria-labelledby');
  if (ids) {
    const text = collapse(ids.split(/\s+/).map((id) => byId(el, id)).filter((x): x is Element => !!x).map((x) => textOf(x, 120)).join(' '));
    if (text) return text;
  }
  const aria = collapse(attr(el, 'aria-label') ?? '');
  if (aria) return aria;
  const wrapping = closestOf(el, 'label');
  if (wrapping) {
    const own = textOf(el, 1000);
    const around = textOf(wrapping, 1000);
    return collapse(own ? around.replace(own, ' ') : around).replace(/:$/, '');
  }
  return labelsOf(el) ?? '';
}

/**
 * The readable part of its name: its label, the text labelling it inline, its id, its `name`, the controls an output
 * is for, the field it is about (fieldName), a class that says it holds messages, else its role word. Never the text
 * it shows.
 */
export function messageName(el: Element, label: string): string {
  const candidates = [
    () => label,
    () => inlineLabel(el),
    () => readableToken(idOf(el))?.replace(/([a-z])([A-Z])/g, '$1 $2') ?? '',
    () => readableToken(attr(el, 'name'))?.replace(/([a-z])([A-Z])/g, '$1 $2') ?? '',
    () => (htmlTag(el) === 'OUTPUT' ? outputFor(el) : ''),
    // A timer counts down for the page or the form, never for the field it happens to follow.
    () => (messageRole(el) === 'timer' ? '' : fieldName(el)),
    () => stepperLabel(el),
    () => classLabel(el),
  ];
  for (const candidate of candidates) {
    const name = slug(nameWords(candidate()), 3);
    if (name) return name;
  }
  return messageRole(el);
}

/**
 * The value of a labelled stepper (`role=group aria-label="Quantity"`: − `<span aria-live>1</span>` +) is named by the
 * group: `quantity`, not `status` (explorer, session 56). Only a value between buttons, in a small labelled group.
 */
function stepperLabel(el: Element): string {
  const group = parentOf(el);
  if (!group || childrenOf(group).length > 4) return '';
  const others = Array.from(childrenOf(group)).filter((child) => child !== el);
  if (!others.length || !others.every((child) => htmlTag(child) === 'BUTTON' || attr(child, 'role') === 'button')) return '';
  return collapse(labelledBy(group) ?? attr(group, 'aria-label') ?? '');
}

/** The entry of a message: its name's own part, its text as description, locators by its label (not its text). */
export function messageEntry(el: Element, cache: LocatorCache): ElementEntry {
  const label = truncate(messageLabel(el), 300);
  return { name: messageName(el, label), kind: 'message', description: messageText(el), locators: locatorsFor(el, label, cache) };
}
