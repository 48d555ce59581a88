// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { build, entries } from './helpers.ts';
import { optionFor, sameTextInGroups, selectOption } from '../../../extension/content/executor/events.ts';

const select = (html: string) => entries(build(`<main><h1>Car</h1><label for="s">Car</label><select id="s">${html}</select></main>`))[0]!;

describe('options of the same text in two groups (session 46)', () => {
  test('are said with their group, the chosen one too', () => {
    expect(select('<optgroup label="Small"><option>Basic</option><option>Plus</option></optgroup><optgroup label="Large"><option>Basic</option></optgroup>'))
      .toMatchObject({ state: { selected: 'Small: Basic' }, options: ['Small: Basic', 'Small: Plus', 'Large: Basic'] });
  });

  test('groups of options all different, and a repeat outside groups, are said as they are', () => {
    expect(select('<optgroup label="Small"><option>Basic</option></optgroup><optgroup label="Large"><option>Plus</option></optgroup>'))
      .toMatchObject({ options: ['Basic', 'Plus'] });
    expect(select('<option>Basic</option><option>Basic</option>')).toMatchObject({ options: ['Basic', 'Basic'] });
  });

  test('a text in more than one group is ambiguous to select(); with its group, or one of a kind, it is not', () => {
    build('<select id="s"><optgroup label="Small"><option>Basic</option><option>Plus</option></optgroup><optgroup label="Large"><option> Basic </option></optgroup></select>');
    const el = document.getElementById('s') as HTMLSelectElement;
    expect(sameTextInGroups(el, 'basic')).toEqual(['Small: Basic', 'Large: Basic']);
    expect(sameTextInGroups(el, 'Large: Basic')).toEqual([]);
    expect(sameTextInGroups(el, 'Plus')).toEqual([]);
  });
});

test('review, session 46: a text outside any group is that option; one of two of the same value is chosen itself', () => {
  build('<select id="s"><option>Basic</option><optgroup label="Large cars"><option>Basic</option><option>Plus</option></optgroup></select>');
  const el = document.getElementById('s') as HTMLSelectElement;
  expect(sameTextInGroups(el, 'Basic')).toEqual([]);
  expect(optionFor(el, 'Basic')!.index).toBe(0);
  expect(optionFor(el, 'Large cars: Basic')!.index).toBe(1);
  build('<select id="t"><optgroup label="Standard"><option>Home delivery</option></optgroup><optgroup label="Express"><option>Home delivery</option></optgroup></select>');
  const same = document.getElementById('t') as HTMLSelectElement;
  selectOption(same, 'Express: Home delivery');
  expect(same.selectedIndex).toBe(1);
});
