/** Did the page end up as the task wanted? Compares only what the expectation names; `pressed` must match exactly. */
import type { PageState } from './render.ts';
import type { Expectation } from './tasks.ts';

export interface Outcome {
  state: PageState;
  fields: Record<string, string | boolean>;
  result: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The first mismatch as a sentence, or null when the outcome is what the task wanted. */
export function judge(expect: Expectation, outcome: Outcome): string | null {
  const { state } = outcome;
  if (expect.submitted) {
    const got = state.submitted[expect.submitted.form];
    if (!got) return `form ${expect.submitted.form} was not submitted`;
    if (!same(got, expect.submitted.values)) return `form ${expect.submitted.form} submitted ${JSON.stringify(got)}, wanted ${JSON.stringify(expect.submitted.values)}`;
  } else if (Object.keys(state.submitted).length) {
    return `a form was submitted (${Object.keys(state.submitted).join(', ')}) though the task did not ask for it`;
  }
  for (const [id, value] of Object.entries(expect.fields ?? {})) {
    if (outcome.fields[id] !== value) return `field ${id} is ${JSON.stringify(outcome.fields[id])}, wanted ${JSON.stringify(value)}`;
  }
  if (!same(state.pressed, expect.pressed ?? [])) return `pressed ${JSON.stringify(state.pressed)}, wanted ${JSON.stringify(expect.pressed ?? [])}`;
  if (expect.searched !== undefined && state.searched.at(-1) !== expect.searched) return `searched ${JSON.stringify(state.searched)}, wanted ${JSON.stringify(expect.searched)}`;
  if (expect.todos && !same(state.todos, expect.todos)) return `todos are ${JSON.stringify(state.todos)}, wanted ${JSON.stringify(expect.todos)}`;
  for (const [id, on] of Object.entries(expect.toggles ?? {})) {
    if (state.toggles[id] !== on) return `toggle ${id} is ${String(state.toggles[id])}, wanted ${String(on)}`;
  }
  if (expect.tab && state.tab[expect.tab.settings] !== expect.tab.tab) return `tab ${state.tab[expect.tab.settings]} is open, wanted ${expect.tab.tab}`;
  if ((expect.hash ?? '') !== state.hash) return `the page went to #${state.hash}, wanted ${expect.hash ? `#${expect.hash}` : 'no link followed'}`;
  if (expect.result !== undefined && !same(outcome.result, expect.result)) return `result ${JSON.stringify(outcome.result)}, wanted ${JSON.stringify(expect.result)}`;
  return null;
}
