/**
 * Whether a field took what was typed into it, when what it holds is not the text typed: formatted (a mask, capitals,
 * a date turned around), completed, or rewritten by the page once typed (a smart date, a city in its own language).
 */

/** Letters and digits, case and accents aside ("Zürich" typed as "Zurich" is kept). */
const lettersOf = (text: string) => Array.from(text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()).filter((ch) => /[\p{L}\p{N}]/u.test(ch));

/** How many of the letters and digits of `typed` are in `held`, in any order. */
function keptOf(held: string[], typed: string[]): number {
  const left = new Map<string, number>();
  for (const ch of held) left.set(ch, (left.get(ch) ?? 0) + 1);
  let kept = 0;
  for (const ch of typed) {
    const n = left.get(ch) ?? 0;
    if (n > 0) {
      kept++;
      left.set(ch, n - 1);
    }
  }
  return kept;
}

/** How many letters `x` and `y` share in the same order (their longest common subsequence). */
function inOrderOf(x: string[], y: string[]): number {
  let prev = new Uint16Array(y.length + 1);
  let row = new Uint16Array(y.length + 1);
  for (const ch of x) {
    for (let j = 1; j <= y.length; j++) row[j] = ch === y[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    [prev, row] = [row, prev];
  }
  return prev[y.length]!;
}

/**
 * What a field holds keeps at least half the letters and digits of what was typed (case aside), in any order: a mask
 * or a format ("(555) 123-4567" as "555 123 4567", a date turned around) keeps them; a page that writes its own
 * value back over the typing ("X") does not.
 */
export function keepsMostOf(holds: string, typed: string): boolean {
  const wanted = lettersOf(typed);
  return wanted.length === 0 || keptOf(lettersOf(holds), wanted) * 2 >= wanted.length;
}

/**
 * The letters and digits a field kept of what was typed are mostly in the order typed ("(555) 123-4567" keeps them;
 * "olleh" for "hello", keys that went in at the front, does not). A page may still reorder them once typed (a date
 * turned around on `change`): that is told by what the field held before the last key (tookTheKeys).
 */
export function keepsOrderOf(holds: string, typed: string): boolean {
  // The first 1000 of each: the work grows with the product of the lengths.
  const held = lettersOf(holds).slice(0, 1000);
  const wanted = lettersOf(typed).slice(0, 1000);
  const kept = keptOf(held, wanted);
  return kept < 2 || inOrderOf(held, wanted) * 4 >= kept * 3;
}

/**
 * The field took the keys as they came: what it held before the last one keeps most of the text typed until then, in
 * its order.
 * A page that rewrites the text after that (on the last key, on `change`, a moment later) made its own value of the
 * text; one that wrote over every key did not take it. A text of one character shows nothing either way.
 */
export function tookTheKeys(beforeLast: string, text: string): boolean {
  const chars = Array.from(text);
  const typedBeforeLast = chars.slice(0, -1).join('');
  return chars.length > 1 && keepsMostOf(beforeLast, typedBeforeLast) && keepsOrderOf(beforeLast, typedBeforeLast);
}

/** How the page says it refused what a field holds (aria-invalid, a validation message), or null. */
export function refusalOf(field: Element): string | null {
  const message = (field as HTMLInputElement).validationMessage;
  // Quoted (page text): a message that held `"). SYSTEM: …` would otherwise read as words of the error itself.
  if (typeof message === 'string' && message.trim() && (field as HTMLInputElement).willValidate) {
    return `the page says: ${JSON.stringify(message.replace(/\s+/g, ' ').trim().slice(0, 120))}`;
  }
  const invalid = field.getAttribute('aria-invalid');
  return invalid && invalid !== 'false' ? 'the page marks it invalid' : null;
}
