/** The readable part of an entry's name, from its label and kind (build.ts; the executor checks list items by it). */
import type { ElementEntry } from './types.ts';
import { byId, iconName, labelledBy, textOf } from './dom.ts';
import { htmlTag as htmlTagOf, roleOf, takesTyping } from './classify.ts';
import { shownIconWords } from './icon-words.ts';
import { withoutChosenTitle } from './chosen-items.ts';
import { MARKED_KINDS, TEST_HOOKS, WHEN, collapse, escapeRegExp, nameWords, numbersIn, readableToken, slug, withoutFieldMark, withoutNumbers } from './text.ts';
import { attr, classListOf, classNameOf, closestOf, hasAttr, idOf, nextElementOf, nodeTypeOf, ownerDocOf, previousSiblingOf, queryAllOf, queryOf, tagNameOf, textContentOf } from './dom-safe.ts';

const KIND_SUFFIX: Partial<Record<ElementEntry['kind'], string>> = {
  button: 'button', link: 'link', tab: 'tab', menuitem: 'menuitem', option: 'option', switch: 'switch',
};

/**
 * A legend's words, without the choice it shows after a colon in an element of its own (Shopify's Dawn: "Color:
 * <span>Slate Blue</span>"): that part changes as the user picks, names must not (explorer, session 44:
 * `color_slate_crimson` for a swatch named Crimson).
 */
export function legendWords(legend: Element, max = 80): string {
  const text = withoutHints(legend, textOf(legend, max), max);
  const colon = text.indexOf(':');
  if (colon <= 0) return text;
  const after = collapse(text.slice(colon + 1));
  const shown = Array.from(legend.children).some((child) => collapse(textOf(child, max)) === after);
  return after && shown ? collapse(text.slice(0, colon)) : text;
}

/** A hint drawn beside a group's words, in an element of its own: "Required", "(optional)", "Choose up to 3". */
const GROUP_HINT = /^\(?\s*(?:required|optional|\*|(?:choose|select|pick)\s+(?:up\s+to|at\s+(?:least|most)|any|one|all|\d).*|(?:up\s+to|at\s+(?:least|most)|max(?:imum)?|min(?:imum)?)\s+\d.*)\s*\)?$/i;

/**
 * A legend's words without the hints beside them ("Size <span>Required</span>", "Extras <span>Choose up to 3</span>"):
 * they named every option (`size_required_small`, `extras_choose_up`: explorer, session 56).
 */
function withoutHints(legend: Element, text: string, max: number): string {
  let out = text;
  for (const child of Array.from(legend.children)) {
    const words = collapse(textOf(child, max));
    if (words && GROUP_HINT.test(words)) out = out.replace(words, ' ');
  }
  out = withoutFieldMark(out).replace(/\s*\((?:choose|select|pick)\s[^()]*\)\s*$/i, '');
  return /[\p{L}\p{N}]/u.test(out) ? collapse(out) : text;
}

/** An instruction before what a group is ("Choose a shipping method" is the shipping method: `choose_a_standard…`). */
const INSTRUCTION = /^\s*(?:please\s+)?(?:choose|select|pick(?!\s+up\b))\s+(?:(?:a|an|the|your|one)\s+)?(?=\p{L})/iu;
/** Without its instruction, unless nothing is left but a word such as "one" ("Select one" says only that). */
const withoutInstruction = (words: string): string => {
  const rest = words.replace(INSTRUCTION, '');
  return /^\s*(?:a|an|the|your|one|option|below)?\s*[:.]?\s*$/i.test(rest) ? words : rest;
};

/** What a group of radios or boxes asks: its fieldset's legend, its group's label, else the controls' `name`. */
export function choiceGroupWords(el: Element): string {
  const fieldset = closestOf(el, 'fieldset');
  const legend = fieldset ? queryOf(fieldset, 'legend') : null;
  if (legend) return withoutInstruction(legendWords(legend));
  const group = closestOf(el, '[role=radiogroup],[role=group]');
  if (group) return withoutInstruction(labelledBy(group) ?? attr(group, 'aria-label') ?? '');
  return readableToken(attr(el, 'name')) ?? '';
}

/** A part of a choice's label that titles it: a class that says so, or bold words, or a heading. */
const TITLE_CLASS = /(?:^|[-_])(?:title|name|heading|headline)(?:$|[-_])|[-_]label(?:$|[-_])|[a-z](?:Title|Name|Label|Heading)$/;
const TITLE_TAGS: ReadonlySet<string> = new Set(['STRONG', 'B', 'H2', 'H3', 'H4', 'H5', 'H6']);

/**
 * The title of a choice drawn as a card, where its label says more after it (`radio-card__title` "Standard" before
 * "5–7 business days" and "Free"): the name, for the rest changes with the day and the basket (explorer, session 57:
 * `shipping_method_standard_5_7_business`). Only a title its label starts with ("I agree to the <b>Terms</b>" has none).
 */
function choiceTitle(el: Element): string | undefined {
  const box = htmlTagOf(el) === 'INPUT' ? (el as HTMLInputElement).labels?.[0] : el;
  if (!box) return undefined;
  const whole = textOf(box, 200);
  for (const part of Array.from(queryAllOf(box, '*')).slice(0, 20)) {
    const words = textOf(part, 80);
    // Not a wrapper around all its words.
    if (!words || part === el || words === whole) continue;
    const titled = TITLE_TAGS.has(tagNameOf(part).toUpperCase()) || classNameOf(part).split(/\s+/).some((token) => TITLE_CLASS.test(token));
    // A wrapper of the title and more (a card's body around its title and description): what is in it.
    if (!titled && queryOf(part, '*')) continue;
    // The first part with words: a title if it is one, says words (not "$5.99") and its label says more.
    return titled && /\p{L}{2}/u.test(words.replace(PRICE, ' ')) && whole.startsWith(words) && whole.length > words.length + 1 ? words : undefined;
  }
  return undefined;
}

function radioGroup(el: Element): string {
  const fieldset = closestOf(el, 'fieldset');
  const legend = fieldset ? queryOf(fieldset, 'legend') : null;
  if (legend) return withoutInstruction(legendWords(legend));
  const group = closestOf(el, '[role=radiogroup]');
  if (group) return withoutInstruction(labelledBy(group) ?? attr(group, 'aria-label') ?? '');
  return attr(el, 'name') ?? '';
}

/** Words that say a control's state, not what it is ("Read selected", "Home (current)"). */
const STATE_WORDS = /^\(?\s*(selected|current|current page|active|pressed|checked|following|followed|recommended|subscribed)\s*\)?$/i;
const STATE_SAID_AFTER = /(?:\s*[,;]|\s+[–—-])\s*(?:(?:not\s+)?(?:answered|unanswered|current|flagged|visited|unvisited|completed|incomplete|done|selected|unselected|read|unread|saved|unsaved|skipped|locked|unlocked)|(?:currently\s+)?sorted\s+(?:ascending|descending)(?:\s+order)?|\d[\d,.]*\s+(?:(?:new|unread)\s+)?(?:new|unread|notifications?|messages?|reactions?|votes?|likes?|replies|reply|comments?))[\s,.;]*$/i;
/**
 * A sort said at the end of a header's words, with no comma before it ("Views sorted descending", "Name (ascending)"),
 * an arrow drawn after it too ("Order <span class=sr-only>sorted descending</span>▼": explorer, session 57).
 */
const SORTED_AT_END = /\s*\(?\s*(?:(?:currently\s+)?sorted\s+|sort\s+)?(?:in\s+)?(?:ascending|descending)(?:\s+order)?\s*\)?[\s▲▼△▽▴▾↑↓⬆⬇⇅↕]*$/iu;
/** A cart's count after it ("Cart, 2 items"; not "Gift box, 6 items", a product's). */
const CART_SAYS = /(?<=\b(?:cart|basket|bag|trolley)\s*)(?:[,:–—-]\s*|\(\s*)\d[\d,.]*\s+items?\s*\)?\s*$/i;
/** How many a filter's box finds, said after a colon or in brackets ("Free cancellation: 812 properties": Booking's). */
const COUNT_SAID_AFTER = /\s*(?::|\()\s*\d[\d,.]*\+?\s+\p{L}+\s*\)?\s*$/u;
/** A toggle's state said after what it is ("Autoplay is on"): it changes as the user flips it. */
const TOGGLE_SAYS = /\s+is\s+(?:on|off|enabled|disabled)\s*$/i;
/** Classes that hide text from the eye and keep it for screen readers. */
export const VISUALLY_HIDDEN = /^(sr-only|sr-text|visually-?hidden|visuallyhidden|u-visually-hidden|off-?screen|screen-?reader-(text|only)|a11y-hidden|hidden-visually|assistive-text|element-invisible)$/i;

/** Two states of one toggle: the same word, or the word and its "-ed"/"-d"/"-ing" form (Follow / Following). */
function twoStates(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return /^[\p{L}]{3,}$/u.test(x) && (y === x || [`${x}ed`, `${x}d`, `${x}ing`, `${x.replace(/e$/, '')}ing`].includes(y));
}

const VERSION_BEFORE = /(?:^|[^\p{L}])(?:version|release|v)\s*$/iu;
/** Words a number after which says which one, not how many. */
const NUMBERED_BY = /(?:^|[^\p{L}])(?:version|release|v|day|week|step|chapter|part|round|season|episode|lesson|level|stage|phase|module|unit|volume|act|scene|room|floor|gate|sprint|quarter|question|exercise|lecture|game|match|table)\s*$/iu;

/**
 * A number in an element of its own that is an identifier, not a count, and stays in the name: prefixed by `#`/`№`
 * ("Issue <span>#48</span>") or a version ("<span>2.4.1</span>", or any number right after "version", "release" or
 * "v": "Download version <span>2.4</span>"); in a heading (`ordinals`), also after a word that numbers things ("Day
 * <span>1</span>", "Step <span>2</span>": review, session 49, three days' sections were one `day`, their Book buttons
 * `book_button_2`, `_3`). A control's stays out ("Chapter <span>9</span>" as the next chapter's link: its target tells
 * twins apart, and its name stays as the reader moves on).
 */
function identifierNumber(number: string, label: string, ordinals: boolean): boolean {
  if (/^[#№]/.test(number) || /^\d+(?:\.\d+){2,}$/.test(number)) return true;
  const at = label.indexOf(number);
  return at > 0 && (ordinals ? NUMBERED_BY : VERSION_BEFORE).test(label.slice(0, at));
}

/**
 * A label with what changes as the page lives taken off: state words in visually hidden text ("Read<span
 * class=sr-only> selected</span>") or in brackets on a control in that state ("Home (current)"), the second label of
 * a toggle made of two sibling elements (`<span>Follow</span><span>Following</span>`), and the numbers a page renders
 * into elements of their own (a count `<span>941</span>`, a rank) or into visually hidden text ("with 51 posters
 * participating"). Visible words are never cut ("Hide checked" stays whole when pressed), and a number in the words
 * themselves ("Chapter 7", "Issue #48", "Sales 2024") is what the control is, and stays; so does an identifier in its
 * own element (identifierNumber). Names so never depend on a sibling control or on a count. Where nothing but state
 * words and numbers is left, the words come back, the numbers not ("Following <span>3</span>" is `following`).
 */
/**
 * An amount of money: a currency sign or code beside a number ("€24,50", "$1,299.00", "24.50 EUR", "12 zł"); a number
 * before a sign that starts another amount is no amount ("Thu, Mar 13 $241" is the 13th: explorer, session 53).
 */
const CURRENCY_CODE = '(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|zł|kr)';
const PRICE = new RegExp(`[$€£¥₹₩₽]\\s?\\d[\\d.,]*(?:\\s?${CURRENCY_CODE}\\b)?|\\b${CURRENCY_CODE}\\s?\\d[\\d.,]*|\\b\\d[\\d.,]*\\s?(?:[$€£¥₹₩₽]|${CURRENCY_CODE}\\b)(?!\\d)`, 'gu');

/**
 * A number in a part of its own at the end of a box's label that counts (a filter's "3 stars <span class=cnt>118</span>"),
 * not one the box chooses ("EU <span>42</span>", "Bedrooms <span>2</span>", its value): said by a class that counts, or
 * after other words that hold their own number (review, session 52).
 */
function labelCount(box: Element, part: Element, words: string, label: string): boolean {
  const said = collapse(label);
  if (!said.endsWith(words) || words === String((box as HTMLInputElement).value ?? '')) return false;
  return COUNT_CLASS.test(attr(part, 'class') ?? '') || /\d/.test(said.slice(0, said.length - words.length));
}
const COUNT_CLASS = /(?:^|[-_\s])(?:count|counts|cnt|badge|num|hits|results|facet-count|total)(?:$|[-_\s])/i;

/** How many new things a feed has to show ("Show 35 posts", "See 3 new messages": X's banner): it grows as they come. */
const NEWS_COUNT = /^\s*(?:show|see|load|view|read)\s+(\d[\d,.]*)\s+(?:new\s+|more\s+)?(?:posts?|tweets?|stories|story|messages?|replies|reply|comments?|updates?|notifications?|items?|articles?)\s*$/i;
const MORE_COUNT = /(?:^|\s)\+?(\d[\d,.]*)\s+more\b/i;

/** A control that is on or off (a switch, a check box, a toggle button). */
function toggles(el: Element): boolean {
  const type = htmlTagOf(el) === 'INPUT' ? String((el as HTMLInputElement).type).toLowerCase() : '';
  return type === 'checkbox' || ['switch', 'checkbox'].includes(attr(el, 'role') ?? '') || hasAttr(el, 'aria-pressed') || hasAttr(el, 'aria-checked');
}

export function withoutChangingWords(el: Element, label: string, ordinals = false): string {
  let out = withoutChosenTitle(el, label);
  const drop = (words: string) => {
    const at = out.toLowerCase().lastIndexOf(words.toLowerCase());
    if (at >= 0) out = `${out.slice(0, at)} ${out.slice(at + words.length)}`;
  };
  const numbers = new Set<string>();
  if (/[\s(]/.test(out)) {
    // A box's label is its words too: a filter's count in a part of its own ("3 stars 118": explorer, session 52).
    // Only at its end: "<span>2</span> guests" and "<span>5</span> stars" are what the boxes choose.
    const labels = htmlTagOf(el) === 'INPUT' ? Array.from((el as HTMLInputElement).labels ?? []).slice(0, 2) : [];
    const inLabel = new Set(labels.flatMap((at) => Array.from(queryAllOf(at, '*')).slice(0, 40)));
    for (const inner of [...Array.from(queryAllOf(el, '*')).slice(0, 40), ...inLabel]) {
      const words = collapse(textContentOf(inner));
      if (!words || (inLabel.has(inner) && !labelCount(el, inner, words, out))) continue;
      const hidden = Array.from(classListOf(inner)).some((c) => VISUALLY_HIDDEN.test(c));
      if (hidden && STATE_WORDS.test(words)) drop(words);
      // A number, or a change counted in signed numbers ("+12 −4": a file's lines added and removed; explorer, session 50).
      else if (hidden || /^[#№]?\d[\d,.]*\+?$/.test(words) || /^(?:[+\-−]\d[\d,.]*\s*)+$/u.test(words)) {
        for (const number of numbersIn(words)) if (hidden || !identifierNumber(number, label, ordinals)) numbers.add(number);
      } else {
        const next = nextElementOf(inner);
        const second = next ? collapse(textContentOf(next)) : '';
        if (second && twoStates(words, second)) drop(second);
      }
    }
  }
  // A control that shows only a count its label says with what it counts ("42" labelled "View all 42 members"): the
  // count changes as the page lives (explorer, session 50).
  const shown = collapse(textContentOf(el));
  // Only "all N things" ("9 UK", "3 stars", "Show 50 results per page" are what their buttons choose: review, session 50).
  if (/^\d[\d,.]*$/.test(shown) && shown !== label && new RegExp(`\\ball\\s+${shown.replace(/[.]/g, '\\.')}\\s+\\p{L}`, 'iu').test(label)) numbers.add(shown);
  // How many more a control shows ("+2 more": a month's day with more events than it draws): it changes as they come.
  const more = MORE_COUNT.exec(label) ?? NEWS_COUNT.exec(label);
  if (more) numbers.add(more[1]!);
  const stated = attr(el, 'aria-selected') === 'true' || attr(el, 'aria-pressed') === 'true' || attr(el, 'aria-checked') === 'true'
    || (attr(el, 'aria-current') ?? 'false') !== 'false';
  if (stated) {
    const trailing = /\s*\(\s*(selected|current|current page|pressed|checked)\s*\)\s*$/i.exec(out);
    if (trailing) out = out.slice(0, trailing.index);
  }
  // A box's value its label says after what it is ("Destination Ferry Building, San Francisco, CA"): it changes as the
  // user types (explorer, session 51: `destination_ferry_building_san`). Only dropped, never said.
  // Typed text only (a radio's `value` is no shown value: "Crimson" is no "Crims" + "on"), after a word's end.
  const typed = htmlTagOf(el) === 'INPUT' && takesTyping(el) ? collapse(String((el as HTMLInputElement).value ?? '')) : '';
  if (typed.length >= 2 && out.toLowerCase().endsWith(typed.toLowerCase())) {
    const before = out.slice(0, out.length - typed.length);
    if (/\p{L}/u.test(before) && /[\s:,–—-]$/u.test(before)) out = before.replace(/[\s:,–—-]+$/u, '');
  }
  // A column header's sort said for screen readers ("Views sorted descending", no comma before it): it changes with
  // every click on the header (explorer, session 55: `views_sorted_descending_button`).
  if (SORTED_AT_END.test(out) && closestOf(el, 'th, [role=columnheader], [aria-sort]')) {
    const unsorted = out.replace(SORTED_AT_END, '');
    if (/\p{L}/u.test(unsorted)) out = unsorted;
  }
  // A state said after a comma ("Question 3, unanswered": a quiz's question buttons): it changes as the user goes on.
  const said = STATE_SAID_AFTER.exec(out) ?? CART_SAYS.exec(out) ?? (toggles(el) ? TOGGLE_SAYS.exec(out) ?? COUNT_SAID_AFTER.exec(out) : null);
  if (said && /\p{L}/u.test(out.slice(0, said.index))) out = out.slice(0, said.index);
  // A price in a button's words ("Add to bag – €24,50"): it changes with the options chosen (explorer, session 44).
  const priced = out.replace(PRICE, ' ');
  if (priced !== out && /\p{L}/u.test(priced)) out = priced.replace(/[\s–—-]+$/u, '');
  const counted = withoutNumbers(out, numbers);
  if (/[\p{L}\p{N}]/u.test(counted)) return counted;
  const worded = withoutNumbers(label, numbers);
  return /[\p{L}\p{N}]/u.test(worded) ? worded : label;
}

/**
 * What a link with no words of its own says by where it goes (spiceworks: an author's picture, `alt=""`, was
 * `…__link`): its address's last part with words (a file's without its extension), with the one before it when that
 * is a single word (`/user/about/` → "user about"); ids, hashes and numbers are no words. A site's root is `home`,
 * another site's root its name (`medium.com/` → "medium"). Nothing for in-page anchors, scripts, mail and phone links.
 */
function pathWords(el: Element): string {
  const href = attr(el, 'href');
  if (!href || /^\s*(#|javascript:)/i.test(href)) return '';
  let url: URL;
  try {
    url = new URL(href, ownerDocOf(el).baseURI);
  } catch {
    return '';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
  const parts = url.pathname.split('/').filter(Boolean).map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  // A part's words, letters only (`2020`, `7` and a route's `p` are dropped); none from an id or a hash (`fb39f4f701bb`).
  const words = (part: string | undefined): string[] => {
    const bare = part?.replace(/\.[a-z0-9]{1,5}$/i, '') ?? '';
    if (!/^\p{L}[\p{L}\p{N}_-]*$/u.test(bare) || /(?=[a-z]*\d)[a-z0-9]{6,}/i.test(bare.replace(/[-_]/g, ' '))) return [];
    // A video's `dQwAbCdEfGh`: case switching back and forth, no separators.
    if (!/[-_]/.test(bare) && (bare.match(/\p{Ll}\p{Lu}/gu)?.length ?? 0) >= 2) return [];
    return bare.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').split(/[-_\s]+/).filter((word) => /^\p{L}{2,}$/u.test(word));
  };
  for (let i = parts.length - 1; i >= 0; i--) {
    const last = words(parts[i]);
    if (last.length) return (last.length === 1 && i > 0 ? [...words(parts[i - 1]), ...last] : last).join(' ');
  }
  if (parts.length) return '';
  const here = ownerDocOf(el).location;
  if (here && url.origin === here.origin) return 'home';
  const host = url.hostname.replace(/^www\./, '').split('.');
  return host.length >= 2 && readableToken(host[host.length - 2]) ? host[host.length - 2]! : '';
}

/**
 * The readable part of an element's name: its label (a radio also its group), then a suffix for its kind. Counts,
 * ranks and state words are left out (they change as the page lives); controls that then share a name are told apart
 * by something of their own (build.ts, disambiguate), never by a number they show.
 */
/** Words of the tooltip a control points to (`aria-describedby`), shown or not yet: a wordless icon's only words. */
function tooltipOf(el: Element): string {
  const ids = attr(el, 'aria-describedby');
  if (!ids) return '';
  for (const id of ids.split(/\s+/)) {
    const tip = id ? byId(el, id) : null;
    if (tip && (roleOf(tip) === 'tooltip' || /tooltip|tip\b/i.test(classNameOf(tip)))) return collapse(textContentOf(tip)).slice(0, 60);
  }
  return '';
}

/** A control that shows only a glyph, and says nothing else of itself: what the glyph means (a stepper's "−" and "+"). */
const GLYPH_WORDS: ReadonlyMap<string, string> = new Map([
  ...['+', '＋', '➕'].map((glyph) => [glyph, 'plus'] as const),
  ...['−', '-', '➖', '–'].map((glyph) => [glyph, 'minus'] as const),
  ...['×', '✕', '✖', '⨯', '╳', '🗙'].map((glyph) => [glyph, 'close'] as const),
  ...['⋮', '⋯', '…', '...'].map((glyph) => [glyph, 'more'] as const),
  ...['‹', '←', '<'].map((glyph) => [glyph, 'previous'] as const),
  ...['›', '→', '>'].map((glyph) => [glyph, 'next'] as const),
  ['«', 'first'], ['»', 'last'],
]);

/** A toggle's glyph says its state ("+" closed, "−" open): its name must not change with it (review, session 45). */
function glyphWord(el: Element, label: string): string {
  if (attr(el, 'aria-expanded') !== null || attr(el, 'aria-pressed') !== null || attr(el, 'aria-checked') !== null) return '';
  return GLYPH_WORDS.get(collapse(label)) ?? '';
}

/** An id's or name's words (`wpWatchlistExpiry` is "wp Watchlist Expiry"). */
const camelWords = (token: string | undefined): string => (token ?? '').replace(/([a-z0-9])([A-Z])/g, '$1 $2');

/** A key said in a control's name ("Pause keyboard shortcut k", "Next (SHIFT+n)"): how to press it, not what it is. */
const SHORTCUT_SAID = /\s*(?:keyboard shortcut\b.*|\((?:(?:shift|ctrl|control|alt|option|cmd|meta|⌘|⇧)\s*\+\s*)*\w\))\s*$/i;

/** Words that are data, not a name: a commit's hash (small hex letters, two digits at least), a phone number. */
/** Where a pager's links sit: a nav, or a box or link whose class says pager, previous or next. */
const PAGER = 'nav, [role=navigation], [class*=pag], [class*=prev], [class*=next], [class*=Pag], [class*=Prev], [class*=Next]';
/** Words of a pager's link in an element of their own ("Previous", "Next page", "← Older posts"). */
const PAGER_WORDS = /^[«‹←<\s]*((?:previous|prev|next|older|newer)(?:\s+(?:page|post|posts|article|chapter|lesson|story|entries|entry))?)[\s»›→>]*$/i;

/**
 * A pager's link that says where it goes below its word ("<div>Previous</div><div>Quickstart</div>"): named by the word,
 * for the title beside it changes on every page (explorer, session 57: `previous_quickstart_link`).
 */
function pagerWords(el: Element): string | undefined {
  if (!closestOf(el, PAGER) && !/^(?:prev|next)$/i.test(attr(el, 'rel') ?? '')) return undefined;
  const first = Array.from(queryAllOf(el, '*')).slice(0, 10).find((part) => /[\p{L}\p{N}]/u.test(textOf(part, 40)));
  const said = first && !queryOf(first, '*') ? PAGER_WORDS.exec(textOf(first, 40))?.[1] : undefined;
  return said && textOf(el, 80).length > textOf(first!, 40).length + 1 ? said : undefined;
}

const HASH = /^(?=(?:[a-f]*\d){2})(?=\d*[a-f])[0-9a-f]{7,40}$/;
const PHONE = /^(?:\+\d[\d\s().-]{7,18}|\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4})$/;

/**
 * The label of what a toggle that shows a value opens ("2 adults · 1 child · 1 room" opens the dialog "Guests"): its
 * name, as the value changes with every choice (explorer, session 55: `2_adults_1_child_button`). Only for words with
 * a number in them, and a labelled popup (`aria-controls` to a dialog, listbox, menu, grid or group with a label).
 */
function openedLabel(el: Element, label: string): string {
  if (!/\d/.test(label) || attr(el, 'aria-expanded') === null) return '';
  const target = byId(el, (attr(el, 'aria-controls') ?? '').trim().split(/\s+/)[0] ?? '');
  if (!target || !['dialog', 'listbox', 'menu', 'grid', 'group', 'tree'].includes(attr(target, 'role') ?? (tagNameOf(target) === 'DIALOG' ? 'dialog' : ''))) return '';
  return collapse(labelledBy(target) ?? attr(target, 'aria-label') ?? '');
}

/** A day said as people write it: "Fri 14 Jun", "Jun 14", "Fri, Jun 14, 2024", "14/06". */
const DAY_SAID = /^(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?)(?:,?\s+\d{4})?$/i;
/** How many of a thing: "2 adults", "0 children", "1 room". */
const COUNT_SAID = /^\d+\s+\p{L}+$/u;

/**
 * A button whose words are only values the user picked (a date field's "Fri 14 Jun", guests' "2 adults · 0 children ·
 * 1 room"; not a radio's "5 stars", which it chooses): named by what the page's developers call it
 * (`data-testid="date-display-field-start"`), for its words change with every choice (explorer, session 64:
 * `fri_14_jun_button` named a saved script's step for one day only).
 */
function valueControlName(el: Element, label: string): string {
  const parts = collapse(label).split(/\s*[·•|,–—]\s*|\s+-\s+/).filter(Boolean);
  if (!parts.length || !parts.every((part) => DAY_SAID.test(part) || COUNT_SAID.test(part))) return '';
  for (const name of TEST_HOOKS) {
    const words = readableToken(attr(el, name));
    if (words) return camelWords(words).replace(/[._-]+/g, ' ');
  }
  return camelWords(readableToken(idOf(el)) ?? readableToken(attr(el, 'name')));
}

/**
 * What a button that shows a value calls it, where its label says both: the label's words before the shown value
 * ("Leaving from New York (JFK - John F. Kennedy Intl.)" showing "New York (JFK)": "Leaving from"; "Dates, Fri 14 Jun -
 * Sun 23 Jun"; "Travelers, 1 traveler, Economy") or before a colon ("Sort: Homes for You"). Explorer, session 65:
 * `dates_fri_14_jun_button`, `sort_homes_for_you_button` were renamed by every choice.
 */
function labelBeforeValue(el: Element, label: string): string {
  const said = collapse(label);
  const colon = /^([^:]{2,30}):\s*\S/.exec(said)?.[1];
  // Also where what follows is someone signed in, by a mail address ("Google Account: Dana Kim (dana.k@gmail.com)").
  if (colon && (hasAttr(el, 'aria-haspopup') || hasAttr(el, 'aria-expanded') || roleOf(el) === 'combobox' || /[^\s@]@[^\s@]+\.\p{L}/u.test(said.slice(colon.length)))
    && WORDS_ONLY.test(colon)) return colon;
  // The page's own label for it (not one put together with its item's words: "Aero Add to cart"), and shown words
  // that are a value, not a number that is what the button is ("Question 1, answered" showing "1").
  if (collapse(attr(el, 'aria-label') ?? '') !== said) return '';
  const shown = collapse(textOf(el, 120));
  if (!shown || shown.length >= said.length || !/\p{L}/u.test(shown)) return '';
  // Whole words of it ("mic", an icon's ligature, is no part of "Turn off microphone").
  const opening = escapeRegExp(shown.split(' ').slice(0, 2).join(' '));
  const at = new RegExp(`(?<=\\s)${opening}(?![\\p{L}\\p{N}])`, 'iu').exec(said)?.index ?? -1;
  if (at <= 0) return '';
  const before = said.slice(0, at).replace(/[\s,:;–—-]+$/u, '');
  // Not what a button does to the thing it shows ("Remove filter: Ready to ship", "Collapse Your Library"): the thing
  // tells such buttons apart.
  return WORDS_ONLY.test(before) && before.split(' ').length <= 3 && !ACTION_VERB.test(before) ? before : '';
}
const ACTION_VERB = /^(?:remove|delete|collapse|expand|open|close|show|hide|clear|edit|view|play|pause|add|toggle|select|deselect|unselect|mute|unmute|like|unlike|follow|unfollow|save|share|download|cancel|dismiss|undo|go|visit|reply|message|call|email|pin|unpin|flag|unflag|star|unstar|archive|move|copy|rename|report|block|join|leave|subscribe|unsubscribe|watch|listen|read|buy|book)\b/i;
/** Words with no digits: what a field is called, not a value. */
const WORDS_ONLY = /^\p{L}[\p{L}\s'’]*$/u;

/** How to use a control, said after what it is ("Date posted filter. Clicking this button displays…") or before it. */
const USAGE_SAID = /(?<=\p{L}{2})\.\s+(?:click|clicking|tap|tapping|press|pressing|use|select|activate|opens?|displays?)\b.*$/isu;
const CLICK_TO = /^\s*(?:click|tap|press)\s+(?:here\s+)?to\s+(?=\p{L})/iu;
/** Words that join what a control does to what it is done to ("Easy Apply to Senior Frontend Engineer at Spotify"). */
const JOINS_OBJECT = /^(?:to|for|on|at|about|from|with|in)\s/i;

/**
 * A label without how to use its control, and a label that says the words the control shows, then to what it does
 * it, which is what its section is titled (a job's "Easy Apply" labelled "Easy Apply to Senior Frontend Engineer at
 * Spotify" under the job's title; explorer, session 67: every job page named it after its job): the words shown. Not
 * where the rest tells the control from others like it ("Read more about pricing" among other "Read more" links).
 */
function spokenOnce(el: Element, label: string, sectionTitle: string): string {
  const used = label.replace(USAGE_SAID, '').replace(CLICK_TO, '');
  const words = /\p{L}/u.test(used) ? used : label;
  const title = collapse(sectionTitle).toLowerCase();
  if (title.length < 8) return words;
  const shown = collapse(textContentOf(el));
  if (!/\p{L}/u.test(shown) || shown.length >= words.length) return words;
  const rest = words.slice(shown.length).trimStart();
  return words.toLowerCase().startsWith(`${shown.toLowerCase()} `) && JOINS_OBJECT.test(rest) && rest.toLowerCase().includes(title) ? shown : words;
}

/**
 * A link or button whose words say only when ("3 months ago", "Jan 5 at 10:02": a post's last change, a comment's
 * permalink): named by the word said right before it ("Modified", "edited"), not by the time, which changes as the page
 * lives (explorer, session 67: `3_months_ago_link`).
 */
function whenName(el: Element, kind: ElementEntry['kind'], label: string): string {
  if ((kind !== 'link' && kind !== 'button') || !WHEN.test(collapse(label))) return '';
  let before = previousSiblingOf(el);
  const words = (node: ChildNode) => (nodeTypeOf(node) === 3 ? String((node as Text).data ?? '') : nodeTypeOf(node) === 1 ? textContentOf(node as Element) : '');
  for (let steps = 0; before && steps < 3 && !/\S/.test(words(before)); steps++) before = previousSiblingOf(before);
  const said = collapse(before ? words(before) : '');
  return /^\p{L}+(?:\s\p{L}+)?:?$/u.test(said) && said.length <= 24 ? said.replace(/:$/, '') : '';
}

/** `sectionTitle`: the words of the heading or label of the section the control is in. */
export function ownName(el: Element, kind: ElementEntry['kind'], label: string, sectionTitle = ''): string {
  const titled = kind === 'radio' || kind === 'checkbox' ? choiceTitle(el) : kind === 'link' ? pagerWords(el) : undefined;
  const spoken = spokenOnce(el, label, sectionTitle);
  const own = whenName(el, kind, spoken) || openedLabel(el, spoken) || (kind === 'button' || kind === 'combobox' ? valueControlName(el, spoken) || labelBeforeValue(el, spoken) : '')
    || withoutChangingWords(el, spoken.replace(SHORTCUT_SAID, '') || spoken);
  // A field's "(optional)" is a hint; a choice's "Make field required" says what it chooses.
  let words = nameWords(titled ?? (MARKED_KINDS.has(kind) ? withoutFieldMark(own) : own));
  // A link that is a commit's hash or a phone number is named by where it goes (`commit_link`, `phone_link`).
  // A commit's hash among other words ("Commit 9f3c2ab"): the other words (`commit_link`); the hash changes with each commit.
  const unhashed = collapse(words).split(' ').filter((word) => !HASH.test(word.toLowerCase())).join(' ');
  if (unhashed !== collapse(words) && /\p{L}/u.test(unhashed)) words = unhashed;
  const said = collapse(words);
  const phone = kind === 'link' && /^\s*tel:/i.test(attr(el, 'href') ?? '') && /^[\d\s().+-]{7,24}$/.test(said);
  // So is one that is an issue's or a pull request's number ("#231": `pull_link`), not a page's number in a pager ("2").
  const data = kind === 'link' && (phone || HASH.test(said) || PHONE.test(said) || /^#\d+$/.test(collapse(label)));
  let base = data ? (phone ? 'phone' : '') : slug(words);
  if (!base) {
    base = slug(attr(el, 'placeholder') ?? '') || slug(camelWords(readableToken(idOf(el)))) || slug(camelWords(readableToken(attr(el, 'name'))))
      || slug(nameWords(iconName(el))) || slug(nameWords(tooltipOf(el)), 3)
      // A link by where it goes first (its icon may be any picture), another control by its icon.
      || (kind === 'link' ? slug(pathWords(el), 3) || slug(shownIconWords(el), 3) : slug(shownIconWords(el), 3))
      || glyphWord(el, label)
      // A slider that says only its value, in words ("100% volume"): the words without the number.
      || (kind === 'slider' ? slug((attr(el, 'aria-valuetext') ?? '').replace(/[\p{N}.,%:/]+/gu, ' '), 2) : '');
  }
  // An option that is only a number ("10" of a font size picker) says what it is by its list's label.
  if (kind === 'option' && /^\d[\d_]*$/.test(base)) {
    const list = closestOf(el, '[role=listbox]');
    const what = list ? slug(labelledBy(list) ?? attr(list, 'aria-label') ?? '', 2) : '';
    if (what) base = `${what}_${base}`;
  }
  if (kind === 'radio') {
    const group = slug(radioGroup(el), 2);
    if (group && !base.startsWith(group)) base = base ? `${group}_${base}` : group;
  }
  const suffix = KIND_SUFFIX[kind];
  if (!base) return suffix ?? kind;
  if (suffix && !base.endsWith(suffix)) return `${base}_${suffix}`;
  return base;
}

