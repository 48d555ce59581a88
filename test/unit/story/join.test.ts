import { expect, test } from 'vitest';
import { joinStory } from '../../../extension/features/story/join.ts';

test('prompt and story join with one space where a person would put one (exploratory test, session 17)', () => {
  expect(joinStory('Once upon a time', 'little boy named Tim')).toBe('Once upon a time little boy named Tim');
  expect(joinStory('Once upon a time', ', there was a cat.')).toBe('Once upon a time, there was a cat.');
  expect(joinStory('Once upon a time ', 'there')).toBe('Once upon a time there');
  expect(joinStory('Once upon a time', ' there')).toBe('Once upon a time there');
  expect(joinStory('', 'there')).toBe('there');
  expect(joinStory('She said "', 'hello')).toBe('She said "hello');
  // A quote before a word opens dialogue; one before punctuation or a space closes the prompt's (session 20).
  expect(joinStory('DIALOG', '"Hi," said Tom.')).toBe('DIALOG "Hi," said Tom.');
  expect(joinStory('She said "Hello', '" and left.')).toBe('She said "Hello" and left.');
  expect(joinStory('She said "Hello', '"')).toBe('She said "Hello"');
});
