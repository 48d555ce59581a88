import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { tabIdOf } from './browser.ts';
import { envelope, sendFromPage } from './helpers.ts';
import { runKnown, usePanelRig, type KnownReport } from './automation-rig.ts';

/**
 * Exploratory test, explorer 2, in Chromium (test/fixtures/apps/offsite/). A run stays on its site whatever the
 * confirmation state: a logout link or a Pay button of another site was asked about for its words and, confirmed, left
 * the site; Enter in a form with no button went to another site with no question, or after one. And check(),
 * uncheck(), select() and value() do only what a person can: check() on a reset input wiped the form, uncheck() of a
 * chosen radio said done, a sold-out option was chosen, a second option of a multiple select dropped the first, and a
 * password field's value() ended the run.
 */

const held = usePanelRig();
let opened = 0;
/** Requests the tabs made to another site (stopped here: nothing of the test leaves the machine). */
const offsite: string[] = [];

async function openFixture(): Promise<{ page: Page; tabId: number }> {
  const page = await held.rig.harness.context.newPage();
  await page.route(/other\.example/, (route) => {
    offsite.push(route.request().url());
    return route.abort();
  });
  await page.goto(`${held.rig.pages.url('/apps/offsite/')}?run=${++opened}`);
  return { page, tabId: await tabIdOf(held.rig.harness, page) };
}

/** The script run as a run's (page document, bridge, executor), no repair; a question is confirmed, as a user might. */
async function runScript(tabId: number, script: string): Promise<{ report: KnownReport; asked: string[] }> {
  return runKnown(held.panel, tabId, script, { task: 'explore the page' });
}

const refusedAway = (host: string) => ({ status: 'failed', attempts: [{ failure: { name: 'NavigationError', message: expect.stringContaining(`for ${host}: a run stays on its site`) } }] });

describe('a run stays on its site, before any question', () => {
  test.each([
    ['a logout link of another site', '$account__log_out_link.click(); done("clicked");', 'accounts.other.example'],
    ['a Pay button whose POST form goes to another site', '$donate__pay_now_button.click(); done("paid");', 'pay.other.example'],
    ['Enter in another site\'s search box with no button (GET, role=search)', '$site_search__find.type("obama"); $site_search__find.press("Enter"); done("ok");', 'search.other.example'],
    ['Enter in a form with no method and no button (dropbox.tech\'s header search)', '$header_search__search_the_blog.type("edgestore"); $header_search__search_the_blog.press("Enter"); done("ok");', 'search.other.example'],
  ])('%s: refused, not asked about; nothing is sent there', async (_what, script, host) => {
    offsite.length = 0;
    const { page, tabId } = await openFixture();
    const start = page.url();
    const { report, asked } = await runScript(tabId, script);
    expect(report, JSON.stringify(report)).toMatchObject(refusedAway(host));
    expect(asked).toEqual([]);
    expect(offsite).toEqual([]);
    expect(page.url()).toBe(start);
    await page.close();
  }, 60_000);

  test('a "Continue" div whose handler sends a POST form to another site: asked about (its page handlers might send it themselves), then stopped once they let it go; nothing is sent there', async () => {
    offsite.length = 0;
    const { page, tabId } = await openFixture();
    const start = page.url();
    const { report, asked } = await runScript(tabId, '$main__continue_button.click(); done("continued");');
    expect(report, JSON.stringify(report)).toMatchObject(refusedAway('pay.other.example'));
    expect(asked).toHaveLength(1);
    expect(offsite).toEqual([]);
    expect(page.url()).toBe(start);
    await page.close();
  }, 60_000);

  test('the panel\'s own question (mustConfirm) or a confirmation does not take a click off the site either', async () => {
    offsite.length = 0;
    const { page, tabId } = await openFixture();
    const act = (id: string, extra: Record<string, unknown>) => sendFromPage(held.panel, envelope('page.act', { tabId, action: 'click', args: [],
      target: { locators: [{ by: 'id', value: id }] }, ...extra })) as Promise<{ ok: boolean; error?: { name: string; message: string; data?: Record<string, unknown> } }>;
    for (const id of ['logout', 'pay-now']) {
      for (const extra of [{ mustConfirm: 'its label means it logs out' }, { confirmed: true }]) {
        const refused = await act(id, extra);
        expect(refused.error, `${id} ${JSON.stringify(extra)}`).toMatchObject({ name: 'NavigationError', message: expect.stringMatching(/a run stays on its site$/) });
      }
    }
    await page.waitForTimeout(300);
    expect(offsite).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('check(), uncheck(), select() and value() do what a person can', () => {
  let page: Page;
  let act: (id: string, action: string, args?: string[], extra?: Record<string, unknown>) => Promise<{ ok: boolean; payload?: { value?: unknown }; error?: { name: string; message: string; data?: Record<string, unknown> } }>;
  beforeAll(async () => {
    let tabId: number;
    ({ page, tabId } = await openFixture());
    act = (id, action, args = [], extra = {}) => sendFromPage(held.panel, envelope('page.act', { tabId, action, args, target: { locators: [{ by: 'id', value: id }] }, ...extra })) as ReturnType<typeof act>;
  });
  const log = () => page.evaluate(() => (window as unknown as { log: string[] }).log);

  test('check() and uncheck() on a reset, submit, button or text input: "not a checkbox"; nothing wiped, sent or run', async () => {
    await page.fill('#name', 'Ana Lima');
    for (const id of ['clear', 'save', 'more', 'name']) {
      for (const action of ['check', 'uncheck']) {
        const refused = await act(id, action);
        expect(refused.error, `${action} ${id}`).toMatchObject({ name: 'ActionError', message: expect.stringContaining('is not a checkbox') });
      }
    }
    await page.waitForTimeout(300);
    expect(await log()).toEqual([]);
    expect(await page.locator('#name').inputValue()).toBe('Ana Lima');
    expect(page.url()).toMatch(/\/apps\/offsite\/\?run=\d+$/);
    expect((await act('news', 'check')).ok).toBe(true);
    expect(await page.locator('#news').isChecked()).toBe(true);
  });

  test('uncheck() of the chosen radio button says to choose another of its group, naming them', async () => {
    const refused = await act('std', 'uncheck');
    expect(refused.error).toMatchObject({ name: 'ActionError', message: expect.stringMatching(/radio button: it is unchecked by choosing another option of its group with check\(\) \("Express", "Pick up"\)$/) });
    expect(await page.locator('#std').isChecked()).toBe(true);
    expect((await act('exp', 'check')).ok).toBe(true);
    expect(await page.locator('#std').isChecked()).toBe(false);
  });

  test('select(): a sold-out (disabled) option is refused, naming those that can be chosen; a multiple select adds', async () => {
    for (const wanted of ['Double (sold out)', 'Double']) {
      const refused = await act('room', 'select', [wanted]);
      expect(refused.error, wanted).toMatchObject({ name: 'ActionError', data: { state: 'disabled' }, message: expect.stringMatching(/is disabled: it cannot be chosen; options that can: "Single", "Suite"$/) });
    }
    expect(await page.locator('#room').inputValue()).toBe('Single');
    expect((await act('extras', 'select', ['Breakfast'])).ok).toBe(true);
    expect((await act('extras', 'select', ['Parking'])).ok).toBe(true);
    expect(await page.locator('#extras option:checked').allInnerTexts()).toEqual(['Breakfast', 'Parking']);
    expect((await act('extras', 'text')).payload).toMatchObject({ value: 'Breakfast, Parking' });
  });

  test('value() of a password field the user\'s answer went into reads "" (it used to end the run)', async () => {
    expect((await act('pw', 'type', ['pw123456'], { userSupplied: true })).ok).toBe(true);
    expect(await page.locator('#pw').inputValue()).toBe('pw123456');
    const read = await act('pw', 'value');
    expect(read, JSON.stringify(read)).toMatchObject({ ok: true, payload: { value: '' } });
    expect((await act('pw', 'text')).payload).toMatchObject({ value: '' });
  });
});

describe('where a submission goes is decided after the page\'s own handlers (review 3)', () => {
  let made = 0;
  /** A tab of this site's own page `html` (served on the test server's origin); `act` sends page.act by element id. */
  async function openPage(html: string): Promise<{ page: Page; act: (id: string, action: string, args?: string[], extra?: Record<string, unknown>) => Promise<{ ok: boolean; payload?: unknown; error?: { name: string; message: string; data?: Record<string, unknown> } }> }> {
    const page = await held.rig.harness.context.newPage();
    await page.route(/other\.example/, (route) => {
      offsite.push(route.request().url());
      return route.abort();
    });
    const path = `/apps/offsite-handlers-${++made}/`;
    await page.route((url) => url.pathname.startsWith(path), (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await page.goto(held.rig.pages.url(path));
    const tabId = await tabIdOf(held.rig.harness, page);
    const act = (id: string, action: string, args: string[] = [], extra: Record<string, unknown> = {}) => sendFromPage(held.panel, envelope('page.act', { tabId, action, args,
      target: { locators: [{ by: 'id', value: id }] }, ...extra })) as ReturnType<Awaited<ReturnType<typeof openPage>>['act']>;
    return { page, act };
  }
  const confirmedAfterAsking = async (act: Awaited<ReturnType<typeof openPage>>['act'], id: string) => {
    const asked = await act(id, 'click');
    return asked.error?.data?.needsConfirmation ? act(id, 'click', [], { confirmed: true, fingerprint: asked.error.data.fingerprint }) : asked;
  };
  const stays = /a run stays on its site/;

  test('a GET search form of this site whose submit handler sends it to another site: stopped and said', async () => {
    offsite.length = 0;
    const { page, act } = await openPage(`<!doctype html><title>t</title><form id="s" role="search" action="./" method="get"><input id="q" name="q" aria-label="Find" value="obama"><button id="go">Search</button></form>
      <script>const f = document.getElementById('s'); f.addEventListener('submit', () => f.setAttribute('action', 'https://search.other.example/find'));</script>`);
    const start = page.url();
    const clicked = await act('go', 'click');
    expect(clicked.error).toMatchObject({ name: 'NavigationError', message: expect.stringMatching(stays) });
    await page.waitForTimeout(500);
    expect(offsite).toEqual([]);
    expect(page.url()).toBe(start);
    await page.close();
  }, 60_000);

  test('a confirmed POST of this site whose handler sends it elsewhere, and one whose handler stops the event on the way (the navigation backstop)', async () => {
    offsite.length = 0;
    const { page, act } = await openPage(`<!doctype html><title>t</title><form id="o" aria-label="Order" action="./done" method="post"><input name="x" value="1"><button id="place">Place order</button></form>
      <form id="p" aria-label="Search" action="./find" method="get"><input name="q" value="1"><button id="find">Find</button></form>
      <script>const o = document.getElementById('o'); o.addEventListener('submit', () => o.setAttribute('action', 'https://pay.other.example/charge'));
      const p = document.getElementById('p'); p.addEventListener('submit', (e) => { e.stopPropagation(); p.setAttribute('action', 'https://search.other.example/find'); });</script>`);
    const start = page.url();
    expect((await confirmedAfterAsking(act, 'place')).error).toMatchObject({ name: 'NavigationError', message: expect.stringMatching(stays) });
    expect((await act('find', 'click')).error).toMatchObject({ name: 'NavigationError', message: expect.stringMatching(stays) });
    await page.waitForTimeout(500);
    expect(offsite).toEqual([]);
    expect(page.url()).toBe(start);
    await page.close();
  }, 60_000);

  test('an embedded sign-up form of another site the page sends itself with fetch: asked, confirmed, sent by its handler', async () => {
    offsite.length = 0;
    const { page, act } = await openPage(`<!doctype html><title>t</title><form id="nl" aria-label="Newsletter" method="post" action="https://list.other.example/subscribe"><input name="email" aria-label="Email" value="a@b.c"></form>
      <div id="join" role="button" tabindex="0">Join the list</div>
      <script>window.sent = []; const f = document.getElementById('nl'); f.addEventListener('submit', (e) => { e.preventDefault(); window.sent.push(new FormData(f).get('email')); });
      document.getElementById('join').addEventListener('click', () => f.requestSubmit());</script>`);
    const asked = await act('join', 'click');
    expect(asked.error?.data?.needsConfirmation).toBe(true);
    const confirmed = await act('join', 'click', [], { confirmed: true, fingerprint: asked.error!.data!.fingerprint });
    expect(confirmed.ok, JSON.stringify(confirmed.error)).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { sent: string[] }).sent)).toEqual(['a@b.c']);
    expect(offsite).toEqual([]);
    await page.close();
  }, 60_000);

  test('<base href> on another origin and action="": Enter is not refused, and the form stays on this site', async () => {
    offsite.length = 0;
    const { page, act } = await openPage(`<!doctype html><head><base href="https://cdn.other.example/assets/"><title>t</title></head><form id="f" action="" method="get"><input id="q" name="q" aria-label="Find"></form>`);
    const pressed = await act('q', 'press', ['Enter']);
    expect(pressed.ok, JSON.stringify(pressed.error)).toBe(true);
    await page.waitForTimeout(500);
    expect(offsite).toEqual([]);
    expect(new URL(page.url()).origin).toBe(new URL(held.rig.pages.url('/')).origin);
    await page.close();
  }, 60_000);
});

describe('a page handler that sends the tab to another site is stopped and said (exploratory run, session 27)', () => {
  let page: Page;
  let tabId: number;
  const act = (id: string, extra: Record<string, unknown> = {}) => sendFromPage(held.panel, envelope('page.act', { tabId, action: 'click', args: [],
    target: { locators: [{ by: 'id', value: id }] }, ...extra })) as Promise<{ ok: boolean; payload?: { url?: string }; error?: { name: string; message: string; data?: Record<string, unknown> } }>;
  beforeAll(async () => {
    ({ page, tabId } = await openFixture());
  });
  afterAll(async () => {
    await page.close();
  });

  test.each([
    ['location.href = …', 'to-href'],
    ['location.assign(…)', 'to-assign'],
    ['location.replace(…)', 'to-replace'],
    ['window.open(…, "_self")', 'to-open-self'],
    ['location.href = … a moment later', 'to-later'],
  ])('%s: a NavigationError, the tab stays, nothing is sent there', async (_what, id) => {
    offsite.length = 0;
    const start = page.url();
    const clicked = await act(id);
    // A navigation the handler starts after the action answered is said at the next request.
    const said = clicked.error ?? (await page.waitForTimeout(300), await act('help')).error;
    expect(said, JSON.stringify(clicked)).toMatchObject({ name: 'NavigationError', message: expect.stringMatching(/ a navigation .*that leaves [^ ]+ for shop\.other\.example: a run stays on its site/) });
    await page.waitForTimeout(300);
    expect(offsite).toEqual([]);
    expect(page.url()).toBe(start);
  }, 60_000);

  test('a javascript: link that would leave: its script does not run from the executor\'s click (the extension\'s CSP blocks it), the tab stays', async () => {
    offsite.length = 0;
    const start = page.url();
    await act('js-link');
    await page.waitForTimeout(500);
    expect(offsite).toEqual([]);
    expect(page.url()).toBe(start);
  });

  test('a handler that goes to another page of this site goes there', async () => {
    const clicked = await act('to-here');
    expect(clicked.ok, JSON.stringify(clicked.error)).toBe(true);
    await page.waitForURL(/\/apps\/offsite\/\?page=2$/);
  });
});

test('a run whose button handler would leave the site fails with the off-site refusal, unasked', async () => {
  offsite.length = 0;
  const { page, tabId } = await openFixture();
  const start = page.url();
  const { report, asked } = await runScript(tabId, '$partners__open_the_shop_button.click(); done("shopping");');
  expect(report, JSON.stringify(report)).toMatchObject(refusedAway('shop.other.example'));
  expect(asked).toEqual([]);
  expect(offsite).toEqual([]);
  expect(page.url()).toBe(start);
  await page.close();
}, 60_000);

describe('a form of this site sent with GET only reads: not asked about, unless its words are irreversible', () => {
  test('the chapter picker\'s "Go" goes, unasked, in a run and as one action', async () => {
    const { page, tabId } = await openFixture();
    const { report, asked } = await runScript(tabId, '$chapters__chapter.select("2. Departure"); $chapters__go_button.click(); done("read");');
    expect(report, JSON.stringify(report)).toMatchObject({ status: 'done', result: 'read' });
    expect(asked).toEqual([]);
    await page.waitForURL(/\/apps\/offsite\/\?chapter=2$/);
    await page.close();
  }, 60_000);

  test('a GET form\'s "Delete drafts" is asked about for its words', async () => {
    const { page, tabId } = await openFixture();
    const start = page.url();
    const clicked = await sendFromPage(held.panel, envelope('page.act', { tabId, action: 'click', args: [], target: { locators: [{ by: 'id', value: 'delete-drafts' }] } })) as { error?: { data?: Record<string, unknown> } };
    expect(clicked.error?.data).toMatchObject({ needsConfirmation: true, reason: 'its label means it deletes' });
    await page.waitForTimeout(300);
    expect(page.url()).toBe(start);
    await page.close();
  }, 60_000);
});
