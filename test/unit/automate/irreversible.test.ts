import { describe, expect, test } from 'vitest';
import { classifyAction } from '../../../extension/content/executor/irreversible.ts';

describe('classifyAction: which actions need the user to confirm', () => {
  test.each([
    ['Send', undefined], ['Pay now', undefined], ['Buy it', undefined], ['Place order', undefined], ['Delete', undefined],
    ['Remove item', undefined], ['Publish', undefined], ['Post comment', undefined], ['Confirm', undefined],
    ['Log out', undefined], ['Sign out', undefined], ['logout', undefined], ['deleteAll', undefined], ['Go', 'goes to /account/logout'],
    ['OK', 'submits Delete account'],
  ])('%s (%s) is irreversible', (label, effect) => {
    expect(classifyAction({ action: 'click', label, effect }).irreversible).toBe(true);
  });
  test.each([['Compose'], ['Archive selected'], ['Next'], ['Postcode help'], ['Sender'], ['Reorder list'], ['Back to list']])('%s is not', (label) => {
    expect(classifyAction({ action: 'click', label }).irreversible).toBe(false);
  });
  test('"order" and "post" as nouns are not actions; as verbs, or what a verb acts on, they are', () => {
    const asks = (label: string, effect?: string) => classifyAction({ action: 'click', label, effect }).irreversible;
    for (const label of ['Open order 42', 'Order history', 'My orders', 'Orders', 'View your order', 'Track order', 'Sort order',
      'Order details', 'Next post', 'Previous post', 'Posts', 'Read the post', 'Blog posts', 'Order #1042', 'Order by date']) {
      expect(asks(label), label).toBe(false);
    }
    for (const label of ['Order', 'Order now', 'Place order', 'Place my order', 'Complete your order', 'Order 2 items',
      'Post', 'Post comment', 'Publish my post', 'Cancel my order', 'Send my order', 'Delete my orders']) {
      expect(asks(label), label).toBe(true);
    }
    // Addresses name pages: a link to /orders/42 or /posts/hello is no order or post; /logout still asks.
    expect(asks('Details', 'goes to /orders/42')).toBe(false);
    expect(asks('Hello world', 'goes to /posts/hello-world')).toBe(false);
    expect(asks('Bye', 'goes to /account/logout')).toBe(true);
    expect(asks('OK', 'submits Place order')).toBe(true);
  });

  test('form submits are irreversible, except search forms', () => {
    expect(classifyAction({ action: 'click', label: 'Save settings', submits: true }).irreversible).toBe(true);
    expect(classifyAction({ action: 'click', label: 'Go', submits: true, searchForm: true }).irreversible).toBe(false);
    expect(classifyAction({ action: 'click', label: 'Search', effect: 'submits Search mail' }).irreversible).toBe(false);
    // The document names a form by its id too (Wikipedia's `searchform`); "research" is not a search.
    expect(classifyAction({ action: 'click', label: 'Search Wikipedia for this text', effect: 'submits searchform' }).irreversible).toBe(false);
    expect(classifyAction({ action: 'click', label: 'Send', effect: 'submits researchers_form' }).irreversible).toBe(true);
    expect(classifyAction({ action: 'click', label: 'Replace all', effect: 'submits searchreplace' }).irreversible).toBe(true);
  });
  test('reading, typing and toggling never are', () => {
    for (const action of ['text', 'type', 'value', 'exists', 'hover', 'select', 'check', 'uncheck']) {
      expect(classifyAction({ action, label: 'Delete everything' }).irreversible, action).toBe(false);
    }
    expect(classifyAction({ action: 'open', label: 'Delete' }).irreversible).toBe(true);
  });
});
