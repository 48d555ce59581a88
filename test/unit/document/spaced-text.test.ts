/**
 * `.text()` reads what the page draws (innerText); where two elements' words meet with no space in the markup and a
 * style sheet draws them apart, it spaces them as the page document does (explorer, session 36: bbc-1's comments link
 * read "View comments941" where the document showed "View comments 941").
 */
import { describe, expect, test } from 'vitest';
import { mayRunTogether, spacedLike } from '../../../extension/content/document/text.ts';

describe('spacedLike', () => {
  test.each([
    ['View comments941', 'View comments 941', 'View comments 941'],
    ['HomeAbout', 'Home About', 'Home About'],
    ['Page 2of 10', 'Page 2 of 10', 'Page 2 of 10'],
    // Markup inside a word, a drop cap, numbers in pieces, punctuation: as drawn.
    ['Hello', 'Hel lo', 'Hello'],
    ['Once upon', 'O nce upon', 'Once upon'],
    ['1234', '12 34', '1234'],
    ['Price$5', 'Price $5', 'Price$5'],
    // The two texts differ in more than spaces (hidden words, alt text, a style's capitals): as drawn.
    ['View comments941', 'View comments (hidden) 941', 'View comments941'],
    ['VIEW COMMENTS941', 'View comments 941', 'VIEW COMMENTS941'],
    // The document's words cut shorter: the rest as drawn.
    ['Read more2 of 3', 'Read more 2', 'Read more 2 of 3'],
    ['', '', ''],
  ])('%j with the words %j reads %j', (shown, words, expected) => {
    expect(spacedLike(shown, words)).toBe(expected);
  });

  test('most texts have nothing to space', () => {
    expect(mayRunTogether('View comments941')).toBe(true);
    expect(mayRunTogether('HomeAbout')).toBe(true);
    expect(mayRunTogether('View comments 941')).toBe(false);
    expect(mayRunTogether('Quarterly report draft')).toBe(false);
  });
});
