import { datalistOf } from '../document/classify.ts';
import { typeText } from './events.ts';
import { matchOption } from './option-match.ts';

/**
 * `select()` on a text field with suggestions (`<input list>`, a datalist): the browser draws them, not the page, and
 * the field's value is free text, so the option is chosen by typing its value.
 */

const norm = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The suggestions of a field with a datalist, or null for any other element. */
export function suggestionsOf(el: Element): HTMLOptionElement[] | null {
  const list = datalistOf(el);
  return list ? Array.from(list.querySelectorAll('option')).slice(0, 500) : null;
}

/** The suggestion typed into the field (its value), or the suggestions there are when none is `wanted`. */
export async function typeSuggestion(field: HTMLInputElement, suggestions: HTMLOptionElement[], wanted: string): Promise<{ chosen: string } | { options: string[] }> {
  const option = matchOption(suggestions, wanted, (o) => [o.label || o.value, o.value], undefined, { exactNames: 2, partialNames: 2 })?.option;
  if (!option) return { options: suggestions.map((o) => norm(o.label || o.value).slice(0, 60)) };
  await typeText(field, option.value);
  return { chosen: option.value };
}
