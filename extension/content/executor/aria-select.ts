import { click } from './events.ts';

/**
 * `select()` on a picker the page draws itself: a `role=combobox` (or a button with `aria-haspopup=listbox`) whose
 * options show in a `role=listbox` once it is opened, or a listbox shown already. As a person does it: open it, then
 * click the option.
 */
export function isAriaPicker(el: Element): boolean {
  const role = el.getAttribute('role');
  return role === 'combobox' || role === 'listbox' || el.getAttribute('aria-haspopup') === 'listbox';
}

const OPEN_WAIT_MS = 1000;
const norm = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The option chosen (its text), or the options there were when none matched. */
export async function pickAriaOption(el: Element, wanted: string, shown: (el: Element) => boolean): Promise<{ chosen: string } | { options: string[] }> {
  let options = optionsOf(el, shown);
  const opens = !options.length && el.getAttribute('role') !== 'listbox';
  if (opens) {
    // A list the page draws elsewhere (a portal at the end of the body) without naming it: the one that shows up.
    const before = new Set(listboxesIn(el).filter(shown));
    const appeared = () => listboxesIn(el).filter((box) => !before.has(box) && shown(box));
    click(el);
    for (const until = Date.now() + OPEN_WAIT_MS; !options.length && Date.now() < until;) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      options = optionsOf(el, shown);
      if (!options.length) options = appeared().flatMap((box) => Array.from(box.querySelectorAll('[role=option]'))).filter(shown).slice(0, 500);
    }
  }
  const lower = norm(wanted).toLowerCase();
  const option = options.find((o) => norm(o.textContent) === norm(wanted))
    ?? options.find((o) => norm(o.textContent).toLowerCase() === lower)
    ?? (lower ? options.find((o) => norm(o.textContent).toLowerCase().includes(lower)) : undefined);
  if (!option) {
    // Closed again as a person would (Escape): a list left open (its backdrop) would cover the rest of the page.
    if (opens && options.length) {
      const win = el.ownerDocument.defaultView as (Window & typeof globalThis) | null;
      if (win) el.dispatchEvent(new win.KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true, composed: true }));
      if (optionsOf(el, shown).length) click(el);
    }
    return { options: options.map((o) => norm(o.textContent).slice(0, 60)) };
  }
  // In a list of several choices a click on a chosen option unchooses it: chosen already is chosen.
  if (option.getAttribute('aria-selected') === 'true' && option.closest('[aria-multiselectable=true]')) return { chosen: norm(option.textContent) };
  option.scrollIntoView?.({ block: 'nearest' });
  click(option);
  return { chosen: norm(option.textContent) };
}

/** The listboxes of the picker's document (or shadow root). */
function listboxesIn(el: Element): Element[] {
  const root = el.getRootNode() as Document | ShadowRoot;
  return Array.from(root.querySelectorAll?.('[role=listbox]') ?? []).slice(0, 50);
}

/** The shown options of the listbox the picker names (aria-controls, aria-owns), holds, or is. */
function optionsOf(el: Element, shown: (el: Element) => boolean): Element[] {
  const doc = el.ownerDocument;
  const named = `${el.getAttribute('aria-controls') ?? ''} ${el.getAttribute('aria-owns') ?? ''}`.split(/\s+/).filter(Boolean)
    .map((id) => (el.getRootNode() as Document | ShadowRoot).getElementById?.(id) ?? doc.getElementById(id)).filter((box): box is HTMLElement => !!box);
  const boxes = el.getAttribute('role') === 'listbox' ? [el] : named.length ? named : Array.from(el.querySelectorAll('[role=listbox]'));
  return boxes.flatMap((box) => Array.from(box.querySelectorAll('[role=option]'))).filter(shown).slice(0, 500);
}
