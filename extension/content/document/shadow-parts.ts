/**
 * List items drawn in shadow roots: a grid of `<product-card>` elements, each drawing its title, price and button in
 * its own root. The item is the host; its fields are found through the root, written `:scope >>> div.card > h3` (the
 * part after `>>>` is read from the shadow root of what the part before found). Explorer, session 41: such cards were
 * no list, each a section of its own.
 */
import { shadowOf } from './dom.ts';
import { attr, childrenOf, matchesOf, namespaceOf, nodeTypeOf, parentNodeOf, parentOf, queryAllOf, queryOf, tagNameOf } from './dom-safe.ts';

/** Between the part of a field's path in the item's tree and the part in the shadow root of the element it reaches. */
export const INTO_SHADOW = ' >>> ';

/** The shadow root `el` is a top-level element of, or null. */
export function rootAbove(el: Element): ShadowRoot | null {
  if (parentOf(el)) return null;
  const above = parentNodeOf(el);
  return above && nodeTypeOf(above as Node) === 11 && (above as ShadowRoot).host ? (above as ShadowRoot) : null;
}

/** The element above `el`, a shadow root's host for the root's top-level elements. */
export const upAcross = (el: Element): Element | null => parentOf(el) ?? rootAbove(el)?.host ?? null;

/**
 * The elements inside `item`, its shadow roots' (first: that is what shows) and its own, at most `max`, in order; not a
 * select's options nor the drawing inside an `<svg>`, which hold no part (Amazon's cart row: twelve quantities and the
 * icons' paths used up the count before its price and Share link; explorer, session 64).
 */
export function partsOf(item: Element, max: number): Element[] {
  const out: Element[] = [];
  const read = (root: Element | ShadowRoot) => {
    for (const el of Array.from(queryAllOf(root, '*'))) {
      if (out.length >= max) return;
      if (noPart(el)) continue;
      out.push(el);
      const inner = shadowOf(el);
      if (inner) read(inner);
    }
  };
  const own = shadowOf(item);
  if (own) read(own);
  read(item);
  return out;
}

const SVG = 'http://www.w3.org/2000/svg';
const noPart = (el: Element): boolean => {
  const tag = tagNameOf(el);
  if (tag === 'OPTION' || tag === 'OPTGROUP' || tag === 'SCRIPT' || tag === 'STYLE') return true;
  return namespaceOf(el) === SVG && tag !== 'svg';
};

/** The element a field's path finds from its item, through the shadow roots the path enters; null if none. */
export function queryAcross(item: Element, path: string): Element | null {
  const [first, ...inside] = path.split(INTO_SHADOW);
  let at: Element | null = first === ':scope' ? item : queryOf(item, first!);
  for (const part of inside) {
    const root = at && shadowOf(at);
    if (!root) return null;
    at = queryRoot(root, part);
  }
  return at;
}

/** `a.x > b > c` from a shadow root: its top-level elements are where `a.x` is looked for. */
function queryRoot(root: ShadowRoot, path: string): Element | null {
  const cut = path.indexOf(' > ');
  const top = cut < 0 ? path : path.slice(0, cut);
  const rest = cut < 0 ? '' : path.slice(cut + 3);
  for (const child of Array.from(childrenOf(root))) {
    if (!matchesOf(child, top)) continue;
    if (!rest) return child;
    const found = queryOf(child, `:scope > ${rest}`);
    if (found) return found;
  }
  return null;
}

/**
 * The words of a host's own content that its root shows inside one of its controls (`<sl-button>Cancel</sl-button>`
 * drawing `<button><slot></slot></button>`): the control's label, no field of its own (review, session 42: a row of
 * such buttons became a list of `text` and `button`). `node` is a light child of the host, or the host for its text.
 */
export function slottedIntoControl(node: Element, host: Element, isControl: (el: Element) => boolean): boolean {
  let slotted: Element | Text | null = node;
  if (node === host) {
    slotted = null;
    for (let child = host.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3 && /\S/.test(child.nodeValue ?? '')) {
        slotted = child as Text;
        break;
      }
    }
  }
  // Where the browser does not say (a closed root hides it; a DOM without slot assignment): the slot named by its
  // `slot`, else the default one.
  const slot = slotted ? (slotted as Element).assignedSlot ?? slotFor(host, slotted) : null;
  for (let at: Element | null = slot, n = 0; at && at !== host && n < 1_000; at = upAcross(at), n++) if (isControl(at)) return true;
  return false;
}

function slotFor(host: Element, node: Element | Text): Element | null {
  const root = shadowOf(host);
  if (!root) return null;
  const name = node.nodeType === 1 ? attr(node as Element, 'slot') : null;
  return queryOf(root, name ? `slot[name=${JSON.stringify(name)}]` : 'slot:not([name]), slot[name=""]');
}
