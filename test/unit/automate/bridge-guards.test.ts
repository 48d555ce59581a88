import { describe, expect, test } from 'vitest';
import { ActionError, PageUnresponsiveError } from '../../../extension/protocol/errors.ts';
import { PageBridge, type PageBridgeDeps } from '../../../extension/features/automate/page-bridge.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';
import type { ActRequest, PageDocument } from '../../../extension/protocol/schemas.ts';

/** What a script may not get around by catching errors: the page leaving the run's site, and the user's Cancel. */
const page = (url: string, entries: unknown[]): PageDocument => ({
  url, title: url, truncated: false, tokens: 10, stats: { nodes: 1, elements: 1, lists: 0, ms: 1 },
  sections: [{ name: 'main', kind: 'main', title: 'Main', entries }],
}) as PageDocument;
const el = (name: string, kind: string, description: string) => ({ name, kind, description, locators: [{ by: 'id', value: name }] });
const names = (doc: PageDocument) => doc.sections.flatMap((s) => s.entries).map((e) => ({ name: e.name, kind: e.kind }));

describe('a run stays on its site', () => {
  const home = page('https://bank.example/login', [el('continue_link', 'link', 'Continue'), el('login__password', 'text_input', 'Password')]);

  function redirectingSite() {
    let current = home;
    const sent: { url: string; request: ActRequest }[] = [];
    const deps: PageBridgeDeps = {
      readDocument: async () => current,
      confirm: async () => true, ask: async () => '', say: () => undefined,
      act: async (request) => {
        sent.push({ url: current.url, request: structuredClone(request) });
        if (request.action === 'click') {
          current = page('https://evil.example/login', home.sections[0]!.entries); // a redirect to a look-alike
          return { changed: true, navigated: true, url: current.url };
        }
        return { changed: false, navigated: false, url: current.url };
      },
    };
    return { deps, sent, at: () => current };
  }

  test('"the page left the site" cannot be caught: the password is never typed on the other site', async () => {
    const { deps, sent } = redirectingSite();
    const bridge = new PageBridge(deps, home, ['log in with password hunter2pass']);
    const run = await runScript('try { $continue_link.click(); } catch (e) { say("caught"); }\n$login__password.type("hunter2pass");\ndone("typed");',
      automationCapabilities(bridge, names(home)));
    expect(run.ok).toBe(false);
    expect(run.error).toMatchObject({ name: 'NavigationError' });
    expect(sent.map((s) => s.request.action)).toEqual(['click']);
    // Every action carries the run's site, so the executor refuses a page of another origin by itself too.
    expect(sent[0]!.request.expectedOrigin).toBe('https://bank.example');
  });

  test('a repair attempt whose fresh read is on the other site acts on nothing', async () => {
    const { deps, sent, at } = redirectingSite();
    await new PageBridge(deps, home).call({ call: 'click', target: { name: 'continue_link' }, args: [] }).catch(() => undefined);
    const repair = new PageBridge(deps, at(), ['hunter2pass'], 'https://bank.example');
    await expect(repair.call({ call: 'type', target: { name: 'login__password' }, args: ['hunter2pass'] })).rejects.toMatchObject({ name: 'NavigationError' });
    expect(sent.map((s) => s.request.action)).toEqual(['click']);
  });
});

test('the user\'s Cancel cannot be caught: the script cannot ask again until the user gives in', async () => {
  const doc = page('https://mail.example/', [el('delete_all', 'button', 'Delete all messages')]);
  let asked = 0;
  const acted: boolean[] = [];
  const bridge = new PageBridge({
    readDocument: async () => doc, ask: async () => '', say: () => undefined,
    confirm: async () => ++asked >= 7,
    act: async (request) => {
      acted.push(Boolean(request.confirmed));
      if (!request.confirmed) throw new ActionError('needs confirmation', { needsConfirmation: true, reason: 'delete', label: 'Delete all messages', fingerprint: 'fp' });
      return { changed: false, navigated: false, url: doc.url };
    },
  }, doc);
  const run = await runScript('for (;;) { try { $delete_all.click(); break; } catch (e) { if (e.name !== "ActionError") throw e; } }\ndone("deleted");',
    automationCapabilities(bridge, names(doc)));
  expect(run.ok).toBe(false);
  expect(run.error).toMatchObject({ name: 'ActionError' });
  expect(asked).toBe(1);
  expect(acted).not.toContain(true);
});

test('a page that stopped answering cannot be caught: nothing more is sent there, not even a read (it may still act late)', async () => {
  const doc = page('https://mail.example/', [el('add', 'button', 'Add'), el('title', 'text_input', 'Title')]);
  const sent: string[] = [];
  let reads = 0;
  const bridge = new PageBridge({
    readDocument: async () => {
      reads++;
      return doc;
    },
    ask: async () => '', say: () => undefined, confirm: async () => true,
    act: async (request) => {
      sent.push(request.action);
      if (request.action === 'click') throw new PageUnresponsiveError('the page did not answer the action within 45 s', { waitedMs: 45_000 });
      return { changed: false, navigated: false, url: doc.url };
    },
  }, doc);
  const run = await runScript('try { $add.click(); } catch (e) { say(e.name); }\n$title.type("more");\ndone("typed");',
    automationCapabilities(bridge, names(doc)));
  expect(run.ok).toBe(false);
  expect(run.error).toMatchObject({ name: 'PageUnresponsiveError' });
  // Whatever calls the bridge next (a stepwise turn, a late step) is refused at once, without waiting on the page again.
  await expect(bridge.call({ call: 'type', target: { name: 'title' }, args: ['more'] })).rejects.toMatchObject({ name: 'PageUnresponsiveError' });
  expect(sent).toEqual(['click']);
  expect(reads).toBe(0);
});

test('reads of names on two pages cannot make the bridge click back and forth without end', async () => {
  const a = page('https://shop.example/a', [el('to_b', 'link', 'Page B'), el('a_title', 'link', 'Title A')]);
  const b = page('https://shop.example/b', [el('to_a', 'link', 'Page A'), el('b_title', 'link', 'Title B')]);
  let current = a;
  let clicks = 0;
  const bridge = new PageBridge({
    readDocument: async () => current,
    confirm: async () => true, ask: async () => '', say: () => undefined,
    route: async (name) => (name === 'b_title' ? ['to_b'] : name === 'a_title' ? ['to_a'] : null),
    act: async (request) => {
      if (request.action === 'click') {
        clicks++;
        current = request.target!.locators[0]!.value === 'to_b' ? b : a;
        return { changed: true, navigated: true, url: current.url };
      }
      return { changed: false, navigated: false, url: current.url, value: 'text' };
    },
  }, a);
  const run = await runScript('for (let i = 0; i < 50; i++) { $b_title.text(); $a_title.text(); }\ndone("read only");',
    automationCapabilities(bridge, [...names(a), ...names(b)]), { budgets: { actions: 20 } });
  expect(run.ok).toBe(false);
  expect(run.error?.name).toBe('BudgetError');
  expect(clicks).toBeLessThanOrEqual(20);
}, 60_000);

test('navigate() to an irreversible address is asked about however it is %-encoded', async () => {
  const doc = page('https://mail.example/', [el('inbox_link', 'link', 'Inbox')]);
  const confirmations: string[] = [];
  const bridge = new PageBridge({
    readDocument: async () => doc, ask: async () => '', say: () => undefined,
    confirm: async (request) => {
      confirmations.push(request.target);
      return false;
    },
    act: async () => ({ changed: false, navigated: false, url: doc.url }),
  }, doc);
  for (const path of ['/account/logout', '/account/l%6Fgout', '/items/1?action=d%65lete', '/x/%256Cogout', '/bad%E0%A4%A']) {
    await bridge.call({ call: 'navigate', args: [path] }).catch(() => undefined);
  }
  expect(confirmations).toHaveLength(5);
  await bridge.call({ call: 'navigate', args: ['/inbox?page=2'] });
  expect(confirmations).toHaveLength(5);
});

test('a loop over an unknown name reads the page once, not once a step', async () => {
  const doc = page('https://shop.example/', [el('cart_link', 'link', 'Cart')]);
  let reads = 0;
  const bridge = new PageBridge({
    readDocument: async () => {
      reads++;
      return doc;
    },
    confirm: async () => true, ask: async () => '', say: () => undefined,
    act: async () => ({ changed: false, navigated: false, url: doc.url }),
  }, doc);
  const run = await runScript('let n = 0;\nfor (let i = 0; i < 200; i++) { try { $nope.click(); } catch (e) { n = n + 1; } }\ndone(n);',
    automationCapabilities(bridge, names(doc)));
  expect(run.result).toBe(200);
  expect(reads).toBeLessThanOrEqual(2);
});

test('a click that navigates to a slow page: the bridge waits for the new document, not the old one at the old address', async () => {
  const { PageBridge } = await import('../../../extension/features/automate/page-bridge.ts');
  type Doc = import('../../../extension/protocol/schemas.ts').PageDocument;
  const page = (url: string, name: string, pageId: string): Doc => ({
    url, title: url, tokens: 0, truncated: false, stats: { nodes: 1, elements: 1, lists: 0, ms: 0 }, pageId,
    sections: [{ name: 'page', kind: 'page', title: '', entries: [{ name, kind: 'button', description: name, locators: [{ by: 'css', value: `#${name}` }] }] }],
  });
  const cart = page('https://shop.example/cart', 'page__checkout_button', 'old');
  // The executor reports the address it saw when the page began to unload: still the cart's.
  const next = page('https://shop.example/checkout/step2', 'page__continue_button', 'new');
  let t0 = Date.now();
  const navigations: string[] = [];
  const bridge = new PageBridge({
    act: async () => { t0 = Date.now(); return { changed: true, navigated: true, url: 'https://shop.example/cart', value: null, pageId: 'old' }; },
    readDocument: async () => (Date.now() - t0 < 700 ? cart : next),
    confirm: async () => true, ask: async () => '', say: () => undefined,
    onNavigated: (from: Doc, _el: string, to: Doc) => navigations.push(`${from.pageId} -> ${to.pageId}`),
  } as never, cart);
  await bridge.call({ call: 'click', target: { name: 'page__checkout_button' }, args: [] } as never);
  expect(bridge.doc.pageId).toBe('new');
  expect(navigations).toEqual(['old -> new']);
});
