import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { PocketDb } from '../../../extension/storage/db.ts';
import type { ElementEntry, PageDocument, Section } from '../../../extension/protocol/schemas.ts';
import { findOnSite, locate, recordEdge, recordPage } from '../../../extension/features/automate/site-document.ts';

const O = 'https://shop.example';
const el = (name: string): ElementEntry => ({ name, kind: 'button', description: name, locators: [{ by: 'css', value: `#${name}` }] });
const doc = (path: string, names: string[]): PageDocument => ({
  url: `${O}${path}`, title: path, tokens: 1, truncated: false, stats: { nodes: 1, elements: 1, lists: 0, ms: 1 },
  sections: [{ name: 'main', kind: 'region', title: 'main', entries: names.map(el) } as Section],
});

// Exploratory test, session 22: "Where is" said "not on a page reachable…" for a name stored on a page no recorded
// click leads to, as for a name no page has.
test('findOnSite tells "no recorded page has it" from "stored, but no recorded way there"; locate stays null for both', async () => {
  const db = new PocketDb('pocket-find-on-site-test');
  await recordPage(doc('/orders', ['orders__filter_button']), db);
  await recordPage(doc('/settings', ['settings__save_button']), db);
  await recordPage(doc('/help', ['help__save_button', 'settings__save_button']), db);
  await recordEdge(`${O}/orders`, 'nav__help_link', `${O}/help`, db);

  expect(await findOnSite(O, 'no_such_name', '/orders', db)).toEqual({ found: 'nowhere' });
  // Stored on /settings, which no recorded click reaches from /help; the pages are named, sorted.
  expect(await findOnSite(O, 'settings__save_button', '/help', db)).toEqual({ found: 'reachable', location: { pattern: '/help', path: [] } });
  await recordPage(doc('/profile', ['profile__save_button']), db);
  expect(await findOnSite(O, 'profile__save_button', '/orders', db)).toEqual({ found: 'unreachable', pages: ['/profile'] });
  expect(await findOnSite(O, 'help__save_button', '/orders', db))
    .toEqual({ found: 'reachable', location: { pattern: '/help', path: [{ from: '/orders', element: 'nav__help_link', to: '/help' }] } });
  expect(await findOnSite(O, 'orders__filter_button', '/help', db)).toEqual({ found: 'unreachable', pages: ['/orders'] });
  // Callers that only need a path (the script writer's routes) get null for both, as before.
  expect(await locate(O, 'profile__save_button', '/orders', db)).toBeNull();
  expect(await locate(O, 'no_such_name', '/orders', db)).toBeNull();
  db.close();
});

// Explorer, session 32: a link relabelled ("Settings" → "Settings page") records a new edge; the old one, whose link is
// gone, was still chosen (ties went by name), and every run failed on it.
test('of two recorded ways from one page to another, the one taken last is chosen', async () => {
  const db = new PocketDb('pocket-find-on-site-recency');
  await recordPage(doc('/account', ['account__settings_page_link', 'account__settings_link']), db);
  await recordPage(doc('/settings', ['profile__display_name']), db);
  await recordEdge(`${O}/account`, 'account__settings_page_link', `${O}/settings`, db);
  await new Promise((resolve) => setTimeout(resolve, 5));
  await recordEdge(`${O}/account`, 'account__settings_link', `${O}/settings`, db);
  expect((await locate(O, 'profile__display_name', '/account', db))?.path.map((step) => step.element)).toEqual(['account__settings_link']);
  await new Promise((resolve) => setTimeout(resolve, 5));
  await recordEdge(`${O}/account`, 'account__settings_page_link', `${O}/settings`, db);
  expect((await locate(O, 'profile__display_name', '/account', db))?.path.map((step) => step.element)).toEqual(['account__settings_page_link']);
  db.close();
});

// Explorer, session 32: the site-wide "Account" link on a page where no one clicked it was no way there.
test('a link of a recorded page whose target is another recorded page is a way there, after the ways clicks recorded', async () => {
  const db = new PocketDb('pocket-find-on-site-implied');
  const link = (name: string, target: string, extra = ''): ElementEntry => ({ name, kind: 'link', description: name, effect: `goes to ${target}${extra}`, locators: [] });
  const page = (path: string, entries: ElementEntry[]): PageDocument => ({ ...doc(path, []), sections: [{ name: 'nav', kind: 'region', title: 'nav', entries } as Section] });
  await recordPage(page('/products', [link('nav__account_link', '/account'), link('nav__help_link', 'https://other.example/help'), link('nav__top_link', '#top')]), db);
  await recordPage(doc('/account', ['account__sign_out_button']), db);
  await recordPage(doc('/help', ['help__contact_button']), db);
  expect(await locate(O, 'account__sign_out_button', '/products', db))
    .toEqual({ pattern: '/account', path: [{ from: '/products', element: 'nav__account_link', to: '/account' }] });
  // A link to another site, or to a page never recorded, is no way to a name.
  expect(await findOnSite(O, 'help__contact_button', '/products', db)).toEqual({ found: 'unreachable', pages: ['/help'] });
  // The page the run is on counts with its links as read now, even before it is recorded.
  const fresh = page('/cart', [link('cart__help_link', '/help')]);
  expect((await locate(O, 'help__contact_button', fresh, db))?.path.map((step) => step.element)).toEqual(['cart__help_link']);
  // A recorded click comes first.
  await recordPage(page('/products', [link('nav__account_link', '/account'), link('nav__my_account_link', '/account')]), db);
  await recordEdge(`${O}/products`, 'nav__my_account_link', `${O}/account`, db);
  expect((await locate(O, 'account__sign_out_button', '/products', db))?.path.map((step) => step.element)).toEqual(['nav__my_account_link']);
  db.close();
});

// Explorer, session 32: a link to a hash-routed page's bare address (`/demo/`) was no way to the view that address
// shows (`/demo/#inbox`), which inferEdge knew for recorded clicks.
test('a link to a bare address leads to the view a read saw that address show', async () => {
  const db = new PocketDb('pocket-find-on-site-bare-view');
  const link = (name: string, target: string, current = false): ElementEntry => ({
    name, kind: 'link', description: name, effect: `goes to ${target}`, locators: [], ...(current ? { state: { current: true } } : {}),
  });
  const mail = (url: string, entries: ElementEntry[]): PageDocument => ({ ...doc('', []), url, sections: [{ name: 'nav', kind: 'region', title: 'nav', entries } as Section] });
  const views = (current: string) => ['inbox', 'settings'].map((v) => link(`nav__${v}_link`, `#${v}`, v === current));
  // The inbox read at /app/ (no hash, its link marked current); settings read at /app/#settings.
  const inbox = await recordPage(mail(`${O}/app/`, [...views('inbox'), el('inbox__archive_button')]), db);
  expect(inbox.pattern).toBe('/app/#inbox');
  await recordPage(mail(`${O}/app/#settings`, [...views('settings'), el('settings__save_button')]), db);
  await recordPage(mail(`${O}/help`, [link('help__back_to_mail_link', '/app/')]), db);
  expect(await locate(O, 'inbox__archive_button', '/help', db))
    .toEqual({ pattern: '/app/#inbox', path: [{ from: '/help', element: 'help__back_to_mail_link', to: '/app/#inbox' }] });
  // Read again at /app/#inbox (the hash now in the address): what the bare address shows is still known.
  await recordPage(mail(`${O}/app/#inbox`, [...views('inbox'), el('inbox__archive_button'), el('inbox__refresh_button')]), db);
  expect((await locate(O, 'inbox__refresh_button', '/help', db))?.path.map((step) => step.to)).toEqual(['/app/#inbox']);
  // Settings was never seen at the bare address: the way there goes through the inbox and its Settings link.
  expect((await locate(O, 'settings__save_button', '/help', db))?.path.map((step) => step.element)).toEqual(['help__back_to_mail_link', 'nav__settings_link']);
  // The user made Settings the start view: the bare address now shows it, and a link there leads to it, not the inbox
  // (review, session 34: both stayed marked and the map kept whichever came last in the table).
  await recordPage(mail(`${O}/app/`, [...views('settings'), el('settings__save_button')]), db);
  expect((await locate(O, 'settings__save_button', '/help', db))?.path).toEqual([{ from: '/help', element: 'help__back_to_mail_link', to: '/app/#settings' }]);
  expect((await locate(O, 'inbox__archive_button', '/help', db))?.path.map((step) => step.element)).toEqual(['help__back_to_mail_link', 'nav__inbox_link']);
  // And back: the inbox is the start view again.
  await recordPage(mail(`${O}/app/`, [...views('inbox'), el('inbox__archive_button')]), db);
  expect((await locate(O, 'inbox__archive_button', '/help', db))?.path.map((step) => step.to)).toEqual(['/app/#inbox']);
  db.close();
});
