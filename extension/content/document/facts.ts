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
import { textOf } from './dom.ts';
import { locatorsFor, type LocatorCache } from './locators.ts';
import { collapse, truncate } from './text.ts';
import { attr, classNameOf, closestOf, containsOf, queryAllOf, queryOf, tagNameOf } from './dom-safe.ts';

export type FactKind = 'price' | 'stock' | 'rating' | 'total' | 'progress' | 'step';

// Without the `i` flag (not every engine takes it): the spellings classes use.
const FACT_SELECTOR = ['[itemprop=price]', '[itemprop=availability]', '[itemprop=ratingValue]',
  ...['price', 'Price', 'stock', 'Stock', 'availability', 'Availability', 'rating', 'Rating', 'stars', 'Stars', 'total', 'Total'].map((word) => `[class*=${word}]`),
  '[aria-label*="out of"]', '[title*="out of"]', '[role=progressbar]', 'progress'].join(', ');
/** Where a fact is not the page's own: site furniture, and the words of a control. */
const NOT_HERE = 'header, nav, footer, aside, [role=banner], [role=navigation], [role=contentinfo], [role=complementary], '
  + 'a, button, label, select, [role=button], [role=link], [role=option], [role=menuitem], [role=tab], [role=dialog], [role=alertdialog]';
/** Elements of facts looked at, at most (a page of a thousand prices is a list page; its first few decide). */
const MAX_LOOKED_AT = 60;
/** Characters of a fact's text past which it is prose, not a fact. */
const MAX_FACT_CHARS = 80;

const CURRENCY = '[$€£¥₹₩₽]|\\b(?:USD|EUR|GBP|CHF|CAD|AUD|JPY|SEK|NOK|DKK|PLN|kr|zł|Kč|R\\$)';
const PRICE = new RegExp(`(?:${CURRENCY})\\s?\\d|\\d(?:[\\d.,\\s]*\\d)?\\s?(?:${CURRENCY})`, 'u');
/** A price and nothing else: "$120.00", "120,00 €", "USD 120". */
const ONLY_PRICE = new RegExp(`^(?:(?:${CURRENCY})\\s?)?\\d[\\d.,\\s]*(?:\\s?(?:${CURRENCY}))?$`, 'u');
/** "Total $116.63", "Order total: 116,63 €", "Grand total". */
const TOTAL = /^\s*(?:order |grand |estimated )?total\b/i;
const STOCK_WORDS = /\b(?:in stock|out of stock|sold out|available|unavailable|left|back-?order|pre-?order|ships|dispatch|delivery)\b/i;
const RATING_SAID = /\d(?:[.,]\d+)?\s*(?:out of|of|\/)\s*\d+(?:[.,]\d+)?(?:\s*stars?)?/i;

/** The first fact of each kind in `root`, by element (at most one price, one stock line, one rating, one total). */
export function factsOf(root: Document | ShadowRoot | Element): Map<Element, FactKind> {
  const found = new Map<Element, FactKind>();
  const taken = new Set<FactKind>();
  let looked = 0;
  for (const el of Array.from(queryAllOf(root, FACT_SELECTOR))) {
    if (taken.size === 5 || ++looked > MAX_LOOKED_AT) break;
    if ([...found.keys()].some((fact) => containsOf(fact, el) || containsOf(el, fact))) continue;
    const kind = factKind(el);
    // An order's total is often in a side bar (the order summary beside the form).
    if (!kind || taken.has(kind) || closestOf(el, kind === 'total' ? NOT_HERE.replace('aside, ', '').replace(', [role=complementary]', '') : NOT_HERE)) continue;
    found.set(el, kind);
    taken.add(kind);
  }
  return found;
}

export function factKind(el: Element): FactKind | undefined {
  if (attr(el, 'role') === 'progressbar' || tagNameOf(el) === 'PROGRESS') return progressText(el) ? 'progress' : undefined;
  const prop = attr(el, 'itemprop') ?? '';
  const cls = classNameOf(el).toLowerCase();
  const said = collapse(attr(el, 'aria-label') ?? attr(el, 'title') ?? '');
  if ((prop === 'ratingValue' || /rating|stars/.test(cls) || said) && RATING_SAID.test(said) && said.length <= MAX_FACT_CHARS) return 'rating';
  const text = textOf(el, MAX_FACT_CHARS + 1);
  if (!text || text.length > MAX_FACT_CHARS) return undefined;
  if ((prop === 'price' || cls.includes('price') || struckPrice(el)) && PRICE.test(text)) return 'price';
  if ((prop === 'availability' || /stock|availability/.test(cls)) && STOCK_WORDS.test(text)) return 'stock';
  if ((prop === 'ratingValue' || /rating|stars/.test(cls)) && RATING_SAID.test(text)) return 'rating';
  if (/(?:^|[^a-z])total/.test(cls) && TOTAL.test(text) && PRICE.test(text)) return 'total';
  return undefined;
}

/** A fact's entry: named by its kind, its text as description (a price with what it cost before, said so). */
export function factEntry(el: Element, kind: FactKind, cache: LocatorCache): ElementEntry {
  const description = kind === 'rating' ? ratingText(el) : kind === 'price' ? priceText(el) : kind === 'step' ? stepText(el)
    : kind === 'progress' ? progressText(el)! : textOf(el, MAX_FACT_CHARS);
  return { name: kind, kind: 'message', description: truncate(description, 200), locators: kind === 'step' ? stepLocators(el, cache) : locatorsFor(el, '', cache) };
}

/** The step the list marks current now, whichever it is: `ol.steps [aria-current="step"]` first (the step moves on). */
function stepLocators(el: Element, cache: LocatorCache): Locator[] {
  const own = locatorsFor(el, '', cache);
  const steps = closestOf(el, 'ol, ul, [role=list]');
  const list = steps ? locatorsFor(steps, '', cache).find((locator) => locator.by === 'css') : undefined;
  return list ? [{ ...list, value: `${list.value} [aria-current="step"]` }, ...own] : own;
}

/** What `.text()` reads of a fact's element: as the document says it ("$89.99 (was $120.00)"); undefined for others. */
export function factText(el: Element): string | undefined {
  // A step that is words, not a link (a link's words are its own).
  if (attr(el, 'aria-current')?.trim().toLowerCase() === 'step' && !['A', 'BUTTON'].includes(tagNameOf(el)) && !queryOf(el, 'a[href], button')) return stepText(el);
  const kind = factKind(el);
  return kind === 'price' ? priceText(el) : kind === 'rating' ? ratingText(el) : undefined;
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

/** `Payment (step 3 of 4)`: the step's words and where it is among its list's items. */
function stepText(el: Element): string {
  const item = closestOf(el, 'li, [role=listitem]') ?? el;
  const steps = item.parentElement ? Array.from(item.parentElement.children).filter((at) => tagNameOf(at) === tagNameOf(item)) : [item];
  const words = textOf(el, MAX_FACT_CHARS);
  return steps.length > 1 ? `${words} (step ${steps.indexOf(item) + 1} of ${steps.length})` : words;
}

function ratingText(el: Element): string {
  const said = collapse(attr(el, 'aria-label') ?? attr(el, 'title') ?? '');
  return RATING_SAID.test(said) ? said : textOf(el, MAX_FACT_CHARS);
}

const STRUCK = new Set(['DEL', 'S', 'STRIKE']);

/** Holds a struck price (a card's `<del>$150.00</del> $120.00`, no class saying so). */
function struckPrice(el: Element): boolean {
  const struck = queryOf(el, 'del, s, strike');
  if (!struck) return false;
  const text = textOf(struck, 30);
  return ONLY_PRICE.test(text) && PRICE.test(text);
}

/** "$89.99 (was $120.00)" for `<del>$120.00</del> <ins>$89.99</ins>`; the text as it is when nothing is struck. */
function priceText(el: Element): string {
  const struck = Array.from(queryAllOf(el, 'del, s, strike')).filter((at) => !STRUCK.has(tagNameOf(at.parentElement ?? at)));
  if (!struck.length) return textOf(el, MAX_FACT_CHARS);
  const was = collapse(struck.map((at) => textOf(at, MAX_FACT_CHARS)).join(' '));
  let now = textOf(el, MAX_FACT_CHARS * 2);
  for (const part of struck.map((at) => textOf(at, MAX_FACT_CHARS))) now = now.replace(part, ' ');
  now = collapse(now);
  return now ? `${now} (was ${was})` : `was ${was}`;
}
