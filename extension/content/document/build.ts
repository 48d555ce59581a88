/** Page → document: walk, lists, names, entries, sections. Deterministic: the same DOM always gives the same document. */
import { wordsBesideChoice } from './choice-row.ts';
import { factEntry } from './facts.ts';
import type { BuildOptions, ElementEntry, Entry, ListEntry, PageDocument, Section } from './types.ts';
import { continuesLink, headingOfWordless, linkWords } from './wordless.ts';
import { accessibleName, forgetClosedRoots, iconName, labelsOf, referencedText, shownItem, shownTextBesides, tagOf, textOf, withSecretsHidden } from './dom.ts';
import { effectOf, isSecretInput, isSensitive, kindOf, linkTarget, getOnlyReads, roleOf, sendsSearch, stateOf, submittedForm } from './classify.ts';
import { locatorsFor, newLocatorCache } from './locators.ts';
import { HEADER_BUTTONS, detectLists, headerText, minifiedClass, ownClasses, type DetectedList } from './lists.ts';
import { declaredTotal, drawsMoreUncounted } from './virtual.ts';
import { DAYS_LIST, dayOfControl } from './calendar.ts';
import { inFieldBox } from './field-buttons.ts';
import { TABLE_SELECTOR, dataTableLists, tableCaption } from './data-tables.ts';
import { itemQueryFor, itemsIn } from './list-items.ts';
import { announced, headingSection, walk, type Candidate, type SectionRef } from './walk.ts';
import { startsWithHeading } from './threads.ts';
import { collapse, designKitClass, isLinkingWord, nameWords, quote, readableToken, slug, truncate, withoutKitPrefix } from './text.ts';
import { LINK_GROUPS, describeShown, itemControlSlot, renderDocument } from './render.ts';
import { legendWords, ownName, withoutChangingWords } from './names.ts';
import { forgetChosenItems, withoutChosenTitle } from './chosen-items.ts';
import { sortedBy } from './sort-state.ts';
import { markedItems } from './item-marks.ts';
import { sayMenuRows, tellRowsApart } from './row-words.ts';
import { countSaid } from './count-said.ts';
import { admitMessage, messageEntry, type MessageCount } from './messages.ts';
import { MAX_UPWARD_STEPS, attr, childElementCountOf, closestOf, containsOf, firstElementChildOf, idOf, matchesOf, ownerDocOf, parentOf, previousElementOf, queryOf, rootNodeOf } from './dom-safe.ts';

/** A link's target as keys of its own: its path's last segment, then its query (`/c/7` → `7`, `/t?tag=red` → `tag_red`). */
function targetParts(el: Element): [string, string] {
  const target = tagOf(el) === 'A' ? linkTarget(el) ?? '' : '';
  const [beforeHash = '', hash = ''] = target.split('#');
  const [path = '', query = ''] = beforeHash.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?');
  const last = path.split('/').filter(Boolean).slice(-1)[0] ?? '';
  return [slug(last || hash, 3), slug(query.replace(/[=&]/g, ' '), 4)];
}

/** Which of disambiguate's keys is the label's words past the cut. */
const LABEL_REST = 4;

/**
 * Tells apart entries whose names collide, by what each element has of its own and keeps as the page changes: a
 * readable id, name attribute, test id, the element it controls (`aria-controls`), its label's words past the cut, its
 * link target's last path segment, then its query; else by document order. Never by a number it shows (names.ts): a
 * count changes. Returns those told apart by number only (no key of their own).
 */
function disambiguate<T extends { entry: Entry; el: Element }>(group: T[]): T[] {
  const rests = group.map(({ entry, el }) => labelRest(entry, el));
  // The words past the cut after what the element keeps of its own (an id: the label may say a state, "from Standard
  // shipping", that changes; review, session 54), before its link target.
  const tries: ((el: Element, i: number) => string)[] = [
    (el) => slug(readableToken(idOf(el)) ?? '', 3),
    (el) => slug(readableToken(attr(el, 'name')) ?? '', 3),
    (el) => slug(readableToken(attr(el, 'data-testid') ?? attr(el, 'data-test-id') ?? attr(el, 'data-test')) ?? '', 3),
    (el) => slug(readableToken(attr(el, 'aria-controls')) ?? '', 3),
    (_el, i) => rests[i]!,
    (el) => targetParts(el)[0],
    (el) => targetParts(el)[1],
  ];
  // Each element by the first key that is its own in the group, so adding an element without one renames no other;
  // those with none are numbered in order (the first keeps the bare name).
  const keyed = group.map(({ el }, i) => tries.map((key) => key(el, i)));
  let ordinal = 0;
  const numbered: T[] = [];
  group.forEach((item, i) => {
    const { entry } = item;
    const t = keyed[i]!.findIndex((key, at) => key && keyed.every((other, j) => j === i || other[at] !== key));
    const own = keyed[i]![t];
    // The rest of its label goes before its kind, as if the name had not been cut (`change_unit_system_to_metric_link`).
    if (own && t === LABEL_REST && entry.name.endsWith(`_${entry.kind}`)) entry.name = `${entry.name.slice(0, -entry.kind.length - 1)}_${own}_${entry.kind}`;
    else if (own) entry.name = `${entry.name}_${own}`;
    else {
      numbered.push(item);
      if (ordinal++ > 0) entry.name = `${entry.name}_${ordinal}`;
    }
  });
  return numbered;
}

/**
 * The words of a control's label past those its name was cut to ("Change unit system to Metric" of
 * `change_unit_system_to_link`: `metric`), at most two, no number: what tells twins cut alike apart (explorer, session
 * 54).
 */
function labelRest(entry: Entry, el: Element): string {
  if (entry.kind === 'list' || entry.kind === 'message') return '';
  const own = entry.name.slice(entry.name.indexOf('__') + 2).replace(new RegExp(`_${entry.kind}$`), '');
  const words = slug(nameWords(accessibleName(el)), 12);
  const past = own && words.startsWith(`${own}_`) ? words.slice(own.length + 1).split('_') : [];
  // Two words, and the linking words before them the name was cut at ("to" of "… to US Customary": `to_us_customary`).
  let linking = 0;
  while (linking < past.length - 1 && isLinkingWord(past[linking]!)) linking++;
  const rest = past.length ? slug(past.join(' '), 2 + linking) : '';
  // Not a number the name left out on purpose (a count, or "Chapter <span>7</span>": it changes as the page lives).
  return /\d/.test(rest) ? '' : rest;
}

/** What an element is called by its own attributes: aria-label, aria-labelledby. */
function ariaLabels(el: Element): string[] {
  const out = [collapse(attr(el, 'aria-label') ?? '')];
  // A fieldset's legend names the boxes in it ("Toppings", not the inputs' `name` "top"; explorer, session 42).
  if (tagOf(el) === 'FIELDSET') {
    const legend = firstElementChildOf(el);
    if (legend && tagOf(legend) === 'LEGEND') out.push(legendWords(legend, 120));
  }
  const ids = attr(el, 'aria-labelledby');
  if (ids) {
    const root = rootNodeOf(el) as Document | ShadowRoot;
    out.push(collapse(ids.split(/\s+/).map((id) => root.getElementById?.(id)).filter((x): x is HTMLElement => !!x).map((x) => referencedText(x, 120)).join(' ')));
  }
  // Not the open conversation's title ("Messages in Design team"): it changes as the user opens another.
  return out.map((label) => withoutChosenTitle(el, label));
}

/** The table a list is made of: its container, or the table whose rows are its items (a `tbody`'s rows). */
function tableOf(list: DetectedList): Element | undefined {
  const el = list.container;
  if (matchesOf(el, TABLE_SELECTOR)) return el;
  const item = list.items[0];
  if (!item || (tagOf(item) !== 'TR' && attr(item, 'role') !== 'row')) return undefined;
  const table = closestOf(el, TABLE_SELECTOR);
  return table && list.items.every((row) => closestOf(parentOf(row) ?? row, TABLE_SELECTOR) === table) ? table : undefined;
}

/** The heading just before an element, if any. */
function headingBefore(el: Element, forName = false): string {
  let prev = previousElementOf(el);
  // Past a few buttons that act on the list ("Select all", "Clear all" between a filter's heading and its boxes:
  // explorer, session 48, the airlines were `items`).
  for (let skipped = 0; prev && skipped < 3 && LIST_BUTTONS.has(kindOf(prev) ?? ''); skipped++) prev = previousElementOf(prev);
  if (!prev || !/^H[1-6]$/.test(tagOf(prev))) return '';
  // A name without what changes as the page lives: a board column's count of cards ("To do <span>3</span>": was
  // `to_do_3`). The description keeps it, and an account's number ("ending in 4821").
  const words = textOf(prev, 120);
  // Not one the page announces as it changes ("Lisbon: 1,034 properties found"): the results' name would change too.
  if (forName && announced(prev)) return '';
  return forName ? withoutChangingWords(prev, words, true) : words;
}
const LIST_BUTTONS: ReadonlySet<string> = new Set(['button', 'link']);

/**
 * What a list is called, best first: aria-label, aria-labelledby; of a table's list (read-only or of rows with
 * controls: the same name either way) the table's and its caption; the heading just before it; a readable id or class.
 */
/**
 * The term a list is the value of in a description list (`<dt>Characters:</dt><dd><ul class="commas">…`): AO3's tag
 * groups were named by the class they all share (`$aside__commas`; explorer, session 36). '' for any other list.
 */
function termBefore(el: Element): string {
  // The `<dd>` itself, or the list right in it (one wrapper at most).
  const up = [el, parentOf(el), parentOf(el) && parentOf(parentOf(el)!)];
  const dd = up.find((node): node is Element => !!node && tagOf(node) === 'DD');
  if (!dd) return '';
  const dt = previousElementOf(dd);
  if (!dt || tagOf(dt) !== 'DT') return '';
  const term = textOf(dt, 80).replace(/[:：]\s*$/, '');
  return term.length <= 60 ? term : '';
}

/**
 * The legend of the fieldset a list fills (a search's facets: `<fieldset><legend>Brand</legend><ul class="facet__list">`
 * is `brand`, was `facet_list`, `facet_list_2`; explorer, session 47): the list itself, or the list one wrapper down.
 */
function legendAround(el: Element, choices: boolean): string {
  for (let at: Element | null = parentOf(el), up = 0; at && up < 2; at = parentOf(at), up++) {
    // A labelled radio group a list of its choices fills, beside the question's words ("How likely are you to recommend
    // us?" over a 0–10 scale was `scale`, the scale's class).
    if (choices && attr(at, 'role') === 'radiogroup') return ariaLabels(at).find((label) => label && label.length <= 120) ?? '';
    if (tagOf(at) !== 'FIELDSET') continue;
    const legend = firstElementChildOf(at);
    return legend && tagOf(legend) === 'LEGEND' ? legendWords(legend, 80) : '';
  }
  return '';
}

/**
 * A control in a column's header (a grid's "Sort" and "Menu" buttons in each) is named with the column's words:
 * `first_name_sort_button`, not `sort_button_2` (explorer, session 42). Its label as it is elsewhere.
 */
function inColumn(el: Element, label: string): string {
  const head = closestOf(el, '[role=columnheader], th');
  if (!head || head === el) return label;
  // The header's own words: not the control's (a `<th>Price <button>Sort</button></th>` says "Price Sort"), nor its
  // other buttons' (a comparison's "× Aero Add to cart" named its remove button `aero_add_to_cart_button`: explorer,
  // session 53); a product's link beside them names its buttons.
  const words = collapse(attr(head, 'aria-label') ?? '') || headerText(head, (at) => at === el || (at !== head && matchesOf(at, HEADER_BUTTONS)));
  // Words said already ("Remove Aero 14 from comparison" under "Aero 14 (2025)") are not said twice.
  const first = words.split(' ')[0]!.toLowerCase();
  if (first && collapse(label).toLowerCase().split(' ').includes(first)) return label;
  if (!words || words.length > 40 || !/\p{L}/u.test(words) || collapse(label).toLowerCase().includes(words.toLowerCase())) return label;
  return `${words} ${label}`;
}

/** What a field's menu says it does, as some kits label the field itself (Vuetify's `v-select`: "Open", then "Close"). */
const MENU_VERB = /^(?:open|close|toggle|expand|collapse)$/i;

/** A field named by such a verb is named by its `<label>` instead: its name would change as its menu opens. */
function fieldLabel(candidate: Candidate, name: string): string {
  if (!MENU_VERB.test(name) || (candidate.kind !== 'text_input' && candidate.kind !== 'combobox')) return name;
  return labelsOf(candidate.el) || name;
}

/**
 * A board's columns (board-columns.ts): each column's cards and its own controls go under its heading, which the walk
 * took for an item's title (a heading in a repeat) or, for a column too big to be one, made the section of all that
 * follows. What follows the board (an "Add another list" button) is under the section the board is in.
 */
function placeBoards(lists: readonly DetectedList[], candidates: readonly Candidate[]): void {
  const boards = new Map<Element | null, { item: Element; heading: Element }[]>();
  for (const list of lists) {
    if (!list.column) continue;
    const board = parentOf(list.column.item);
    const columns = boards.get(board);
    if (columns) columns.push(list.column); else boards.set(board, [list.column]);
  }
  for (const columns of boards.values()) sectionCards(columns, candidates);
}

/**
 * Cards, each under its own heading (a board's columns, settings cards: lists.ts), are sections: the controls in each
 * are under its heading, which the walk took for an item's title (a heading in a repeat); the controls after the
 * cards that took the last card's heading go back to the section before them.
 */
function sectionCards(cards: readonly { item: Element; heading: Element }[], candidates: readonly Candidate[]): void {
  const first = candidates.findIndex((c) => cards.some((card) => containsOf(card.item, c.el)));
  // The section the cards are in, as the walk had it for their first control.
  const around = first >= 0 ? candidates[first]!.section : undefined;
  const sections = cards.map((card) => headingSection(card.heading));
  cards.forEach((card, i) => {
    for (const candidate of candidates) if (containsOf(card.item, candidate.el)) candidate.section = sections[i]!;
  });
  const names = new Set(sections.map((section) => section.name));
  if (!around || names.has(around.name)) return;
  for (let i = first; i < candidates.length; i++) {
    const candidate = candidates[i]!;
    if (!cards.some((card) => containsOf(card.item, candidate.el)) && names.has(candidate.section.name)) candidate.section = around;
  }
}

/** Blocks whose label names their section or view (walk.ts), not a list inside them. */
const NAMING_BLOCKS = 'main, nav, header, footer, aside, article, section, form, dialog, body, [role=main], [role=navigation], [role=banner], '
  + '[role=contentinfo], [role=complementary], [role=region], [role=dialog], [role=alertdialog], [role=form], [role=search], [role=tabpanel]';

function listLabels(list: DetectedList, forName = false): string[] {
  const el = list.container;
  const out = ariaLabels(el);
  const table = tableOf(list);
  if (table && table !== el) out.push(...ariaLabels(table));
  // A data table (the list is the table) is named by its caption; a list of rows with controls is not, nor by the heading
  // before its table: the bundled script writer was trained on captioned tables of such rows named `items`, and renamed
  // it books the wrong row (scriptwriter.e2e.ts, held-out page). So such a table's name changes when its rows gain
  // controls.
  if (table && table === el) out.push(tableCaption(table));
  // A labelled wrapper around nothing but the list (GitHub's `role=group aria-label="Issues"` around its
  // `js-navigation-container`: explorer, session 48), two levels up at most; not a landmark, which names its section.
  for (let at = el, up = 0; up < 2; up++) {
    const parent = parentOf(at);
    if (!parent || childElementCountOf(parent) !== 1 || matchesOf(parent, NAMING_BLOCKS)) break;
    // Not a count ("Showing 24 of 120 products": review, session 49), which would rename the list as rows load.
    out.push(...ariaLabels(parent).filter((label) => label.length <= 60 && !/\d/.test(label)));
    at = parent;
  }
  out.push(termBefore(el));
  // Not the heading before a labelled landmark the list fills, or one that starts with its own heading (a pull
  // request's title before its tabs' `nav`, a product's before its `section` of reviews: the lists were named after
  // the title, renamed with every pull request or product; explorer, session 50).
  if (!matchesOf(el, NAMING_BLOCKS) || (!ariaLabels(el).some(Boolean) && !startsWithHeading(el))) out.push(headingBefore(el, forName));
  out.push(legendAround(el, list.members.every((m) => m.kind === 'radio')));
  // What the page's developers call the box in words (Amazon's cart `data-name="Active Items"`: explorer, session 64).
  const dataName = attr(el, 'data-name') ?? '';
  if (/^\p{L}[\p{L} _-]{2,40}$/u.test(dataName)) out.push(dataName);
  const token = (list.namedBy && ownClasses(list.namedBy).filter((cls) => !minifiedClass(el, cls)).map(listToken).find(Boolean)) ?? listToken(idOf(el))
    ?? ownClasses(el).filter((cls) => !minifiedClass(el, cls)).map(listToken).find(Boolean);
  if (token) out.push(token);
  const field = sharedFieldName(list);
  if (field) out.push(field);
  return out.filter(Boolean);
}

/**
 * Words that say how a container looks or where it sits, never what it holds (exploratory test, session 24:
 * `dr-margin-left-25`, `mw-parser-output`, `main-content` named lists). Not `grid`: the script writer was trained on
 * card lists named `grid` by their class.
 */
const LAYOUT_WORDS = new Set(['margin', 'padding', 'left', 'right', 'top', 'bottom', 'center', 'middle', 'wrapper', 'wrap', 'container', 'content',
  'contents', 'inner', 'outer', 'inside', 'holder', 'col', 'cols', 'row', 'rows', 'flex', 'box', 'block', 'layout',
  'clearfix', 'cf', 'parser', 'output', 'unstyled', 'reset', 'fluid', 'full', 'half', 'width', 'height', 'display', 'hide', 'show', 'hidden', 'visible',
  'sm', 'md', 'lg', 'xl', 'xs', 'xxl', 'small', 'medium', 'large', 'mt', 'mb', 'ml', 'mr', 'pt', 'pb', 'pl', 'pr', 'mx', 'my', 'px', 'py', 'm', 'p',
  'w', 'h', 'd', 'x', 'y', 'font', 'typography', 'align', 'float', 'position', 'relative', 'absolute', 'fixed', 'sticky', 'spacing', 'space', 'mini', 'micro',
  'gap', 'gutter', 'stack', 'inline', 'default', 'base', 'js', 'is', 'has', 'u', 'l', 'o', 'c',
  // A table's parts and UI kits' prefixes (Ant Design's `ant-table-tbody`: explorer, session 47).
  'tbody', 'thead', 'tfoot', 'ant', 'mui', 'chakra', 'mantine',
  // How it looks (a settings page's `card danger`: explorer, session 57).
  'danger', 'warning', 'success', 'info', 'muted', 'light', 'dark', 'outline', 'outlined', 'elevated', 'shadow', 'rounded', 'bordered']);
/** Words that say a container holds things, not what: a name only with a word that says what (`tag-list`, `article-list`). */
const CONTAINER_WORDS = new Set(['list', 'items', 'group', 'table']);
/**
 * Parts of a page: no name alone (`main-content`, `dr-article-content`), but what a list holds before a container word
 * (`article-list`, `section-list`: review, session 24).
 */
const PLACE_WORDS = new Set(['main', 'body', 'article', 'section', 'page', 'area', 'region', 'module', 'component', 'widget', 'element', 'text',
  // A card holding rows (a settings card's switches) is one box, not what its rows are (explorer, session 57).
  'column', 'columns', 'card']);

/**
 * A readable id or class as the words of a list's name (its first three make the name), unless those are only layout,
 * place and container words or numbers, a site prefix of one or two letters aside (`dr-margin-left-25`,
 * `mw-parser-output`); then a BEM class's element part (`dr-article-content__side-nav-list`).
 */
function listToken(name: string): string | undefined {
  if (!readableToken(name) || designKitClass(name)) return undefined;
  const token = withoutKitPrefix(name);
  const says = (part: string) => {
    const words = part.split(/[-_]+/).filter(Boolean);
    const named = words.slice(0, 3).map((word) => word.toLowerCase());
    // `tag-list`, `faq-list`, `job-list`: a short first word is a prefix only at one or two letters (review, session 24).
    const own = named.length > 1 && named[0]!.length <= 2 ? named.slice(1) : named;
    const informative = own.some((word) => !/^\d+$/.test(word) && !LAYOUT_WORDS.has(word) && !CONTAINER_WORDS.has(word) && !PLACE_WORDS.has(word))
      || (own.some((word) => CONTAINER_WORDS.has(word)) && own.some((word) => PLACE_WORDS.has(word)));
    return informative ? words.join(' ') : undefined;
  };
  const element = token.split('__')[1]?.replace(/--.*$/, '');
  return says(token) ?? (element ? says(element) : undefined);
}

/** Field names that say an item is picked, not what the items are (`ids[]`, `selected`). */
const GENERIC_FIELD_NAME = /^(?:id|ids|selected|selection|select|sel|cb|chk|check|checks|checkbox|checkboxes|checked|item|items|row|rows|toggle|on)$/i;

/**
 * The `name` its items' boxes share (`categories[]` of a set of topic checkboxes): what the list holds. Only where the
 * boxes are all there is to the items: a product card's "Compare" box or a mail row's `ids[]` says nothing of what
 * each item is (review, session 24).
 */
function sharedFieldName(list: DetectedList): string | undefined {
  if (!list.members.every((m) => m.kind === 'checkbox' || m.kind === 'radio' || m.kind === 'switch')) return undefined;
  // Named boxes of most items (an "All" box of its own may have no name).
  const named = list.members.filter((m) => attr(m.el, 'name'));
  if (named.length * 2 <= list.items.length) return undefined;
  const names = new Set(named.map((m) => attr(m.el, 'name')!.replace(/\[\s*\]$/, '').trim()));
  const [only] = names;
  return names.size === 1 && only && !GENERIC_FIELD_NAME.test(only) ? readableToken(only)?.replace(/[-_]+/g, ' ') : undefined;
}

const INLINE = new Set(['SPAN', 'B', 'I', 'EM', 'STRONG', 'SUP', 'SUB', 'SMALL', 'CODE', 'CITE', 'ABBR', 'Q', 'MARK', 'FONT', 'U', 'S', 'TIME', 'DFN', 'KBD', 'VAR', 'BDI', 'BDO', 'LABEL']);
const PROSE_BLOCK = new Set(['P', 'LI', 'DD', 'DT', 'TD', 'TH', 'BLOCKQUOTE', 'FIGCAPTION', 'PRE', 'CAPTION', 'ADDRESS']);
const MIN_PROSE_LINKS = 3;
/** A section with at least this many links of its own (a menu, a footer full of links) keeps them as one `links` list. */
const MIN_MENU_LINKS = 7;
/** A landmark with at least this many in-page anchors (¶ permalinks, a table of contents) lists them all as one. */
const MIN_ANCHORS = 8;

/** A link to a place on this page (`#id` where that element exists): a scroll target, not a route. */
function inPageAnchor(el: Element): boolean {
  const href = attr(el, 'href');
  if (!href || !href.startsWith('#') || href.length < 2) return false;
  try {
    return ownerDocOf(el).getElementById(decodeURIComponent(href.slice(1))) !== null;
  } catch {
    return false;
  }
}
const PROSE_SAMPLES = 8;
/** Lists up to this many items keep, per item, the name its control had as an entry (`itemNames`). */
const MAX_ITEM_NAMES = 60;

/** The names the items' controls would have as entries, in item order ('' where an item holds no single control). */
function itemNamesOf(controls: ReadonlyArray<Candidate | undefined>, labelOf: (candidate: Candidate) => string): string[] {
  return controls.map((c) => (c ? `${c.section.name}__${ownName(c.el, c.kind, labelOf(c), c.section.title)}` : ''));
}

/**
 * The control of each item a click on it would reach (lists.ts: the action slot), when the executor's item selector
 * picks exactly these items in this order; else undefined (an old name would reach another item).
 */
function controlsOf(list: DetectedList, slot: { selector: string }): Array<Candidate | undefined> | undefined {
  const items = new Set(list.items);
  let found: Element[];
  try {
    found = itemsIn(list.container, { selector: list.itemSelector, ...(list.itemPaths ? { paths: list.itemPaths } : {}) }, (el) => items.has(el) || shownItem(el));
  } catch {
    return undefined;
  }
  if (found.length !== list.items.length || list.items.some((item, i) => found[i] !== item)) return undefined;
  return list.items.map((item) => {
    const inside = list.members.filter((m) => m.el === item || containsOf(item, m.el));
    if (inside.length !== 1) return undefined;
    const control = slot.selector === ':scope' ? item : queryOf(item, slot.selector);
    return control === inside[0]!.el ? inside[0] : undefined;
  });
}

/** `list[3]`: the name a list's item goes by in a script (the list's final name), when `el` is one of its items. */
function listItemName(lists: ReadonlyArray<{ entry: ListEntry; items: readonly Element[] }>, el: Element): string | undefined {
  for (const { entry, items } of lists) {
    const index = items.findIndex((item) => item === el || containsOf(item, el));
    if (index >= 0) return `${entry.name}[${index}]`;
  }
  return undefined;
}

/** A link inside running text (a paragraph, a long list item or cell): its words are a small part of the block's. */
function proseBlock(el: Element, texts: Map<Element, number>): Element | undefined {
  let block = parentOf(el);
  for (let depth = 0; block && INLINE.has(tagOf(block)) && depth < 6; depth++) block = parentOf(block);
  if (!block || !PROSE_BLOCK.has(tagOf(block))) return undefined;
  // A list item holding a sub-list is a node of a tree (a table of contents), not running text.
  if (tagOf(block) === 'LI' && queryOf(block, ':scope > ul, :scope > ol')) return undefined;
  let length = texts.get(block);
  if (length === undefined) {
    length = textOf(block, 2000).length;
    texts.set(block, length);
  }
  return length >= 2 * textOf(el, 200).length + 20 ? block : undefined;
}

/**
 * A link beside a heading's own words (Wikipedia's "[edit]" after "See also"): the heading's, not one of the section's
 * links. wikipedia-3's `$see_also__links` began with "edit" (explorer, session 36: "open the first See also article"
 * opened the edit page, and it counted 7 articles where the page lists 6).
 */
function adornsHeading(link: Element): boolean {
  // Not a heading's number linking to its own place (ietf-1's "3" of "3. Storage model"): those are the page's anchors.
  if ((attr(link, 'href') ?? '').startsWith('#')) return false;
  const heading = closestOf(link, 'h1,h2,h3,h4,h5,h6,[role=heading]');
  return !!heading && textOf(heading, 200).length > textOf(link, 200).length + 2;
}

function commonAncestor(elements: Element[]): Element {
  let ancestor: Element = elements[0]!;
  for (let parent = parentOf(ancestor), steps = 0; parent && steps < MAX_UPWARD_STEPS && !elements.every((el) => containsOf(ancestor, el)); parent = parentOf(ancestor), steps++) ancestor = parent;
  return ancestor;
}

/** Controls whose shown text is page text to compare with their name (not fields: their text is what is typed). */
const SHOWS_KINDS: ReadonlySet<string> = new Set(['button', 'link', 'tab', 'menuitem', 'option', 'clickable', 'checkbox', 'radio', 'switch']);

/** Frames of other origins named in a note, at most. */
const NOTE_ORIGINS = 5;

/**
 * What the user (or a model) should know the document leaves out (session 22): a modal dialog hides the page behind
 * it; cross-origin frames cannot be read. Fixed words; origins JSON-quoted (a frame's address is page text).
 */
function notesOf(walked: { modal: boolean; foreignFrames: readonly string[] }): string[] {
  const notes: string[] = [];
  if (walked.modal) notes.push('a modal dialog is open: only what is in it can be used, the page behind it is left out until it closes');
  const frames = walked.foreignFrames;
  if (frames.length) {
    const origins = [...new Set(frames)];
    const named = origins.slice(0, NOTE_ORIGINS).map((origin) => quote(origin, 100)).join(', ');
    const more = origins.length > NOTE_ORIGINS ? ` and ${origins.length - NOTE_ORIGINS} more` : '';
    notes.push(`${frames.length} cross-origin ${frames.length === 1 ? 'frame' : 'frames'} not readable: ${named}${more}`);
  }
  return notes;
}

export function buildPageDocument(doc: Document, options: BuildOptions = {}): PageDocument {
  forgetClosedRoots();
  try {
    return withSecretsHidden(doc, () => build(doc, options));
  } finally {
    forgetChosenItems();
  }
}

function build(doc: Document, options: BuildOptions): PageDocument {
  const now = options.now ?? (() => (typeof performance !== 'undefined' ? performance.now() : Date.now()));
  const started = now();
  const locatorCache = newLocatorCache();
  const walked = walk(doc, { maxNodes: options.maxNodes ?? 40_000, maxMs: options.maxMs ?? 1_500, now });
  const stops = new Set<Element>(walked.frames.keys());
  // Unnamed forms named alike (two search forms, a header's and a mobile menu's) share one section, as a form without a
  // name of its own always did: numbered, one would take the other's name when it is hidden or the page reorders them.
  // Lists and link groups are made of what is shown; a hidden tab panel's lists are found within it, as they will be
  // once its tab shows it.
  // Messages are read, never acted on: no list is made of them (a form's field errors are not rows).
  const shown = walked.candidates.filter((c) => !c.via);
  const headedCards: { item: Element; heading: Element }[][] = [];
  const lists = detectLists(shown.filter((c) => c.kind !== 'message'), stops, locatorCache, headedCards);
  const hiddenViews = new Map<Element, Candidate[]>();
  for (const candidate of walked.candidates) {
    if (!candidate.via || candidate.kind === 'message') continue;
    const group = hiddenViews.get(candidate.via);
    if (group) group.push(candidate); else hiddenViews.set(candidate.via, [candidate]);
  }
  for (const group of hiddenViews.values()) lists.push(...detectLists(group, stops, locatorCache));
  // A board's column (board-columns.ts): its cards and its own controls are under its heading, which the walk took
  // for an item's title (a heading in a repeat).
  placeBoards(lists, walked.candidates);
  for (const cards of headedCards) sectionCards(cards, walked.candidates);
  const absorbed = new Map<Candidate, DetectedList>();
  for (const list of lists) for (const member of list.members) absorbed.set(member, list);

  // Links in running text are many and rarely the point: per landmark (the article, the page) they become one
  // `text_links` list, found by text.
  const prose = new Map<SectionRef, Candidate[]>();
  const blockTexts = new Map<Element, number>();
  // A link continuing the one before it (the same address, nothing between) is part of that link's item.
  const continuations = new Set<Candidate>();
  for (const candidate of shown) {
    if (candidate.kind !== 'link' || absorbed.has(candidate) || !proseBlock(candidate.el, blockTexts)) continue;
    if (continuesLink(candidate.el)) {
      continuations.add(candidate);
      continue;
    }
    const group = prose.get(candidate.landmark);
    if (group) group.push(candidate); else prose.set(candidate.landmark, [candidate]);
  }
  const proseOf = new Map<Candidate, Candidate[]>();
  for (const group of prose.values()) if (group.length >= MIN_PROSE_LINKS) for (const candidate of group) proseOf.set(candidate, group);
  // A table of contents and ¶ permalinks: one list of a landmark's in-page anchors, found by text (per landmark: a
  // contents `nav` is its own list, not one with the skip links of the page's top).
  const anchorGroups = new Map<SectionRef, Candidate[]>();
  for (const candidate of shown) {
    if (candidate.kind !== 'link' || absorbed.has(candidate) || proseOf.has(candidate) || !inPageAnchor(candidate.el)) continue;
    const group = anchorGroups.get(candidate.landmark);
    if (group) group.push(candidate); else anchorGroups.set(candidate.landmark, [candidate]);
  }
  const anchors = new Set<Candidate[]>();
  // Landmarks with a few each (MDN's sections, each a region whose heading links to itself) pool theirs (review, session 26).
  const fewEach = new Set<Candidate>();
  for (const group of anchorGroups.values()) if (group.length < MIN_ANCHORS) for (const c of group) fewEach.add(c); else anchors.add(group);
  if (fewEach.size >= MIN_ANCHORS) anchors.add(shown.filter((c) => fewEach.has(c)));
  for (const group of anchors) for (const candidate of group) proseOf.set(candidate, group);
  // Big menus (a site's category tree, a footer full of links) likewise: one list to find a link in by its text.
  const navLinks = new Map<string, Candidate[]>();
  for (const candidate of shown) {
    if (candidate.kind !== 'link' || absorbed.has(candidate) || proseOf.has(candidate) || adornsHeading(candidate.el)) continue;
    const group = navLinks.get(candidate.section.name);
    if (group) group.push(candidate); else navLinks.set(candidate.section.name, [candidate]);
  }
  const menus = new Set<Candidate[]>();
  for (const group of navLinks.values()) {
    if (group.length < MIN_MENU_LINKS) continue;
    menus.add(group);
    for (const candidate of group) proseOf.set(candidate, group);
  }
  const emittedProse = new Set<Candidate[]>();

  type Placed = { entry: Entry; el: Element; section: SectionRef; via?: Element };
  const placed: Placed[] = [];
  const emitted = new Set<DetectedList>();
  const listed: Array<{ entry: ListEntry; items: readonly Element[] }> = [];
  const formName = (form: Element) => {
    const frame = walked.frames.get(form);
    return frame ? frame.section.name : undefined;
  };
  const maxEntries = options.maxEntries ?? 3_000;
  let entriesTruncated = false;
  const labelOf = (candidate: Candidate) => truncate(fieldLabel(candidate, accessibleName(candidate.el)) || (candidate.namedBy ? accessibleName(candidate.namedBy) : ''), 300);
  /** Each small list's items' single controls, named once sections have their final names (see itemNamesOf). */
  const itemControls = new Map<ListEntry, Array<Candidate | undefined>>();
  const messageCount: MessageCount = { total: 0 };

  /** Lists of data tables (data-tables.ts): named and numbered after all else, as messages are (see below). */
  const tableEntries = new Set<Entry>();
  /** The containers of all lists: another's count is not a list's (count-said.ts). */
  let containers: Set<Element> | undefined;
  const placeList = (list: DetectedList, section: SectionRef, via: Element | undefined, fallback = 'items') => {
    emitted.add(list);
    const labels = listLabels(list);
    const label = labels[0] ?? '';
    // A list named like its section (a heading just above it) takes its next label, so names do not stutter.
    const own = list.name ?? listLabels(list, true).map((l) => slug(nameWords(l), 3)).find((s) => s && s !== section.name) ?? list.fallbackName
      ?? (roleOf(list.container) === 'tablist' ? 'tabs' : fallback);
    const total = declaredTotal(list.container, list.items);
    const table = tableOf(list);
    const sort = table ? sortedBy(table, list.fields) : undefined;
    const more = total === undefined && drawsMoreUncounted(list.container, list.items);
    containers ??= new Set([...lists, ...tables.map((table) => table.list)].map((other) => other.container));
    const said = total === undefined ? countSaid(list.container, containers) : undefined;
    const { marked, more: markedMore } = markedItems(list.items, list.container, itemControlSlot(list)?.selector,
      list.slots.filter((slot) => slot.kind !== 'text').map((slot) => slot.selector));
    const entry: ListEntry = {
      name: own,
      kind: 'list',
      description: truncate(label, 200),
      count: list.items.length,
      ...(total !== undefined ? { total } : {}),
      ...(more ? { more: true as const } : {}),
      ...(said ? { countSaid: said } : {}),
      fields: list.fields,
      actions: list.actions,
      slots: list.slots,
      samples: list.samples,
      ...(list.machineValues ? { machineValues: list.machineValues } : {}),
      ...(sort ? { sortedBy: sort } : {}),
      ...(marked ? { marked } : {}),
      ...(markedMore ? { markedMore } : {}),
      itemSelector: list.itemSelector,
      ...(list.itemPaths ? { itemPaths: [...list.itemPaths] } : {}),
      // A calendar's label is the month it shows: found by it, the list would be lost when the month turns (or be another
      // calendar showing that month).
      locators: locatorsFor(list.container, list.name === DAYS_LIST ? '' : label, locatorCache),
    };
    // Only lists that were entries while small (lists.ts: one control per item, or no fields and one action).
    const wasEntries = list.slots.length <= 1 || (list.fields.length === 0 && list.actions.length <= 1);
    const slot = itemControlSlot(entry);
    const controls = wasEntries && slot && list.items.length <= MAX_ITEM_NAMES ? controlsOf(list, slot) : undefined;
    if (controls) itemControls.set(entry, controls);
    placed.push({ entry, el: list.container, section, ...(via ? { via } : {}) });
    listed.push({ entry, items: list.items });
    return entry;
  };
  // Data tables (no controls to be met by) go where the walk met them: before the candidates after them.
  const tables = dataTableLists(walked.tables, lists, locatorCache);
  let nextTable = 0;
  const placeTablesBefore = (at: number) => {
    for (; nextTable < tables.length && tables[nextTable]!.at <= at; nextTable++) {
      const { list, section, via } = tables[nextTable]!;
      tableEntries.add(placeList(list, section, via, 'table'));
    }
  };

  for (const [index, candidate] of walked.candidates.entries()) {
    if (placed.length >= maxEntries) {
      entriesTruncated = true;
      break;
    }
    placeTablesBefore(index);
    if (continuations.has(candidate)) continue;
    const links = proseOf.get(candidate);
    if (links) {
      if (emittedProse.has(links)) continue;
      emittedProse.add(links);
      const container = commonAncestor(links.map((c) => c.el));
      // The group's links, and only they (their ancestor holds others: a menu's, a table's, a section's edit links).
      const query = itemQueryFor(container, links.map((c) => c.el), ['a[href]'], locatorCache);
      const group = anchors.has(links) ? 'anchors' : menus.has(links) ? 'menu' : 'text';
      const { marked, more: markedMore } = markedItems(links.map((c) => c.el), container, ':scope');
      const entry: ListEntry = {
        name: group === 'anchors' ? 'anchors' : group === 'menu' ? 'links' : 'text_links',
        kind: 'list',
        description: LINK_GROUPS[group],
        count: links.length,
        fields: ['link'],
        actions: ['link'],
        slots: [{ name: 'link', kind: 'link', selector: ':scope' }],
        // The words the links show (what find() matches), as a list's samples are: not a title or label they do not
        // show (medium-1: an avatar link's "Go to the profile of …" was a sample no find() reached). The first links,
        // empty and repeated ones too: sample i is item i (an image-only link [0] left out made "Home" look like [0]).
        samples: links.slice(0, PROSE_SAMPLES).map((c) => ({ link: truncate(linkWords(c.el, 200), 60) })),
        ...(marked ? { marked } : {}),
        ...(markedMore ? { markedMore } : {}),
        itemSelector: query.selector,
        ...(query.paths ? { itemPaths: [...query.paths] } : {}),
        locators: locatorsFor(container, '', locatorCache),
      };
      if (links.length <= MAX_ITEM_NAMES && query.exact) itemControls.set(entry, links);
      placed.push({ entry, el: container, section: group === 'text' ? candidate.landmark : candidate.section });
      continue;
    }
    const list = absorbed.get(candidate);
    if (list) {
      if (!emitted.has(list)) placeList(list, candidate.section, candidate.via);
      continue;
    }
    const { el, kind } = candidate;
    if (kind === 'message') {
      // A live list (a chat's rows, results) is read as the list; a status inside a row is part of the row.
      // A status beside the rows, in their container but in no row (a directions pane's), is the page's.
      if (lists.some((l) => (containsOf(l.container, el) && l.items.some((item) => containsOf(item, el))) || containsOf(el, l.container))) continue;
      // So are boxes of rows with no control (record-rows.ts, pair-boxes.ts): a chat's log read as its rows is not read
      // again as one message of all their words, nor a toast among toasts read as a list.
      if (!candidate.fact && tables.some(({ list }) => !matchesOf(list.container, `${TABLE_SELECTOR},dl`)
        && ((containsOf(list.container, el) && list.items.some((item) => containsOf(item, el))) || containsOf(el, list.container)))) continue;
      // An order's total that is a row of the summary's list of pairs ("Total $270.63" under "Subtotal", "Shipping") is
      // that row, where the list's samples show it: no message saying it again (explorer, session 55).
      if (candidate.fact === 'total' && tables.some(({ list }) => containsOf(list.container, el)
        && list.items.slice(0, list.samples.length).some((item) => containsOf(item, el) || containsOf(el, item)))) continue;
      if (admitMessage(messageCount)) {
        const entry = candidate.fact ? factEntry(el, candidate.fact, locatorCache) : messageEntry(el, locatorCache);
        placed.push({ entry, el, section: candidate.section, ...(candidate.via ? { via: candidate.via } : {}) });
      }
      continue;
    }
    const label = labelOf(candidate);
    const sensitive = isSensitive(el);
    const entry = { name: ownName(el, kind, inFieldBox(el, kind, inColumn(el, label)), candidate.section.title), kind, description: headingOfWordless(el, label) ?? (label || iconName(el)) } as ElementEntry;
    // A name that is not what the control shows ("Harmless: view profile" on a "Delete account" button): both.
    const shows = SHOWS_KINDS.has(kind) && !sensitive ? shownTextBesides(el, label) : undefined;
    if (shows) entry.description = describeShown(label, shows);
    // A choice's row says more than its label: a shipping option's price.
    const beside = !shows && !sensitive && (kind === 'radio' || kind === 'checkbox') && label ? wordsBesideChoice(el) : undefined;
    if (beside && !label.toLowerCase().includes(beside.toLowerCase())) entry.description = truncate(`${label} · ${beside}`, 200);
    if (tagOf(el) === 'INPUT') {
      const type = (el as HTMLInputElement).type;
      if (type && !['text', 'checkbox', 'radio', 'submit', 'button'].includes(type)) entry.inputType = type;
    }
    const placeholder = collapse(attr(el, 'placeholder') ?? '');
    if (placeholder && placeholder !== label) entry.placeholder = truncate(placeholder, 200);
    Object.assign(entry, stateOf(el, kind, sensitive));
    const effect = effectOf(el, kind, formName);
    if (effect) entry.effect = effect;
    const form = submittedForm(el);
    if (form && sendsSearch(form, el)) entry.searches = true;
    else if (form && getOnlyReads(form, el)) entry.reads = true;
    if (sensitive) entry.sensitive = true;
    if (sensitive && isSecretInput(el)) entry.secretInput = true;
    if (candidate.inViewport !== undefined) entry.inViewport = candidate.inViewport;
    entry.locators = locatorsFor(el, label, locatorCache);
    placed.push({ entry, el, section: candidate.section, ...(candidate.via ? { via: candidate.via } : {}) });
  }
  if (!entriesTruncated) placeTablesBefore(Infinity);

  // A heading's text is page text: a heading named like a dialog, a form or a landmark must not merge into it (and
  // give it its kind: a dialog would no longer be a state of the page). It keeps a name of its own.
  // A message does not count (a toast appearing in an `<aside aria-label="Notifications">` renames no control of a
  // "Notifications" heading section): it goes into that heading's section — unless it is in a dialog, which keeps its
  // own section.
  const ownsName = (item: Placed) => item.section.kind !== 'heading' && (item.entry.kind !== 'message' || item.section.kind === 'dialog');
  const fixedNames = new Set(placed.filter(ownsName).map((item) => item.section.name));
  const headingSections = new Map<string, SectionRef>();
  for (const item of placed) {
    if (item.section.kind === 'heading' && fixedNames.has(item.section.name)) item.section.name = `${item.section.name}_heading`;
    if (item.section.kind === 'heading' && !headingSections.has(item.section.name)) headingSections.set(item.section.name, item.section);
  }
  for (const item of placed) {
    if (item.section.kind !== 'heading' && !ownsName(item)) item.section = headingSections.get(item.section.name) ?? item.section;
  }

  // Sections of the same name are one section; names are `section__own`, unique across the page.
  const sections = new Map<string, Section>();
  const groups = new Map<string, Placed[]>();
  for (const item of placed) {
    let section = sections.get(item.section.name);
    if (!section) {
      section = { name: item.section.name, kind: item.section.kind, title: item.section.title, ...(item.section.says ? { says: item.section.says } : {}), entries: [] };
      sections.set(item.section.name, section);
    }
    // A radio's group said by its section already (`shipping_method__shipping_method_standard`): once.
    const own = item.entry.kind === 'radio' && item.entry.name.startsWith(`${section.name}_`) ? item.entry.name.slice(section.name.length + 1) : '';
    item.entry.name = `${section.name}__${own || item.entry.name}`;
    section.entries.push(item.entry);
  }
  // A control keeps the name it had before a message of that name came (scripts use it): the message says what it is
  // (`job__status` the field, `job__status_message` its status line). Messages are told apart among themselves.
  const controlNames = new Set(placed.filter((item) => item.entry.kind !== 'message').map((item) => item.entry.name));
  // So are data tables: a table that becomes a list (its 2nd row loaded) or goes renames no other entry; one named
  // like another entry takes the next number (`main__orders_2`).
  const rank = (entry: Entry) => (entry.kind === 'message' ? 2 : tableEntries.has(entry) ? 1 : 0);
  for (const item of placed) {
    if (item.entry.kind === 'message' && controlNames.has(item.entry.name)) item.entry.name = `${item.entry.name}_message`;
    const key = `${item.entry.name} ${rank(item.entry)}`;
    const group = groups.get(key);
    if (group) group.push(item); else groups.set(key, [item]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const numbered = disambiguate(group);
    if (numbered.length > 1 && group[0]!.entry.kind !== 'list' && group[0]!.entry.kind !== 'message') tellRowsApart(numbered as { entry: ElementEntry; el: Element }[]);
  }
  sayMenuRows(placed);
  for (const { entry, el } of placed) {
    if (entry.kind === 'list' || entry.kind === 'message' || (entry as ElementEntry).row) continue;
    const day = dayOfControl(el);
    if (day) (entry as ElementEntry).row = day;
  }
  const taken = new Set<string>();
  for (const item of [0, 1, 2].flatMap((r) => placed.filter((p) => rank(p.entry) === r))) {
    let name = item.entry.name;
    for (let n = 2; taken.has(name); n++) name = `${item.entry.name}_${n}`;
    item.entry.name = name;
    taken.add(name);
  }
  // A name a list item had as an entry, unless it is an entry's now (here or in a hidden panel) or two items' of one
  // list: which of them an old script meant is not known. Items of two lists that share a name (the same link in a
  // page's menu and its text) leave it to the first list, as entries the first would have had it and the next `_2`
  // (review, session 25: lwn-1's `page__security_link`, in two link groups once both had item names, was neither's).
  const itemNameLists = [...itemControls].map(([list, controls]) => [list, itemNamesOf(controls, labelOf)] as const);
  const firstList = new Map<string, ListEntry>();
  for (const [list, names] of itemNameLists) {
    for (const name of new Set(names)) if (!firstList.has(name)) firstList.set(name, list);
  }
  for (const [list, names] of itemNameLists) {
    const inList = new Map<string, number>();
    for (const name of names) inList.set(name, (inList.get(name) ?? 0) + 1);
    const kept = names.map((name) => (name && !taken.has(name) && inList.get(name) === 1 && firstList.get(name) === list ? name : ''));
    if (kept.some(Boolean)) list.itemNames = kept;
  }

  // Entries of hidden tab panels move to their view, named as they will be once their tab shows them.
  const nameOf = new Map(placed.map((item) => [item.el, item.entry.name] as const));
  const views = new Map<string, Map<string, Section>>();
  const moved = new Set<Entry>();
  for (const item of placed) {
    if (!item.via) continue;
    moved.add(item.entry);
    // A tab that is an item of a list (a tab strip of nine or more) is clicked as that item: `$tabs[3]`.
    const via = nameOf.get(item.via) ?? listItemName(listed, item.via);
    if (!via) continue;
    const home = sections.get(item.section.name)!;
    let view = views.get(via);
    if (!view) views.set(via, (view = new Map()));
    let section = view.get(home.name);
    if (!section) view.set(home.name, (section = { name: home.name, kind: home.kind, title: home.title, ...(home.says ? { says: home.says } : {}), entries: [] }));
    section.entries.push(item.entry);
  }
  if (moved.size) {
    for (const [name, section] of sections) {
      section.entries = section.entries.filter((entry) => !moved.has(entry));
      if (!section.entries.length) sections.delete(name);
    }
  }

  const truncated = walked.truncated ?? (entriesTruncated ? 'entries' : undefined);
  const document: PageDocument = {
    url: truncate(doc.location?.href ?? '', 4000),
    title: truncate(collapse(doc.title ?? ''), 1000),
    sections: [...sections.values()],
    tokens: 0,
    truncated: truncated !== undefined,
    stats: { nodes: walked.visited, elements: placed.length - moved.size, lists: emitted.size, ms: 0 },
  };
  if (views.size) document.views = [...views].map(([via, view]) => ({ via, sections: [...view.values()] }));
  const notes = notesOf(walked);
  if (notes.length) document.notes = notes;
  if (truncated) document.truncation = { reason: truncated, visitedNodes: walked.visited };
  document.tokens = Math.ceil(renderDocument(document).length / 4);
  document.stats.ms = Math.round((now() - started) * 10) / 10;
  return document;
}
