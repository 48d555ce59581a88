/**
 * A select whose groups (`<optgroup>`) hold options of the same text ("Basic" under "Small cars" and under "Large
 * cars"): each such option is said with its group, "Large cars: Basic", in the document, and `select("Large cars:
 * Basic")` chooses it. Options whose text is one of a kind are said as they are.
 */
import { tagOf } from './dom.ts';
import { attr, parentOf } from './dom-safe.ts';

const norm = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The label of the `<optgroup>` an option sits in, or undefined. */
export function groupOf(option: HTMLOptionElement): string | undefined {
  const group = parentOf(option);
  if (!group || tagOf(group) !== 'OPTGROUP') return undefined;
  return norm(attr(group, 'label') ?? '') || undefined;
}

/** Whether some option text repeats in the select across groups: then options are said with their group. */
export function groupsTellApart(options: readonly HTMLOptionElement[], text: (o: HTMLOptionElement) => string): boolean {
  const seen = new Map<string, string | undefined>();
  for (const option of options) {
    const key = text(option).toLowerCase();
    const group = groupOf(option);
    if (seen.has(key) && seen.get(key) !== group && (group || seen.get(key))) return true;
    seen.set(key, group);
  }
  return false;
}

/** `"Group: text"` for an option in a group, else its text. */
export function withGroup(option: HTMLOptionElement, text: string): string {
  const group = groupOf(option);
  return group ? `${group}: ${text}` : text;
}
