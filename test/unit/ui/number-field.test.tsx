// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { useState } from 'preact/hooks';
import { NumberField } from '../../../extension/ui/NumberField.tsx';

/** Typing a number digit by digit, as a person does: intermediate values below the minimum must not be snapped. */
let used = 0;
function Harness({ min, max, start, step }: { min: number; max: number; start: number; step?: number }) {
  const [value, setValue] = useState(start);
  used = value;
  return <NumberField id="n" label="Number" value={value} min={min} max={max} {...(step ? { step } : {})} onInput={setValue} />;
}

function mount(props: { min: number; max: number; start: number; step?: number }): HTMLInputElement {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  act(() => render(<Harness {...props} />, root));
  return root.querySelector('input')!;
}

function typeOver(input: HTMLInputElement, text: string) {
  input.value = '';
  act(() => void input.dispatchEvent(new Event('input', { bubbles: true })));
  for (const ch of text) {
    input.value += ch;
    act(() => void input.dispatchEvent(new Event('input', { bubbles: true })));
  }
}

const blur = (input: HTMLInputElement) => act(() => void input.dispatchEvent(new FocusEvent('blur')));

describe('NumberField', () => {
  test.each([
    ['128 into a field with min 8', { min: 8, max: 2048, start: 256 }, '128', 128],
    ['10 into a field with min 2, max 16', { min: 2, max: 16, start: 5 }, '10', 10],
    ['0.7 into a temperature field with min 0.1', { min: 0.1, max: 2, start: 1, step: 0.1 }, '0.7', 0.7],
  ])('typing %s shows and uses what was typed', (_name, props, text, expected) => {
    const input = mount(props);
    typeOver(input, text);
    expect(input.value).toBe(text);
    expect(used).toBe(expected);
  });

  test('out of range or empty: kept as typed while typing, clamped (or restored) on leaving the field', () => {
    const input = mount({ min: 2, max: 16, start: 5 });
    typeOver(input, '40');
    expect(input.value).toBe('40');
    expect(used).toBe(4); // "4" was in range on the way
    blur(input);
    expect(used).toBe(16);
    expect(input.value).toBe('16');
    typeOver(input, '');
    blur(input);
    expect(input.value).toBe('16');
  });
});

/** Exploratory test of the panels: "2.5" samples started a run that failed with "samples: Invalid integer: Received 2.5". */
describe('NumberField for whole numbers (step 1, a step of 32, or `integer`)', () => {
  const note = () => document.querySelector('[data-testid="field-note"]')?.textContent ?? '';

  test('a fraction is never passed on: it counts as the nearest whole number, and the field says so', () => {
    const input = mount({ min: 2, max: 16, start: 5 });
    typeOver(input, '2.5');
    expect(used).toBe(3);
    expect(input.value).toBe('2.5'); // as typed, until the field is left
    expect(note()).toBe('Whole numbers only: 2.5 counts as 3.');
    blur(input);
    expect(input.value).toBe('3');
    expect(used).toBe(3);
    expect(note()).toBe('Whole numbers only: 2.5 was rounded to 3.');
    typeOver(input, '7');
    expect(note()).toBe('');
  });

  test('rounded, then clamped like any other entry on leaving the field', () => {
    const input = mount({ min: 8, max: 2048, start: 256, step: 32 });
    typeOver(input, '100.5');
    expect(used).toBe(101);
    blur(input);
    expect(input.value).toBe('101');
    typeOver(input, '0.4');
    blur(input);
    expect(input.value).toBe('8');
    expect(used).toBe(8);
  });

  test('the note is tied to the input (aria-describedby), and fields with a fractional step keep fractions', () => {
    const input = mount({ min: 2, max: 16, start: 5 });
    typeOver(input, '4.5');
    expect(document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent).toContain('Whole numbers only');
    const temperature = mount({ min: 0.1, max: 2, start: 1, step: 0.1 });
    typeOver(temperature, '0.75');
    expect(used).toBe(0.75);
    expect(note()).toBe('');
  });

  test('a fraction stored by an older version is rounded when the field shows it', () => {
    mount({ min: 2, max: 16, start: 2.5 });
    expect(used).toBe(3);
  });
});
