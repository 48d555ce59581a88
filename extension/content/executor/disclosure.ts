/**
 * An element inside a closed `<details>` is not shown (only its summary is): a person opens it first, by its summary.
 * The executor does the same before acting on it (explorer, session 41: a box in a closed "Advanced" was checked
 * unseen, the disclosure left closed).
 */
import { ActionError } from '../../protocol/errors.ts';
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

/** How long a disclosure that opens itself a moment after its summary's click (an animated accordion) is waited for. */
const OPENS_WITHIN_MS = 500;

/**
 * Opens the closed disclosures around `el` by their summaries, as a person would. One the page keeps closed (its
 * summary's click cancelled: a locked section) is not forced open: an ActionError says so (review, session 42).
 */
export async function openAround(el: Element, described: string): Promise<void> {
  for (const details of closedAround(el)) {
    const summary = Array.from(details.children).find((child) => child.localName === 'summary');
    if (summary) click(summary);
    const until = performance.now() + OPENS_WITHIN_MS;
    while (!details.open && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 25));
    if (!details.open) {
      const title = (summary?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
      throw new ActionError(`${described} is inside a closed section${title ? ` ${JSON.stringify(title)}` : ''} that did not open when its summary was clicked: it cannot be reached now`, { state: 'hidden' });
    }
  }
}
