// @vitest-environment happy-dom
/** A step's number is no part of its section's name (explorer, session 41: `step_1_your`). */
import { expect, test } from 'vitest';
import { build, names } from './helpers.ts';

const sectionOf = (heading: string) => names(build(`<main><h2>${heading}</h2><input name="q"></main>`))[0]!.split('__')[0];

test('"Step 1: Your details", "Step 2 of 3 – Payment", "2. Shipping address" are named by what the step is', () => {
  expect(['Step 1: Your details', 'Step 2 of 3 – Payment', 'Part 3. Review', '2. Shipping address', '3) Confirm'].map(sectionOf))
    .toEqual(['your_details', 'payment', 'review', 'shipping_address', 'confirm']);
});

test('numbers that are the title stay ("Top 10 tips", "1984", "Section 3")', () => {
  expect(['Top 10 tips', '1984', 'Section 3', '2024 results'].map(sectionOf)).toEqual(['top_10_tips', '1984', 'section_3', '2024_results']);
});
