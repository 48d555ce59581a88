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
  test('"order" and "post" as nouns are not actions; as verbs, or what a verb acts on, they are (review, session 17)', () => {
    const asks = (label: string, effect?: string) => classifyAction({ action: 'click', label, effect }).irreversible;
    for (const label of ['Open order 42', 'Order history', 'My orders', 'Orders', 'View your order', 'Track order', 'Sort order',
      'Order details', 'Next post', 'Previous post', 'Posts', 'Read the post', 'Blog posts', 'Order #1042', 'Order by date', 'All orders']) {
      expect(asks(label), label).toBe(false);
    }
    for (const label of ['Order', 'Order now', 'Place order', 'Place my order', 'Complete your order', 'Order 2 items',
      'Post', 'Post comment', 'Publish my post', 'Cancel my order', 'Send my order', 'Delete my orders',
      'Cancel your order', 'Cancel this order', 'Cancel the order', 'Cancel all orders', 'Refund this order', 'Return my order',
      'Approve this order', 'Place new order', 'Place your new order', 'Complete your first order', 'Place all orders',
      'Boost this post', 'Place  my order', 'Place - my order', 'Plaϲe my order',
      // A list's description and a field, as the side panel reads a list item's action.
      'Your orders cancel', 'Top sellers order now', 'Your orders order again']) {
      expect(asks(label), label).toBe(true);
    }
  });

  test('leaving a group, blocking or banning, unfriending, emptying a folder, clearing notes, moving ownership ask (explorer, session 40)', () => {
    const asks = (label: string) => classifyAction({ action: 'click', label }).irreversible;
    for (const label of ['Leave group', 'Leave this team', 'Block user', 'Ban member', 'Ban', 'Unfriend', 'Empty folder', 'Clear notes',
      'Transfer ownership', 'Disconnect Google account', 'Disconnect account']) expect(asks(label), label).toBe(true);
    for (const label of ['Leave a comment', 'Block', 'Banner settings', 'Folder', 'Notes', 'Disconnected']) expect(asks(label), label).toBe(false);
  });

  test('an order or a post named by its number in brackets, or as an in-page anchor, is a noun (explorer, session 39; review, session 40)', () => {
    const asks = (label: string, effect?: string) => classifyAction({ action: 'click', label, effect }).irreversible;
    for (const [label, effect] of [['Lost cat near the park (post 3)', '#post-3 #post-3'], ['Lost cat near the park (post 3)', 'goes to #post-3'],
      ['Details', 'goes to #order-12'], ['Shipped [order #1042]', undefined], ['Thread (posts 12)', undefined]]) {
      expect(asks(label!, effect), `${label} ${effect}`).toBe(false);
    }
    for (const [label, effect] of [['Place order 42', undefined], ['Place my order #42', undefined], ['Order 2 items', undefined],
      ['Boost post 3', undefined], ['Order 3 now (post 3)', undefined], ['Details', 'goes to /orders/42/cancel'], ['Delete post 3', '#post-3'],
      ['Publish post 7', undefined], ['Post 3 comments', undefined], ['Post (post 3)', undefined], ['Order #1042 again', undefined],
      ['Order #1 bestseller now', undefined], ['Order No. 5 perfume', undefined], ['Post #3 to Facebook', undefined], ['Re-order #1042', undefined],
      ['Repeat order #1042', undefined], ['Schedule post #3', undefined], ['Cancel your order #1042', undefined], ['Place a new order #42', undefined],
      ['Order 2 ($19.99)', undefined], ['Order 1 · Large pizza', undefined], ['Go', 'goes to /order-1-click'], ['Re: order #1042 shipped', undefined],
      ['Order (#5)', undefined]]) {
      expect(asks(label!, effect), `${label} ${effect}`).toBe(true);
    }
  });

  test('addresses that name orders or posts are pages about them; anything more still asks, as the panel and the executor word it', () => {
    const asks = (effect: string) => classifyAction({ action: 'click', label: 'Details', effect }).irreversible;
    // The document's words, and the executor's (the href as written and decoded).
    for (const effect of ['goes to /orders/42', 'goes to /account/orders', 'goes to /posts/hello-world', 'opens https://shop.example/orders/42 in a new tab',
      '/orders/42 /orders/42', '/blog/posts/hello-world /blog/posts/hello-world', 'goes to /site/orders.html', 'goes to /orders.php']) {
      expect(asks(effect), effect).toBe(false);
    }
    for (const effect of ['goes to /orders/42/cancel', 'goes to /order-now?sku=1', 'goes to /quick-order/5', 'goes to /orders?do=cancel',
      '/orders/cancel-all /orders/cancel-all', 'goes to /site/order-now.html', 'goes to /orders.html?do=cancel', 'goes to /account/logout', 'opens a dialog; controls "Order now"', 'submits Place order']) {
      expect(asks(effect), effect).toBe(true);
    }
  });

  test('a query\'s field that holds a date names the date, not an act; one that holds anything else still asks (explorer, session 66)', () => {
    const asks = (effect: string) => classifyAction({ action: 'click', label: 'Home in Lisbon', effect }).irreversible;
    // Airbnb's listing links: "check_out" was read as paying.
    for (const effect of ['goes to /rooms/51234?adults=2&check_in=2024-06-12&check_out=2024-06-17', '/rooms/5?check_out=2024-06-17T10:00:00Z /rooms/5?check_out=2024-06-17T10:00:00Z']) {
      expect(asks(effect), effect).toBe(false);
    }
    for (const effect of ['goes to /rooms/51234?check_out=1', 'goes to /cart?checkout=now', 'goes to /checkout?date=2024-06-12', 'goes to /r?action=delete&day=2024-06-12']) {
      expect(asks(effect), effect).toBe(true);
    }
  });

  test('an effect in another language asks as its label would: accents, kana and Hangul read as written (security review 2)', () => {
    const asks = (effect: string) => classifyAction({ action: 'click', label: 'Go', effect }).irreversible;
    // The document's words, and the executor's (the href as written and decoded).
    for (const effect of ['goes to /konto/löschen', 'goes to /ログアウト', 'goes to /계정/삭제', 'goes to /account/삭제', 'goes to /déconnexion',
      'goes to /bestätigen', 'goes to /veröffentlichen', '/konto/l%C3%B6schen /konto/löschen', 'goes to /профиль/удалить']) {
      expect(asks(effect), effect).toBe(true);
    }
    for (const effect of ['goes to /konto/übersicht', 'goes to /ヘルプ', 'goes to /계정/설정', 'goes to /préférences']) expect(asks(effect), effect).toBe(false);
  });

  test('wiping, resetting, revoking, terminating, emptying a bin, moving money, booking and signing ask; other scripts too (exploratory test, session 18)', () => {
    const asks = (label: string) => classifyAction({ action: 'click', label }).irreversible;
    for (const label of ['Reset all settings', 'Factory reset', 'Revoke access', 'Clear all data', 'Clear history', 'Empty bin', 'Empty the trash',
      'Wipe device', 'Terminate instance', 'Shut down server', 'Transfer €500 to Bob', 'Transfer 20 USD', 'Book now', 'Book a table',
      'Accept and sign', 'Sign the contract', 'Purge',
      // Delete, send, pay, buy, log out, confirm in other scripts and languages.
      'Удалить аккаунт', 'حذف الحساب', 'Usuń konto', 'Hesabı sil', 'Видалити', 'מחק חשבון', 'खाता हटाएं', 'Διαγραφή', 'Xóa tài khoản', 'Hapus akun',
      'Отправить', 'Оплатить', 'Купить', 'Выйти', 'Wyślij', 'Zapłać', 'Gönder', 'Satın al', 'إرسال', 'שלח', 'Radera', 'Apagar conta']) {
      expect(asks(label), label).toBe(true);
    }
    for (const label of ['Clear', 'Clear search', 'Reset filters', 'Reset zoom', 'Reset', 'Reset form', 'Reset all filters', 'Clear all filters',
      'Clear all selections', 'Transfer 2 files', 'Book', 'Books', 'Sign in', 'Sign up', 'Design', 'Transfer files',
      'Leave a comment', 'Archive conversation', 'Reply all', 'Empty', 'Войти', 'Zaloguj', 'Giriş yap', 'Đăng nhập', 'Pesan', 'Masuk', 'Skill tree']) {
      expect(asks(label), label).toBe(false);
    }
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
  test('a form sent with GET, as its markup says, only reads: asked about only for its words (exploratory run, session 27)', () => {
    // AO3's chapter picker, a filter form: the document's effect, and the executor's live form.
    expect(classifyAction({ action: 'click', label: 'Go', effect: 'submits chapters', readsOnly: true })).toEqual({ irreversible: false });
    expect(classifyAction({ action: 'click', label: 'Apply filters', submits: true, readsOnly: true })).toEqual({ irreversible: false });
    expect(classifyAction({ action: 'click', label: 'Delete drafts', submits: true, readsOnly: true })).toEqual({ irreversible: true, reason: 'its label means it deletes' });
    expect(classifyAction({ action: 'click', label: 'Go', effect: 'submits delete_form', readsOnly: true })).toEqual({ irreversible: true, reason: 'its effect means it deletes' });
    expect(classifyAction({ action: 'click', label: 'Go', effect: 'submits chapters' })).toEqual({ irreversible: true, reason: 'submits a form' });
  });
  test('reading, typing and toggling never are', () => {
    for (const action of ['text', 'type', 'value', 'exists', 'hover', 'select', 'check', 'uncheck']) {
      expect(classifyAction({ action, label: 'Delete everything' }).irreversible, action).toBe(false);
    }
    expect(classifyAction({ action: 'open', label: 'Delete' }).irreversible).toBe(true);
  });
});

test('a label drawn reversed by a right-to-left override reads as it shows (session 19: "Delete account" was clicked unasked)', () => {
  expect(classifyAction({ action: 'click', label: '\u202Etnuocca eteleD\u202C' })).toEqual({ irreversible: true, reason: 'its label means it deletes' });
  expect(classifyAction({ action: 'click', label: 'Save \u202Etnuocca eteleD' }).irreversible).toBe(true);
  // Reversed text that shows as something harmless stays harmless.
  expect(classifyAction({ action: 'click', label: '\u202Eegassem wohS\u202C' }).irreversible).toBe(false);
});
