import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { PocketDb } from '../../../extension/storage/db.ts';
import type { ElementEntry, ListEntry, PageDocument, Section } from '../../../extension/protocol/schemas.ts';
import {
  clearSite, clickedEntry, inferEdge, locate, MAX_MISSES, mergeSections, pageKey, pathPattern, recordEdge, recordPage, viewSite,
} from '../../../extension/features/automate/site-document.ts';

let counter = 0;
const freshDb = () => new PocketDb(`pocket-site-test-${counter++}`);

const el = (name: string, kind: ElementEntry['kind'], extra: Partial<ElementEntry> = {}): ElementEntry =>
  ({ name, kind, description: name.replace(/_/g, ' '), locators: [{ by: 'css', value: `#${name}` }], ...extra });
const list = (name: string): ListEntry => ({
  name, kind: 'list', description: 'Messages', count: 3, fields: ['sender', 'subject'], actions: ['open'], slots: [],
  samples: [{ sender: 'Maya Chen', subject: 'Secret plans' }], itemSelector: 'li', locators: [{ by: 'css', value: 'ul' }],
});
const section = (name: string, entries: Section['entries'], kind: Section['kind'] = 'region'): Section =>
  ({ name, kind, title: name, entries });
const doc = (url: string, sections: Section[], title = 'Mail'): PageDocument => ({
  url, title, sections, tokens: 10, truncated: false, stats: { nodes: 10, elements: 3, lists: 0, ms: 1 },
});

const O = 'https://mail.example';
const inbox = () => doc(`${O}/inbox?page=2`, [
  section('folders', [el('folders__settings_link', 'link', { effect: 'goes to /settings' }),
    el('folders__mail_link', 'link', { effect: 'goes to /mail/123' })], 'nav'),
  section('inbox', [list('inbox__messages'), el('header__compose_button', 'button', { description: 'Compose' })]),
]);
const settings = () => doc(`${O}/settings`, [section('settings_form', [
  el('settings_form__display_name', 'text_input', { state: { value: 'Ana Lovelace', required: true }, inViewport: true }),
  el('settings_form__app_password', 'text_input', { inputType: 'password', sensitive: true }),
  el('settings_form__dark', 'checkbox', { state: { checked: true } }),
  el('settings_form__profile_link', 'link', { effect: 'goes to /profile' }),
], 'form')]);
const profile = () => doc(`${O}/profile`, [section('profile', [el('profile__delete_account_button', 'button')])]);

describe('the user\'s click', () => {
  test('is found in the previous document by the locators taken at the click, strongest first', () => {
    const prev = doc(`${O}/inbox`, [section('header', [
      el('header__compose_button', 'button', { locators: [{ by: 'id', value: 'compose' }, { by: 'css', value: 'header > button' }] }),
      el('header__refresh_button', 'button', { locators: [{ by: 'role', role: 'button', value: 'Refresh' }, { by: 'css', value: 'header > button:nth-of-type(2)' }] }),
    ])]);
    expect(clickedEntry(prev, [{ by: 'id', value: 'compose' }, { by: 'css', value: 'x' }])).toBe('header__compose_button');
    expect(clickedEntry(prev, [{ by: 'role', role: 'button', value: 'Refresh' }])).toBe('header__refresh_button');
    expect(clickedEntry(prev, [{ by: 'role', role: 'link', value: 'Refresh' }])).toBeUndefined();
    expect(clickedEntry(prev, [{ by: 'css', value: 'main > a' }])).toBeUndefined();
  });

  test('a locator two entries share (an "Edit" button in two sections) does not decide; the next kind does', () => {
    const edit = (name: string, css: string) => el(name, 'button', { locators: [{ by: 'role', role: 'button', value: 'Edit' }, { by: 'css', value: css }] });
    const prev = doc(`${O}/account`, [section('billing', [edit('billing__edit_button', '#billing > button')]), section('shipping', [edit('shipping__edit_button', '#shipping > button')])]);
    expect(clickedEntry(prev, [{ by: 'role', role: 'button', value: 'Edit' }, { by: 'css', value: '#shipping > button' }])).toBe('shipping__edit_button');
    expect(clickedEntry(prev, [{ by: 'role', role: 'button', value: 'Edit' }])).toBeUndefined();
  });
});

describe('path patterns', () => {
  test('ids, uuids, hashes and tokens in paths are generalised; the query is dropped', () => {
    expect(pathPattern('https://a.example/mail/123').pattern).toBe('/mail/:id');
    expect(pathPattern('https://a.example/mail/123?x=1').pattern).toBe('/mail/:id');
    expect(pathPattern('https://a.example/u/3f2b9c1e-8a7d-4b6c-9e0f-1a2b3c4d5e6f/edit').pattern).toBe('/u/:uuid/edit');
    expect(pathPattern('https://a.example/commit/9fceb02d0ae598e95dc970b74767f19372d61af8').pattern).toBe('/commit/:hash');
    expect(pathPattern('https://a.example/s/Ab3dEfGh1jKlMn0pQr').pattern).toBe('/s/:token');
    expect(pathPattern('https://a.example/orders/42/items/7').pattern).toBe('/orders/:id/items/:id');
    // words stay words, even long ones or hex-looking words without digits
    expect(pathPattern('https://a.example/settings/notifications/deadbeef').pattern).toBe('/settings/notifications/deadbeef');
    expect(pathPattern('https://a.example/v2/api').pattern).toBe('/v2/api');
    // slugs of words with a number in them are pages, each its own
    for (const slug of ['release-notes-2024', 'migrating-to-version-3', 'top-10-tips-for-2024', 'notifications-v2']) {
      expect(pathPattern(`https://a.example/docs/${slug}`).pattern).toBe(`/docs/${slug}`);
    }
    expect(pathPattern('https://a.example/s/x9_Kq2LmP4rT8wZ1').pattern).toBe('/s/:token');
    expect(pathPattern('https://a.example/mail/123').origin).toBe('https://a.example');
  });

  test('hash routes are generalised, one-word hashes are states, long anchors dropped; an open dialog is a state', () => {
    expect(pathPattern('https://a.example/app#/mail/55').pattern).toBe('/app#/mail/:id');
    expect(pathPattern('https://a.example/app#!/mail/55').pattern).toBe('/app#!/mail/:id');
    expect(pathPattern('https://a.example/demo/#settings').pattern).toBe('/demo/#settings');
    expect(pathPattern('https://a.example/wiki/Page#History of the 1990s (part 2)').pattern).toBe('/wiki/Page');
    expect(pathPattern('/mail/:id').pattern).toBe('/mail/:id'); // a pattern is its own pattern
    const withDialog = doc(`${O}/inbox`, [section('inbox', []), section('new_message', [], 'dialog')]);
    expect(pageKey(withDialog)).toEqual({ origin: O, pattern: '/inbox [dialog:new_message]' });
  });

  test('a hash-routed page without a hash is the view its current same-page link names (/demo/ is /demo/#inbox)', () => {
    const nav = (current: string, target = '#inbox') => section('folders', [
      el('folders__inbox_link', 'link', { effect: `goes to ${target}`, ...(current === 'inbox' ? { state: { current: true } } : {}) }),
      el('folders__sent_link', 'link', { effect: 'goes to #sent', ...(current === 'sent' ? { state: { current: true } } : {}) })], 'nav');
    expect(pageKey(doc(`${O}/demo/`, [nav('inbox')])).pattern).toBe('/demo/#inbox');
    expect(pageKey(doc(`${O}/demo/#inbox`, [nav('inbox')])).pattern).toBe('/demo/#inbox');
    expect(pageKey(doc(`${O}/demo/#sent`, [nav('sent')])).pattern).toBe('/demo/#sent');
    expect(pageKey(doc(`${O}/demo/`, [nav('inbox', `${O}/demo/#inbox`)])).pattern).toBe('/demo/#inbox');
    // A current link to another page, or none marked current: the URL alone.
    expect(pageKey(doc(`${O}/demo/`, [nav('inbox', '/other#inbox')])).pattern).toBe('/demo/');
    expect(pageKey(doc(`${O}/demo/`, [nav('none')])).pattern).toBe('/demo/');
  });
});

describe('merge', () => {
  test('two ids of one pattern merge into one page; names seen only before are kept, current ones win', async () => {
    const db = freshDb();
    const a = doc(`${O}/mail/1`, [section('message', [el('message__reply_button', 'button'), el('message__archive_button', 'button')])]);
    const b = doc(`${O}/mail/2`, [section('message', [el('message__reply_button', 'button', { description: 'Reply now' }),
      el('message__unsubscribe_link', 'link')]), section('thread', [el('thread__next_link', 'link')])]);
    expect(await recordPage(a, db)).toMatchObject({ pattern: '/mail/:id', version: 1, changed: true });
    expect(await recordPage(b, db)).toMatchObject({ pattern: '/mail/:id', version: 2, changed: true });
    const view = await viewSite(O, db);
    expect(view.pages.map((p) => p.pattern)).toEqual(['/mail/:id']);
    const [message, thread] = view.pages[0]!.sections;
    expect(message!.entries.map((e) => e.name)).toEqual(['message__reply_button', 'message__unsubscribe_link', 'message__archive_button']);
    expect(message!.entries[0]!.description).toBe('Reply now');
    expect(thread!.entries.map((e) => e.name)).toEqual(['thread__next_link']);
    db.close();
  });

  test('mergeSections keeps an old section that is absent now, without names that moved elsewhere', () => {
    const before = [section('a', [el('x', 'button'), el('y', 'button')]), section('b', [el('z', 'button')])];
    const now = [section('a', [el('x', 'button')]), section('c', [el('z', 'button')])];
    expect(mergeSections(before, now).map((s) => [s.name, s.entries.map((e) => e.name)]))
      .toEqual([['a', ['x', 'y']], ['c', ['z']]]);
  });
});

describe('versions', () => {
  test('the site version is bumped on a change and only then; each page row carries the version it changed at', async () => {
    const db = freshDb();
    expect((await recordPage(inbox(), db)).version).toBe(1);
    expect(await recordPage(inbox(), db)).toMatchObject({ version: 1, changed: false });
    // live state (a value typed, a box ticked, more mails) is not a change of the site
    const typed = settings();
    expect((await recordPage(typed, db)).version).toBe(2);
    const retyped = settings();
    (retyped.sections[0]!.entries[0] as ElementEntry).state = { value: 'Someone else', required: true };
    (retyped.sections[0]!.entries[2] as ElementEntry).state = { checked: false };
    expect(await recordPage(retyped, db)).toMatchObject({ version: 2, changed: false });
    const more = inbox();
    (more.sections[1]!.entries[0] as ListEntry).count = 99;
    expect(await recordPage(more, db)).toMatchObject({ changed: false });
    // a new element is
    const grown = inbox();
    grown.sections[1]!.entries.push(el('inbox__refresh_button', 'button'));
    expect(await recordPage(grown, db)).toMatchObject({ version: 3, changed: true });
    expect((await recordEdge(inbox(), 'folders__settings_link', settings(), db))).toEqual({ version: 4, added: true });
    expect((await recordEdge(inbox(), 'folders__settings_link', settings(), db))).toEqual({ version: 4, added: false });
    const view = await viewSite(O, db);
    expect(view.version).toBe(4);
    expect(view.schema).toBe(1);
    expect(Object.fromEntries(view.pages.map((p) => [p.pattern, p.version]))).toEqual({ '/inbox': 3, '/settings': 2 });
    expect(view.edges).toMatchObject([{ from: '/inbox', element: 'folders__settings_link', to: '/settings', count: 2 }]);
    const row = await db.siteDocuments.get([O, '/inbox']);
    expect(row?.schema).toBe(1);
    db.close();
  });
});

describe('privacy', () => {
  test('no input value, control state or list item is stored', async () => {
    const db = freshDb();
    const page = settings();
    (page.sections[0]!.entries[1] as ElementEntry).state = { value: 'hunter2-should-never-be-here' };
    await recordPage(page, db);
    await recordPage(inbox(), db);
    const stored = JSON.stringify([await db.siteDocuments.toArray(), await db.sites.toArray()]);
    for (const secret of ['Ana Lovelace', 'hunter2', 'Maya Chen', 'Secret plans', 'page=2']) expect(stored).not.toContain(secret);
    expect(stored).not.toContain('"checked"');
    expect(stored).not.toContain('inViewport');
    // what is kept: names, kinds, descriptions, locators, the fact that a field is required or sensitive
    const form = (await viewSite(O, db)).pages.find((p) => p.pattern === '/settings')!.sections[0]!;
    expect(form.entries[0]).toMatchObject({ name: 'settings_form__display_name', kind: 'text_input', state: { required: true },
      locators: [{ by: 'css', value: '#settings_form__display_name' }] });
    expect(form.entries[1]).toMatchObject({ sensitive: true });
    db.close();
  });

  test('a contenteditable keeps its name and id locator, not its text (its accessible name may be what was typed)', async () => {
    const db = freshDb();
    const typed = 'Dear Bob, my PIN is 4242';
    await recordPage(doc(`${O}/compose`, [section('editor', [el('editor__body', 'editable', {
      description: typed, locators: [{ by: 'id', value: 'body' }, { by: 'role', value: typed, role: 'textbox' }, { by: 'text', value: typed }],
    })])]), db);
    const stored = JSON.stringify(await db.siteDocuments.toArray());
    expect(stored).not.toContain('4242');
    expect((await viewSite(O, db)).pages[0]!.sections[0]!.entries[0]).toMatchObject({ name: 'editor__body', locators: [{ by: 'id', value: 'body' }] });
    db.close();
  });
});

describe('edges and locate', () => {
  test('shortest path of clicks to an element on another page; null when unknown or unreachable', async () => {
    const db = freshDb();
    for (const page of [inbox(), settings(), profile()]) await recordPage(page, db);
    await recordEdge(inbox(), 'folders__settings_link', settings(), db);
    await recordEdge(settings(), 'settings_form__profile_link', profile(), db);
    expect(await locate(O, 'profile__delete_account_button', `${O}/inbox`, db)).toEqual({
      pattern: '/profile',
      path: [
        { from: '/inbox', element: 'folders__settings_link', to: '/settings' },
        { from: '/settings', element: 'settings_form__profile_link', to: '/profile' },
      ],
    });
    // a shortcut, once seen, is preferred
    await recordEdge(`${O}/inbox`, 'header__profile_link', `${O}/profile`, db);
    expect((await locate(O, 'profile__delete_account_button', '/inbox', db))?.path)
      .toEqual([{ from: '/inbox', element: 'header__profile_link', to: '/profile' }]);
    // already there; a list lives on its page; ids in the starting path are generalised
    expect(await locate(O, 'inbox__messages', `${O}/inbox?page=3`, db)).toEqual({ pattern: '/inbox', path: [] });
    expect(await locate(O, 'nothing_like_this', '/inbox', db)).toBeNull();
    // no edge leaves /profile
    expect(await locate(O, 'folders__settings_link', '/profile', db)).toBeNull();
    expect(await locate('https://other.example', 'inbox__messages', '/inbox', db)).toBeNull();
    db.close();
  });

  test('an edge never joins two sites, and a page leading to itself is no edge', async () => {
    const db = freshDb();
    await expect(recordEdge(`${O}/a`, 'x', 'https://evil.example/b', db)).rejects.toThrow(/one site/);
    expect(await recordEdge(`${O}/mail/1`, 'next', `${O}/mail/2`, db)).toEqual({ version: 0, added: false });
    db.close();
  });

  test('inferEdge: the link whose target has the new pattern; the control that names the dialog that opened', () => {
    expect(inferEdge(inbox(), settings())).toBe('folders__settings_link');
    expect(inferEdge(inbox(), doc(`${O}/mail/77`, [section('message', [])]))).toBe('folders__mail_link');
    expect(inferEdge(inbox(), profile())).toBeUndefined();
    expect(inferEdge(inbox(), inbox())).toBeUndefined();
    const composing = doc(`${O}/inbox`, [...inbox().sections, section('compose', [el('compose__to', 'text_input')], 'dialog')]);
    expect(inferEdge(inbox(), composing)).toBe('header__compose_button');
    const unrelated = doc(`${O}/inbox`, [...inbox().sections, section('cookie_consent', [], 'dialog')]);
    expect(inferEdge(inbox(), unrelated)).toBeUndefined();
    // Two dialog openers: the one that names the dialog, not the first; if neither does, no guess.
    const two = (composeEffect: string) => doc(`${O}/inbox`, [section('header', [
      el('header__share_button', 'button', { effect: 'opens a dialog' }),
      el('header__write_button', 'button', { description: 'Write', effect: composeEffect }),
    ])]);
    const newMessage = (prev: PageDocument) => doc(`${O}/inbox`, [...prev.sections, section('new_message', [el('new_message__to', 'text_input')], 'dialog')]);
    expect(inferEdge(two('opens a dialog; controls "New message"'), newMessage(two('opens a dialog; controls "New message"')))).toBe('header__write_button');
    expect(inferEdge(two('opens a dialog'), newMessage(two('opens a dialog')))).toBeUndefined();
  });

  test('a name the page stopped showing (a count in its label) is dropped after MAX_MISSES reads, not kept forever', async () => {
    const db = freshDb();
    const story = (n: number) => doc(`${O}/story`, [section('story', [el('story__share_link', 'link'), el(`story__reader_comments_${n}_link`, 'link')])]);
    for (let n = 70; n < 70 + MAX_MISSES + 3; n++) await recordPage(story(n), db);
    const names = (await viewSite(O, db)).pages.find((p) => p.pattern === '/story')!.sections.flatMap((sec) => sec.entries.map((e) => e.name));
    expect(names).toContain('story__share_link');
    expect(names.filter((n) => n.startsWith('story__reader_comments')).length).toBeLessThanOrEqual(MAX_MISSES);
    expect(names).toContain(`story__reader_comments_${70 + MAX_MISSES + 2}_link`);
    db.close();
  });

  test('over its page limit a site drops the pages read least recently: a hub read often but unchanged stays', async () => {
    const db = freshDb();
    const home = () => doc(`${O}/`, [section('nav', [el('nav__news_link', 'link')])]);
    await recordPage(home(), db, 3);
    for (const slug of ['a-story', 'b-story', 'c-story']) {
      await new Promise((r) => setTimeout(r, 2));
      await recordPage(home(), db, 3); // read again, unchanged
      await new Promise((r) => setTimeout(r, 2));
      await recordPage(doc(`${O}/news/${slug}`, [section('article', [el(`article__${slug.replace('-', '_')}_link`, 'link')])]), db, 3);
    }
    expect((await viewSite(O, db)).pages.map((p) => p.pattern)).toContain('/');
    db.close();
  });

  test('a site keeps at most maxPages pages, dropping the least recently changed', async () => {
    const db = freshDb();
    for (const name of ['alpha', 'beta', 'gamma', 'delta']) {
      await recordPage(doc(`${O}/wiki/${name}`, [section('article', [el(`article__${name}_link`, 'link')])]), db, 3);
    }
    expect((await viewSite(O, db)).pages.map((p) => p.pattern)).toEqual(['/wiki/beta', '/wiki/delta', '/wiki/gamma']);
    db.close();
  });

  test('clear forgets the site (page map, saved scripts, stored runs), and only that site', async () => {
    const db = freshDb();
    await recordPage(inbox(), db);
    await recordPage(doc('https://shop.example/cart', [section('cart', [el('cart__pay_button', 'button')])]), db);
    await recordEdge(inbox(), 'folders__settings_link', settings(), db);
    await db.scripts.bulkAdd([
      { origin: O, name: 'archive', source: 'done(1);', params: [], createdAt: 1 },
      { origin: 'https://shop.example', name: 'pay', source: 'done(2);', params: [], createdAt: 1 },
    ]);
    await db.settings.bulkPut([
      { key: 'automate.run.3', value: { origin: O, task: 'typed my address' }, updatedAt: 1 },
      { key: 'automate.run.4', value: { origin: 'https://shop.example' }, updatedAt: 1 },
      { key: 'defaultModel.automate', value: O, updatedAt: 1 },
    ]);
    await clearSite(O, db);
    expect(await viewSite(O, db)).toMatchObject({ version: 0, pages: [], edges: [] });
    expect((await viewSite('https://shop.example', db)).pages).toHaveLength(1);
    expect((await db.scripts.toArray()).map((r) => r.name)).toEqual(['pay']);
    expect((await db.settings.toArray()).map((r) => r.key).sort()).toEqual(['automate.run.4', 'defaultModel.automate']);
    db.close();
  });
});

describe('privacy and reach (review, session 14)', () => {
  const O2 = 'https://mail.example';
  const el2 = (name: string, kind: ElementEntry['kind'], extra: Partial<ElementEntry> = {}): ElementEntry =>
    ({ name, kind, description: name, locators: [{ by: 'css', value: `#${name}` }], ...extra });
  const section2 = (name: string, entries: Section['entries'], kind: Section['kind'] = 'region'): Section => ({ name, kind, title: name, entries });
  const page2 = (url: string, sections: Section[], title = 'Mail'): PageDocument => ({ url, title, sections, tokens: 10, truncated: false, stats: { nodes: 10, elements: 3, lists: 0, ms: 1 } });

  test('a hash route\'s query is dropped (it may hold a reset token or a search) and its ids generalised', () => {
    expect(pathPattern('https://app.example/#/mail/12?folder=inbox').pattern).toBe('/#/mail/:id');
    expect(pathPattern('https://app.example/#/reset?token=abcdef0123456789secret').pattern).toBe('/#/reset');
    expect(pathPattern('https://app.example/#!/search?q=my%20medical%20condition').pattern).toBe('/#!/search');
  });

  test('a cookie dialog open on the starting page does not hide the edges recorded from that page', async () => {
    const db = new PocketDb(`site-banner-${Math.random()}`);
    const inbox = page2(`${O2}/inbox`, [section2('nav', [el2('nav__settings_link', 'link', { effect: 'goes to /settings' })], 'nav')]);
    const settings = page2(`${O2}/settings`, [section2('settings', [el2('settings__save_button', 'button')])]);
    await recordPage(inbox, db);
    await recordPage(settings, db);
    await recordEdge(inbox, 'nav__settings_link', settings, db);
    const withBanner = page2(`${O2}/inbox`, [...inbox.sections, section2('cookies', [el2('cookies__accept_button', 'button')], 'dialog')]);
    expect(await locate(O2, 'settings__save_button', withBanner, db)).toMatchObject({ pattern: '/settings', path: [{ element: 'nav__settings_link' }] });
    db.close();
  });

  test('the stored page title keeps no address and no counts', async () => {
    const db = new PocketDb(`site-title-${Math.random()}`);
    await recordPage(page2(`${O2}/inbox`, [section2('nav', [el2('nav__x', 'button')])], 'Inbox (3) - ann.private@example.com - Mail'), db);
    expect((await viewSite(O2, db)).pages[0]!.title).toBe('Inbox (#) - … - Mail');
    db.close();
  });
});
