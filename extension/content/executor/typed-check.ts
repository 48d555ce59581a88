/**
 * Whether a field took what was typed into it, when what it holds is not the text typed: formatted (a mask, capitals,
 * a date turned around), completed, or rewritten by the page once typed (a smart date, a city in its own language).
 */

/** Letters and digits, case and accents aside ("Zürich" typed as "Zurich" is kept). */
const lettersOf = (text: string) => Array.from(text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()).filter((ch) => /[\p{L}\p{N}]/u.test(ch));

/**
 * What a field holds keeps at least half the letters and digits of what was typed, in any order: a mask or a format
 * ("(555) 123-4567" as "555 123 4567", a date turned around) keeps them; a page that writes its own value back over
 * the typing ("X") does not.
 */
export function keepsMostOf(holds: string, typed: string): boolean {
  const wanted = lettersOf(typed);
  if (wanted.length === 0) return true;
  const left = new Map<string, number>();
  for (const ch of lettersOf(holds)) left.set(ch, (left.get(ch) ?? 0) + 1);
  let kept = 0;
  for (const ch of wanted) {
    const n = left.get(ch) ?? 0;
    if (n > 0) {
      kept++;
      left.set(ch, n - 1);
    }
  }
  return kept * 2 >= wanted.length;
}

/**
 * The field took the keys as they came: what it held before the last one keeps most of the text typed until then.
 * A page that rewrites the text after that (on the last key, on `change`, a moment later) made its own value of the
 * text; one that wrote over every key did not take it. A text of one character shows nothing either way.
 */
export function tookTheKeys(beforeLast: string, text: string): boolean {
  const chars = Array.from(text);
  return chars.length > 1 && keepsMostOf(beforeLast, chars.slice(0, -1).join(''));
}

/** How the page says it refused what a field holds (aria-invalid, a validation message), or null. */
export function refusalOf(field: Element): string | null {
  const message = (field as HTMLInputElement).validationMessage;
  if (typeof message === 'string' && message.trim() && (field as HTMLInputElement).willValidate) return `the page says: ${message.trim().slice(0, 120)}`;
  const invalid = field.getAttribute('aria-invalid');
  return invalid && invalid !== 'false' ? 'the page marks it invalid' : null;
}
