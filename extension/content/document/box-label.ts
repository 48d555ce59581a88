/**
 * A checkbox or radio button a page draws itself: the input is hidden (`display: none`, the `hidden` attribute, no
 * size, `visibility: hidden`) and its label, often holding a styled box, is what a person sees and clicks. A file input
 * the same way: its label is the page's "Upload" button. The label
 * stands in for the input: the input is the entry (its name, its state), the label is where it is and what is clicked.
 */
import { htmlTag } from './classify.ts';
import { matchesOf, queryAllOf } from './dom-safe.ts';

/**
 * The first label of `input` that can be reached (`reachable`), when the input is a checkbox, radio button or file input that
 * cannot be reached itself; else null.
 */
export function labelStandIn(input: Element, reachable: (el: Element) => boolean): Element | null {
  if (htmlTag(input) !== 'INPUT') return null;
  const box = input as HTMLInputElement;
  if (box.type !== 'checkbox' && box.type !== 'radio' && box.type !== 'file') return null;
  if (reachable(input)) return null;
  let labels: readonly Element[];
  try {
    labels = box.labels ? Array.from(box.labels) : [];
  } catch {
    return null;
  }
  // A label that is, or holds, a box of the page's own (`role=checkbox` with `aria-checked`) is that box's: the box is
  // the entry already, and the hidden input only its form value.
  // The input itself as `role=switch` inside its drawn toggle (`label.switch > input + span.slider`) is no other box.
  return labels.find((label) => reachable(label) && !matchesOf(label, BOX_ROLES) && !Array.from(queryAllOf(label, BOX_ROLES)).some((other) => other !== input)) ?? null;
}

const BOX_ROLES = '[role=checkbox],[role=radio],[role=switch],[role=menuitemcheckbox],[role=menuitemradio]';
