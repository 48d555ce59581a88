// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { act } from '../../../extension/content/executor/index.ts';
import { PageBridge, scriptNames } from '../../../extension/features/automate/page-bridge.ts';
import type { ChatMessage } from '../../../extension/features/automate/prompt.ts';
import { runTask } from '../../../extension/features/automate/runner.ts';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { runScript } from '../../../extension/sandbox/interpreter/run.ts';
import type { PageDocument } from '../../../extension/protocol/schemas.ts';
import { otherPageNames, routeTo } from '../../../extension/features/automate/site-routes.ts';

/**
 * A script may name an element that lives on another page of the site: the bridge clicks along the site document's
 * path first. Here the "site" is one happy-dom page with two states (home, settings); the route is what the site
 * document would answer. Executor, bridge, interpreter and loop are real; the model is one canned answer.
 */
const HOME = '<nav aria-label="Main"><button type="button" id="go">Settings</button></nav><main><h1>Home</h1><p>Welcome</p></main>';
const SETTINGS = '<main><h1>Settings</h1><form aria-label="Preferences"><label><input type="checkbox" id="dark"> Dark mode</label></form></main>';

function showHome(): void {
  document.body.innerHTML = HOME;
  document.getElementById('go')!.addEventListener('click', () => {
    document.body.innerHTML = SETTINGS;
  });
}

/** An account section with two tab panels, "Sound" not shown until its tab is clicked; `before`: more of the section. */
function showAccountTabs(before = ''): void {
  document.body.innerHTML = `<section><h2>Your account</h2>${before}<div role="tablist" aria-label="Settings">
    <button role="tab" id="general_tab" aria-selected="true">General</button><button role="tab" id="sound_tab" aria-selected="false">Sound</button></div>
    <div role="tabpanel" aria-labelledby="general_tab"><label><input type="checkbox"> Large text</label></div>
    <div role="tabpanel" aria-labelledby="sound_tab" hidden><label><input type="checkbox" id="alerts" checked> Email alerts</label></div></section>`;
  const [general, sound] = Array.from(document.querySelectorAll<HTMLElement>('[role=tabpanel]'));
  document.getElementById('sound_tab')!.addEventListener('click', () => {
    general!.hidden = true;
    sound!.hidden = false;
  });
}

function nameOf(doc: PageDocument, kind: string): string {
  return scriptNames(doc).find((n) => n.kind === kind)!.name;
}

/** One canned answer run on this page with the site routes (a panel not shown: one click away). */
async function runOnThisPage(task: string, script: string): Promise<{ report: Awaited<ReturnType<typeof runTask>>; bridge: PageBridge }> {
  const readDocument = async () => buildPageDocument(document);
  let bridge!: PageBridge;
  const report = await runTask(task, {
    constrained: false,
    readDocument,
    otherPageNames,
    async generate() {
      return { text: JSON.stringify({ plan: 'p', elements: [], script }), tokensIn: 1, tokensOut: 1 };
    },
    async execute(source, names, budgets, onLog, signal) {
      bridge = new PageBridge({
        act: (request) => act(document, { settleMs: 30, ...request }),
        readDocument, confirm: async () => true, ask: async () => '', say: () => undefined, route: routeTo,
      }, await readDocument());
      return runScript(source, automationCapabilities(bridge, names), { budgets, onLog, ...(signal ? { signal } : {}) });
    },
  });
  return { report, bridge };
}

describe('auto-navigation through the site document', () => {
  test('a name from another page: one model call, the bridge clicks the recorded path, then acts', async () => {
    document.body.innerHTML = SETTINGS;
    const settings = buildPageDocument(document);
    const dark = nameOf(settings, 'checkbox');
    showHome();
    const home = buildPageDocument(document);
    const go = nameOf(home, 'button');
    expect(scriptNames(home).some((n) => n.name === dark)).toBe(false);

    const prompts: ChatMessage[][] = [];
    const routes: string[] = [];
    const navigations: [string, string][] = [];
    let bridge!: PageBridge;
    const readDocument = async () => buildPageDocument(document);
    const report = await runTask('turn on dark mode', {
      constrained: false,
      readDocument,
      otherPageNames: async () => scriptNames(settings),
      async generate(messages) {
        prompts.push(messages);
        return { text: JSON.stringify({ plan: 'p', elements: [], script: `$${dark}.check();\ndone("on");` }), tokensIn: 1, tokensOut: 1 };
      },
      async execute(source, names, budgets, onLog, signal) {
        bridge = new PageBridge({
          act: (request) => act(document, { settleMs: 30, ...request }),
          readDocument,
          confirm: async () => true,
          ask: async () => '',
          say: () => undefined,
          route: async (name) => {
            routes.push(name);
            return name === dark ? [go] : null;
          },
          onNavigated: (from, element, to) => navigations.push([element, to.title]),
        }, await readDocument());
        return runScript(source, automationCapabilities(bridge, names), { budgets, onLog, ...(signal ? { signal } : {}) });
      },
    });
    expect(report, report.summary).toMatchObject({ status: 'done', modelCalls: 1, result: 'on' });
    expect((document.getElementById('dark') as HTMLInputElement).checked).toBe(true);
    expect(bridge.stats.autoNavigations).toBe(1);
    expect(routes).toEqual([dark]);
    expect(prompts[0]!.at(-1)!.content).toContain(`ON OTHER PAGES OR TABS OF THIS SITE`);
    expect(prompts[0]!.at(-1)!.content).toContain(`$${dark}`);
  });

  test('a name on a tab panel not shown: offered to the model, and the bridge clicks its tab first', async () => {
    showAccountTabs();
    const readDocument = async () => buildPageDocument(document);
    const first = await readDocument();
    expect(scriptNames(first).some((n) => n.name === 'your_account__email_alerts')).toBe(false);
    expect((await otherPageNames(first)).map((n) => n.name)).toContain('your_account__email_alerts');
    const { report, bridge } = await runOnThisPage('turn off email alerts', '$your_account__email_alerts.uncheck();\ndone("off");');
    expect(report, report.summary).toMatchObject({ status: 'done', modelCalls: 1, result: 'off' });
    expect((document.getElementById('alerts') as HTMLInputElement).checked).toBe(false);
    expect(bridge.stats.autoNavigations).toBe(1);
  });

  test('a name on a panel of a long tab strip (its tabs a list): the bridge clicks that tab, as the list\'s item (session 14)', async () => {
    const tabs = Array.from({ length: 10 }, (_, i) => `<button role="tab" id="t${i}" aria-selected="${i === 0}">Tab ${i}</button>`).join('');
    const panels = Array.from({ length: 10 }, (_, i) => `<div role="tabpanel" aria-labelledby="t${i}" ${i ? 'hidden' : ''}><label><input type="checkbox" id="c${i}"> Option ${i}</label></div>`).join('');
    document.body.innerHTML = `<div role="tablist">${tabs}</div>${panels}`;
    const all = Array.from(document.querySelectorAll<HTMLElement>('[role=tabpanel]'));
    document.querySelectorAll('[role=tab]').forEach((tab, i) => tab.addEventListener('click', () => all.forEach((panel, j) => { panel.hidden = i !== j; })));
    const { report, bridge } = await runOnThisPage('turn on option 7', '$page__option_7.check();\ndone("on");');
    expect(report, report.summary).toMatchObject({ status: 'done', result: 'on' });
    expect((document.getElementById('c7') as HTMLInputElement).checked).toBe(true);
    expect(bridge.stats.autoNavigations).toBe(1);
  });

  test('no recorded route: the name stays NotFound and goes to the repair loop', async () => {
    showHome();
    const bridge = new PageBridge({
      act: (request) => act(document, { settleMs: 30, ...request }),
      readDocument: async () => buildPageDocument(document),
      confirm: async () => true, ask: async () => '', say: () => undefined,
      route: async () => null,
    }, buildPageDocument(document));
    const names = [...scriptNames(bridge.doc), { name: 'preferences__dark_mode', kind: 'checkbox' as const }];
    const result = await runScript('$preferences__dark_mode.check();', automationCapabilities(bridge, names));
    expect(result.error?.name).toBe('NotFoundError');
    expect(bridge.stats.autoNavigations).toBe(0);
  });

  describe('what a way to another page must not do (explorer, session 32)', () => {
    const NEWSLETTER = '<form aria-label="Newsletter"><label>Your email <input id="email"></label><button>Subscribe</button></form>';
    function showHomeWithForm(): void {
      showHome();
      document.body.insertAdjacentHTML('beforeend', NEWSLETTER);
    }
    function bridgeTo(route: (name: string) => Promise<string[] | null>): PageBridge {
      return new PageBridge({
        act: (request) => act(document, { settleMs: 30, ...request }),
        readDocument: async () => buildPageDocument(document),
        confirm: async () => true, ask: async () => '', say: () => undefined, route,
      }, buildPageDocument(document));
    }

    test('it does not throw away what the run typed on this page: an ActionError that says so, and the tab stays', async () => {
      showHomeWithForm();
      const go = nameOf(buildPageDocument(document), 'button');
      const bridge = bridgeTo(async (name) => (name === 'preferences__dark_mode' ? [go] : null));
      const names = [...scriptNames(bridge.doc), { name: 'preferences__dark_mode', kind: 'checkbox' as const }];
      const result = await runScript('$newsletter__your_email.type("me@example.org");\n$preferences__dark_mode.check();', automationCapabilities(bridge, names));
      expect(result.error?.name).toBe('ActionError');
      expect(result.error?.message).toMatch(/is on another page of the site .*throw away what this run typed into `\$newsletter__your_email`/);
      expect(bridge.stats.autoNavigations).toBe(0);
      expect((document.getElementById('email') as HTMLInputElement).value).toBe('me@example.org');
      // Once the form is sent (a click), the way is free again.
      const after = await runScript('$newsletter__your_email.type("me@example.org");\n$newsletter__subscribe_button.click();\n$preferences__dark_mode.check();\ndone("on");',
        automationCapabilities(bridgeTo(async (name) => (name === 'preferences__dark_mode' ? [go] : null)), names));
      expect(after, after.error?.message).toMatchObject({ ok: true, result: 'on' });
    });

    test('a tick is no typed text: a switch ticked here (often saved at once) does not keep the run from the other page', async () => {
      showHome();
      document.body.insertAdjacentHTML('beforeend', '<section aria-label="Alerts"><label><input type="checkbox" id="alerts"> Email alerts</label></section>');
      const go = nameOf(buildPageDocument(document), 'button');
      const bridge = bridgeTo(async (name) => (name === 'preferences__dark_mode' ? [go] : null));
      const names = [...scriptNames(bridge.doc), { name: 'preferences__dark_mode', kind: 'checkbox' as const }];
      const result = await runScript('$alerts__email_alerts.check();\n$preferences__dark_mode.check();\ndone("on");', automationCapabilities(bridge, names));
      expect(result, result.error?.message).toMatchObject({ ok: true, result: 'on' });
      expect(bridge.stats.autoNavigations).toBe(1);
    });

    test('a tab panel of the same page is no other page: typing first loses nothing, the tab is clicked', async () => {
      showAccountTabs('<label>Nickname <input id="nick"></label>');
      const { report } = await runOnThisPage('nickname Al, alerts off', '$your_account__nickname.type("Al");\n$your_account__email_alerts.uncheck();\ndone("ok");');
      expect(report, report.summary).toMatchObject({ status: 'done', result: 'ok' });
      expect((document.getElementById('nick') as HTMLInputElement).value).toBe('Al');
    });

    test('exists() answers about this page: false for a name on another page, without going there', async () => {
      showHome();
      const go = nameOf(buildPageDocument(document), 'button');
      const bridge = bridgeTo(async (name) => (name === 'preferences__dark_mode' ? [go] : null));
      const names = [...scriptNames(bridge.doc), { name: 'preferences__dark_mode', kind: 'checkbox' as const }];
      const result = await runScript('done($preferences__dark_mode.exists());', automationCapabilities(bridge, names));
      expect(result).toMatchObject({ ok: true, result: false });
      expect(bridge.stats.autoNavigations).toBe(0);
      expect(document.querySelector('h1')?.textContent).toBe('Home');
    });

    test('a click that sends a form is no edge to walk: not recorded, and one recorded before is not taken', async () => {
      const { recordEdge, recordPage } = await import('../../../extension/features/automate/site-document.ts');
      const { recordNavigation } = await import('../../../extension/features/automate/site-routes.ts');
      const at = (path: string, html: string) => {
        document.body.innerHTML = html;
        return { ...buildPageDocument(document), url: `https://shop.example${path}` };
      };
      const login = at('/login', '<form aria-label="Sign in"><label>User <input name="u"></label><button>Sign in</button></form>');
      const dashboard = at('/dashboard', '<main><h1>Dashboard</h1><button type="button">Redeem points</button></main>');
      const redeem = nameOf(dashboard, 'button');
      recordNavigation(login, 'sign_in__sign_in_button', dashboard);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await routeTo(redeem, login)).toBeNull();
      // An edge stored by an older version (submissions were recorded then) is not walked either.
      await recordPage(login);
      await recordPage(dashboard);
      await recordEdge(login, 'sign_in__sign_in_button', dashboard);
      expect(await routeTo(redeem, login)).toBeNull();
    });
  
    test('only names a recorded way reaches are offered as on other pages: a stored page no way leads to is not', async () => {
      const { recordEdge, recordPage } = await import('../../../extension/features/automate/site-document.ts');
      const at = (path: string, html: string) => {
        document.body.innerHTML = html;
        return { ...buildPageDocument(document), url: `https://offered.example${path}` };
      };
      const home = at('/', '<nav aria-label="Main"><a href="/account">Account</a><a href="/help">Help</a></nav><main><h1>Home</h1></main>');
      const account = at('/account', '<main><h1>Account</h1><form aria-label="Profile"><label>Display name <input></label></form></main>');
      const contact = at('/contact', '<main><h1>Contact</h1><p>Write to us.</p></main>');
      const orders = at('/orders', '<main><h1>Orders</h1><button type="button">Export orders</button></main>');
      for (const page of [home, account, contact, orders]) await recordPage(page);
      await recordEdge(home, 'main__account_link', account);
      const offered = (await otherPageNames(home)).map((name) => name.name);
      expect(offered).toContain('profile__display_name');
      expect(offered.some((name) => name.includes('export_orders'))).toBe(false);
      // From a page with no recorded way out, nothing of other pages is offered.
      expect((await otherPageNames(contact)).some((name) => name.name === 'profile__display_name')).toBe(false);
    });
  
    test('a recorded way whose link is gone: NotFound names what the script asked for and the broken step', async () => {
      showHome();
      const bridge = bridgeTo(async (name) => (name === 'preferences__dark_mode' ? ['main__settings_page_link'] : null));
      const names = [...scriptNames(bridge.doc), { name: 'preferences__dark_mode', kind: 'checkbox' as const }];
      const result = await runScript('$preferences__dark_mode.check();', automationCapabilities(bridge, names));
      expect(result.error?.name).toBe('NotFoundError');
      expect(result.error?.message).toMatch(/`\$preferences__dark_mode` is on another page of the site, but the recorded way there is broken: `\$main__settings_page_link` is not on the page now/);
    });
  });
});
