/**
 * The content-script executor: acts on one element of the page the side panel's document describes. The element
 * is found again by its locators (list items through the list's container, item selector and index, then a slot),
 * scrolled into view, acted on with realistic events, and the answer waits until the DOM settles. Refusals are typed:
 * NotFoundError (nothing matches), ActionError (hidden, disabled, wrong kind, sensitive field, unconfirmed
 * irreversible action), NavigationError (another origin).
 */
import { ActionError, NavigationError, NotFoundError } from '../../protocol/errors.ts';
import type { ActReply, ActRequest, ActTarget } from '../../protocol/schemas.ts';
import { accessibleName, styleOf } from '../document/dom.ts';
import { isDisabled, isSensitive, kindOf } from '../document/classify.ts';
import { resolveLocators } from '../document/locators.ts';
import { slotElement } from '../document/lists.ts';
import { click, hover, selectOption, typeText } from './events.ts';
import { classifyAction } from './irreversible.ts';
import { type SettleWatch, watchSettle } from './settle.ts';

const TEXT_LIMIT = 2000;

function clean(text: string | null | undefined, max = TEXT_LIMIT): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
}

function describe(target: ActTarget | undefined): string {
  if (!target) return 'the page';
  const first = target.locators[0];
  const base = first ? `${first.by}=${JSON.stringify(first.value).slice(0, 80)}` : 'an element';
  return `${base}${target.item?.index !== undefined ? `[${target.item.index}]` : ''}`;
}

/** The element a target means now, or null. */
export function resolveTarget(doc: Document, target: ActTarget): Element | null {
  const base = resolveLocators(doc, target.locators);
  if (!base) return null;
  let el: Element | null = base;
  if (target.item?.index !== undefined) {
    let items: Element[];
    try {
      items = Array.from(base.querySelectorAll(target.item.selector));
    } catch {
      return null;
    }
    el = items[target.item.index] ?? null;
  }
  if (el && target.slot) el = slotElement(el, target.slot) ?? (target.slotOrItem ? el : null);
  return el;
}

function listItems(doc: Document, target: ActTarget): Element[] | null {
  const container = resolveLocators(doc, target.locators);
  if (!container || !target.item) return container ? [] : null;
  try {
    return Array.from(container.querySelectorAll(target.item.selector));
  } catch {
    return [];
  }
}

function isVisible(el: Element): boolean {
  if (!el.isConnected) return false;
  for (let node: Element | null = el; node; node = node.parentElement) {
    if ((node as HTMLElement).hidden) return false;
    const style = styleOf(node);
    if (style && (style.display === 'none' || style.visibility === 'hidden')) return false;
    if (node.tagName === 'DIALOG' && !(node as HTMLDialogElement).open) return false;
  }
  const rect = el.getBoundingClientRect();
  // Layout-less environments (tests without layout) report 0×0 for everything: only trust a box when layout exists.
  return rect.width > 0 || rect.height > 0 || el.ownerDocument.documentElement.getBoundingClientRect().height === 0;
}

function readText(el: Element): string {
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return isSensitive(el) ? '' : clean(el.value);
  if (el instanceof HTMLSelectElement) return clean(el.selectedOptions[0]?.text);
  return clean((el as HTMLElement).innerText ?? el.textContent);
}

function labelOf(el: Element): string {
  const parts = [accessibleName(el), clean(el.textContent, 200), el.getAttribute('title') ?? '', el.getAttribute('aria-label') ?? ''];
  if (el instanceof HTMLInputElement && ['submit', 'button', 'reset'].includes(el.type)) parts.push(el.value);
  return parts.filter(Boolean).join(' ').slice(0, 500);
}

function formOf(el: Element): HTMLFormElement | null {
  if (el instanceof HTMLButtonElement && el.type === 'submit') return el.form;
  if (el instanceof HTMLInputElement && ['submit', 'image'].includes(el.type)) return el.form;
  return null;
}

function isSearchForm(form: HTMLFormElement): boolean {
  return form.getAttribute('role') === 'search' || !!form.closest('[role=search],search') || !!form.querySelector('input[type=search]');
}

/**
 * What the user sees and confirms of an element: its label, its form's target, its link target. Digits are left out,
 * so a live count or countdown in the label ("offer ends 04:59") is still the element confirmed.
 */
function fingerprintOf(actionable: Element): string {
  const form = formOf(actionable);
  return [labelOf(actionable), form?.getAttribute('action') ?? '', actionable.getAttribute('href') ?? ''].join('|').replace(/\d+/g, '#').slice(0, 1200);
}

function needsConfirmation(actionable: Element, reason: string): ActionError {
  return new ActionError(`this action needs the user's confirmation: it ${reason}`, {
    needsConfirmation: true, reason, label: labelOf(actionable).slice(0, 200), fingerprint: fingerprintOf(actionable),
  });
}

/** The host a same-tab link leaves this site for, or undefined. */
function leavesSite(actionable: Element): string | undefined {
  const link = actionable.closest('a[href]');
  if (!link || link.getAttribute('target') === '_blank') return undefined;
  try {
    const url = new URL(link.getAttribute('href') ?? '', link.ownerDocument.baseURI);
    return /^https?:$/.test(url.protocol) && url.origin !== location.origin ? url.host : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Refuses an irreversible action the user has not confirmed; the reply tells the side panel what to show (the live
 * element's label, and a fingerprint). A confirmed action goes ahead only on the element the user confirmed: a
 * changed label, form or link target (a re-rendered row, another item at that index) is asked about again.
 */
function guardIrreversible(el: Element, request: ActRequest): void {
  const actionable = el.closest('a,button,[role=button],[role=link],[role=menuitem],input,label,summary') ?? el;
  if (request.confirmed) {
    if (request.fingerprint === undefined || request.fingerprint === fingerprintOf(actionable)) return;
    throw needsConfirmation(actionable, 'changed since you confirmed it');
  }
  if (request.mustConfirm) throw needsConfirmation(actionable, request.mustConfirm);
  // Toggling a box or focusing a field is undone by doing it again.
  if (el instanceof HTMLInputElement && ['checkbox', 'radio', 'text', 'email', 'search', 'number', 'password', 'tel', 'url'].includes(el.type)) return;
  // A run stays on the site it started on: the link is refused (the script may pick another way).
  const away = leavesSite(actionable);
  if (away) throw new NavigationError(`this link leaves ${location.host} for ${away}: a run stays on its site`, { host: away });
  const form = formOf(actionable);
  const verdict = classifyAction({
    action: request.action, label: labelOf(actionable), submits: !!form, searchForm: form ? isSearchForm(form) : false,
    effect: actionable instanceof HTMLAnchorElement ? actionable.getAttribute('href') ?? '' : '',
  });
  if (verdict.irreversible) throw needsConfirmation(actionable, verdict.reason ?? 'cannot be undone');
}

/** A form submission an unconfirmed change set off (a select or box whose handler submits), held back. */
let heldSubmit: { form: HTMLFormElement; key: string } | null = null;
const actionKey = (request: ActRequest) => JSON.stringify([request.action, request.target, request.args]);

/**
 * While a type/select/check runs unconfirmed, a submission it sets off (through `requestSubmit()` or a submit button's
 * click in a handler) is stopped in the capture phase and remembered; the action then asks for confirmation, and the
 * confirmed repeat submits the form if repeating the change did not. (`form.submit()` fires no event: not caught.)
 */
function holdSubmits(doc: Document, request: ActRequest): { stop(): HTMLFormElement | null; submitted(): boolean } {
  const view = doc.defaultView;
  let held: HTMLFormElement | null = null;
  let submitted = false;
  const onSubmit = (event: Event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    submitted = true;
    // A search, filter or sort form (GET) only shows something else: it goes through.
    if (request.confirmed || isSearchForm(form) || (form.getAttribute('method') ?? 'get').toLowerCase() === 'get') return;
    event.preventDefault();
    event.stopImmediatePropagation();
    held = form;
  };
  view?.addEventListener('submit', onSubmit, true);
  return {
    stop: () => {
      view?.removeEventListener('submit', onSubmit, true);
      return held;
    },
    submitted: () => submitted,
  };
}

function usable(el: Element, request: ActRequest): void {
  if (!isVisible(el)) throw new ActionError(`${describe(request.target)} is hidden: it cannot be ${request.action}ed now`, { state: 'hidden' });
  if (isDisabled(el)) throw new ActionError(`${describe(request.target)} is disabled`, { state: 'disabled' });
}

async function settle(watch: SettleWatch, request: ActRequest, startUrl: string): Promise<ActReply> {
  const settled = await watch.settled(request.settleMs ?? 2000);
  const url = location.href.slice(0, 4000);
  return { changed: settled.changed || url !== startUrl, navigated: settled.unloading, url };
}

const APPEAR_MS = 1000;

async function appearing(doc: Document, target: ActTarget, ms: number): Promise<Element | null> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const el = resolveTarget(doc, target);
    if (el) return el;
  }
  return null;
}

export async function act(doc: Document, request: ActRequest): Promise<ActReply> {
  if (request.expectedOrigin && location.origin !== request.expectedOrigin) {
    throw new NavigationError(`the page left ${request.expectedOrigin} for ${location.origin}: nothing is done here`, { leftOrigin: true });
  }
  const startUrl = location.href.slice(0, 4000);
  const reply = (value: ActReply['value']): ActReply => ({ value, changed: false, navigated: false, url: startUrl });

  if (request.action === 'navigate') {
    const path = String(request.args[0] ?? '');
    let url: URL;
    try {
      url = new URL(path, location.href);
    } catch {
      throw new NavigationError(`navigate(): ${JSON.stringify(path.slice(0, 100))} is not a path`);
    }
    if (url.origin !== location.origin) throw new NavigationError(`navigate() stays on ${location.origin}; ${JSON.stringify(path.slice(0, 100))} is another site`);
    const sameDocument = url.pathname === location.pathname && url.search === location.search;
    if (sameDocument) {
      const watch = watchSettle(doc);
      location.hash = url.hash;
      return settle(watch, request, startUrl);
    }
    setTimeout(() => location.assign(url.href), 0);
    return { changed: true, navigated: true, url: url.href.slice(0, 4000) };
  }

  const target = request.target;
  if (!target) throw new NotFoundError(`${request.action} needs an element`);

  if (request.action === 'count') {
    const items = listItems(doc, target);
    if (!items) throw new NotFoundError(`the list ${describe(target)} is not on the page now`);
    return reply(items.length);
  }
  if (request.action === 'find') {
    const items = listItems(doc, target);
    if (!items) throw new NotFoundError(`the list ${describe(target)} is not on the page now`);
    const wanted = clean(String(request.args[0] ?? '')).toLowerCase();
    return reply(items.findIndex((item) => readText(item).toLowerCase().includes(wanted)));
  }
  if (request.action === 'exists') {
    const el = resolveTarget(doc, target);
    return reply(!!el && isVisible(el));
  }
  if (request.action === 'waitFor') {
    const timeout = Math.max(0, Math.min(60_000, Number(request.args[0] ?? 5000) || 0));
    const until = Date.now() + timeout;
    for (;;) {
      const el = resolveTarget(doc, target);
      if (el && isVisible(el)) return reply(true);
      if (Date.now() >= until) throw new NotFoundError(`${describe(target)} did not appear within ${timeout} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  // Like a person, wait a moment for an element the last action is still bringing in (a re-render, a slow fetch).
  // A row's link (slotOrItem) is waited for like any element; only a row that still has none takes the click itself.
  const strict = target.slotOrItem ? { ...target, slotOrItem: false } : target;
  const el = resolveTarget(doc, strict) ?? await appearing(doc, strict, Math.min(APPEAR_MS, request.settleMs ?? APPEAR_MS))
    ?? (target.slotOrItem ? resolveTarget(doc, target) : null);
  if (!el) {
    throw new NotFoundError(target.item?.index !== undefined
      ? `item ${target.item.index} of ${describe({ locators: target.locators })} is not on the page (the list has ${listItems(doc, target)?.length ?? 0} items)`
      : `${describe(target)} is not on the page now`, target.item?.index !== undefined ? { index: target.item.index } : undefined);
  }
  if (request.action === 'text') return reply(readText(el));
  if (request.action === 'value') {
    if (isSensitive(el)) throw new ActionError('this field is sensitive: its value is not read');
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) return reply(el.checked);
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return reply(el.value.slice(0, TEXT_LIMIT));
    return reply(readText(el));
  }

  el.scrollIntoView?.({ block: 'center', inline: 'nearest' });
  if (request.action === 'scroll') return reply(null);
  usable(el, request);

  const watch = watchSettle(doc);
  const changes = request.action === 'type' || request.action === 'select' || request.action === 'check' || request.action === 'uncheck';
  const submits = changes ? holdSubmits(doc, request) : undefined;
  try {
    switch (request.action) {
      case 'hover':
        hover(el);
        break;
      case 'click':
        guardIrreversible(el, request);
        click(el);
        break;
      case 'check':
      case 'uncheck': {
        const want = request.action === 'check';
        const checkable = el instanceof HTMLInputElement ? el : el.querySelector('input[type=checkbox],input[type=radio]');
        const current = checkable instanceof HTMLInputElement ? checkable.checked : el.getAttribute('aria-checked') === 'true';
        if (!(checkable instanceof HTMLInputElement) && !el.hasAttribute('aria-checked')) throw new ActionError(`${describe(target)} is not a checkbox`);
        if (current !== want) {
          click(checkable instanceof HTMLInputElement ? checkable : el);
        }
        break;
      }
      case 'type': {
        const text = String(request.args[0] ?? '');
        const kind = kindOf(el);
        const typable = el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && !['checkbox', 'radio', 'submit', 'button', 'file', 'image', 'reset', 'hidden'].includes(el.type))
          || (el as HTMLElement).isContentEditable || kind === 'editable';
        if (!typable) throw new ActionError(`${describe(target)} is not a text field (${kind ?? el.tagName.toLowerCase()})`);
        if ((el as HTMLInputElement).readOnly) throw new ActionError(`${describe(target)} is read-only`);
        if (isSensitive(el) && !request.userSupplied) {
          throw new ActionError('this field is sensitive (password, card, code…): only a value the user gave in this run may be typed into it', { sensitive: true });
        }
        typeText(el, text);
        break;
      }
      case 'select': {
        if (!(el instanceof HTMLSelectElement)) throw new ActionError(`${describe(target)} is not a select`);
        const chosen = selectOption(el, String(request.args[0] ?? ''));
        if (chosen === undefined) {
          throw new ActionError(`no option ${JSON.stringify(String(request.args[0]).slice(0, 100))}; options: ${Array.from(el.options).map((o) => JSON.stringify(clean(o.text, 60))).slice(0, 20).join(', ')}`);
        }
        break;
      }
      default:
        throw new ActionError(`unknown action ${String(request.action)}`);
    }
  } catch (error) {
    submits?.stop();
    void watch.settled(0, 0);
    throw error;
  }
  const settled = await settle(watch, request, startUrl);
  const held = submits?.stop() ?? null;
  if (held) {
    heldSubmit = { form: held, key: actionKey(request) };
    throw needsConfirmation(held, `submits ${held.getAttribute('aria-label') ?? held.getAttribute('name') ?? 'a form'} when it changes`);
  }
  if (request.confirmed && heldSubmit?.key === actionKey(request)) {
    // Confirmed: the submission held back last time happens now, unless repeating the change already made it.
    const { form } = heldSubmit;
    heldSubmit = null;
    if (!submits?.submitted() && form.isConnected) {
      const after = watchSettle(doc);
      form.requestSubmit();
      return { ...await settle(after, request, startUrl), value: null };
    }
  }
  return { ...settled, value: null };
}
