/**
 * Candidate-first reading of the rendered page. One native selector query per root (the document, each open shadow
 * root, each same-origin iframe) finds what can be acted on, what opens a section (landmarks, forms, dialogs,
 * labelled regions) and what names one (headings); only those elements are examined, in document order. Styles are
 * read for candidates alone: visibility through `checkVisibility`, pointer cursors from the page's own style rules
 * (a full per-element scan only where a style sheet cannot be read).
 */
import type { ElementKind, SectionKind } from './types.ts';
import { labelStandIn } from './box-label.ts';
import { factsOf, type FactKind } from './facts.ts';
import { pairBoxesOf } from './pair-boxes.ts';
import { recordBoxesOf } from './record-rows.ts';
import { monthOfCalendar } from './calendar.ts';
import { saysCount } from './count-said.ts';
import { dialogWords } from './dialog-words.ts';
import { rememberChosenItems, titleOfChosen, withoutChosenTitle } from './chosen-items.ts';
import { drawnModals, onTop } from './drawn-modals.ts';
import { concealedBox, outOfSight, type ClipCache } from './out-of-sight.ts';
import { SKIP_TAGS, accessibleName, buttonLabel, byId, hasLayout, hidesSubtree, moreElementsThan, shadowOf, styleOf, tagOf, textOf } from './dom.ts';
import { ROW_GROUP_ROLES, hasSearchBox, isDataGridCell, kindOf, roleOf, soleTextBox } from './classify.ts';
import { MAX_WALKED_MESSAGES, isMessageElement } from './messages.ts';
import { pointerSelectors, type SheetCache } from './pointer.ts';
import { pointedHost } from './hover-shown.ts';
import { TABLE_ROLES } from './data-tables.ts';
import { collapse, nameWords, readableToken, slug, truncate } from './text.ts';
import { rootAbove, upAcross } from './shadow-parts.ts';
import { VISUALLY_HIDDEN, choiceGroupWords, withoutChangingWords } from './names.ts';
import { MAX_UPWARD_STEPS, assignedSlotOf, attr, byTagOf, flatParentOf, nextElementOf, checkVisibilityOf, childElementCountOf, childrenOf, classListOf, classNameOf, cloneOf, closestOf, comparePosition, containsOf, hasAttr, hasAttrs, idOf, localNameOf, matchesOf, nodeTypeOf, ownerDocOf, parentOf, previousElementOf, queryAllOf, queryOf, rectOf, rootNodeOf, tagNameOf, textContentOf } from './dom-safe.ts';

export interface SectionRef {
  name: string;
  title: string;
  kind: SectionKind;
  /** A dialog's description (dialog-words.ts). */
  says?: string;
}

/** A container in the walk; headings met inside it (outside nested containers) name what follows them. */
export interface Frame {
  el: Element | null;
  section: SectionRef;
  /** Landmarks, forms and dialogs keep their own name; main content, frames and the page take their last heading's. */
  fixed: boolean;
  heading: SectionRef | undefined;
  /** Elements that end the headings met in them (an article, a footer), innermost last, with the heading before each. */
  scopes?: { el: Element; outer: SectionRef | undefined; outerEl: Element | undefined }[];
  /** The element of `heading`. */
  headingEl?: Element;
  /** A section, article, aside or nav came after `heading` (its footer closes more than the heading's part). */
  sectioned?: boolean;
  /** The last heading that links to a page (a news front's article title), its level and the page it links to. */
  linked?: LinkedHeading | undefined;
}

interface LinkedHeading {
  ref: SectionRef;
  level: number;
  page: string;
  /** What holds the heading: the article's links are in it. */
  block: Element | null;
}

export interface Candidate {
  el: Element;
  kind: ElementKind;
  section: SectionRef;
  /** The landmark, form, dialog, region or frame around it (or the page), headings aside. */
  landmark: SectionRef;
  inViewport: boolean | undefined;
  /** On a tab panel that is not shown: the tab that shows it. */
  via?: Element;
  /** The element whose name it takes when it has none (an ARIA 1.1 combobox's text box: its wrapper). */
  namedBy?: Element;
  /** A key fact of the page (a `message` entry named by what it is: facts.ts). */
  fact?: FactKind;
}

/** A table the walk met (data-tables.ts may make it a list): the candidates before it, its section, its view's tab. */
export interface TableRef {
  el: Element;
  at: number;
  section: SectionRef;
  via?: Element;
}

export interface WalkResult {
  candidates: Candidate[];
  tables: TableRef[];
  visited: number;
  truncated: 'nodes' | 'time' | undefined;
  frames: Map<Element, Frame>;
  /** Shown frames of another origin (their content cannot be read): each one's origin, in document order. */
  foreignFrames: string[];
  /** A modal dialog was open in a document read: what is behind it is left out. */
  modal: boolean;
}

export interface WalkLimits {
  maxNodes: number;
  maxMs: number;
  now: () => number;
}

const NO_DESCEND_KINDS = new Set<ElementKind>(['link', 'button', 'select', 'text_input', 'text_area', 'editable', 'checkbox', 'radio', 'switch', 'slider', 'combobox']);
/**
 * ARIA items (a tab, an option, a menu or tree item) may hold controls of their own (a tab's close button, a row's
 * delete button): those are entries; one that only repeats the item (a menu item's link of the same name) is not.
 */
const ITEM_KINDS = new Set<ElementKind>(['option', 'tab', 'menuitem']);
/** Native controls a card drawn as a button (`div role=button`) may hold of its own. */
const OWN_CONTROLS = 'button, a[href], input:not([type=hidden]), select, textarea';
const NATURALLY_FOCUSABLE = new Set(['A', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'SUMMARY', 'IFRAME', 'AREA']);
const HEADING = /^H[1-6]$/;
/** Elements a hover-only pointer rule may name before it counts as too broad to mean "clickable". */
const MAX_HOVER_POINTED = 300;
/** Elements shown while a row above them is pointed at (a list's per-row buttons): a page of rows, not a whole site's menus. */
const MAX_HOVER_REVEALED = 2_000;

/** Elements the walk looks at by their tag: actionable ones, section containers, headings, frames. */
const WALKED_TAGS = new Set(['A', 'a' /* SVG's <a>: lowercase tagName */, 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'SUMMARY', 'DIALOG', 'SEARCH', 'FORM', 'NAV', 'HEADER',
  'FOOTER', 'ASIDE', 'MAIN', 'SECTION', 'ARTICLE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'IFRAME', 'FRAME', 'SLOT', 'OUTPUT', 'TABLE', 'DL']);
/** Tags that never start a pointer region worth naming (SVG shapes inside an icon are part of the icon). */
const NO_POINTER_TAGS = new Set(['BR', 'HR', 'WBR', 'SOURCE', 'TRACK', 'PARAM', 'OPTION', 'OPTGROUP', 'LABEL']);

/** … and by their attributes: roles, focusability, handlers, editing, inline cursors. */
function walkedByAttributes(el: Element): boolean {
  if (!hasAttrs(el)) return false;
  return hasAttr(el, 'role') || hasAttr(el, 'tabindex') || hasAttr(el, 'onclick') || hasAttr(el, 'contenteditable')
    || hasAttr(el, 'part') || hasAttr(el, 'aria-live') || hasAttr(el, 'aria-current') || (attr(el, 'style')?.includes('cursor') ?? false);
}

/**
 * Roles of parts of a page that take the focus to be read or scrolled, or to pass it on (a roving tab stop), never to be
 * clicked: a tab panel, a region, a list box or a grid with `tabindex=0` is no control.
 */
const CONTAINER_ROLES: ReadonlySet<string> = new Set(['tabpanel', 'region', 'dialog', 'alertdialog', 'grid', 'treegrid', 'listbox', 'group', 'toolbar',
  'document', 'article', 'main', 'navigation', 'list', 'tablist', 'tree', 'menu', 'menubar', 'radiogroup', 'feed', 'log', 'status', 'application',
  'form', 'search', 'banner', 'contentinfo', 'complementary', 'table', 'rowgroup', 'row', 'figure', 'note']);

/**
 * An element a tab stop makes a control: not a container of that kind, nor one holding controls of its own (a cookie
 * banner's `section tabindex=0` with its buttons, a chip grid; explorer, session 43: `$cookie_banner__cookie_banner
 * clickable`).
 */
function focusStopOnly(el: Element): boolean {
  if (CONTAINER_ROLES.has(roleOf(el) ?? '')) return false;
  return !queryOf(el, 'a[href], button, input, select, textarea, [role=button], [role=link], [role=checkbox], [role=option], [role=tab], [tabindex]');
}

/** Words past which a place marked current is no page number or crumb. */
const MAX_PLACE_CHARS = 40;

/**
 * Where the user is among links (a pagination's current page, a breadcrumb's last crumb, a stepper's step) drawn as no
 * link: Bulma's `<a aria-current="page">` without an address, Bootstrap's `<li aria-current="page"><span>2</span>`. Read
 * as a link marked current, so "which page am I on" and "the next page" can be answered (explorer, session 43: absent).
 */
function currentPlace(el: Element): boolean {
  const current = attr(el, 'aria-current')?.trim().toLowerCase();
  if (!current || current === 'false' || queryOf(el, 'a[href], button, input, select, textarea')) return false;
  const text = textOf(el, MAX_PLACE_CHARS + 1);
  return !!text && text.length <= MAX_PLACE_CHARS && !!closestOf(el, 'nav, ol, ul, [role=navigation], [role=list]');
}

/** The current step (`aria-current="step"`) of steps of which none is a link or a button. */
function stepAmongWords(el: Element): boolean {
  if (attr(el, 'aria-current')?.trim().toLowerCase() !== 'step') return false;
  const steps = closestOf(el, 'ol, ul, [role=list]');
  return !!steps && !queryOf(steps, 'a[href], button, [role=button], [role=link], [role=tab]');
}

/** Hidden for everyone, whatever the style sheets say: the element and everything in it. */
const HIDDEN_SELECTOR = '[hidden]:not([hidden="until-found"]),[aria-hidden="true"],[inert]';

function section(name: string, title: string, kind: SectionKind): SectionRef {
  return { name: name || kind, title: truncate(collapse(title), 120), kind };
}

function ownLabel(el: Element): string | undefined {
  const ids = attr(el, 'aria-labelledby');
  if (ids) {
    const text = collapse(ids.split(/\s+/).map((id) => byId(el, id)).filter((x): x is Element => !!x).map((x) => labelWords(x)).join(' '));
    if (text) return text;
  }
  const aria = collapse(attr(el, 'aria-label') ?? '');
  return aria || undefined;
}

/** What an element says as another's label: its words, or a button's own label (Airbnb's "Guests" over "2 guests"). */
const labelWords = (el: Element): string => (tagOf(el) === 'BUTTON' && buttonLabel(el)) || textOf(el, 200);

/**
 * A label by `aria-labelledby` without what changes as the page lives, as a heading's name is: a board column's count
 * in an element of its own ("To do <span>3</span>" names `to_do`, was `to_do_3`: explorer, session 56).
 */
function steadyLabel(el: Element, label: string): string {
  const ids = attr(el, 'aria-labelledby');
  if (!ids) return label;
  const parts = ids.split(/\s+/).map((id) => byId(el, id)).filter((x): x is Element => !!x);
  const steady = collapse(parts.map((x) => withoutChangingWords(x, labelWords(x), true)).join(' '));
  return steady || label;
}

/**
 * The first heading inside a form or dialog that names it: not one the user writes (in an editor), not a picker's
 * month ("March 2026") nor another part's (a dialog or grid inside), not a count of results: those change as the page
 * is used, and every name in the form with them.
 */
function innerHeading(el: Element): string | undefined {
  for (const heading of Array.from(queryAllOf(el, 'h1,h2,h3,h4,h5,h6,[role=heading]')).slice(0, 4)) {
    const text = textOf(heading, 200);
    if (!text || closestOf(heading, '[contenteditable]:not([contenteditable=false])')) continue;
    const inside = closestOf(heading, 'dialog,[role=dialog],[role=alertdialog],[role=grid]');
    if ((inside && inside !== el && containsOf(el, inside)) || monthOfCalendar(heading, text) || saysCount(text)) continue;
    return text;
  }
  return undefined;
}

/**
 * A `<header>`/`<footer>` that is the page's (HTML-AAM: outside sectioning elements), nor a dialog's or a form's: a
 * modal's footer of Back/Next buttons was the page's `# footer` (explorer, session 55). A form around the whole page
 * (ASP.NET's `aspnetForm`, holding the page's main) keeps the page's header and footer (review, session 55).
 */
function isTopLevel(el: Element): boolean {
  const parent = parentOf(el);
  if (!parent) return true;
  if (closestOf(parent, 'article,aside,main,nav,section,dialog,[role=main],[role=article],[role=region],[role=complementary],[role=navigation],[role=dialog],[role=alertdialog]')) return false;
  const form = closestOf(parent, 'form,[role=form]');
  return !form || !!queryOf(form, 'main, [role=main], nav, [role=navigation], h1');
}

/** The frame an element opens, if it is a container. */
function containerOf(el: Element, parent: Frame, repeats: RepeatCache): Frame | undefined {
  const role = roleOf(el);
  const tag = tagOf(el);
  let kind: SectionKind | undefined;
  if (tag === 'DIALOG' || role === 'dialog' || role === 'alertdialog') kind = 'dialog';
  else if (role === 'search' || tag === 'SEARCH') kind = 'search';
  else if (tag === 'FORM' || role === 'form') kind = 'form';
  else if (tag === 'NAV' || role === 'navigation') kind = 'nav';
  else if (role === 'banner' || (tag === 'HEADER' && !role && isTopLevel(el))) kind = 'header';
  else if (role === 'contentinfo' || (tag === 'FOOTER' && !role && isTopLevel(el))) kind = 'footer';
  else if (tag === 'ASIDE' || role === 'complementary') kind = 'aside';
  else if (tag === 'MAIN' || role === 'main') kind = 'main';
  else if ((tag === 'SECTION' || tag === 'ARTICLE' || role === 'region') && ownLabel(el) && !(tag === 'ARTICLE' && labelledRepeat(el, repeats))) kind = 'region';
  if (!kind) return undefined;
  const frame = containerFrameOf(el, kind, parent, repeats);
  if (frame && kind === 'dialog' && frame.section.kind === 'dialog' && !frame.section.says) {
    const says = dialogWords(el, frame.section.title);
    if (says) frame.section = { ...frame.section, says };
  }
  return frame;
}

function containerFrameOf(el: Element, kind: SectionKind, parent: Frame, repeats: RepeatCache): Frame | undefined {
  const label = ownLabel(el);
  // A dialog's form is the dialog: one section, named and kinded as the dialog.
  if (kind === 'form' && !label && parent.section.kind === 'dialog') return { el, section: parent.section, fixed: true, heading: undefined };
  if (kind === 'main') return { el, section: section(label ? titleSlug(label) : 'main', label ?? '', 'main'), fixed: !!label, heading: undefined };
  const named = label && withoutChosenTitle(el, steadyLabel(el, label));
  if (kind === 'region') return { el, section: section(titleSlug(named!), label!, 'region'), fixed: true, heading: undefined };
  if (label) return { el, section: section(notAnotherKind(titleSlug(named!), kind, el), label, kind), fixed: true, heading: undefined };
  // An unnamed form in each item of a list (a product card's "Add to cart") is part of its item, not a section: its
  // controls stay in the list, and cards do not become one section each.
  if (kind === 'form' && !readableToken(idOf(el)) && partInItem(el, parent.el, repeats)) return undefined;
  // A post's own buttons (Discourse's `nav.post-controls` in every post): its item's, not a section of the page's
  // (a footer's columns, each a nav of links, stay sections).
  const inner = parentOf(el);
  if (kind === 'nav' && inner && queryOf(el, 'button, [role=button]') && (partInItem(inner, parent.el, repeats, 'NAV') || inFeedPost(el, parent.el, repeats))) return undefined;
  if (kind === 'dialog' || kind === 'form' || kind === 'search') {
    const heading = innerHeading(el);
    if (heading) return { el, section: section(titleSlug(heading), heading, kind), fixed: true, heading: undefined };
    const id = readableToken(idOf(el)) ?? readableToken(attr(el, 'name'));
    if (id) return { el, section: section(slug(id, 3), '', kind), fixed: true, heading: undefined };
    const around = parent.heading;
    if (around && kind === 'form') return { el, section: section(`${around.name}_form`, around.title, kind), fixed: true, heading: undefined };
    // Two unnamed forms (a header's search, a footer's newsletter) must not merge into one `form`.
    const what = kind === 'form' ? formWords(el) : undefined;
    if (what) return { el, section: section(what.endsWith('form') ? what : `${what}_form`, '', kind), fixed: true, heading: undefined };
  }
  return { el, section: section(kind, '', kind), fixed: true, heading: undefined };
}

/** Names the page's own landmarks take when they have no label, and the elements that are such landmarks. */
const LANDMARK_NAMES: ReadonlyMap<string, string> = new Map([
  ['main', 'main,[role=main]'], ['header', 'header,[role=banner]'], ['footer', 'footer,[role=contentinfo]'],
  ['aside', 'aside,[role=complementary]'], ['nav', 'nav,[role=navigation]'], ['search', 'search,[role=search]'], ['form', 'form,[role=form]'],
]);

/**
 * A landmark labelled with another landmark's name (`<nav aria-label="Main">`) on a page that has that landmark too
 * (a `<main>`) says its kind (`main_nav`): sections of one name are one section, and the page's main actions were the
 * nav's (explorer, session 53). Without such a landmark the name stays (`main__home_link`).
 */
function notAnotherKind(name: string, kind: SectionKind, el: Element): string {
  const other = LANDMARK_NAMES.get(name);
  if (!other || name === kind) return name;
  const found = Array.from(queryAllOf(ownerDocOf(el), other)).slice(0, 20);
  return found.some((at) => at !== el && (!ownLabel(at) || titleSlug(ownLabel(at)!) === name)) ? `${name}_${kind}` : name;
}

/** Class words that say how a thing looks or sits, not what it is (`dr-typography-t5`, `dr-margin-top-30`, `container`). */
const UTILITY_WORD = /^(typography|margin|padding|width|height|display|flex|grid|col|cols|column|row|container|content|wrapper|inner|outer|clearfix|hidden|text|font|color|bg|align|float|position|relative|absolute|center|left|right|top|bottom|small|large|medium|md|sm|lg|xl|xs|dark|light|mt|mb|ml|mr|pt|pb|pl|pr|mx|my|px|py|w|h|d|m|p|u|l|is|has|js)$/;

/**
 * Classes that say a form's state, not what it is: they change as the user types or submits (Angular's `ng-pristine`
 * → `ng-dirty`, Bootstrap's `needs-validation` → `was-validated`, Mailchimp's `validate`).
 */
const STATE_CLASS = /^(ng|v|vee)-|^(was|needs)-validat|^validated?$/i;
const STATE_WORD = /^(dirty|touched|untouched|valid|invalid|pristine|pending|submitted|submitting|active|inactive|open|opened|closed|hidden|visible|shown|show|loading|loaded|busy|disabled|enabled|focused|focus|selected|expanded|collapsed|error|errors|success|failed|done|ready|empty|filled|changed|validate|validated|validation|in|on|off)$/i;

/** The words of a readable class that name what it is: BEM's block (its element when that is not `form`), no site prefix. */
function classWords(name: string): string | undefined {
  if (!readableToken(name) || /^js[-_]/i.test(name) || STATE_CLASS.test(name)) return undefined;
  const [block = '', element = ''] = name.replace(/--.*$/, '').split('__');
  const words = (element && !/^form([-_]|$)/i.test(element) ? element : block).split(/[-_]+/).filter(Boolean);
  // A short site prefix (`dr-`, `c-`, `o-`) says whose, not what.
  if (words.length > 1 && words[0]!.length <= 3 && !/^(add|new|log|buy|pay)$/i.test(words[0]!)) words.shift();
  if (!words.length || words.some((word) => UTILITY_WORD.test(word.toLowerCase()) || STATE_WORD.test(word) || /\d/.test(word))) return undefined;
  return words.join(' ');
}

/**
 * What an unnamed form is for: a search (a search box in it), where it sends (its action's last path part), its class
 * words, else its first field's name. Undefined when nothing says.
 */
function formWords(form: Element): string | undefined {
  if (hasSearchBox(form) || queryOf(form, 'input[name=q],input[name=query],input[name=search]')) return 'search';
  const action = attr(form, 'action');
  if (action) {
    const last = action.split(/[?#]/)[0]!.split('/').filter(Boolean).slice(-1)[0] ?? '';
    const words = slug(last.replace(/\.[a-z0-9]+$/i, '').replace(/([a-z])([A-Z])/g, '$1 $2'), 3);
    if (words && !/^(index|action|post|submit|form|default|php|cgi|bin)$/.test(words) && !/\d/.test(words)) return words;
  }
  const attribute = attr(form, 'class');
  if (attribute) {
    const words = attribute.split(/\s+/).map(classWords).filter((x): x is string => !!x);
    const best = words.find((w) => /form|search|subscri|newsletter|sign|login|log in|contact|comment|reply|filter/i.test(w)) ?? words[0];
    if (best && slug(best, 3)) return slug(best, 3);
  }
  const first = queryOf(form, 'input:not([type=hidden]):not([type=submit]):not([type=button]),select,textarea');
  if (first) {
    // A radio or a box is one choice of a group: the group says what the form asks ("Size", not its first size "Small").
    const choice = tagOf(first) === 'INPUT' && /^(radio|checkbox)$/i.test(attr(first, 'type') ?? '');
    const group = choice ? slug(nameWords(choiceGroupWords(first)), 2) : '';
    if (choice) return group || undefined;
    const name = slug(nameWords(accessibleName(first)), 2) || slug(attr(first, 'placeholder') ?? '', 2) || slug(readableToken(attr(first, 'name')) ?? '', 2);
    if (name) return name;
  }
  return undefined;
}

/**
 * A heading inside a repeated structure (a card's or a result's title) names that item, not a section: some small
 * ancestor is one of at least 3 like siblings that make up most of their parent.
 */
type RepeatCache = Map<Element, Map<string, number>>;
const repeatKey = (el: Element) => `${tagNameOf(el)}.${withoutModifiers(classNameOf(el))}`;

/**
 * A class attribute without the tokens that say an item's state or variant (BEM's `room-card--soldout`, `is-active`):
 * the sold-out room is a card like the others, its title no section (explorer, session 55).
 */
function withoutModifiers(className: string): string {
  let known = modifiersDropped.get(className);
  if (known === undefined) {
    known = className.split(/\s+/).filter((token) => token && !token.includes('--') && !ITEM_STATE_CLASS.test(token)).join(' ');
    if (modifiersDropped.size > 10_000) modifiersDropped.clear();
    modifiersDropped.set(className, known);
  }
  return known;
}
const modifiersDropped = new Map<string, string>();
const ITEM_STATE_CLASS = /^(is|has)-|^(active|selected|current|unread|read|new|odd|even|first|last|disabled|checked|expanded|collapsed|open)$/i;

/**
 * A form (or a nav) that is part of a repeated item: it or a small ancestor (up to 5 levels) is one of at least 3 like
 * siblings (same tag and class) of which at least 3 hold one of their own (product cards, each with an "Add to cart"
 * form; posts, each with a nav of its controls).
 */
function partInItem(part: Element, stop: Element | null, cache: RepeatCache, tag = tagOf(part)): boolean {
  const inner = tag.toLowerCase();
  let node: Element | null = part;
  for (let depth = 0; node && node !== stop && depth < 6; depth++, node = parentOf(node)) {
    const parent: Element | null = parentOf(node);
    if (!parent || moreElementsThan(node, 60)) return false;
    const key = repeatKey(node);
    if (likeCount(node, parent, cache) < 3) continue;
    // Counted once per parent, kind and tag: a thread of 1,500 posts, each with its nav, asks 1,500 times (review, session 52).
    const counts = cache.get(parent)!;
    const holdsKey = `holds ${tag} ${key}`;
    let holding = counts.get(holdsKey);
    if (holding === undefined) {
      holding = Array.from(childrenOf(parent)).filter((sibling) => repeatKey(sibling) === key && (tagOf(sibling) === tag || queryOf(sibling, inner))).length;
      counts.set(holdsKey, holding);
    }
    return holding >= 3;
  }
  return false;
}

/** How many of its parent's children are like `node` (same tag and class), counted once per parent. */
function likeCount(node: Element, parent: Element, cache: RepeatCache): number {
  let counts = cache.get(parent);
  if (!counts) {
    counts = new Map();
    for (const sibling of Array.from(childrenOf(parent))) counts.set(repeatKey(sibling), (counts.get(repeatKey(sibling)) ?? 0) + 1);
    cache.set(parent, counts);
  }
  return counts.get(repeatKey(node)) ?? 0;
}

/**
 * A labelled article that is one of at least 3 like siblings making up most of their parent: a post of a feed (X's
 * `article aria-labelledby` each post), an item of their list, not a section each (explorer, session 52). A document's
 * labelled `<section>`s of one shape (MDN's "Syntax", "Parameters"…) stay sections.
 */
function labelledRepeat(article: Element, cache: RepeatCache): boolean {
  // What repeats may be a box around each (Discourse's `div.topic-post > article[role=region]`), its classes saying
  // more of one post than of another (`topic-owner`): such boxes are alike by tag and first class.
  let el = article;
  for (let up = parentOf(el), steps = 0; up && steps < 2 && childElementCountOf(up) === 1; up = parentOf(up), steps++) el = up;
  const parent = parentOf(el);
  if (!parent || moreElementsThan(article, MAX_REPEAT_ELEMENTS)) return false;
  const keyOf = el === article ? repeatKey : wrapKey;
  // Counted once per parent, into `cache` (read below).
  const same = likeCount(el, parent, cache);
  if (el === article && (same < 3 || same * 2 < childrenOf(parent).length)) return false;
  // Of one shape too: a page's "Orders", "Catalogue" and "Details" sections are like only by tag. Shapes are counted
  // once per parent (a feed of 1,500 posts asks 1,500 times: review, session 52).
  const counts = cache.get(parent)!;
  if (!counts.has(SHAPES_COUNTED)) {
    counts.set(SHAPES_COUNTED, 1);
    for (const sibling of Array.from(childrenOf(parent))) {
      for (const key of [`shape ${repeatKey(sibling)} ${childShape(sibling)}`, `shape ${wrapKey(sibling)} ${childShape(sibling)}`]) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const shaped = counts.get(`shape ${keyOf(el)} ${childShape(el)}`) ?? 0;
  return shaped >= 3 && (el === article || shaped * 2 >= childrenOf(parent).length);
}
const wrapKey = (el: Element) => `wrap ${tagNameOf(el)}.${classNameOf(el).trim().split(/\s+/)[0] ?? ''}`;
const SHAPES_COUNTED = 'shapes counted';
const childShape = (el: Element): string => Array.from(childrenOf(el), tagOf).join(',');
const MAX_REPEAT_ELEMENTS = 250;

/** In a post of a feed (see labelledRepeat) inside `stop`: the post's own part, however big the post. */
function inFeedPost(el: Element, stop: Element | null, cache: RepeatCache): boolean {
  const post = closestOf(el, 'article,[role=article]');
  return !!post && post !== stop && (!stop || containsOf(stop, post)) && labelledRepeat(post, cache);
}

function inRepeat(heading: Element, stop: Element | null, cache: RepeatCache): boolean {
  if (inFeedPost(heading, stop, cache)) return true;
  // Through shadow roots: a card drawn in its own root (`<product-card>`) is a repeat of the grid it is in.
  let node: Element | null = upAcross(heading);
  for (let depth = 0; node && node !== stop && depth < 5; depth++, node = upAcross(node)) {
    const parent: Element | null = parentOf(node);
    if (!parent && rootAbove(node)) continue;
    if (!parent) return false;
    if (moreElementsThan(node, 40)) return false;
    const same = likeCount(node, parent, cache);
    if (same >= 3 && same * 2 >= childrenOf(parent).length) return true;
  }
  return false;
}

/** A live region (`aria-live` polite or assertive, a status or an alert), or in one. */
export const announced = (el: Element): boolean => !!closestOf(el, '[aria-live=polite], [aria-live=assertive], [role=status], [role=alert]');

/**
 * An accordion's header: a heading that is only the button opening its panel (`h3 > button[aria-expanded]`, the ARIA
 * pattern every FAQ uses). It names no section: each question was one, its button named twice over
 * (`can_i_change__can_i_change_plans_button`: explorer, session 52).
 */
function accordionHeader(heading: Element): boolean {
  const [only, ...more] = Array.from(childrenOf(heading));
  return !!only && !more.length && hasAttr(only, 'aria-expanded') && (tagOf(only) === 'BUTTON' || roleOf(only) === 'button')
    && collapse(textContentOf(only)) === collapse(textContentOf(heading));
}

/**
 * A comment's header drawn as a heading: who (a link), a verb, when (`<time>`, GitHub's `<relative-time>`): "mkoval
 * commented May 2". It names that comment, not the section after it (explorer, session 55: the merge box and the
 * comment form were `commented_may_2`'s).
 */
function bylineHeading(heading: Element): boolean {
  const when = queryOf(heading, 'time, relative-time, [datetime]');
  if (!when || !queryOf(heading, 'a[href]')) return false;
  const clone = cloneOf(heading);
  for (const inner of Array.from(queryAllOf(clone, 'a, time, relative-time, [datetime]'))) inner.remove();
  const words = collapse(textContentOf(clone)).split(' ').filter((word) => /\p{L}/u.test(word));
  return words.length >= 1 && words.length <= 3;
}

/**
 * A subtitle: a heading right after a higher one in an `<hgroup>` or a `<header>` (ars-1's deck "Two-year-old bug…"
 * under its headline). The headline names what follows, not the subtitle.
 */
function isSubtitle(el: Element): boolean {
  const tag = tagOf(el);
  const parent = parentOf(el);
  if (!HEADING.test(tag) || !parent || (tagOf(parent) !== 'HGROUP' && tagOf(parent) !== 'HEADER')) return false;
  const before = previousElementOf(el);
  return !!before && HEADING.test(tagOf(before)) && tagOf(before) < tag;
}

/** The section a heading starts, named by its words without what changes as the page lives (a count of its own). */
export function headingSection(el: Element): SectionRef {
  const title = headingText(el);
  return section(titleSlug(withoutChangingWords(el, title, true)), title, 'heading');
}

/**
 * A heading among a listbox's rows groups them ("Today", "Yesterday" over a mail list's messages): it opens no section,
 * whose entries would be renamed by the day (explorer, session 65).
 */
function groupsRows(el: Element): boolean {
  const parent = parentOf(el);
  return !!parent && ROW_GROUP_ROLES.has(roleOf(parent) ?? '');
}

/** A heading's own words: links and buttons inside it (Wikipedia's "[edit]", permalinks ¶) left out unless that is all. */
function headingText(el: Element): string {
  if (!queryOf(el, 'a,button')) return textOf(el, 200);
  const clone = cloneOf(el);
  for (const inner of Array.from(queryAllOf(clone, 'a,button'))) inner.remove();
  const own = collapse(textOf(clone, 200).replace(/\[\s*[|]?\s*\]/g, ' '));
  return own.length >= 2 ? own : textOf(el, 200);
}

/**
 * A page's footer: a `<footer>` or `contentinfo` that is no landmark of its own (inside an article or a `main`), or a
 * block the page calls its footer by id or class (`<div class="footer">`).
 */
const FOOTER_SELECTOR = 'footer,[role=contentinfo],#footer,.footer,#site-footer,.site-footer,.page-footer,.global-footer';
const FOOTER_SECTION: SectionRef = { name: 'footer', title: '', kind: 'footer' };
/** Blocks whose footer is their own. */
const SECTIONING_SELECTOR = 'article,aside,main,nav,section,form,dialog,search,[role=article],[role=complementary],[role=main],[role=navigation],'
  + '[role=region],[role=form],[role=dialog],[role=alertdialog],[role=search]';
/** Sectioning content between a heading and a footer: the footer closes more than the heading's part (google-sre-book-1). */
const SECTION_TAGS = new Set(['SECTION', 'ARTICLE', 'ASIDE', 'NAV']);
const SECTION_ROLES = new Set(['region', 'article', 'complementary', 'navigation']);
const SECTIONING_FRAMES = new Set<SectionKind>(['main', 'nav', 'aside', 'region', 'header', 'footer']);

/** The nearest sectioning element around `el`. */
function blockOf(el: Element): Element | null {
  const parent = parentOf(el);
  return parent ? closestOf(parent, SECTIONING_SELECTOR) : null;
}

/** `el` matches FOOTER_SELECTOR; most elements are told apart by their tag, role, id and class string alone. */
function isFooter(el: Element, tag: string): boolean {
  if (tag !== 'FOOTER' && roleOf(el) !== 'contentinfo' && !idOf(el).includes('footer') && !classNameOf(el).includes('footer')) return false;
  return matchesOf(el, FOOTER_SELECTOR);
}

/** Walked though no control or landmark: a block called a footer by its id or class ends a heading (scopeHeadings). */
function footerByName(el: Element): boolean {
  return (idOf(el).includes('footer') || classNameOf(el).includes('footer')) && matchesOf(el, FOOTER_SELECTOR);
}

/** Footers that say they are the page's. */
const PAGE_FOOTER_SELECTOR = '[role=contentinfo],#footer,#site-footer,.site-footer,.page-footer,.global-footer';
const LANDMARK_SELECTOR = 'nav,aside,main,header,[role=navigation],[role=complementary],[role=main],[role=banner]';
const SHOWN_SELECTOR = 'img,svg,input,button,select,textarea';

/**
 * A card's content before its footer in `outer` (text, a picture, a control), not only wrappers around `el`, nor a
 * page's parts (a nav before the page's footer).
 */
function cardBefore(el: Element, outer: Element): boolean {
  let shown = false;
  for (let node: Element | null = el; node && node !== outer; node = parentOf(node)) {
    for (let prev = previousElementOf(node); prev; prev = previousElementOf(prev)) {
      if (SKIP_TAGS.has(tagOf(prev))) continue;
      if (matchesOf(prev, LANDMARK_SELECTOR) || queryOf(prev, LANDMARK_SELECTOR)) return false;
      shown ||= !!collapse(textContentOf(prev)) || matchesOf(prev, SHOWN_SELECTOR) || !!queryOf(prev, SHOWN_SELECTOR);
    }
  }
  return shown;
}

/**
 * Whether the footer `el` ends the heading in effect (its element `headingEl`): a footer of the page or of a block the
 * heading is only a part of does; the footer of what the heading heads does not (review, session 24: a section
 * panel's Save and Discard, a pricing card's Buy, a comment's Reply had become `footer__…`).
 */
function footerEndsHeading(frame: Frame, el: Element, headingEl: Element | undefined): boolean {
  if (!headingEl || matchesOf(el, PAGE_FOOTER_SELECTOR)) return true;
  // `around`: the nearest element holding both; `inner`: what holds the footer there.
  let inner = el;
  let around = parentOf(el);
  while (around && !containsOf(around, headingEl)) {
    inner = around;
    around = parentOf(around);
  }
  if (!around) return true;
  // A card or panel after the heading (text, then its footer) is the heading's.
  if (inner !== el && cardBefore(el, inner)) return false;
  // Else the footer closes `around`: the heading's when that is the heading's part of the page, the heading first in
  // it, with no sections since (a subsection's heading, v8-blog's "Current status", does not name an article's footer).
  const top = tagOf(around);
  if (top === 'BODY' || top === 'HTML') return true;
  if (frame.sectioned || blockOf(headingEl) !== blockOf(el)) return true;
  return queryOf(around, 'h1,h2,h3,h4,h5,h6,[role=heading]') !== headingEl;
}

/**
 * Headings name what follows them up to the end of the article they are in, or up to a footer: footer links were named
 * after an article's last heading, the boxes after an article after its last section (exploratory test, session 24).
 * The heading in effect before an article comes back after it; a footer's own headings name its parts. Cards (an
 * article or footer one of several like siblings) are left alone: their headings are not sections either. Ancestors
 * are walked before what is in them, so a footer is met (and decided on) before its contents.
 */
function scopeHeadings(frame: Frame, el: Element, tag: string, state: WalkState): void {
  const scopes = (frame.scopes ??= []);
  // Across shadow roots: a component inside an article is still in it.
  while (scopes.length && !composedIn(scopes[scopes.length - 1]!.el, el)) {
    const ended = scopes.pop()!;
    frame.heading = ended.outer;
    frame.headingEl = ended.outerEl;
    frame.linked = undefined;
  }
  if (SECTION_TAGS.has(tag) || SECTION_ROLES.has(roleOf(el) ?? '')) frame.sectioned = true;
  if ((tag === 'ARTICLE' || roleOf(el) === 'article' || (tag === 'SECTION' && !!frame.heading && headsOwnControls(el))) && !inRepeat(el, frame.el, state.repeats)) {
    scopes.push({ el, outer: frame.heading, outerEl: frame.headingEl });
    return;
  }
  if (!frame.heading || frame.heading === FOOTER_SECTION || el === frame.el || !isFooter(el, tag) || inRepeat(el, frame.el, state.repeats)) return;
  if (!footerEndsHeading(frame, el, frame.headingEl)) return;
  scopes.push({ el, outer: frame.heading, outerEl: frame.headingEl });
  frame.heading = FOOTER_SECTION;
  frame.linked = undefined;
}

/**
 * A `<section>` with a heading of its own and controls: the heading names those, not what comes after the section (a
 * shop's "FAQ" section, then its "Checkout" button; explorer, session 45), where a heading before the section takes
 * over again (with none, the section's is still the best name for what follows). A section holding a title alone (a
 * banner before the grid it titles), or with one link beside it, ends nothing.
 */
function headsOwnControls(section: Element): boolean {
  if (!queryOf(section, 'h1,h2,h3,h4,h5,h6,[role=heading]')) return false;
  // A heading with its "See all" link is a title bar for what follows, not a part of its own (review, session 45).
  const controls = Array.from(queryAllOf(section, SECTION_CONTROLS)).slice(0, 2);
  return controls.length > 1 || (controls.length === 1 && !matchesOf(controls[0]!, 'a[href],[role=link]'));
}

const SECTION_CONTROLS = 'a[href],button,input,select,textarea,[role=button],[role=link],[role=checkbox],[role=tab]';

/** The level of a heading, or of the one heading a wrapper holds and little else (a heading bar with its "[edit]"). */
function headingLevel(el: Element): string | undefined {
  const level = (heading: Element) => (roleOf(heading) === 'heading' ? attr(heading, 'aria-level') ?? '2' : tagOf(heading).slice(1));
  if (HEADING.test(tagOf(el)) || roleOf(el) === 'heading') return level(el);
  const inner = queryOf(el, 'h1,h2,h3,h4,h5,h6,[role=heading]');
  const sole = !!inner && queryAllOf(el, 'h1,h2,h3,h4,h5,h6,[role=heading]').length === 1
    && collapse(textContentOf(el)).length <= collapse(textContentOf(inner)).length + 12;
  return sole ? level(inner) : undefined;
}

/**
 * The text a heading is one of several same-level headings of (Wikipedia's article body: its sections' headings and
 * paragraphs side by side): its headings name what follows them up to its end, not what comes after it (the page's
 * categories and "Retrieved from" link after the last section's links were `$external_links__…`). Null for a lone
 * heading (a box's title bar, whose list may follow its wrapper), a title with its subtitle (an article header: the
 * title names the article after it), and where that text is the frame itself (its end ends them anyway).
 */
function textFlowOf(heading: Element, frameEl: Element | null, flows: Map<Element, boolean>, levels: Map<Element, string | null>): Element | null {
  // Once per element: a text's headings each ask about the same parents (a subtree search and its text each time).
  const levelOf = (el: Element) => {
    let level = levels.get(el);
    if (level === undefined) levels.set(el, level = headingLevel(el) ?? null);
    return level ?? undefined;
  };
  let flow = parentOf(heading);
  for (let steps = 0; flow && steps < 3 && levelOf(flow) !== undefined; steps++) flow = parentOf(flow);
  if (!flow || flow === frameEl || tagOf(flow) === 'BODY' || tagOf(flow) === 'HTML') return null;
  let several = flows.get(flow);
  if (several === undefined) {
    const seen = new Set<string>();
    several = false;
    for (const child of childrenOf(flow)) {
      const level = levelOf(child);
      if (level === undefined) continue;
      if (seen.has(level)) {
        several = true;
        break;
      }
      seen.add(level);
    }
    flows.set(flow, several);
  }
  return several ? flow : null;
}

/** Controls that make a block more than a title bar. */
const BLOCK_CONTROLS = 'a[href],button,input:not([type=hidden]),select,textarea,[role=button],[role=link],[role=checkbox],[role=switch],[role=tab]';

/**
 * The block a lone heading (not a page's title) heads with what follows it inside, controls among them, named for what
 * it says (a video page's `#comments` with its "Comments" heading and the comments): the heading names no more than
 * it, not the next column (the up-next videos beside were `comments__…`; explorer, session 53). A title bar still
 * names what follows its wrapper.
 */
function blockOfHeading(heading: Element, frameEl: Element | null, levels: Map<Element, string | null>): Element | null {
  if (tagOf(heading) === 'H1' || attr(heading, 'aria-level') === '1') return null;
  let block = parentOf(heading);
  for (let steps = 0; block && steps < 3; steps++) {
    let level = levels.get(block);
    if (level === undefined) levels.set(block, level = headingLevel(block) ?? null);
    if (level === null) break;
    block = parentOf(block);
  }
  if (!block || block === frameEl || tagOf(block) === 'BODY' || tagOf(block) === 'HTML') return null;
  // Only a block named for what the heading says (`#comments` under "Comments", `div.reviews` under "Reviews (12)"), by
  // a whole word of its id or class (not `product-info` under "Production").
  // The block's words first: most blocks have none, and the heading's text is not read for them.
  const words = `${idOf(block)} ${classNameOf(block)}`.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).map((part) => part.replace(/s$/, ''));
  if (!words.length) return null;
  const word = /\p{L}{4,}/u.exec(collapse(textContentOf(heading)))?.[0]?.toLowerCase().replace(/s$/, '');
  if (!word || !words.includes(word)) return null;
  // And holding items after it: controls inside two or more of its children (a title bar's own "Write a review"
  // button and sort select, or one toolbar of them, are no items; the list after the bar is the heading's).
  const holders = new Set<Element>();
  for (const control of Array.from(queryAllOf(block, BLOCK_CONTROLS)).slice(0, 40)) {
    if (containsOf(heading, control) || !(comparePosition(heading, control) & 4)) continue;
    let child: Element | null = control;
    while (child && parentOf(child) !== block) child = parentOf(child);
    if (child && child !== control && !containsOf(child, heading)) holders.add(child);
    if (holders.size >= 2) return block;
  }
  return null;
}

function sectionFor(frame: Frame): SectionRef {
  return frame.fixed || !frame.heading ? frame.section : frame.heading;
}

/** A link's page: its address without the fragment ("/Articles/637533/#Comments" is /Articles/637533/), or ''. */
function pageOf(link: Element, address?: string): string {
  const href = address ?? attr(link, 'href');
  if (!href || href.startsWith('#')) return '';
  try {
    const url = new URL(href, ownerDocOf(link).baseURI);
    return /^https?:$/.test(url.protocol) ? `${url.origin}${url.pathname}${url.search}` : '';
  } catch {
    return '';
  }
}

const levelOf = (heading: Element): number => Number(headingLevel(heading) ?? 7) || 7;

/**
 * Keeps the heading that links to a page (an article's title on a news front) while the subheadings under it come: a
 * heading of its level or above ends it.
 */
function noteLinkedHeading(frame: Frame, heading: Element): void {
  const level = levelOf(heading);
  if (frame.linked && level <= frame.linked.level) frame.linked = undefined;
  const link = queryOf(heading, 'a[href]');
  const page = link ? pageOf(link) : '';
  // Not a site's name linking home (a logo heading over every section), nor a link to this very page.
  if (!page || frame.linked || /^https?:\/\/[^/]+\/(?:index\.[a-z]+)?$/i.test(page) || page === pageOf(ownerDocOf(heading).documentElement, ownerDocOf(heading).URL)) return;
  frame.linked = { ref: frame.heading!, level, page, block: parentOf(heading) };
}

/**
 * A link to the page the article's title links to, under one of the article's subheadings (lwn-1's "Comments (3
 * posted)" after the QGIS article's "Maps in, maps out"), is the article's: `$mapping_and_data__comments_link`, not
 * `$maps_in_maps__comments_link`. Any other link is in the section it is in.
 */
function linkSection(link: Element, frame: Frame): SectionRef {
  const own = sectionFor(frame);
  const linked = frame.linked;
  if (!linked || own === linked.ref || own !== frame.heading || !frame.headingEl || levelOf(frame.headingEl) <= linked.level) return own;
  if (linked.block && (!containsOf(linked.block, link) || !containsOf(linked.block, frame.headingEl))) return own;
  return pageOf(link) === linked.page ? linked.ref : own;
}

/**
 * A message right after a form (a sign-up's "Welcome…", a comment form's "Posted", an address form's "Missing: city")
 * says how that form went: it is in the form's section. Any other is in the section it is in.
 */
function messageSection(el: Element, frame: Frame, state: WalkState): SectionRef {
  const before = previousElementOf(el);
  const form = before ? state.frames.get(before) : undefined;
  return form && (form.section.kind === 'form' || form.section.kind === 'search') ? form.section : sectionFor(frame);
}

/** A frame whose document we cannot reach (another origin, a sandbox): `contentDocument` is null while it has a window. */
function foreignFrame(el: Element): boolean {
  try {
    return (el as HTMLIFrameElement).contentDocument === null && (el as HTMLIFrameElement).contentWindow !== null;
  } catch {
    return true;
  }
}

function frameDocument(el: Element): Document | undefined {
  try {
    const doc = (el as HTMLIFrameElement).contentDocument;
    return doc?.documentElement ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** Light children the walk met in a slot, with that slot (where the browser has no `assignedSlot`, as happy-dom). */
let slotOf = new WeakMap<Element, Element>();

/** The element's parent in the rendered (flat) tree: its slot, its parent, or its shadow root's host. */
function flatParent(el: Element): Element | null {
  return (!assignedSlotOf(el) && slotOf.get(el)) || flatParentOf(el);
}

/**
 * Whether the element has a box. Real layout answers through `checkVisibility` (display, closed details, unslotted
 * light children, content-visibility); without layout (happy-dom) the flat-tree ancestors' styles and attributes do.
 */
type Rendered = (el: Element) => boolean;

function renderedWithLayout(el: Element): boolean {
  // Up a chain of `display: contents` wrappers (no box of their own; their children may be shown), in a loop: a
  // page can nest thousands of them.
  for (let at: Element | null = el, steps = 0; at && steps < MAX_UPWARD_STEPS; at = flatParent(at), steps++) {
    if (checkVisibilityOf(at) !== false) return true;
    if (styleOf(at)?.display !== 'contents') return false;
  }
  return true;
}

/** `boundary`: a hidden tab panel read as its own view; what hides the panel itself does not count. */
function renderedWithoutLayout(cache: Map<Element, boolean>, boundary?: Element): Rendered {
  // Whether an element is shown decides from it upwards; the chain is walked in a loop (thousands of levels deep
  // must not overflow the stack), then every element on it learns the answer.
  const own = (el: Element): boolean | 'parent' => {
    if (hidesSubtree(el, styleOf(el))) return false;
    const parent = flatParent(el);
    if (!parent) return true;
    // A host's light child that no slot shows is not rendered.
    if (shadowOf(parent) && parentOf(el) === parent) return false;
    if (tagOf(parent) === 'DETAILS' && !hasAttr(parent, 'open') && tagOf(el) !== 'SUMMARY') return false;
    return 'parent';
  };
  return (el: Element): boolean => {
    const chain: Element[] = [];
    let shown = true;
    for (let at: Element | null = el; at && chain.length < MAX_UPWARD_STEPS; at = flatParent(at)) {
      if (at === boundary) break;
      const known = cache.get(at);
      if (known !== undefined) {
        shown = known;
        break;
      }
      chain.push(at);
      const decided = own(at);
      if (decided !== 'parent') {
        shown = decided;
        break;
      }
    }
    for (const at of chain) cache.set(at, shown);
    return shown;
  };
}

interface WalkState {
  candidates: Candidate[];
  tables: TableRef[];
  frames: Map<Element, Frame>;
  repeats: RepeatCache;
  limits: WalkLimits;
  start: number;
  /** Elements left in the node budget. */
  budget: number;
  visited: number;
  steps: number;
  truncated: WalkResult['truncated'];
  sheets: SheetCache;
  /** The page's key facts (facts.ts): read as messages where the walk meets them. */
  facts: Map<Element, FactKind>;
  /** Boxes of label/value pairs drawn with classes (pair-boxes.ts): read as tables where the walk meets them. */
  pairBoxes: Set<Element>;
  /** Per root: its pointer rules and the elements they match (a root's slotted subtrees are walked one by one). */
  pointers: Map<Document | ShadowRoot, { opaque: boolean; pointed: Set<Element>; hovered: Set<Element>; revealed: Set<Element> }>;
  /** Light elements walked where their slot shows them: the light pass skips them. */
  slotted: Set<Element>;
  /** Per parent of a heading: whether it holds several headings side by side (textFlowOf). */
  flows: Map<Element, boolean>;
  /** headingLevel of the elements textFlowOf asked about (null: none). */
  levels: Map<Element, string | null>;
  /** Per root cut by the node budget: its first element not counted (nor read). */
  cutoffs: Map<Document | ShadowRoot, Element>;
  /** Text boxes named by their combobox wrapper. */
  namedBy: Map<Element, Element>;
  foreignFrames: string[];
  modal: boolean;
  /** Messages met so far (messages.ts: MAX_WALKED_MESSAGES). */
  messages: number;
  /** Per root: the collapsed toggles by what they show (togglesOf). */
  toggles: Map<Document | ShadowRoot, Toggles>;
  /** Per root: whether any element in it matches HIDDEN_SELECTOR. */
  hiding: Map<Document | ShadowRoot, boolean>;
}

/** How one document answers layout questions (an iframe's document has its own). */
interface View {
  layout: boolean;
  rendered: Rendered;
  /** Reading a tab panel that is not shown: the panel, and the tab that shows it. */
  panel?: { el: Element; via: Element };
  /** Open modal dialogs (`showModal()`, and drawn ones: drawn-modals.ts) of this document: a person can use only what is inside one. */
  modals: Element[];
  /** Of those, the ones the page draws (nothing inert behind them: what is on top outside them stays usable). */
  drawnModals?: ReadonlySet<Element>;
  /** The whole document is behind a modal dialog (a frame outside the modal dialog of the page around it). */
  blocked: boolean;
  /** What is clipped away (out-of-sight.ts). */
  clips: ClipCache;
}

const KEY_HINT = /\b(?:alt|ctrl|control|shift|cmd|command|meta|option|opt)\s*\+\s*\S+/gi;

/** A section's name from its title; a count in brackets ("Inbox (3)") is left out, or every name in it would change with it. */
function titleSlug(title: string): string {
  // A key to reach it ("Notifications alt+T", Sonner's toaster) is no part of its name.
  title = title.replace(KEY_HINT, ' ');
  // A count before one word ("12 Answers", "3 comments") is left out too: the 13th answer renamed every control under
  // it (explorer, session 49).
  const words = nameWords(title).replace(STEP_NUMBER, '').replace(COUNT_OF_ONE_WORD, '').replace(COUNT_AFTER, '');
  return slug(words, 3) || slug(nameWords(title), 3) || slug(title, 3);
}

/**
 * A step's number before its title ("Step 1: Your details", "Step 2 of 3 – Payment"): no part of the name, which then
 * says what the step is and stays when steps are added (explorer, session 41: `step_1_your`). Only with a mark between
 * them: "Phase 2 trials", "Part 2 of the series", "2. Bundesliga" are titles of their own (review, session 42).
 */
/** A count before one word, not a year ("2024 results"). */
const COUNT_OF_ONE_WORD = /^\s*(?![12]\d{3}\s)\d(?:[\d,.]*\d)?\s+(?=\p{L}+\s*$)/u;
/** A count said after what is counted ("Lisbon: 431 properties found"): it changes with every filter (explorer, session 52). */
const COUNT_AFTER = /(?<=\p{L})\s*[:–—-]\s*\d[\d,.]*\s+\p{L}+(?:\s+(?:found|available|matching|shown|listed))?\s*$/u;
const STEP_NUMBER = /^\s*(?:step|part|stage|phase)\s*\d+(?:\s*(?:of|\/)\s*\d+)?\s*[:.)\u2013\u2014-]\s*(?=\p{L})/iu;

/**
 * A tab panel and the tab that shows it (`aria-labelledby` → a tab, or a wrapper holding one tab — BBC labels its
 * panels by an `<li role=presentation>` around the `<a role=tab>`; or a tab whose `aria-controls` names it).
 */
function tabOf(panel: Element): Element | undefined {
  for (const id of (attr(panel, 'aria-labelledby') ?? '').split(/\s+/).filter(Boolean)) {
    const tab = byId(panel, id);
    if (!tab) continue;
    if (roleOf(tab) === 'tab') return tab;
    const inner = queryAllOf(tab, '[role=tab]');
    if (inner.length === 1) return inner[0];
  }
  if (!idOf(panel)) return undefined;
  const root = rootNodeOf(panel) as Document | ShadowRoot;
  for (const tab of Array.from(queryAllOf(root, '[role=tab][aria-controls]'))) {
    if ((attr(tab, 'aria-controls') ?? '').split(/\s+/).includes(idOf(panel))) return tab;
  }
  return undefined;
}

/** The hidden-for-everyone ancestor of `el` (itself included), below the panel a view reads. */
function hiddenIn(el: Element, view: View): Element | null {
  const hidden = closestOf(el, HIDDEN_SELECTOR);
  if (!hidden || !view.panel || !containsOf(hidden, view.panel.el)) return hidden;
  for (let node: Element | null = el, steps = 0; node && node !== view.panel.el && steps < MAX_UPWARD_STEPS; node = parentOf(node), steps++) if (matchesOf(node, HIDDEN_SELECTOR)) return node;
  return null;
}

/**
 * The collapsed toggles of a root (`aria-expanded=false`) by what they show: by the ids they control (`aria-controls`),
 * or, for one that says none, by the element right after it that says it is a menu or a collapse and holds controls —
 * its next sibling (Bootstrap's `.dropdown-toggle` before its `.dropdown-menu`) or, for the last of a row, its row's
 * (MUI's "show more" before its Collapse; explorer, session 46). Not a combobox's: its options are chosen through it (`select()`).
 */
function togglesOf(root: Document | ShadowRoot, state: WalkState): Toggles {
  let toggles = state.toggles.get(root);
  if (toggles) return toggles;
  toggles = new Map();
  for (const toggle of safeQueryAll(root, '[aria-expanded=false]')) {
    if (!opensAView(toggle)) continue;
    const controls = attr(toggle, 'aria-controls');
    if (controls !== null) {
      for (const id of controls.split(/\s+/)) if (id && !toggles.has(id)) toggles.set(id, toggle);
      continue;
    }
    const panel = nextElementOf(toggle) ?? (parentOf(toggle) ? nextElementOf(parentOf(toggle)!) : null);
    // Only a panel that says it is one (a menu, a collapse, a dropdown): a hidden post after a "Share" button is not.
    if (panel && !toggles.has(panel) && saysPanel(panel) && queryOf(panel, PANEL_CONTROLS)) toggles.set(panel, toggle);
  }
  state.toggles.set(root, toggles);
  return toggles;
}

const PANEL_CLASS = /(?:^|[^a-z])(?:menu|dropdown|collapse|collapsible|popover|popup|submenu|flyout|drawer|accordion|expand|expandable|disclosure)|Menu|Dropdown|Collapse|Popover|Drawer/;
const PANEL_ROLES: ReadonlySet<string> = new Set(['menu', 'menubar', 'region', 'group']);

/** An element that says it is what a toggle shows: by its role (a menu, a region) or its class. */
function saysPanel(el: Element): boolean {
  return PANEL_ROLES.has(roleOf(el) ?? '') || PANEL_CLASS.test(attr(el, 'class') ?? '');
}

/** By the id a toggle controls, or by the element it shows (a toggle that says none). */
type Toggles = Map<string | Element, Element>;
const PANEL_CONTROLS = 'a[href], button, input, select, textarea, [role=menuitem], [role=button], [role=link], [role=option]';

const POPUP_ROLES = new Set(['listbox', 'tree', 'grid', 'dialog', 'alertdialog']);

/**
 * A toggle whose panel is a view: not a combobox nor a box typed into (its list is chosen through it), nor a button
 * that pops up a list box, a grid or a dialog (a custom select, a date picker), nor a link that goes somewhere (a mega
 * menu's "Products" link: clicking it leaves the page; review, session 45).
 */
function opensAView(toggle: Element): boolean {
  const tag = tagOf(toggle);
  if (roleOf(toggle) === 'combobox' || tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return false;
  if (POPUP_ROLES.has(attr(toggle, 'aria-haspopup') ?? '')) return false;
  const href = tag === 'A' ? attr(toggle, 'href') : null;
  return href === null || href === '' || /^\s*(?:#|javascript:)/i.test(href);
}

/**
 * Whether `el` is what a collapsed `toggle` shows, now out of sight (hidden, not rendered, transparent or shut to no
 * height) while the toggle is in sight: its controls are a view of the page, reached by clicking the toggle. A popup
 * list of options or a dialog is not (chosen through its combobox; opened by what opens it).
 */
function shownByToggle(el: Element, toggle: Element, hidden: Element | null, view: View): boolean {
  if (POPUP_ROLES.has(roleOf(el) ?? '') || tagOf(el) === 'DIALOG' || containsOf(el, toggle) || queryOf(el, '[role=listbox],[role=grid],[role=tree]')) return false;
  const concealed = hidden === el || (!hidden && (!view.rendered(el) || (view.layout && concealedBox(el, view.clips))));
  const toggleShown = view.layout ? reachable(toggle, view) : view.rendered(toggle) && !hiddenIn(toggle, view);
  return concealed && toggleShown && !blockedByModal(toggle, view);
}

/**
 * Whether `el` is invisible only through `panel` (or above it): walking up, the first element that is invisible while
 * its parent is not is the panel or an ancestor of it, never a box inside the panel.
 */
function hiddenWith(el: Element, panel: Element): boolean {
  let at: Element = el;
  for (let steps = 0; steps < MAX_UPWARD_STEPS; steps++) {
    if (at === panel) return true;
    const parent = flatParent(at);
    if (!parent) return true;
    const visibility = styleOf(parent)?.visibility;
    if (visibility !== 'hidden' && visibility !== 'collapse') return false;
    at = parent;
  }
  return false;
}

function standsInForItsControl(label: Element, view: View): boolean {
  let control: Element | null;
  try {
    control = (label as HTMLLabelElement).control;
  } catch {
    return false;
  }
  return !!control && labelStandIn(control, (at) => reachable(at, view)) === label;
}

/** Where a person could see and click it: rendered, visible, not hidden for assistive technology, of some size. */
function reachable(el: Element, view: View): boolean {
  if (!view.rendered(el) || checkVisibilityOf(el, { visibilityProperty: true }) === false || hiddenIn(el, view)) return false;
  const rect = rectOf(el);
  if (rect.width <= 0 && rect.height <= 0) return false;
  return !view.layout || !outOfSight(el, false, view.clips);
}

function viewOf(doc: Document, blocked = false): View {
  const layout = hasLayout(doc);
  const { modals, drawn } = openModals(doc, layout);
  return { layout, rendered: layout ? renderedWithLayout : renderedWithoutLayout(new Map()), modals, drawnModals: drawn, blocked, clips: new Map() };
}


/**
 * The document's open modal dialogs: `<dialog>`s shown with `showModal()` (`:modal`; an engine without the selector, as
 * happy-dom, has none) and the shown elements that say they are one (`role=dialog`/`alertdialog` with
 * `aria-modal=true`: Bootstrap's, Radix's, MUI's modals, drawn over the page with a backdrop that takes the clicks;
 * explorer, session 44: their page behind was offered first, its "Delete" before the dialog's).
 */
function openModals(doc: Document, layout: boolean): { modals: Element[]; drawn: ReadonlySet<Element> } {
  let native: Element[] = [];
  try {
    native = Array.from(queryAllOf(doc, 'dialog:modal'));
  } catch {
    // No `:modal` here.
  }
  const drawn = drawnModals(doc, layout, native);
  return { modals: [...native, ...drawn], drawn: new Set(drawn) };
}

/** Whether `el` is in `outer`, across shadow roots. */
function composedIn(outer: Element, el: Element): boolean {
  for (let at: Element | null = el, hops = 0; at && hops < MAX_UPWARD_STEPS; hops++) {
    if (containsOf(outer, at)) return true;
    const root = rootNodeOf(at);
    at = nodeTypeOf(root) === 11 ? (root as ShadowRoot).host : null;
  }
  return false;
}

/** Behind a modal dialog: a person cannot use it until the dialog closes (the browser makes it inert, a backdrop covers it). */
function blockedByModal(el: Element, view: View): boolean {
  if (view.blocked) return true;
  if (!view.modals.length || view.modals.some((modal) => composedIn(modal, el))) return false;
  // Behind drawn modals only: what is on top where it is (a listbox the dialog opened at the body's end) is usable.
  return !(view.layout && view.modals.every((modal) => view.drawnModals?.has(modal)) && onTop(el));
}

/** The origin of a frame we cannot read, for the document's note ('an opaque origin' for sandboxed and data: frames). */
function frameOrigin(el: Element): string {
  const src = attr(el, 'src');
  try {
    const origin = new URL(src ?? '', ownerDocOf(el).baseURI).origin;
    return origin && origin !== 'null' ? origin : 'an opaque origin';
  } catch {
    return 'an opaque origin';
  }
}

function walkRoot(root: Document | ShadowRoot, top: Element, base: Frame, state: WalkState, view: View): void {
  const isDocument = nodeTypeOf(root) === 9;
  walkElements(root, isDocument ? top : undefined, isDocument ? byTagOf(top, '*') : queryAllOf(root, '*'), base, state, view);
}

/**
 * Over the node budget, the part of it kept for the shadow roots and same-origin frames among the elements the budget
 * reaches: what they hold, up to half of it. Otherwise a long light DOM would use it all and an app inside a shadow
 * root (a cart, a player) would not be read at all.
 */
function nestedReserve(all: ArrayLike<Element>, budget: number): number {
  let nested = 0;
  const reach = Math.min(all.length, budget);
  for (let i = 0; i < reach && nested < budget / 2; i++) {
    const el = all[i]!;
    const shadow = shadowOf(el);
    if (shadow) nested += queryAllOf(shadow, '*').length;
    else if (tagOf(el) === 'IFRAME' || tagOf(el) === 'FRAME') {
      const inner = frameDocument(el);
      nested += inner ? byTagOf(inner, '*').length : 0;
    }
  }
  return Math.min(nested, Math.floor(budget / 2));
}

/** The slotted element `el` is inside (below `first`, the walk's own start), if any. */
function slottedAround(el: Element, first: Element | undefined, slotted: Set<Element>): Element | undefined {
  for (let at = parentOf(el), steps = 0; at && at !== first && steps < MAX_UPWARD_STEPS; at = parentOf(at), steps++) if (slotted.has(at)) return at;
  return undefined;
}

/** The index of the first of `all` (document order) that is `cutoff` or comes after it. */
function firstAtOrAfter(all: ArrayLike<Element>, cutoff: Element): number {
  let low = 0;
  let high = all.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const el = all[mid]!;
    if (el === cutoff || comparePosition(cutoff, el) & Node.DOCUMENT_POSITION_FOLLOWING) high = mid;
    else low = mid + 1;
  }
  return low;
}

const MAX_POINTER_SELECTORS = 3_000;

/**
 * What a person can use, found by one native query where the node budget stopped the walk (session 22): 100,000 rows
 * added by a script, or a select of 50,000 options, hid every control after them. Controls, the containers that name
 * their sections, and headings.
 */
const LATE_SELECTOR = ['a[href]', 'button', 'input:not([type=hidden])', 'select', 'textarea', 'summary', 'iframe', 'frame',
  'dialog', 'search', 'form', 'nav', 'header', 'footer', 'aside', 'main', 'section[aria-label]', 'section[aria-labelledby]',
  'article[aria-label]', 'article[aria-labelledby]', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', '[contenteditable]', '[tabindex]', '[onclick]',
  ...['button', 'link', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'checkbox', 'radio', 'switch', 'combobox', 'textbox',
    'searchbox', 'slider', 'spinbutton', 'dialog', 'alertdialog', 'form', 'search', 'navigation', 'banner', 'contentinfo', 'main',
    'complementary', 'region', 'heading'].map((role) => `[role=${role}]`)].join(',');
/** Elements past the node budget read that way, at most (in document order). */
const MAX_LATE_ELEMENTS = 1_000;

/** The elements of LATE_SELECTOR at or after `cutoff` (document order) within `scope`, at most MAX_LATE_ELEMENTS. */
function lateElements(scope: Element | Document | ShadowRoot, cutoff: Element): Element[] {
  let found: ArrayLike<Element>;
  try {
    found = queryAllOf(scope, LATE_SELECTOR);
  } catch {
    return [];
  }
  const from = firstAtOrAfter(found, cutoff);
  const out: Element[] = [];
  for (let i = from; i < found.length && out.length < MAX_LATE_ELEMENTS; i++) out.push(found[i]!);
  return out;
}

/**
 * Walks `first` (the document's body, a slotted element) if given, then `all` (its or the root's elements, in
 * document order) with the container stack starting at `base`.
 */
function walkElements(root: Document | ShadowRoot, first: Element | undefined, all: ArrayLike<Element>, base: Frame, state: WalkState, view: View,
  /** The elements were already counted against the node budget (a hidden tab panel, slotted light children). */
  recounted = false): void {
  const total = all.length + (first ? 1 : 0);
  let counted = recounted ? total : Math.min(total, state.budget);
  if (!recounted && total > state.budget) {
    state.truncated = 'nodes';
    counted -= nestedReserve(all, state.budget);
  }
  if (recounted) {
    // Counted by the pass over their root: up to where that pass was cut, not past it.
    const cutoff = state.cutoffs.get(root);
    if (cutoff && first && (first === cutoff || comparePosition(cutoff, first) & Node.DOCUMENT_POSITION_FOLLOWING)) return;
    const uncounted = cutoff ? firstAtOrAfter(all, cutoff) : all.length;
    if (uncounted < all.length) {
      state.truncated = 'nodes';
      counted = uncounted + (first ? 1 : 0);
    }
  } else if (counted - (first ? 1 : 0) < all.length && counted > 0) {
    state.cutoffs.set(root, all[Math.max(0, counted - (first ? 1 : 0))]!);
  }
  if (counted <= 0) return;
  if (!recounted) {
    state.visited += counted;
    state.budget -= counted;
  }
  // A page's body (where page-wide click handlers and cursors live) is never an entry; a slotted element may be.
  const top = first && (first === ownerDocOf(first).body || first === ownerDocOf(first).documentElement) ? first : undefined;

  const outOfTime = () => state.limits.now() - state.start > state.limits.maxMs;
  let pointer = state.pointers.get(root);
  if (!pointer) {
    const rules = pointerSelectors(root, state.sheets, { outOfTime, rules: 0 });
    // A read that spent its time on the style sheets stops here, marked, like any other.
    if (rules.stopped || outOfTime()) {
      state.truncated = 'time';
      if (!recounted) state.visited -= counted;
      return;
    }
    // So many pointer rules that matching them all costs more than reading the elements' computed cursors.
    if (rules.selectors.length > MAX_POINTER_SELECTORS) {
      rules.selectors = [];
      rules.opaque = true;
    }
    // Hover-only pointer rules: trusted for a few elements (cards, rows); a rule as broad as `div:hover` says nothing.
    const hovered = rules.hover.length ? safeQueryAll(root, rules.hover.join(',')) : [];
    const revealed = rules.reveal.length ? safeQueryAll(root, rules.reveal.join(',')) : [];
    pointer = {
      opaque: rules.opaque, pointed: new Set(rules.selectors.length ? safeQueryAll(root, rules.selectors.join(',')) : []),
      hovered: new Set(hovered.length <= MAX_HOVER_POINTED ? hovered : []),
      revealed: new Set(revealed.length <= MAX_HOVER_REVEALED ? revealed : []),
    };
    state.pointers.set(root, pointer);
  }
  const { pointed, hovered, revealed } = pointer;
  // Most pages hide nothing by attribute: one query then spares each element its own upward search (hiddenIn).
  let hiddenAny = state.hiding.get(root);
  if (hiddenAny === undefined) state.hiding.set(root, hiddenAny = !!queryOf(root, HIDDEN_SELECTOR));
  // One pass in document order: what the walk looks at, shadow hosts, and where a style sheet cannot be read, every
  // element where a pointer cursor begins (outside links and buttons, whose insides are theirs).
  const order: Element[] = first ? [first] : [];
  const toggles: Toggles = view.panel ? new Map() : togglesOf(root, state);
  /** Elements walked only as what a collapsed toggle shows. */
  const toggledOnly = new Set<Element>();
  const limit = Math.min(all.length, first ? counted - 1 : counted);
  let opaqueInside: Element | null = null;
  for (let i = 0; i < limit; i++) {
    // Where style sheets cannot be read this pass reads computed styles: the read's clock bounds it too.
    if (pointer.opaque && (i & 255) === 255 && outOfTime()) {
      state.truncated = 'time';
      if (!recounted) state.visited -= counted - i;
      return;
    }
    const el = all[i]!;
    const tag = tagOf(el);
    if (WALKED_TAGS.has(tag) || shadowOf(el) || pointed.has(el) || hovered.has(el) || walkedByAttributes(el)) {
      order.push(el);
      if (pointer.opaque && (tag === 'A' || tag === 'BUTTON')) opaqueInside = el;
    } else if (pointer.opaque && !NO_POINTER_TAGS.has(tag) && !(opaqueInside && containsOf(opaqueInside, el)) && (tag.charCodeAt(0) < 97 || tag === 'svg')
      && styleOf(el)?.cursor === 'pointer' && styleOf(flatParent(el) ?? el)?.cursor !== 'pointer') {
      order.push(el);
      pointed.add(el);
    } else if (hasAttrs(el) && footerByName(el)) {
      order.push(el);
    } else if (toggles.size && (toggles.has(el) || (hasAttrs(el) && toggles.has(idOf(el))))) {
      order.push(el);
      toggledOnly.add(el);
    } else if ((state.facts.size && state.facts.has(el)) || (state.pairBoxes.size && state.pairBoxes.has(el))) {
      order.push(el);
    }
  }
  // Cut by the node budget: the controls after the cut (and what names their sections) are still read.
  if (!recounted && limit < all.length) order.push(...lateElements(first ?? root, all[limit]!));

  const stack: Frame[] = [base];
  let skip: Element | null = null;
  /** Reads `el`, not shown, as a view of the page that `via` shows (its elements counted already); the walk skips it. */
  const readAsView = (el: Element, via: Element) => {
    while (stack.length > 1 && !containsOf(stack[stack.length - 1]!.el!, el)) stack.pop();
    walkElements(root, el, byTagOf(el, '*'), stack[stack.length - 1]!, state,
      { layout: false, rendered: renderedWithoutLayout(new Map(), el), panel: { el, via }, modals: view.modals, blocked: view.blocked, clips: view.clips }, true);
    skip = el;
  };
  /** The ARIA item the walk is inside (see ITEM_KINDS), and its name once needed. */
  let item: { el: Element; name: string | undefined } | null = null;
  /** The message the walk is inside: a live region in it is part of its text, not a message of its own. */
  let message: Element | null = null;
  for (const el of order) {
    if ((++state.steps & 63) === 0 && outOfTime()) {
      state.truncated = 'time';
      // Elements read: this root's up to here (counted once, at the stop).
      if (!recounted) state.visited -= counted - Math.max(0, Math.min(counted, Array.prototype.indexOf.call(all, el) as number));
      return;
    }
    if (skip) {
      if (containsOf(skip, el)) continue;
      skip = null;
    }
    // Shown through a slot: walked there, in the shadow tree's sections — with everything inside it (a slotted
    // plain `div` is not in this walk's order, its buttons are).
    if (state.slotted.has(el) && el !== first) {
      skip = el;
      continue;
    }
    if (state.slotted.size && el !== first) {
      const holder = slottedAround(el, first, state.slotted);
      if (holder) {
        skip = holder;
        continue;
      }
    }
    const hidden = hiddenAny ? hiddenIn(el, view) : null;
    // A tab panel that is not shown is another view of this page: its elements are read, marked with the tab that
    // shows them, so a script may name them (the runtime clicks the tab first).
    if (!view.panel && roleOf(el) === 'tabpanel' && (hidden === el || (!hidden && !view.rendered(el)))) {
      const via = tabOf(el);
      if (via) {
        readAsView(el, via);
        continue;
      }
    }
    // What a collapsed toggle (a menu button, an accordion's header) shows is a view too, one click away.
    const toggle = toggles.size ? toggles.get(el) ?? (idOf(el) ? toggles.get(idOf(el)) : undefined) : undefined;
    if (toggle && shownByToggle(el, toggle, hidden, view)) {
      readAsView(el, toggle);
      continue;
    }
    if (toggledOnly.has(el)) continue;
    const tag = tagOf(el);
    // A box hidden by its own `hidden` or `aria-hidden` may be drawn by its label (below); an inert one is unusable.
    const ownlyHidden = hidden === el && tag === 'INPUT' && view.layout && !hasAttr(el, 'inert');
    // A card's link laid over the whole card and hidden from screen readers (Airbnb's `a[aria-hidden=true][tabindex=-1]`
    // over a listing): how a pointer opens the card; where no other link leads there, a script's only way too.
    const overlay = hidden === el && tag === 'A' && view.layout && soleLinkThere(el);
    if ((hidden && !ownlyHidden && !overlay) || (tag === 'INPUT' && (el as HTMLInputElement).type === 'hidden')) {
      skip = hidden ?? el;
      continue;
    }
    while (stack.length > 1 && !containsOf(stack[stack.length - 1]!.el!, el)) stack.pop();

    const opened = containerOf(el, stack[stack.length - 1]!, state.repeats);
    if (opened) {
      if (!view.rendered(el) && !shownOnHover(el, revealed, view)) {
        skip = el;
        continue;
      }
      // A landmark after a heading (a nav, google-sre-book-1's `role=main` inside `<main>`) is a section between it and a footer too.
      if (SECTIONING_FRAMES.has(opened.section.kind)) stack[stack.length - 1]!.sectioned = true;
      stack.push(opened);
      state.frames.set(el, opened);
    }
    const frame = stack[stack.length - 1]!;
    if (!frame.fixed) scopeHeadings(frame, el, tag, state);
    if ((HEADING.test(tag) || roleOf(el) === 'heading') && view.rendered(el) && !inRepeat(el, frame.el, state.repeats) && !isSubtitle(el)) {
      const title = headingText(el);
      // A picker's month ("June 2026") names no section: the picker's names would change with every month turned.
      // Nor a count of results ("1-16 of over 5,000 results for …"): the list says it (count-said.ts). Nor the title of
      // the item chosen in a list (a chat's person, an open mail's subject): it changes as another is chosen.
      // Nor a heading the page announces as it changes (`aria-live`: Booking's "Lisbon: 1,034 properties found"; explorer,
      // session 63: every entry of the results was `lisbon__…`, renamed by the next search).
      if (title && !monthOfCalendar(el, title) && !saysCount(title) && !titleOfChosen(el, title) && !accordionHeader(el) && !bylineHeading(el) && !announced(el)
        && !groupsRows(el) && !hiddenInCell(el)) {
        const flow = textFlowOf(el, frame.el, state.flows, state.levels) ?? blockOfHeading(el, frame.el, state.levels);
        if (flow && !frame.scopes?.some((scope) => scope.el === flow)) {
          (frame.scopes ??= []).push({ el: flow, outer: frame.heading, outerEl: frame.headingEl });
        }
        // Its name without what changes as the page lives: a count in an element of its own ("<span>1,532</span>
        // Comments" is `comments`; explorer, session 48), as a control's name is.
        frame.heading = headingSection(el);
        frame.headingEl = el;
        frame.sectioned = false;
        noteLinkedHeading(frame, el);
      }
    }

    // Tables, and description lists and boxes of label/value pairs (data-tables.ts, pair-boxes.ts).
    if ((tag === 'TABLE' || tag === 'DL' || TABLE_ROLES.has(roleOf(el) ?? '') || state.pairBoxes.has(el)) && view.rendered(el) && !blockedByModal(el, view)) {
      state.tables.push({ el, at: state.candidates.length, section: sectionFor(frame), ...(view.panel ? { via: view.panel.via } : {}) });
    }
    let kind = kindOf(el);
    // ARIA 1.1 combobox: the role sits on a wrapper around its one text box, which is the entry (named by the
    // wrapper when it has no name of its own). Any other combobox (a button-like one holding a hidden input) stays.
    const box = kind === 'combobox' && localNameOf(el) !== 'input'
      ? soleTextBox(el, (inner) => view.rendered(inner) && styleOf(inner)?.visibility !== 'hidden') : undefined;
    const wrapper = !!box;
    if (box) {
      kind = undefined;
      if (!accessibleName(box)) state.namedBy.set(box, el);
    }
    if (item && !containsOf(item.el, el)) item = null;
    // A link with no address made a tab stop or given a click handler is a script's control (FullCalendar's events,
    // `<a class="fc-event" tabindex="0">`); a named anchor is none.
    if (!kind && tag === 'A' && !hasAttr(el, 'href') && (Number.parseInt(attr(el, 'tabindex') ?? '', 10) >= 0 ? !hasAttr(el, 'name') : !!attr(el, 'onclick')?.trim())
      && focusStopOnly(el)) kind = 'clickable';
    if (!kind && !wrapper && el !== top && tag !== 'LABEL' && !NATURALLY_FOCUSABLE.has(tag) && !isDataGridCell(el)) {
      const tabindex = Number.parseInt(attr(el, 'tabindex') ?? '', 10);
      // Hosts and exposed parts may get their cursor from rules we did not read (`:host`, `::part()`).
      const mayPoint = pointed.has(el) || shadowOf(el) || hasAttr(el, 'part') || attr(el, 'style')?.includes('cursor');
      // A collapsed part that opens when clicked, though no tab stop: Gmail's folded messages of a thread
      // (`role=listitem aria-expanded=false tabindex=-1`).
      const folded = tabindex === -1 && attr(el, 'aria-expanded') === 'false';
      if (((tabindex >= 0 || folded) && focusStopOnly(el)) || hasAttr(el, 'onclick') || (mayPoint && startsPointer(el)) || (hovered.has(el) && startsPointerOnHover(el))) kind = 'clickable';
    }
    if (!kind && !wrapper && el !== top && hasAttr(el, 'aria-current') && currentPlace(el)) {
      // A wizard's step among steps that are no links: which step this is, read-only (clicking it does nothing).
      if (!view.panel && stepAmongWords(el)) {
        state.candidates.push({ el, kind: 'message', section: sectionFor(frame), landmark: frame.section, inViewport: undefined, fact: 'step' });
        continue;
      }
      kind = 'link';
    }
    // A checkbox, radio or file input the page hides to draw its own box or button: its shown label stands in for it.
    const standIn = (kind === 'checkbox' || kind === 'radio' || kind === 'switch' || kind === 'file_input') && view.layout ? labelStandIn(el, (at) => reachable(at, view)) : null;
    if (ownlyHidden && !standIn) {
      skip = el;
      continue;
    }
    // A label made a button (`role=button`) that stands in for its hidden file input or box: the input is the entry.
    if (kind && tag === 'LABEL' && view.layout && standsInForItsControl(el, view)) kind = undefined;
    if (kind) {
      const drawn = standIn ?? el;
      // The common case, shown and visible, costs one call; styles are read only to tell the others apart.
      // Seen (visible and not transparent) is the common case: one call tells; else a second tells visible from that.
      const seen = view.layout && checkVisibilityOf(drawn, { visibilityProperty: true, opacityProperty: true }) !== false;
      const visible = seen || (view.layout && checkVisibilityOf(drawn, { visibilityProperty: true }) !== false);
      // A row's button shown while the row is pointed at: where the row is.
      const pointedAt = visible ? null : shownOnHover(drawn, revealed, view);
      if (!visible && !pointedAt && !view.rendered(drawn)) {
        skip = el;
        continue;
      }
      const visibility = visible || pointedAt ? 'visible' : styleOf(drawn)?.visibility;
      // In a view, the panel's own `visibility: hidden` (MUI's Collapse) is how it is shut, not its controls'.
      const shown = (visibility !== 'hidden' && visibility !== 'collapse') || (!!view.panel && hiddenWith(drawn, view.panel.el));
      let inViewport: boolean | undefined;
      if (shown && view.layout) {
        const rect = rectOf(pointedAt && !view.rendered(drawn) ? pointedAt : drawn);
        if (rect.width === 0 && rect.height === 0 && styleOf(el)?.display !== 'contents') kind = undefined;
        else if (outOfSight(drawn, seen, view.clips)) {
          skip = el;
          continue;
        } else {
          const win = ownerDocOf(el).defaultView;
          inViewport = !!win && rect.bottom > 0 && rect.right > 0 && rect.top < win.innerHeight && rect.left < win.innerWidth;
        }
      }
      if (kind && shown && item && item.el !== el && !ITEM_KINDS.has(kind)) {
        item.name ??= accessibleName(item.el);
        const own = accessibleName(el);
        // Only a control that is the item again (its only text): a tab's "Close" button is one of its own.
        if (!own || own.toLowerCase() === item.name.toLowerCase()) kind = undefined;
      }
      const namedBy = state.namedBy.get(el);
      if (kind && shown && blockedByModal(el, view)) kind = undefined;
      if (kind && shown) state.candidates.push({ el, kind, section: kind === 'link' ? linkSection(el, frame) : sectionFor(frame), landmark: frame.section, inViewport, ...(view.panel ? { via: view.panel.via } : {}), ...(namedBy ? { namedBy } : {}) });
      // A link's or a button's insides (icons, spans) are part of it: nothing there is a separate entry; but a card made
      // a button by its role may hold buttons of its own (a route's "Details": explorer, session 51), as an item does.
      const holds = !!kind && (kind === 'button' || kind === 'link') && !NATURALLY_FOCUSABLE.has(tag) && !!queryOf(el, OWN_CONTROLS);
      if (kind && NO_DESCEND_KINDS.has(kind) && !holds) skip = el;
      else if (kind && (ITEM_KINDS.has(kind) || holds) && !item) item = { el, name: undefined };
    } else if (!wrapper && el !== top && !(message && containsOf(message, el)) && isMessageElement(el) && view.rendered(el)
      && state.messages < MAX_WALKED_MESSAGES) {
      // A message is read whether a modal is open or not (a toast saying why the dialog's Save failed: review, session 44).
      // Read-only, and walked into: the controls of a chat log or of a status line ("Undo") stay entries.
      message = el;
      state.messages++;
      state.candidates.push({ el, kind: 'message', section: messageSection(el, frame, state), landmark: frame.section, inViewport: undefined, ...(view.panel ? { via: view.panel.via } : {}) });
    } else if (!kind && !view.panel && state.facts.has(el) && view.rendered(el) && !(message && containsOf(message, el))
      && (!view.layout || checkVisibilityOf(el, { visibilityProperty: true, opacityProperty: true }) !== false)) {
      state.candidates.push({ el, kind: 'message', section: sectionFor(frame), landmark: frame.section, inViewport: undefined, fact: state.facts.get(el)! });
    }

    if (tag === 'IFRAME' || tag === 'FRAME') {
      skip = el;
      const inner = frameDocument(el);
      if (inner && view.rendered(el)) {
        const title = attr(el, 'title') ?? attr(el, 'name') ?? inner.title ?? '';
        const framed: Frame = { el, section: section(slug(title, 3) || 'frame', title, 'frame'), fixed: false, heading: undefined };
        state.frames.set(el, framed);
        walkRoot(inner, inner.body ?? inner.documentElement, framed, state, viewOf(inner, blockedByModal(el, view)));
      } else if (!inner && !view.panel && foreignFrame(el) && view.rendered(el) && !blockedByModal(el, view)) {
        // Another origin's frame: shown, but its content is not ours to read. The document says so (a note).
        const rect = view.layout ? rectOf(el) : undefined;
        // Not a tracking pixel or a hidden beacon (a 1 px frame is 5 px with its border): a frame someone could use.
        if (!rect || (rect.width >= 10 && rect.height >= 10)) state.foreignFrames.push(frameOrigin(el));
      }
    } else if (shadowOf(el) && skip !== el && view.rendered(el)) {
      walkRoot(shadowOf(el)!, el, frame, state, view);
    } else if (tag === 'SLOT') {
      // What the slot shows (the host's light children) belongs here: in this shadow tree's order and sections.
      for (const shown of (el as HTMLSlotElement).assignedElements?.({ flatten: true }) ?? []) {
        if (state.slotted.has(shown)) continue;
        state.slotted.add(shown);
        slotOf.set(shown, el);
        const light = rootNodeOf(shown) as Document | ShadowRoot;
        walkElements(nodeTypeOf(light) === 9 || nodeTypeOf(light) === 11 ? light : root, shown, byTagOf(shown, '*'), frame, state, view, true);
        if (state.truncated === 'time') return;
      }
    }
    if (state.truncated === 'time') return;
  }
}

/**
 * A heading for screen readers only inside a table's cell (GitHub's `<h2 class="sr-only">Latest commit</h2>` in the first
 * row of a repository's files): it names that cell's part, not the rest of the page (explorer, session 66: the files and
 * all below were `latest_commit__…`).
 */
const hiddenInCell = (el: Element): boolean => Array.from(classListOf(el)).some((name) => VISUALLY_HIDDEN.test(name))
  && !!closestOf(el, 'td, th, [role=cell], [role=gridcell]');

/** Levels above a link looked through for another link to the same place, and links in one of them at most. */
const MAX_OVERLAY_LEVELS = 6;
const MAX_LINKS_AROUND = 40;

/** An `aria-hidden` link laid over a card (nothing around it hidden) that no shown link near it leads to the same place as. */
function soleLinkThere(el: Element): boolean {
  const href = attr(el, 'href');
  if (!href || attr(el, 'aria-hidden') !== 'true' || hasAttr(el, 'hidden') || hasAttr(el, 'inert')) return false;
  const parent = parentOf(el);
  if (!parent || closestOf(parent, HIDDEN_SELECTOR)) return false;
  // Laid over the card: no words of its own, or placed on top of it (BBC's hidden "is sponsored by" advert link is neither).
  if (/[\p{L}\p{N}]/u.test(textContentOf(el) ?? '') && styleOf(el)?.position !== 'absolute') return false;
  let at = parentOf(el);
  for (let level = 0; at && level < MAX_OVERLAY_LEVELS; level++, at = parentOf(at)) {
    const links = queryAllOf(at, 'a[href]');
    if (links.length > MAX_LINKS_AROUND) break;
    for (const link of Array.from(links)) if (link !== el && attr(link, 'href') === href && !closestOf(link, HIDDEN_SELECTOR)) return false;
  }
  return true;
}

/** Each page selector was checked on its own; together they should parse too. */
function safeQueryAll(root: Document | ShadowRoot, selector: string): Element[] {
  try {
    return Array.from(queryAllOf(root, selector));
  } catch {
    return [];
  }
}

/** Where a hidden `el` appears while the pointer is on that element (a row's Delete: the row), or null. */
function shownOnHover(el: Element, revealed: ReadonlySet<Element>, view: View): Element | null {
  if (!revealed.size || !view.layout) return null;
  return pointedHost(el, (at) => revealed.has(at), flatParent, (at) => view.rendered(at) && checkVisibilityOf(at, { visibilityProperty: true }) !== false);
}

/** An element a hover-only rule gives a pointer: its parent has none at rest, and it says something. */
function startsPointerOnHover(el: Element): boolean {
  const parent = flatParent(el);
  if (parent && styleOf(parent)?.cursor === 'pointer') return false;
  return !!textOf(el, 40);
}

/** Where a pointer cursor begins: the element has one, its parent not, and it says something. */
function startsPointer(el: Element): boolean {
  if (styleOf(el)?.cursor !== 'pointer') return false;
  const parent = flatParent(el);
  if (parent && styleOf(parent)?.cursor === 'pointer') return false;
  return !!textOf(el, 40);
}

export function walk(doc: Document, limits: WalkLimits): WalkResult {
  const page: Frame = { el: null, section: section('page', '', 'page'), fixed: false, heading: undefined };
  const state: WalkState = {
    candidates: [], tables: [], frames: new Map(), repeats: new Map(), flows: new Map(), levels: new Map(), limits, start: limits.now(), budget: limits.maxNodes,
    visited: 0, steps: 0, truncated: undefined, sheets: new WeakMap(), pointers: new Map(), slotted: new Set(), cutoffs: new Map(), namedBy: new Map(), toggles: new Map(),
    foreignFrames: [], modal: false, messages: 0, facts: new Map(), pairBoxes: new Set(), hiding: new Map(),
  };
  slotOf = new WeakMap();
  rememberChosenItems();
  const top = doc.body ?? doc.documentElement;
  if (top) {
    const view = viewOf(doc);
    state.modal = view.modals.length > 0;
    // Not behind a modal: what the page says under it is not what the dialog asks.
    if (!state.modal) state.facts = factsOf(doc);
    state.pairBoxes = pairBoxesOf(doc);
    for (const box of recordBoxesOf(doc, state.pairBoxes)) state.pairBoxes.add(box);
    walkRoot(doc, top, page, state, view);
  }
  return {
    candidates: state.candidates, tables: state.tables, visited: Math.min(state.visited, limits.maxNodes), truncated: state.truncated, frames: state.frames,
    foreignFrames: state.foreignFrames, modal: state.modal,
  };
}

export { accessibleName };
