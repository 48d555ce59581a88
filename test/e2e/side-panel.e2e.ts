import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { serveStatic } from '../../scripts/lib/static-server.mjs';
import { INSECURE_HOST, launchExtension, repoRoot, tabIdOf, type ExtensionHarness } from './browser.ts';
import { envelope, expectAccessible, hook, sendFromPage } from './helpers.ts';

let harness: ExtensionHarness;
let server: Awaited<ReturnType<typeof serveStatic>>;
let demo: Page;
let demoTab: number;

beforeAll(async () => {
  server = await serveStatic({ '/demo/': `${repoRoot}/demo`, '/apps/': `${repoRoot}/test/fixtures/apps`, '/pages/': `${repoRoot}/test/fixtures/pages` });
  harness = await launchExtension();
  demo = await harness.context.newPage();
  await demo.goto(server.url('/demo/'));
  demoTab = await tabIdOf(harness, demo);
});
afterAll(async () => {
  await harness?.close();
  await server?.close();
});

interface PanelOpening { path: string; opened: boolean; openError?: string }

describe('side panel and context menu', () => {
  test('"Automate on this page…" binds the side panel to the clicked tab, which shows that page', async () => {
    const opening = await hook<PanelOpening>(harness.serviceWorker, 'clickMenu', 'automate-page', demoTab);
    expect(opening.path).toBe(`sidepanel/index.html?tab=${demoTab}`);
    // Outside a real user gesture Chrome refuses sidePanel.open; the binding is what the click leaves behind.
    if (!opening.opened) expect(opening.openError).toMatch(/user gesture/i);
    expect(await hook(harness.serviceWorker, 'sidePanelPath', demoTab)).toBe(opening.path);

    const panel = await harness.openExtensionPage(opening.path);
    await expect.poll(() => panel.locator('[data-field="page.title"]').textContent(), { timeout: 20_000 })
      .toBe('Pocket Mail — Inbox');
    const count = await demo.evaluate(() => document.getElementsByTagName('*').length);
    expect(await panel.locator('[data-field="page.elementCount"]').innerText()).toBe(String(count));
    expect(await panel.locator('[data-field="page.url"]').innerText()).toBe(server.url('/demo/'));
    expect(await panel.locator('[role=tab][aria-selected=true]').innerText()).toBe('Automate');
    await expectAccessible(panel, 'side panel');
    await panel.close();
  });

  test('"Solve with Pocket SLM" hands the selected text to the Math tab of the bound panel', async () => {
    const opening = await hook<PanelOpening>(harness.serviceWorker, 'clickMenu', 'solve-math', demoTab,
      'Tom has 3 apples and buys 4 more. How many?');
    const panel = await harness.openExtensionPage(opening.path);
    await panel.getByTestId('intent-text').waitFor();
    expect(await panel.locator('[role=tab][aria-selected=true]').innerText()).toBe('Math');
    expect(await panel.getByTestId('intent-text').innerText()).toContain('Tom has 3 apples and buys 4 more. How many?');

    // Still open, the panel follows the next menu click on its tab.
    await hook<PanelOpening>(harness.serviceWorker, 'clickMenu', 'solve-math', demoTab, 'Ann has 10 pens and gives away 6. How many are left?');
    await expect.poll(() => panel.getByTestId('intent-text').innerText(), { timeout: 10_000 }).toContain('Ann has 10 pens');
    await panel.close();

    // Reading an intent uses it up: a later plain open of the panel on this tab does not bring the old text back.
    const plain = await harness.openExtensionPage(opening.path);
    await plain.locator('[role=tab][aria-selected=true]').waitFor();
    await plain.waitForTimeout(500);
    expect(await plain.getByTestId('intent-text').count()).toBe(0);
    await plain.close();
  });

  test('a tab closed with a menu intent its panel never read leaves no selected text behind (session 14)', async () => {
    const other = await harness.context.newPage();
    await other.goto(server.url('/demo/?closing'));
    const tabId = await tabIdOf(harness, other);
    await hook<PanelOpening>(harness.serviceWorker, 'clickMenu', 'solve-math', tabId, 'My private selected text');
    const stored = () => harness.serviceWorker.evaluate((key) => chrome.storage.session.get(key).then((items) => items[key] ?? null), `panel-intent:${tabId}`);
    expect(await stored()).toMatchObject({ text: 'My private selected text' });
    await other.close();
    await expect.poll(stored, { timeout: 10_000 }).toBeNull();
  });

  test('a selection of only spaces is no selection: the Math tab keeps its problem and quotes nothing (exploratory test, session 21)', async () => {
    const opening = await hook<PanelOpening>(harness.serviceWorker, 'clickMenu', 'solve-math', demoTab, '   ');
    const panel = await harness.openExtensionPage(opening.path);
    await panel.getByLabel('Problem').waitFor();
    expect(await panel.locator('[role=tab][aria-selected=true]').innerText()).toBe('Math');
    expect(await panel.getByLabel('Problem').inputValue()).not.toMatch(/^\s+$/);
    expect(await panel.getByTestId('intent-text').count()).toBe(0);
    await panel.close();
  });

  // Exploratory test, session 23: with a panel opened from Chrome's own side-panel menu (for the whole window, following
  // the active tab), "Solve with Pocket SLM" showed the tab's own panel on Automate with no problem: the window-wide
  // panel, hidden behind it, had used the intent up. So had one left following another tab after a switch.
  test('a window-wide panel following the tab never takes a menu intent: the panel bound to the tab gets it', async () => {
    const todo = await harness.context.newPage();
    await todo.goto(server.url('/apps/todo/?intent'));
    const todoTab = await tabIdOf(harness, todo);
    const windowWide = await harness.openExtensionPage('sidepanel/index.html');
    const followed = windowWide.getByRole('region', { name: 'Bound page' });
    const problems: [number, string][] = [[demoTab, 'Tom has 3 apples and buys 4 more. How many?'], [todoTab, 'Ann has 10 pens and gives away 6. How many are left?']];
    try {
      for (const [tab, problem] of problems) {
        await (tab === demoTab ? demo : todo).bringToFront();
        await expect.poll(() => followed.getAttribute('data-tab-id'), { timeout: 10_000 }).toBe(String(tab));
        const opening = await hook<PanelOpening>(harness.serviceWorker, 'clickMenu', 'solve-math', tab, problem);
        await windowWide.waitForTimeout(1_000);
        expect(await windowWide.getByTestId('intent-text').count()).toBe(0);
        const bound = await harness.openExtensionPage(opening.path);
        await bound.getByTestId('intent-text').waitFor({ timeout: 10_000 });
        expect(await bound.locator('[role=tab][aria-selected=true]').innerText()).toBe('Math');
        expect(await bound.getByTestId('intent-text').innerText()).toContain(problem);
        await bound.close();
      }
    } finally {
      // Left open, it would follow the tabs of the tests after this one.
      await Promise.all([windowWide.close(), todo.close()]);
    }
  });

  // Exploratory test, session 23: a window-wide panel opened in a window other than the one focused last started on the
  // active tab of the focused window.
  test('a window-wide panel starts on the tab shown in its own window', async () => {
    const [otherWindow, todoTab] = await harness.serviceWorker.evaluate(async (url) => {
      const created = await chrome.windows.create({ url, focused: false });
      return [created!.id!, created!.tabs![0]!.id!];
    }, server.url('/apps/todo/?other-window'));
    try {
      // The demo's window is the one focused last.
      await demo.bringToFront();
      await harness.serviceWorker.evaluate(async (tab) => chrome.windows.update((await chrome.tabs.get(tab)).windowId, { focused: true }), demoTab);
      // The panel as a tab in the other window, behind the todo page there (a tab never follows itself).
      const opened = harness.context.waitForEvent('page', { predicate: (page) => page.url().includes('/sidepanel/') });
      await harness.serviceWorker.evaluate(([windowId, url]) => chrome.tabs.create({ windowId, url, active: false }),
        [otherWindow, harness.extensionUrl('sidepanel/index.html')] as const);
      const header = (await opened).getByRole('region', { name: 'Bound page' });
      await expect.poll(() => header.getAttribute('data-tab-id'), { timeout: 10_000 }).toBe(String(todoTab));
      await expect.poll(() => header.locator('[data-field="page.title"]').textContent(), { timeout: 20_000 }).toBe('Todos');
    } finally {
      await harness.serviceWorker.evaluate((id) => chrome.windows.remove(id), otherWindow);
    }
  });

  // Exploratory test, session 23: on a local file or a data: page the panel, opened from the page's right-click menu,
  // said the page could be read once its right-click menu was used. Chrome hides these tabs' addresses, not the click's.
  test('a local file or a data: page opened from its right-click menu is told what fits it', async () => {
    for (const [url, hint] of [
      [`file://${repoRoot}/test/fixtures/pages/widgets.html`, /A local file can be read once "Allow access to file URLs" is on/],
      ['data:text/html,<title>data page</title><p>2 + 2</p>', /This kind of page \(about:, data:, a page's source\) cannot be read/],
    ] as const) {
      const page = await harness.context.newPage();
      await page.goto(url);
      const tabId = await harness.serviceWorker.evaluate(async () => Math.max(...(await chrome.tabs.query({})).map((tab) => tab.id ?? -1)));
      const opening = await hook<PanelOpening>(harness.serviceWorker, 'clickMenu', 'solve-math', tabId, '2 + 2', url);
      const panel = await harness.openExtensionPage(opening.path);
      try {
        const header = panel.getByRole('region', { name: 'Bound page' });
        await header.getByTestId('binding-unreadable').waitFor({ timeout: 20_000 });
        expect(await header.innerText(), url).toMatch(hint);
        expect(await header.innerText(), url).not.toMatch(/use its right-click menu/);
      } finally {
        await Promise.all([panel.close(), page.close()]);
      }
    }
  });

  test('the menu items are registered with Chrome, restricted to the pages they work on', async () => {
    // contextMenus has no getter: an item that was not created (an invalid pattern) cannot be updated.
    const updated = await harness.serviceWorker.evaluate(() => Promise.all(['automate-page', 'solve-math', 'continue-story'].map((id) =>
      new Promise<string>((resolve) => chrome.contextMenus.update(id, {}, () => resolve(chrome.runtime.lastError?.message ?? 'ok'))))));
    expect(updated).toEqual(['ok', 'ok', 'ok']);
  });

  test('a page that cannot be read: Math and Story opened from a selection on it raise no alert; on Automate its run says it once (exploratory test, session 21)', async () => {
    const other = await harness.context.newPage();
    await other.goto('data:text/html,<title>not granted</title><p>hello</p>');
    // Without a grant for this page Chrome hides its URL and title from us; it is the newest tab.
    const tabId = await harness.serviceWorker.evaluate(async () => Math.max(...(await chrome.tabs.query({})).map((tab) => tab.id ?? -1)));
    const openFor = async (item: string, selection?: string) => {
      const panel = await harness.openExtensionPage((await hook<PanelOpening>(harness.serviceWorker, 'clickMenu', item, tabId, selection)).path);
      // The header still says the page cannot be read (and what to do), as a note.
      const note = panel.getByRole('region', { name: 'Bound page' }).getByTestId('binding-unreadable');
      await note.waitFor({ timeout: 20_000 });
      expect(await note.getAttribute('role')).toBe('status');
      return panel;
    };
    for (const [item, selection, tab] of [['solve-math', 'Ann has 3 pens and buys 2. How many?', 'Math'], ['continue-story', 'Once upon a time', 'Story']] as const) {
      const panel = await openFor(item, selection);
      expect(await panel.getByRole('tablist', { name: 'Pocket SLM sections' }).getByRole('tab', { selected: true }).innerText()).toBe(tab);
      expect(await panel.getByRole('alert').count(), `${tab} opened from a selection`).toBe(0);
      await panel.close();
    }
    const panel = await openFor('automate-page');
    await panel.getByLabel('Task', { exact: true }).fill('Click the first link');
    await panel.getByRole('button', { name: 'Run', exact: true }).click();
    await panel.getByTestId('automate').getByRole('alert').waitFor({ timeout: 30_000 });
    expect(await panel.getByRole('alert').allInnerTexts()).toEqual([expect.stringMatching(/^This page cannot be read/)]);
    await panel.close();
    await other.close();
  });

  // Exploratory test, session 22: after Back in a single-page app the header showed the title of the page left
  // ("SPA settings") with the URL of the page shown (/orders): it read the page as the step completed, before the app
  // had set the title, and Chrome (which restores the entry's title itself) sent no title change after.
  test('after Back in a single-page app the header\'s title and URL are of the same page', async () => {
    const spa = await harness.context.newPage();
    await spa.goto(server.url('/pages/widgets.html'));
    await spa.evaluate(() => {
      const views: Record<string, string> = { home: 'Home', orders: 'Orders', settings: 'Settings' };
      document.title = 'SPA home';
      document.body.innerHTML = '<nav aria-label="App"><a href="/pages/spa/orders" data-r="orders">Orders</a> <a href="/pages/spa/settings" data-r="settings">Settings</a></nav><main id="view"><h1>Home</h1></main>';
      // The app renders a route a moment after the URL changes, as apps that fetch first do.
      const show = (route: string) => setTimeout(() => {
        document.getElementById('view')!.innerHTML = `<h1>${views[route]}</h1>`;
        document.title = `SPA ${route}`;
      }, 50);
      document.querySelector('nav')!.addEventListener('click', (event) => {
        const link = (event.target as Element).closest('a')!;
        event.preventDefault();
        history.pushState({}, '', link.href);
        show(link.dataset.r!);
      });
      addEventListener('popstate', () => show(location.pathname.split('/').pop()!));
    });
    const tabId = await tabIdOf(harness, spa);
    const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${tabId}`);
    const header = panel.getByRole('region', { name: 'Bound page' });
    const shown = async () => `${await header.locator('[data-field="page.title"]').textContent()} @ ${await header.locator('[data-field="page.url"]').textContent()}`;
    await expect.poll(shown, { timeout: 20_000 }).toBe(`SPA home @ ${server.url('/pages/widgets.html')}`);
    await spa.click('text=Orders');
    await expect.poll(shown, { timeout: 10_000 }).toBe(`SPA orders @ ${server.url('/pages/spa/orders')}`);
    await spa.click('text=Settings');
    await expect.poll(shown, { timeout: 10_000 }).toBe(`SPA settings @ ${server.url('/pages/spa/settings')}`);
    await spa.goBack();
    await expect.poll(() => spa.title()).toBe('SPA orders');
    // Before, it stayed "SPA settings @ …/orders".
    await expect.poll(shown, { timeout: 10_000 }).toBe(`SPA orders @ ${server.url('/pages/spa/orders')}`);
    await panel.waitForTimeout(2_000);
    expect(await shown()).toBe(`SPA orders @ ${server.url('/pages/spa/orders')}`);
    await Promise.all([panel.close(), spa.close()]);
  });

  // Exploratory test, session 22: about:blank showed Chrome's raw "Extension manifest must request permission…", a
  // closed tab "No tab with id: N", and a page that cannot be read was headed "The page did not answer".
  test('a blank tab and a closed tab are said plainly, in the header and the Page tab', async () => {
    const blank = await harness.context.newPage();
    const blankTab = await harness.serviceWorker.evaluate(async () => Math.max(...(await chrome.tabs.query({})).map((tab) => tab.id ?? -1)));
    const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${blankTab}`);
    const header = panel.getByRole('region', { name: 'Bound page' });
    await header.getByTestId('binding-unreadable').waitFor({ timeout: 20_000 });
    const headerText = await header.innerText();
    expect(headerText).toMatch(/^This page cannot be read: Pocket SLM has no access to this page/);
    expect(headerText).toMatch(/blank tab \(about:blank\)/);
    expect(headerText).not.toMatch(/Extension manifest|did not answer/);
    await panel.close();

    const gone = await harness.context.newPage();
    await gone.goto(server.url('/demo/?gone'));
    const goneTab = await tabIdOf(harness, gone);
    const bound = await harness.openExtensionPage(`sidepanel/index.html?tab=${goneTab}`);
    const boundHeader = bound.getByRole('region', { name: 'Bound page' });
    await expect.poll(() => boundHeader.locator('[data-field="page.title"]').textContent(), { timeout: 20_000 }).toBe('Pocket Mail — Inbox');
    await bound.getByRole('tab', { name: 'Page' }).click();
    await bound.getByTestId('document-summary').waitFor({ timeout: 20_000 });
    await gone.close();
    // Said without a refresh (session 36: the header kept "Bound to <title>" until "Refresh page info").
    await boundHeader.getByTestId('binding-unreadable').waitFor({ timeout: 20_000 });
    expect(await boundHeader.innerText()).toMatch(/This page cannot be read: the tab is closed\s+The tab this panel worked on is closed/);
    await bound.getByRole('region', { name: 'Page document' }).getByRole('button', { name: 'Read the page again' }).click();
    const alert = bound.getByRole('region', { name: 'Page document' }).getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.innerText()).toBe('This page cannot be read: the tab is closed');
    expect(await bound.locator('body').innerText()).not.toMatch(/No tab with id/);
    await expectAccessible(bound, 'side panel of a closed tab');
    await Promise.all([bound.close(), blank.close()]);
  });

  test('the content script answers page.stats for a tab, and follows the page as it changes', async () => {
    const popup = await harness.openExtensionPage('popup/index.html');
    const first = await sendFromPage(popup, envelope('page.stats', { tabId: demoTab })) as { ok: boolean; payload: { elementCount: number; title: string } };
    expect(first.ok, JSON.stringify(first)).toBe(true);
    expect(first.payload.elementCount).toBe(await demo.evaluate(() => document.getElementsByTagName('*').length));

    await demo.click('a[data-folder="settings"]');
    const second = await sendFromPage(popup, envelope('page.stats', { tabId: demoTab })) as typeof first;
    expect(second.payload.title).toBe('Pocket Mail — Settings');

    // Injecting again (every request does) must not register a second listener: one reply, same answer.
    const third = await sendFromPage(popup, envelope('page.stats', { tabId: demoTab })) as typeof first;
    expect(third.payload).toEqual(second.payload);
    await popup.close();
  });

  test('every tab fits a 360 px side panel: tabs wrap, long lines wrap, nothing widens the page (session 16)', async () => {
    const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${demoTab}`);
    await panel.setViewportSize({ width: 360, height: 800 });
    // The panel renders its tabs once its script has run: wait for them before reading their names.
    await panel.getByRole('tab', { name: 'System' }).waitFor();
    const tabs = await panel.getByRole('tab').allInnerTexts();
    expect(tabs.length).toBeGreaterThanOrEqual(6);
    const overflow = () => panel.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    for (const name of tabs) {
      await panel.getByRole('tab', { name, exact: true }).click();
      if (name === 'Page') {
        // The page's prompt form, opened: long entry lines must wrap.
        await panel.getByTestId('document-prompt').waitFor({ state: 'attached', timeout: 30_000 });
        await panel.locator('details:has([data-testid="document-prompt"]) > summary').first().click();
      }
      expect(await overflow(), `the ${name} tab is wider than the panel`).toBeLessThanOrEqual(0);
    }
    // The last tab is reachable on screen, not past the edge.
    const last = await panel.getByRole('tab').last().boundingBox();
    expect(last!.x + last!.width).toBeLessThanOrEqual(360);
    await panel.close();
  });

  test('a page the extension may not read gives a typed ContentScriptError, not a hang', async () => {
    const other = await harness.context.newPage();
    await other.goto('data:text/html,<title>not granted</title><p>hello</p>');
    // Without a grant for this page Chrome hides its URL and title from us; it is the newest tab.
    const tabId = await harness.serviceWorker.evaluate(async () =>
      Math.max(...(await chrome.tabs.query({})).map((tab) => tab.id ?? -1)));
    const popup = await harness.openExtensionPage('popup/index.html');
    const reply = await sendFromPage(popup, envelope('page.stats', { tabId })) as { ok: boolean; error: { name: string } };
    expect(reply.ok).toBe(false);
    expect(reply.error.name).toBe('ContentScriptError');
    await popup.close();
    await other.close();
  });
  // Review, session 21: rows of `display: contents` (grid rows) have no box; hidden rows are no items, these are.
  test('a list of display:contents rows: the document and the executor count the same shown rows', async () => {
    const page = await harness.context.newPage();
    await page.goto(server.url('/pages/widgets.html'));
    await page.setContent(`<main><h2>People</h2><div style="display:grid;grid-template-columns:1fr 1fr">${['Ann', 'Bo', 'Cy', 'Di', 'Ed', 'Flo', 'Gus', 'Hal', 'Ivy', 'Jo'].map((n, i) =>
      `<div class="row" style="display:${i === 3 ? 'none' : 'contents'}"><span>${n}</span><a href="#${n}">Profile of ${n}</a></div>`).join('')}</div></main>`);
    const popup = await harness.openExtensionPage('popup/index.html');
    const tabId = await tabIdOf(harness, page);
    const doc = await sendFromPage(popup, envelope('page.document', { tabId })) as { payload: { sections: { entries: { kind: string; count?: number; locators?: unknown; itemSelector?: string }[] }[] } };
    const list = doc.payload.sections.flatMap((s) => s.entries).find((e) => e.kind === 'list')!;
    expect(list.count).toBe(9);
    const counted = await sendFromPage(popup, envelope('page.act', { tabId, action: 'count', target: { locators: list.locators, item: { selector: list.itemSelector } }, args: [] })) as { payload: { value: number } };
    expect(counted.payload.value).toBe(9);
    await Promise.all([popup.close(), page.close()]);
  });

  // Exploratory test, session 21: a PDF was read as a page of 3 elements and a run wrote scripts for it.
  test('a PDF tab is refused with what to do, before any model is asked', async () => {
    const popup = await harness.openExtensionPage('popup/index.html');
    const ask = (tabId: number) => sendFromPage(popup, envelope('page.document', { tabId })) as Promise<{ ok: boolean; error: { name: string; message: string } }>;
    const pdf = await harness.context.newPage();
    await pdf.goto(server.url('/pages/hello.pdf'));
    const pdfTab = await tabIdOf(harness, pdf);
    await expect.poll(async () => {
      const reply = await ask(pdfTab);
      return `${reply.error?.name}: ${reply.error?.message}`;
    }, { timeout: 15_000 }).toMatch(/^ContentScriptError: .*it is a PDF/);
    const act = await sendFromPage(popup, envelope('page.act', { tabId: pdfTab, action: 'click', target: { locators: [{ by: 'css', value: 'embed' }] }, args: [] })) as { error: { name: string } };
    expect(act.error.name).toBe('ContentScriptError');

    // The side panel bound to the PDF says what to do.
    const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${pdfTab}`);
    await expect.poll(() => panel.getByRole('region', { name: 'Bound page' }).innerText(), { timeout: 30_000 }).toMatch(/PDF in its own viewer/);
    await Promise.all([panel.close(), popup.close(), pdf.close()]);
  });

  // Session 22: a page's source tab (view-source:) took 30 s to answer "the page may be showing a dialog".
  test('a view-source tab is refused within seconds, named for what it is', async () => {
    const popup = await harness.openExtensionPage('popup/index.html');
    const source = await harness.context.newPage();
    await source.goto(`view-source:${server.url('/apps/todo/')}`);
    const tabId = await harness.serviceWorker.evaluate(async () => Math.max(...(await chrome.tabs.query({})).map((tab) => tab.id ?? -1)));
    const reply = await sendFromPage(popup, envelope('page.document', { tabId })) as { ok: boolean; error: { name: string; message: string } };
    // Before, a PageUnresponsiveError after the 30 s a busy page gets.
    expect(`${reply.error?.name}: ${reply.error?.message}`).toMatch(/^ContentScriptError: .*view-source/);
    const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${tabId}`);
    await expect.poll(() => panel.getByRole('region', { name: 'Bound page' }).innerText(), { timeout: 30_000 }).toMatch(/a page's source/);
    await Promise.all([panel.close(), popup.close(), source.close()]);
  });

  test('a plainly opened panel follows the tab the user looks at; a bound panel follows its tab to the next page', async () => {
    const todo = await harness.context.newPage();
    await todo.goto(server.url('/apps/todo/'));
    const todoTab = await tabIdOf(harness, todo);
    const plain = await harness.openExtensionPage('sidepanel/index.html');
    const header = plain.getByRole('region', { name: 'Bound page' });
    const title = header.locator('[data-field="page.title"]');

    await demo.bringToFront();
    await expect.poll(() => header.getAttribute('data-tab-id'), { timeout: 10_000 }).toBe(String(demoTab));
    await expect.poll(() => title.textContent(), { timeout: 20_000 }).toMatch(/^Pocket Mail/);
    await todo.bringToFront();
    await expect.poll(() => header.getAttribute('data-tab-id'), { timeout: 10_000 }).toBe(String(todoTab));
    await expect.poll(() => title.textContent(), { timeout: 20_000 }).toBe('Todos');
    await plain.close();

    // Bound to the todo tab: when that tab loads another page, the header, the Page tab and the saved scripts follow.
    const bound = await harness.openExtensionPage(`sidepanel/index.html?tab=${todoTab}`);
    const boundTitle = bound.getByRole('region', { name: 'Bound page' }).locator('[data-field="page.title"]');
    await expect.poll(() => boundTitle.textContent(), { timeout: 20_000 }).toBe('Todos');
    await bound.getByRole('tab', { name: 'Page' }).click();
    const pageUrl = bound.locator('[data-testid="document-summary"]');
    await pageUrl.waitFor({ timeout: 20_000 });
    await todo.goto(server.url('/apps/shop/'));
    await expect.poll(() => boundTitle.textContent(), { timeout: 20_000 }).toBe('Lamp & Co. shop');
    await expect.poll(() => bound.getByRole('region', { name: 'Page document' }).innerText(), { timeout: 20_000 }).toMatch(/shop|lamp/i);
    await bound.close();
    await todo.close();
  });
  test('on a plain-http site (not a secure context) the content script reads and acts', async () => {
    const insecure = await harness.context.newPage();
    await insecure.goto(server.url('/demo/').replace('127.0.0.1', INSECURE_HOST));
    expect(await insecure.evaluate(() => isSecureContext)).toBe(false);
    const tabId = await tabIdOf(harness, insecure);
    const popup = await harness.openExtensionPage('popup/index.html');
    const stats = await sendFromPage(popup, envelope('page.stats', { tabId })) as { ok: boolean; payload: { title: string } };
    expect(stats).toMatchObject({ ok: true, payload: { title: 'Pocket Mail — Inbox' } });
    const doc = await sendFromPage(popup, envelope('page.document', { tabId })) as { ok: boolean; payload: { pageId: string } };
    expect(doc.ok).toBe(true);
    expect(doc.payload.pageId).toMatch(/^[0-9a-f]{32}$/);
    await popup.close();
    await insecure.close();
  });
});
