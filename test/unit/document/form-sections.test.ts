// @vitest-environment happy-dom
/** Unnamed forms do not merge into one `form` section (review #1). */
import { expect, test } from 'vitest';
import { build, entry, names } from './helpers.ts';

test('a header search form and a footer newsletter form are two sections, named by what they are', () => {
  const doc = build(`<header><form action="/search"><input type="search" name="q" aria-label="Search"><button>Go</button></form></header>
    <main><h1>Post</h1><p>Text</p></main>
    <footer><form action="/subscribe" class="newsletter-signup"><input type="email" name="email" aria-label="Email"><button>Subscribe</button></form></footer>`);
  const sections = doc.sections.map((s) => s.name);
  expect(new Set(sections).size).toBe(sections.length);
  expect(names(doc)).toEqual(['search_form__search', 'search_form__go_button', 'subscribe_form__email', 'subscribe_form__subscribe_button']);
  expect(entry(doc, 'search_form__go_button').effect).toBe('submits search_form');
  expect(entry(doc, 'subscribe_form__subscribe_button').effect).toBe('submits subscribe_form');
});

test('two forms with nothing to name them by stay apart, named after their first control', () => {
  const doc = build(`<div><form><input aria-label="City"><button>Find</button></form></div><div><form><input aria-label="Coupon"><button>Apply</button></form></div>`);
  expect(names(doc)).toEqual(['city_form__city', 'city_form__find_button', 'coupon_form__coupon', 'coupon_form__apply_button']);
});

test('forms named alike, with nothing else to tell them apart, share one section (numbered, they would trade names)', () => {
  const doc = build(`<div><form><input aria-label="Email"><button>Join</button></form></div><div><form><input aria-label="Email"><button>Send</button></form></div>`);
  expect(doc.sections.map((s) => s.name)).toEqual(['email_form']);
  expect(names(doc)).toEqual(['email_form__email', 'email_form__join_button', 'email_form__email_2', 'email_form__send_button']);
});
