/**
 * One bounded pass over the rendered tree in document order: open shadow roots (through their slots), same-origin
 * iframes, sections (landmarks, forms, dialogs, labelled regions, headings) and the actionable elements in them.
 */
import type { ElementKind, SectionKind } from './types.ts';
import { accessibleName, byId, hasLayout, hidesSubtree, SKIP_TAGS, styleOf, textOf } from './dom.ts';
import { kindOf, roleOf } from './classify.ts';
import { collapse, readableToken, slug, truncate } from './text.ts';

export interface SectionRef {
  name: string;
  title: string;
  kind: SectionKind;
}

/** A container in the walk; headings met inside it (outside nested containers) name what follows them. */
export interface Frame {
  el: Element | null;
  section: SectionRef;
  /** Landmarks, forms and dialogs keep their own name; main content, frames and the page take their last heading's. */
  fixed: boolean;
  heading: SectionRef | undefined;
}

export interface Candidate {
  el: Element;
  kind: ElementKind;
  section: SectionRef;
  /** The landmark, form, dialog, region or frame around it (or the page), headings aside. */
  landmark: SectionRef;
  inViewport: boolean | undefined;
}

export interface WalkResult {
  candidates: Candidate[];
  visited: number;
  truncated: 'nodes' | 'time' | undefined;
  frames: Map<Element, Frame>;
}

export interface WalkLimits {
  maxNodes: number;
  maxMs: number;
  now: () => number;
}

const NO_DESCEND_KINDS = new Set<ElementKind>(['link', 'button', 'select', 'text_input', 'text_area', 'option', 'tab', 'menuitem', 'editable', 'checkbox', 'radio', 'switch', 'slider', 'combobox']);
const NATURALLY_FOCUSABLE = new Set(['A', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'SUMMARY', 'IFRAME', 'AREA']);
const HEADING = /^H[1-6]$/;

function section(name: string, title: string, kind: SectionKind): SectionRef {
  return { name: name || kind, title: truncate(collapse(title), 120), kind };
}

function ownLabel(el: Element): string | undefined {
  const ids = el.getAttribute('aria-labelledby');
  if (ids) {
    const text = collapse(ids.split(/\s+/).map((id) => byId(el, id)).filter((x): x is Element => !!x).map((x) => textOf(x, 200)).join(' '));
    if (text) return text;
  }
  const aria = collapse(el.getAttribute('aria-label') ?? '');
  return aria || undefined;
}

function innerHeading(el: Element): string | undefined {
  const heading = el.querySelector('h1,h2,h3,h4,h5,h6,[role=heading]');
  const text = heading ? textOf(heading, 200) : '';
  return text || undefined;
}

function isTopLevel(el: Element): boolean {
  return !el.parentElement?.closest('article,aside,main,nav,section,[role=main],[role=article],[role=region],[role=complementary],[role=navigation]');
}

/** The frame an element opens, if it is a container. */
function containerOf(el: Element, parent: Frame): Frame | undefined {
  const role = roleOf(el);
  const tag = el.tagName;
  let kind: SectionKind | undefined;
  if (tag === 'DIALOG' || role === 'dialog' || role === 'alertdialog') kind = 'dialog';
  else if (role === 'search' || tag === 'SEARCH') kind = 'search';
  else if (tag === 'FORM' || role === 'form') kind = 'form';
  else if (tag === 'NAV' || role === 'navigation') kind = 'nav';
  else if (role === 'banner' || (tag === 'HEADER' && !role && isTopLevel(el))) kind = 'header';
  else if (role === 'contentinfo' || (tag === 'FOOTER' && !role && isTopLevel(el))) kind = 'footer';
  else if (tag === 'ASIDE' || role === 'complementary') kind = 'aside';
  else if (tag === 'MAIN' || role === 'main') kind = 'main';
  else if ((tag === 'SECTION' || tag === 'ARTICLE' || role === 'region') && ownLabel(el)) kind = 'region';
  if (!kind) return undefined;

  const label = ownLabel(el);
  // A dialog's form is the dialog: one section, named and kinded as the dialog.
  if (kind === 'form' && !label && parent.section.kind === 'dialog') return { el, section: parent.section, fixed: true, heading: undefined };
  if (kind === 'main') return { el, section: section(label ? slug(label, 3) : 'main', label ?? '', 'main'), fixed: !!label, heading: undefined };
  if (kind === 'region') return { el, section: section(slug(label!, 3), label!, 'region'), fixed: true, heading: undefined };
  if (label) return { el, section: section(slug(label, 3), label, kind), fixed: true, heading: undefined };
  if (kind === 'dialog' || kind === 'form' || kind === 'search') {
    const heading = innerHeading(el);
    if (heading) return { el, section: section(slug(heading, 3), heading, kind), fixed: true, heading: undefined };
    const id = readableToken(el.id) ?? readableToken(el.getAttribute('name'));
    if (id) return { el, section: section(slug(id, 3), '', kind), fixed: true, heading: undefined };
    const around = parent.heading;
    if (around && kind === 'form') return { el, section: section(`${around.name}_form`, around.title, kind), fixed: true, heading: undefined };
  }
  return { el, section: section(kind, '', kind), fixed: true, heading: undefined };
}

/**
 * A heading inside a repeated structure (a card's or a result's title) names that item, not a section: some small
 * ancestor is one of at least 3 like siblings that make up most of their parent.
 */
type RepeatCache = Map<Element, Map<string, number>>;
const repeatKey = (el: Element) => `${el.tagName}.${typeof el.className === 'string' ? el.className : ''}`;

function inRepeat(heading: Element, stop: Element | null, cache: RepeatCache): boolean {
  let node: Element | null = heading.parentElement;
  for (let depth = 0; node && node !== stop && depth < 5; depth++, node = node.parentElement) {
    const parent: Element | null = node.parentElement;
    if (!parent) return false;
    if (node.getElementsByTagName('*').length > 40) return false;
    let counts = cache.get(parent);
    if (!counts) {
      counts = new Map();
      for (const sibling of Array.from(parent.children)) counts.set(repeatKey(sibling), (counts.get(repeatKey(sibling)) ?? 0) + 1);
      cache.set(parent, counts);
    }
    const same = counts.get(repeatKey(node)) ?? 0;
    if (same >= 3 && same * 2 >= parent.children.length) return true;
  }
  return false;
}

/** A heading's own words: links and buttons inside it (Wikipedia's "[edit]", permalinks ¶) left out unless that is all. */
function headingText(el: Element): string {
  if (!el.querySelector('a,button')) return textOf(el, 200);
  const clone = el.cloneNode(true) as Element;
  for (const inner of Array.from(clone.querySelectorAll('a,button'))) inner.remove();
  const own = collapse(textOf(clone, 200).replace(/\[\s*[|]?\s*\]/g, ' '));
  return own.length >= 2 ? own : textOf(el, 200);
}

function sectionFor(frame: Frame): SectionRef {
  return frame.fixed || !frame.heading ? frame.section : frame.heading;
}

interface Item {
  el: Element;
  frame: Frame;
  /** Inside an element whose descendants are not separate entries (a button's spans, a link's image). */
  inside: boolean;
  parentPointer: boolean;
}

/** The rendered children, last first (for the stack): the shadow tree instead of the light one, a slot's assigned nodes. */
function pushChildren(el: Element, push: (child: Element) => void): void {
  if (el.tagName === 'SLOT') {
    const assigned = (el as HTMLSlotElement).assignedElements?.() ?? [];
    if (assigned.length) {
      for (let i = assigned.length - 1; i >= 0; i--) push(assigned[i]!);
      return;
    }
  }
  const parent: Element | ShadowRoot = el.shadowRoot ?? el;
  const closedDetails = el.tagName === 'DETAILS' && !el.hasAttribute('open');
  for (let child = parent.lastElementChild; child; child = child.previousElementSibling) {
    if (!closedDetails || child.tagName === 'SUMMARY') push(child);
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

export function walk(doc: Document, limits: WalkLimits): WalkResult {
  const start = limits.now();
  const candidates: Candidate[] = [];
  const frames = new Map<Element, Frame>();
  const layout = hasLayout(doc);
  const page: Frame = { el: null, section: section('page', '', 'page'), fixed: false, heading: undefined };
  const stack: Item[] = [{ el: doc.body ?? doc.documentElement, frame: page, inside: false, parentPointer: false }];
  let visited = 0;
  let truncated: WalkResult['truncated'];
  const repeats: RepeatCache = new Map();

  while (stack.length) {
    const item = stack.pop()!;
    const { el } = item;
    if (SKIP_TAGS.has(el.tagName)) continue;
    visited++;
    if (visited > limits.maxNodes) {
      truncated = 'nodes';
      break;
    }
    if ((visited & 127) === 0 && limits.now() - start > limits.maxMs) {
      truncated = 'time';
      break;
    }
    const style = styleOf(el);
    if (hidesSubtree(el, style)) continue;
    const shown = style?.visibility !== 'hidden' && style?.visibility !== 'collapse';
    const pointer = style?.cursor === 'pointer';

    let frame = item.frame;
    const opened = containerOf(el, frame);
    if (opened) {
      frame = opened;
      frames.set(el, frame);
    }
    if ((HEADING.test(el.tagName) || roleOf(el) === 'heading') && !item.inside && !inRepeat(el, frame.el, repeats)) {
      const title = headingText(el);
      if (title) frame.heading = section(slug(title, 3), title, 'heading');
    }

    let kind = item.inside ? undefined : kindOf(el);
    if (!kind && !item.inside && el !== doc.body && el.tagName !== 'LABEL' && !NATURALLY_FOCUSABLE.has(el.tagName)) {
      const tabindex = Number.parseInt(el.getAttribute('tabindex') ?? '', 10);
      if (tabindex >= 0 || el.hasAttribute('onclick') || (pointer && !item.parentPointer && textOf(el, 40))) kind = 'clickable';
    }
    let inViewport: boolean | undefined;
    if (kind && shown && layout) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0 && style?.display !== 'contents') kind = undefined;
      else {
        const view = el.ownerDocument.defaultView;
        inViewport = !!view && rect.bottom > 0 && rect.right > 0 && rect.top < view.innerHeight && rect.left < view.innerWidth;
      }
    }
    if (kind && shown) candidates.push({ el, kind, section: sectionFor(frame), landmark: frame.section, inViewport });

    if (el.tagName === 'IFRAME' || el.tagName === 'FRAME') {
      const inner = frameDocument(el);
      if (inner) {
        const title = el.getAttribute('title') ?? el.getAttribute('name') ?? inner.title ?? '';
        const framed: Frame = { el, section: section(slug(title, 3) || 'frame', title, 'frame'), fixed: false, heading: undefined };
        frames.set(el, framed);
        stack.push({ el: inner.body ?? inner.documentElement, frame: framed, inside: false, parentPointer: false });
      }
      continue;
    }
    // A link's or a button's insides (icons, spans) are part of it: nothing there is a separate entry.
    if (kind && NO_DESCEND_KINDS.has(kind)) continue;
    pushChildren(el, (child) => stack.push({ el: child, frame, inside: false, parentPointer: pointer }));
  }
  return { candidates, visited: Math.min(visited, limits.maxNodes), truncated, frames };
}

export { accessibleName };
