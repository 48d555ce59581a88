import { afterAll, beforeAll, expect, test } from 'vitest';
import { startExecutorRig, type ExecutorRig } from './executor-rig.ts';

/**
 * A click on a link another app opens (`mailto:`, `tel:`): Chrome fires `beforeunload`, but the page stays. The
 * executor used to call that a navigation, and the run then waited ~4 s for a page that never came (exploratory test,
 * session 25: bbc-1's and medium-1's "Email" share links).
 */

let rig: ExecutorRig | undefined;
beforeAll(async () => {
  rig = await startExecutorRig('busy/?clock=0&bar=0&carousel=0');
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

test('a mailto: or tel: link is no navigation; a link to a page of the site still is', async () => {
  const page = rig!.page;
  const start = page.url();
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend',
    '<a id="mail" href="mailto:editor@example.com">Email</a> <a id="call" href="tel:+441234567890">Call</a> <a id="same" href="./?clock=0&bar=0&carousel=0&next=1">Next</a>'));
  for (const id of ['mail', 'call']) {
    const reply = await rig!.act(id, 'click');
    expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true, payload: { navigated: false } });
    expect(page.url()).toBe(start);
  }
  const next = await rig!.act('same', 'click');
  expect(next, JSON.stringify(next)).toMatchObject({ ok: true, payload: { navigated: true } });
  await page.waitForURL(/next=1$/);
});

test('a link of this site that would open another tab opens its page in the run\'s tab (explorer, session 32)', async () => {
  const page = rig!.page;
  const start = page.url();
  const tabs = () => page.context().pages().filter((p) => p.url().startsWith('http')).length;
  const before = tabs();
  const variants = [
    ['blank', '<a id="blank" href="./?clock=0&bar=0&carousel=0&next=blank" target="_blank" rel="noopener">Catalogue</a>'],
    ['named', '<a id="named" href="./?clock=0&bar=0&carousel=0&next=named" target="help">Help</a>'],
    ['base', '<base target="_BLANK"><a id="base" href="./?clock=0&bar=0&carousel=0&next=base">Prices</a>'],
  ] as const;
  for (const [id, html] of variants) {
    await page.goto(start);
    await page.evaluate((markup) => document.body.insertAdjacentHTML('beforeend', markup), html);
    const reply = await rig!.act(id, 'click');
    expect(reply, `${id}: ${JSON.stringify(reply)}`).toMatchObject({ ok: true, payload: { navigated: true } });
    await page.waitForURL(new RegExp(`next=${id}$`));
    expect(tabs(), id).toBe(before);
  }
  // A page that keeps the click to itself: nothing opens, and the link's target is as the page wrote it.
  await page.goto(start);
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', '<a id="kept" href="./?next=kept" target="_blank">Preview</a>');
    document.getElementById('kept')!.addEventListener('click', (event) => event.preventDefault());
  });
  expect(await rig!.act('kept', 'click')).toMatchObject({ ok: true, payload: { navigated: false } });
  expect(await page.locator('#kept').getAttribute('target')).toBe('_blank');
  expect(page.url()).toBe(start);
  expect(tabs()).toBe(before);
});

test('a page handler\'s window.open() of a page of this site during a click opens it in the run\'s tab; other calls are the browser\'s', async () => {
  const page = rig!.page;
  const start = page.url();
  const context = page.context();
  const tabs = () => context.pages().filter((p) => p.url().startsWith('http')).length;
  const before = tabs();
  for (const id of ['now', 'named', 'later', 'fetched'] as const) {
    await page.goto(start);
    await page.evaluate((which) => {
      document.body.insertAdjacentHTML('beforeend', `<button id="${which}">Open</button>`);
      const address = `./?clock=0&bar=0&carousel=0&next=${which}`;
      const calls = {
        now: () => void window.open(address),
        named: () => void window.open(address, 'preview', 'width=400'),
        later: () => void setTimeout(() => window.open(new URL(address, location.href)), 0),
        fetched: () => void fetch(location.href).then(() => window.open(address, '_blank')),
      };
      document.getElementById(which)!.addEventListener('click', calls[which]);
    }, id);
    const reply = await rig!.act(id, 'click');
    expect(reply, `${id}: ${JSON.stringify(reply)}`).toMatchObject({ ok: true, payload: { navigated: true } });
    await page.waitForURL(new RegExp(`next=${id}$`));
    expect(tabs(), id).toBe(before);
  }
  // Another site opens in a tab of its own, as before; this tab stays.
  await page.goto(start);
  const other = start.replace('127.0.0.1', 'localhost');
  await page.evaluate((address) => {
    document.body.insertAdjacentHTML('beforeend', '<button id="away">Elsewhere</button>');
    document.getElementById('away')!.addEventListener('click', () => void window.open(address));
  }, `${other}&next=away`);
  const opened = context.waitForEvent('page');
  expect(await rig!.act('away', 'click')).toMatchObject({ ok: true, payload: { navigated: false } });
  const popup = await opened;
  await popup.waitForURL(/next=away$/);
  expect(page.url()).toBe(start);
  await popup.close();
  // Outside a run's action the page's own window.open is untouched.
  const own = context.waitForEvent('page');
  await page.evaluate(() => void window.open('./?clock=0&bar=0&carousel=0&next=own'));
  const ownTab = await own;
  await ownTab.waitForURL(/next=own$/);
  expect(page.url()).toBe(start);
  await ownTab.close();
  expect(tabs()).toBe(before);
});

test('a form of this site that would send its page to another tab sends it to the run\'s tab; a submission the page stops keeps its target', async () => {
  const page = rig!.page;
  const start = page.url();
  const context = page.context();
  const tabs = () => context.pages().filter((p) => p.url().startsWith('http')).length;
  const before = tabs();
  const fields = (id: string) => `<input type="hidden" name="clock" value="0"><input type="hidden" name="bar" value="0"><input type="hidden" name="carousel" value="0"><input type="search" name="next" value="${id}" aria-label="Search">`;
  const variants = [
    ['blank', `<form role="search" action="./" target="_blank">${fields('blank')}<button id="blank">Search</button></form>`],
    ['formtarget', `<form role="search" action="./">${fields('formtarget')}<button id="formtarget" formtarget="results">Search</button></form>`],
    ['base', `<base target="_blank"><form role="search" action="./">${fields('base')}<button id="base">Search</button></form>`],
    ['scripted', `<form id="scripted-form" role="search" action="./" target="_blank">${fields('scripted')}</form><button id="scripted" type="button">Search</button>`],
  ] as const;
  for (const [id, html] of variants) {
    await page.goto(start);
    await page.evaluate((markup) => {
      document.body.insertAdjacentHTML('beforeend', markup);
      // A button outside the form whose handler sends it with submit() (no submit event).
      document.getElementById('scripted')?.addEventListener('click', () => (document.getElementById('scripted-form') as HTMLFormElement).submit());
    }, html);
    const reply = await rig!.act(id, 'click');
    expect(reply, `${id}: ${JSON.stringify(reply)}`).toMatchObject({ ok: true, payload: { navigated: true } });
    await page.waitForURL(new RegExp(`next=${id}$`));
    expect(tabs(), id).toBe(before);
  }
  // A form that posts is asked about first; once confirmed it goes to this tab too, sent by the button or by the
  // page's own submit() (held, then sent by the executor).
  for (const id of ['post', 'post-scripted'] as const) {
    await page.goto(start);
    await page.evaluate(({ markup, which }) => {
      document.body.insertAdjacentHTML('beforeend', markup);
      if (which === 'post-scripted') {
        document.getElementById('order')!.addEventListener('click', (event) => {
          event.preventDefault();
          (document.getElementById('order-form') as HTMLFormElement).submit();
        });
      }
    }, { which: id, markup: `<form id="order-form" method="post" action="./?clock=0&bar=0&carousel=0&next=${id}" target="_blank"><input name="item" aria-label="Item" value="tea"><button id="order">Place order</button></form>` });
    const asked = await rig!.act('order', 'click');
    expect(asked.error?.data?.needsConfirmation, `${id}: ${JSON.stringify(asked)}`).toBe(true);
    const sent = await rig!.act('order', 'click', [], { confirmed: true, fingerprint: asked.error!.data!.fingerprint });
    expect(sent, `${id}: ${JSON.stringify(sent)}`).toMatchObject({ ok: true, payload: { navigated: true } });
    await page.waitForURL(new RegExp(`next=${id}$`));
    expect(tabs(), id).toBe(before);
  }
  // A page that sends the form itself (its submit handler stops the browser's): nothing opens, the form's target stays.
  await page.goto(start);
  await page.evaluate((markup) => {
    document.body.insertAdjacentHTML('beforeend', markup);
    document.getElementById('kept-form')!.addEventListener('submit', (event) => event.preventDefault());
  }, `<form id="kept-form" role="search" action="./" target="_blank">${fields('kept')}<button id="kept">Search</button></form>`);
  const kept = await rig!.act('kept', 'click');
  expect(kept, JSON.stringify(kept)).toMatchObject({ ok: true, payload: { navigated: false } });
  await page.waitForTimeout(100);
  expect(await page.locator('#kept-form').getAttribute('target')).toBe('_blank');
  expect(page.url()).toBe(start);
  expect(tabs()).toBe(before);
});
