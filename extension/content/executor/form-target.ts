import { attr, hasAttr, ownerDocOf, queryOf, tagNameOf } from '../document/dom-safe.ts';
import { namesAnotherWindow } from './window-open.ts';

const setAttr = (el: Element, name: string, value: string) => Element.prototype.setAttribute.call(el, name, value);
const removeAttr = (el: Element, name: string) => Element.prototype.removeAttribute.call(el, name);

/** The submitter's `formtarget` counts only on a submit button, as the browser reads it. */
function targetingSubmitter(submitter: Element | null): Element | null {
  if (!submitter || !hasAttr(submitter, 'formtarget')) return null;
  const tag = tagNameOf(submitter);
  // The type as the browser reads it (a button of no known type submits).
  const type = String((submitter as HTMLButtonElement).type ?? '').toLowerCase();
  if (tag === 'BUTTON') return type === 'submit' ? submitter : null;
  return tag === 'INPUT' && (type === 'submit' || type === 'image') ? submitter : null;
}

/**
 * A submission of a form of this site that the browser would send to another tab or window (`target=_blank`, a
 * submitter's `formtarget`, a name no frame of the page has, the page's `<base target>`) is sent to this tab, where the
 * run reads on, as a run's click on such a link is (`openedHere`). Called once the submission goes ahead (after the
 * page's own submit handlers; at once for `form.submit()`): the browser reads the target after the submit event. The
 * form's own attributes are put back right after. Forms of frames, other sites' addresses and a frame's name are
 * left to the browser.
 */
/** The document's base URL through Node's own getter: a page's `<img name="baseURI">` shadows the document's. */
const baseOf = (doc: Document): string => Object.getOwnPropertyDescriptor(Node.prototype, 'baseURI')!.get!.call(doc) as string;

export function sendHere(form: HTMLFormElement, submitter: Element | null): void {
  try {
    retarget(form, submitter);
  } catch {
    // A page that broke what this reads: the submission goes as the page wrote it.
  }
}

function retarget(form: HTMLFormElement, submitter: Element | null): void {
  const doc = ownerDocOf(form);
  if (doc !== document || window.top !== window) return;
  const by = targetingSubmitter(submitter);
  const holder: Element = by ?? form;
  const name = by ? 'formtarget' : 'target';
  const base = queryOf(doc, 'base[target]');
  const target = (attr(holder, name) ?? (base ? attr(base, 'target') : null) ?? '').trim();
  if (target === '' || !namesAnotherWindow(doc, target)) return;
  const action = (submitter && hasAttr(submitter, 'formaction') ? attr(submitter, 'formaction') : attr(form, 'action')) ?? '';
  try {
    const url = new URL(action === '' ? location.href : action, baseOf(doc));
    if (!/^https?:$/.test(url.protocol) || url.origin !== location.origin) return;
  } catch {
    return;
  }
  const had = attr(holder, name);
  setAttr(holder, name, '_top');
  setTimeout(() => {
    if (had === null) removeAttr(holder, name);
    else setAttr(holder, name, had);
  }, 0);
}
