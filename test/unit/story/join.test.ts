import { expect, test } from 'vitest';
import { joinStory } from '../../../extension/features/story/join.ts';

test('prompt and story join with one space where a person would put one (exploratory test, session 17)', () => {
  expect(joinStory('Once upon a time', 'little boy named Tim')).toBe('Once upon a time little boy named Tim');
  expect(joinStory('Once upon a time', ', there was a cat.')).toBe('Once upon a time, there was a cat.');
  expect(joinStory('Once upon a time ', 'there')).toBe('Once upon a time there');
  expect(joinStory('Once upon a time', ' there')).toBe('Once upon a time there');
  expect(joinStory('', 'there')).toBe('there');
  expect(joinStory('She said "', 'hello')).toBe('She said "hello');
});
