/** The readable part of an entry's name, from its label and kind (build.ts; the executor checks list items by it). */
import type { ElementEntry } from './types.ts';
import { textOf } from './dom.ts';
import { collapse, nameWords, numbersIn, readableToken, slug, tidyWords, withoutNumbers } from './text.ts';
import { attr, classListOf, closestOf, idOf, queryAllOf, queryOf, textContentOf } from './dom-safe.ts';

const KIND_SUFFIX: Partial<Record<ElementEntry['kind'], string>> = {
  button: 'button', link: 'link', tab: 'tab', menuitem: 'menuitem', option: 'option', switch: 'switch',
};

function radioGroup(el: Element): string {
  const fieldset = closestOf(el, 'fieldset');
  const legend = fieldset ? queryOf(fieldset, 'legend') : null;
  if (legend) return textOf(legend, 80);
  const group = closestOf(el, '[role=radiogroup]');
  if (group) return attr(group, 'aria-label') ?? '';
  return attr(el, 'name') ?? '';
}

/** Words that say a control's state, not what it is ("Read selected", "Home (current)"). */
const STATE_WORDS = /^\(?\s*(selected|current|current page|active|pressed|checked|following|followed|recommended|subscribed)\s*\)?$/i;
/** Classes that hide text from the eye and keep it for screen readers. */
const VISUALLY_HIDDEN = /^(sr-only|sr-text|visually-?hidden|visuallyhidden|u-visually-hidden|off-?screen|screen-?reader-(text|only)|a11y-hidden|hidden-visually|assistive-text|element-invisible)$/i;

/**
 * A label with what changes as the page lives taken off: state words its visually hidden text or its ARIA state add
 * ("Read selected", "Home (current)"), and the numbers a page renders into elements of their own (a count
 * `<span>941</span>`, a rank) or into visually hidden text ("with 51 posters participating"). A number in the words
 * themselves ("Chapter 7", "Issue #48", "Sales 2024") is what the control is, and stays.
 */
function withoutChangingWords(el: Element, label: string, keepNumbers: boolean): string {
  let out = label;
  const drop = (words: string) => {
    const at = out.toLowerCase().lastIndexOf(words.toLowerCase());
    if (at >= 0) out = `${out.slice(0, at)} ${out.slice(at + words.length)}`;
  };
  const numbers = new Set<string>();
  if (/[\s(]/.test(out)) {
    for (const inner of Array.from(queryAllOf(el, '*')).slice(0, 40)) {
      const words = collapse(textContentOf(inner));
      if (!words) continue;
      const hidden = Array.from(classListOf(inner)).some((c) => VISUALLY_HIDDEN.test(c));
      if (hidden && STATE_WORDS.test(words)) drop(words);
      else if (hidden || /^[#№]?\d[\d,.]*$/.test(words)) for (const number of numbersIn(words)) numbers.add(number);
    }
  }
  if (!keepNumbers) out = withoutNumbers(out, numbers);
  const stated = attr(el, 'aria-selected') === 'true' || attr(el, 'aria-pressed') === 'true' || attr(el, 'aria-checked') === 'true'
    || (attr(el, 'aria-current') ?? 'false') !== 'false';
  if (stated) {
    const trailing = /\s+\(?\s*(selected|current|pressed|checked)\s*\)?\s*$/i.exec(out);
    if (trailing) out = out.slice(0, trailing.index);
  }
  return /[\p{L}\p{N}]/u.test(out) ? out : label;
}

/**
 * The readable part of an element's name: its label (a radio also its group), then a suffix for its kind. Counts,
 * ranks and state words are left out (they change as the page lives); `keepNumbers` keeps the label whole (build.ts
 * asks for it where a number left out is what tells two controls apart: "Chapter <span>7</span>", "… <span>8</span>").
 */
export function ownName(el: Element, kind: ElementEntry['kind'], label: string, keepNumbers = false): string {
  let base = slug(tidyWords(nameWords(withoutChangingWords(el, label, keepNumbers))));
  if (!base) base = slug(attr(el, 'placeholder') ?? '') || slug(readableToken(idOf(el)) ?? '') || slug(readableToken(attr(el, 'name')) ?? '');
  if (kind === 'radio') {
    const group = slug(radioGroup(el), 2);
    if (group && !base.startsWith(group)) base = base ? `${group}_${base}` : group;
  }
  const suffix = KIND_SUFFIX[kind];
  if (!base) return suffix ?? kind;
  if (suffix && !base.endsWith(suffix)) return `${base}_${suffix}`;
  return base;
}

