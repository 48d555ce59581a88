/**
 * The browser's own checks of a form (constraint validation): a required field left empty, an email that is no
 * email, a number past its maximum. A form that fails them is not sent by its button or by Enter: the browser fires
 * `invalid` at each field that fails, shows a bubble, and nothing else happens, so a click that "worked" would report
 * a send that never went. Judged after the click, from the `invalid` events it set off: before it, a page's own click
 * handler may still send the form itself (fetch), fill the field, or turn the checks off.
 */
import { ActionError } from '../../protocol/errors.ts';
import { accessibleName, styleOf } from '../document/dom.ts';
import { attr, closestOf, rootNodeOf } from '../document/dom-safe.ts';
import { isSensitive } from '../document/classify.ts';
import { labelStandIn } from '../document/box-label.ts';

/** A form control as constraint validation sees it (an input, select, text area, or a form-associated custom element). */
interface Validated extends Element { validity?: ValidityState; validationMessage?: string; form?: HTMLFormElement | null; type?: string; name?: string }

export interface RefusedField { label: string; problem: string; hidden?: true }

const MAX_FIELDS = 8;

const words = (text: string | null | undefined, max: number) => (text ?? '').replace(/\s+/g, ' ').trim().slice(0, max);

/** Where a person could see and click it: of some size, not invisible. */
function reachable(el: Element): boolean {
  const style = styleOf(el);
  return !!(el as HTMLElement).getClientRects?.().length && style?.visibility !== 'hidden' && style?.visibility !== 'collapse';
}

/** No one can fill it: hidden, and no shown label stands in for it (a box the page draws is filled through its label). */
const outOfReach = (el: Element): boolean => el.getAttribute('type') === 'hidden' || (!reachable(el) && !labelStandIn(el, reachable));

/** The problem in our words, for a field whose page text must not be passed on (a card field's message may echo it). */
function problemOf(validity: ValidityState | undefined): string {
  if (!validity) return 'not valid';
  if (validity.valueMissing) return 'required, empty';
  if (validity.typeMismatch || validity.patternMismatch || validity.badInput) return 'not in the form it takes';
  if (validity.tooShort || validity.tooLong) return 'not of the length it takes';
  if (validity.rangeUnderflow || validity.rangeOverflow || validity.stepMismatch) return 'out of the range it takes';
  return 'the page refuses it';
}

/**
 * The fields of `form` among `invalid` (the targets of the `invalid` events seen), one per radio group, named by
 * their labels (a group by its legend or name), with the browser's message.
 */
function fieldsOf(form: HTMLFormElement, invalid: readonly Element[]): RefusedField[] {
  const fields: RefusedField[] = [];
  const groups = new Set<string>();
  for (const control of new Set(invalid) as Set<Validated>) {
    // A form-associated custom element has its form on its internals, not on itself.
    const owner = control.form !== undefined ? control.form : closestOf(control, 'form');
    if (owner !== form) continue;
    let label = words(accessibleName(control), 80);
    if (control.type === 'radio' && control.name) {
      // One field for the group: choosing any of its options answers it.
      if (groups.has(control.name)) continue;
      groups.add(control.name);
      const legend = closestOf(control, 'fieldset')?.querySelector('legend');
      label = words(legend?.textContent, 80) || control.name;
    }
    label ||= words(attr(control, 'placeholder'), 80) || words(attr(control, 'name'), 80) || words(attr(control, 'type'), 20) || 'a field';
    const problem = isSensitive(control) ? problemOf(control.validity) : words(control.validationMessage, 160) || problemOf(control.validity);
    fields.push({ label, problem, ...(outOfReach(control) ? { hidden: true as const } : {}) });
  }
  return fields;
}

/** The name a form goes by in a message (its label, its name), quoted, or "the form". */
function formName(form: HTMLFormElement): string {
  const name = words(accessibleName(form), 60) || words(attr(form, 'name'), 60);
  return name ? `the form ${JSON.stringify(name)}` : 'the form';
}

/**
 * Watches for `invalid` events in the tree of `within` (a form, an element) while `act` runs (they do not bubble, nor cross a shadow root:
 * caught on the way down at its root). Returns the fields that fired one.
 */
export function invalidDuring(within: Node, act: () => void): Element[] {
  const root = rootNodeOf(within);
  const seen: Element[] = [];
  const note = (event: Event) => {
    const target = event.target as Node | null;
    if (target?.nodeType === 1) seen.push(target as Element);
  };
  root.addEventListener('invalid', note, true);
  try {
    act();
  } finally {
    root.removeEventListener('invalid', note, true);
  }
  return seen;
}

/**
 * An ActionError naming the fields that kept `form` from being sent (page text quoted: a message the page set is data,
 * not words of the error); null when none of `invalid` is its. `how` says what was to send it.
 */
/** The form of a field that fired `invalid` (a form-associated custom element's by where it sits). */
export function formOfField(field: Element): HTMLFormElement | null {
  const control = field as Validated;
  const owner = control.form !== undefined ? control.form : closestOf(control, 'form');
  return owner && owner.tagName.toUpperCase() === 'FORM' ? (owner as HTMLFormElement) : null;
}

export function invalidFormError(form: HTMLFormElement, invalid: readonly Element[], how = ''): ActionError | null {
  const fields = fieldsOf(form, invalid);
  if (!fields.length) return null;
  const one = fields.length === 1;
  const listed = fields.slice(0, MAX_FIELDS).map((field) => `${JSON.stringify(field.label)} (${JSON.stringify(field.problem)}${field.hidden ? '; hidden on the page: no one can fill it there' : ''})`);
  const more = fields.length > MAX_FIELDS ? `, and ${fields.length - MAX_FIELDS} more` : '';
  const fix = fields.every((field) => field.hidden) ? `the page itself must fill or show ${one ? 'it' : 'them'}` : `fill ${one ? 'it' : 'them'} in (type, select, check), then send it again`;
  return new ActionError(`${formName(form)} was not sent${how ? ` (${how})` : ''}: ${one ? 'this field is' : `these ${fields.length} fields are`} not filled in as the form requires: ${listed.join(', ')}${more}; ${fix}`,
    { state: 'invalid-form', fields: fields.slice(0, MAX_FIELDS) });
}
