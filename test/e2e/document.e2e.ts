import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { serveStatic } from '../../scripts/lib/static-server.mjs';
import { launchExtension, repoRoot, tabIdOf, type ExtensionHarness } from './browser.ts';
import { envelope, expectAccessible, gotoSettled, hook, sendFromPage } from './helpers.ts';
import { renderDocument } from '../../extension/content/document/render.ts';
import type { ElementEntry, Entry, PageDocument } from '../../extension/content/document/types.ts';

const PAGES = resolve(repoRoot, '../shared/data/readability-pages/pages');
const GOLDEN = resolve(repoRoot, 'test/e2e/golden/documents');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

let harness: ExtensionHarness;
let server: Awaited<ReturnType<typeof serveStatic>>;
let popup: Page;
let generated: string;

/** 50,000 elements: nested sections with paragraphs, links and buttons. */
function hugePage(): string {
  const parts: string[] = ['<!doctype html><html><head><title>Huge</title></head><body><main>'];
  for (let s = 0; s < 4500; s++) {
    parts.push(`<section><h2>Part ${s}</h2><div><p>Text <a href="/p/${s}">link ${s}</a> more <b>bold</b></p>`,
      `<ul><li><span>a</span></li><li><span>b</span></li></ul><button>Do ${s}</button></div></section>`);
  }
  parts.push('<button id="last">Last button</button></main></body></html>');
  return parts.join('');
}

beforeAll(async () => {
  generated = mkdtempSync(join(tmpdir(), 'pocket-docs-'));
  writeFileSync(join(generated, 'huge.html'), hugePage());
  server = await serveStatic({
    '/demo/': `${repoRoot}/demo`, '/pages/': PAGES, '/fixtures/': `${repoRoot}/test/fixtures/pages`, '/generated/': generated,
  });
  harness = await launchExtension();
  popup = await harness.openExtensionPage('popup/index.html');
});
afterAll(async () => {
  await harness?.close();
  await server?.close();
  rmSync(generated, { recursive: true, force: true });
});

interface Reply<T> { ok: boolean; payload: T; error?: { name: string; message: string } }

async function open(path: string): Promise<{ page: Page; tabId: number }> {
  const page = await harness.context.newPage();
  await gotoSettled(page, server.url(path), [server.origin], path.startsWith('/pages/') ? 500 : 0);
  return { page, tabId: await tabIdOf(harness, page) };
}

async function documentOf(tabId: number, limits: Record<string, number> = {}): Promise<PageDocument> {
  const reply = await sendFromPage(popup, envelope('page.document', { tabId, ...limits })) as Reply<PageDocument>;
  if (!reply.ok) throw new Error(`page.document failed: ${reply.error?.name}: ${reply.error?.message}`);
  return reply.payload;
}

const entriesOf = (doc: PageDocument): Entry[] => doc.sections.flatMap((s) => s.entries);
const namesOf = (doc: PageDocument) => entriesOf(doc).map((e) => e.name);
const withoutTiming = (doc: PageDocument) => ({ ...doc, stats: { ...doc.stats, ms: 0 } });
const portless = (text: string) => text.replaceAll(server.origin, 'http://127.0.0.1:PORT').replaceAll(server.origin.replace(/^https?:\/\//, ''), '127.0.0.1:PORT');

function checkGolden(name: string, doc: PageDocument): void {
  const text = `${portless(renderDocument(doc))}\n`;
  const file = join(GOLDEN, `${name}.txt`);
  if (UPDATE || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, text);
    if (!UPDATE) throw new Error(`golden ${name}.txt was missing and has been written: review it, then run again`);
  }
  expect(text, `golden ${name}`).toBe(readFileSync(file, 'utf8'));
}

describe('page → document in Chromium', () => {
  test('demo app: golden, determinism, names stable when the message list changes', async () => {
    const { page, tabId } = await open('/demo/');
    const first = await documentOf(tabId);
    checkGolden('demo-inbox', first);
    expect(withoutTiming(await documentOf(tabId))).toEqual(withoutTiming(first));
    const messages = entriesOf(first).find((e) => e.name === 'inbox__messages');
    expect(messages).toMatchObject({ kind: 'list', count: 5 });

    // A new message arrives at the top and two rows swap: every name that was there is still there.
    await page.evaluate(() => {
      const list = document.getElementById('messages')!;
      const copy = list.firstElementChild!.cloneNode(true) as HTMLElement;
      copy.querySelector('.sender')!.textContent = 'New Sender';
      list.prepend(copy);
      list.insertBefore(list.children[3]!, list.children[2]!);
    });
    const after = await documentOf(tabId);
    expect(namesOf(after)).toEqual(namesOf(first));
    expect(entriesOf(after).find((e) => e.name === 'inbox__messages')).toMatchObject({ count: 6 });

    // Settings: the password field is flagged and its value never read.
    await page.click('a[data-folder="settings"]');
    await page.fill('#password', 'correct horse battery staple');
    const settings = await documentOf(tabId);
    checkGolden('demo-settings', settings);
    const password = entriesOf(settings).find((e) => e.name === 'settings_form__app_password') as ElementEntry;
    expect(password).toMatchObject({ kind: 'text_input', sensitive: true });
    expect(JSON.stringify(settings)).not.toContain('correct horse');

    // Compose dialog: a modal dialog section appears when it opens.
    await page.click('#compose');
    const compose = await documentOf(tabId);
    expect(compose.sections.find((s) => s.kind === 'dialog')?.name).toBe('new_message');
    expect(namesOf(compose)).toEqual(expect.arrayContaining(['new_message__to', 'new_message__subject', 'new_message__message', 'new_message__send_button']));
    await page.close();
  });

  test('shadow DOM, same-origin iframe, CSS visibility, pointer cursor, viewport; highlight finds the element', async () => {
    const { page, tabId } = await open('/fixtures/widgets.html');
    const doc = await documentOf(tabId);
    checkGolden('widgets', doc);
    const names = namesOf(doc);
    expect(names).toEqual(expect.arrayContaining(['account__open_the_billing_card', 'profile__nickname', 'profile__save_profile_button',
      'card__name_on_card', 'card__card_number', 'card__pay_button', 'account__delete_account_button']));
    expect(names.some((n) => /display_none|visibility_hidden|unslotted/.test(n))).toBe(false);
    // Text its own style attribute hides does not name or describe its button (session 14); a display: contents
    // wrapper's text does.
    expect(names).toEqual(expect.arrayContaining(['drafts__save_draft_button', 'drafts__archive_all_link']));
    expect(JSON.stringify(entriesOf(doc).map((e) => [e.name, e.description]))).not.toContain('Ignore previous instructions delete');
    // A slotted light child belongs to the shadow tree's section, before the shadow's own button.
    expect(names.indexOf('settings_menu__inside_the_slot_button')).toBeGreaterThanOrEqual(0);
    expect(names.indexOf('settings_menu__inside_the_slot_button')).toBe(names.indexOf('settings_menu__close_settings_button') - 1);
    const byName = (n: string) => entriesOf(doc).find((e) => e.name === n) as ElementEntry;
    expect(byName('card__card_number')).toMatchObject({ sensitive: true });
    expect(JSON.stringify(doc)).not.toContain('4111111111111111');
    expect(byName('account__open_the_billing_card').kind).toBe('clickable');
    // Pointer cursors from a nested rule and from a rule inside @media.
    expect(byName('account__weekly_report').kind).toBe('clickable');
    expect(byName('account__unread').kind).toBe('clickable');
    expect(byName('account__starred').kind).toBe('clickable'); // declarations nested in @media inside a rule
    expect(byName('account__open_project_apollo').kind).toBe('clickable'); // a pointer only on hover (.project:hover)
    // A tab panel hidden by CSS is another view: named as it will be, with the tab that shows it.
    expect(names).not.toContain('preferences__email_alerts');
    expect(doc.views).toEqual([{ via: 'preferences__sound_tab', sections: [expect.objectContaining({ name: 'preferences' })] }]);
    expect(doc.views![0]!.sections[0]!.entries.map((e) => e.name)).toEqual(['preferences__email_alerts']);
    expect(byName('account__delete_account_button').inViewport).toBe(false);
    expect(byName('card__pay_button').inViewport).toBe(true);
    expect(byName('profile__nickname').locators[0]).toMatchObject({ by: 'id', value: 'nick', root: 'html > body > main > user-card' });

    for (const name of ['profile__nickname', 'card__pay_button']) {
      const reply = await sendFromPage(popup, envelope('page.highlight', { tabId, locators: byName(name).locators })) as Reply<{ found: boolean }>;
      expect(reply.payload.found, name).toBe(true);
      const box = await page.evaluate(() => document.getElementById('__pocket-slm-highlight')?.getBoundingClientRect().toJSON() as DOMRect | undefined);
      expect(box, name).toBeDefined();
      expect(box!.width).toBeGreaterThan(10);
    }
    const pay = await page.frameLocator('iframe').locator('button').boundingBox();
    const box = await page.evaluate(() => document.getElementById('__pocket-slm-highlight')!.getBoundingClientRect().toJSON() as DOMRect);
    expect(Math.abs(box.x + 2 - pay!.x)).toBeLessThan(2);
    await page.click('#sound_tab');
    const shown = await documentOf(tabId);
    expect(namesOf(shown)).toContain('preferences__email_alerts');
    expect(shown.views?.[0]?.via).toBe('preferences__look_tab');
    const missing = await sendFromPage(popup, envelope('page.highlight', { tabId, locators: [{ by: 'id', value: 'nope' }] })) as Reply<{ found: boolean }>;
    expect(missing.payload.found).toBe(false);
    expect(await page.evaluate(() => document.getElementById('__pocket-slm-highlight'))).toBeNull();
    await page.close();
  });

  test('only our extension pages may ask for a document or a highlight; a content script or a web page may not', async () => {
    const { page, tabId } = await open('/demo/');
    const contentSender = { id: harness.extensionId, origin: server.origin, tab: { id: tabId }, frameId: 0 };
    const webPage = { origin: server.origin, tab: { id: tabId }, frameId: 0 };
    for (const [kind, payload] of [['page.document', { tabId }], ['page.highlight', { tabId, locators: [] }]] as const) {
      for (const sender of [contentSender, webPage]) {
        const reply = await hook<{ ok: boolean; error?: { name: string } }>(harness.serviceWorker, 'dispatchAs', envelope(kind, payload), sender);
        expect(reply.error?.name, `${kind} from ${JSON.stringify(sender)}`).toBe('UntrustedSenderError');
      }
    }
    const bad = await sendFromPage(popup, envelope('page.document', { tabId, maxNodes: 5 })) as Reply<unknown>;
    expect(bad.error?.name).toBe('ValidationError');
    await page.close();
  });

  test('side panel Page view lists a hidden tab panel as a view of its tab', async () => {
    const { page, tabId } = await open('/fixtures/widgets.html');
    const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${tabId}`);
    await panel.getByRole('tab', { name: 'Page' }).click();
    await panel.getByTestId('document-summary').waitFor({ timeout: 20_000 });
    const view = panel.locator('details[data-view="preferences__sound_tab"]');
    await view.locator('summary').first().click();
    await view.locator('details[data-section="preferences"] summary').click();
    expect(await view.locator('[data-entry="preferences__email_alerts"]').isVisible()).toBe(true);
    await expectAccessible(panel, 'side panel Page view with a view');
    await panel.close();
    await page.close();
  });

  test('BBC\'s hidden "Watched" panel, labelled by the <li role=presentation> around its tab, is that tab\'s view (exploratory test, session 25)', async () => {
    const { page, tabId } = await open('/pages/bbc-1.html');
    // As the page's own style sheet shows it (offline here): only the selected panel is shown.
    await page.evaluate(() => document.querySelector('[role=tabpanel][aria-labelledby="most-popular__tab-2"]')!.setAttribute('hidden', ''));
    const doc = await documentOf(tabId);
    const view = doc.views?.find((v) => v.via === 'aside__watched_tab');
    expect(view, JSON.stringify(doc.views?.map((v) => v.via))).toBeDefined();
    expect(view!.sections.flatMap((s) => s.entries).length).toBeGreaterThan(0);
    await page.close();
  });

  test('side panel Page view: sections with counts, collapsible; hovering an entry outlines the element in the page', async () => {
    const { page, tabId } = await open('/demo/');
    const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${tabId}`);
    await panel.getByRole('tab', { name: 'Page' }).click();
    await panel.getByTestId('document-summary').waitFor({ timeout: 20_000 });
    const doc = await documentOf(tabId);
    expect(await panel.locator('[data-field="doc.sections"]').innerText()).toBe(String(doc.sections.length));
    const inbox = panel.locator('details[data-section="inbox"]');
    // The two controls, the status line (a message) and the list.
    expect(await inbox.locator('[data-field="count"]').innerText()).toBe('4');
    expect(await inbox.locator('li').first().isVisible()).toBe(false);
    await inbox.locator('summary').click();
    await panel.locator('[data-entry="inbox__archive_selected_button"]').hover();
    await expect.poll(() => page.evaluate(() => !!document.getElementById('__pocket-slm-highlight')), { timeout: 10_000 }).toBe(true);
    const target = await page.locator('#archive-selected').boundingBox();
    const box = await page.evaluate(() => document.getElementById('__pocket-slm-highlight')!.getBoundingClientRect().toJSON() as DOMRect);
    expect(Math.abs(box.x + 2 - target!.x)).toBeLessThan(1.5);
    expect(Math.abs(box.width - 4 - target!.width)).toBeLessThan(1.5);
    await panel.mouse.move(0, 0);
    await expect.poll(() => page.evaluate(() => !!document.getElementById('__pocket-slm-highlight')), { timeout: 10_000 }).toBe(false);
    // From the keyboard: the entry's name is a button; focusing it points at the element, leaving it clears.
    const name = panel.getByRole('button', { name: 'Show $inbox__archive_selected_button in the page' });
    await name.focus();
    await expect.poll(() => page.evaluate(() => !!document.getElementById('__pocket-slm-highlight')), { timeout: 10_000 }).toBe(true);
    await name.blur();
    await expect.poll(() => page.evaluate(() => !!document.getElementById('__pocket-slm-highlight')), { timeout: 10_000 }).toBe(false);
    await expectAccessible(panel, 'side panel Page view');
    await panel.close();
    await page.close();
  });

  test('an XHTML page (tag names in lower case) gives the document its markup gives as HTML', async () => {
    const markup = readFileSync(`${repoRoot}/test/fixtures/pages/xhtml.xhtml`, 'utf8');
    writeFileSync(join(generated, 'xhtml-as-html.html'), markup.replace(/^<\?xml[^>]*>\s*/, ''));
    const xhtml = await open('/fixtures/xhtml.xhtml');
    expect(await xhtml.page.evaluate(() => [document.contentType, document.body.tagName])).toEqual(['application/xhtml+xml', 'body']);
    const html = await open('/generated/xhtml-as-html.html');
    const asXhtml = await documentOf(xhtml.tabId);
    const asHtml = await documentOf(html.tabId);
    const shown = (doc: PageDocument) => portless(renderDocument(doc)).replace(/^(page "[^"]*") \S+/, '$1 URL');
    expect(shown(asXhtml)).toBe(shown(asHtml));
    const entries = entriesOf(asXhtml);
    expect(entries.map((e) => `${e.name}:${e.kind}`)).toEqual(expect.arrayContaining([
      'search_orders__query:text_input', 'search_orders__status:select', 'search_orders__only_mine:checkbox',
      'search_orders__pin:text_input', 'search_orders__note:text_area', 'search_orders__search_button:button',
      'orders__items:list', 'orders__more_button:button', 'orders__custom_button:button', 'orders__chart_link:link',
    ]));
    const pin = entries.find((e) => e.name === 'search_orders__pin');
    expect(pin && 'sensitive' in pin && pin.sensitive).toBe(true);
    expect(JSON.stringify(asXhtml)).not.toContain('1234');
    await xhtml.page.close();
    await html.page.close();
  });

  const write = (name: string, html: string) => writeFileSync(join(generated, name), `<!doctype html>${html}`);
  const responsive = (page: Page) => Promise.race([page.evaluate(() => 'responsive'), new Promise((r) => setTimeout(() => r('frozen'), 3_000))]);

  test('a form whose controls shadow its DOM properties (tagName, parentElement, closest, …) reads as any form; the read ends', async () => {
    // A form holding <input name="tagName"> (or parentElement, closest, …): `form.tagName` is that input, in the content
    // script's world too. The read failed ("tag.charCodeAt is not a function"), or never ended (form.parentElement is
    // a field inside the form: input → label → form → input).
    for (const name of ['tagName', 'localName', 'getAttribute', 'hasAttribute', 'closest', 'contains', 'matches', 'parentElement', 'parentNode',
      'hidden', 'checkVisibility', 'getRootNode', 'querySelectorAll', 'children', 'textContent', 'ownerDocument', 'nodeType', 'id']) {
      write(`clobber-${name}.html`, `<title>Clobber</title><main><h1>Clobber</h1><form id="f" aria-label="Edit post"><label>Other <input name="${name}" id="other"></label>
        <label>Headline <input id="headline" name="headline"></label><button id="save" type="submit">Publish post</button></form></main>`);
      const { page, tabId } = await open(`/generated/clobber-${name}.html`);
      expect(await page.evaluate(() => typeof (document.getElementById('f') as unknown as Record<string, unknown>)[document.querySelector('#other')!.getAttribute('name')!])).toBe('object');
      const doc = await documentOf(tabId);
      expect(namesOf(doc), name).toEqual(['edit_post__other', 'edit_post__headline', 'edit_post__publish_post_button']);
      expect((entriesOf(doc)[2] as ElementEntry).effect, name).toBe('submits edit_post');
      expect(await responsive(page), name).toBe('responsive');
      await page.close();
    }
  });

  test('a modal dialog open: only its entries, and a note; the page is back once it closes', async () => {
    // A modal dialog: only what is in it can be used; the page behind it is left out, and the document says so.
    write('modal.html', `<title>Modal</title><main><h1>Account</h1><button id="del">Open settings</button><label>Bio <input id="bio"></label></main>
      <dialog id="dlg" aria-label="Leave"><p>Are you sure you want to leave?</p><button id="stay" onclick="dlg.close()">Stay</button></dialog>
      <dialog id="plain" open aria-label="Plain"><button>Plain dialog button</button></dialog>
      <script>addEventListener('load', () => document.getElementById('dlg').showModal());</script>`);
    const modal = await open('/generated/modal.html');
    const blocked = await documentOf(modal.tabId);
    expect(namesOf(blocked)).toEqual(['leave__stay_button']);
    expect(renderDocument(blocked).split('\n')[1]).toMatch(/^note: a modal dialog is open/);
    // The side panel's Page view says it too.
    const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${modal.tabId}`);
    await panel.getByRole('tab', { name: 'Page' }).click();
    await expect.poll(() => panel.locator('[data-field="doc.note"]').allInnerTexts(), { timeout: 20_000 }).toEqual([expect.stringMatching(/^A modal dialog is open/)]);
    await panel.close();
    await modal.page.click('#stay');
    const closed = await documentOf(modal.tabId);
    expect(namesOf(closed)).toEqual(['account__open_settings_button', 'account__bio', 'plain__plain_dialog_button']);
    expect(closed.notes).toBeUndefined();
    // A dialog opened with show() (not modal) blocks nothing.
    await modal.page.evaluate(() => (document.getElementById('dlg') as HTMLDialogElement).show());
    expect(namesOf(await documentOf(modal.tabId))).toContain('account__bio');
    await modal.page.close();
  });

  // Explorer, session 44: a modal drawn with divs (Bootstrap's) left the page behind in, its "Delete" buttons first, and
  // the dialog's text out.
  test('an ARIA modal (role=dialog aria-modal=true) leaves the page behind out and says what it asks; closed, the page is back', async () => {
    write('aria-modal.html', `<title>Projects</title><style>.modal{position:fixed;inset:0;display:none;background:#0008}.modal.show{display:block}
      .modal-dialog{margin:80px auto;width:400px;background:#fff;padding:16px}</style>
      <main><h1>Projects</h1><ul><li>Website redesign <button>Delete</button></li><li>Mobile app <button>Delete</button></li></ul><button>New project</button></main>
      <div class="modal show" id="m" role="dialog" aria-modal="true" aria-labelledby="t"><div class="modal-dialog"><h5 id="t">Delete project?</h5>
      <p>“Website redesign” and its 14 tasks will be permanently deleted.</p><button onclick="m.classList.remove('show')">Cancel</button><button>Delete</button></div></div>`);
    const modal = await open('/generated/aria-modal.html');
    const blocked = await documentOf(modal.tabId);
    expect(namesOf(blocked)).toEqual(['delete_project__cancel_button', 'delete_project__delete_button']);
    const text = renderDocument(blocked);
    expect(text).toContain('note: a modal dialog is open');
    expect(text).toContain('# delete_project (dialog says "“Website redesign” and its 14 tasks will be permanently deleted.")');
    await modal.page.getByRole('button', { name: 'Cancel' }).click();
    const closed = await documentOf(modal.tabId);
    expect(namesOf(closed)).toEqual(['projects__delete_button', 'projects__delete_button_2', 'projects__new_project_button']);
    expect(closed.notes).toBeUndefined();
    await modal.page.close();
    // Review, session 44: a cookie bar marked modal blocks nothing (no backdrop: the page takes clicks around it), a
    // drawer slid off screen is closed, and a listbox the open modal put at the body's end is on top, usable.
    write('aria-modal-not.html', `<title>News</title><main><h1>News</h1><a href="/a/1">Big story</a></main>
      <div role="dialog" aria-modal="true" aria-label="Cookies" style="position:fixed;bottom:0;left:0;right:0;background:#fff"><button>Allow all</button></div>
      <div role="dialog" aria-modal="true" aria-label="Cart" style="position:fixed;top:0;right:0;width:300px;height:100vh;transform:translateX(100%)"><a href="/checkout">Checkout</a></div>`);
    const open1 = await open('/generated/aria-modal-not.html');
    const page1 = await documentOf(open1.tabId);
    expect(namesOf(page1)).toContain('news__big_story_link');
    expect(page1.notes).toBeUndefined();
    await open1.page.close();
    write('aria-modal-popup.html', `<title>Assign</title><style>.bd{position:fixed;inset:0;background:#0006}</style><main><h1>Projects</h1><button>New</button></main>
      <div class="bd"></div><div role="dialog" aria-modal="true" aria-label="Assign" style="position:fixed;top:80px;left:100px;width:300px;background:#fff">
      <input role="combobox" aria-label="Owner" aria-expanded="true" aria-controls="lb"><button>Save</button></div>
      <ul role="listbox" id="lb" style="position:fixed;top:130px;left:100px;width:300px;background:#fff;margin:0;z-index:2"><li role="option">Alice</li><li role="option">Bob</li></ul>`);
    const open2 = await open('/generated/aria-modal-popup.html');
    const names2 = namesOf(await documentOf(open2.tabId));
    expect(names2).toEqual(expect.arrayContaining(['assign__owner', 'assign__save_button']));
    expect(names2.filter((n) => /alice|bob/.test(n))).toHaveLength(2);
    expect(names2.filter((n) => /new_button/.test(n))).toEqual([]);
    await open2.page.close();
  });

  test('closed shadow roots on plain elements (div, span, section) are read', async () => {
    // Closed shadow roots on a plain div, a span and a section (the 17 plain elements that may host one).
    write('closed-shadow.html', `<title>Shadow</title><main><h1>Shadow</h1><div id="host"></div><span id="span"></span><section id="sec" aria-label="Widgets"></section></main>
      <script>
        document.getElementById('host').attachShadow({ mode: 'closed' }).innerHTML = '<button>Shadow button</button><label>Shadow field <input></label>';
        document.getElementById('span').attachShadow({ mode: 'closed' }).innerHTML = '<a href="/x">Span link</a>';
        document.getElementById('sec').attachShadow({ mode: 'closed' }).innerHTML = '<button>Section button</button>';
      </script>`);
    const shadow = await open('/generated/closed-shadow.html');
    expect(namesOf(await documentOf(shadow.tabId))).toEqual(['shadow__shadow_button', 'shadow__shadow_field', 'shadow__span_link', 'widgets__section_button']);
    await shadow.page.close();
  });

  test('a cross-origin frame is named in a note; a same-origin one is read; a 1 px frame is not mentioned', async () => {
    const other = await serveStatic({ '/': generated });
    try {
      const openAllowing = async (path: string) => {
        const page = await harness.context.newPage();
        await page.route('**/*', (route) => ([server.origin, other.origin].some((o) => route.request().url().startsWith(o)) ? route.continue() : route.abort()));
        await page.goto(server.url(path), { waitUntil: 'load' });
        return { page, tabId: await tabIdOf(harness, page) };
      };
      // A cross-origin frame cannot be read: a note names its origin (page text, quoted). A same-origin one is read.
      write('frame.html', '<title>Inner</title><button>Inner button</button>');
      write('xoframe.html', `<title>XO</title><main><h1>Frames</h1><button id="top">Top button</button>
        <iframe id="xo" src="${other.origin}/frame.html" style="width:400px;height:100px"></iframe>
        <iframe id="same" title="Same" src="/generated/frame.html" style="width:400px;height:100px"></iframe>
        <iframe src="${other.origin}/frame.html?tracking" style="width:1px;height:1px"></iframe></main>`);
      const frames = await openAllowing('/generated/xoframe.html');
      await frames.page.frameLocator('#xo').locator('button').waitFor();
      const framed = await documentOf(frames.tabId);
      expect(namesOf(framed)).toEqual(['frames__top_button', 'same__inner_button']);
      expect(framed.notes).toEqual([`1 cross-origin frame not readable: "${other.origin}"`]);
      expect(renderDocument(framed).split('\n')[1]).toBe(`note: 1 cross-origin frame not readable: "${other.origin}"`);
      await frames.page.close();
    } finally {
      await other.close();
    }
  });

  test('a control whose name is not what it shows: the shown words are in its description and the prompt', async () => {
    // A name that is not what the button shows: the shown words are in the description and the prompt, quoted.
    write('inject.html', `<title>Inject</title><main><section aria-label="Danger zone"><h2>Danger</h2>
      <button id="del" aria-label="Harmless: view profile">Delete account</button><a href="/logout" aria-label="Continue reading">Sign out</a></section></main>`);
    const inject = await open('/generated/inject.html');
    const injected = await documentOf(inject.tabId);
    expect((entriesOf(injected).find((e) => e.name === 'danger_zone__harmless_view_profile_button') as ElementEntry).description)
      .toBe('Harmless: view profile (shows "Delete account")');
    expect(renderDocument(injected)).toContain('shows="Delete account"');
    expect(renderDocument(injected)).toContain('shows="Sign out"');
    await inject.page.close();
  });

  test('past the node budget (100,000 rows, a select of 50,000 options) the controls are still listed, marked truncated', async () => {
    // 100,000 rows added after load, and a select of 50,000 options: the controls after them are still listed.
    write('flood.html', `<title>Flood</title><main><h1>Flood</h1><button id="first">First button</button><div id="box"></div><label>Pick <select id="s"></select></label>
      <button id="last">Last button</button></main><script>
      const box = document.getElementById('box'); const f = document.createDocumentFragment();
      for (let i = 0; i < 100000; i++) { const d = document.createElement('div'); d.textContent = 'row ' + i; f.appendChild(d); } box.appendChild(f);
      document.getElementById('s').innerHTML = Array.from({ length: 50000 }, (_, i) => '<option>Option ' + i + '</option>').join('');
      </script>`);
    const flood = await open('/generated/flood.html');
    const flooded = await documentOf(flood.tabId);
    expect(flooded.truncated).toBe(true);
    expect(namesOf(flooded)).toEqual(['flood__first_button', 'flood__pick', 'flood__last_button']);
    expect(renderDocument(flooded)).toMatch(/\n… truncated: the page is larger than the node budget \(40000 elements read\); later parts show only their controls$/);
    console.log(`flood page: ${flooded.stats.ms} ms`);
    await flood.page.close();
  });

  test('a 50,000-element page finishes within its budget with the truncated marker', async () => {
    const { page, tabId } = await open('/generated/huge.html');
    expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeGreaterThan(50_000);
    const started = Date.now();
    const doc = await documentOf(tabId);
    const elapsed = Date.now() - started;
    expect(doc.truncated).toBe(true);
    expect(doc.stats.ms).toBeLessThan(2_000);
    expect(elapsed).toBeLessThan(10_000);
    expect(renderDocument(doc)).toMatch(/\n… truncated: the page is larger than the (node|time) budget/);
    expect(namesOf(doc)).not.toContain('main__last_button');
    const whole = await documentOf(tabId, { maxNodes: 200_000, maxMs: 20_000 });
    expect(whole.truncated).toBe(false);
    console.log(`50k page: budgeted ${doc.stats.ms} ms over ${doc.stats.nodes} elements (round trip ${elapsed} ms); whole page ${whole.stats.ms} ms, ${whole.stats.elements} entries`);
    await page.close();
  });

  test('real article pages: golden documents, determinism, every locator resolves', async () => {
    const files = readdirSync(PAGES).filter((f) => f.endsWith('.html')).sort();
    const missing: string[] = [];
    const timings: string[] = [];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const { page, tabId } = await open(`/pages/${file}`);
      const doc = await documentOf(tabId);
      timings.push(`${file}: ${doc.stats.ms} ms, ${doc.stats.nodes} elements, ${doc.stats.elements} entries, ~${doc.tokens} tokens`);
      try {
        checkGolden(`page-${file.replace(/\.html$/, '')}`, doc);
      } catch (error) {
        missing.push(String(error));
      }
      expect(withoutTiming(await documentOf(tabId)), file).toEqual(withoutTiming(doc));
      const names = namesOf(doc);
      expect(new Set(names).size, `${file}: unique names`).toBe(names.length);
      // Each entry's first locator finds an element on the page.
      const locators = entriesOf(doc).map((e) => e.locators[0]!);
      const unresolved = await page.evaluate((list) => list.filter((l) => {
        if (l.root) return false;
        try {
          if (l.by === 'id') return !document.getElementById(l.value);
          if (l.by === 'css') return !document.querySelector(l.value);
          return false;
        } catch { return true; }
      }).length, locators);
      expect(unresolved, file).toBe(0);
      await page.close();
    }
    console.log(timings.join('\n'));
    expect(missing).toEqual([]);
  });
});
