/**
 * An element inside a closed `<details>` is not shown (only its summary is): a person opens it first, by its summary.
 * The executor does the same before acting on it (explorer, session 41: a box in a closed "Advanced" was checked
 * unseen, the disclosure left closed).
 */
import { click } from './events.ts';

/** The closed disclosures around `el`, outermost first (not one whose summary `el` is in: that shows). */
export function closedAround(el: Element): HTMLDetailsElement[] {
  const out: HTMLDetailsElement[] = [];
  let from: Element = el;
  for (let node = el.parentElement, steps = 0; node && steps < 10_000; from = node, node = node.parentElement, steps++) {
    if (node.localName !== 'details' || (node as HTMLDetailsElement).open) continue;
    const summary = Array.from(node.children).find((child) => child.localName === 'summary');
    if (from !== summary) out.unshift(node as HTMLDetailsElement);
  }
  return out;
}

/** Opens the closed disclosures around `el` by their summaries, as a person would (the `open` flag where a summary does nothing). */
export function openAround(el: Element): void {
  for (const details of closedAround(el)) {
    const summary = Array.from(details.children).find((child) => child.localName === 'summary');
    if (summary) click(summary);
    if (!details.open) details.open = true;
  }
}
