/**
 * What a `<time datetime>` or a `<data value>` says for machines — the element itself, or the one such element in it:
 * "2026-11-24T10:00:00Z" where the page shows "2 hours ago" or "Aug 3", which no script can turn into a date. A list
 * field that has one shows it in the document (`date (.value() "2026-08-03")`), and `.value()` reads it.
 */
import { attr, queryAllOf } from './dom-safe.ts';
import { tagOf } from './dom.ts';
import { collapse } from './text.ts';

const machine = (node: Element): string | null => (tagOf(node) === 'TIME' ? attr(node, 'datetime') : tagOf(node) === 'DATA' ? attr(node, 'value') : null);

export function machineValue(el: Element, max = 2000): string | undefined {
  const own = machine(el);
  // An empty datetime/value says nothing for machines: the element's own value (its text) stands.
  if (own !== null) return collapse(own).slice(0, max) || undefined;
  const inner = queryAllOf(el, 'time[datetime], data[value]');
  return inner.length === 1 ? collapse(machine(inner[0]!) ?? '').slice(0, max) || undefined : undefined;
}
