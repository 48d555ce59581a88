import { describe, expect, test } from 'vitest';
import { suggestPageName } from '../../../extension/sandbox/capabilities/name-suggest.ts';

/** Page names are `section__own`: a suggestion goes by the element's own words, then spelling (explorer, session 40). */
describe('suggestPageName', () => {
  const names = ['new_message__to', 'new_message__subject', 'new_message__send_button', 'booking__check_in', 'booking__out', 'booking__guests',
    'inbox__messages', 'aside__most_read', 'compose_button', 'summary__proceed_to_checkout'];

  test('the same own part in another section is the element meant', () => {
    expect(suggestPageName('compose__to', names)).toEqual({ suggestion: '$new_message__to' });
    expect(suggestPageName('most_read', names)).toEqual({ suggestion: '$aside__most_read' });
  });

  test('a typo, or a word more or less, of the own part', () => {
    expect(suggestPageName('compose_buton', names)).toEqual({ suggestion: '$compose_button' });
    expect(suggestPageName('new_message__send', names)).toEqual({ suggestion: '$new_message__send_button' });
    expect(suggestPageName('cart__checkout', names)).toEqual({ suggestion: '$summary__proceed_to_checkout' });
  });

  test('a name whose own words match nothing gets no misleading suggestion: its section\'s names instead', () => {
    expect(suggestPageName('booking__budget', names)).toEqual({ inSection: ['$booking__check_in', '$booking__out', '$booking__guests'], sectionSize: 3 });
    expect(suggestPageName('nowhere__budget', names)).toEqual({});
    expect(suggestPageName('zz', names)).toEqual({});
  });
});
