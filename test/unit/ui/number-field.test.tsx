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
