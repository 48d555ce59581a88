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

describe('suggestPageName, after review (session 41)', () => {
  const names = ['nav__items', 'footer__items', 'related_products__items', 'send', 'x__a', 'login__email', 'newsletter_signup__email_address'];

  test('a typo of a short own part (a letter swapped) is still suggested; one or two letters are too short to tell', () => {
    expect(suggestPageName('sned', names)).toEqual({ suggestion: '$send' });
    expect(suggestPageName('q', names)).toEqual({});
    expect(suggestPageName('form__b', names)).toEqual({});
  });

  test('of several names with the own part written, the one whose section shares a word; else they are listed, not guessed', () => {
    expect(suggestPageName('products__items', names)).toEqual({ suggestion: '$related_products__items' });
    expect(suggestPageName('cart__items', names)).toEqual({ alike: ['$nav__items', '$footer__items', '$related_products__items'] });
  });

  test('a name a script built (thousands of characters) gets nothing, at once', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `section_${i}__field_${i}`);
    expect(suggestPageName('x'.repeat(20_000), many)).toEqual({});
  });
});

test('in the section meant, the element meant, before the same own part elsewhere', () => {
  expect(suggestPageName('newsletter__email', ['login__email', 'newsletter_signup__email_address'])).toEqual({ suggestion: '$newsletter_signup__email_address' });
});
