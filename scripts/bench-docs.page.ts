/**
 * Injected into each page by scripts/bench-docs.mjs (built as one IIFE with the same toolchain for both sides):
 * our document builder and the baseline listing it is measured against.
 */
import { buildPageDocument } from '../extension/content/document/build.ts';
import { renderDocument } from '../extension/content/document/render.ts';
import { resolveLocators } from '../extension/content/document/locators.ts';

const INTERACTIVE_TAGS = new Set(['A', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'DETAILS', 'SUMMARY', 'OPTION']);
const INTERACTIVE_ROLES = new Set(['button', 'link', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'tab', 'checkbox', 'radio',
  'switch', 'combobox', 'option', 'slider', 'spinbutton', 'textbox', 'searchbox', 'listbox', 'treeitem']);
/** The attributes browser-use's serializer includes by default (its documented DEFAULT_INCLUDE_ATTRIBUTES). */
const ATTRIBUTES = ['title', 'type', 'checked', 'name', 'role', 'value', 'placeholder', 'data-date-format', 'alt', 'aria-label', 'aria-expanded', 'data-state', 'aria-checked'];

function interactive(el: Element, style: CSSStyleDeclaration, parentPointer: boolean): boolean {
  if (INTERACTIVE_TAGS.has(el.tagName)) return !(el.tagName === 'INPUT' && (el as HTMLInputElement).type === 'hidden');
  const role = el.getAttribute('role');
  if (role && INTERACTIVE_ROLES.has(role)) return true;
  if (el.hasAttribute('onclick')) return true;
  const tabindex = el.getAttribute('tabindex');
  if (tabindex !== null && tabindex !== '-1') return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  return style.cursor === 'pointer' && !parentPointer;
}

/**
 * Baseline (a): an indexed listing of every visible interactive element of the whole page in the style of
 * browser-use/Nanobrowser, `[i]<tag attr=value>text</tag>`, written from their public description of the format.
 */
export function baselineListing(doc: Document): { text: string; elements: Element[] } {
  const lines: string[] = [];
  const elements: Element[] = [];
  const visit = (el: Element, parentPointer: boolean) => {
    const style = getComputedStyle(el);
    if (style.display === 'none') return;
    const pointer = style.cursor === 'pointer';
    if (interactive(el, style, parentPointer) && style.visibility !== 'hidden' && (el as HTMLElement).offsetWidth > 0 && (el as HTMLElement).offsetHeight > 0) {
      const attrs = ATTRIBUTES.map((name) => [name, el.getAttribute(name)] as const).filter(([, value]) => value)
        .map(([name, value]) => ` ${name}=${value!.slice(0, 100)}`).join('');
      const text = (el as HTMLElement).innerText?.replace(/\s+/g, ' ').trim().slice(0, 100) ?? '';
      const tag = el.tagName.toLowerCase();
      lines.push(`[${elements.length}]<${tag}${attrs}>${text}</${tag}>`);
      elements.push(el);
    }
    const children = el.shadowRoot ? el.shadowRoot.children : el.children;
    for (const child of Array.from(children)) {
      if (!['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(child.tagName)) visit(child, pointer);
    }
  };
  if (doc.body) visit(doc.body, false);
  return { text: lines.join('\n'), elements };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function measure(runs: number) {
  const ours: number[] = [];
  const theirs: number[] = [];
  // Style and layout are brought up to date first, so neither side's first call pays for them.
  void document.body?.getBoundingClientRect();
  if (document.body) void getComputedStyle(document.body).display;
  // First calls: cold code, as when a content script reads a page once.
  let t0 = performance.now();
  let doc = buildPageDocument(document);
  const oursFirstMs = performance.now() - t0;
  t0 = performance.now();
  let listing = baselineListing(document);
  const baselineFirstMs = performance.now() - t0;
  doc = buildPageDocument(document);
  listing = baselineListing(document);
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    doc = buildPageDocument(document);
    ours.push(performance.now() - t);
    t = performance.now();
    listing = baselineListing(document);
    theirs.push(performance.now() - t);
  }
  // Addressable: each baseline element is one of our entries, inside a list we describe, or inside an entry.
  const entryEls: Element[] = [];
  const listEls: Element[] = [];
  for (const section of doc.sections) {
    for (const entry of section.entries) {
      const el = resolveLocators(document, entry.locators);
      if (el) (entry.kind === 'list' ? listEls : entryEls).push(el);
    }
  }
  // Inside through shadow roots too: a card's button drawn in its own root is reached through the list of cards.
  const holds = (outer: Element, el: Element): boolean => {
    for (let node: Node | null = el; node; node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null)) if (node === outer) return true;
    return false;
  };
  // Or a wrapper around exactly one of our entries, which stands for it (an ARIA 1.1 combobox around its text box, a
  // listbox of one option).
  const reached = (el: Element) => entryEls.some((e) => holds(e, el)) || listEls.some((l) => holds(l, el))
    || entryEls.filter((e) => e !== el && holds(el, e)).length === 1;
  const covered = listing.elements.filter(reached).length;
  // The listing's elements we do not reach, for the JSON (what to look at when the count drops).
  const missed = listing.elements.filter((el) => !reached(el)).slice(0, 10).map((el) => el.outerHTML.slice(0, 160));
  return {
    nodes: document.getElementsByTagName('*').length,
    ours: renderDocument(doc),
    baseline: listing.text,
    innerText: document.body?.innerText ?? '',
    html: document.documentElement.outerHTML,
    oursMs: median(ours),
    baselineMs: median(theirs),
    oursFirstMs,
    baselineFirstMs,
    baselineElements: listing.elements.length,
    covered,
    missed,
    entries: doc.stats.elements,
    truncated: doc.truncated,
  };
}

/** The document as the prompt has it, then each view (tab panels, collapsed menus) behind the control that shows it. */
function showWithViews(doc: ReturnType<typeof buildPageDocument>): string {
  const views = (doc.views ?? []).map((view) => `--- view via $${view.via}\n${renderDocument({ ...doc, sections: view.sections }).split('\n').slice(1).join('\n')}`);
  return [renderDocument(doc), ...views].join('\n');
}

(globalThis as unknown as { __pocketBench: unknown }).__pocketBench = { measure, build: () => buildPageDocument(document),
  show: (json: boolean) => (json ? JSON.stringify(buildPageDocument(document), null, 1) : showWithViews(buildPageDocument(document))), listing: () => baselineListing(document) };
