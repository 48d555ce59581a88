/**
 * The words of a table cell that shows only an icon: a status matrix or a pricing table ticks its cells with pictures
 * (keep-tabular-data's GUI progress: `<td class="finished"><img src="…/fff-277-finished-2.png"></td>`, no alt), and
 * the cell read as "" in the document's samples and in a script's `.text()`: the table was no list at all, and no
 * script could tell "finished" from "not finished". Words come from what names the icon: an image's file name, an
 * icon font's or an SVG's classes, an SVG sprite's symbol (`<use href="#icon-check">`). Generic words (icon, fa, svg,
 * sizes) and anything with digits are left out. Only an icon without words of its own: `alt`, a title or a label win
 * (textOf reads them), and `alt=""` says the picture is decoration. An icon hidden from screen readers still shows.
 */
import { attr, checkVisibilityOf, childrenOf, classNameOf, hasAttr, queryOf } from './dom-safe.ts';
import { tagOf, textOf } from './dom.ts';
import { roleOf } from './classify.ts';

const GENERIC = new Set([
  'icon', 'icons', 'ico', 'img', 'image', 'images', 'svg', 'png', 'gif', 'jpg', 'jpeg', 'webp', 'sprite', 'symbol', 'use',
  'solid', 'regular', 'light', 'duotone', 'outline', 'outlined', 'filled', 'round', 'rounded', 'sharp', 'xs', 'sm', 'md',
  'lg', 'xl', 'xxl', 'small', 'large', 'inline', 'fw', 'fixed', 'the', 'of', 'emoji',
]);
/** An icon font's or sprite's class: `fa-check`, `bi-x`, `icon-minus`, `glyphicon-ok`… (its name after the prefix). */
const ICON_CLASS = /^(?:fa[srlbdk]?|bi|glyphicon|mdi|icon|octicon|dashicons|ion|ti|la|gg|ri|bx|lni|feather|lucide)-(.+)$/i;
/** Image files that are no picture of anything: spacers, blanks, tracking pixels. */
const SPACER = /^(?:spacer|blank|pixel|clear|transparent|trans|1x1|dot|empty|s)$/i;
const MAX_WORDS = 4;
const CELL_ROLES = new Set(['cell', 'gridcell', 'rowheader', 'columnheader']);

/** A table cell: `td`, `th`, or a cell role. */
export function isTableCell(el: Element): boolean {
  const tag = tagOf(el);
  return tag === 'TD' || tag === 'TH' || CELL_ROLES.has(roleOf(el) ?? '');
}

/**
 * Words of a name made of words, dashes and underscores ("iconCheckGreen" → check green). What comes before a number
 * that words follow is a prefix, a series and its number ("fff-277-not-finished-2" → not finished).
 */
function wordsOf(raw: string, shortest = 2): string[] {
  const parts = raw.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const numbered = (part: string) => /\p{N}/u.test(part);
  let from = 0;
  parts.forEach((part, i) => {
    if (numbered(part) && parts.slice(i + 1).some((after) => !numbered(after))) from = i + 1;
  });
  return parts.slice(from).filter((word) => word.length >= shortest && !numbered(word) && !GENERIC.has(word));
}

/** An image's file name without its folders, query and extension. */
function fileStem(src: string): string {
  const path = src.split(/[?#]/)[0] ?? '';
  const file = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(file).replace(/\.[a-z0-9]{2,5}$/i, '');
  } catch {
    return file.replace(/\.[a-z0-9]{2,5}$/i, '');
  }
}

/** The icon in an element that shows no words: its only child, or that child's only child (a span around an svg). */
function iconIn(el: Element): Element | null {
  let at: Element = el;
  for (let depth = 0; depth < 3; depth++) {
    const tag = tagOf(at);
    if (tag === 'IMG' || tag === 'svg' || tag === 'SVG' || ((tag === 'I' || tag === 'SPAN') && at !== el && childrenOf(at).length === 0)) return at;
    const children = childrenOf(at);
    if (children.length !== 1) return null;
    at = children[0]!;
  }
  return null;
}

/** Words from an icon font's or sprite's class tokens (`fas fa-check me-2 text-success` → check); none without one. */
function classIconWords(classes: string): string[] {
  return classes.split(/\s+/).flatMap((token) => {
    const m = ICON_CLASS.exec(token);
    // A font's one-letter name is its picture (`bi-x`: a cross).
    return m ? wordsOf(m[1]!, 1) : [];
  });
}

/** An image that shows something: not a data or blob address, not a spacer, not a pixel or two across. */
function pictureName(img: Element): string[] {
  const src = attr(img, 'src') ?? '';
  if (!src || /^(?:data|blob):/i.test(src.trim())) return [];
  const tiny = (name: 'width' | 'height') => {
    const n = Number.parseInt(attr(img, name) ?? '', 10);
    return Number.isFinite(n) && n <= 2;
  };
  if (tiny('width') || tiny('height')) return [];
  const stem = fileStem(src);
  return SPACER.test(stem) ? [] : wordsOf(stem);
}

/** What names an icon: an image's file, an SVG's sprite symbol or icon class, an icon font's class. */
function iconName(icon: Element): string[] {
  const tag = tagOf(icon);
  if (tag === 'IMG') return hasAttr(icon, 'alt') ? [] : pictureName(icon);
  if (tag === 'svg' || tag === 'SVG') {
    const use = queryOf(icon, 'use');
    const symbol = use ? (attr(use, 'href') ?? attr(use, 'xlink:href') ?? '') : '';
    const fromSymbol = symbol.includes('#') ? wordsOf(symbol.slice(symbol.indexOf('#') + 1)) : [];
    return fromSymbol.length ? fromSymbol : classIconWords(classNameOf(icon) || attr(icon, 'class') || '');
  }
  return classIconWords(classNameOf(icon));
}

/** The words of a table cell holding only an icon without words, else ''. */
export function iconWords(cell: Element): string {
  return isTableCell(cell) ? shownIconWords(cell) : '';
}

/**
 * The words of an element that shows only an icon (a control without a label: Bootstrap's `bi-trash` button, Lucide's
 * `lucide-pencil`, Vuetify's `mdi-delete`), else ''.
 */
export function shownIconWords(el: Element): string {
  if (textOf(el, 40)) return '';
  const icon = iconIn(el);
  // An icon the page hides (`d-none`, a style sheet) shows nothing.
  if (!icon || checkVisibilityOf(icon, { visibilityProperty: true }) === false) return '';
  return [...new Set(iconName(icon))].slice(0, MAX_WORDS).join(' ');
}
