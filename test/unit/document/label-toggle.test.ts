// @vitest-environment happy-dom
/**
 * Buttons whose words say their state instead of `aria-pressed` ("Like" / "Unlike", "Mark as read" / "Mark as
 * unread"): a list named them by its first row's words (`mark_as_read` on rows offering "Mark as unread", `post` for
 * "Pin post" / "Unpin post"), and a row's state was nowhere (session 67).
 */
import { expect, test } from 'vitest';
import { build, list } from './helpers.ts';
import { labelToggle, labelsToggle } from '../../../extension/content/document/label-toggle.ts';

test('a label is one form of a toggle: what it does while off, and whether it is on now', () => {
  expect(labelToggle('Like')).toEqual({ off: 'like', on: false, stated: false });
  expect(labelToggle('Unlike')).toEqual({ off: 'like', on: true, stated: false });
  expect(labelToggle('Following')).toEqual({ off: 'follow', on: true, stated: true });
  expect(labelToggle('Mark as unread')).toEqual({ off: 'mark as read', on: true, stated: false });
  expect(labelToggle('Not starred')).toEqual({ off: 'star', on: false, stated: true });
  expect(labelToggle('Unpin post')).toEqual({ off: 'pin post', on: true, stated: false });
  // Not a toggle: the verb is not the first word, or no verb of one ("Read more", "Save to list" is one, as "save").
  expect(labelToggle('Read more')).toBeUndefined();
  expect(labelToggle('Add to cart')).toBeUndefined();
  expect(labelToggle('Reply')).toBeUndefined();
});

test('the labels of one button in each row name it when they are forms of one toggle, some row\'s on', () => {
  expect(labelsToggle(['Like', 'Unlike', 'Like'])).toBe('like');
  expect(labelsToggle(['Unlike', 'Unlike'])).toBe('like');
  expect(labelsToggle(['Starred', 'Not starred'])).toBe('starred');
  expect(labelsToggle(['Pin post', 'Unpin post'])).toBe('pin post');
  // Words one row's label has of its own are no part of the name.
  expect(labelsToggle(['Follow Ann', 'Following Bob'])).toBe('follow');
  // All off: maybe a plain action ("Archive" on every row), named as before.
  expect(labelsToggle(['Archive', 'Archive'])).toBeUndefined();
  expect(labelsToggle(['Like', 'Unfollow'])).toBeUndefined();
  expect(labelsToggle(['Like', 'Reply'])).toBeUndefined();
});

test('a list names such buttons by what they do while off and shows each row\'s state', () => {
  const row = (who: string, liked: boolean, following: boolean, read: boolean, pinned: boolean) => `<li class="post"><span class="author">${who}</span>
    <p class="body">A post by ${who}</p><button aria-label="${liked ? 'Unlike' : 'Like'}">♥</button><button>${following ? 'Following' : 'Follow'}</button>
    <button title="${read ? 'Mark as unread' : 'Mark as read'}">✉</button><button aria-label="${pinned ? 'Unpin post' : 'Pin post'}">📌</button></li>`;
  const doc = build(`<main><h1>Posts</h1><ul class="posts">${row('Ann', false, false, false, false)}${row('Bob', true, true, true, true)}${row('Cy', true, false, true, false)}${row('Di', false, true, false, false)}</ul></main>`);
  const [posts] = doc.sections.flatMap((s) => s.entries).filter((e) => e.kind === 'list') as ReturnType<typeof list>[];
  // Were `like`, `follow` (a field reading "Follow"), `mark_as_read` and `post`, and no state.
  expect(posts!.actions).toEqual(expect.arrayContaining(['like', 'follow', 'mark_as_read', 'pin_post']));
  expect(posts!.fields).not.toContain('follow');
  expect(posts!.samples[0]).toMatchObject({ like: 'false', follow: 'false', mark_as_read: 'false', pin_post: 'false' });
  expect(posts!.samples[1]).toMatchObject({ like: 'true', follow: 'true', mark_as_read: 'true', pin_post: 'true' });
  expect(posts!.samples[2]).toMatchObject({ like: 'true', follow: 'false', mark_as_read: 'true' });
});

test('a row button said alike in every row, none on, stays a plain action', () => {
  const row = (n: number) => `<li class="mail"><a href="/m/${n}">Mail ${n}</a><button aria-label="Archive">🗄</button><button aria-label="Like">♥</button></li>`;
  const doc = build(`<main><ul>${row(1)}${row(2)}${row(3)}</ul></main>`);
  const [mail] = doc.sections.flatMap((s) => s.entries).filter((e) => e.kind === 'list') as ReturnType<typeof list>[];
  expect(mail!.actions).toEqual(expect.arrayContaining(['archive', 'like']));
  expect(mail!.samples[0]).not.toHaveProperty('archive');
  expect(mail!.samples[0]).not.toHaveProperty('like');
});
