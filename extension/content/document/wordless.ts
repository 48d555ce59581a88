/**
 * A link that shows no words — a heading's "#" or "¶" permalink — stands for its heading: the one it sits in, else the
 * one its `#id` leads to. The document's samples show those words, find() matches them and text() reads them, so a
 * list of permalinks reads "Building Wasm plugins", not "#" eight times (explorer, session 31: v8-blog).
 */
import { byId, textOf } from './dom.ts';
import { attr, closestOf, queryOf, tagNameOf } from './dom-safe.ts';
import { collapse } from './text.ts';

const HEADING = 'h1, h2, h3, h4, h5, h6, [role=heading]';
const WORD = /[\p{L}\p{N}]/u;

export const showsNoWords = (text: string): boolean => !WORD.test(text);

/** A section's number ("3", "12.1.") as a heading's self-link shows it. */
const SECTION_NUMBER = /^\s*\p{N}+(?:\.\p{N}+)*\.?\s*$/u;

/**
 * The heading a wordless link stands for, without the link's own glyph; undefined for any other element. A heading's
 * number that links to its section (ietf-1's `<a class="selflink">3</a>. Storage model`) reads as the whole heading,
 * "3. Storage model": its list read "1", "2", … and no find("Storage model") reached it (explorer, session 36).
 */
export function headingOfWordless(el: Element, own: string, max = 300): string | undefined {
  if (tagNameOf(el) !== 'A') return undefined;
  if (SECTION_NUMBER.test(own)) {
    const heading = closestOf(el, HEADING);
    // The heading's words as shown: the number and the point after it together ("3. Storage model", not "3 . …").
    const words = heading ? collapse(textOf(heading, max)).replace(/^(\p{N}+(?:\.\p{N}+)*) (?=[.:)])/u, '$1').slice(0, max) : '';
    return words.length > own.trim().length + 1 ? words : undefined;
  }
  if (!showsNoWords(own)) return undefined;
  return headingWords(closestOf(el, HEADING), own, max) ?? headingWords(targetHeading(el), own, max);
}

/** The same address, as written: links to it side by side with nothing between read as one ("<a>D</a><a>ata</a>"). */
function sameLink(a: Node | null, href: string): a is Element {
  return !!a && a.nodeType === 1 && tagNameOf(a as Element) === 'A' && attr(a as Element, 'href') === href;
}

/** Whether `el` continues the link right before it: the same address, no space or other text between. */
export function continuesLink(el: Element): boolean {
  const href = tagNameOf(el) === 'A' ? attr(el, 'href') : null;
  return !!href && sameLink(el.previousSibling, href);
}

/**
 * The links that continue `el` as one word or phrase (dropbox-blog's `<a>D</a><a>ata</a> <a>M</a><a>odel</a>`, a
 * heading's link cut in two by an editor: "Data" and "Model", not "D", "ata", "M", "odel"; explorer, session 39).
 */
export function linkContinuation(el: Element, max = 20): Element[] {
  const href = tagNameOf(el) === 'A' ? attr(el, 'href') : null;
  const out: Element[] = [];
  if (!href) return out;
  for (let next = el.nextSibling; sameLink(next, href) && out.length < max; next = next.nextSibling) out.push(next);
  return out;
}

/** A link's words: what it shows, or where it shows none, the heading it stands for. */
export function linkWords(el: Element, max = 300): string {
  const own = [el, ...linkContinuation(el)].map((part) => textOf(part, max)).join('').slice(0, max);
  return headingOfWordless(el, own, max) ?? own;
}

function targetHeading(el: Element): Element | null {
  const href = attr(el, 'href') ?? '';
  if (!href.startsWith('#') || href.length < 2) return null;
  let id = href.slice(1);
  try {
    id = decodeURIComponent(id);
  } catch {
    // An address that does not decode is taken as written.
  }
  const target = byId(el, id);
  if (!target) return null;
  return closestOf(target, HEADING) ?? queryOf(target, HEADING);
}

function headingWords(heading: Element | null, own: string, max: number): string | undefined {
  if (!heading) return undefined;
  let words = textOf(heading, max + own.length);
  const glyph = own.trim();
  if (glyph && words.endsWith(glyph)) words = words.slice(0, -glyph.length);
  else if (glyph && words.startsWith(glyph)) words = words.slice(glyph.length);
  words = collapse(words).slice(0, max);
  return showsNoWords(words) ? undefined : words;
}
