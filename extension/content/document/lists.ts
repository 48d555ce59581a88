/**
 * Repeated sibling structures (mail rows, results, products) become one list entry: count, named slots per item
 * (fields to read, actions to take) and a few samples, instead of hundreds of separate elements.
 */
import { factKind, factText } from './facts.ts';
import type { ElementKind, ListSlot } from './types.ts';
import type { Candidate } from './walk.ts';
import { COUNT_SENTENCE, labelsToggle, toggleLabelOf, toggleStateOf } from './label-toggle.ts';
import { SKIP_TAGS, accessibleName, hiddenInline, hideSecrets, holdsTypedText, iconName, spelledOut, ligatureIcon, moreElementsThan, pictureWords, shadowOf, shownItem, styleOf, tagOf, textOf, wordsOnlyInLigatures, wordsOnlyInPictures } from './dom.ts';
import { ROW_GROUP_ROLES, isSensitive, kindOf, roleOf } from './classify.ts';
import { cssIdent, type LocatorCache } from './locators.ts';
import { itemQueryFor } from './list-items.ts';
import { columnsOfRows, type RowShapes } from './board-columns.ts';
import { commentOf, threadName, threadsAmong, type Thread } from './threads.ts';
import { PARENT_SLOT, spreadRows } from './spread-rows.ts';
import { tileRows } from './tile-rows.ts';
import { groupedRows, TITLE_BOX, upSlot } from './grouped-rows.ts';
import { machineValue } from './machine-value.ts';
import { collapse, designKitClass, readableToken, slug, TEST_HOOKS, truncate, withoutKitPrefix } from './text.ts';
import { VISUALLY_HIDDEN } from './names.ts';
import { WHEN } from './text.ts';
import { DAYS_LIST, EVENTS_LIST, calendarThrough, dayCellOf, dayCellsOf, dayOfEvent, isDay } from './calendar.ts';
import { INTO_SHADOW, partsOf, queryAcross, rootAbove, slottedIntoControl, upAcross } from './shadow-parts.ts';
import { MAX_UPWARD_STEPS, attr, attrNames, checkVisibilityOf, childElementCountOf, childrenOf, classListOf, closestOf, containsOf, firstChildOf, firstElementChildOf, hasAttr, idOf, localNameOf, matchesOf, nextElementOf, nextSiblingOf, nodeTypeOf, ownerDocOf, parentOf, previousElementOf, queryAllOf, queryOf, tagNameOf, textContentOf } from './dom-safe.ts';

export interface DetectedList {
  container: Element;
  items: Element[];
  members: Candidate[];
  slots: ListSlot[];
  fields: string[];
  actions: string[];
  samples: Record<string, string>[];
  /** The first item's machine-readable value of each field that has one (machine-value.ts). */
  machineValues?: Record<string, string>;
  itemSelector: string;
  /** Each item's path from the container, where no selector picks exactly the items (list-items.ts). */
  itemPaths?: readonly string[];
  /** The list's name whatever its labels say (a calendar's `days`); its labels still describe it. */
  name?: string;
  /** A board's column whose cards the list is, and the column's heading (board-columns.ts). */
  column?: { item: Element; heading: Element };
  /** The name where nothing names the list (a thread's `comments`, by their class), before `items`. */
  fallbackName?: string;
  /** An element whose class names the list before its container's: grouped rows' box (`ul.subtasks`). */
  namedBy?: Element;
}

const MIN_ITEMS = 3;
const SMALL_LIST = 8;
/** Buttons named apart, one an item, up to which they are a toolbar's commands, not a list. */
const MAX_COMMANDS = 16;
const MAX_ITEM_ELEMENTS = 250;
const MAX_ITEM_CANDIDATES = 20;
const MAX_ROW_CANDIDATES = 24;
const MAX_DEPTH = 16;
const MAX_SLOTS = 12;
const MAX_ROW_SLOTS = 14;
/** Texts an item keeps past its controls (a chat message's words beside its ten reaction and hover buttons). */
const MIN_TEXT_SLOTS = 4;
/** Items that are a table's rows, which hold more controls and fields than other items (MAX_ROW_CANDIDATES, MAX_ROW_SLOTS). */
const tableRows = (items: readonly Element[]): boolean => tagOf(items[0]!) === 'TR' || roleOf(items[0]!) === 'row';
const SAMPLES = 3;
const STATE_CLASS = /^(is-|has-)|^(active|selected|current|unread|read|hidden|visible|new|odd|even|first|last|focus|hover|disabled|checked|lazyload|lazyloaded|lazyloading)$/i;
/**
 * A modifier that says a state the user changes (BEM's `c-reaction--reacted`, `item--selected`): a selector with it
 * finds the part only while it is in that state (explorer, session 66: Slack's first reaction was `button.c-reaction--reacted`).
 */
const STATE_MODIFIER = /(?:--|__)(?:is-)?(?:active|selected|current|unread|read|checked|pressed|reacted|liked|starred|saved|open|opened|closed|expanded|collapsed|focused|hovered|done|completed|visited|disabled|enabled|on|off)$/i;
const stateClass = (name: string): boolean => STATE_CLASS.test(name) || STATE_MODIFIER.test(name);

/** Controls a form is made of: rows holding one of these each are the form's fields, not a list of items. */
const FORM_FIELD_KINDS: ReadonlySet<string> = new Set(['text_input', 'text_area', 'select', 'combobox', 'editable']);
/** Controls a form also has among its fields (Remember me, a range); rows of these alone may be a list (a checklist). */
const FORM_CHOICE_KINDS: ReadonlySet<string> = new Set(['checkbox', 'radio', 'switch', 'slider']);

/** Rows of one control each, fields of a form: text fields, or text fields and fewer boxes (a sign-in's Remember me). */
function formRows(memberMap: Map<Element, Candidate[]>): boolean {
  let fields = 0;
  let choices = 0;
  for (const members of memberMap.values()) {
    if (members.length !== 1) return false;
    if (FORM_FIELD_KINDS.has(members[0]!.kind)) fields++;
    else if (FORM_CHOICE_KINDS.has(members[0]!.kind)) choices++;
    else return false;
  }
  // Toppings with an "Other" field are still a checklist.
  return fields > 0 && choices <= fields;
}

/**
 * Cards that each head a group of settings (Email: Mentions, Digest; Push: Mentions, Reminders; Pause all: 1 hour,
 * 8 hours): sections with controls of their own, not items of one list (explorer, session 50: `$notifications__items`
 * with slots `mentions(checkbox)`, `checkbox`, `card_body`; "turn off push reminders" meant find("Push").checkbox). Each
 * card has a heading, and their boxes and fields are labelled apart from card to card, none by its card's heading (a
 * product card's "Quantity" or "Compare Dune" box is a list's).
 */
function headedSettings(items: readonly Element[], memberMap: Map<Element, Candidate[]>): HeadedCard[] | undefined {
  if (items.length > MAX_COMMANDS) return undefined;
  // A button or link that says the same in two cards is the cards' action (a product's "Add to cart" beside its Size
  // select: review, session 50); settings cards have none.
  const actions = new Set<string>();
  for (const members of memberMap.values()) {
    for (const label of new Set(members.filter((m) => !FORM_CHOICE_KINDS.has(m.kind) && !FORM_FIELD_KINDS.has(m.kind)).map((m) => collapse(accessibleName(m.el)).toLowerCase()))) {
      if (actions.has(label)) return undefined;
      actions.add(label);
    }
  }
  const labelSets: string[] = [];
  const cards: HeadedCard[] = [];
  // Cards whose controls say the card's title ("Quantity for Red shirt"): products, each with its own fields, when all
  // say theirs or two say it alike ("Quantity for …" in two cards: one sold out without it, or a title with a "New"
  // badge, is a product all the same: review, session 54). Some among settings are settings named by their section
  // ("2+ stops" under "Stops", "Max price" under "Price" among a search's filter groups: explorer, session 54).
  let titled = 0;
  const sayingTitles = new Set<string>();
  for (const item of items) {
    const heading = queryOf(item, 'h1,h2,h3,h4,h5,h6,[role=heading]') ?? (tagOf(item) === 'FIELDSET' ? queryOf(item, ':scope > legend') : null);
    if (!heading) return undefined;
    cards.push({ item, heading });
    const title = collapse(textOf(heading, 200)).toLowerCase();
    const controls = (memberMap.get(item) ?? []).filter((m) => FORM_CHOICE_KINDS.has(m.kind) || FORM_FIELD_KINDS.has(m.kind));
    if (!controls.length) continue;
    const labels = controls.map((m) => collapse(accessibleName(m.el)).toLowerCase());
    if (labels.some((label) => !label)) return undefined;
    const templates = labels.map((label) => (title ? label.split(title).join('\u0000') : label));
    // A control the heading labels, its words the title's alone (a form's question "Country" over its dropdown), is no
    // product's control saying its product.
    const saying = templates.filter((label) => label.includes('\u0000') && label !== '\u0000');
    if (saying.length) titled++;
    for (const template of new Set(saying)) {
      if (sayingTitles.has(template)) return undefined;
      sayingTitles.add(template);
    }
    labelSets.push(templates.join('|'));
  }
  return labelSets.length >= 2 && new Set(labelSets).size > 1 && titled < labelSets.length ? cards : undefined;
}

/** A card and the heading that names its section. */
type HeadedCard = { item: Element; heading: Element };
/** Where detectLists hands the settings cards it found (reset each run). */
let headedOut: HeadedCard[][] | undefined;

/**
 * Rows of several fields each, every field labelled its own way: a form laid out in columns (Bootstrap's `.row >
 * .col-md-6` pairs, Salesforce's `slds-form` rows), not a list of items (explorer, session 43: `$shipping list(3)
 * fields: label, label_2`, no field by its name, no value). Items repeat their fields' labels ("Quantity") or share
 * their first word ("Quantity for Red shirt"); a form's do not.
 */
function formGrid(memberMap: Map<Element, Candidate[]>): boolean {
  const labels: string[] = [];
  let fields = 0;
  for (const members of memberMap.values()) {
    for (const member of members) {
      if (FORM_FIELD_KINDS.has(member.kind)) fields++;
      else if (!FORM_CHOICE_KINDS.has(member.kind)) {
        if (member.kind === 'button') continue;
        return false;
      }
      labels.push(collapse(accessibleName(member.el)).toLowerCase());
    }
  }
  if (fields * 2 < labels.length || labels.some((label) => !label) || new Set(labels).size !== labels.length) return false;
  const [, sharing] = mostCommon(labels.map((label) => label.split(' ')[0]!));
  return sharing * 2 < labels.length;
}

/** Prose is not a list: paragraphs, quotes and long texts keep their links as elements. */
const PROSE = new Set(['P', 'BLOCKQUOTE', 'PRE', 'TD', 'DD', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

// Per detection run (reset in detectLists): the DOM may change between runs.
let signatures = new WeakMap<Element, string>();

function signature(el: Element): string {
  let known = signatures.get(el);
  if (known === undefined) {
    known = computeSignature(el);
    signatures.set(el, known);
  }
  return known;
}

function computeSignature(el: Element): string {
  const head = `${tagNameOf(el)}|${roleOf(el) ?? ''}`;
  if (kindOf(el)) return head;
  const tags = new Set<string>();
  const row = tagNameOf(el) === 'LI';
  for (let child = firstElementChildOf(el); child; child = nextElementOf(child)) {
    // Wikipedia puts a `<link rel=stylesheet>` in some reference rows; it shows nothing. Only in rows: elsewhere
    // skipping such children made ad slots (`<div>` + `<script>`) look like the story blocks beside them.
    const tag = tagNameOf(child);
    if (row && tag === 'LINK') continue;
    tags.add(tag);
  }
  return `${head}|${[...tags].sort().join(',')}`;
}

/** The first class that names what an element is (not its state), by class attribute: pages repeat a few of them. */
const stableClasses = new Map<string, string | undefined>();

function stableClass(el: Element): string | undefined {
  const attribute = attr(el, 'class');
  if (!attribute) return undefined;
  if (stableClasses.has(attribute)) return stableClasses.get(attribute);
  const readable = Array.from(classListOf(el)).filter((name) => !stateClass(name) && !BUTTON_LOOK.test(name) && readableToken(name));
  // Past one that says only what kind of control it is (Slack's `c-button-unstyled c-reaction_add`): a reaction and
  // "Add reaction" are told apart by it, and the add button alone in a bar is the same step as beside a reaction.
  const found = readable.find((name) => !saysOnlyKind(withoutKitPrefix(name))) ?? readable[0];
  if (stableClasses.size > 10_000) stableClasses.clear();
  stableClasses.set(attribute, found);
  return found;
}

let baseSteps = new WeakMap<Element, string>();

function baseStep(el: Element): string {
  let known = baseSteps.get(el);
  if (known === undefined) {
    const cls = stableClass(el);
    // Type selectors match SVG names as written (`foreignObject`) and take no XHTML prefix: the local name.
    const tag = cssIdent(localNameOf(el));
    known = cls ? `${tag}.${cls.replace(/[^A-Za-z0-9_-]/g, '')}` : tag;
    baseSteps.set(el, known);
  }
  return known;
}

let steps = new WeakMap<Element, string>();

/** Tag and stable class; nth-of-type only where siblings would share that step (all siblings' steps at once). */
function step(el: Element): string {
  const known = steps.get(el);
  if (known !== undefined) return known;
  const parent = parentOf(el) ?? rootAbove(el);
  if (!parent) return baseStep(el);
  const byTag = new Map<string, Element[]>();
  for (const child of Array.from(childrenOf(parent))) {
    const same = byTag.get(tagNameOf(child));
    if (same) same.push(child); else byTag.set(tagNameOf(child), [child]);
  }
  for (const same of byTag.values()) {
    const perStep = new Map<string, number>();
    for (const child of same) perStep.set(baseStep(child), (perStep.get(baseStep(child)) ?? 0) + 1);
    let marks: ReadonlyMap<string, number> | undefined;
    same.forEach((child, i) => {
      const own = baseStep(child);
      const unique = same.length < 2 || (own.includes('.') && perStep.get(own) === 1);
      steps.set(child, unique ? own : notTheOthers(child, own, perStep) ?? markedApart(child, marks ??= marksOf(same))
        ?? notMarked(child, same, marks) ?? `${(own === tagStep(child) && sharedMark(child, same.length, marks)) || own}:nth-of-type(${i + 1})`);
    });
  }
  return steps.get(el)!;
}

/**
 * The one classless element of its tag among classed siblings, as "not them": a price after an old one struck
 * (`span.strike`) in some cards only is `span:not(.strike)` in every card, where an index would find the old price
 * in one card and nothing in the others (explorer, session 52).
 */
function notTheOthers(el: Element, own: string, perStep: ReadonlyMap<string, number>): string | undefined {
  if (own.includes('.') || perStep.get(own) !== 1) return undefined;
  const others = [...perStep.keys()].filter((other) => other !== own);
  if (others.length > 2 || !others.every((other) => other.includes('.'))) return undefined;
  const step = `${own}${others.map((other) => `:not(.${other.slice(other.indexOf('.') + 1)})`).join('')}`;
  return matchesOf(el, step) ? step : undefined;
}

/**
 * What only this one of its siblings of a tag has: a test id, else any class, hashed too (Discord's `contents_f9e796`,
 * DoorDash's `[data-testid="OrderCartItemPrice"]`). A message with a reply's quote before its words, or a dish with no
 * description before its price, shifts an index: the second `div` was the words in one item and the toolbar in the
 * next, and a script's "Add reaction" clicked a reaction (explorer, session 62). Not a number's: it names one item.
 */
function markedApart(el: Element, marks: ReadonlyMap<string, number>): string | undefined {
  const tag = tagStep(el);
  for (const name of TEST_HOOKS) {
    const value = attr(el, name);
    if (value && value.length <= 60 && !/\d{3,}/.test(value) && marks.get(`${name}=${value}`) === 1) return `${tag}[${name}=${JSON.stringify(value)}]`;
  }
  const cls = Array.from(classListOf(el)).find((name) => markingClass(name) && marks.get(`.${name}`) === 1);
  return cls ? `${tag}.${cls}` : undefined;
}

/** A class that may mark a part among its siblings: a plain identifier, no state, no number of one item. */
const markingClass = (name: string): boolean => /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) && name.length <= 60 && !stateClass(name)
  && !/(?:^|[-_])\d+$/.test(name) && !/\d{4,}/.test(name);

/**
 * The one sibling of its tag with no class or test id, where the others are each marked apart by a class of their own
 * (markedApart), even one that names nothing: "not them". Google's snippet `<span>` after a date's `span.LEwnzc` in
 * some results only was `span:nth-of-type(2)` there and `span` elsewhere, two fields (explorer, session 64);
 * mergeNegated makes the two one.
 */
function notMarked(el: Element, same: readonly Element[], marks: ReadonlyMap<string, number>): string | undefined {
  if (classListOf(el).length || same.length > 3 || TEST_HOOKS.some((name) => hasAttr(el, name))) return undefined;
  const nots: string[] = [];
  for (const other of same) {
    if (other === el) continue;
    const marked = markedApart(other, marks);
    const cls = marked && /^[\w-]+\.([\w-]+)$/.exec(marked)?.[1];
    if (!cls) return undefined;
    nots.push(`:not(.${cls})`);
  }
  const step = `${cssIdent(localNameOf(el))}${nots.join('')}`;
  return matchesOf(el, step) ? step : undefined;
}

const tagStep = (el: Element): string => cssIdent(localNameOf(el));

/**
 * A class the element shares with some of its siblings of a tag, not all (Linear's label chips `span.sc-gsFSXq`, two in
 * one issue, one in the next, among other spans): kept with the index, so the chips stay one kind of part wherever
 * they stand (mergeRepeated reads them together); by index alone, an issue's second chip and the next one's assignee
 * were one field (explorer, session 66).
 */
function sharedMark(el: Element, siblings: number, marks: ReadonlyMap<string, number>): string | undefined {
  const cls = Array.from(classListOf(el)).find((name) => markingClass(name) && (marks.get(`.${name}`) ?? 0) >= 2 && (marks.get(`.${name}`) ?? 0) < siblings);
  return cls ? `${tagStep(el)}.${cls}` : undefined;
}

/** How many of the siblings have each test id and each class: counted once per group, not per sibling (long lists). */
function marksOf(same: readonly Element[]): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  for (const el of same) {
    const marks = new Set<string>(Array.from(classListOf(el), (name) => `.${name}`));
    for (const name of TEST_HOOKS) {
      const value = attr(el, name);
      if (value) marks.add(`${name}=${value}`);
    }
    for (const mark of marks) counts.set(mark, (counts.get(mark) ?? 0) + 1);
  }
  return counts;
}

/** Selector of `el` relative to `item` (`:scope` for the item itself), built from tags and stable classes. */
export function relativeSelector(item: Element, el: Element): string {
  if (item === el) return ':scope';
  let path = '';
  for (let node: Element | null = el, n = 0; node && node !== item && n < MAX_UPWARD_STEPS; n++) {
    const root = rootAbove(node);
    path = `${root ? INTO_SHADOW : ' > '}${step(node)}${path}`;
    node = root ? root.host : parentOf(node);
  }
  return `:scope${path}`;
}

/** `:up(3) > div.top > a.num`: a field read from the item's ancestor that many steps up (grouped-rows.ts upSlot). */
const UP_SLOT = /^:up\((\d)\) > /;

export function slotElement(item: Element, selector: string): Element | null {
  if (selector === ':scope') return item;
  // A part of the item's column (a week's day heading over its events: spread-rows.ts).
  // A part of the cell of the item's day (a month's events: eventList), that many steps up.
  const up = UP_SLOT.exec(selector);
  if (up) {
    let cell: Element | null = item;
    for (let n = Number(up[1]); cell && n > 0; n--) cell = parentOf(cell);
    try {
      return cell && queryOf(cell, `:scope > ${selector.slice(up[0].length)}`);
    } catch {
      return null;
    }
  }
  if (selector.startsWith(PARENT_SLOT)) {
    const column = parentOf(item);
    try {
      return column && queryOf(column, `:scope > ${selector.slice(PARENT_SLOT.length)}`);
    } catch {
      return null;
    }
  }
  // A description list's value: the element right after its term (data-tables.ts, NEXT_VALUE_SLOT).
  if (selector.startsWith(':scope + ')) {
    const next = nextElementOf(item);
    try {
      return next && matchesOf(next, selector.slice(':scope + '.length)) ? next : null;
    } catch {
      return null;
    }
  }
  try {
    return selector.includes(INTO_SHADOW) ? queryAcross(item, selector) : queryOf(item, selector);
  } catch {
    return null;
  }
}

/**
 * What a row reads for a field it has no element for, where the field is the link that names the row, in its first
 * cell: that cell (a company's name linked in some rows and plain in others reads "Globex" in those; explorer, session
 * 40). Not a link or button further along (a "Track" link whose cell says "Not shipped yet" is absent there, as a
 * script filtering the shipped rows needs), nor in a table whose body has cells spanning rows (its rows' cells are not
 * where the selector counts them). Reads only: a click on it still finds no link there. Null elsewhere.
 */
export function cellInPlaceOf(item: Element, selector: string): Element | null {
  const at = selector.lastIndexOf(' > ');
  if (at < 0 || !/^a(?![\w-])/.test(selector.slice(at + 3))) return null;
  const cell = slotElement(item, selector.slice(0, at));
  if (!cell || (tagOf(cell) !== 'TD' && tagOf(cell) !== 'TH') || previousElementOf(cell) || queryOf(cell, 'a[href],button,input,select,textarea')) return null;
  const body = parentOf(item);
  return body && queryOf(body, ':scope > tr > [rowspan]:not([rowspan="1"])') ? null : cell;
}

/**
 * Text of its own, not only separators between its parts ("Baixa · 0.3 km": the wrapper was a field, its parts none).
 * Commas stay words: "He, Zhang, Ren, Sun" is one field of authors, however many.
 */
export function ownText(el: Element, words = /[^\s·•|]/): boolean {
  for (let node = firstChildOf(el); node; node = nextSiblingOf(node)) if (nodeTypeOf(node) === 3 && node.nodeValue && words.test(node.nodeValue)) return true;
  return false;
}

/**
 * Parts named by classes that share a plugin's prefix of two words or more (`wprm-recipe-ingredient-amount`, `…-unit`,
 * `…-name`): what follows it (`amount`, `unit`, `name`; explorer, session 54), where that tells them apart.
 */
function withoutSharedPrefix(names: Map<SlotStats, string>): void {
  const groups = new Map<string, { slot: SlotStats; words: string[] }[]>();
  for (const slot of names.keys()) {
    const words = slot.kind === 'text' ? (fieldClass(slot.sample, false, false, slot.worn) ?? '').split(/[-_\s]+/).filter(Boolean) : [];
    if (words.length < 3) continue;
    const key = words.slice(0, 2).join(' ').toLowerCase();
    const group = groups.get(key);
    if (group) group.push({ slot, words }); else groups.set(key, [{ slot, words }]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    let shared = 2;
    while (group.every(({ words }) => words.length > shared + 1 && words[shared] === group[0]!.words[shared])) shared++;
    const rest = group.map(({ words }) => slug(words.slice(shared).join(' '), 3));
    if (rest.every(Boolean) && new Set(rest).size === rest.length) group.forEach(({ slot }, i) => names.set(slot, rest[i]!));
  }
}

/** A label that starts with a date: a month's name or its short form before a day ("May 2, 2024", "Sept. 3"), or a day said ("Today at 4:12 PM"). */
const DATED = /^(?:(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d|(?:today|yesterday|tomorrow)\b)/i;

function commonPrefix(labels: string[], maxWords: number): string {
  const split = labels.map((l) => l.toLowerCase().split(/\s+/).filter(Boolean));
  const first = split[0] ?? [];
  const out: string[] = [];
  for (let i = 0; i < Math.min(first.length, maxWords); i++) {
    if (split.every((words) => words[i] === first[i])) out.push(first[i]!);
    else break;
  }
  return out.join(' ');
}

/** Words of four letters or more, but for words that only join others. */
const wordsOf = (text: string): string[] => text.toLowerCase().replace(/['’]s\b/g, '').split(/[^\p{L}]+/u).filter((word) => word.length >= 4 && !JOINING_WORDS.has(word));

/**
 * The first word that all `labels` say and no item shows beside the control (a brand every item's name has, "Save Nike
 * Air Max to wishlist": review, session 59, `nike`); else ''.
 */
function wordOfAll(labels: string[], shown: ReadonlySet<string>): string {
  const [first, ...rest] = labels.map((label) => new Set(wordsOf(label)));
  return [...(first ?? [])].find((word) => !shown.has(word) && rest.every((words) => words.has(word))) ?? '';
}

/**
 * The part of a stepper `el` is: a box of two buttons with a number between them (and maybe words for screen readers):
 * `decrease`, `quantity` or `increase`; undefined for any other element.
 */
function stepperPart(el: Element): string | undefined {
  const box = parentOf(el);
  if (!box || childElementCountOf(box) > 5) return undefined;
  const parts = Array.from(childrenOf(box)).filter((child) => !hiddenFromEye(child));
  if (parts.length !== 3) return undefined;
  const [first, middle, last] = parts as [Element, Element, Element];
  const pressable = (part: Element) => kindOf(part) === 'button';
  if (!pressable(first) || !pressable(last) || pressable(middle) || !/^\d{1,3}$/.test(collapse(textOf(middle, 20)) || (middle as HTMLInputElement).value || '')) return undefined;
  // Down and up by what they say, not a vote's up, score and down (▲ 42 ▼).
  const says = (button: Element) => `${accessibleName(button)} ${textOf(button, 40)}`;
  if (!STEP_DOWN.test(says(first)) || !STEP_UP.test(says(last))) return undefined;
  return el === first ? 'decrease' : el === last ? 'increase' : el === middle ? 'quantity' : undefined;
}

const STEP_DOWN = /\b(?:decrease|decrement|minus|remove|reduce|less|fewer|subtract)\b|[−–-]/i;
const STEP_UP = /\b(?:increase|increment|plus|add|more)\b|\+/i;

/** The words the items of `slot` show outside its control (the first few items'). */
function itemWords(slot: SlotStats): Set<string> {
  const out = new Set<string>();
  for (const [item, el] of [...slot.found].slice(0, 6)) {
    const own = textOf(el, 200);
    for (const word of wordsOf(textOf(item, 400).replace(own, ' '))) out.add(word);
  }
  return out;
}
const JOINING_WORDS: ReadonlySet<string> = new Set(['with', 'your', 'this', 'that', 'from', 'into', 'onto', 'over', 'about', 'their', 'them', 'these', 'those', 'item', 'items']);

/** Words that say nothing of what a control is alone ("This is", "Add to"). */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(['this', 'that', 'is', 'are', 'a', 'an', 'the', 'it', 'its', 'to', 'of', 'for', 'in', 'on', 'my', 'your', 'with', 'by', 'at', 'from', 'as']);
const onlyJoining = (words: string): boolean => words.split(/[\s_]+/).every((word) => FUNCTION_WORDS.has(word.toLowerCase()));

/**
 * The first `count` of `words`, and on past words that only join to one that says something ("Save for later" whole,
 * not `save_for`; "This is a gift", not `this_is`: explorer, session 64).
 */
function pastJoiningWords(words: string, count: number): string {
  const all = words.split(/\s+/).filter(Boolean);
  let taken = Math.min(count, all.length);
  while (taken < all.length && FUNCTION_WORDS.has(all[taken - 1]!.toLowerCase())) taken++;
  return all.slice(0, taken).join(' ');
}

/** A label's first words as a name, on to a word that says something ("This is a gift": `this_is_a_gift`, not `this_is`). */
function wordsName(label: string, words: number): string {
  const name = slug(label, words);
  if (!name || !onlyJoining(name)) return name;
  for (let more = words + 1; more <= words + 3; more++) {
    const longer = slug(label, more);
    if (!onlyJoining(longer)) return longer;
  }
  return name;
}

/** The last word all `labels` end with ("Starred", "Not starred": "starred"), else ''. */
function commonSuffix(labels: string[]): string {
  const lasts = new Set(labels.map((label) => label.toLowerCase().split(/\s+/).filter(Boolean).at(-1) ?? ''));
  const [only] = lasts;
  return lasts.size === 1 && only ? only : '';
}

function mostCommon(values: string[]): [string, number] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: [string, number] = ['', 0];
  for (const [value, count] of counts) if (count > best[1]) best = [value, count];
  return best;
}

const TAG_FIELD: Record<string, string> = { LABEL: 'label', TIME: 'date', H1: 'title', H2: 'title', H3: 'title', H4: 'title', H5: 'title', H6: 'title', A: 'link', IMG: 'image', CODE: 'code', STRONG: 'strong', EM: 'emphasis', CITE: 'source' };

interface SlotStats {
  selector: string;
  kind: 'text' | ElementKind;
  labels: string[];
  texts: string[];
  sample: Element;
  order: number;
  hasTextChild: boolean;
  /** The element it picks in each item scanned. */
  found: Map<Element, Element>;
  /** Made of slots told apart only by a class that numbers the items (`a.feedlink0`, `a.feedlink1`): see mergeIndexed. */
  indexed?: boolean;
  /** Several elements of each item side by side (a card's labels): see mergeRepeated. */
  repeated?: boolean;
  /** Classes three or more of its list's parts wear (a design kit's `encore-text`): they style, naming none of them. */
  worn?: ReadonlySet<string>;
}

/**
 * Words of classes that say how a control is drawn, never what it holds: Bootstrap's `form-check-input`, Tailwind's
 * `relative`, `size-4`, `block` (explorer, session 42: a toppings list's fields `form_check_label`, `form_check_input`).
 */
const GENERIC_CLASS_WORDS = new Set(['form', 'check', 'input', 'label', 'control', 'field', 'custom', 'relative', 'absolute', 'block', 'flex',
  'inline', 'grid', 'size', 'peer', 'group', 'sr', 'only', 'col', 'row', 'w', 'h', 'mt', 'mb', 'ml', 'mr', 'p', 'px', 'py', 'm', 'mx', 'my', 'shrink',
  'grow', 'items', 'center', 'gap', 'rounded', 'border', 'appearance', 'none', 'cursor', 'pointer', 'font', 'medium', 'sm', 'md', 'lg', 'xs', 'list', 'item', 'unordered', 'ordered',
  // A line cut short (Spotify's `standalone-ellipsis-one-line` on a track's title: explorer, session 65).
  'standalone', 'ellipsis', 'one', 'two', 'line', 'lines', 'clamp', 'truncate', 'truncated', 'nowrap', 'multiline',
  // The text's direction (Airbnb's `dir dir-ltr` on a listing's title: explorer, session 66).
  'dir', 'ltr', 'rtl']);
/** Of those, the ones that say nothing alone either (a lone `label` class names a field; a lone `relative` does not). */
const UTILITY_CLASSES = new Set(['relative', 'absolute', 'block', 'flex', 'inline', 'grid', 'peer', 'group', 'shrink', 'grow', 'rounded', 'border', 'dir', 'ltr', 'rtl']);
/**
 * Utility classes that style, never say what an element is (Tailwind's `h-full`, `justify-between`, `sm:flex`;
 * Bootstrap's `d-flex`, `mb-3`; Primer's `flex-auto`, `text-small`, `color-fg-muted`; Stack Overflow's `fd-column`,
 * `jc-center`; LinkedIn's `display-flex`; not `fc-`, FullCalendar's kit): their first word, before a value.
 */
const UTILITY_PREFIX = /^-?(?:min|max|gap|space|z|basis|grow|shrink|flex|justify|items|self|place|text|font|leading|tracking|bg|border|rounded|shadow|ring|opacity|outline|divide|fill|stroke|object|overflow|whitespace|break|cursor|select|pointer|transition|duration|ease|delay|animate|transform|translate|rotate|scale|origin|align|d|fw|fs|lh|color|float|position|g|gx|gy|col|row|sr|no|lg|md|sm|xl|xs|visually|display|fd|jc)-/;
/**
 * Spacing and sizing utilities (`mb-3`, `px-4`, `mt-n1`, `me-auto`, `h-full`, `w-1/2`, `p-[3px]`, `mb-lg-0`) by their
 * values: `p-name` and `p-role` (microformats, PrimeNG) or `h-card` say what an element is.
 */
const SIZED_PREFIX = /^-?(?:[mp][trblxyse]?|w|h|size)-(?:-?\d|n\d|\[|(?:px|auto|full|screen|fit|min|max|svh|dvh|\d?x[sl]|sm|md|lg)(?:$|-))/;
/** Utility classes of one word. */
const UTILITY_WORDS = new Set(['truncate', 'hidden', 'container', 'clearfix', 'visible', 'invisible', 'uppercase', 'lowercase', 'capitalize', 'italic',
  'underline', 'antialiased', 'shadow', 'sticky', 'fixed', 'static', 'isolate', 'contents', 'nowrap', 'ellipsis', 'pull', 'float', 'nostyle', 'vertical',
  'horizontal']);
/**
 * Names generated by a build (styled-components, emotion, Svelte, minified class names like Gmail's `zF`, `xT`, React
 * Native for Web's atomic `r-1habvwh` on X). styled-components' `sc-` is followed by a hash (`sc-bdVaJa`, `sc-1x2y3z-0`);
 * Amazon's cart writes words after it (`sc-product-title`, `sc-price`: explorer, session 64).
 */
const GENERATED_CLASS = /^(?:sc-(?=[^-]*[A-Z\d])|css-|jsx-|svelte-|emotion-)|^[a-z]{1,3}[A-Z][A-Za-z]?$|^[A-Z][a-z]?[A-Z]?$|^r-(?=[a-z]*\d)[a-z\d]{6,8}$/;

/** A class of one- and two-letter parts only (Booking's `f_x`, `sc_w`, `c_a1`; a lone `ev` may say "event"): minified, it says nothing. */
const MINIFIED_CLASS = /^[A-Za-z]{1,2}\d*(?:[-_][A-Za-z]{1,2}\d*)+$/;

/** A button's look, not what it is (Bootstrap's `btn-outline`, `btn-danger`: one row's Delete was a slot of its own). */
const BUTTON_LOOK = /^(?:btn|button)-(?:primary|secondary|tertiary|success|danger|warning|info|light|dark|link|ghost|outline(?:-[a-z]+)?|default|sm|lg|xs|block|small|large|text|plain|subtle|destructive|critical|neutral|solid|soft)$/;

/** A utility or generated class (see above): no field's name. */
export function stylingClass(name: string): boolean {
  return name.includes(':') || designKitClass(name) || READER_ONLY_CLASS.test(name) || BUTTON_LOOK.test(name) || UTILITY_PREFIX.test(name) || SIZED_PREFIX.test(name) || UTILITY_WORDS.has(name) || GENERATED_CLASS.test(name) || TYPE_STYLE.test(name)
    || kitTypeStyle(name) || SHORT_UTILITY.test(name);
}
/** Text kept for screen readers, after a kit's prefix too (Booking's `bui-u-sr-only`, Amazon's `a-offscreen`). */
const READER_ONLY_CLASS = /(?:^|[-_])(?:sr-only|sr-text|visually-?hidden|screen-?reader-(?:text|only)|offscreen)$/i;
/**
 * Two letters and a value (Stack Overflow's `ai-center`, `fc-black-400`, `ws-nowrap`; not FullCalendar's `fc-event`),
 * LinkedIn's type styles (`t-sans t-12 t-black--light t-normal`).
 */
const SHORT_UTILITY = /^t-(?:sans|serif|mono|normal|roman|italic|bold|\d{1,2}|black|white)(?:--[a-z]+)?$|^(?:ai|ac|jc|fc|bc|ws|ff|tt|ta)-(?:center|start|end|stretch|baseline|between|around|evenly|nowrap|pre|normal|left|right|black|white|light|dark|theme|blue|red|green|orange|yellow|gray|grey|danger|success|warning|error|mono|sans|serif|upper|lower|capitalize)\b/;
/**
 * A design kit's type or colour style, by its variants (Spotify's `encore-text-body-small`, `encore-internal-color-text-
 * subdued`, Material's `MuiTypography-body2`, Amazon's `a-size-base`, `a-color-success`, `a-spacing-mini`, Stripe's `Text-fontSize--14`);
 * not `title-text`.
 */
function kitTypeStyle(name: string): boolean {
  const words = name.replace(/([a-z])([A-Z])/g, '$1-$2');
  const style = KIT_TYPE_STYLE.exec(words);
  // After a kit's word (`encore-`, `a-`, `Mui`), or with two variants: a camel-cased `textBody` may name a message's body.
  return !!style && (style.index > 0 || style[0].split(/[-_]+/).filter(Boolean).length >= 3);
}
const KIT_TYPE_STYLE = /(?:^|[-_])(?:text|typography|type|font|colou?r|size|spacing|link)(?:[-_]+(?:success|error|danger|info|alternate|link|top|bottom|none|extra|body|small|medium|large|base|subdued|muted|secondary|primary|tertiary|bold|semibold|regular|light|heading|caption|display|overline|xs|sm|md|lg|xl|xxl|mini|micro|\d+|internal|color|text|default|strong|weak|bright|accent|announcement|marginal|negative|positive|warning|subtle|emphasis|normal|plain|inverse|fg|bg|font|size|weight|family|align|wrap|transform|style|root|[a-z]{1,8}\d{2,3}))+$/i;
/** A type style named in camel case, ending in a size or weight (Material's `fontHeadlineSmall`; not `textTitle`). */
const TYPE_STYLE = /^(?:font|text|typography|type)(?:Headline|Title|Body|Label|Display|Caption|Overline|Subtitle)?(?:Small|Medium|Large|Bold|Light|Regular|Xs|Sm|Md|Lg|Xl)$/;

function genericClass(name: string): boolean {
  if (stylingClass(name)) return true;
  // After a kit's prefix (Amazon's `a-list-item`).
  const words = withoutKitPrefix(name).split(/[-_:]+/).filter(Boolean);
  if (words.length === 1) return UTILITY_CLASSES.has(words[0]!.toLowerCase()) || UTILITY_WORDS.has(words[0]!.toLowerCase());
  return words.every((word) => /^\d+$/.test(word) || GENERIC_CLASS_WORDS.has(word.toLowerCase()));
}

/**
 * Classes a framework puts on every element it draws, naming none (YouTube's link class on every link), or that tell a
 * translator what to leave alone (Google's site names: `notranslate`).
 */
const FRAMEWORK_CLASSES: ReadonlySet<string> = new Set(['yt-simple-endpoint', 'notranslate', 'skiptranslate']);

/**
 * An element's classes that may say what it is: not Polymer's scoping (`style-scope ytd-video-renderer`: the mark and
 * the scope's element name, on every part of that element; explorer, session 54: fields and lists named `style_scope`).
 */
export function ownClasses(el: Element): string[] {
  const classes = Array.from(classListOf(el));
  const scope = classes.indexOf('style-scope');
  return classes.filter((name, i) => !(scope >= 0 && (i === scope || i === scope + 1)) && !FRAMEWORK_CLASSES.has(name));
}

/**
 * The class that names a field: not a state, not a script hook (`js-…`); of a BEM class its element part
 * (`most-popular-list-item__rank` → `rank`, modifiers aside), or with `withBlock` block and element (`author__name` →
 * `author name`: describe() asks for it where element parts collide, `author__name` and `product__name`).
 */
function fieldClass(el: Element, withBlock = false, control = false, worn?: ReadonlySet<string>): string | undefined {
  // An icon font's class says which font draws it (`material-symbols-outlined`); the part is an icon.
  if (ligatureIcon(el)) return 'icon';
  let kindOnly: string | undefined;
  const classes = ownClasses(el);
  // A class list a build wrote, most of it hashes (Google's `HGLrXd NJjxre iUh30 ojE3Fb`): the rest is chance words.
  if (classes.length >= 3 && classes.filter((name) => !readableToken(name)).length * 2 >= classes.length) return undefined;
  for (const own of classes) {
    if (worn?.has(own) || minifiedClass(el, own)) continue;
    const name = withoutModuleHash(own);
    // Nor a letter (Google's result `div.g`).
    if (STATE_CLASS.test(name) || /^js[-_]/i.test(name) || name.length < 2 || !readableToken(name) || genericClass(name) || MINIFIED_CLASS.test(name)) continue;
    const bem = /^([A-Za-z][A-Za-z0-9_-]*?)__([A-Za-z][A-Za-z0-9_-]*?)(?:--[A-Za-z0-9-]+)?$/.exec(name);
    // styled-components' display names (`StyledBadge`) say what the part is after "Styled".
    // An element part that says only how it is laid out names nothing: its block does (Slack's
    // `c-message_actions__container` is `message_actions`, was `container`).
    const laidOut = bem && LAYOUT_WORD.test(bem[2]!);
    const cls = bem ? (withBlock || laidOut ? `${withoutKitPrefix(bem[1]!)}${laidOut ? '' : ` ${bem[2]!}`}` : withoutLayoutWord(bem[2]!))
      : withoutLayoutWord(withoutKitPrefix(name.replace(/--[A-Za-z0-9-]+$/, '').replace(/^Styled(?=[A-Z][a-z])/, '')));
    // A control's class that says only what kind it is gives way to one after it (Slack's `c-button-unstyled
    // c-message_kit__avatar` is `avatar`, `c-link c-timestamp` a `timestamp`).
    // Nor one that only lays out (a CSS module's `wrapper_cc5dd2` is `wrapper`).
    if (LAYOUT_WORD.test(cls)) continue;
    if (!control || !saysOnlyKind(cls)) return cls;
    kindOnly ??= cls;
  }
  return kindOnly;
}

/**
 * A class of three letters or fewer on a page whose build shortened its classes (Gmail's `bog`, `bA4`, `xY`, `tk`:
 * explorer, session 64, fields `b_a4`, `bog`, `bzz`): half the page's classes at least are that short.
 */
export function minifiedClass(el: Element, name: string): boolean {
  if (name.length > 3) return false;
  const doc = ownerDocOf(el);
  let minified = minifiedPages.get(doc);
  if (minified === undefined) {
    const seen = new Set<string>();
    const parts = queryAllOf(doc, '[class]');
    for (let i = 0; i < parts.length && i < 1500; i++) for (const cls of Array.from(classListOf(parts[i]!))) seen.add(cls);
    const short = [...seen].filter((cls) => cls.length <= 3).length;
    minified = seen.size >= 30 && short * 2 >= seen.size;
    minifiedPages.set(doc, minified);
  }
  return minified;
}
// Per detection run (reset in detectLists), as the page's classes may change.
let minifiedPages = new WeakMap<Document, boolean>();

/**
 * The id every item's part has alike (a template's: YouTube repeats `id="author-text"`, `id="content-text"` in each
 * comment), without its layout words: what the part is (`author`, `content`; explorer, session 51: `link_2`, `text`).
 */
function templateId(parts: Iterable<Element>): string | undefined {
  let id: string | undefined;
  let count = 0;
  for (const part of parts) {
    const own = attr(part, 'id') ?? '';
    if (!own || (id !== undefined && own !== id)) return undefined;
    id = own;
    count++;
  }
  const words = count >= 2 && id ? readableToken(id.replace(/[-_](?:text|renderer|wrapper|container|inner|outer|middle)$/i, '')) : undefined;
  return words && !stylingClass(words) ? words : undefined;
}

const LAYOUT_WORD = /^(?:wrapper|wrap|container|inner|outer)$/i;

/**
 * A CSS module's class without the hash its build appends (Discord's `username_f9e796`, `messageContent_f9e796`: the
 * local name says what the part is, the hash only which build drew it). Not a word's number (`step_item2`).
 */
const withoutModuleHash = (cls: string): string => cls.replace(/(?<=[A-Za-z]{3})_{1,3}(?=[A-Za-z0-9]{5,6}$)(?=[A-Za-z0-9]*\d[A-Za-z])[A-Za-z0-9]+$/, '');

/** A class's last word that says how it is laid out, not what it holds (`metadata-wrapper` is `metadata`). */
const withoutLayoutWord = (cls: string): string => cls.replace(/(?<=[A-Za-z0-9])[-_](?:wrapper|wrap|container|inner|outer)$/i, '');

function slotName(slot: SlotStats, items: number, withBlock = false, byColumn = true): string {
  // A stepper's parts (− 2 +: a dish's quantity in a cart) by what they do, whatever their labels say.
  const stepper = stepperPart(slot.sample);
  if (stepper) return stepper;
  // A count said before the verb ("1204 Replies. Reply": X's buttons) changes as the page lives; the verb names.
  const labels = slot.labels.map((label) => label.replace(COUNT_SENTENCE, ''));
  // Words the items' controls share ("Reply", "Add to cart"), never one item's own (spiceworks: a post's title made
  // `at_52`, another's `spark_pro`).
  // A one-row table's button ("Remove": a verb, not the row's data; fewestItems) is named as it will be when more rows
  // come; its name link or its box is named by the column, never by the one row's words (review, session 42).
  const oneRowButton = items === 1 && slot.kind === 'button' && labels.length === 1;
  // A button each row words by its state ("Like" / "Unlike", "Mark as read" / "Mark as unread"): by what it does while off.
  const toggle = slot.kind === 'button' ? labelsToggle(labels) : undefined;
  if (toggle) return wordsName(toggle, 3);
  if (slot.kind !== 'text' && (labels.length >= 2 || oneRowButton)) {
    // A class that says the button shows who its item is names it before words most items share but not all: those are
    // data (a thread's senders "Bob Lee", "Sam Ortiz", "Bob Lee" were `bob_lee`; explorer, session 61).
    const cls = slot.kind === 'button' && !oneRowButton ? namingClass(slot) : undefined;
    const classNamed = cls && DATA_CLASS_WORDS.test(cls) ? cls : undefined;
    const [label, count] = mostCommon(labels);
    // A link's or a box's words that most items share but not all are data (an author, a tag, a product: explorer,
    // session 43: `octocat`, `basic_tee`); a button's are its verb, or its state ("Starred", "Not starred": `starred`).
    const all = count === labels.length;
    // Items that are buttons themselves (a week's events) share words only by chance ("Standup 9:30am" thrice): data.
    const itemsData = slot.selector === ':scope' && !all;
    if (label && !itemsData && (count >= 2 || oneRowButton) && count * 2 >= items && slug(label, 3) && (all || ((slot.kind === 'button' && !classNamed) || slot.kind === 'switch'))) {
      const states = new Set(labels);
      const last = all || states.size > 3 ? '' : commonSuffix([...states]);
      return wordsName(last || label, 3);
    }
    // Not a month dates share ("May 2, 2024", "May 3, 2024": a comment's permalink was `may`; explorer, session 48).
    // What every label says before a colon ("Mark as complete: Variance"), whole, up to three words.
    const before = labels.map((label) => /^([^:]{2,40}):\s*\S/.exec(label)?.[1]?.trim().toLowerCase());
    const said = before[0] && before.every((words) => words === before[0]) && before[0].split(/\s+/).length <= 3 ? before[0] : '';
    // Not digits alone: phone numbers of one area ("(512) 555-0100") share theirs (explorer, session 59: a field `512`).
    // Past words that only join ("This is a gift" is `this_is_a_gift`, not `this_is`: explorer, session 64).
    const firstWords = pastJoiningWords(commonPrefix(labels, 4), 2);
    const joining = firstWords.split(' ').length > 2;
    const shared = labels.length * 2 >= items && !labels.every((label) => DATED.test(label)) ? said || firstWords : '';
    const prefix = /\p{L}/u.test(shared) ? shared : '';
    // A field alone in a column under a header ("Role" over selects labelled "Role for Ava Thompson"): the column.
    const column = slug(prefix) && (FORM_FIELD_KINDS.has(slot.kind) || FORM_CHOICE_KINDS.has(slot.kind)) ? columnHeader(slot.sample) ?? gridColumnHeader(slot.sample) : undefined;
    if (column && soleControlOfCell(slot.sample)) return column;
    // Words every one shows alike where the labels say more ("Trash" labelled "Move “48 Hours in Rome” to the Trash":
    // `trash`, was `move`), unless the labels' opening says more than they do ("More" for "More actions for …").
    const shown = (slot.kind === 'button' || slot.kind === 'link') && new Set(slot.texts).size === 1 && slot.texts.length >= 2 ? slot.texts[0]! : '';
    if (slug(prefix) && /\p{L}/u.test(shown) && slug(shown) && shown.trim().split(/\s+/).length >= slug(prefix, said ? 3 : 2).split('_').length) return slug(shown, 3);
    if (slug(prefix)) return slug(prefix, said ? 3 : joining ? 4 : 2);
    // An item that is a control itself, its label a sentence about it (Jira's card "PAY-101 Add Apple Pay to checkout.
    // Use the enter key to load the work item."): by its test id (`card`), not a word of the sentence (`enter`).
    const hooked = slot.selector === ':scope' && slot.kind === 'button' ? hookName(slot) : undefined;
    if (hooked) return hooked;
    // A word every button says, whatever else it says of its item ("Mute Jonas Berg's microphone", "Priya Raman's
    // microphone is off": `microphone`, was its box's class, `actions`; explorer, session 59).
    const word = slot.kind === 'button' && labels.length * 2 >= items ? wordOfAll(labels, itemWords(slot)) : '';
    if (word) return word;
    // What two thirds of them say first, the others being another item's odd button ("Pin Jonas Berg…" among "More
    // actions for …": a row's extra button shifts the rest).
    const [opening, times] = slot.kind === 'button' ? mostCommon(labels.map((label) => commonPrefix([label], 2))) : ['', 0];
    if (times >= 2 && times * 3 >= labels.length * 2 && (times === labels.length || !classNamed) && /\p{L}/u.test(opening) && slug(opening)) return slug(opening, 2);
    // The word two thirds of icon buttons' labels open with ("Play Midnight City by M83", the playing one's "Pause
    // Nightcall by Kavinsky": `play`, was `number_2`; explorer, session 61). Not of buttons that show their words: a
    // sender's "Bob Lee" is data.
    const [verb, verbTimes] = slot.kind === 'button' ? mostCommon(labels.map((label) => commonPrefix([label], 1))) : ['', 0];
    const iconOnly = [...slot.found.values()].every((el) => !/\p{L}/u.test(textOf(el, 80)));
    if (iconOnly && !classNamed && verbTimes >= 2 && verbTimes * 3 >= labels.length * 2 && /^\p{L}{2,}$/u.test(verb) && !JOINING_WORDS.has(verb)) return slug(verb);
  }
  // A table's cell is named by its column's header ("Total", "Revenue" over "2019"), not by a class, a kind ("link") or
  // "text_2" (exploratory tests, sessions 21 and 40); parts of a cell (a product's brand and SKU beside its name) by
  // their classes first.
  const header = byColumn ? columnHeader(slot.sample) ?? gridColumnHeader(slot.sample) : undefined;
  if (header && fillsItsCell(slot.sample)) return header;
  const cls = withBlock ? fieldClass(slot.sample, true, slot.kind !== 'text', slot.worn) : withoutItemClass(slot, fieldClass(slot.sample, false, slot.kind !== 'text', slot.worn));
  // Of a class that numbers the items, what it says without the number (`feedlink0` → `feedlink`).
  // A control's class without the kind it ends with (Slack's `c-message__sender_button`: `sender`).
  const bare = cls && slot.kind !== 'text' ? cls.replace(/(?<=[A-Za-z0-9]{3})[-_](?:button|btn|link)$/i, '') : cls;
  const own = bare && slot.indexed ? bare.replace(/[-_]?\d+$/, '') : bare;
  // A class cut to a few letters (`pr`, `dur`) over words that say what they are (prices, spans of time): those words.
  const measured = own && slot.kind === 'text' && clippedClass(own) ? valueName(slot.texts) : undefined;
  if (measured) return measured;
  // A kit's class that says only what kind of control it is (`ant-checkbox-input`, `MuiButton-root`): the kind says it.
  // A vague one (styled-components' `Text-sc-16fu6d-0` on every part: `text`, `text_2`…) gives way to a name the
  // developers gave the part (DoorDash's `data-telemetry-id="storeMenuItem.title"`; explorer, session 62).
  const vague = own && VAGUE_PART_WORDS.has(slug(own)) ? hookName(slot) : undefined;
  if (vague) return vague;
  if (own && !(slot.kind !== 'text' && saysOnlyKind(own))) return slug(own.replace(/([a-z])([A-Z])/g, '$1 $2'), withBlock ? 4 : 3);
  // An image with no readable class (`img.avatar` is `avatar`), by what its wrapper's test id says it shows (Jira's
  // `…footer.priority`: `priority`, was `image_2`).
  if (slot.kind === 'text' && tagOf(slot.sample) === 'IMG') return hookedWrapper(slot) ?? 'image';
  // Names each of whom the page gives an address (Gmail's `<span email="…">`, Outlook's `title="…@…"`): who a mail is from.
  if (slot.kind === 'text' && slot.found.size >= 2 && [...slot.found.values()].every(saysAddress)) return 'sender';
  // Words said for screen readers as "What: value" in every item (`<span aria-label="Price: Moderate">$$</span>`).
  // A value shown inside the button that changes it (Linear's priority icon in "Change priority"): what it changes.
  const changed = slot.kind === 'text' ? changedBy(slot) : undefined;
  if (changed) return changed;
  const said = slot.kind === 'text' ? saidAs(slot.found.values()) ?? saidWho(slot.found.values()) : undefined;
  if (said) return said;
  const named = hookName(slot);
  if (named) return named;
  // A control beside words in its cell (a like switch by a track's "4:18"): the column's header names the words.
  if (header && (slot.kind === 'text' || soleControlOfCell(slot.sample))) return header;
  // A link alone in a wrapper that says what it is (`span.c-message__sender > a`: `sender`, was `link`; explorer, session 50).
  const wrapper = slot.kind === 'link' ? parentOf(slot.sample) : null;
  const sole = wrapper && childrenOf(wrapper).length === 1 && ![...slot.found.keys()].includes(wrapper);
  const wrapperClass = sole ? withoutItemClass(slot, fieldClass(wrapper, false, false, slot.worn)) ?? templateId([...slot.found.values()].map((el) => parentOf(el)!)) : undefined;
  if (wrapperClass && slug(wrapperClass, 3)) return slug(wrapperClass.replace(/([a-z])([A-Z])/g, '$1 $2'), 3);
  // A button only one item has (the open message's "Reply" among folded ones): its verb, not `button`.
  // So is a field only one item has (a plan card's "Seats"): its label's words, not `text_input`.
  const only = (slot.kind === 'button' || FORM_FIELD_KINDS.has(slot.kind)) && labels.length === 1 ? labels[0]!.trim() : '';
  if (only && only.split(/\s+/).length <= 2 && slug(only)) return slug(only);
  // A link that shows when its item was posted ("2 days ago", "Yesterday", "3h": a comment's permalink), unless a part
  // in it says so for machines too (a `<relative-time datetime>`, the field `date`).
  if (slot.kind === 'link' && saysWhen(slot.texts) && !queryOf(slot.sample, '[datetime]')) return 'date';
  // Links to one kind of page each ("/artist/4Z8W4", "/artist/0OdUW": a track's artist) by what their paths say it is;
  // not the one link each item is (a menu's), which stays `link`.
  const path = slot.kind === 'link' ? pathWord(slot) : undefined;
  if (path && [...slot.found].some(([item, el]) => sampleText(item) !== sampleText(el))) return path;
  if (slot.kind !== 'text') return slot.kind;
  // A part with no class of its own in a wrapper that has one (`p.was > s`): named by the wrapper.
  // A rating drawn as stars, a price with what it cost before (facts.ts).
  const fact = slot.kind === 'text' ? factKind(slot.sample) : undefined;
  if (fact === 'rating' || fact === 'price') return fact;
  // A date said for machines too, in any element (GitHub's `<relative-time datetime>`), as a `<time>` is.
  if (hasAttr(slot.sample, 'datetime') && slot.selector !== ':scope') return 'date';
  const wrapped = slot.kind === 'text' && slot.selector !== ':scope' ? wrapperName(slot) : undefined;
  return TAG_FIELD[tagOf(slot.sample)] ?? (wrapped && clippedClass(wrapped) ? valueName(slot.texts) : undefined) ?? wrapped
    ?? STRUCK_FIELD[tagOf(slot.sample)] ?? measureName(slot.texts) ?? valueName(slot.texts) ?? openingName(slot.texts) ?? 'text';
}

/**
 * The name the page's developers gave the part: its itemprop, a test hook, an id every item's part shares, another
 * data attribute that names parts (`data-telemetry-id`, `data-anchor-id`). Camel-cased (`upvoteCount`,
 * `OrderCartItemPrice`): its words, the last three where more (what the part is comes last), those after the word
 * that says "item" where one does (`omni-log-item-sender`: `sender`; `storeMenuItem.title`: `title`).
 */
function hookName(slot: SlotStats): string | undefined {
  const named = readableToken(attr(slot.sample, 'itemprop')) ?? readableToken(attr(slot.sample, 'data-field'))
    ?? testHook(slot) ?? templateId(slot.found.values()) ?? idTail(slot) ?? dataHook(slot.found.values());
  if (!named) return undefined;
  const words = named.replace(/([a-z])([A-Z])/g, '$1 $2').split(/[\s_.-]+/).filter(Boolean);
  const item = words.findLastIndex((word) => ITEM_WORDS.has(word.toLowerCase()));
  // The item itself by its item word (Jira's card `platform-board-kit.ui.card.card`: `card`).
  if (slot.selector === ':scope' && item >= 0 && item === words.length - 1) return slug(words[item]!);
  const after = words.slice(item >= 0 && item < words.length - 1 ? item + 1 : -3);
  // Without a kit's words (`platform-card.common.ui.key.link`: `key_link`, was `common_ui_key`).
  const telling = after.filter((word) => !HOOK_FILLER.has(word.toLowerCase()));
  return slug((telling.length ? telling : after).join(' '), 3) || undefined;
}
const HOOK_FILLER: ReadonlySet<string> = new Set(['common', 'ui', 'kit', 'component', 'components', 'recipe']);
/** Of a wrapper's test id, also the kind of control it wraps. */
const WRAPPER_FILLER: ReadonlySet<string> = new Set([...HOOK_FILLER, 'link', 'button', 'btn']);
const ITEM_WORDS: ReadonlySet<string> = new Set(['item', 'row', 'card', 'cell', 'entry', 'tile']);
/** Words of a test id that say how a part is drawn or laid out, not what it is. */
const LAYOUT_HOOK_WORDS: ReadonlySet<string> = new Set(['container', 'wrapper', 'lozenge', 'layout', 'view']);
/** Data attributes that name a part for the page's own code: telemetry, anchors, automation (not a state, a size). */
const DATA_HOOK = /^data-(?:[a-z]+-)*(?:id|testid|test|qa|e2e|hook|selector|anchor|automation|component|telemetry|tracking|element)$/;

/** A data attribute (DATA_HOOK) whose value every item's part shares and that reads as words (`storeMenuItem.title`). */
function dataHook(parts: Iterable<Element>): string | undefined {
  const all = [...parts];
  const first = all[0];
  if (!first || all.length < 2) return undefined;
  for (const name of attrNames(first)) {
    const value = attr(first, name) ?? '';
    if (!DATA_HOOK.test(name) || !all.every((el) => attr(el, name) === value)) continue;
    const words = readableToken(value.replace(/\./g, '-'));
    if (words && !stylingClass(words)) return words;
  }
  return undefined;
}

/** A control's own class that says what it is, not only its kind (`c-message__sender_button`: `sender_button`). */
function namingClass(slot: SlotStats): string | undefined {
  const cls = withoutItemClass(slot, fieldClass(slot.sample, false, true, slot.worn));
  return cls && !saysOnlyKind(cls) && slug(cls) ? cls : undefined;
}

/** Class words of a control that shows who or what its item is (its words are data), not what it does. */
const DATA_CLASS_WORDS = /(?:^|[-_\s])(?:sender|author|user|username|owner|name|profile|avatar|member|assignee|reporter|creator|handle|byline)(?:$|[-_\s])/i;

/**
 * A part's class that starts with its item's (or that of the one box the item wraps) and a word (`docs-sheet-tab-name`
 * in `.docs-sheet-tab`, `search-result-snippet` in `.search-result`): that word says what the part is (`name`,
 * `snippet`). Not a box's within the item (a badge's `badge-text` is no `text`), nor a word that says nothing alone.
 */
function withoutItemClass(slot: SlotStats, cls: string | undefined, orHook = false): string | undefined {
  if (!cls || slot.selector === ':scope') return cls;
  const item = [...slot.found].find(([, el]) => el === slot.sample)?.[0];
  let best = '';
  for (let box = item; box && box !== slot.sample && containsOf(box, slot.sample); box = childElementCountOf(box) === 1 ? firstElementChildOf(box) ?? undefined : undefined) {
    const hooks = orHook ? TEST_HOOKS.map((name) => attr(box!, name) ?? '').filter(Boolean) : [];
    for (const own of [...classListOf(box), ...hooks]) {
      if (own.length > best.length && cls.length > own.length + 2 && cls.startsWith(own) && /^[-_]/.test(cls.slice(own.length))) best = own;
    }
  }
  const rest = best ? cls.slice(best.length + 1).replace(/^[-_]+/, '') : '';
  return /^[A-Za-z]{2}/.test(rest) && !VAGUE_PART_WORDS.has(rest.toLowerCase()) && !GENERIC_CLASS_WORDS.has(rest.toLowerCase()) ? rest : cls;
}

const VAGUE_PART_WORDS: ReadonlySet<string> = new Set(['text', 'txt', 'value', 'val', 'item', 'content', 'inner', 'main', 'data', 'info', 'wrapper', 'wrap', 'box', 'el']);

/**
 * The name a test hook gives the part (`data-testid`, `data-test`, `data-qa`, `data-cy`: Zillow's `property-card-price`
 * in each `property-card`), without its item's class before it (`price`).
 */
function testHook(slot: SlotStats): string | undefined {
  for (const name of TEST_HOOKS) {
    const hook = readableToken(attr(slot.sample, name));
    if (hook) return withoutItemClass(slot, hook, true);
  }
  return undefined;
}

/**
 * The words every item's part ends its id with after a part that names the item (Airbnb's
 * `GuestPicker-book_it-form-adults-title`, `…-children-title`: `title`, was `text`).
 */
function idTail(slot: SlotStats): string | undefined {
  const ids = [...slot.found.values()].map((el) => attr(el, 'id') ?? '');
  if (ids.length < 2 || ids.some((id) => !id) || new Set(ids).size < ids.length) return undefined;
  const words = ids.map((id) => id.split(/[-_.:]+/).filter(Boolean));
  const tail: string[] = [];
  for (let back = 1; back < Math.min(...words.map((w) => w.length)); back++) {
    const word = words[0]!.at(-back)!;
    if (!words.every((w) => w.at(-back) === word)) break;
    tail.unshift(word);
  }
  const said = tail.slice(-2).join(' ');
  return /^\p{L}/u.test(said) && !/\d/.test(said) ? said : undefined;
}

/** Every item's words a span of time ("24 min", "1 hr 12 min", "2h 15m") or a length ("5.1 miles", "800 m"). */
const DURATION = /^(?:\d+(?:[.,]\d+)?\s*(?:h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?|d|days?)\b\s*)+$/i;
const DISTANCE = /^\d[\d,]*(?:\.\d+)?\s*(?:mi|miles?|km|kilometres?|kilometers?|m|metres?|meters?|ft|feet|yd|yards?)$/i;
/** A score out of a scale, said as one: "Scored 8.9", "Rated 4.5 out of 5", "4.7 out of 5 stars", "9.1/10", "4.5 ★", "★★★★☆". */
const RATING = /^(?:(?:scored|rated|rating|score|review score)[:\s]\s*\d+(?:[.,]\d+)?(?:\s*(?:\/|out of)\s*\d+)?(?:\s*stars?)?|\d+(?:[.,]\d+)?\s*(?:(?:\/|out of)\s*(?:5|10|100)(?:\s*stars?)?|stars?|[★⭐])|[★☆⭐]{3,10})$/iu;

/** The "What" of `aria-label="What: value"`, the same on every element; undefined where any says otherwise. */
function saidAs(elements: Iterable<Element>): string | undefined {
  let what: string | undefined;
  for (const el of elements) {
    const said = /^\s*(\p{L}[\p{L} ]{1,20}?)\s*:\s*\S/u.exec(attr(el, 'aria-label') ?? '')?.[1]?.toLowerCase();
    if (!said || (what !== undefined && said !== what)) return undefined;
    what = said;
  }
  return what && slug(what, 2) ? slug(what, 2) : undefined;
}

const CHANGES = /^(?:change|set|edit|select|choose|pick|update)\s+(?:the\s+)?(\p{L}[\p{L} ]{1,30})$/iu;

/** What the button each part sits in changes, where every button's label says it alike ("Change priority": `priority`). */
function changedBy(slot: SlotStats): string | undefined {
  let what: string | undefined;
  for (const [item, el] of slot.found) {
    const control = [...ancestorsBetween(el, item)].find((at) => kindOf(at) === 'button' || kindOf(at) === 'combobox');
    const words = control ? CHANGES.exec(accessibleName(control))?.[1]?.toLowerCase() : undefined;
    if (!words || (what !== undefined && words !== what)) return undefined;
    what = words;
  }
  return what ? slug(what, 2) || undefined : undefined;
}

/** Who a part stands for, said before the person's name ("Assigned to Sam Ortega" on an avatar's initials). */
const WHO_SAID = /^\s*((?:assigned|created|owned|reported|authored|posted|written|sent|shared|modified|updated|edited|reviewed|requested) (?:to|by))\s+\S/i;

/** `assigned_to`, where two thirds of the parts' labels say it first (the others, "Unassigned", say no one). */
function saidWho(elements: Iterable<Element>): string | undefined {
  const all = [...elements];
  const said = all.map((el) => WHO_SAID.exec(attr(el, 'aria-label') ?? attr(el, 'title') ?? '')?.[1]?.toLowerCase());
  const [phrase, times] = mostCommon(said.filter((words): words is string => !!words));
  return phrase && times >= 2 && times * 3 >= all.length * 2 ? slug(phrase, 2) || undefined : undefined;
}

const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The element is a name whose mail address the page keeps beside it, not its words (`email`, `title`). */
const saysAddress = (el: Element): boolean => {
  const address = attr(el, 'email') ?? attr(el, 'title') ?? attr(el, 'data-email') ?? attr(el, 'data-hovercard-id');
  return !!address && ADDRESS.test(address.trim()) && !ADDRESS.test(textOf(el, 80).trim()) && /\p{L}/u.test(textOf(el, 80));
};

/**
 * A class cut to three letters or fewer that is no word of its own: `pr`, `dur`, `md` say nothing, where `was`,
 * `now`, `bid`, `hi` and `lo` say which amount it is (review, session 54: they were all `price`, `price_2`, …).
 */
const clippedClass = (cls: string): boolean => /^[A-Za-z]{1,3}$/.test(cls) && !SHORT_WORDS.has(cls.toLowerCase());
const SHORT_WORDS: ReadonlySet<string> = new Set(['was', 'now', 'old', 'new', 'bid', 'ask', 'tax', 'fee', 'low', 'hi', 'lo', 'max', 'min',
  'avg', 'net', 'vat', 'buy', 'tip', 'top', 'eta', 'opn', 'cls', 'chg', 'vol', 'sub', 'per', 'day', 'mo', 'yr', 'wk', 'hr', 'fx', 'usd', 'eur', 'gbp', 'due', 'end', 'age',
  'sku', 'ref', 'key', 'tag']);

/** Every item's words an amount of money ("$289", "€1.299,00", "1 299 kr"). */
/** Words that say a price is one before it ("Current price", "Price:", "Total"). */
const PRICE_SAID = /^(?:(?:current|sale|now|our|your|total|final|discounted)\s+)?(?:price|total|cost)\b\s*:?\s*/i;
const PRICE_TEXT = /^(?:[$€£¥₹]\s?\d[\d,.\s]*|\d[\d,.\s]*\s?(?:[$€£¥₹]|kr|USD|EUR|GBP))$/;

/** What every item's words are, where they say it themselves: a price, a distance, a span of time, a count. */
function valueName(texts: readonly string[]): string | undefined {
  return texts.length >= 2 && texts.every((text) => PRICE_TEXT.test(text.trim().replace(PRICE_SAID, ''))) ? 'price' : measureName(texts);
}

/** A price said first, then what it is for ("$182 per night, $910 total"), and a score out of a scale ("4.92 out of 5 average rating, 128 reviews"). */
const PRICE_FIRST = /^(?:[$€£¥₹]\s?\d[\d,.]*|\d[\d,.]*\s?(?:[$€£¥₹]|kr|USD|EUR|GBP))(?=[\s,;]|$)/;
const RATING_FIRST = /^(?:rated\s+|scored\s+)?\d(?:[.,]\d+)?\s*(?:out of|\/)\s*(?:5|10)\b/i;

/**
 * Words that open with a price or a score, then say more: most items' (two thirds), the others' with no digits at all
 * (a new listing's "New place to stay" where the others' rating is). Airbnb's cards: were `text_3`, `text_4`.
 */
function openingName(texts: readonly string[]): string | undefined {
  if (texts.length < 2) return undefined;
  for (const [name, pattern] of [['price', PRICE_FIRST], ['rating', RATING_FIRST]] as const) {
    const opening = texts.filter((text) => pattern.test(text.trim())).length;
    if (opening >= 2 && opening * 3 >= texts.length * 2 && texts.every((text) => pattern.test(text.trim()) || !/\d/.test(text))) return name;
  }
  return undefined;
}

/** A field of unnamed parts named by what every item's words measure (a route's `duration` and `distance`: were `text`, `text_2`). */
function measureName(texts: readonly string[]): string | undefined {
  // Dates, a dash after them before the words they date (Google's "Mar 14, 2024 —"); one alone where it names its year.
  const dates = texts.map((text) => text.replace(/[\s—–·•|,-]+$/u, ''));
  if (dates.length && dates.every((text) => WHEN.test(text)) && (dates.length >= 2 || /\b\d{4}$/.test(dates[0]!))) return 'date';
  if (texts.length < 2) return undefined;
  if (texts.every((text) => DISTANCE.test(text))) return 'distance';
  if (texts.every((text) => DURATION.test(text))) return 'duration';
  if (texts.every((text) => RATING.test(text.trim()))) return 'rating';
  // A tracker's keys ("ENG-482", "PAY-101"): which issue it is.
  if (texts.every((text) => /^[A-Z][A-Z0-9]{1,9}-\d{1,7}$/.test(text.trim()))) return 'id';
  // A count of one thing in every item ("2,345 reviews", "1 review"): what it counts.
  // Counted in the plural somewhere ("3 left", "10 Broadway" count nothing), and no date ("3 March").
  const counted = texts.map((text) => COUNTED.exec(text)?.[1]?.toLowerCase());
  const stems = new Set(counted.map((word) => word?.replace(/s$/, '')));
  const plural = counted.find((word) => word?.endsWith('s') && !word.endsWith('ss'));
  if (stems.size !== 1 || counted.includes(undefined) || !plural || CALENDAR_WORD.test(plural)) return undefined;
  return plural;
}

/**
 * What two or more links' paths say they lead to, where they go to one kind of page and differ only after it
 * ("/artist/4Z8W4", "/artist/0OdUW": `artist`; "/users/ana", "/users/bo": `user`), the one word before the part that
 * differs.
 */
function pathWord(slot: SlotStats): string | undefined {
  const paths = [...slot.found.values()].map((el) => linkPath(attr(el, 'href')));
  if (paths.length < 2 || paths.some((path) => !path)) return undefined;
  const segments = paths.map((path) => path!.split('/').filter(Boolean));
  const first = segments[0]!;
  let shared = 0;
  while (shared < first.length && segments.every((parts) => parts.length > shared + 1 && parts[shared] === first[shared])) shared++;
  // One word only: after more, the first are the site's sections ("/apps/store/p1": no `store` of a product's link).
  const word = shared === 1 ? first[0]!.toLowerCase() : '';
  if (!/^[a-z]{3,20}$/.test(word) || PATH_WORDS_SAYING_NOTHING.has(word)) return undefined;
  if (new Set(segments.map((parts) => parts[shared])).size < 2) return undefined;
  return /(?:[^s]s|[^aeiou]ies)$/.test(word) && !/(?:news|us|is|ss)$/.test(word) ? word.replace(/ies$/, 'y').replace(/s$/, '') : word;
}
/** Path words of sites' routes, sections and views, no kind of thing: `/wiki/…`, `/view/…`, `/news/…`, `/shop/…`. */
const PATH_WORDS_SAYING_NOTHING: ReadonlySet<string> = new Set(['wiki', 'www', 'view', 'views', 'show', 'detail', 'details', 'page', 'pages', 'item', 'items',
  'watch', 'index', 'app', 'apps', 'api', 'web', 'site', 'html', 'home', 'browse', 'go', 'link', 'links', 'redirect', 'out', 'click', 'public', 'static',
  'content', 'main', 'default', 'eng', 'dashboard', 'admin', 'news', 'blog', 'blogs', 'store', 'shop', 'section', 'sections', 'category', 'categories']);

/** A link's path, from the page's own origin or another ("https://x.test/a/b?c" is "/a/b"); '' for no web link. */
function linkPath(href: string | null | undefined): string {
  if (!href || /^(?:#|javascript:|mailto:|tel:)/i.test(href.trim())) return '';
  try {
    const url = new URL(href, 'https://page.invalid/');
    return /^https?:$/.test(url.protocol) ? url.pathname : '';
  } catch {
    return '';
  }
}

/** Every one of two or more texts says when: "2 days ago", "Yesterday", "3h", "Mar 4, 2024", "10:42 AM", "(edited)" aside. */
function saysWhen(texts: readonly string[]): boolean {
  return texts.length >= 2 && texts.every((text) => WHEN.test(text.replace(/\s*(?:[(·•]\s*)?edited\)?\s*$/i, '').trim()));
}


/** Months and days, which follow a number in dates. */
const CALENDAR_WORD = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?)$/;
/** A number and one word it counts ("2,345 reviews", "1.2K followers"). */
const COUNTED = /^\s*\d[\d,.]*\s*[KkMm]?\+?\s+(\p{L}{3,20})\s*$/u;

/** UI kits' prefixes and the words their classes give a control's kind with. */
const KIND_CLASS_WORDS = new Set(['ant', 'mui', 'el', 'v', 'chakra', 'bp', 'bp4', 'bp5', 'mat', 'mdc', 'mantine', 'ui', 'p', 'k', 'dx', 'q', 'c',
  'checkbox', 'check', 'input', 'inner', 'root', 'base', 'btn', 'button', 'select', 'switch', 'radio', 'toggle', 'control', 'native', 'icon', 'only', 'text',
  'link', 'unstyled', 'plain', 'reset']);

/** Class words that say no more than a control's kind (`ant-checkbox-input`, `MuiButton-root`, `btn btn-icon-only`). */
function saysOnlyKind(cls: string): boolean {
  const words = cls.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  // Or after a plugin's letters, no word (WP Recipe Maker's `wprm-checkbox`; `buy-button` says what it buys).
  const from = words.length >= 2 && /^[bcdfghjklmnpqrstvwxz]{2,5}\d*$/.test(words[0]!) ? 1 : 0;
  return words.slice(from).every((word) => KIND_CLASS_WORDS.has(word));
}

/** The only control in its table cell (a select in a "Role" column), so the column says what it is. */
function soleControlOfCell(el: Element): boolean {
  const cell = closestOf(el, 'td, [role=gridcell], [role=cell]');
  return !!cell && queryAllOf(cell, 'a[href], button, input, select, textarea, [role=button], [role=combobox], [role=checkbox], [role=switch]').length === 1;
}

/** A struck price in a card is what it cost before. */
const STRUCK_FIELD: Record<string, string> = { S: 'was', DEL: 'was', STRIKE: 'was' };

/** The element is all its table cell shows (the cell itself, or a link that is the cell's whole text). */
function fillsItsCell(el: Element): boolean {
  const cell = closestOf(el, 'td, [role=gridcell], [role=cell]');
  return !!cell && (cell === el || collapse(textOf(cell)) === collapse(textOf(el)));
}

/** A field name from a column header's words: a slug, never with a leading digit (`item.2024` is no member access). */
export function headerFieldName(text: string, words = 3): string {
  const name = slug(text, words);
  return /^\p{N}/u.test(name) ? `col_${name}` : name;
}

/**
 * Field names no list field may have, so one so named gets a suffix (`index_2`): `index` an item answers itself
 * (`item.index`), the others no script may write (sandbox/interpreter/values.ts: FORBIDDEN_PROPERTIES, as slugs; an F1
 * table's "Constructor", a call log's "Caller"). Item methods (`text`, `click`) are no part of it: a field so named
 * is both (sandbox/capabilities/automation.ts, ItemHandle).
 */
export const RESERVED_FIELD_NAMES: readonly string[] = ['index', 'constructor', 'prototype', 'caller', 'callee', 'arguments'];

/** Elements of a header cell looked at one by one for hidden parts, at most; the text of any past them is read as is. */
const MAX_HEADER_ELEMENTS = 40;
/** Words a sorted header says of its order ("Price (sorted ascending)"): no part of the column's name. */
const SORT_WORDS = /\(?\s*\b(?:(?:currently\s+)?sorted\s+|sort\s+)?(?:in\s+)?(?:ascending|descending)(?:\s+order)?\b\s*\)?/giu;

/**
 * A short text some items show and the others lack (no part at its place, not hidden there): not a field's label, not
 * words for a screen reader ("Original price"), not a control's words (a nav link's unread badge).
 */
function flagOfSome(slot: SlotStats, items: readonly Element[]): boolean {
  const words = slot.texts[0] ?? '';
  if (slot.texts.length >= items.length || !words || words.length > 40 || new Set(slot.texts).size > 1) return false;
  if (tagOf(slot.sample) === 'LABEL') return false;
  return [...slot.found].every(([item, el]) => !hiddenFromEye(el) && !kindOf(item) && ![...ancestorsBetween(el, item)].some((at) => kindOf(at)))
    && items.every((item) => slot.found.has(item) || !slotElement(item, slot.selector));
}

/** `el` is what its item, or a part of the item around it, says is its label (`aria-labelledby`). */
function labelsItsItem(el: Element, item: Element): boolean {
  const id = idOf(el);
  if (!id) return false;
  for (let at = parentOf(el); at; at = at === item ? null : parentOf(at)) {
    if (attr(at, 'aria-labelledby')?.split(/\s+/).includes(id)) return true;
  }
  return false;
}

/**
 * Hidden from the eye, kept for screen readers: a visually hidden class, or the styles such classes use (clipped to
 * nothing, a box of 1px, placed far off the screen), or hidden for everyone.
 */
function hiddenFromEye(el: Element): boolean {
  if (hiddenByMarkup(el)) return true;
  if (Array.from(classListOf(el)).some((name) => VISUALLY_HIDDEN.test(name))) return true;
  const style = styleOf(el);
  if (!style) return false;
  if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse') return true;
  if (/^inset\(\s*(?:50|100)%/.test(style.clipPath ?? '')) return true;
  if (style.position !== 'absolute' && style.position !== 'fixed') return false;
  const clip = style.clip ?? '';
  if (clip.startsWith('rect(') && (clip.match(/-?[\d.]+/g) ?? []).every((n) => Math.abs(Number(n)) <= 1)) return true;
  const px = (value: string | undefined) => Number.parseFloat(value ?? '');
  return (px(style.width) <= 1 && px(style.height) <= 1) || px(style.left) <= -999 || px(style.top) <= -999;
}

/**
 * A column header's words as the eye reads them, so a field keeps its name while a script sorts the table: parts
 * hidden from the eye left out (a screen reader's " sorted ascending", added by the sort), and on a header that says
 * its sort order (`aria-sort`) the words that say it. Only header cells are looked at so (a few, style read per part).
 */
export function headerText(cell: Element, skip?: (el: Element) => boolean): string {
  // A product's card as the header, its link among buttons and a price: the link's words (explorer, session 53).
  // Only where the cell's other words are none, or numbers and prices (a header's "Learn more" help link beside "Due date"
  // names nothing).
  const links = queryOf(cell, HEADER_BUTTONS) ? Array.from(queryAllOf(cell, 'a[href]')).filter((link) => !skip?.(link)) : [];
  const product = links.length === 1 ? wordsIn(links[0]!, undefined, true) : '';
  if (/\p{L}/u.test(product) && !/\p{L}/u.test(wordsIn(cell, (el) => el === links[0] || matchesOf(el, HEADER_BUTTONS) || !!skip?.(el), true))) return product;
  if (skip) return wordsIn(cell, skip, true);
  // A column is named by its words, not its buttons' too ("× Aero Add to cart"), where words are left without them.
  const own = wordsIn(cell, (el) => matchesOf(el, HEADER_BUTTONS), true);
  // A header that is an icon button only (a clock for "Duration"): the button's label (explorer, session 49). One
  // whose only words are for screen readers (`<span class="sr-only">Feature</span>`): those.
  // Not a symbol shown (a clock "⏱" beside `<span class="sr-only">Duration</span>`).
  let text = own;
  for (const next of [() => wordsIn(cell, undefined, true), () => collapse(attr(queryOf(cell, 'button[aria-label],[role=button][aria-label]') ?? cell, 'aria-label') ?? '').replace(SELECT_ALL, ''),
    () => wordsIn(cell, undefined, false)]) {
    if (/[\p{L}\p{N}]/u.test(text)) break;
    text = next();
  }
  if (!hasAttr(cell, 'aria-sort')) return text;
  const unsorted = collapse(text.replace(SORT_WORDS, ' '));
  return /[\p{L}\p{N}]/u.test(unsorted) ? unsorted : text;
}

/** A corner cell's command ("Select all" over a sheet's row numbers), which names no column. */
const SELECT_ALL = /^(?:(?:select|deselect|unselect|check|uncheck|toggle)\s+all(?:\s+rows)?)$/i;

/** Buttons and fields in a header cell, whose words are theirs, not the column's. */
export const HEADER_BUTTONS = 'button, select, textarea, input, [role=button], [role=checkbox], [role=switch], [role=combobox]';

function wordsIn(cell: Element, skip: ((el: Element) => boolean) | undefined, byEye: boolean): string {
  const parts: string[] = [];
  let looked = 0;
  const read = (el: Element) => {
    for (let node = firstChildOf(el); node; node = nextSiblingOf(node)) {
      const type = nodeTypeOf(node);
      if (type === 3) parts.push(node.nodeValue ?? '');
      if (type !== 1) continue;
      const child = node as Element;
      if (skip?.(child)) parts.push(' ');
      else if (++looked > MAX_HEADER_ELEMENTS) parts.push(` ${textOf(child)} `);
      else if (!(byEye ? hiddenFromEye(child) : hiddenFromAll(child))) {
        parts.push(' ');
        if (firstElementChildOf(child)) read(child);
        else parts.push(textOf(child));
        parts.push(' ');
      }
    }
  };
  read(cell);
  return collapse(parts.join(''));
}

/** Hidden by its tag or attributes, from everyone. */
const hiddenByMarkup = (el: Element): boolean => SKIP_TAGS.has(tagOf(el)) || hasAttr(el, 'hidden') || attr(el, 'aria-hidden') === 'true';

/** Hidden from screen readers too. */
function hiddenFromAll(el: Element): boolean {
  if (hiddenByMarkup(el)) return true;
  const style = styleOf(el);
  return !!style && (style.display === 'none' || style.visibility === 'hidden');
}

/**
 * The header of the ARIA grid column `el` sits in (AG Grid, MUI's DataGrid: `role=gridcell` under `role=columnheader`),
 * by `aria-colindex`, else by place in the row; its `aria-label` before its words (a header also holds sort and menu
 * buttons). Explorer, session 42: with a selection checkbox per row the fields were `ag_cell`, `ag_cell_2`, ….
 */
function gridColumnHeader(el: Element): string | undefined {
  const cell = closestOf(el, '[role=gridcell], [role=cell]');
  const cells = cell ? parentOf(cell) : null;
  // The row, or a row around one wrapper of its cells (a playlist's `role=row > div.row_e > gridcell`: explorer, session 52).
  const around = cells && roleOf(cells) !== 'row' ? parentOf(cells) : null;
  const row = around && roleOf(around) === 'row' && childrenOf(around).length === 1 ? around : cells;
  const grid = row && roleOf(row) === 'row' ? closestOf(row, '[role=grid], [role=table], [role=treegrid]') : null;
  if (!cell || !cells || !grid) return undefined;
  const heads = Array.from(queryAllOf(grid, '[role=columnheader]')).slice(0, MAX_HEAD_COLUMNS);
  const index = attr(cell, 'aria-colindex');
  let head = index ? heads.find((h) => attr(h, 'aria-colindex') === index) : undefined;
  // Headers that say no column index of their own stand in their row's order (cells that say theirs count from 1).
  const placed = !index || !heads.some((h) => hasAttr(h, 'aria-colindex'));
  if (!head && placed) {
    const place = index && Number.parseInt(index, 10) > 0 ? Number.parseInt(index, 10) - 1 : Array.from(childrenOf(cells)).indexOf(cell);
    const headRow = heads[0] ? parentOf(heads[0]) : null;
    const candidate = headRow ? childrenOf(headRow)[place] : undefined;
    head = candidate && roleOf(candidate) === 'columnheader' ? candidate : undefined;
  }
  if (!head) return undefined;
  const words = numberSign(collapse(attr(head, 'aria-label') ?? '') || headerText(head));
  return /[\p{L}\p{N}]/u.test(words) ? headerFieldName(words) || undefined : undefined;
}

/** A column headed "#" holds the rows' numbers (a playlist's track numbers, a ranking's places). */
const numberSign = (words: string): string => (words.trim() === '#' ? 'number' : words);

/** Per read (detectLists starts anew): a table's header grid. */
let headerGrids = new WeakMap<Element, (Element | undefined)[][]>();

/** Header rows at most, and columns, a grid is made of. */
const MAX_HEAD_ROWS = 4;
const MAX_HEAD_COLUMNS = 64;

/**
 * The header cells over each column of `table`: its head's rows (`thead`), else the rows of header cells at its top,
 * with their spans (a "Company" spanning two rows beside a "Revenue" spanning "2019" and "2020").
 */
function headerGrid(table: Element): (Element | undefined)[][] {
  const known = headerGrids.get(table);
  if (known) return known;
  let rows = Array.from(queryAllOf(table, ':scope > thead > tr'));
  if (!rows.length) {
    rows = [];
    for (let row = queryOf(table, ':scope > tbody > tr, :scope > tr'); row && rows.length < MAX_HEAD_ROWS; row = nextElementOf(row)) {
      // Header cells, and empty ones beside them (a table's corner).
      const cells = Array.from(childrenOf(row));
      if (!cells.some((cell) => tagOf(cell) === 'TH') || cells.some((cell) => tagOf(cell) !== 'TH' && /[\p{L}\p{N}]/u.test(textOf(cell)))) break;
      rows.push(row);
    }
  }
  const grid: (Element | undefined)[][] = [];
  const spanning: { cell: Element; until: number }[] = [];
  rows.slice(0, MAX_HEAD_ROWS).forEach((row, r) => {
    let column = 0;
    const place = (cell: Element, width: number, height: number) => {
      for (let c = column; c < Math.min(column + width, MAX_HEAD_COLUMNS); c++) {
        (grid[c] ??= [])[r] = cell;
        if (height > 1) spanning[c] = { cell, until: r + height - 1 };
      }
      column += width;
    };
    const fromAbove = () => {
      while (column < MAX_HEAD_COLUMNS && spanning[column] && spanning[column]!.until >= r) {
        (grid[column] ??= [])[r] = spanning[column]!.cell;
        column++;
      }
    };
    for (const cell of Array.from(childrenOf(row))) {
      fromAbove();
      place(cell, Math.max(1, Number(attr(cell, 'colspan')) || 1), Math.max(1, Number(attr(cell, 'rowspan')) || 1));
    }
    fromAbove();
  });
  headerGrids.set(table, grid);
  return grid;
}

/**
 * The header of the table column `el` sits in, slugged: the top header cell over it, not counting a title across the
 * whole table ("Albert Einstein" over an infobox, "Quarterly results 2024") nor a row of filters (a header cell holding
 * a field); where that cell spans several columns (a group: "Revenue" over "2019" and "2020"), with the lowest header
 * under it (`revenue_2019`). Only `<th>` cells name a column; a row of sort links under the names names nothing.
 */
function columnHeader(el: Element): string | undefined {
  const cell = closestOf(el, 'td');
  const row = cell ? parentOf(cell) : null;
  const table = row ? closestOf(row, 'table') : null;
  if (!cell || !row || !table || tagOf(row) !== 'TR' || (parentOf(row) && tagOf(parentOf(row)!) === 'THEAD')) return undefined;
  let column = 0;
  for (let before = previousElementOf(cell); before; before = previousElementOf(before)) column += Number(attr(before, 'colspan')) || 1;
  const grid = headerGrid(table);
  const width = (head: Element) => grid.filter((over) => over.includes(head)).length;
  const stack = (grid[column] ?? []).filter((head, r, all): head is Element => !!head && head !== all[r - 1] && tagOf(head) === 'TH'
    && !(grid.length > 1 && width(head) >= grid.length) && !queryOf(head, 'input,select,textarea') && /[\p{L}\p{N}#]/u.test(headerText(head)));
  const top = stack[0];
  if (!top) return undefined;
  const lowest = stack.length > 1 && width(top) > 1 ? stack[stack.length - 1] : undefined;
  if (!lowest) return headerFieldName(numberSign(headerText(top))) || undefined;
  return headerFieldName(`${slug(headerText(top), 2).replace(/_/g, ' ')} ${slug(headerText(lowest), 2).replace(/_/g, ' ')}`, 4) || undefined;
}

const MAX_ITEM_CHECKS = 400;

/**
 * Items a list needs: three alike, or one row of a table whose header names its columns (a team of two with a Remove
 * button each was a table and two buttons, a team of three a list, named apart: explorer, session 41).
 */
function fewestItems(item: Element): number {
  if (tagOf(item) !== 'TR') return MIN_ITEMS;
  const body = parentOf(item);
  const table = body && (tagOf(body) === 'TABLE' ? body : tagOf(body) === 'TBODY' ? parentOf(body) : null);
  if (!table || tagOf(table) !== 'TABLE') return MIN_ITEMS;
  let width = 0;
  for (const cell of Array.from(childrenOf(item))) {
    if (tagOf(cell) !== 'TD' && tagOf(cell) !== 'TH') return MIN_ITEMS;
    width += Number(attr(cell, 'colspan')) || 1;
  }
  if (!queryOf(item, ':scope > td') || queryOf(item, 'table')) return MIN_ITEMS;
  // A record has a cell of data (a name, a date) beside its controls: a layout row of two forms has none.
  const dataCell = Array.from(childrenOf(item)).some((cell) => !queryOf(cell, 'a[href],button,input,select,textarea') && /[\p{L}\p{N}]/u.test(textOf(cell, 40)));
  if (!dataCell) return MIN_ITEMS;
  const grid = headerGrid(table);
  // Two columns named apart at least (a title across the table names none).
  const named = new Set(grid.flatMap((column) => column.filter((head): head is Element => !!head && tagOf(head) === 'TH' && /[\p{L}\p{N}]/u.test(headerText(head)))));
  return width >= 2 && grid.length === width && named.size >= 2 ? 1 : MIN_ITEMS;
}

/**
 * `items` alike make a list: three always, fewer only as rows of a headed table or as records the page numbers (asked
 * only then).
 */
const enoughItems = (items: Element[]): boolean => items.length >= MIN_ITEMS || (!!items[0] && items.length >= fewestItems(items[0]))
  || numberedRecords(items);

/**
 * A record's number at the end of its id or test id: three digits or more, or a token of six or more with two digits
 * (`t1_k2j3h4`), not a position (`panel1`).
 */
const RECORD_NUMBER = /^(.*?[^0-9a-z])([0-9]{3,}|(?=(?:[a-z]*[0-9]){2})[0-9a-z]{6,})$/i;

/**
 * Two or more items whose ids (or test ids) are one name and each its own record's number: Jira's comments
 * (`issue-comment-base.ui.comment.ak-comment.10233`, `…10240`), WordPress's `post-4521`. Two such comments were loose
 * entries `edit_button`, `delete_button_2` (explorer, session 60).
 */
const numberedRecords = (items: Element[]): boolean => recordsPrefix(items) !== undefined;

/** The name before such records' numbers (`issue-comment-base.ui.comment.ak-comment.`), else undefined. */
function recordsPrefix(items: Element[]): string | undefined {
  if (items.length < 2) return undefined;
  for (const name of ['id', 'data-testid']) {
    const numbers = new Set<string>();
    let prefix: string | undefined;
    for (const item of items) {
      const match = RECORD_NUMBER.exec(attr(item, name) ?? '');
      if (!match || (prefix !== undefined && match[1] !== prefix)) {
        prefix = undefined;
        break;
      }
      prefix = match[1];
      numbers.add(match[2]!);
    }
    if (prefix !== undefined && numbers.size === items.length) return prefix;
  }
  return undefined;
}

/** Words of a record's id that say what a record is not: the page's parts, not its kind. */
const RECORD_PART_WORDS = new Set(['base', 'item', 'items', 'row', 'rows', 'entry', 'card', 'node', 'cell', 'elem', 'view', 'container', 'wrapper', 'list']);

/** What numbered records are, from their ids' last word (`…ak-comment.10233`: `comments`), when no label names them. */
function recordsName(items: Element[]): string | undefined {
  // Not a project's key in capitals (Jira's `card-PAY-101`: the cards were `pays`; explorer, session 64).
  const words = (recordsPrefix(items) ?? '').split(/[^A-Za-z]+/).filter((word) => !/^[A-Z]{2,6}$/.test(word)).map((word) => word.toLowerCase())
    .filter((word) => word.length >= 3 && !RECORD_PART_WORDS.has(word));
  const last = words.at(-1);
  return last ? pluralOf(last) : undefined;
}

/** Finds lists among the candidates; returns them with the candidates they absorb. */
export function detectLists(candidates: Candidate[], stops: Set<Element>, cache?: LocatorCache,
  /** Gets the cards found to be settings under headings (headedSettings), each with its heading: sections, not a list. */
  headedCards?: HeadedCard[][]): DetectedList[] {
  headedOut = headedCards;
  signatures = new WeakMap();
  minifiedPages = new WeakMap();
  headerGrids = new WeakMap();
  baseSteps = new WeakMap();
  steps = new WeakMap();
  const threads = threadsAmong(candidates, baseStep, stops);
  for (const [row, spread] of spreadRows(candidates, baseStep, stops, threads)) threads.set(row, spread);
  for (const [tile, grid] of tileRows(candidates, baseStep, threads)) threads.set(tile, grid);
  const grouped = groupedRows(candidates, baseStep, threads);
  for (const [row, group] of grouped.rows) threads.set(row, group);
  const bySignature = new Map<Element, Map<Element, Element[]>>();
  const siblingsLike = (item: Element): Element[] => {
    const parent = parentOf(item)!;
    let groups = bySignature.get(parent);
    if (!groups) {
      groups = likeSiblings(Array.from(childrenOf(parent)));
      bySignature.set(parent, groups);
    }
    return groups.get(item) ?? [];
  };
  // What the climb below needs to know of an ancestor, once per element: 0 = stop climbing, 1 = climb on, 2 = an item,
  // 3 = a calendar (its days and events are lists of their own: dayList, eventList), 4 = a comment of a thread
  // (threads.ts: the innermost is the item).
  const climb = new Map<Element, number>();
  const climbOf = (node: Element): number => {
    let known = climb.get(node);
    if (known === undefined) {
      if (calendarThrough(node)) known = 3;
      // A group of grouped rows is no item: its title's button stays an entry (grouped-rows.ts).
      else if (stops.has(node) || tagOf(node) === 'BODY' || grouped.groups.has(node)) known = 0;
      else if (threads.has(node)) known = 4;
      else if (moreElementsThan(node, MAX_ITEM_ELEMENTS)) known = 0;
      // A shadow root's top-level element: climbed through to its host, which may be the item (shadow-parts.ts).
      else if (!parentOf(node)) known = 1;
      // A grid's column headers are its head, not rows of a list (MUI's sort and menu buttons in each; explorer, session 42).
      else if (roleOf(node) === 'columnheader' || tagOf(node) === 'TH') known = 1;
      else known = !PROSE.has(tagOf(node)) && enoughItems(siblingsLike(node)) ? 2 : 1;
      climb.set(node, known);
    }
    return known;
  };

  // For each candidate, the outermost ancestor (or itself) that repeats among its siblings and is small enough.
  const itemOf = new Map<Candidate, Element>();
  const calendarDays = new Map<Element, Candidate[]>();
  const groupTitles = new Map<Element, Candidate[]>();
  const calendarEvents = new Map<Element, Candidate[]>();
  // The calendar an element is in, looked up once per element on the way up: a month's big week rows are too many
  // elements for the climb below to reach it (FullCalendar's events).
  const inCalendar = new Map<Element, Element | null>();
  const calendarFor = (el: Element): Element | null => {
    const path: Element[] = [];
    let found: Element | null | undefined;
    for (let node: Element | null = el; node && found === undefined; node = upAcross(node)) {
      found = inCalendar.get(node);
      if (found !== undefined) break;
      path.push(node);
      if (tagOf(node) === 'BODY') found = null;
      else found = calendarThrough(node);
    }
    for (const node of path) inCalendar.set(node, found ?? null);
    return found ?? null;
  };
  for (const candidate of candidates) {
    // A calendar's days are one list, its events another; its other controls (a week number, a title's buttons)
    // climb on.
    const calendar = calendarFor(candidate.el);
    const day = !!calendar && DAY_KINDS.has(candidate.kind) && isDay(candidate.el, calendar);
    if (calendar && (day || dayOfEvent(calendar, candidate.el))) {
      const found = (day ? calendarDays : calendarEvents).get(calendar);
      if (found) found.push(candidate); else (day ? calendarDays : calendarEvents).set(calendar, [candidate]);
      continue;
    }
    let best: Element | undefined;
    let node: Element | null = candidate.el;
    for (let depth = 0; node && upAcross(node) && depth < MAX_DEPTH; depth++, node = upAcross(node)) {
      const step = climbOf(node);
      if (step === 3) continue;
      if (step === 0) {
        // A title's control of grouped rows: the groups may be a list of their own (titled below).
        if (grouped.groups.has(node)) {
          const titled = groupTitles.get(node);
          if (titled) titled.push(candidate); else groupTitles.set(node, [candidate]);
          best = undefined;
        }
        break;
      }
      if (step === 2) best = node;
      if (step === 4) {
        best = node;
        break;
      }
    }
    if (best) itemOf.set(candidate, best);
  }

  const byContainer = new Map<Element, Map<Element, Candidate[]>>();
  for (const [candidate, item] of itemOf) {
    const container = threads.get(item)?.container ?? parentOf(item)!;
    let items = byContainer.get(container);
    if (!items) byContainer.set(container, (items = new Map()));
    const members = items.get(item);
    if (members) members.push(candidate); else items.set(item, [candidate]);
  }

  const lists: DetectedList[] = [];
  for (const [calendar, members] of calendarDays) {
    const days = dayList(calendar, members, calendarEvents.get(calendar) ?? [], cache);
    if (days) lists.push(days);
  }
  for (const [calendar, members] of calendarEvents) {
    const events = eventList(calendar, members, cache);
    if (events) lists.push(events);
  }
  for (const [container, memberMap] of byContainer) {
    if (PROSE.has(tagOf(container)) || (writtenIn(container) && [...memberMap.keys()].every((item) => PHRASING.has(tagOf(item))))) continue;
    const first = memberMap.keys().next().value as Element;
    const thread = threads.get(first);
    if (thread) {
      const list = threadList(thread, memberMap, cache);
      if (list) lists.push(list);
      continue;
    }
    // Hidden rows (a collapsed "more", a copy for another screen size) are not items: counted, they made a list of
    // two shown buttons, read hidden labels as samples and sent clicks to rows no one can see.
    // An item with a control the walk took is shown; only the others are looked at (at most MAX_ITEM_CHECKS of them,
    // the rest taken as shown: a list of 100,000 rows past the node budget is not styled row by row).
    let checks = 0;
    // A container may hold rows of two kinds (a directions pane's buttons and its route cards: explorer, session 51):
    // the other kinds are looked at too where they run together and each is a card (a control itself, or holding two).
    const firstKind = siblingsLike(first);
    for (const group of new Set([...memberMap.keys()].map(siblingsLike))) {
      if (group !== firstKind && !((runTogether(group) || runPastHeadings(group)) && group.every((item) => cardLike(item, memberMap.get(item))))) continue;
      // A row of column headers is none, whatever it holds (a sort button: explorer, session 49).
      const like = group.filter((item) => !headerRow(item) && (memberMap.has(item) || checks++ >= MAX_ITEM_CHECKS || shownItem(item)));
      // Rows a heading stands between are rows of different sections (Wikipedia's one-bullet `<ul>`s under
      // "Properties" and "See also"): one list per run of rows between headings.
      const runs = runsBetweenHeadings(container, like);
      for (const items of runs) {
        if (!enoughItems(items)) continue;
        // Only the rows of this kind are the list's: a form's buttons beside its label rows stay the form's entries.
        const inList = new Set(items);
        const members = runs.length === 1 && like.length === memberMap.size ? memberMap : new Map(memberMap);
        for (const item of [...members.keys()]) if (!inList.has(item)) members.delete(item);
        const columns = columnsOfRows(items, members, ROW_SHAPES);
        const allCards = new Map(columns?.flatMap((c) => [...c.members]));
        const columnLists = columns?.map((c) => {
          const found = listOf(c.container, c.rows, c.members, cache, allCards);
          return found && { ...found, column: { item: c.column, heading: c.heading } };
        });
        if (columnLists?.every(Boolean)) {
          lists.push(...columnLists as DetectedList[]);
          continue;
        }
        const list = listOf(container, items, members, cache);
        if (!list) continue;
        // Heading rows among a box's rows of another kind (a mail list's "Today" with its collapse button): its groups.
        const groups = memberMap.size > items.length && items.every(headsSection);
        lists.push(groups ? { ...list, name: 'groups' } : list);
      }
    }
  }
  lists.push(...fewRowsLikeLists(lists, candidates, cache));
  // Grouped rows' titles that are controls (a sidebar's carets, a task's box above its subtasks): a list of the groups
  // where they are many, else entries.
  // Each title the item, not its group: the group's rows are the other list's.
  const titledBy = new Map<Element, Map<Element, Candidate[]>>();
  for (const [group, titles] of groupTitles) {
    let title: Element = titles[0]!.el;
    while (parentOf(title) && parentOf(title) !== group) title = parentOf(title)!;
    const container = parentOf(group)!;
    const groups = titledBy.get(container) ?? new Map<Element, Candidate[]>();
    titledBy.set(container, groups.set(title, titles));
  }
  for (const [container, members] of titledBy) {
    const list = listOf(container, [...members.keys()], members, cache);
    // Not by the label of the box they share with the rows (a grid's "Tasks" named the sections `tasks`, the tasks
    // `tasks_2`): the rows' group field is `group`, these are the groups.
    const labelled = hasAttr(container, 'aria-label') || hasAttr(container, 'aria-labelledby');
    if (list) lists.push({ ...list, namedBy: list.items[0]!, ...(labelled ? { name: 'groups' } : {}) });
  }
  return lists;
}

/** Levels up from a list's box where boxes like it are looked for. */
const GROUPS_APART = 3;
const MAX_LIKE_BOXES = 20;

/**
 * Rows too few for a list (a recipe's "To finish": eggs, feta) in a box like a list's near it (a box of the same class
 * a few levels up), rows of its rows' class: a list too, of the same fields, as a board's short column is (explorer,
 * session 59: eggs and feta were two check boxes, the base ingredients before them a list).
 */
function fewRowsLikeLists(lists: readonly DetectedList[], candidates: readonly Candidate[], cache?: LocatorCache): DetectedList[] {
  const found: DetectedList[] = [];
  const listed = new Set(lists.flatMap((list) => list.members));
  const free = new Map(candidates.filter((c) => !listed.has(c)).map((c) => [c.el, c] as const));
  const freeIn = (item: Element) => [item, ...Array.from(queryAllOf(item, '*')).slice(0, MAX_ITEM_ELEMENTS)].flatMap((el) => free.get(el) ?? []);
  for (const list of lists) {
    const boxClass = stableClass(list.container);
    const itemClass = list.items[0] && stableClass(list.items[0]);
    if (list.column || list.items.length < MIN_ITEMS || !boxClass || !itemClass || !free.size) continue;
    const kinds = new Set(list.members.map((m) => m.kind));
    const boxes = boxesLike(list.container, `${tagNameOf(list.container)}.${CSS.escape(boxClass)}`);
    for (const box of boxes) {
      const items = Array.from(childrenOf(box)).filter((child) => baseStep(child) === baseStep(list.items[0]!));
      if (!items.length || items.length >= MIN_ITEMS || items.length * 3 < childElementCountOf(box) * 2) continue;
      const members = new Map(items.map((item) => [item, freeIn(item)] as const).filter(([, own]) => own.length));
      // Rows of the same controls: a settings card's "Change password" row is no row of the switches' list beside it.
      if (!members.size || [...members.values()].flat().some((m) => !kinds.has(m.kind))) continue;
      const cards = membersByItem(list);
      for (const [item, own] of members) cards.set(item, own);
      const small = listOf(box, items, members, cache, cards);
      if (small) found.push(small);
    }
  }
  return found;
}

/** A list's members by the item each is in. */
function membersByItem(list: DetectedList): Map<Element, Candidate[]> {
  const byItem = new Map(list.items.map((item) => [item, [] as Candidate[]] as const));
  for (const member of list.members) {
    for (let at: Element | null = member.el; at && at !== list.container; at = parentOf(at)) {
      const own = byItem.get(at);
      if (own) {
        own.push(member);
        break;
      }
    }
  }
  return byItem;
}

/** Boxes matching `selector` under the nearest of `box`'s ancestors (up to GROUPS_APART) that holds any, not `box`. */
function boxesLike(box: Element, selector: string): Element[] {
  let at = parentOf(box);
  for (let up = 0; at && up < GROUPS_APART; up++, at = parentOf(at)) {
    const like = Array.from(queryAllOf(at, selector)).filter((other) => other !== box && !containsOf(other, box) && !containsOf(box, other));
    if (like.length) return like.slice(0, MAX_LIKE_BOXES);
  }
  return [];
}

/** Some element between two of the items holds a control: rows of another kind lie between them (never so for items one after another). */
function othersBetween(items: readonly Element[]): boolean {
  const set = new Set(items);
  for (let at = nextElementOf(items[0]!); at && at !== items[items.length - 1]; at = nextElementOf(at)) {
    if (!set.has(at) && (matchesOf(at, BETWEEN_CONTROLS) || queryOf(at, BETWEEN_CONTROLS))) return true;
  }
  return false;
}
const BETWEEN_CONTROLS = 'a[href], button, input, select, textarea, [role=button], [tabindex]';

/** Siblings one after the other, nothing between them. */
const runTogether = (items: readonly Element[]): boolean => items.every((item, at) => at === 0 || nextElementOf(items[at - 1]!) === item);

/**
 * Rows with only headings between them, in a box that is one list for assistive technology (a mail list's "Today",
 * "Yesterday" rows among its messages: explorer, session 65, Outlook's messages were entries, the three headings a list).
 */
function runPastHeadings(items: readonly Element[]): boolean {
  if (items.length < 2 || !ROW_GROUP_ROLES.has(roleOf(parentOf(items[0]!)!) ?? '')) return false;
  return items.every((item, at) => {
    if (at === 0) return true;
    let between = nextElementOf(items[at - 1]!);
    while (between && between !== item && headsSection(between)) between = nextElementOf(between);
    return between === item;
  });
}

/** An item that is a control itself (a route card drawn as a button) or holds two controls at least. */
const cardLike = (item: Element, found: readonly Candidate[] | undefined): boolean => !!found && (found.length >= 2 || found.some((c) => c.el === item));

/** The list of a thread's comments (threads.ts), the hidden ones left out as rows are. */
function threadList(thread: Thread, memberMap: Map<Element, Candidate[]>, cache?: LocatorCache): DetectedList | undefined {
  // Each one looked at, past MAX_ITEM_CHECKS too: a tree's collapsed branches hide most of its items (review, session 50:
  // 260 counted of 70 shown).
  const items = thread.items.filter((item) => memberMap.has(item) || shownItem(item));
  if (items.length < MIN_ITEMS) return undefined;
  const inList = new Set(items);
  const members = new Map([...memberMap].filter(([item]) => inList.has(item)));
  const found = listOf(thread.container, items, members, cache, undefined, thread);
  const list = found && thread.head ? withColumnField(found, thread.head, thread.headName) : found;
  const name = threadName(thread);
  // Grouped rows (grouped-rows.ts) are named by their box's class (`subtasks`), their container's (`cards`) being the
  // groups'.
  const named = list && thread.headName ? { ...list, namedBy: parentOf(list.items[0]!)! } : list;
  return named && name ? { ...named, fallbackName: name } : named;
}

/** A group's title typed into a box of its own (Asana's section names are text areas): the box's value. */
function titleInBox(el: Element): string {
  const box = matchesOf(el, TITLE_BOX) ? el : queryOf(el, TITLE_BOX);
  return box ? heldValue(box) : '';
}

/** What a text box holds now, secrets hidden; nothing of a password, card or code field. */
const heldValue = (box: Element): string => (isSensitive(box) ? '' : hideSecrets(collapse(String((box as HTMLInputElement).value ?? ''))));

const WEEKDAY_OR_MONTH = /\b(mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|today|tomorrow|yesterday)/i;

/** Spread rows' column heading as their first field: `day` where headings say days, else `column`. */
function withColumnField(list: DetectedList, head: string, headName?: string): DetectedList {
  const texts = list.items.map((item) => {
    const el = slotElement(item, head);
    return el ? titleInBox(el) || sampleText(el) : '';
  });
  if (!texts.some(Boolean)) return list;
  const taken = new Set(list.slots.map((slot) => slot.name));
  const base = headName ?? (texts.filter(Boolean).every((text) => WEEKDAY_OR_MONTH.test(text)) ? 'day' : 'column');
  const name = taken.has(base) ? `${base}_heading` : base;
  return {
    ...list,
    slots: [{ name, kind: 'text', selector: head }, ...list.slots],
    fields: [name, ...list.fields],
    samples: list.samples.map((sample, i) => (texts[i] ? { [name]: truncate(texts[i]!, 60), ...sample } : sample)),
  };
}

/**
 * A row of column headers only (a grid's header row beside rows with one cell more, for their actions, that no header
 * names: explorer, session 48, a file grid's header row was item 0 and its words the first sample).
 */
function headerRow(el: Element): boolean {
  const cells = Array.from(childrenOf(el));
  const head = (cell: Element) => tagOf(cell) === 'TH' || roleOf(cell) === 'columnheader';
  // An empty cell over a column of menus is none (explorer, session 49).
  return cells.some(head) && cells.every((cell) => head(cell) || (!firstElementChildOf(cell) && !textOf(cell, 10)));
}

/** Child tags an item may have that the others lack (a "Best seller" badge, a "was" price) and still be one of them. */
const MAX_EXTRA_TAGS = 2;
const LABELLED_FIELDS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/**
 * The siblings each child looks like: those of its signature (same tag, role and tags of children) — and cards of one
 * class of the page (`div.card`), at least MIN_ITEMS, whose children's tags differ only by a few that some of them add
 * (explorer, session 46: one card with a badge made a list of three no list, or left the badged one out).
 */
function likeSiblings(children: Element[]): Map<Element, Element[]> {
  const groups = new Map<string, Element[]>();
  const byClass = new Map<string, Element[]>();
  for (const child of children) {
    const sig = signature(child);
    const group = groups.get(sig);
    if (group) group.push(child); else groups.set(sig, [child]);
    const cls = kindOf(child) ? undefined : stableClass(child);
    if (!cls) continue;
    const key = `${tagNameOf(child)}|${roleOf(child) ?? ''}|${cls}`;
    const same = byClass.get(key);
    if (same) same.push(child); else byClass.set(key, [child]);
  }
  const out = new Map<Element, Element[]>();
  for (const group of groups.values()) for (const child of group) out.set(child, group);
  for (const cards of byClass.values()) {
    if (cards.length < MIN_ITEMS) continue;
    // Items the page calls so, of one class, each saying whether it is open, are alike whatever each holds: a mail
    // thread's folded messages (a sender, a line, a date) and its open one (a heading, the body, a Reply button). Not
    // any list items of one class (review, session 51: a results list took in its "Related searches" row, and a
    // settings list of link rows fell apart into entries once its other rows joined it).
    if (roleOf(cards[0]!) === 'listitem' && cards.every((card) => hasAttr(card, 'aria-expanded'))) {
      for (const card of cards) out.set(card, cards);
      continue;
    }
    // Most cards share one shape (at least half of them, two at least); the others differ from it by a part or two.
    let shape: Element[] = [];
    for (const card of cards) if (out.get(card)!.length > shape.length) shape = out.get(card)!;
    const ofShape = cards.filter((card) => out.get(card) === shape);
    if (ofShape.length === cards.length || ofShape.length < 2 || ofShape.length * 2 < cards.length) continue;
    const tags = (card: Element) => {
      const own = new Set(signature(card).split('|')[2]?.split(',').filter(Boolean));
      // A label beside its field is one part with it: a sold-out room card lacks the "Select rooms" label and select
      // alike (explorer, session 55).
      if (own.has('LABEL') && [...own].some((tag) => LABELLED_FIELDS.has(tag))) own.delete('LABEL');
      return own;
    };
    const common = tags(ofShape[0]!);
    // A shape of a few parts (a title, a price, a button): one part alike is no shape (bbc-1's header blocks).
    if (common.size < 2) continue;
    const near = (card: Element) => {
      const own = tags(card);
      let apart = 0;
      for (const tag of own) if (!common.has(tag)) apart++;
      for (const tag of common) if (!own.has(tag)) apart++;
      return apart <= MAX_EXTRA_TAGS;
    };
    if (!cards.every(near)) continue;
    for (const card of cards) out.set(card, cards);
  }
  // A shape's other members (an unclassed block of the cards' shape before them) are alike among themselves only.
  for (const group of groups.values()) {
    const rest = group.filter((child) => out.get(child) === group);
    if (rest.length !== group.length) for (const child of rest) out.set(child, rest);
  }
  return out;
}

const ROW_SHAPES: RowShapes = { signature, shape: baseStep, pathFrom: relativeSelector, at: slotElement };

/** Elements that sit in a line of text: links and words set apart (not cards, rows or blocks). */
const PHRASING: ReadonlySet<string> = new Set(['A', 'SPAN', 'B', 'STRONG', 'EM', 'I', 'U', 'SMALL', 'CODE', 'ABBR', 'CITE',
  'MARK', 'SUB', 'SUP', 'IMG', 'TIME', 'Q', 'S', 'KBD', 'VAR', 'DFN', 'BDI', 'BDO', 'DATA', 'LABEL', 'BUTTON']);

/** Letters of its own text (not its children's) past which an element is running text, whatever its tag. */
const WRITTEN_LETTERS = 40;

/**
 * An element that holds sentences of its own between its children (lwn-1's article body is a `<div>` of paragraphs
 * and bare text): links in it are the text's, not rows of a list (its "announced" and "was cut loose from Oracle" were
 * items of one list with the article's pictures). Separators ("Home | About", "·") are no sentences, and rows or
 * cards under a line of text of their own ("Showing 4 results…") are still a list: only items set in the text are not.
 */
function writtenIn(container: Element): boolean {
  let letters = 0;
  for (let node = firstChildOf(container); node; node = nextSiblingOf(node)) {
    if (nodeTypeOf(node) !== 3) continue;
    letters += (node.nodeValue?.match(/\p{L}/gu) ?? []).length;
    if (letters > WRITTEN_LETTERS) return true;
  }
  return false;
}

/** The list the rows `items` of `container` make, with the candidates in them (`memberMap`); undefined if they make none. */
function listOf(container: Element, items: Element[], allMembers: Map<Element, Candidate[]>, cache?: LocatorCache,
  /**
   * The cards of the whole board, where the rows are a board's column (board-columns.ts): a list however few, their
   * shape shown by the other columns, and their fields the board's cards' (a label on one card in the column is a field).
   */
  board?: Map<Element, Candidate[]>,
  /** The thread whose comments the items are: each reads its own parts, not its replies'. */
  thread?: Thread): DetectedList | undefined {
  const column = !!board;
  // A block of the rows' tag before or after them that lacks the class every row has (Stack Overflow's "3 Answers"
  // header and its sort select above the `div.answer`s: the list's first item, `{}`; explorer, session 62): no row.
  const odd = column || thread ? undefined : oddEnds(items);
  if (odd) {
    items = items.filter((item) => !odd.has(item));
    allMembers = new Map([...allMembers].filter(([item]) => !odd.has(item)));
  }
  // A menu open in an item (a row's ⋮ menu) is no part of the items: its entries stand apart (explorer, session 44:
  // `menu`, `menu_2`, `menu_3` slots of every row, "Cancel order" among them).
  const memberMap = new Map([...allMembers].map(([item, found]) => [item, found.filter((c) => !inItemMenu(c.el, item))] as const).filter(([, found]) => found.length));
  const members = [...memberMap.values()].flat();
  // A table's rows: as many with controls as there are rows, up to three (two Cancel buttons in six orders are no list).
  if (!column && memberMap.size < MIN_ITEMS && (memberMap.size < items.length || !enoughItems([...memberMap.keys()]))) return undefined;
  // A table's rows hold more (WordPress's posts: a box, the title, four row actions, author, categories, tags, counts).
  const most = tableRows(items) ? MAX_ROW_CANDIDATES : MAX_ITEM_CANDIDATES;
  if ([...memberMap.values()].some((m) => m.length > most)) return undefined;
  // `<div class=row><label>Email</label><input></div>` repeated is a form laid out in rows.
  if (formRows(memberMap) || formGrid(memberMap)) return undefined;
  const settings = column ? undefined : headedSettings(items, memberMap);
  if (settings) {
    headedOut?.push(settings);
    return undefined;
  }
  // A few radio buttons of one group, each with its label, are the form's choices: entries named by group and option
  // (`$order__ship_express`), as two of them are; a third made them a list of `text` and `radio` (explorer, session 42).
  if (memberMap.size <= SMALL_LIST && [...memberMap.values()].every((m) => m.length === 1 && m[0]!.kind === 'radio')) return undefined;
  const { shared, controlKinds, ...list } = describe(container, items, memberMap, cache, undefined, board, thread);
  // A block among the rows that no field reaches into and whose controls none is (Google's "People also ask" between
  // its results: an item `{}`, its questions gone; explorer, session 64): no row, its controls entries.
  const foreign = column || thread || items.length > SMALL_LIST * 2 ? [] : items.filter((item) => memberMap.has(item)
    && list.slots.every((slot) => !slotElement(item, slot.selector)));
  const rows = foreign.length ? items.filter((item) => !foreign.includes(item)) : items;
  if (foreign.length && enoughItems(rows)) return listOf(container, rows, new Map([...allMembers].filter(([item]) => !foreign.includes(item))), cache);
  if (notAList(items, list.slots) || linkTree(container, items, list.slots) || (!shared && (list.actions.length === 0 || list.fields.length === 0))) return undefined;
  if (!column && strayParts(items, list.slots)) return undefined;
  const lost = unreachedControls(memberMap, controlKinds);
  // Blocks that only look alike (a settings page's sections: one of check boxes, one of radio buttons, one a select):
  // no list, their controls entries (explorer, session 44: `list(4) fields: title`, every switch and select gone).
  if (lost.length && lost.length * 3 >= Math.min(members.length, scannedMembers(memberMap))) return undefined;
  const slotsPerItem = list.slots.length;
  if (!column && items.length <= SMALL_LIST && [...memberMap.values()].every((m) => m.length <= 1) && slotsPerItem <= 1) return undefined;
  // A toolbar's commands drawn as icons (Move, Pen, Bold, Undo…), a button each, every one named apart: entries, all of
  // them in the prompt; as a list of ten only three were shown, and no word on the page says Pen or Bold (explorer,
  // session 49). Buttons with words (a toolbar's "Archive", a filter's chips) stay a list: a script finds one by them.
  // So are buttons that are the items themselves, their icons a font's words (a call's "mic", "call_end": explorer,
  // session 59, a list of `icon` fields whose buttons' labels, "Leave call", were nowhere).
  const ownButtons = [...memberMap].every(([item, found]) => found.length === 1 && found[0]!.el === item && found[0]!.kind === 'button');
  if (!column && items.length <= MAX_COMMANDS && ((slotsPerItem === 1 && list.slots[0]!.kind === 'button') || ownButtons) && [...memberMap.values()].every((m) => m.length === 1)
    && new Set(members.map((m) => accessibleName(m.el).toLowerCase())).size === members.length
    && members.every((m) => showsOnlyIcons(m.el))) return undefined;
  if (!column && items.length <= SMALL_LIST && list.fields.length === 0 && list.actions.length <= 1) return undefined;
  // A few lone buttons of one shape strewn among other blocks with controls (a directions pane's "⇅" and "Add
  // destination" before its routes, "Send directions to your phone" after them): the pane's commands, entries, not
  // rows (explorer, session 51). Cards between a day's or a group's labels stay a list (review, session 52).
  if (!column && items.length <= SMALL_LIST && [...memberMap].every(([item, found]) => found.length === 1 && found[0]!.el === item && found[0]!.kind === 'button')
    && items.every((item) => parentOf(item) === container) && othersBetween(items)) return undefined;
  // A few items' odd controls (a checklist's "Other" text box) stay entries; a long list's are its items' business,
  // but for a "View 5 more replies" in one comment, which no field reaches (explorer, session 56: it was gone).
  const unreached = [...memberMap].flatMap(([item, found]) => found.filter((m) => MORE_WORDS.test(accessibleName(m.el)) && !reachedBySlot(item, m.el, list.slots)));
  const left = new Set([...(memberMap.size <= SMALL_LIST ? lost : []), ...unreached]);
  const records = recordsName(items);
  return { ...list, members: left.size ? members.filter((m) => !left.has(m)) : members, ...(records ? { fallbackName: records } : {}) };
}

/**
 * The first and last of four or more rows where they hold a heading and lack a class all the other rows have (a
 * header); undefined where none do.
 */
function oddEnds(items: readonly Element[]): Set<Element> | undefined {
  if (items.length < 4) return undefined;
  const odd = new Set<Element>();
  for (const end of [items[0]!, items.at(-1)!]) {
    const others = items.filter((item) => item !== end && !odd.has(item));
    const shared = Array.from(classListOf(others[0]!)).find((name) => !STATE_CLASS.test(name) && others.every((other) => classListOf(other).contains(name)));
    if (shared && !classListOf(end).contains(shared) && queryOf(end, 'h1, h2, h3, h4, h5, h6, [role=heading]')) odd.add(end);
  }
  return odd.size ? odd : undefined;
}

/**
 * A control that shows no words: a picture, a glyph, or a font's icons ("mic"); not a count beside them (a reaction's
 * "thumb_up 3": its label says the count too, and the reactions stay a list; review, session 59).
 */
const showsOnlyIcons = (el: Element): boolean => !/[\p{L}\p{N}]/u.test(textOf(el, 40)) || (wordsOnlyInLigatures(el) && !/\p{N}/u.test(textOf(el, 40)));

/** A control that shows more of a list or a thread: "View 5 more replies", "Show more comments", "Load more". */
const MORE_WORDS = /\b(show|view|load|see|read)\b.{0,20}\bmore\b|\bmore (replies|comments|answers|results)\b/i;

/** `el`, a control of `item`, is what one of the list's slots finds in it. */
function reachedBySlot(item: Element, el: Element, slots: readonly ListSlot[]): boolean {
  return slots.some((slot) => {
    const first = slotElement(item, slot.selector);
    return !!first && (first === el || (!!slot.repeated && repeatedParts(first, slot.selector).includes(el)));
  });
}

/**
 * The read-only list of rows that hold no control (record-rows.ts): their parts its fields, named and sampled as any
 * list's. Undefined where fewer than two parts are fields, or the rows are prose.
 */
export function recordsList(container: Element, items: Element[], cache?: LocatorCache): DetectedList | undefined {
  const { shared: _shared, controlKinds: _kinds, ...list } = describe(container, items, new Map(), cache);
  if (list.slots.filter((slot) => slot.kind === 'text').length < 2 || notAList(items, list.slots)) return undefined;
  return { ...list, members: [] };
}

/** Inside a menu (`role=menu`) that an item holds, not the item itself. */
function inItemMenu(el: Element, item: Element): boolean {
  const menu = closestOf(el, '[role=menu]');
  return !!menu && menu !== item && containsOf(item, menu);
}

/** Items whose controls unreachedControls looks at. */
const REACH_SCANNED = 20;

/**
 * The controls of the items (the first REACH_SCANNED) of a kind no action of the list has, which it hides: a select in
 * one block only, a radio button read through a `checkbox` slot. (A paragraph's third link among items of two is
 * reached the way a text's links are.)
 */
function unreachedControls(memberMap: Map<Element, Candidate[]>, controlKinds: ReadonlySet<string>): Candidate[] {
  const lost: Candidate[] = [];
  for (const candidates of [...memberMap.values()].slice(0, REACH_SCANNED)) {
    // Read through a slot of another kind (a radio as `checkbox`), or none.
    for (const candidate of candidates) if (!controlKinds.has(candidate.kind)) lost.push(candidate);
  }
  return lost;
}

const scannedMembers = (memberMap: Map<Element, Candidate[]>) => [...memberMap.values()].slice(0, REACH_SCANNED).reduce((sum, m) => sum + m.length, 0);

/** What a calendar's day is drawn as. */
const DAY_KINDS: ReadonlySet<string> = new Set(['button', 'clickable', 'link', 'option']);

/**
 * A calendar's days (calendar.ts) as one list: each day control an item, field `day`, found under the calendar by
 * their path (`:scope > tbody > tr > td > button`). Controls in its header (a week number's, a weekday's) stay entries.
 */
function dayList(calendar: Element, members: Candidate[], events: readonly Candidate[], cache?: LocatorCache): DetectedList | undefined {
  const inHead = (el: Element) => !!closestOf(el, 'th, [role=columnheader], [role=rowheader]');
  // A cell that is a control around its day's button (Angular Material's `td[role=gridcell] > button`): the button.
  const days = members.filter((member) => !inHead(member.el) && !members.some((other) => other !== member && containsOf(member.el, other.el)));
  if (days.length < MIN_ITEMS) return undefined;
  // Days that are their cells (`td role=gridcell`) have the cells that hold events among them: such a cell is no
  // control of its own (classify.ts), and the list had holes where the events were (`find("12")` found no 12th).
  const busy = new Set(days.every((day) => dayCellOf(calendar, day.el) === day.el) ? events.map((event) => dayOfEvent(calendar, event.el)) : []);
  const items = busy.size ? dayCellsOf(calendar).filter((cell) => busy.has(cell) || days.some((day) => day.el === cell)) : days.map((day) => day.el);
  const { shared: _shared, controlKinds: _kinds, ...list } = describe(calendar, items, new Map(days.map((day) => [day.el, [day]])), cache, 'day');
  return dayField({ ...list, members: days, name: DAYS_LIST });
}

/**
 * A month view's events (`td > span.date + button.event`): one list, field `day` read from the event's day's cell
 * (UP_SLOT), the rest from the event (they were a list of weeks, `mon, mon_2, tue_2`, the events apart). Only the
 * events of the shape most are: a day's "+2 more" stays an entry.
 */
function eventList(calendar: Element, members: Candidate[], cache?: LocatorCache): DetectedList | undefined {
  const byStep = new Map<string, Candidate[]>();
  for (const member of members) {
    if (members.some((other) => other !== member && containsOf(other.el, member.el))) continue;
    const same = byStep.get(baseStep(member.el));
    if (same) same.push(member); else byStep.set(baseStep(member.el), [member]);
  }
  const events = [...byStep.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  // Two are a list already: as entries they were named alike (`standup_button`, `standup_button_2`), their day unsaid.
  if (events.length < 2) return undefined;
  const items = events.map((event) => event.el);
  const { shared: _shared, controlKinds: _kinds, ...list } = describe(calendar, items, new Map(events.map((event) => [event.el, [event]])), cache, 'event');
  return withDayOfCell(calendar, { ...list, members: events, name: EVENTS_LIST });
}

/** The day each event is on as its first field, `day`: the number its cell shows, by one path from the most events. */
function withDayOfCell(calendar: Element, list: DetectedList): DetectedList {
  const paths = new Map<string, number>();
  for (const item of list.items.slice(0, 20)) {
    const cell = dayCellOf(calendar, item);
    const number = cell && dayNumberIn(cell, item);
    if (!cell || !number) continue;
    let up = 0;
    for (let at: Element | null = item; at && at !== cell; at = parentOf(at)) up++;
    const path = upSlot(up, relativeSelector(cell, number).slice(':scope > '.length));
    paths.set(path, (paths.get(path) ?? 0) + 1);
  }
  const path = [...paths].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!path || list.fields.includes('day')) return list;
  const texts = list.items.slice(0, SAMPLES).map((item) => {
    const el = slotElement(item, path);
    return el ? sampleText(el) : '';
  });
  return {
    ...list,
    slots: [{ name: 'day', kind: 'text', selector: path }, ...list.slots],
    fields: ['day', ...list.fields],
    samples: list.samples.map((sample, i) => (texts[i] ? { day: texts[i]!, ...sample } : sample)),
  };
}

/** The element of a day's cell that shows its number, outside the event `item`. */
function dayNumberIn(cell: Element, item: Element): Element | undefined {
  for (const part of partsOf(cell, 40)) {
    if (containsOf(part, item) || containsOf(item, part) || childElementCountOf(part) > 0) continue;
    if (/^\d{1,2}$/.test(sampleText(part))) return part;
  }
  return undefined;
}

/** The field that shows each day's number is `day`, where it is a part of the day control (Ant Design's cell's inner div). */
function dayField(list: DetectedList): DetectedList {
  const numbered = list.fields.find((field) => field !== 'day' && list.samples.some((sample) => /^\d{1,2}$/.test(sample[field] ?? '')));
  if (!numbered) return withDayNumbers(list);
  // The day control itself is `day` (a `td role=gridcell` around its number's span and its events): the number is the
  // day's field, read by it, no second `day` (the prompt said `actions: day(text)`, or `day: "3 9:30a Standup"`).
  const control = list.slots.some((slot) => slot.name === 'day' && slot.selector === ':scope');
  if (list.fields.includes('day') && !control) return list;
  const rename = (name: string) => (name === numbered ? 'day' : name);
  const renamed = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record)
    .filter(([key]) => !control || key !== 'day' || !(numbered in record)).map(([key, value]) => [rename(key), value]));
  return {
    ...list, fields: [...new Set(list.fields.map(rename))], actions: list.actions.map(rename),
    slots: control ? list.slots.filter((slot) => slot.name !== numbered) : list.slots.map((slot) => ({ ...slot, name: rename(slot.name) })),
    samples: list.samples.map(renamed), ...(list.machineValues ? { machineValues: renamed(list.machineValues) } : {}),
  };
}

/**
 * A day control that shows more than its number ("12" and its fare "$85" in one button): `day` is a field too, its
 * samples the numbers (they showed the fares alone).
 */
function withDayNumbers(list: DetectedList): DetectedList {
  if (list.fields.includes('day') || !list.slots.some((slot) => slot.name === 'day' && slot.selector === ':scope')) return list;
  const days = list.samples.map((_, i) => /^(\d{1,2})(?: |$)/.exec(textOf(list.items[i]!, 12))?.[1]);
  if (!days.every(Boolean)) return list;
  return { ...list, fields: ['day', ...list.fields], samples: list.samples.map((sample, i) => ({ day: days[i]!, ...sample })) };
}

const HEADING_TAGS: ReadonlySet<string> = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/** A child of a list's container that heads what follows: a heading, or a small wrapper that starts with one. */
function headsSection(el: Element): boolean {
  if (HEADING_TAGS.has(tagOf(el)) || attr(el, 'role') === 'heading') return true;
  const first = firstElementChildOf(el);
  return !!first && HEADING_TAGS.has(tagOf(first)) && childrenOf(el).length <= 3;
}

/**
 * `items` (children of `container`, in order) cut where a heading stands between two of them — unless no part is
 * a list by itself: a heading before each row titles the row (a FAQ's questions), it does not start a section.
 */
function runsBetweenHeadings(container: Element, items: Element[]): Element[][] {
  // Every child a row: no heading stands between any two (the usual list). Headings in a listbox group its rows.
  if (items.length === childrenOf(container).length || ROW_GROUP_ROLES.has(roleOf(container) ?? '')) return [items];
  const wanted = new Set(items);
  const runs: Element[][] = [[]];
  for (let child = firstElementChildOf(container); child; child = nextElementOf(child)) {
    if (wanted.has(child)) runs[runs.length - 1]!.push(child);
    else if (runs[runs.length - 1]!.length && headsSection(child)) runs.push([]);
  }
  const parts = runs.filter((run) => run.length);
  return parts.length > 1 && parts.some((run) => run.length >= MIN_ITEMS) ? parts : [items];
}

const PROSE_ITEM_CHARS = 400;
const TREE_LINK_SLOTS = 4;

/**
 * Repeated prose (paragraph-long list items with links in them) and link trees (a nested table of contents) repeat in
 * shape but are not lists of things: their links stay running-text links, anchors or menus.
 */
function notAList(items: Element[], slots: ListSlot[]): boolean {
  if (!slots.every((s) => s.kind === 'link' || s.kind === 'text')) return false;
  const links = slots.filter((s) => s.kind === 'link').length;
  if (links >= TREE_LINK_SLOTS && links === slots.length) return true;
  const sampled = items.slice(0, 3);
  const chars = sampled.reduce((sum, item) => sum + textOf(item, PROSE_ITEM_CHARS * 2).length, 0);
  return chars >= PROSE_ITEM_CHARS * sampled.length;
}

/**
 * A few blocks of one tag that hold different things, most parts in one block alone (Wikipedia's footer: its licence,
 * its ten links, its two badges were a list of three with `link` to `link_10`). Past a few items, parts so rare are no
 * slots anyway (they must be in a third of the items).
 */
function strayParts(items: Element[], slots: ListSlot[]): boolean {
  if (items.length < MIN_ITEMS || items.length > SMALL_LIST || slots.length < STRAY_PARTS_FROM) return false;
  const alone = slots.filter((slot) => items.filter((item) => slotElement(item, slot.selector)).length <= 1).length;
  return alone * 2 > slots.length;
}
const STRAY_PARTS_FROM = 6;

/**
 * A level of a tree of list items (`li > ul > li`: a nested table of contents, a site map) whose items are links and
 * words: split by level it made several lists of one contents (wikipedia-3: its sections 1.1–1.3 one list, 2–9
 * another, section 1 an entry). Its links stay together as anchors or a menu, as link trees with more links per item do.
 */
function linkTree(container: Element, items: Element[], slots: ListSlot[]): boolean {
  if (tagOf(items[0]!) !== 'LI' || !slots.every((s) => s.kind === 'link' || s.kind === 'text')) return false;
  // Levels of links under links: a product's colour swatches (`li > ul > li`, no links) or stories grouped under tabs
  // (`li > h2 + ul`) are no tree (review, session 26).
  const ownLink = (li: Element) => !!queryOf(li, ':scope > a[href]');
  const around = parentOf(container);
  if (around && tagOf(around) === 'LI' && ownLink(around)) return true;
  for (let child = firstElementChildOf(container); child; child = nextElementOf(child)) {
    if (tagOf(child) === 'LI' && ownLink(child) && queryOf(child, ':scope > ul > li a[href], :scope > ol > li a[href]')) return true;
  }
  return false;
}

/** What a slot shows of one item: an image's alt text, else its text; nothing of a field the user types into or a secret. */
export function sampleText(el: Element): string {
  if (tagOf(el) === 'IMG') return collapse(attr(el, 'alt') ?? '');
  // A select's words are all its options ("Mr Ms Mx"); its value is said as a field's is (explorer, session 59: a
  // passenger's title read "Mr Ms Mx", a field because another passenger's options differ).
  if (isSensitive(el) || tagOf(el) === 'SELECT') return '';
  // Typed text, also where the editor wraps it in formatting (a span inside a contenteditable).
  for (let at: Element | null = el, steps = 0; at && steps < MAX_UPWARD_STEPS; at = parentOf(at), steps++) if (holdsTypedText(at)) return '';
  // A price with what it cost before, a rating drawn as stars: as the page's facts read (facts.ts), and `.text()`.
  const fact = factText(el);
  if (fact !== undefined) return fact;
  const pictured = pictureWords(el) ?? spelledOut(el);
  if (pictured) return pictured;
  const label = labelWords(el);
  if (label && (wordsOnlyInPictures(el) || wordsOnlyInLigatures(el))) return label;
  return wordsForTheEyeOnly(el) ?? (textOf(el, 200) || label);
}

/**
 * The words a part shows in a box hidden from screen readers, where all else it says is a picture's label: LinkedIn's
 * job title link, `<span aria-hidden="true"><strong>Senior Frontend Engineer</strong></span>` beside a badge `<svg
 * aria-label="Verified job">`, read "Verified job" (explorer, session 62). Not an icon font's ligature ("close").
 */
function wordsForTheEyeOnly(el: Element): string | undefined {
  const hidden = queryOf(el, '[aria-hidden=true]');
  if (!hidden || ligatureIcon(hidden) || closestOf(el, '[aria-hidden=true]') || checkVisibilityOf(hidden) === false) return undefined;
  const words = collapse(textContentOf(hidden));
  if (!/\p{L}/u.test(words)) return undefined;
  let rest = textOf(el, 200);
  for (const picture of Array.from(queryAllOf(el, 'img[alt], [role=img][aria-label], svg[aria-label]'))) {
    rest = rest.replace(collapse(attr(picture, 'alt') ?? attr(picture, 'aria-label') ?? ''), ' ');
  }
  return /\p{L}/u.test(rest) ? undefined : truncate(words, 200);
}

/**
 * An icon whose title (or a font's ligature: "mic_off") is all a control in the item shows, the control named by its
 * own label: no words of the item.
 */
function iconOfLabelledControl(el: Element, item: Element): boolean {
  const ligature = ligatureIcon(el);
  if (!ligature && localNameOf(el) !== 'svg' && !closestOf(el, 'svg')) return false;
  const control = closestOf(el, 'a[href], button, [role=button], [role=link]');
  return !!control && containsOf(item, control) && !!labelWords(control) && (ligature ? wordsOnlyInLigatures(control) : wordsOnlyInPictures(control));
}

/** Controls whose own label or title is what they say when they show no words. */
const LABELLED_KINDS: ReadonlySet<string> = new Set(['link', 'button', 'clickable', 'tab', 'menuitem', 'option']);

/**
 * What a link or button that shows no words says: its own `aria-label`, else its `title` (spiceworks' footer icons,
 * `<a title="Follow on twitter"><svg aria-hidden="true">`, read "" and no `find("twitter")` reached them: explorer,
 * session 36). '' for anything else (a field's title is no value, a message's no text).
 */
export function labelWords(el: Element): string {
  // A box made clickable by its own handler or tab stop (ietf's colour bar, `<div onclick title="Click for colour
  // legend.">`) is a clickable too, as the walk finds it.
  const kind = kindOf(el) ?? (hasAttr(el, 'onclick') || (attr(el, 'tabindex') !== null && Number(attr(el, 'tabindex')) >= 0) ? 'clickable' : undefined);
  if (!kind || !LABELLED_KINDS.has(kind)) return '';
  return collapse(attr(el, 'aria-label') ?? '') || collapse(attr(el, 'title') ?? '');
}

/** Slots whose state a sample shows (`done: true`). */
export const TOGGLE_KINDS: ReadonlySet<string> = new Set(['checkbox', 'switch', 'radio']);

/** Whether a row button's labels are forms of one toggle (label-toggle.ts), some row's on. */
function toggledByLabel(slot: SlotStats): boolean {
  return slot.kind === 'button' && slot.found.size > 0 && !!labelsToggle([...slot.found.values()].map(toggleLabelOf));
}

/** A toggle button's state (`aria-pressed`), as `.value()` reads it; undefined for a button that is no toggle. */
function pressedOf(el: Element): 'true' | 'false' | 'mixed' | undefined {
  const pressed = attr(el, 'aria-pressed')?.trim().toLowerCase();
  return pressed === 'true' || pressed === 'false' || pressed === 'mixed' ? pressed : undefined;
}

/**
 * A box's state as a sample shows it: `true` / `false`, what a script's `.value()` of the box returns (a native box's
 * `checked`), `mixed` for `aria-checked="mixed"`; undefined when it says nothing.
 */
function checkedOf(el: Element): 'true' | 'false' | 'mixed' | undefined {
  if (tagOf(el) === 'INPUT') {
    const type = String((el as HTMLInputElement).type ?? '').toLowerCase();
    return type === 'checkbox' || type === 'radio' ? ((el as HTMLInputElement).checked === true ? 'true' : 'false') : undefined;
  }
  const aria = attr(el, 'aria-checked');
  return aria === null ? undefined : aria === 'mixed' ? 'mixed' : aria === 'true' ? 'true' : 'false';
}

/** Whether `outer`'s element holds `inner`'s in every item that has `inner`. */
function holdsIn(outer: SlotStats, inner: SlotStats): boolean {
  for (const [item, el] of inner.found) {
    const around = outer.found.get(item);
    if (!around || around === el || !containsOf(around, el)) return false;
  }
  return inner.found.size > 0;
}

function describe(container: Element, items: Element[], memberMap: Map<Element, Candidate[]>, cache?: LocatorCache,
  /** The field an item that is itself a control is (a calendar's `day`), instead of a name from its labels or column. */
  itemField?: string,
  /** The items and controls whose slots the list has, where they are not its own (a board's cards: listOf). */
  peers?: Map<Element, Candidate[]>,
  thread?: Thread): Omit<DetectedList, 'members'> & { shared: boolean; controlKinds: ReadonlySet<string> } {
  const comments = thread && new Set(thread.items);
  const stats = new Map<string, SlotStats>();
  let order = 0;
  const note = (item: Element, el: Element, kind: 'text' | ElementKind) => {
    // The first of its kind at the end of the path is what the path finds anyway: `li > a` in an item with one link
    // and `li > a:nth-of-type(1)` in one with several are one slot (they were two fields, `link` and `link_3`,
    // reading the same link: explorer, session 36).
    const selector = relativeSelector(item, el).replace(/:nth-of-type\(1\)$/, '');
    let slot = stats.get(selector);
    if (!slot) {
      slot = { selector, kind, labels: [], texts: [], sample: el, order: order++, hasTextChild: false, found: new Map() };
      stats.set(selector, slot);
    } else if (kind !== 'text' && slot.kind === 'text') {
      slot.kind = kind;
    }
    return slot;
  };
  const scanned = (peers ? [...peers.keys()] : items).slice(0, 20);
  for (const item of scanned) {
    const seen = new Set<string>();
    const candidates = new Map(((peers ?? memberMap).get(item) ?? []).map((c) => [c.el, c] as const));
    const leaves: Element[] = [item, ...partsOf(item, 80)];
    const drawn = !!shadowOf(item);
    for (const el of leaves) {
      const candidate = candidates.get(el);
      // A rating drawn as a picture that says it (`<span role="img" aria-label="4.6 stars">` around an svg) is words.
      // A status icon that says itself (GitHub's check `<svg aria-label="failure">`: explorer, session 55) is words too.
      const text = ownText(el) || tagOf(el) === 'IMG' || tagOf(el) === 'TIME' || (attr(el, 'role') === 'img' && factKind(el) === 'rating')
        || (tagOf(el) === 'svg' && !!attr(el, 'aria-label')?.trim() && attr(el, 'aria-hidden') !== 'true');
      if (!candidate && !text) continue;
      if (inItemMenu(el, item)) continue;
      // A comment's replies are items of their own.
      if (comments && commentOf(el, comments, item) !== item) continue;
      if (!candidate && drawn && slottedIntoControl(el, item, (at) => candidates.has(at))) continue;
      if (!candidate && iconOfLabelledControl(el, item)) continue;
      // A select's options are its choices, not words of the item (a room's "1 (€ 459)": explorer, session 55).
      if (!candidate && closestOf(el, 'select, datalist, option, optgroup')) continue;
      // Hidden parts of the item are not its fields (a hidden tab panel around the whole list is read as a view).
      const hidden = candidate ? null : closestOf(el, '[aria-hidden=true],[hidden],script,style');
      if (hidden && (containsOf(item, hidden) || !containsOf(item, el))) continue;
      // So are the parts its own style hides (DataTables' Responsive hides a column's cells with `display: none`).
      if (!candidate && hiddenInlineIn(el, item)) continue;
      // The row's own summary for screen readers, its label (Gmail's hidden `div.afn` that the row's `aria-labelledby`
      // names: "unread, City Power, Your June statement…"): the fields again, in one.
      if (!candidate && labelsItsItem(el, item) && hiddenFromEye(el)) continue;
      const slot = note(item, el, candidate ? candidate.kind : 'text');
      if (seen.has(slot.selector)) continue;
      seen.add(slot.selector);
      slot.found.set(item, el);
      // A control with no words of its own by the title of its picture (Hacker News's `div.votearrow title="upvote"`).
      if (candidate) slot.labels.push(truncate(accessibleName(el) || iconName(el), 120));
      const value = sampleText(el);
      slot.texts.push(value);
      if (text) slot.hasTextChild = true;
    }
  }
  const all = mergeRepeated(mergeNegated(mergeFromEnd(mergeMarked(mergeIndexed(mergeFirstOfType([...stats.values()]))))), scanned).sort((a, b) => a.order - b.order);
  const flags = new Set(all.filter((slot) => slot.kind === 'text' && flagOfSome(slot, scanned)));
  const frequent = all.filter((slot) => {
    // A stepper one dish in the cart shows instead of its Add button is its items' however few (explorer, session 60).
    if (slot.texts.length * 3 < scanned.length && !stepperPart(slot.sample)) return false;
    if (slot.kind !== 'text') return true;
    const distinct = new Set(slot.texts);
    if (!(distinct.size === 1 && scanned.length > 1)) return [...distinct].some(Boolean);
    // Words every item says alike say nothing of one; a short flag shown by some items only tells them apart ("Sold
    // out for your dates": explorer, session 55). More than a couple such: the items are not alike (lemonde-1's page
    // blocks, an article in one).
    return flags.size <= 2 && flags.has(slot);
  });
  // A text inside another field's text (a date in bold in "FREE delivery Tue, Mar 12") says nothing more: not a field.
  // The item's own words hold every part; its parts stay fields (a price beside its name).
  // A bare `<strong>` around a control and other parts (WordPress: a post's title link and "— Draft") is no field: its
  // parts are. Words of its own are no part (a facet's `<span><input> Nonstop</span>`: the span is the words).
  const wrapsControl = (slot: SlotStats) => slot.kind === 'text' && WORD_TAGS.has(tagOf(slot.sample)) && !fieldClass(slot.sample)
    && [...slot.found.values()].every((el) => !ownText(el, /[\p{L}\p{N}]/u))
    && frequent.some((control) => control.kind !== 'text' && [...slot.found].every(([item, el]) => {
      const inside = control.found.get(item);
      return !!inside && inside !== el && containsOf(el, inside);
    }));
  // Words of a box's `<label for>` read out only say what the box's name says (WordPress: "Select 48 Hours in Rome"); a
  // shown label is the item's words (a checklist's "Ferns", a card's title).
  const labelsControl = (slot: SlotStats) => slot.kind === 'text' && [...slot.found].every(([item, el]) => {
    if (!hiddenFromEye(el)) return false;
    const control = (closestOf(el, 'label') as HTMLLabelElement | null)?.control;
    return !!control && frequent.some((other) => other.kind !== 'text' && other.found.get(item) === control);
  });
  const outer = frequent.filter((slot) => slot.kind === 'text' && slot.selector !== ':scope' && !wrapsControl(slot));
  // Words the page's styles hide in every item (WordPress keeps each post's data for Quick Edit in a `display: none` box).
  const unseen = (slot: SlotStats) => slot.kind === 'text' && [...slot.found.values()].every((el) => checkVisibilityOf(el) === false);
  const worth = frequent.filter((slot) => slot.kind !== 'text'
    || (!wrapsControl(slot) && !labelsControl(slot) && !unseen(slot) && !outer.some((other) => other !== slot && holdsIn(other, slot))));
  // Past MAX_SLOTS the controls stay (a card's "Add to cart" after ten texts), texts fill the rest, in order. A table's
  // row keeps a few texts past ten controls (WordPress's posts: a draft's state, the date after the row actions).
  const most = tableRows(items) ? MAX_ROW_SLOTS : MAX_SLOTS;
  // Words that are a control's whole words, in an element with no class to name them (a job's title link around its
  // `<strong>`): the control is the field, not a `strong` beside a `title` link (explorer, session 51).
  // So are a classed part's, where the control's own class names it (Slack's `c-timestamp__label` in `a.c-timestamp`).
  const wholeWordsOf = (slot: SlotStats, among: readonly SlotStats[]) => slot.kind === 'text' && WORD_TAGS.has(tagOf(slot.sample)) && among.some((control) => control.kind !== 'text'
    && (!fieldClass(slot.sample) || !!namingClass(control))
    && firstOfType(slot.selector).startsWith(`${firstOfType(control.selector)} > `)
    && [...slot.found].every(([item, el]) => {
      const around = control.found.get(item);
      return !!around && sampleText(around) === sampleText(el);
    }));
  const controls = worth.filter((slot) => slot.kind !== 'text').slice(0, MAX_SLOTS);
  // Texts that are a control's words again come last: a post's text after its author's, handle's and time's links
  // (explorer, session 63: X's posts had no text, the three kept were the links' words, dropped below).
  const allTexts = worth.filter((slot) => slot.kind === 'text');
  // Not a date said for machines too: the link around it is named by it (`date`).
  const saidByControl = new Set(allTexts.filter((slot) => wholeWordsOf(slot, worth) && !hasAttr(slot.sample, 'datetime')));
  // Then those fewer items have (a flag one comment shows, "OP", after every comment's date).
  // Prices before other words as many items have: what a card costs is what most tasks ask (Booking's cards lost theirs
  // to "Good" and "1 bunk bed"; explorer, session 64).
  // Said for screen readers too ("Current price € 356" beside a shown price hidden from them: Booking's).
  const priced = (slot: SlotStats) => (slot.texts.every((text) => PRICE_TEXT.test(text.trim().replace(PRICE_SAID, ''))) ? 0 : 1);
  const byReach = (a: SlotStats, b: SlotStats) => b.found.size - a.found.size || priced(a) - priced(b) || a.order - b.order;
  const texts = [...allTexts.filter((slot) => !saidByControl.has(slot)).sort(byReach), ...saidByControl].slice(0, Math.max(most - controls.length, MIN_TEXT_SLOTS));
  const chosen = worth.length <= most ? worth : [...controls, ...texts].sort((a, b) => a.order - b.order);
  // Only beside other words: a share list's links read by their spans alone are a list of links by those.
  const wordsKept = chosen.filter((slot) => slot.kind === 'text').length < 2 ? chosen : chosen.filter((slot) => !wholeWordsOf(slot, chosen));
  // Words a link beside them says too in every item (a map result's name under its overlay link named the same): the
  // link is that field (explorer, session 53: `link` and `text` both "Ritual Coffee Roasters").
  const saidByLink = (slot: SlotStats) => slot.kind === 'text' && tagOf(slot.sample) !== 'IMG' && slot.found.size === scanned.length
    && wordsKept.some((link) => link.kind === 'link' && new Set(link.texts).size > 1 && [...slot.found].every(([item, el]) => {
      const around = link.found.get(item);
      const words = sampleText(el);
      return !!around && !containsOf(around, el) && !containsOf(el, around) && words.length >= 3 && sampleText(around) === words;
    }));
  // Words read out only that another part shows in every item (Slack's sender said again in `span.offscreen`).
  const saidAgain = (slot: SlotStats) => slot.kind === 'text' && [...slot.found].every(([item, el]) => hiddenFromEye(el)
    && wordsKept.some((other) => {
      const shown = other !== slot ? other.found.get(item) : undefined;
      return !!shown && !containsOf(shown, el) && !hiddenFromEye(shown) && sampleText(shown) === sampleText(el);
    }));
  const kept = wordsKept.filter((slot) => !saidByLink(slot) && !saidAgain(slot));
  // The kinds of control the items have in common, the slots past MAX_SLOTS too (a wide table's Edit and Delete).
  const controlKinds = new Set(frequent.filter((slot) => slot.kind !== 'text').map((slot) => slot.kind));

  const worn = wornClasses(kept);
  for (const slot of kept) slot.worn = worn;
  const names = new Map<SlotStats, string>();
  const used = new Set(RESERVED_FIELD_NAMES);
  // A calendar's days sit in every column: no weekday header names a part of them (a fare's `su`).
  const byColumn = itemField !== 'day';
  const firstNames = new Map(kept.map((slot) => [slot, (slot.selector === ':scope' && itemField) || slotName(slot, scanned.length, false, byColumn) || 'item'] as const));
  withoutSharedPrefix(firstNames);
  const countOf = (values: Iterable<string>) => {
    const counts = new Map<string, number>();
    for (const name of values) counts.set(name, (counts.get(name) ?? 0) + 1);
    return counts;
  };
  const firstCounts = countOf(firstNames.values());
  // Fields whose BEM element parts collide keep their blocks (`author_name`, `product_name`), not `name`, `name_2`.
  const blockNames = new Map(kept.map((slot) => {
    const first = firstNames.get(slot)!;
    return [slot, firstCounts.get(first)! > 1 && first !== itemField ? slotName(slot, scanned.length, true, byColumn) || first : first] as const;
  }));
  const blockCounts = countOf(blockNames.values());
  // A class only one of fields named alike wears (Amazon's picture and title links both `sc-product-link`, the title's
  // also `sc-product-title`: were `product`, `product_2`; explorer, session 64): its name where no wrapper tells them apart.
  const ownClassName = (slot: SlotStats) => {
    const same = kept.filter((other) => blockNames.get(other) === blockNames.get(slot));
    const counts = countOf(same.flatMap((other) => [...new Set(ownClasses(other.sample))]));
    const shared = new Set([...slot.worn ?? [], ...[...counts].filter(([, n]) => n > 1).map(([name]) => name)]);
    const cls = fieldClass(slot.sample, false, slot.kind !== 'text', shared);
    const name = cls && slug(cls.replace(/([a-z])([A-Z])/g, '$1 $2'), 3);
    return name && name !== blockNames.get(slot) ? name : undefined;
  };
  // Still alike (one class on a card's picture link and on its title link): by the wrapper each sits in. Where a class
  // of its own names the part, not a block that holds other fields too (Amazon's `ul.sc-info-block` around a cart row's
  // title, stock and gift box: the title link was `info_block`).
  const ownWrapper = (slot: SlotStats) => {
    const found = wrapperOf(slot);
    const item = [...slot.found].find(([, el]) => el === slot.sample)?.[0];
    const holdsOthers = !!found && !!item && kept.some((other) => {
      const el = other !== slot ? other.found.get(item) : undefined;
      return !!el && !containsOf(slot.sample, el) && !containsOf(el, slot.sample) && containsOf(found.node, el);
    });
    return holdsOthers ? undefined : found?.name;
  };
  const wrapperNames = new Map(kept.filter((slot) => blockCounts.get(blockNames.get(slot)!)! > 1)
    .map((slot) => [slot, ownClassName(slot) ? ownWrapper(slot) : wrapperName(slot)] as const));
  // Parts named by their own class keep it unless the wrappers tell them apart: two `span.inline-metadata-item` in one
  // link are `inline_metadata_item` and `_2`, not the link's `yt_simple_endpoint_2`, `_3` (explorer, session 51).
  const apartBy = (slot: SlotStats) => {
    const wrapped = wrapperNames.get(slot);
    const same = [...wrapperNames].filter(([other]) => blockNames.get(other) === blockNames.get(slot));
    return wrapped && (!fieldClass(slot.sample, false, false, slot.worn) || new Set(same.map(([, name]) => name)).size > 1) ? wrapped : undefined;
  };
  const baseNames = new Map(kept.map((slot) => {
    const name = blockNames.get(slot)!;
    return [slot, blockCounts.get(name)! > 1 ? apartBy(slot) ?? ownClassName(slot) ?? name : name] as const;
  }));
  const baseCounts = countOf(baseNames.values());
  for (const slot of kept) {
    let name = baseNames.get(slot)!;
    // Of fields named alike, the one struck through in every item that has it is the old value (a price before the
    // sale): `old_price`, and the one paid keeps `price` (was `price` and `price_2`, the old one first; explorer,
    // session 40). One struck in some items only is no old value (a slot that is the sale's old price in one card and
    // the only price in the next).
    if (baseCounts.get(name)! > 1 && !/^old_/.test(name) && [...slot.found.values()].every(struckThrough)) name = `old_${name}`;
    // Unnamed parts side by side, as many as each item has: its labels (Linear's chips "Bug", "Payments v2").
    if (slot.repeated) name = /^text(?:_\d+)?$/.test(name) ? 'labels' : pluralOf(name);
    for (let n = 2; used.has(name); n++) name = `${name.replace(/_\d+$/, '')}_${n}`;
    used.add(name);
    names.set(slot, name);
  }
  // A control whose words the text fields inside it read (a title link around its title's span) is no field itself;
  // one that holds none of them in some item is (a tab "Code" beside "Issues <span>42</span>": explorer, session 48).
  const containsText = (slot: SlotStats) => {
    const inner = kept.filter((other) => other !== slot && other.kind === 'text' && other.selector.startsWith(`${slot.selector} > `));
    // All its words, not a counter beside its own (a tab "Conversation <span>4</span>": its counter is no tab's name;
    // explorer, session 50, the tabs' samples were "4", "3", "2").
    return inner.length > 0 && [...slot.found].every(([item, control]) => {
      const parts = inner.map((other) => slotElement(item, other.selector)).filter((el): el is Element => !!el);
      if (!parts.length) return !sampleText(control);
      // Words of its own beside its one part (a sort tab "Cheapest <span>$198 • 8h 10m</span>": explorer, session 54);
      // not "<strong>alice</strong> commented on <span>foo/bar</span>", whose parts say it (review, session 54).
      if (parts.length === 1 && ownText(control, /\p{L}/u)) return false;
      // Counters only: a title's words beside its date, a hidden "Video", leave the title field the item's words.
      if (parts.some((part) => /\p{L}/u.test(sampleText(part)))) return true;
      const rest = parts.reduce((words, part) => words.replace(sampleText(part), ' '), sampleText(control));
      return !/\p{L}/u.test(rest);
    });
  };
  // A control whose words differ from item to item is data too (a name link); of a one-row table, its link is.
  const varies = (slot: SlotStats) => new Set(slot.texts).size > 1 || (scanned.length === 1 && slot.kind === 'link' && !!slot.texts[0]);
  // Read once per slot: the fields, the toggles and each sample ask (every label's accessible name).
  const labelToggled = new Map<SlotStats, boolean>();
  const wordsItsState = (slot: SlotStats) => {
    let toggled = labelToggled.get(slot);
    if (toggled === undefined) labelToggled.set(slot, (toggled = toggledByLabel(slot)));
    return toggled;
  };
  // A toggle button's words may name its item ("Save Web Developer at N26"): its state is what it says, not a field
  // (explorer, session 49: a saved job showed no mark). A chip that is the item itself reads its words; item-marks.ts
  // marks the pressed ones.
  // Not buttons of words that differ of which only some say a state: a seat map's seats, one pressed (chosen) and the
  // others saying nothing, are data (explorer, session 51: the window seats' column was a true/false field, their
  // words gone).
  const pressable = (slot: SlotStats) => {
    if (slot.kind !== 'button') return false;
    const states = [...slot.found.values()].filter((el) => pressedOf(el) !== undefined).length;
    return (states > 0 && (states === slot.found.size || new Set(slot.texts).size <= 1)) || wordsItsState(slot);
  };
  // A control whose words repeat another field's in each item ("Show details for COMCAST CABLE" beside the description
  // "COMCAST CABLE") says what it does to the item, not data of its own (explorer, session 51).
  const echoes = (slot: SlotStats) => slot.selector !== ':scope' && slot.found.size > 0 && [...slot.found].every(([item, el]) => {
    const words = sampleText(el).toLowerCase();
    // The words a link says too count (saidByLink).
    return wordsKept.some((other) => {
      if (other === slot || other.kind !== 'text') return false;
      const part = slotElement(item, other.selector);
      // Not its own parts (an account link's mask and balance inside it beside its name: explorer, session 53).
      const said = part && !containsOf(part, el) && !containsOf(el, part) ? sampleText(part).toLowerCase() : '';
      return said.length >= 3 && words !== said && words.includes(said);
    });
  });
  // A box or a switch says its state, not its words ("On" in every switch, off ones too: explorer, session 57).
  // Nor a picture button's label that differs only by the row's words it says ("Edit order #1042" beside the order's
  // link "#1042": explorer, session 57): an action. A seat's label is its data (explorer, session 51).
  const wordless = (slot: SlotStats) => slot.kind === 'button' && slot.selector !== ':scope' && [...slot.found].every(([item, el]) => {
    if (/[\p{L}\p{N}]/u.test(textOf(el, 40))) return false;
    const label = accessibleName(el).toLowerCase();
    return kept.some((other) => {
      if (other === slot) return false;
      const part = slotElement(item, other.selector);
      const said = part && !containsOf(part, el) && !containsOf(el, part) ? sampleText(part).toLowerCase() : '';
      return said.length >= 3 && label.includes(said);
    });
  });
  const fields = kept.filter((slot) => (slot.kind === 'text' || ((!TOGGLE_KINDS.has(slot.kind) || slot.selector === ':scope') && varies(slot) && !containsText(slot) && !echoes(slot)
    && !wordless(slot) && (!pressable(slot) || slot.selector === ':scope'))));
  const actions = kept.filter((slot) => slot.kind !== 'text');
  // And toggle buttons (`aria-pressed`: a comment's Like, a reaction): "like the third comment" must not unlike it.
  const toggles = actions.filter((slot) => !fields.includes(slot) && (TOGGLE_KINDS.has(slot.kind)
    || pressable(slot)));
  const pickers = actions.filter((slot) => slot.kind === 'select' && !fields.includes(slot));
  // A text area too: a task's name edited in place (Asana's rows; explorer, session 63).
  const boxes = actions.filter((slot) => (slot.kind === 'text_input' || slot.kind === 'text_area' || slot.kind === 'slider') && !fields.includes(slot));
  const samples = items.slice(0, SAMPLES).map((item) => {
    const sample: Record<string, string> = {};
    for (const slot of fields) {
      const el = slotElement(item, slot.selector) ?? cellInPlaceOf(item, slot.selector);
      // Words the page's styles hide in this item (a collapsed comment's body) are no sample of it (explorer, session 56).
      if (el && slot.kind === 'text' && checkVisibilityOf(el) === false) continue;
      const value = !el ? '' : slot.repeated ? repeatedText(el, slot.selector, sampleText) : sampleText(el);
      if (value) sample[names.get(slot)!] = truncate(value, 60);
    }
    // Each item's box, checked or not ("uncheck the done ones" needs it): our words, never page text.
    for (const slot of toggles) {
      const el = slotElement(item, slot.selector);
      const checked = !el ? undefined : slot.kind === 'button' ? pressedOf(el) ?? (wordsItsState(slot) ? toggleStateOf(el) : undefined) : checkedOf(el);
      if (checked !== undefined) sample[names.get(slot)!] = checked;
    }
    // Each item's choice in its select (a member's role: "how many are editors?" needs it), as `.text()` reads it.
    for (const slot of pickers) {
      const el = slotElement(item, slot.selector);
      const chosen = el && tagOf(el) === 'SELECT' && !isSensitive(el) ? Array.from((el as HTMLSelectElement).selectedOptions ?? [], (o) => collapse(o.label || o.text)).join(', ') : '';
      if (chosen) sample[names.get(slot)!] = truncate(chosen, 60);
    }
    // Each item's text box or slider as it holds now, as `.value()` reads it (a line item's quantity: explorer, session
    // 48). Never a password, card or code field's.
    for (const slot of boxes) {
      const el = slotElement(item, slot.selector);
      // Not an editable block's words: what the user typed there may be anything (typed-text.test.ts: card numbers in a
      // note); a script still finds an item by them.
      const held = el && (tagOf(el) === 'INPUT' || tagOf(el) === 'TEXTAREA') ? heldValue(el) : '';
      if (held) sample[names.get(slot)!] = truncate(held, 60);
    }
    return sample;
  });
  // A field whose element says its value for machines (`<time datetime>`): the first item's, shown with the fields.
  const machineValues: Record<string, string> = {};
  for (const slot of fields) {
    const el = slotElement(items[0]!, slot.selector);
    const value = el ? machineValue(el, 40) : undefined;
    if (value) machineValues[names.get(slot)!] = value;
  }
  const first = items[0]!;
  const selectors = itemSelectors(container, items, `:scope > ${cssIdent(localNameOf(first))}${roleOf(first) ? `[role=${JSON.stringify(roleOf(first))}]` : ''}`);
  const { selector: itemSelector, paths: itemPaths } = itemQueryFor(container, items, thread ? [`:scope ${thread.selector}`, ...selectors] : selectors, cache);
  return {
    container,
    items,
    slots: kept.map((slot) => ({ name: names.get(slot)!, kind: slot.kind, selector: slot.selector, ...(slot.repeated ? { repeated: true as const } : {}) })),
    fields: fields.map((slot) => names.get(slot)!),
    actions: actions.map((slot) => names.get(slot)!),
    samples,
    ...(Object.keys(machineValues).length ? { machineValues } : {}),
    itemSelector,
    ...(itemPaths ? { itemPaths } : {}),
    // Repeated items have a part in common: a field or control in two of three items at least. Siblings that only look
    // alike and whose controls no action reaches (mozilla-1: `main_content list(4)` of a `lead` and a `title` hid six
    // controls) are no list (exploratory test, session 24); nor are those with nothing to read whose actions only some
    // reach: the page's layout blocks (medium-1's `prerendered`: an editor and two bars, the first with none of the
    // five actions the list offered; lemonde-1's `pixels`: the body's blocks, one of them the whole article). Their
    // controls are entries (~280 more tokens on medium-1), each reached by its name (exploratory test, session 25).
    shared: kept.some((slot) => slot.texts.length * 3 >= scanned.length * 2),
    controlKinds,
  };
}

/** Elements that only set words apart (a picture is no words: its alt is the image field). */
const WORD_TAGS: ReadonlySet<string> = new Set(['STRONG', 'B', 'EM', 'I', 'SPAN']);

/** Hidden by its own style attribute or one of its parents' up to the item (not the item: a list shows items by class). */
function hiddenInlineIn(el: Element, item: Element): boolean {
  for (let node: Element | null = el; node && node !== item; node = parentOf(node)) if (hiddenInline(node)) return true;
  return false;
}

/** Shown struck through: in `<s>`, `<del>` or `<strike>` (a few levels up at most), or styled with a line through it. */
function struckThrough(el: Element): boolean {
  for (let node: Element | null = el, steps = 0; node && steps < 3; node = parentOf(node), steps++) {
    if (['S', 'DEL', 'STRIKE'].includes(tagOf(node))) return true;
    const style = styleOf(node);
    if ((style?.textDecorationLine || style?.textDecoration || '').includes('line-through')) return true;
  }
  return false;
}

/** What holds a slot's element in its item: the nearest wrapper with a class that names it, or a heading (`title`). */
/** Classes three or more parts wear (Spotify's `encore-text` on a track's number, title, artist and length). */
function wornClasses(slots: readonly SlotStats[]): ReadonlySet<string> {
  const counts = new Map<string, number>();
  for (const slot of slots) for (const name of new Set(ownClasses(slot.sample))) counts.set(name, (counts.get(name) ?? 0) + 1);
  return new Set([...counts].filter(([, count]) => count >= 3).map(([name]) => name));
}

function wrapperName(slot: SlotStats): string | undefined {
  return wrapperOf(slot)?.name;
}

function wrapperOf(slot: SlotStats): { name: string; node: Element } | undefined {
  const item = [...slot.found].find(([, el]) => el === slot.sample)?.[0];
  let alone = true;
  for (let node = parentOf(slot.sample); node && node !== item; node = parentOf(node)) {
    const tag = tagOf(node);
    if (/^H[1-6]$/.test(tag)) return { name: 'title', node };
    const cls = fieldClass(node, false, false, slot.worn);
    if (cls && slug(cls, 3)) return { name: slug(cls.replace(/([a-z])([A-Z])/g, '$1 $2'), 3), node };
    // Or the test id of a wrapper around it alone (Jira's `div[data-testid="platform-card.common.ui.summary"]`:
    // `summary`, was `text`), through wrappers that hold only it (`…card-contents.status > span > span > span`:
    // `status`, was `text`; explorer, session 67).
    alone &&= childrenOf(node).length === 1;
    const hooked = alone ? hookWords(node) : undefined;
    if (hooked) return { name: hooked, node };
  }
  return undefined;
}

/** The test id words of the wrapper an image sits alone in, up to two levels up inside its item. */
function hookedWrapper(slot: SlotStats): string | undefined {
  const item = [...slot.found].find(([, el]) => el === slot.sample)?.[0];
  let node = parentOf(slot.sample);
  for (let up = 0; node && node !== item && up < 2 && childrenOf(node).length === 1; up++, node = parentOf(node)) {
    const hooked = hookWords(node);
    if (hooked) return hooked;
  }
  return undefined;
}

/** The last word of a wrapper's test id after its item word, without a kit's filler (two where it is short). */
function hookWords(el: Element): string | undefined {
  for (const name of TEST_HOOKS) {
    const value = attr(el, name);
    if (!value || value.length > 80 || /\d{3,}/.test(value)) continue;
    const words = value.replace(/([a-z])([A-Z])/g, '$1 $2').split(/[^A-Za-z]+/).filter(Boolean);
    const item = words.findLastIndex((word) => ITEM_WORDS.has(word.toLowerCase()));
    const telling = words.slice(item + 1).filter((word) => !WRAPPER_FILLER.has(word.toLowerCase()));
    // A wrapper the kit puts around any field (`issue-field-inline-edit-read-view-container`, a `…status-lozenge`) says
    // how it is drawn, not what it holds: the one around it may.
    if (telling.some((word) => LAYOUT_HOOK_WORDS.has(word.toLowerCase()))) continue;
    // Two words where the last says only that it is words (X's `tweetText`: `tweet_text`, not `text`).
    const last = telling.at(-1) ?? '';
    const named = slug(telling.slice(last.length >= 3 && !VAGUE_PART_WORDS.has(last.toLowerCase()) ? -1 : -2).join(' '), 2);
    if (named) return named;
  }
  return undefined;
}

/** A class ending in a number (`feedlink0`, `item-3`) in a slot's selector. */
const NUMBERED_CLASS = /\.([A-Za-z_-][\w-]*?)\d+(?=$|[\s>:.])/g;

/**
 * Slots that are one field of every item but whose selectors differ by a class that numbers the items (spiceworks:
 * `p > a.feedlink0`, `p > a.feedlink1`, … made three actions, one per item) become one, picked without that class,
 * where that picks the same element in every item; slots that meet in one item (columns) stay apart.
 */
function mergeIndexed(slots: SlotStats[]): SlotStats[] {
  const byKey = new Map<string, SlotStats[]>();
  for (const slot of slots) {
    if (!slot.selector.match(NUMBERED_CLASS)) continue;
    const key = slot.selector.replace(NUMBERED_CLASS, '.$1#');
    const group = byKey.get(key);
    if (group) group.push(slot); else byKey.set(key, [slot]);
  }
  const merged = new Set<SlotStats>();
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    const items = group.flatMap((slot) => [...slot.found.keys()]);
    if (new Set(items).size !== items.length) continue;
    const selector = group[0]!.selector.replace(NUMBERED_CLASS, '');
    if (!group.every((slot) => [...slot.found].every(([item, el]) => slotElement(item, selector) === el))) continue;
    mergeInto(group, selector, merged).indexed = true;
  }
  return merged.size ? slots.filter((slot) => !merged.has(slot)) : slots;
}

/**
 * One part found by two paths, `div:nth-of-type(1) > h4` in the items whose box holds more than one `div`, `div > h4`
 * in the others (Booking's room link was `link_2` and `link_3`; explorer, session 67): one slot, by the plainer path.
 */
function mergeFirstOfType(slots: SlotStats[]): SlotStats[] {
  const byKey = new Map<string, SlotStats[]>();
  for (const slot of slots) {
    const key = firstOfType(slot.selector);
    const group = byKey.get(key);
    if (group) group.push(slot); else byKey.set(key, [slot]);
  }
  const merged = new Set<SlotStats>();
  for (const [selector, group] of byKey) {
    if (group.length < 2 || new Set(group.map((slot) => slot.kind)).size > 1) continue;
    const items = group.flatMap((slot) => [...slot.found.keys()]);
    if (new Set(items).size !== items.length) continue;
    if (!group.every((slot) => [...slot.found].every(([item, el]) => slotElement(item, selector) === el))) continue;
    mergeInto(group, selector, merged);
  }
  return merged.size ? slots.filter((slot) => !merged.has(slot)) : slots;
}

/** The first slot of `group` in order, found by `selector`, with the others' labels, texts and items; they go to `merged`. */
function mergeInto(group: readonly SlotStats[], selector: string, merged: Set<SlotStats>): SlotStats {
  const [first, ...rest] = [...group].sort((a, b) => a.order - b.order);
  first!.selector = selector;
  for (const other of rest) {
    first!.labels.push(...other.labels);
    first!.texts.push(...other.texts);
    first!.hasTextChild ||= other.hasTextChild;
    if (first!.kind === 'text') first!.kind = other.kind;
    for (const [item, el] of other.found) first!.found.set(item, el);
    merged.add(other);
  }
  return first!;
}

/** A selector without the `:nth-of-type(1)` its steps may say (describe drops it at the end of a slot's path only). */
const firstOfType = (selector: string): string => selector.replace(/:nth-of-type\(1\)(?= > |$)/g, '');

/** A step picked by one class or one test id (markedApart, baseStep): its tag, its mark. */
const MARKED_STEP = /^([\w-]+)(\.[\w-]+|\[[\w-]+="[^"\\]*"\])$/;

/**
 * Slots of one field whose selectors differ only by the mark of one step, where that mark is the part's state or value
 * (a bank's `td.amt-neg` and `td.amt-pos`, X's `button[data-testid="bookmark"]` and `…="removeBookmark"`: markedApart
 * keys a part by what only it has among its siblings; explorer, session 63: a deposit had no amount, a bookmarked post
 * no bookmark button) become one, found by its place where that finds it in every item, else by either mark. Not
 * slots that meet in one item (two parts), nor of different kinds.
 */
function mergeMarked(slots: SlotStats[]): SlotStats[] {
  const byKey = byOneStep(slots, (step, at) => (at > 0 ? MARKED_STEP.exec(step)?.[1] : undefined));
  const merged = new Set<SlotStats>();
  for (const [key, group] of byKey) {
    const members = group.filter((slot) => !merged.has(slot));
    const items = members.flatMap((slot) => [...slot.found.keys()]);
    if (members.length < 2 || new Set(items).size !== items.length) continue;
    const at = Number(key.split(' ', 2)[1]);
    const steps = members[0]!.selector.split(' > ');
    // A slot merged at another step already may say this one otherwise now: left as it is.
    const found = members.map((slot) => MARKED_STEP.exec(slot.selector.split(' > ')[at] ?? ''));
    if (found.some((marked) => !marked || marked[1] !== found[0]![1])) continue;
    const tag = found[0]![1]!;
    const marks = found.map((marked) => marked![2]!);
    const place = placeOf(members, steps.length - 1 - at);
    const choices = [place ? `${tag}:nth-of-type(${place})` : '', `${tag}:is(${marks.join(', ')})`].filter(Boolean);
    for (const choice of choices) {
      const selector = [...steps.slice(0, at), choice, ...steps.slice(at + 1)].join(' > ');
      if (!findsEach(members, selector)) continue;
      mergeInto(members, selector, merged);
      break;
    }
  }
  return merged.size ? slots.filter((slot) => !merged.has(slot)) : slots;
}

/**
 * Slots grouped by their selector with one step (any but a shadow path's) written as `bare` writes it, where it does:
 * keyed `kind at selector`, a slot in a group per step `bare` takes.
 */
function byOneStep(slots: readonly SlotStats[], bare: (step: string, at: number) => string | undefined): Map<string, SlotStats[]> {
  const byKey = new Map<string, SlotStats[]>();
  for (const slot of slots) {
    if (slot.selector.includes(INTO_SHADOW)) continue;
    const steps = slot.selector.split(' > ');
    steps.forEach((step, at) => {
      const written = bare(step, at);
      if (written === undefined) return;
      const key = `${slot.kind} ${at} ${[...steps.slice(0, at), written, ...steps.slice(at + 1)].join(' > ')}`;
      const group = byKey.get(key);
      if (group) group.push(slot); else byKey.set(key, [slot]);
    });
  }
  return byKey;
}

/** `selector` finds in every item of every slot the element the slot found there. */
const findsEach = (slots: readonly SlotStats[], selector: string): boolean =>
  slots.every((slot) => [...slot.found].every(([item, el]) => slotElement(item, selector) === el));

/**
 * The place among its siblings of its tag (1 first; with `fromEnd`, 1 last) of the element `up` steps above each
 * slot's parts, where one.
 */
function placeOf(slots: readonly SlotStats[], up: number, fromEnd = false): number | undefined {
  const beside = fromEnd ? nextElementOf : previousElementOf;
  let place: number | undefined;
  for (const slot of slots) {
    for (const el of slot.found.values()) {
      let at: Element | null = el;
      for (let n = up; at && n > 0; n--) at = parentOf(at);
      if (!at) return undefined;
      let own = 1;
      for (let sibling = beside(at); sibling; sibling = beside(sibling)) if (tagNameOf(sibling) === tagNameOf(at)) own++;
      if (place !== undefined && own !== place) return undefined;
      place = own;
    }
  }
  return place;
}

/** A step's place among its siblings of its tag: `:nth-of-type(3)`. */
const NTH_STEP = /:nth-of-type\((\d+)\)$/;

/**
 * Slots of one field found by place among siblings that differ from item to item but are the same counted from the
 * end (Booking's price, the last `span.bui-u-sr-only`, third in a card and fifth in one with an old price before it:
 * that card's price was a field of its own and dropped; explorer, session 64) become one, found from the end. Not slots
 * that meet in one item, nor of different kinds.
 */
function mergeFromEnd(slots: SlotStats[]): SlotStats[] {
  const byKey = byOneStep(slots, (step) => (NTH_STEP.test(step) ? step.replace(NTH_STEP, '') : undefined));
  const merged = new Set<SlotStats>();
  for (const [key, group] of byKey) {
    const members = group.filter((slot) => !merged.has(slot));
    const items = members.flatMap((slot) => [...slot.found.keys()]);
    if (members.length < 2 || new Set(items).size !== items.length) continue;
    const at = Number(key.split(' ', 2)[1]);
    const steps = members[0]!.selector.split(' > ');
    if (members.some((slot) => slot.selector.split(' > ').length !== steps.length)) continue;
    const fromEnd = placeOf(members, steps.length - 1 - at, true);
    if (!fromEnd) continue;
    const selector = [...steps.slice(0, at), steps[at]!.replace(NTH_STEP, `:nth-last-of-type(${fromEnd})`), ...steps.slice(at + 1)].join(' > ');
    if (!findsEach(members, selector)) continue;
    mergeInto(members, selector, merged);
  }
  return merged.size ? slots.filter((slot) => !merged.has(slot)) : slots;
}

/** `:not(.strike)` parts of a slot's last step (notTheOthers). */
const NOT_CLASS = /:not\(\.[\w-]+\)/g;

/**
 * Slots of one field picked as "not the classed siblings" in items that have those siblings and by the tag alone in
 * the others (a price after an old price struck in one card) become one, picked with every such "not", where that
 * finds the same element in every item.
 */
function mergeNegated(slots: SlotStats[]): SlotStats[] {
  const byBase = new Map<string, SlotStats[]>();
  for (const slot of slots) {
    const last = lastStepOf(slot.selector);
    const before = slot.selector.slice(0, slot.selector.length - last.length);
    if (before.includes(':not(')) continue;
    // An index too: items with a second classless sibling pick theirs by place (`p:nth-of-type(2)`).
    const base = `${before}${last.replace(NOT_CLASS, '').replace(NTH_OF_TYPE_END, '')}`;
    const group = byBase.get(base);
    if (group) group.push(slot); else byBase.set(base, [slot]);
  }
  const merged = new Set<SlotStats>();
  for (const [base, group] of byBase) {
    const nots = [...new Set(group.flatMap((slot) => lastStepOf(slot.selector).match(NOT_CLASS) ?? []))];
    if (group.length < 2 || !nots.length) continue;
    const selector = `${base}${nots.join('')}`;
    // The slots that selector finds in every item they were found in (not an item's second such part).
    const members = group.filter((slot) => [...slot.found].every(([item, el]) => slotElement(item, selector) === el));
    const items = members.flatMap((slot) => [...slot.found.keys()]);
    if (members.length < 2 || new Set(items).size !== items.length) continue;
    mergeInto(members, selector, merged);
  }
  return merged.size ? slots.filter((slot) => !merged.has(slot)) : slots;
}

const NTH_OF_TYPE_END = /:nth-of-type\(\d+\)$/;
const CELL_TAGS = new Set(['TD', 'TH']);
const CELL_ROLES = new Set(['cell', 'gridcell', 'columnheader', 'rowheader']);

/** The last step of a slot's selector (`span.label` of `:scope > div > span.label`). */
function lastStepOf(selector: string): string {
  return selector.slice(selector.lastIndexOf(' > ') + 3);
}

/**
 * The elements a repeated slot stands for, from the first (what its selector finds): that one and its shown siblings
 * of the same tag and class, in order.
 */
export function repeatedParts(first: Element, selector: string): Element[] {
  const parent = parentOf(first);
  if (!parent) return [first];
  const step = lastStepOf(selector);
  try {
    return Array.from(childrenOf(parent)).filter((child) => child === first || (matchesOf(child, step) && !hasAttr(child, 'hidden')
      && attr(child, 'aria-hidden') !== 'true' && checkVisibilityOf(child) !== false));
  } catch {
    return [first];
  }
}

function* ancestorsBetween(el: Element, item: Element): Generator<Element> {
  for (let node = parentOf(el); node && node !== item; node = parentOf(node)) yield node;
}

/** A repeated slot's words: each of its elements' (`read`), joined by ", " ("bug, good first issue"). */
export function repeatedText(first: Element, selector: string, read: (el: Element) => string): string {
  return repeatedParts(first, selector).map(read).filter(Boolean).join(', ');
}

/** A field's name for several of a thing: `labels`, `categories`; a name that may already be plural stays. */
function pluralOf(name: string): string {
  if (/(s|\d)$/.test(name)) return name;
  if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`;
  return /(x|z|ch|sh)$/.test(name) ? `${name}es` : `${name}s`;
}

/**
 * Slots that are one field several times over (an issue's labels "bug", "urgent"; a card's tags): elements of one tag
 * and class side by side in the item, as many as each item has — one here, three there, none in a third. They become
 * one field that reads them all ("bug, urgent"); apart, the first two were `label` and `label_2`, and a third, in one
 * item of four, was dropped (explorer, session 47). Not a table's cells, and not parts every item has the same number
 * of (a repository card's two `span.stat`, its stars and its forks, are two fields).
 */
function mergeRepeated(slots: SlotStats[], items: readonly Element[]): SlotStats[] {
  return mergeRepeatedAt(mergeRepeatedAt(slots, items, false), items, true);
}

/** The element each part is: itself, or (`wrapped`) the element whose only child it is (see mergeRepeated). */
function partOf(el: Element, wrapped: boolean): Element | null {
  if (!wrapped) return el;
  const parent = parentOf(el);
  return parent && childrenOf(parent).length === 1 ? parent : null;
}

/**
 * mergeRepeated's work, on the slots' elements themselves or (`wrapped`) on the elements each is the only child of: a
 * card's labels are often `span.card-label > span.label-text` (explorer, session 49: Trello's first label was a field,
 * its second and third `card_label_2` and dropped, on a card in one column of five).
 */
function mergeRepeatedAt(slots: SlotStats[], items: readonly Element[], wrapped: boolean): SlotStats[] {
  const byBase = new Map<string, SlotStats[]>();
  for (const slot of slots) {
    if (slot.repeated) continue;
    let base = slot.selector.replace(NTH_OF_TYPE_END, '');
    if (wrapped) {
      if (base !== slot.selector || slot.kind !== 'text') continue;
      base = base.slice(0, base.lastIndexOf(' > ')).replace(NTH_OF_TYPE_END, '');
    }
    // Parts of a class (`span.tag`), or the rows of a list in the item (a plan's features, `ul > li`: explorer, session
    // 50, its fourth feature was dropped).
    if (!base.includes(' > ') || base.includes(INTO_SHADOW) || !(/^[\w-]+(\[[^\]]*\])?\.[\w-]+$/.test(lastStepOf(base)) || /\b(?:ul|ol)(?:\.[\w-]+)? > li$/.test(base))) continue;
    const group = byBase.get(base);
    if (group) group.push(slot); else byBase.set(base, [slot]);
  }
  const merged = new Set<SlotStats>();
  for (const [base, group] of byBase) {
    if (group.length < 2 || group.some((slot) => slot.kind !== group[0]!.kind || slot.indexed)) continue;
    const counts: number[] = [];
    const firsts = new Map<Element, Element>();
    const texts: string[] = [];
    const partWords: string[] = [];
    const together = items.every((item) => {
      const mapped = group.flatMap((slot) => (slot.found.has(item) ? [partOf(slot.found.get(item)!, wrapped)] : []));
      if (!mapped.length) return true;
      if (mapped.includes(null)) return false;
      const found = mapped as Element[];
      const first = slotElement(item, base);
      // A button's own words (medium-1's "Bookmark" and, shown once bookmarked, "Bookmarked") are one label; a card
      // that is one link may show labels.
      if (!first || kindOf(item) || [...ancestorsBetween(first, item)].some((el) => kindOf(el) && kindOf(el) !== 'link')) return false;
      const parts = repeatedParts(first, base);
      // Each shown one found in the item by one of the slots (a hidden one may have been: the page's styles hide it).
      if (!parts.every((el) => found.includes(el)) || !found.every((el) => parts.includes(el) || checkVisibilityOf(el) === false)) return false;
      if (parts.some((el) => CELL_TAGS.has(tagOf(el)) || CELL_ROLES.has(roleOf(el) ?? ''))) return false;
      counts.push(parts.length);
      firsts.set(item, parts[0]!);
      const words = parts.map(sampleText).filter(Boolean);
      partWords.push(...words);
      texts.push(words.join(', '));
      return true;
    });
    if (!together || Math.max(...counts) < 2 || new Set(counts).size < 2) continue;
    // Numbers each (a repository card's "★ 120" and "⑂ 14", one card without forks) are measures side by side, each
    // its own field, not labels (review, session 49).
    if (partWords.every((words) => /\d/.test(words))) continue;
    const [first, ...rest] = [...group].sort((a, b) => a.order - b.order);
    first!.selector = base;
    first!.repeated = true;
    first!.texts = texts;
    first!.found = firsts;
    if (wrapped) first!.sample = partOf(first!.sample, true) ?? first!.sample;
    for (const other of rest) {
      first!.labels.push(...other.labels);
      first!.hasTextChild ||= other.hasTextChild;
      merged.add(other);
    }
  }
  return merged.size ? slots.filter((slot) => !merged.has(slot)) : slots;
}

/**
 * Selectors for the list's items, to try in turn (list-items.ts takes the first that matches them and nothing else
 * among the container's children; the executor picks item N by it): the tag (and role) alone, else with a class every
 * item has, else from the first item's position on (a sponsored row or a header row before the items), else the
 * items' shape. With none exact, each item gets a path of its own, under the tag as their selector (exploratory test,
 * session 25: bbc-1's menu, 17 rows for the document's 13, another row at [2] than its sample).
 */
function itemSelectors(container: Element, items: readonly Element[], base: string): string[] {
  const shared = Array.from(classListOf(items[0]!)).filter((name) => /^[A-Za-z_][\w-]*$/.test(name) && items.every((item) => classListOf(item).contains(name)));
  const position = Array.from(childrenOf(container)).indexOf(items[0]!) + 1;
  const shape = shapeSelector(items[0]!);
  // Items deep in their container (a month's events in its day cells): by their class wherever they are.
  const deep = position === 0 ? shared.map((name) => `${base.replace(/^:scope > /, ':scope ')}.${name}`) : [];
  return [base, ...shared.map((name) => `${base}.${name}`), ...deep, `${base}:nth-child(n+${position})`, ...shared.map((name) => `${base}.${name}:nth-child(n+${position})`),
    ...(shape ? [`${base}${shape}`] : [])];
}

/** Child tags of an item past which its shape is not written as a selector. */
const MAX_SHAPE_TAGS = 6;

/**
 * The shape that made the items look alike (signature(): no role where the first has none, the same tags of children),
 * as a selector: it leaves out the rows that did not (wikipedia-3: a reference with a style `<link>` in it; bbc-1: a
 * menu's rows with a sub-menu) while following the page as rows of that shape come and go. '' for controls.
 */
function shapeSelector(first: Element): string {
  if (kindOf(first)) return '';
  const tags = new Set<string>();
  for (let child = firstElementChildOf(first); child; child = nextElementOf(child)) tags.add(cssIdent(localNameOf(child)));
  if (tags.size > MAX_SHAPE_TAGS) return '';
  const role = roleOf(first) ? '' : ':not([role])';
  if (!tags.size) return `${role}:not(:has(> *))`;
  const sorted = [...tags].sort();
  return `${role}${sorted.map((tag) => `:has(> ${tag})`).join('')}:not(:has(> :not(${sorted.join(', ')})))`;
}
