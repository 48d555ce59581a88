/**
 * Key facts of a page that no control says: a product's price (and what it cost before), its stock, its rating. A task
 * such as "tell me the price" or "add it if it is in stock" needs them, and they sit in plain text a document of
 * controls leaves out (explorer, sessions 44 and 46). Each is a read-only entry, as a message is (`$product__price
 * message "$89.99 (was $120.00)"`), read with `.text()`. One of each kind a page: the first outside the page's header,
 * navigation, footer and side bars (a product page's own, not a recommendation's further down); one in a list is the
 * list's (a card's price is its field). An order's total ("Total $116.63"), in the order summary beside a checkout's
 * form too. A progress bar's value ("75%"). And a wizard's current step among steps that are no links (walk.ts).
 */
import type { ElementEntry, Locator } from './types.ts';
import { accessibleName, textOf } from './dom.ts';
import { locatorsFor, type LocatorCache } from './locators.ts';
import { collapse, nameWords, slug, truncate } from './text.ts';
import { inChoiceRow } from './choice-row.ts';
import { attr, checkVisibilityOf, childrenOf, classNameOf, closestOf, containsOf, firstChildOf, hasAttr, idOf, nextSiblingOf, nodeTypeOf, parentOf, queryAllOf, queryOf, tagNameOf } from './dom-safe.ts';

export type FactKind = 'price' | 'stock' | 'rating' | 'total' | 'progress' | 'step';

// Without the `i` flag (not every engine takes it): the spellings classes and ids use.
const FACT_SELECTOR = ['[itemprop=price]', '[itemprop=availability]', '[itemprop=ratingValue]',
  ...['price', 'Price', 'stock', 'Stock', 'availability', 'Availability', 'rating', 'Rating', 'stars', 'Stars', 'total', 'Total'].map((word) => `[class*=${word}]`),
  '#availability', '[aria-label*="out of"]', '[title*="out of"]', '[role=progressbar]', 'progress',
  // A wizard's current step said by classes alone (MUI's Stepper, Ant Design's Steps, `ol.steps > li.active`).
  '[class*=step][class*=active]', '[class*=Step][class*=active]', '[class*=step][class*=current]', '[class*=steps-item-process]',
  '[class*=steps] > .active', '[class*=steps] > .current', '[class*=Steps] > .active'].join(', ');
/** Where a fact is not the page's own: site furniture, and the words of a control. */
const NOT_HERE = 'header, nav, footer, aside, [role=banner], [role=navigation], [role=contentinfo], [role=complementary], '
  + 'a, button, label, select, [role=button], [role=link], [role=option], [role=menuitem], [role=tab], [role=dialog], [role=alertdialog]';
/** The same, less side bars: an order's total is often in the order summary beside the form, a course's progress in its outline. */
const NOT_HERE_FOR_TOTALS = NOT_HERE.replace('aside, ', '').replace(', [role=complementary]', '');
/** A single review's rating is not the product's. */
const IN_A_REVIEW = '[itemprop=review], [class*=review-], [class*=review_], [class~=review], [class*=Review]';
/** Tables' totals rows read, at most. */
const MAX_FOOT_ROWS = 5;
const FOOT_CONTROLS = 'a[href], button, input, select, textarea, [role=button]';
/** Progress bars named by their labels, at most. */
const MAX_LABELLED_BARS = 5;
/** Elements of facts looked at outside site furniture, at most (a page of a thousand prices is a list page). */
const MAX_LOOKED_AT = 60;
/** Elements looked at in all (furniture too: a mega menu of prices). */
const MAX_SCANNED = 600;
/** Characters of a fact's text past which it is prose, not a fact. */
const MAX_FACT_CHARS = 80;
/** A box with a struck price and no class saying price is a price when it holds little more ("$150.00 $120.00"). */
const MAX_STRUCK_CHARS = 40;

const CURRENCY = '[$€£¥₹₩₽]|\\b(?:USD|EUR|GBP|CHF|CAD|AUD|JPY|SEK|NOK|DKK|PLN|kr|zł|Kč|R\\$)';
const PRICE = new RegExp(`(?:${CURRENCY})\\s?\\d|\\d(?:[\\d.,\\s]*\\d)?\\s?(?:${CURRENCY})`, 'u');
const PRICES = new RegExp(PRICE.source, 'gu');
/** A price and nothing else: "$120.00", "120,00 €", "USD 120". */
const ONLY_PRICE = new RegExp(`^(?:(?:${CURRENCY})\\s?)?\\d[\\d.,\\s]*(?:\\s?(?:${CURRENCY}))?$`, 'u');
/** "Total $116.63", "Order total: 116,63 €", "Grand total"; not "Total savings". */
const TOTAL = /^\s*(?:order |grand |estimated )?total\b(?!\s*(?:savings|saved|discount|items|weight|votes))/i;
const STOCK_WORDS = /\b(?:in stock|out of stock|sold out|only \d+ left|\d+ left|left in stock|unavailable|currently unavailable|available now|back-?order(?:ed)?|pre-?order|ships (?:in|within|today|tomorrow)|dispatch(?:es|ed)? (?:in|within|today|tomorrow))\b/i;
// "4.5 out of 5 stars", "4/5", and "4.6 stars" (Google Maps' "4.6 stars 2,184 Reviews": explorer, session 53).
const RATING_SAID = /\d(?:[.,]\d+)?\s*(?:(?:out of|of|\/)\s*\d+(?:[.,]\d+)?(?:\s*stars?)?|stars?\b)/i;
/** Class words, as words (`star-rating`, `productPrice`; not "ope-rating-hours"'s "operating"). */
const PRICE_CLASS = /(?:^|[^a-z])price|Price/;
const RATING_CLASS = /(?:^|[^a-z])(?:rating|ratings|stars?)(?:$|[^a-z])|Rating|Stars?(?:$|[^a-z])/;
const STOCK_CLASS = /(?:^|[^a-z])(?:stock|availability|inventory)|Stock|Availability/;
const TOTAL_CLASS = /(?:^|[^a-z])total|Total/;
const FORM_CONTROLS: ReadonlySet<string> = new Set(['SELECT', 'INPUT', 'TEXTAREA', 'OPTION', 'BUTTON']);

/**
 * The first fact of each kind in `root` that is shown, by element (at most one price, one stock line, one rating, one
 * total, one progress bar); after the page's first `<h1>` where one is there (a product's price, not a banner's above).
 */
export function factsOf(root: Document | ShadowRoot | Element): Map<Element, FactKind> {
  const first = new Map<FactKind, Element>();
  const afterTitle = new Map<FactKind, Element>();
  const labelled: Element[] = [];
  const title = queryOf(root, 'main h1, h1');
  let looked = 0;
  let scanned = 0;
  for (const el of Array.from(queryAllOf(root, FACT_SELECTOR))) {
    if (afterTitle.size === 6 || looked > MAX_LOOKED_AT || ++scanned > MAX_SCANNED) break;
    const kind = factKind(el);
    // A course's progress bar sits in its side bar too (explorer, session 53).
    if (!kind || afterTitle.has(kind) || closestOf(el, kind === 'total' || kind === 'progress' ? NOT_HERE_FOR_TOTALS : NOT_HERE)) continue;
    looked++;
    if (!shown(el) || (kind === 'rating' && inAReview(el))) continue;
    // A shipping option's price is the option's (choice-row.ts), not the page's.
    if (kind === 'price' && inChoiceRow(el)) continue;
    // Bars named by their labels are each the page's ("Storage used", "Application progress": explorer, session 55).
    if (kind === 'progress' && progressLabel(el)) {
      if (labelled.length < MAX_LABELLED_BARS) labelled.push(el);
      continue;
    }
    const after = !!title && (title.compareDocumentPosition(el) & 4) !== 0;
    if (!first.has(kind)) first.set(kind, el);
    if (after) afterTitle.set(kind, el);
  }
  // A step marked `aria-current="step"` is read by the walk (stepAmongWords); classes only where none is.
  if (queryOf(root, '[aria-current=step]')) {
    first.delete('step');
    afterTitle.delete('step');
  }
  const found = new Map<Element, FactKind>([...labelled.map((el): [Element, FactKind] => [el, 'progress']), ...footRows(root)]);
  for (const [kind, el] of title ? new Map([...first, ...afterTitle]) : first) {
    if (![...found.keys()].some((fact) => containsOf(fact, el) || containsOf(el, fact))) found.set(el, kind);
  }
  return found;
}

/** Class words of a box that sums reviews up, no review itself: a review bar, a summary, a snapshot, an average. */
const REVIEWS_SUMMED = /(?:^|[^a-z])(?:bar|summary|snapshot|overview|average|overall|stats|histogram|aggregate)(?:$|[^a-z])|[a-z](?:Bar|Summary|Snapshot|Overview|Average|Overall|Stats)/;

/**
 * In a review: inside a box that says review (or `itemprop=review`), unless every such box around it says it sums the
 * reviews up (a recipe's `recipe-review-bar__rating "Rated 4.6 out of 5 stars"`, a `reviews-summary`: explorer,
 * session 54). A testimonial card, or the one review a product has, is a review (review, session 55).
 */
function inAReview(el: Element): boolean {
  if (closestOf(el, '[itemprop=review]')) return true;
  for (let at = closestOf(el, IN_A_REVIEW), up = 0; at && up < 6; at = parentOf(at) && closestOf(parentOf(at)!, IN_A_REVIEW), up++) {
    if (!REVIEWS_SUMMED.test(classNameOf(at))) return true;
  }
  return false;
}

/** Shown, as far as can be told cheaply: not in a hidden part, visible where there is layout. */
function shown(el: Element): boolean {
  if (closestOf(el, '[hidden], [aria-hidden=true]')) return false;
  return checkVisibilityOf(el, { visibilityProperty: true }) !== false;
}

export function factKind(el: Element): FactKind | undefined {
  if (attr(el, 'role') === 'progressbar' || tagNameOf(el) === 'PROGRESS') return progressText(el) ? 'progress' : undefined;
  if (FORM_CONTROLS.has(tagNameOf(el))) return undefined;
  const prop = attr(el, 'itemprop') ?? '';
  const cls = classNameOf(el);
  if (classStep(el, cls)) return 'step';
  const rated = prop === 'ratingValue' || RATING_CLASS.test(cls);
  const said = collapse(attr(el, 'aria-label') ?? attr(el, 'title') ?? '');
  // Said for screen readers over drawn stars ("4.5 out of 5 stars"): a rating only where the element says it is one.
  if ((rated || /\bstars?\b/i.test(said)) && RATING_SAID.test(said) && said.length <= MAX_FACT_CHARS) return 'rating';
  // Nothing says a fact (the common case, every sample of every list): no text read.
  const stock = prop === 'availability' || STOCK_CLASS.test(cls) || idOf(el) === 'availability';
  if (!prop && !rated && !stock && !PRICE_CLASS.test(cls) && !TOTAL_CLASS.test(cls) && !queryOf(el, STRUCK_SELECTOR)) return undefined;
  // Read past the limit: textOf counts characters before white space is collapsed, so a short read of a big card
  // (indented markup) could look like a fact.
  const text = textOf(el, MAX_FACT_CHARS * 5);
  if (!text || text.length > MAX_FACT_CHARS) return undefined;
  if (prop === 'price' && /\d/.test(text)) return 'price';
  if ((PRICE_CLASS.test(cls) || (text.length <= MAX_STRUCK_CHARS && struckPrice(el))) && PRICE.test(text)) return 'price';
  if (prop === 'availability' || (stock && STOCK_WORDS.test(text))) return 'stock';
  if (prop === 'ratingValue' && /\d/.test(text)) return 'rating';
  if (rated && RATING_SAID.test(text)) return 'rating';
  // One amount: a box of several ("Total savings $20 Total $116") is the rows', not a total.
  if (TOTAL_CLASS.test(cls) && TOTAL.test(text) && (text.match(PRICES) ?? []).length === 1) return 'total';
  return undefined;
}

/** A fact's entry: named by its kind, its text as description (a price with what it cost before, said so). */
export function factEntry(el: Element, kind: FactKind, cache: LocatorCache): ElementEntry {
  const description = kind === 'rating' ? ratingText(el) : kind === 'price' ? priceText(el) : kind === 'step' ? stepText(el)
    : kind === 'progress' ? progressText(el)! : textOf(el, MAX_FACT_CHARS);
  // A labelled bar by its label, said to be a progress ("storage_used_progress").
  const label = kind === 'progress' ? slug(nameWords(progressLabel(el)), 3) : '';
  const name = !label ? kind : /(?:^|_)progress(?:$|_)/.test(label) ? label : `${label}_progress`;
  return { name, kind: 'message', description: truncate(description, 200), locators: kind === 'step' ? stepLocators(el, cache) : locatorsFor(el, '', cache) };
}

/**
 * The step the list marks current now, whichever it is (the step moves on): `ol.steps [aria-current="step"]`, or for
 * a step said by classes the list's element of the same classes (`.MuiStepLabel-label.Mui-active`), first.
 */
function stepLocators(el: Element, cache: LocatorCache): Locator[] {
  const own = locatorsFor(el, '', cache);
  const aria = attr(el, 'aria-current')?.trim().toLowerCase() === 'step';
  const steps = aria ? closestOf(el, 'ol, ul, [role=list]') : parentOf(stepItemOf(el));
  const list = steps ? locatorsFor(steps, '', cache).find((locator) => locator.by === 'css') : undefined;
  const classes = classNameOf(el).split(/\s+/).filter(Boolean).map((c) => `.${CSS.escape(c)}`).join('');
  const current = aria ? '[aria-current="step"]' : classes;
  return list && current ? [{ ...list, value: `${list.value} ${current}` }, ...own] : own;
}

/** Class words that say "step" (`step`, `steps`, `wizard-step`, `MuiStepLabel-label`, `ant-steps-item`). */
const STEP_CLASS = /(?:^|[^a-z])(?:steps?|stepper)(?:$|[^a-z])|Step/;
/** Class words that say "this one now" (`active`, `is-current`, MUI's `Mui-active`, Ant's `ant-steps-item-process`). */
const CURRENT_CLASS = /(?:^|[^a-z])(?:active|current|item-process)(?:$|[^a-z])/;

/**
 * A wizard's current step said by classes alone: the element (or its steps list) says "step", it says it is the
 * active one, it shows words (not MUI's icon with a number), and none of the steps is a link or a button (then the
 * link is the step, and says it is current itself).
 */
function classStep(el: Element, cls: string): boolean {
  if (!CURRENT_CLASS.test(cls) || hasAttr(el, 'aria-current')) return false;
  const parent = parentOf(el);
  if (!STEP_CLASS.test(cls) && !(parent && STEP_CLASS.test(classNameOf(parent)))) return false;
  // Not a carousel's slide; one step current among steps that are not.
  if (closestOf(el, '[class*=slide], [class*=carousel], [class*=swiper], [class*=Carousel]')) return false;
  const item = stepItemOf(el);
  const steps = parentOf(item);
  if (steps && Array.from(steps.children).filter((at) => at !== item && CURRENT_CLASS.test(classNameOf(at))).length) return false;
  if (!steps || queryOf(steps, 'a[href], button, [role=button], [role=link], [role=tab]')) return false;
  const text = textOf(el, MAX_FACT_CHARS * 5);
  return !!text && text.length <= MAX_FACT_CHARS && /\p{L}/u.test(text);
}

/**
 * The step `el` is part of: the nearest of it and its ancestors (four up) that has a sibling of its tag and one of its
 * classes (MUI's `MuiStep-root` between `MuiStepConnector-root`s; an `li` among `li`s).
 */
function stepItemOf(el: Element): Element {
  for (let at: Element | null = el, up = 0; at && up < 5; up++, at = parentOf(at)) if (stepsAlike(at).length >= 2) return at;
  return closestOf(el, 'li, [role=listitem]') ?? el;
}

/**
 * The steps drawn as `step` is, itself among them: its siblings of its tag that, outside an `li`, share one of its
 * classes other than the current one's (not the connectors between MUI's steps) — or, with `classless`, any of its tag
 * where it has no such class.
 */
function stepsAlike(step: Element, classless = false): Element[] {
  const parent = parentOf(step);
  if (!parent) return [step];
  const own = new Set(classNameOf(step).split(/\s+/).filter((c) => c && !CURRENT_CLASS.test(c)));
  const tag = tagNameOf(step);
  return Array.from(childrenOf(parent)).filter((sibling) => tagNameOf(sibling) === tag
    && (tag === 'LI' || (classless && !own.size) || classNameOf(sibling).split(/\s+/).some((c) => own.has(c))));
}

/** What `.text()` reads of a fact's element: as the document says it ("$89.99 (was $120.00)"); undefined for others. */
export function factText(el: Element): string | undefined {
  // A folder of a tree reads its own words, not its files' too ("src", not "src lru.ts ttl.ts": explorer, session 53).
  if (attr(el, 'role') === 'treeitem' && queryOf(el, '[role=group]')) return treeItemWords(el);
  // A step that is words, not a link (a link's words are its own).
  if (attr(el, 'aria-current')?.trim().toLowerCase() === 'step' && !['A', 'BUTTON'].includes(tagNameOf(el)) && !queryOf(el, 'a[href], button')) return stepText(el);
  if (classStep(el, classNameOf(el))) return stepText(el);
  const kind = factKind(el);
  return kind === 'price' ? priceText(el) : kind === 'rating' ? ratingText(el) : directionText(el);
}

/**
 * A change drawn without its sign: "12.4%" with an up arrow, "2.3%" in a `…__delta--down` box. Read with the sign the
 * arrow or the class gives ("+12.4%", "-2.3%"), else a script cannot tell a rise from a fall (explorer, session 55).
 */
function directionText(el: Element): string | undefined {
  const direction = directionOf(classNameOf(el)) ?? arrowInside(el);
  if (!direction) return undefined;
  const text = textOf(el, 40);
  if (!UNSIGNED_CHANGE.test(text)) return undefined;
  return `${direction === 'up' ? '+' : '-'}${text}`;
}

const UNSIGNED_CHANGE = /^[$€£¥]?\d[\d.,]*\s?(?:%|pts?|pp|bps)?$/;
const RISE = /^(?:up|increase[sd]?|increasing|positive|gain|rise|rising|higher)$/;
const FALL = /^(?:down|decrease[sd]?|decreasing|negative|loss|fall|falling|lower)$/;

/** Up or down, said by the last word of one of the classes (`kpi-card__delta--up`, `trend-down`, `is-negative`). */
function directionOf(className: string): 'up' | 'down' | undefined {
  if (!className) return undefined;
  for (const token of className.split(/\s+/)) {
    const last = token.toLowerCase().split(/[-_]+/).pop() ?? '';
    if (RISE.test(last)) return 'up';
    if (FALL.test(last)) return 'down';
  }
  return undefined;
}

/** The direction of an arrow icon among a few children, without words of its own (`<svg class="icon-arrow-up">`). */
function arrowInside(el: Element): 'up' | 'down' | undefined {
  const children = childrenOf(el);
  if (!children.length || children.length > 3) return undefined;
  for (const child of Array.from(children)) {
    const cls = classNameOf(child).toLowerCase();
    if (!/arrow|caret|trend|triangle/.test(cls) || textOf(child, 10)) continue;
    const direction = directionOf(cls);
    if (direction) return direction;
  }
  return undefined;
}

/** A progress bar's value as it says it (`aria-valuetext`), else "75%" of its range; undefined while it says none. */
function progressText(el: Element): string | undefined {
  const said = collapse(attr(el, 'aria-valuetext') ?? '');
  if (said) return truncate(said, MAX_FACT_CHARS);
  const native = tagNameOf(el) === 'PROGRESS';
  const now = Number(native ? attr(el, 'value') : attr(el, 'aria-valuenow'));
  const min = native ? 0 : Number(attr(el, 'aria-valuemin') ?? 0);
  const max = Number((native ? attr(el, 'max') : attr(el, 'aria-valuemax')) ?? (native ? 1 : 100));
  if ((native ? attr(el, 'value') : attr(el, 'aria-valuenow')) === null || !Number.isFinite(now) || !Number.isFinite(min) || !Number.isFinite(max) || max <= min) return undefined;
  return `${Math.round(((now - min) / (max - min)) * 100)}%`;
}

/**
 * The totals row of a data table's `<tfoot>` ("Total 35,387" under the rows of views): no row of the table's list
 * (data-tables.ts), and a task may ask for it (explorer, session 55). Words, no controls, under two or more rows.
 */
function footRows(root: Document | ShadowRoot | Element): Array<[Element, FactKind]> {
  const out: Array<[Element, FactKind]> = [];
  for (const foot of Array.from(queryAllOf(root, 'table > tfoot')).slice(0, MAX_FOOT_ROWS * 2)) {
    const row = queryOf(foot, ':scope > tr');
    const table = parentOf(foot);
    if (!row || !table || queryAllOf(table, ':scope > tbody > tr').length < 2 || queryOf(row, FOOT_CONTROLS) || !shown(row)) continue;
    const text = textOf(row, MAX_FACT_CHARS * 5);
    if (!text || text.length > MAX_FACT_CHARS || !/\p{N}/u.test(text)) continue;
    out.push([row, 'total']);
    if (out.length >= MAX_FOOT_ROWS) break;
  }
  return out;
}

/** A progress bar's own label (`aria-label`, `aria-labelledby`, a `<label for>`), or ''. */
function progressLabel(el: Element): string {
  if (!hasAttr(el, 'aria-label') && !hasAttr(el, 'aria-labelledby') && !(tagNameOf(el) === 'PROGRESS' && idOf(el))) return '';
  return collapse(accessibleName(el));
}

/** `Payment (step 3 of 4)`: the step's words and where it is among its list's items. */
function stepText(el: Element): string {
  const item = attr(el, 'aria-current') !== null ? closestOf(el, 'li, [role=listitem]') ?? el : stepItemOf(el);
  const steps = stepsAlike(item, true);
  const words = textOf(el, MAX_FACT_CHARS);
  return steps.length > 1 ? `${words} (step ${steps.indexOf(item) + 1} of ${steps.length})` : words;
}

function ratingText(el: Element): string {
  const said = collapse(attr(el, 'aria-label') ?? attr(el, 'title') ?? '');
  if (RATING_SAID.test(said)) return said;
  // Stars drawn inside that say the rating ("4.6 out of 5 stars" beside a "21,532 ratings" link): what they say.
  const stars = Array.from(queryAllOf(el, '[aria-label], [title]')).slice(0, 4)
    .map((at) => collapse(attr(at, 'aria-label') ?? attr(at, 'title') ?? '')).find((words) => RATING_SAID.test(words) && words.length <= MAX_FACT_CHARS);
  if (stars) return stars;
  const text = textOf(el, MAX_FACT_CHARS);
  // Microdata's bare value takes its scale: "4.6 out of 5" (`itemprop=bestRating`, else 5 as schema.org says).
  if (attr(el, 'itemprop') === 'ratingValue' && /^\d+(?:[.,]\d+)?$/.test(text)) {
    const scope = closestOf(el, '[itemscope]');
    const best = scope ? queryOf(scope, '[itemprop=bestRating]') : null;
    return `${text} out of ${collapse(best ? attr(best, 'content') ?? best.textContent ?? '' : '') || '5'}`;
  }
  return text;
}


/** Holds a struck price (a card's `<del>$150.00</del> $120.00`, no class saying so). */
function struckPrice(el: Element): boolean {
  const struck = queryOf(el, STRUCK_SELECTOR);
  if (!struck) return false;
  const text = collapse(struck.textContent ?? '').slice(0, 30);
  return ONLY_PRICE.test(text) && PRICE.test(text);
}

/** Struck prices: `<del>`, `<s>`, `<strike>`, Amazon's list price (`data-a-strike`). */
const STRUCK_SELECTOR = 'del, s, strike, [data-a-strike=true]';
/** An amount with its currency: "$89.99", "$89.99 USD", "89,90 €". */
const AMOUNT = new RegExp(`(?:${CURRENCY})\\s?\\d[\\d.,]*\\d(?:\\s?(?:USD|EUR|GBP|CHF|CAD|AUD))?|(?:${CURRENCY})\\s?\\d|\\d(?:[\\d.,]*\\d)?\\s?(?:${CURRENCY})`, 'gu');

/**
 * "$89.99 (was $120.00)" for `<del>$120.00</del> <ins>$89.99</ins>`, also where both are hidden from screen readers
 * and said again in words for them (WooCommerce), or the sale price is one of several shown (Shopify); the words shown
 * when nothing is struck ("From $12.00"). Microdata's bare number takes its currency (`itemprop=priceCurrency`).
 */
function priceText(el: Element): string {
  const shownText = collapse((el as HTMLElement).innerText ?? '') || textOf(el, MAX_FACT_CHARS * 2);
  const struck = Array.from(queryAllOf(el, STRUCK_SELECTOR)).filter((at) => !at.parentElement || !closestOf(at.parentElement, STRUCK_SELECTOR));
  if (!struck.length) {
    const text = truncate(shownText, MAX_FACT_CHARS);
    // An amount said twice, for screen readers and as drawn (Amazon's "$89.99" and "$ 89 . 99"): once.
    const found = [...new Set(text.match(AMOUNT) ?? [])];
    // A sign before the amount is the amount's: an extra's "+$1.00", a discount's "−$2.00" (explorer, session 56).
    if (found.length && !/[\p{L}\p{N}]/u.test(found.reduce((rest, amount) => rest.split(amount).join(' '), text))) return found.map((amount) => signOf(text, amount) + amount).join(' ');
    if (PRICE.test(text) || attr(el, 'itemprop') !== 'price') return text;
    const scope = closestOf(el, '[itemscope]');
    const currency = scope ? queryOf(scope, '[itemprop=priceCurrency]') : null;
    return collapse(`${text} ${currency ? attr(currency, 'content') ?? currency.textContent ?? '' : ''}`);
  }
  const amounts = (text: string) => text.match(AMOUNT) ?? [];
  const was = struck.flatMap((at) => amounts(collapse(at.textContent ?? ''))).join(' ') || collapse(struck.map((at) => at.textContent ?? '').join(' '));
  const marked = Array.from(queryAllOf(el, 'ins'));
  let rest = shownText;
  for (const at of struck) rest = rest.replace(collapse(at.textContent ?? ''), ' ');
  const now = marked.length ? marked.flatMap((at) => amounts(collapse(at.textContent ?? ''))).join(' ') : [...new Set(amounts(rest))].join(' ');
  return now ? `${now} (was ${was})` : `was ${was}`;
}

/** The sign written right before the first `amount` in `text` ("+", "−", "-"), or "": a sign starts the text or a word. */
function signOf(text: string, amount: string): string {
  const at = text.indexOf(amount);
  // A sign of its own, not a range's dash ("$10-$20", "$10 - $20").
  const sign = at > 0 ? /(?:^|[\s(])([+\u2212-])\s?$/.exec(text.slice(Math.max(0, at - 3), at)) : null;
  if (sign?.[1] === '-' && /\d\s*-\s*$/.test(text.slice(0, at))) return '';
  return sign ? sign[1]! : '';
}

/** A tree item's words without its branch's (`[role=group]` inside it). */
function treeItemWords(el: Element): string {
  let out = '';
  for (let node = firstChildOf(el); node && out.length <= MAX_FACT_CHARS; node = nextSiblingOf(node)) {
    const type = nodeTypeOf(node);
    if (type === 3) out += node.nodeValue ?? '';
    else if (type === 1 && attr(node as Element, 'role') !== 'group') out += ` ${textOf(node as Element, MAX_FACT_CHARS)} `;
  }
  return truncate(collapse(out), MAX_FACT_CHARS);
}
