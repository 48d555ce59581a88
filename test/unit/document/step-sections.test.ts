// @vitest-environment happy-dom
/** A step's number is no part of its section's name (explorer, session 41: `step_1_your`). */
import { expect, test } from 'vitest';
import { build, names } from './helpers.ts';

const sectionOf = (heading: string) => names(build(`<main><h2>${heading}</h2><input name="q"></main>`))[0]!.split('__')[0];

test('"Step 1: Your details", "Step 2 of 3 – Payment" are named by what the step is', () => {
  expect(['Step 1: Your details', 'Step 2 of 3 – Payment', 'Part 3. Review', 'Stage 2 — Confirm'].map(sectionOf))
    .toEqual(['your_details', 'payment', 'review', 'confirm']);
});

test('numbers that are the title stay ("Top 10 tips", "1984", "Section 3")', () => {
  expect(['Top 10 tips', '1984', 'Section 3', '2024 results'].map(sectionOf)).toEqual(['top_10_tips', '1984', 'section_3', '2024_results']);
  // Without a mark after the number it is a title of its own (review, session 42).
  expect(['Part 2 of the series', 'Phase 2 trials', 'Step 1 of 3', '2. Bundesliga', 'Section 8 housing'].map(sectionOf))
    .toEqual(['part_2', 'phase_2_trials', 'step_1', '2_bundesliga', 'section_8_housing']);
});
