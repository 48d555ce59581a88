/**
 * Which elements a page's own style rules give a pointer cursor. Cursors are inherited, so reading every element's
 * computed style is the only other way to find where one begins; the rules name the few candidates directly (each is
 * still checked against its computed style). A style sheet that cannot be read (another origin without CORS) makes
 * the root `opaque`: the caller then scans computed styles.
 */
export interface PointerRules {
  selectors: string[];
  /** Rules that give a pointer only on hover (`.card:hover { cursor: pointer }`), with `:hover` taken out. */
  hover: string[];
  /**
   * What a rule shows only while the mouse is on something above it (`.row:hover .actions { display: flex }`: a mail
   * row's Delete, a track's Play), `:hover` taken out: there for a person who points at the row.
   */
  reveal: string[];
  opaque: boolean;
  /** The read's time ran out while the sheets were scanned: what is here is partial. */
  stopped?: boolean;
}

/** The read's clock, looked at every few hundred rules (a page may ship tens of thousands). */
export interface ScanClock {
  outOfTime(): boolean;
  rules: number;
}

type Rules = { length: number; [index: number]: CSSRule | undefined };

const valid = new Map<string, boolean>();

/** Whether `selector` parses for querySelectorAll (checked once on an empty fragment, which costs no matching). */
function parses(selector: string, doc: Document): boolean {
  let known = valid.get(selector);
  if (known === undefined) {
    try {
      doc.createDocumentFragment().querySelector(selector);
      known = true;
    } catch {
      known = false;
    }
    if (valid.size > 5_000) valid.clear();
    valid.set(selector, known);
  }
  return known;
}

const MAX_SELECTOR = 4_000;

/**
 * A nested rule's selector made absolute (`&` is the parent, as `:scope` is in @scope); over-matching is harmless,
 * the computed style decides.
 */
function nest(parent: string, child: string): string {
  const absolute = child.replaceAll('&', `:is(${parent})`).replaceAll(':scope', `:is(${parent})`);
  return absolute !== child ? absolute : `:is(${parent}) ${child}`;
}

/** `pointer`, or a value only the computed style can tell (`var(--cursor, pointer)`). */
const mayPoint = (style: CSSStyleDeclaration): boolean => {
  const value = style.getPropertyValue('cursor').trim();
  return value === 'pointer' || value.includes('var(');
};

/** The rule shows what `display: none` or `visibility: hidden` had hidden. */
const shows = (style: CSSStyleDeclaration): boolean => {
  const display = style.getPropertyValue('display').trim();
  return (!!display && display !== 'none') || style.getPropertyValue('visibility').trim() === 'visible';
};

const POINTED_AT = /:(?:hover|focus-within)(?![\w-])/g;
const POINTS = /:(?:hover|focus-within)(?![\w-])/;

/** The selector's parts at its top level (`a:hover b, c:hover d`: two), parentheses kept whole. */
function partsOf(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(selector.slice(start));
  return parts;
}

/** Parts that point at one element to show another below or beside it: the shown element's selector, pointing taken out. */
function addReveal(selector: string, out: PointerRules, doc: Document): void {
  for (const part of partsOf(selector)) {
    POINTED_AT.lastIndex = 0;
    let last = -1;
    for (let match = POINTED_AT.exec(part); match; match = POINTED_AT.exec(part)) last = match.index + match[0].length;
    // Only where something comes after the pointed compound (`.row:hover .actions`): an element hidden itself cannot be pointed at.
    if (last < 0 || !/^[^\s>+~()]*\)*[\s>+~]+[^\s>+~)]/.test(part.slice(last))) continue;
    const resting = part.replace(POINTED_AT, '').trim();
    if (resting && parses(resting, doc) && !out.reveal.includes(resting)) out.reveal.push(resting);
  }
}

function add(selector: string, out: PointerRules, seen: Set<string>, doc: Document): void {
  if (seen.has(selector)) return;
  seen.add(selector);
  // `:hover` matches only what the mouse is on now: such a rule names the elements that point when hovered.
  if (/:hover\b/.test(selector)) {
    const raw = selector.replace(/:hover\b/g, '');
    // A bare `:hover` (any element, `.menu :hover`) names nothing in particular.
    if (!raw.trim() || /[\s>+~,(]$/.test(raw)) return;
    const resting = raw.trim();
    if (parses(resting, doc) && !out.hover.includes(resting)) out.hover.push(resting);
    return;
  }
  if (parses(selector, doc)) out.selectors.push(selector);
}

type AnyRule = CSSRule & { selectorText?: string; style?: CSSStyleDeclaration; cssRules?: Rules; styleSheet?: CSSStyleSheet | null; start?: string | null };

function scanRules(rules: Rules, parent: string | undefined, out: PointerRules, seen: Set<string>, doc: Document, depth: number, clock?: ScanClock): void {
  for (let i = 0; i < rules.length; i++) {
    if (out.stopped) return;
    if (clock && (++clock.rules & 255) === 0 && clock.outOfTime()) {
      out.stopped = true;
      return;
    }
    const rule = rules[i] as AnyRule | undefined;
    if (!rule) continue;
    if (typeof rule.selectorText === 'string' && rule.style) {
      const selector = parent ? nest(parent, rule.selectorText) : rule.selectorText;
      // Each `&` copies the parent: a hostile sheet nesting rules with several `&` per level grows selectors
      // exponentially (megabytes by depth 10). Past this length, the rule and what it nests are left out.
      if (selector.length > MAX_SELECTOR) continue;
      if (mayPoint(rule.style)) add(selector, out, seen, doc);
      if (POINTS.test(selector) && shows(rule.style)) addReveal(selector, out, doc);
      if (rule.cssRules?.length) scanRules(rule.cssRules, selector, out, seen, doc, depth, clock);
    } else if (rule.style) {
      // Declarations nested after rules or inside @media in a style rule (CSSNestedDeclarations): the parent's.
      if (parent && mayPoint(rule.style)) add(parent, out, seen, doc);
    } else if (rule.styleSheet !== undefined) {
      if (rule.styleSheet && depth < 8) scanSheet(rule.styleSheet, out, seen, doc, depth + 1, clock);
    } else if (rule.cssRules?.length) {
      // @media, @supports, @layer, @container: their rules may apply; @scope (start) roots its rules there.
      const scope = typeof rule.start === 'string' && rule.start ? (parent ? nest(parent, rule.start) : rule.start) : parent;
      scanRules(rule.cssRules, scope, out, seen, doc, depth, clock);
    }
  }
}

function scanSheet(sheet: CSSStyleSheet, out: PointerRules, seen: Set<string>, doc: Document, depth: number, clock?: ScanClock): void {
  let rules: CSSRuleList;
  try {
    rules = sheet.cssRules;
  } catch {
    out.opaque = true;
    return;
  }
  if (rules) scanRules(rules, undefined, out, seen, doc, depth, clock);
}

/** One read of the page: a style sheet shared by many shadow roots (adopted by every component) is scanned once. */
export type SheetCache = WeakMap<CSSStyleSheet, PointerRules>;

export function pointerSelectors(root: Document | ShadowRoot, cache: SheetCache = new WeakMap(), clock?: ScanClock): PointerRules {
  const out: PointerRules = { selectors: [], hover: [], reveal: [], opaque: false };
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument!;
  const adopted = (root as { adoptedStyleSheets?: readonly CSSStyleSheet[] }).adoptedStyleSheets ?? [];
  for (const sheet of [...Array.from(root.styleSheets ?? []), ...adopted]) {
    let rules = cache.get(sheet);
    if (!rules) {
      rules = { selectors: [], hover: [], reveal: [], opaque: false };
      scanSheet(sheet, rules, new Set(), doc, 0, clock);
      if (rules.stopped) return { ...out, stopped: true };
      cache.set(sheet, rules);
    }
    out.selectors.push(...rules.selectors);
    out.hover.push(...rules.hover);
    out.reveal.push(...rules.reveal);
    out.opaque ||= rules.opaque;
  }
  out.selectors = [...new Set(out.selectors)];
  out.hover = [...new Set(out.hover)];
  out.reveal = [...new Set(out.reveal)];
  return out;
}
