// @vitest-environment happy-dom
/** `href="#"` goes nowhere: no target, so no self-edge in the site document (review #9). */
import { expect, test } from 'vitest';
import { build, entry } from './helpers.ts';

test('href="#" and an empty fragment give no target; a real fragment and a path still do', () => {
  const doc = build('<nav aria-label="Tabs"><a href="#" role="tab">Read</a><a href="#" role="tab">Watched</a></nav><div role="region" aria-label="More"><a href="#">Top</a><a href="#section-2">Part two</a><a href="/docs/">Docs</a></div><h2 id="section-2">Two</h2>');
  expect(entry(doc, 'tabs__read_tab').effect).toBeUndefined();
  expect(entry(doc, 'more__top_link').effect).toBeUndefined();
  expect(entry(doc, 'more__part_two_link').effect).toBe('goes to #section-2');
  expect(entry(doc, 'more__docs_link').effect).toBe('goes to /docs/');
});

test('a link read again after its href changed has its new target, effect and locator (targets are remembered per link, session 33)', () => {
  const before = build('<nav aria-label="Site"><a href="/products">Shop</a><a href="/help">Help</a></nav>');
  expect(entry(before, 'site__shop_link').effect).toBe('goes to /products');
  expect(entry(before, 'site__shop_link').locators).toContainEqual({ by: 'href', value: '/products' });
  document.querySelector('a')!.setAttribute('href', '/store');
  const fresh = build();
  expect(entry(fresh, 'site__shop_link').effect).toBe('goes to /store');
  expect(entry(fresh, 'site__shop_link').locators).toContainEqual({ by: 'href', value: '/store' });
  // Two links to one target: neither has that target as a locator.
  document.querySelector('a[href="/help"]')!.setAttribute('href', '/store');
  expect(entry(build(), 'site__shop_link').locators.some((l) => l.by === 'href')).toBe(false);
});
