/**
 * The browser's own checks of a form (constraint validation): a required field left empty, an email that is no
 * email, a number past its maximum. A form that fails them is not sent by its button or by Enter; the browser shows a
 * bubble and nothing else happens, so a click that "worked" would report a send that never went.
 */
import { ActionError } from '../../protocol/errors.ts';
import { accessibleName, styleOf } from '../document/dom.ts';
import { attr, hasAttr } from '../document/dom-safe.ts';

/** A form control as constraint validation sees it (an input, select, text area, button, or a form-associated custom element). */
interface Validated extends Element { willValidate?: boolean; validity?: ValidityState; validationMessage?: string }

export interface RefusedField { label: string; problem: string; hidden?: true }

const MAX_FIELDS = 8;

let formControlsGetter: ((this: HTMLFormElement) => HTMLFormControlsCollection) | undefined;
/** A form's controls, read through the browser's own getter (a control named `elements` shadows the form's). */
export const controlsOf = (form: HTMLFormElement) =>
  (formControlsGetter ??= Object.getOwnPropertyDescriptor(HTMLFormElement.prototype, 'elements')!.get! as (this: HTMLFormElement) => HTMLFormControlsCollection).call(form);

const words = (text: string | null | undefined, max: number) => (text ?? '').replace(/\s+/g, ' ').trim().slice(0, max);

/** Not where a person could fill it: not rendered, or hidden by the page. */
function outOfReach(el: Element): boolean {
  if ((el as HTMLInputElement).type === 'hidden') return true;
  const style = styleOf(el);
  return !(el as HTMLElement).getClientRects?.().length || style?.visibility === 'hidden' || style?.visibility === 'collapse';
}

/** The fields that keep `form` from being sent by `submitter` (the button clicked, or none: Enter, `requestSubmit()`). */
export function refusedFields(form: HTMLFormElement, submitter: Element | null): RefusedField[] {
  // novalidate on the form, or formnovalidate on the button: the page checks the fields itself, the browser sends as is.
  // Read as attributes: a control named `noValidate` shadows the form's property.
  if (hasAttr(form, 'novalidate') || (submitter && hasAttr(submitter, 'formnovalidate'))) return [];
  const refused: RefusedField[] = [];
  for (const control of Array.from(controlsOf(form)) as Validated[]) {
    if (!control.willValidate || !control.validity || control.validity.valid) continue;
    const label = words(accessibleName(control), 80) || words(attr(control, 'placeholder'), 80) || words(attr(control, 'name'), 80) || words(attr(control, 'type'), 20) || 'a field';
    const field: RefusedField = { label, problem: words(control.validationMessage, 160) || 'not valid' };
    if (outOfReach(control)) field.hidden = true;
    refused.push(field);
  }
  return refused;
}

/** The name a form goes by in a message (its label, its name), quoted, or "the form". */
function formName(form: HTMLFormElement): string {
  const name = words(accessibleName(form), 60) || words(attr(form, 'name'), 60);
  return name ? `the form ${JSON.stringify(name)}` : 'the form';
}

/**
 * Throws an ActionError naming the fields when the browser would refuse to send `form` (page text quoted: a message
 * set by the page is data, not words of the error). `how` says what was to send it ("Enter in the field sends it").
 */
export function refuseInvalidForm(form: HTMLFormElement, submitter: Element | null, how = ''): void {
  const fields = refusedFields(form, submitter);
  if (!fields.length) return;
  const listed = fields.slice(0, MAX_FIELDS).map((field) => `${JSON.stringify(field.label)} (${JSON.stringify(field.problem)}${field.hidden ? '; hidden on the page: no one can fill it there' : ''})`);
  const more = fields.length > MAX_FIELDS ? `, and ${fields.length - MAX_FIELDS} more` : '';
  const fix = fields.every((field) => field.hidden) ? 'the page itself must fill or show them' : 'fill them in (type, select, check), then send it again';
  throw new ActionError(`${formName(form)} is not sent: the browser refuses it until ${fields.length === 1 ? '1 field is' : `${fields.length} fields are`} right: ${listed.join(', ')}${more}${how ? ` (${how})` : ''}; ${fix}`,
    { state: 'invalid-form', fields: fields.slice(0, MAX_FIELDS) });
}
