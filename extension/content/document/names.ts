/** The readable part of an entry's name, from its label and kind (build.ts; the executor checks list items by it). */
import type { ElementEntry } from './types.ts';
import { textOf } from './dom.ts';
import { nameWords, readableToken, slug } from './text.ts';
import { attr, closestOf, idOf, queryOf } from './dom-safe.ts';

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

/** The readable part of an element's name: its label (a radio also its group), then a suffix for its kind. */
export function ownName(el: Element, kind: ElementEntry['kind'], label: string): string {
  let base = slug(nameWords(label));
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

