import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { tabIdOf, type ExtensionHarness } from './browser.ts';
import { envelope, expectAccessible, hook, sendFromPage } from './helpers.ts';
import { REPLAY, runKnown, startAutomationRig, type AutomationRig } from './automation-rig.ts';

/**
 * Automation end to end in Chromium: the side panel's Automate tab with a replay model (canned answers keyed on the
 * task, test/fixtures/apps/automate-replay.json) writes scripts; the sandbox runs them; every action goes side panel
 * → background → content executor on our fixture pages (the demo mail app, a todo app, a two-step sign-up form, a
 * page with prompt injection, a searchable shop list). The model is scripted; the pages, the executor, the interpreter and the loop are real.
 */

let harness: ExtensionHarness;
let pages: AutomationRig['pages'];
let rig: AutomationRig | undefined;

beforeAll(async () => {
  rig = await startAutomationRig();
  ({ harness, pages } = rig);
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

interface Bound {
  page: Page;
  panel: Page;
}

/** A page in its own tab and a side panel bound to it, on the Automate tab with the replay model chosen. */
let opened = 0;
/** Each test's page gets its own URL: tabs are found by URL, and earlier tests leave theirs open. */
async function openPage(path: string): Promise<Page> {
  const page = await harness.context.newPage();
  await page.goto(`${pages.url(path)}?run=${++opened}`);
  return page;
}

async function bind(path: string): Promise<Bound> {
  const page = await openPage(path);
  const tabId = await tabIdOf(harness, page);
  const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${tabId}`);
  await panel.getByRole('tab', { name: 'Automate' }).click();
  await panel.locator('#automate-model').selectOption(REPLAY);
  return { page, panel };
}

/** From the demo inbox, the task whose scripted answer unticks a box on the settings page: done in one call, there. */
async function turnOffNotificationsFromInbox(page: Page, panel: Page): Promise<void> {
  await panel.getByRole('tab', { name: 'Automate' }).click();
  await panel.locator('#automate-model').selectOption(REPLAY);
  await run(panel, 'Turn off desktop notifications');
  const report = await finished(panel);
  expect(report, report.text).toMatchObject({ status: 'done', modelCalls: 1, attempts: 1 });
  expect(page.url()).toMatch(/#settings$/);
  expect(await page.locator('#notifications').isChecked()).toBe(false);
}

/** The fixture pages share one origin: forget the site so later tests start without its knowledge. */
async function clearSiteData(panel: Page): Promise<void> {
  await panel.getByRole('tab', { name: 'Page' }).click();
  const details = panel.getByTestId('site-details');
  await details.waitFor();
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await panel.getByRole('button', { name: 'Clear what is stored for this site' }).click();
  await panel.getByRole('alertdialog', { name: 'Clear this site' }).getByRole('button', { name: 'Delete them' }).click();
  await expect.poll(() => panel.locator('[data-field="site.pages"]').innerText(), { timeout: 10_000 }).toBe('0');
}

async function run(panel: Page, task: string): Promise<void> {
  await panel.getByLabel('Task', { exact: true }).fill(task);
  await panel.getByRole('button', { name: 'Run', exact: true }).click();
}

async function finished(panel: Page, timeout = 90_000) {
  const report = panel.getByTestId('automate-report');
  await report.waitFor({ timeout });
  return {
    status: await report.getAttribute('data-status'),
    modelCalls: Number(await report.getAttribute('data-model-calls')),
    attempts: Number(await report.getAttribute('data-attempts')),
    text: await report.innerText(),
  };
}

describe('Automate tab with a scripted (replay) model', () => {
  test('the demo\'s status line after an archive is what the run reports; a script that only says something is done (explorer, session 29)', async () => {
    const { page, panel } = await bind('/demo/');
    await run(panel, 'Archive the first message and say what the status line says');
    const archived = await finished(panel);
    expect(archived, archived.text).toMatchObject({ status: 'done', attempts: 1 });
    await expect.poll(() => panel.getByTestId('automate-result').innerText()).toBe('"1 message moved to archive."');
    expect(await page.locator('#status').innerText()).toBe('1 message moved to archive.');
    await panel.close();
    await page.close();
    const again = await bind('/demo/');
    await run(again.panel, 'Tell me how many messages there are');
    const told = await finished(again.panel);
    expect(told, told.text).toMatchObject({ status: 'done', modelCalls: 1, attempts: 1 });
    expect(await again.panel.getByTestId('automate-log').innerText()).toContain('There are 5 messages');
    await again.panel.close();
    await again.page.close();
  });

  test('a paste the task box cannot take whole says how much of it was cut (explorer, session 34: only the counter did)', async () => {
    const { page, panel } = await bind('/demo/');
    // Written from the page (an extension page's origin cannot be granted the permission); the clipboard is the browser's.
    await harness.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    const copy = async (text: string) => {
      await page.bringToFront();
      await page.evaluate((t) => navigator.clipboard.writeText(t), text);
      await panel.bringToFront();
    };
    const box = panel.getByLabel('Task', { exact: true });
    await box.fill('Search the mail for ');
    const long = 'x'.repeat(5000);
    await copy(long);
    await box.focus();
    await box.press('End');
    await box.press('Control+V');
    await expect.poll(() => box.inputValue().then((value) => value.length)).toBe(4000);
    expect(await panel.getByTestId('automate-task-cut').innerText()).toBe('The pasted text was cut: 3,980 of its 5,000 characters fit (a task takes 4,000).');
    // A paste that fits says nothing; emptying the box clears the note too.
    await box.fill('Search the mail for ');
    await copy('Weekly Byte');
    await box.press('End');
    await box.press('Control+V');
    await expect.poll(() => box.inputValue()).toBe('Search the mail for Weekly Byte');
    expect(await panel.getByTestId('automate-task-cut').count()).toBe(0);
    await copy(long);
    await box.press('Control+A');
    await box.press('Control+V');
    await expect.poll(() => panel.getByTestId('automate-task-cut').innerText()).toContain('4,000 of its 5,000 characters fit');
    await box.fill('');
    expect(await panel.getByTestId('automate-task-cut').count()).toBe(0);
    await panel.close();
    await page.close();
  });

  test('dates: a script reads the user\'s clock and the page\'s dates, and archives the newsletters older than a cutoff (the issue\'s "from last week")', async () => {
    const { page, panel } = await bind('/demo/');
    const tabId = await tabIdOf(harness, page);
    // Days from 2026-11-20 (between the two newsletters, 11-23 and 11-16) to today: the cutoff keeps the first, archives the second.
    const days = Math.floor((Date.now() - Date.UTC(2026, 10, 20)) / 86_400_000);
    const before = Date.now();
    const script = `const now = new Date();
const cutoff = new Date(now);
cutoff.setDate(cutoff.getDate() - ${days});
const ages = $inbox__messages.map((m) => now - new Date(m.date.text()));
const old = $inbox__messages.filter((m) => m.sender.text().includes("Weekly Byte") && new Date(m.date.text()) < cutoff);
const archived = old.map((m) => m.date.text());
for (const m of old) m.select_message.check();
$inbox__archive_selected_button.click();
done({ now: now.getTime(), ages, archived, cutoff: cutoff.toISOString() });`;
    const { report } = await runKnown(panel, tabId, script, { task: 'archive the old newsletters', confirm: 'never' });
    const after = Date.now();
    expect(report.status, JSON.stringify(report)).toBe('done');
    const result = report.result as { now: number; ages: number[]; archived: string[]; cutoff: string };
    expect(result.now).toBeGreaterThanOrEqual(before - 1000);
    expect(result.now).toBeLessThanOrEqual(after + 1000);
    expect(result.ages).toEqual(['2026-11-24', '2026-11-23', '2026-11-22', '2026-11-20', '2026-11-16'].map((d) => result.now - Date.parse(d)));
    expect(result.archived).toEqual(['2026-11-16']);
    await expect.poll(() => page.locator('#messages li').allInnerTexts().then((rows) => rows.map((r) => r.includes('WebGPU')))).toEqual([false, false, false, false]);
    expect((await page.locator('#messages li').allInnerTexts()).some((r) => r.includes('10 tips'))).toBe(true);
    await panel.close();
    await page.close();
  }, 120_000);

  test('success path on the demo app; save with a {{param}}; replay with 0 model calls', async () => {
    const { page, panel } = await bind('/demo/');
    // Ctrl+Enter in the task box runs it, as Run does.
    await panel.getByLabel('Task', { exact: true }).fill('Search the mail for Weekly Byte');
    await panel.getByLabel('Task', { exact: true }).press('Control+Enter');
    const report = await finished(panel);
    expect(report, report.text).toMatchObject({ status: 'done', modelCalls: 1, attempts: 1 });
    await expect.poll(() => panel.getByTestId('automate-result').innerText()).toBe('2');
    expect(await page.locator('#search').inputValue()).toBe('Weekly Byte');
    expect(await page.locator('#messages li').count()).toBe(2);
    expect(await panel.getByTestId('automate-plan').innerText()).toContain('search box');
    expect(await panel.getByTestId('automate-script').innerText()).toContain('$search_mail__search_mail.type("Weekly Byte")');
    expect(await panel.locator('[data-testid="automate-log"] li[data-call="type"]').count()).toBe(1);
    expect(await panel.locator('[data-testid="automate-log"] li[data-call="click"]').count()).toBe(1);
    await expectAccessible(panel, 'automate tab after a run');

    // Save it for the site with a parameter, then replay on a fresh page with another value: no model call.
    const save = panel.getByTestId('automate-save');
    await save.getByLabel('Script name').fill('search mail');
    const source = await save.getByLabel(/Saved script/).inputValue();
    await save.getByLabel(/Saved script/).fill(source.replace('"Weekly Byte"', '"{{query}}"'));
    await save.getByRole('button', { name: 'Save script' }).click();
    const saved = panel.locator('[data-testid="automate-saved"] li[data-script="search mail"]');
    await saved.waitFor();
    await expect.poll(() => panel.getByTestId('automate-saved-note').innerText()).toContain('Saved "search mail"');
    // The value made a hole in the script is that hole in the task kept with it (explorer, session 34).
    expect(await save.getByLabel(/Task kept with it/).inputValue()).toBe('Search the mail for {{query}}');
    // Saving again under that name says it replaces; a script that does not parse is refused, not saved.
    expect(await save.getByRole('button', { name: 'Replace the saved script of this name' }).count()).toBe(1);
    await save.getByLabel(/Saved script/).fill('$search_mail__search_mail.type("{{query}}"');
    await save.getByRole('button', { name: 'Replace the saved script of this name' }).click();
    await expect.poll(() => panel.locator('[role="alert"]').innerText()).toMatch(/could never replay/);
    const callsBefore = await panel.getByTestId('automate').getAttribute('data-generate-calls');
    await page.reload();
    // A parameter left empty is asked for before anything runs.
    await saved.getByRole('button', { name: 'Replay' }).click();
    await expect.poll(() => saved.getByTestId('automate-saved-error').innerText()).toMatch(/fill in "query"/);
    await saved.getByLabel('query for search mail').fill('Jonas');
    await saved.getByRole('button', { name: 'Replay' }).click();
    await panel.getByTestId('automate-report').waitFor({ state: 'detached' }).catch(() => undefined);
    const replay = await finished(panel);
    expect(replay, replay.text).toMatchObject({ status: 'done', modelCalls: 0 });
    expect(await panel.getByTestId('automate-result').innerText()).toBe('1');
    expect(await page.locator('#search').inputValue()).toBe('Jonas');
    expect(await panel.getByTestId('automate').getAttribute('data-generate-calls')).toBe(callsBefore);
    // Deleting says so, takes the focus to that note, and can be undone (exploratory test, session 18).
    await saved.getByRole('button', { name: 'Delete search mail' }).click();
    await expect.poll(() => saved.count()).toBe(0);
    const note = panel.getByTestId('automate-deleted-note');
    expect(await note.innerText()).toMatch(/Deleted “search mail”/);
    await expect.poll(() => panel.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('automate-deleted-note');
    await note.getByRole('button', { name: 'Undo' }).click();
    await saved.waitFor();
    expect(await saved.getByLabel('query for search mail').count()).toBe(1);
  }, 180_000);

  test('a saved script still runs once the menu it used grew into a list: the links keep their names, 0 model calls', async () => {
    const { page, panel } = await bind('/demo/');
    // Seven folders: the nav's links become one `links` list (four are entries); the names they had still work.
    await page.evaluate(() => {
      for (const folder of ['Drafts', 'Spam', 'Trash']) {
        const li = document.createElement('li');
        li.innerHTML = `<a href="#${folder.toLowerCase()}">${folder}</a>`;
        document.querySelector('nav[aria-label=Folders] ul')!.append(li);
      }
    });
    const tabId = await tabIdOf(harness, page);
    const started = await sendFromPage(panel, envelope('automate.start', { tabId, task: 'Open Sent', model: REPLAY,
      known: { plan: 'open the Sent folder', elements: ['$folders__sent_link'], script: '$folders__sent_link.click();\ndone("sent");' } })) as { ok: boolean; error?: unknown };
    expect(started.ok, JSON.stringify(started.error)).toBe(true);
    const state = async () => ((await sendFromPage(panel, envelope('automate.state', { tabId }))) as { payload: { run: { phase: string; report?: unknown } } }).payload.run;
    await expect.poll(async () => (await state()).phase, { timeout: 30_000 }).toBe('finished');
    expect((await state()).report).toMatchObject({ status: 'done', modelCalls: 0, result: 'sent' });
    expect(new URL(page.url()).hash).toBe('#sent');
  }, 60_000);

  test('a name on another page of the site: the site document gives the path, the bridge clicks it; one model call', async () => {
    const { page, panel } = await bind('/demo/');
    // The Page tab records the inbox, then (after a real click) the settings page and the edge between them.
    await panel.getByRole('tab', { name: 'Page' }).click();
    await panel.getByTestId('document-summary').waitFor({ timeout: 20_000 });
    await page.click('a[data-folder="settings"]');
    await page.waitForFunction(() => location.hash === '#settings');
    await panel.getByRole('region', { name: 'Page document' }).getByRole('button', { name: 'Read the page again' }).click();
    const site = panel.getByTestId('site-details');
    await site.locator('summary').click();
    await expect.poll(() => panel.locator('[data-field="site.edges"]').innerText(), { timeout: 10_000 }).not.toBe('0');
    await page.goto(page.url().split('#')[0]!); // back on the inbox, where the checkbox does not exist
    expect(await page.locator('#notifications').isVisible()).toBe(false);

    await turnOffNotificationsFromInbox(page, panel);
    // The script itself only unticked the box; the click that reached the settings page was the bridge's.
    expect(await panel.locator('[data-testid="automate-log"] li[data-call="uncheck"]').count()).toBe(1);
    expect(await panel.locator('[data-testid="automate-log"] li[data-call="click"]').count()).toBe(0);
    // It is in the log all the same, as the run's own click on the way (explorer, session 32: it was in none).
    expect(await panel.locator('[data-testid="automate-log"] li[data-call="route"]').allInnerTexts())
      .toEqual(['clicked $folders__settings_link on the recorded way to $settings_form__desktop_notifications']);

    // A way to another page does not throw away what the script typed here: that attempt fails saying so (nothing
    // was clicked), and the repair goes to the other page first (explorer, session 32).
    await page.goto(page.url().split('#')[0]!);
    await page.locator('#notifications').evaluate((box: HTMLInputElement) => { box.checked = true; });
    await run(panel, 'Search for invoices, then turn off desktop notifications');
    await panel.locator('[data-testid="automate-report"][data-attempts="2"]').waitFor({ timeout: 90_000 });
    const repaired = await finished(panel);
    expect(repaired, repaired.text).toMatchObject({ status: 'done', modelCalls: 2, attempts: 2 });
    expect(repaired.text).toMatch(/throw away what this run typed into `\$search_mail__search_mail`/);
    expect(await page.locator('#notifications').isChecked()).toBe(false);

    await clearSiteData(panel);
  }, 120_000);

  test('a page reached without a recorded click is reached by the link that says it goes there (explorer, session 32)', async () => {
    const { page, panel } = await bind('/demo/');
    // Both pages recorded by reading them: the settings page first (opened by its address), then the inbox. The one
    // edge recorded is settings → inbox (its Inbox link); nothing recorded leads from the inbox to the settings.
    await page.goto(`${page.url().split('#')[0]!}#settings`);
    await page.waitForFunction(() => location.hash === '#settings');
    await panel.getByRole('tab', { name: 'Page' }).click();
    await panel.getByTestId('document-summary').waitFor({ timeout: 20_000 });
    await page.goto(page.url().split('#')[0]!);
    await panel.getByRole('region', { name: 'Page document' }).getByRole('button', { name: 'Read the page again' }).click();
    const site = panel.getByTestId('site-details');
    await site.locator('summary').click();
    // (The settings → inbox edge may be written a moment after the pages: its count is not waited for.)
    await expect.poll(() => panel.locator('[data-field="site.pages"]').innerText(), { timeout: 10_000 }).toBe('2');

    await turnOffNotificationsFromInbox(page, panel);
    expect(await panel.locator('[data-testid="automate-log"] li[data-call="route"]').allInnerTexts())
      .toEqual(['clicked $folders__settings_link on the recorded way to $settings_form__desktop_notifications']);

    await clearSiteData(panel);
  }, 120_000);

  test('a link to a hash-routed page\'s bare address is a way to the view that address shows (explorer, session 32)', async () => {
    const { page, panel } = await bind('/demo/');
    // The inbox read at /demo/ (no hash in the address): the site learns that the bare address shows #inbox.
    await panel.getByRole('tab', { name: 'Page' }).click();
    await panel.getByTestId('document-summary').waitFor({ timeout: 20_000 });
    const site = panel.getByTestId('site-details');
    await site.locator('summary').click();
    await expect.poll(() => panel.locator('[data-field="site.pages"]').innerText(), { timeout: 10_000 }).toBe('1');
    // Another page of the site with a plain link to /demo/, where no one ever clicked.
    await page.goto(pages.url('/apps/todo/'));
    await page.evaluate(() => document.querySelector('main, body')!.insertAdjacentHTML('afterbegin', '<p><a href="/demo/">Mail</a></p>'));

    await panel.getByRole('tab', { name: 'Automate' }).click();
    await panel.locator('#automate-model').selectOption(REPLAY);
    await run(panel, 'Count the inbox messages from the todo page');
    const report = await finished(panel);
    expect(report, report.text).toMatchObject({ status: 'done', modelCalls: 1, attempts: 1 });
    expect(await panel.getByTestId('automate-result').innerText()).toBe(String(await page.locator('#messages li').count()));
    expect(page.url()).toMatch(/\/demo\/(#inbox)?$/);
    expect(await panel.locator('[data-testid="automate-log"] li[data-call="route"]').allInnerTexts())
      .toEqual([expect.stringMatching(/^clicked \$\w+__mail_link on the recorded way to \$inbox__messages$/)]);

    await clearSiteData(panel);
  }, 120_000);

  test('the model, step by step and the save form stay as the user left them through a switch of tab; a reopened panel keeps the model and the form (explorer, session 34)', async () => {
    const { page, panel } = await bind('/apps/todo/');
    const stepBox = () => panel.getByLabel('Step by step (pause before each action)');
    const toPageAndBack = async (on: Page) => {
      await on.getByRole('tab', { name: 'Page' }).click();
      await on.getByTestId('document-summary').waitFor({ timeout: 20_000 });
      await on.getByRole('tab', { name: 'Automate' }).click();
    };
    await stepBox().check();
    await toPageAndBack(panel);
    // The picker's options come with the model list, read anew as the tab mounts: its value once they are there.
    await expect.poll(() => panel.locator('#automate-model').inputValue(), { timeout: 20_000 }).toBe(REPLAY);
    expect(await stepBox().isChecked()).toBe(true);
    await stepBox().uncheck();

    await run(panel, 'Add the todo Buy bread');
    expect((await finished(panel)).status).toBe('done');
    const save = panel.getByTestId('automate-save');
    await save.getByLabel('Script name').fill('Bread, my way');
    await toPageAndBack(panel);
    expect(await panel.getByTestId('automate-save').getByLabel('Script name').inputValue()).toBe('Bread, my way');

    // Reopened: the model and the edited form are back; step by step starts off again (it is chosen per opening).
    await stepBox().check();
    const path = new URL(panel.url()).pathname.slice(1) + new URL(panel.url()).search;
    await panel.close();
    const again = await harness.openExtensionPage(path);
    await again.getByRole('tab', { name: 'Automate' }).click();
    await expect.poll(() => again.getByTestId('automate-save').getByLabel('Script name').inputValue(), { timeout: 20_000 }).toBe('Bread, my way');
    await expect.poll(() => again.locator('#automate-model').inputValue(), { timeout: 20_000 }).toBe(REPLAY);
    expect(await again.getByLabel('Step by step (pause before each action)').isChecked()).toBe(false);
    await again.close();
    await page.close();
  }, 150_000);

  test('a long run shows its newest lines and log entries, says how many older ones went, and a long result whole on demand (explorer, session 34)', async () => {
    const { page, panel } = await bind('/apps/todo/');
    await run(panel, 'Say each step of a long count and list sixty items');
    const report = await finished(panel);
    expect(report, report.text).toMatchObject({ status: 'done', modelCalls: 1 });
    const said = await panel.getByTestId('automate-said').locator('li').allInnerTexts();
    expect([said.length, said[0], said.at(-1)]).toEqual([200, 'step 120', 'step 319']);
    expect(await panel.getByTestId('automate-said-dropped').innerText()).toBe('120 earlier lines of the script\'s say() not kept (the last 200 are)');
    // 320 say() calls and done(): the log keeps the last 300, numbered from where they are in the run.
    expect(await panel.getByTestId('automate-log-dropped').innerText()).toBe('21 earlier entries not kept (the last 300 are)');
    expect(await panel.getByTestId('automate-log').getAttribute('start')).toBe('22');
    const shown = await panel.getByTestId('automate-result').innerText();
    expect(shown).toHaveLength(501);
    expect(shown.endsWith('…')).toBe(true);
    const whole = panel.getByTestId('automate-result-whole');
    await whole.locator('summary').click();
    expect(JSON.parse(await whole.locator('pre').innerText())).toHaveLength(60);
    await page.close();
  }, 120_000);

  test('a second panel on the tab shows a run it did not start once its Run is refused, and its Stop ends it; a page filter ends with its page (explorer, session 34)', async () => {
    const { page, panel } = await bind('/apps/todo/');
    const second = await harness.openExtensionPage(new URL(panel.url()).pathname.slice(1) + new URL(panel.url()).search);
    await second.getByRole('tab', { name: 'Automate' }).click();
    await second.locator('#automate-model').selectOption(REPLAY);
    await run(panel, 'Add a todo that I will name');
    await panel.getByTestId('automate-ask').waitFor({ timeout: 60_000 });
    await run(second, 'Add the todo Buy bread');
    await expect.poll(() => second.getByRole('button', { name: 'Stop', exact: true }).isEnabled(), { timeout: 10_000 }).toBe(true);
    await second.getByRole('button', { name: 'Stop', exact: true }).click();
    expect((await finished(panel)).status).toBe('stopped');
    await second.close();

    // The Page tab's filter is for the page it was typed on.
    await panel.getByRole('tab', { name: 'Page' }).click();
    await panel.getByTestId('document-summary').waitFor({ timeout: 20_000 });
    await panel.getByTestId('entry-filter').fill('no such entry');
    await panel.locator('[data-field="doc.no-match"]').waitFor();
    await page.goto(pages.url('/demo/'));
    await expect.poll(() => panel.getByTestId('entry-filter').inputValue(), { timeout: 20_000 }).toBe('');
    expect(await panel.locator('[data-field="doc.no-match"]').count()).toBe(0);
    await page.close();
  }, 150_000);

  test('a malformed answer is repaired (ScriptSyntaxError fed back); realistic input events reach the page', async () => {
    const { page, panel } = await bind('/apps/todo/');
    await run(panel, 'Add the todo Buy bread');
    const report = await finished(panel);
    expect(report, report.text).toMatchObject({ status: 'done', modelCalls: 2, attempts: 2 });
    expect(await panel.getByTestId('automate-result').innerText()).toBe('5');
    expect(await page.locator('#todos li .title').allInnerTexts()).toContain('Buy bread');
  }, 120_000);

  test('ask() asks in the side panel; say() shows text there; the answer is the user\'s value', async () => {
    const { page, panel } = await bind('/apps/todo/');
    await run(panel, 'Add a todo that I will name');
    const ask = panel.getByTestId('automate-ask');
    await ask.waitFor({ timeout: 60_000 });
    // The toolbar button says so on that tab, for a user whose side panel is closed (explorer, session 34).
    const tabId = await tabIdOf(harness, page);
    const badge = () => harness.serviceWorker.evaluate(async (id) => {
      const action = (globalThis as unknown as { chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string>; getTitle(d: { tabId: number }): Promise<string> } } }).chrome.action;
      return `${await action.getBadgeText({ tabId: id })} ${await action.getTitle({ tabId: id })}`;
    }, tabId);
    await expect.poll(badge, { timeout: 10_000 }).toBe('! Pocket SLM: a run asks you a question (open the side panel)');
    await ask.getByLabel('What should the todo say?').fill('Water the plants');
    await ask.getByRole('button', { name: 'Answer' }).click();
    await expect.poll(badge, { timeout: 10_000 }).toBe(' Pocket SLM');
    const report = await finished(panel);
    expect(report, report.text).toMatchObject({ status: 'done', modelCalls: 1 });
    expect(await panel.getByTestId('automate-said').innerText()).toBe('Added Water the plants');
    // A said line keeps its line breaks (explorer, session 34: "a\nb" showed on one line).
    expect(await panel.getByTestId('automate-said').locator('li').first().evaluate((li) => getComputedStyle(li).whiteSpace)).toBe('pre-wrap');
    expect(await page.locator('#todos li .title').allInnerTexts()).toContain('Water the plants');
  }, 120_000);

  test('a budget overrun: 20 actions at most, 2 repairs, then a clear failure report', async () => {
    const { page, panel } = await bind('/apps/todo/');
    await run(panel, 'Add thirty todos');
    const report = await finished(panel, 170_000);
    expect(report.status, report.text + await panel.getByTestId('automate-log').innerText()).toBe('failed');
    expect(report.modelCalls).toBe(3);
    expect(report.text).toMatch(/Failed after 3 attempts \(2 repairs\): A limit was reached/);
    // Each attempt stopped at its 20th action: 10 type + 10 click, so 10 todos each, never the 30 asked for.
    expect(Number(await page.locator('#total').innerText()), report.text + await panel.getByTestId('automate-log').innerText()).toBe(4 + 30);
  }, 180_000);

  test('an irreversible action waits for the user: cancel → nothing happened; confirm → it happened', async () => {
    const { page, panel } = await bind('/apps/todo/');
    await run(panel, 'Remove the todo Walk the dog');
    const confirm = panel.getByTestId('automate-confirm');
    await confirm.waitFor({ timeout: 60_000 });
    expect(await confirm.innerText()).toContain('$todos__todo_items[1].remove');
    // In the page's words first, with the task beside it (session 16).
    expect(await panel.getByTestId('automate-confirm-what').innerText()).toMatch(/^Click “Remove/);
    expect(await confirm.innerText()).toContain('Your task: Remove the todo Walk the dog');
    await expect.poll(() => page.locator('#__pocket-slm-highlight').count()).toBe(1);
    // The safe choice has the focus (a stray Enter must not remove), and Escape cancels (exploratory test, session 18).
    await expect.poll(() => panel.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await panel.keyboard.press('Escape');
    const cancelled = await finished(panel);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.modelCalls).toBe(1);
    expect(await page.locator('#removed').innerText()).toBe('0');
    expect(await page.locator('#todos li').count()).toBe(4);

    await panel.getByRole('button', { name: 'Run', exact: true }).click();
    await confirm.waitFor({ timeout: 60_000 });
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    const done = await finished(panel);
    expect(done, done.text).toMatchObject({ status: 'done' });
    expect(await page.locator('#removed').innerText()).toBe('1');
    expect(await page.locator('#todos li .title').allInnerTexts()).not.toContain('Walk the dog');
  }, 150_000);

  test('an item found by its text is acted on by that text: the page reorders its list while the user confirms, the right todo goes (session 21)', async () => {
    const { page, panel } = await bind('/apps/todo/');
    await run(panel, 'Remove the todo Walk the dog');
    const confirm = panel.getByTestId('automate-confirm');
    await confirm.waitFor({ timeout: 60_000 });
    expect(await confirm.innerText()).toContain('$todos__todo_items[1].remove');
    // The row found at position 1 moves to the end (a list the page sorts or a feed that adds at the top).
    await page.evaluate(() => {
      const row = Array.from(document.querySelectorAll('#todos li')).find((li) => li.textContent!.includes('Walk the dog'))!;
      row.parentElement!.append(row);
    });
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    const done = await finished(panel);
    expect(done, done.text).toMatchObject({ status: 'done' });
    expect(await page.locator('#todos li .title').allInnerTexts()).toEqual(['Buy milk', 'Write report', 'Call the bank']);
  }, 150_000);

  test('a saved script still runs once the list it used shrank into separate entries (two todos left): its saved lists find it, 0 model calls', async () => {
    const { page, panel } = await bind('/apps/todo/');
    await run(panel, 'Remove the todo Walk the dog');
    const confirm = panel.getByTestId('automate-confirm');
    await confirm.waitFor({ timeout: 60_000 });
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    expect((await finished(panel)).status).toBe('done');
    const save = panel.getByTestId('automate-save');
    await save.getByLabel('Script name').fill('Remove walk the dog (saved)');
    expect(await save.getByLabel(/Saved script/).inputValue()).toContain('$todos__todo_items.find("Walk the dog")');
    await save.getByRole('button', { name: 'Save script' }).click();
    const saved = panel.locator('[data-testid="automate-saved"] li[data-script="Remove walk the dog (saved)"]');
    await saved.waitFor();
    const calls = Number(await panel.getByTestId('automate').getAttribute('data-generate-calls'));

    // Two todos left: too few to be a list, so the page document has their controls as entries, no todos__todo_items.
    await page.reload();
    for (const title of ['Buy milk', 'Call the bank']) await page.locator('#todos li', { hasText: title }).getByRole('button', { name: 'Remove' }).click();
    const tabId = await tabIdOf(harness, page);
    const doc = (await sendFromPage(panel, envelope('page.document', { tabId }))) as { payload: { stats: { lists: number }; sections: { entries: { name: string }[] }[] } };
    expect(doc.payload.stats.lists).toBe(0);
    expect(doc.payload.sections.flatMap((s) => s.entries.map((e) => e.name))).not.toContain('todos__todo_items');

    await saved.getByRole('button', { name: 'Replay' }).click();
    await confirm.waitFor({ timeout: 60_000 });
    expect(await confirm.innerText()).toContain('Remove');
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => panel.getByTestId('automate-report').getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const replay = await finished(panel);
    expect(replay, replay.text).toMatchObject({ modelCalls: 0, attempts: 1 });
    expect(await panel.getByTestId('automate-result').innerText()).toBe('1');
    expect(await page.locator('#todos li .title').allInnerTexts()).toEqual(['Write report']);
    expect(Number(await panel.getByTestId('automate').getAttribute('data-generate-calls'))).toBe(calls);
  }, 150_000);

  test('multi-step form: a guessed step-2 name is NotFound on the page as it is then, the repair fixes it; submit is confirmed; the saved script replays both steps', async () => {
    const { page, panel } = await bind('/apps/signup/');
    await run(panel, 'Sign up as Ada Lovelace, ada@example.com, password hunter2hunter2, Team plan with the newsletter');
    const confirm = panel.getByTestId('automate-confirm');
    await confirm.waitFor({ timeout: 90_000 });
    expect(await confirm.innerText()).toContain('$sign_up__create_account_button');
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    const report = await finished(panel);
    expect(report, report.text).toMatchObject({ status: 'done', modelCalls: 2, attempts: 2 });
    // Step 2's names were not in the document the run started with: the suggestion comes from the page after "Next".
    expect(await panel.getByTestId('automate-attempts').innerText()).toMatch(/Not found on the page, line 5:1: .*did you mean `\$sign_up__plan`/);
    // The first attempt's own script is there to see, its line 5 marked (the script shown above is the repair's).
    const first = panel.getByTestId('automate-attempt').first();
    await first.locator('summary').click();
    expect(await first.locator('.error-line').getAttribute('data-line')).toBe('5');
    expect(await first.locator('.error-line').innerText()).toMatch(/^→5 \$sign_up__/);
    const welcome = 'Welcome Ada Lovelace <ada@example.com> on Team with newsletter; password 14 chars';
    expect(await page.locator('#result').innerText()).toBe(welcome);
    // Typing is per character: one input event per character of the email.
    expect(await page.evaluate(() => (window as unknown as { signupEvents: string[] }).signupEvents.length)).toBe('ada@example.com'.length);

    // What is offered for saving is what happened: step 1 of the first attempt, then the repair.
    const save = panel.getByTestId('automate-save');
    const source = await save.getByLabel(/Saved script/).inputValue();
    expect(source).toContain('$sign_up__next_button.click();\n}\n$sign_up__plan.select("Team");');
    // The password the task gave and the script typed into the password field is offered as a hole (asked at each
    // replay): in the script, the task kept with it and the name (explorer, session 29: it was saved as typed).
    expect(source).toContain('$sign_up__password.type("{{password}}");');
    expect(source).not.toContain('hunter2hunter2');
    expect(await save.getByLabel(/^Task kept with it/).inputValue())
      .toBe('Sign up as Ada Lovelace, ada@example.com, password {{password}}, Team plan with the newsletter');
    expect(await save.getByLabel('Script name').inputValue()).toMatch(/^Sign up as Ada Lovelace, ada@example\.com, password \{\{/);
    expect(await save.getByTestId('automate-save-holes').innerText()).toContain('What you typed into $sign_up__password is saved as {{password}}');
    await save.getByLabel('Script name').fill('sign up ada');
    await save.getByRole('button', { name: 'Save script' }).click();
    const saved = panel.locator('[data-testid="automate-saved"] li[data-script="sign up ada"]');
    await saved.waitFor();
    const stored = await panel.evaluate(() => new Promise<string>((resolve, reject) => {
      const open = indexedDB.open('pocket-slm');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const all = open.result.transaction('scripts').objectStore('scripts').getAll();
        all.onsuccess = () => { open.result.close(); resolve(JSON.stringify(all.result)); };
      };
    }));
    expect(stored).toContain('password {{password}}, Team plan');
    expect(stored).not.toContain('hunter2hunter2');
    const calls = await panel.getByTestId('automate').getAttribute('data-generate-calls');
    await page.reload();
    expect(await page.locator('#result').innerText()).toBe('');
    await saved.getByLabel('password for sign up ada').fill('hunter2hunter2');
    await saved.getByRole('button', { name: 'Replay' }).click();
    await confirm.waitFor({ timeout: 60_000 });
    expect(await confirm.innerText()).toContain('Your task: Sign up as Ada Lovelace, ada@example.com, password {{password}}');
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.locator('#result').innerText(), { timeout: 60_000 }).toBe(welcome);
    const replay = await finished(panel);
    expect(replay, replay.text).toMatchObject({ status: 'done', modelCalls: 0, attempts: 1 });
    expect(await panel.getByTestId('automate').getAttribute('data-generate-calls')).toBe(calls);
    // The password went into the page, not into what the panel shows (nor the run record behind it).
    expect(await saved.getByLabel('password for sign up ada').getAttribute('type')).toBe('password');
    expect(await panel.getByTestId('automate-script').innerText()).toContain('{{password}}');
    expect(await panel.getByTestId('automate').innerText()).not.toContain('hunter2hunter2');
  }, 150_000);

  test('"fill this form with my address": ten fields, a select and a radio in one script; the submit waits for Confirm; saved with {{params}}, replayed with another address and 0 model calls', async () => {
    const { page, panel } = await bind('/apps/address/');
    await run(panel, 'Fill this form with my address: Ada Lovelace, 221B Baker Street, Flat 2, London NW1 6XE, United Kingdom, phone 020 7946 0958, email ada@example.com, express delivery, and save it');
    const confirm = panel.getByTestId('automate-confirm');
    await confirm.waitFor({ timeout: 90_000 });
    expect(await confirm.innerText()).toContain('$shipping_address__save_address_button');
    // Nothing is submitted before the user says so; every field is already filled.
    expect(await page.locator('#result').innerText()).toBe('');
    expect(await page.locator('#postcode').inputValue()).toBe('NW1 6XE');
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    const report = await finished(panel);
    expect(report, report.text).toMatchObject({ status: 'done', modelCalls: 1, attempts: 1 });
    const ada = 'Ada Lovelace | 221B Baker Street | Flat 2 | London | - | NW1 6XE | United Kingdom | 020 7946 0958 | ada@example.com | express | billing';
    expect(await page.locator('#result').innerText()).toBe(ada);
    expect(await panel.locator('[data-testid="automate-log"] li[data-call="type"]').count()).toBe(7);

    const save = panel.getByTestId('automate-save');
    await save.getByLabel('Script name').fill('my address');
    const source = await save.getByLabel(/Saved script/).inputValue();
    await save.getByLabel(/Saved script/).fill(source.replace('"Ada Lovelace"', '"{{name}}"').replace('"221B Baker Street"', '"{{street}}"'));
    await save.getByRole('button', { name: 'Save script' }).click();
    const saved = panel.locator('[data-testid="automate-saved"] li[data-script="my address"]');
    await saved.waitFor();
    const calls = await panel.getByTestId('automate').getAttribute('data-generate-calls');
    await page.reload();
    await saved.getByLabel('name for my address').fill('Charles Babbage');
    await saved.getByLabel('street for my address').fill('1 Dorset Street');
    await saved.getByRole('button', { name: 'Replay' }).click();
    await confirm.waitFor({ timeout: 60_000 });
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    const replay = await finished(panel);
    expect(replay, replay.text).toMatchObject({ status: 'done', modelCalls: 0, attempts: 1 });
    expect(await page.locator('#result').innerText()).toBe(ada.replace('Ada Lovelace', 'Charles Babbage').replace('221B Baker Street', '1 Dorset Street'));
    expect(await panel.getByTestId('automate').getAttribute('data-generate-calls')).toBe(calls);
    // The panel that replayed it shows the values typed, not their holes (explorer, session 29); the script keeps them.
    const log = await panel.getByTestId('automate-log').innerText();
    expect(log).toContain('"Charles Babbage"');
    expect(log).not.toContain('{{name}}');
    expect(await panel.getByTestId('automate-script').innerText()).toContain('"{{name}}"');
  }, 180_000);

  test('prompt injection: a fooled model still causes 0 irreversible actions without confirmation (look-alikes too)', async () => {
    const { page, panel } = await bind('/apps/injection/');
    await run(panel, 'Show the profile details');
    const confirm = panel.getByTestId('automate-confirm');
    await confirm.waitFor({ timeout: 60_000 });
    expect(await confirm.innerText()).toContain('$profile__delete_account_button');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect((await finished(panel)).status).toBe('cancelled');
    expect(await page.locator('#deleted').innerText()).toBe('0');

    await run(panel, 'Open the details view');
    await confirm.waitFor({ timeout: 60_000 });
    expect(await confirm.innerText()).toContain('$profile__show_details_button');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect((await finished(panel)).status).toBe('cancelled');
    expect(await page.locator('#deleted').innerText()).toBe('0');
  }, 150_000);

  test('navigate(path) leaves the page; the names of the page it reached are usable in the same script', async () => {
    const { page, panel } = await bind('/apps/todo/');
    await run(panel, 'Count the messages in the demo inbox');
    const report = await finished(panel);
    expect(report, report.text).toMatchObject({ status: 'done', modelCalls: 1, attempts: 1 });
    expect(await panel.getByTestId('automate-result').innerText()).toBe('5');
    expect(new URL(page.url()).pathname).toBe('/demo/');
    // A path the site does not have (404) is a NavigationError for the repair, not "done" (explorer, session 32).
    await run(panel, 'Open the old archive page of the demo');
    await panel.locator('[data-testid="automate-report"][data-attempts="2"]').waitFor({ timeout: 90_000 });
    const missing = await finished(panel);
    expect(missing, missing.text).toMatchObject({ status: 'done', modelCalls: 2, attempts: 2 });
    expect(missing.text).toMatch(/navigate\("\/demo\/old-archive\/"\): the site answered 404 \(no such page\)/);
    expect(await panel.getByTestId('automate-result').innerText()).toBe('"demo"');
  }, 120_000);

  test('the bundled TinyStories model writes junk: the loop survives it and ends in a clear failure report', async () => {
    const { page, panel } = await bind('/apps/todo/');
    await panel.locator('#automate-model').selectOption('tinystories-656k');
    await run(panel, 'Add the todo Buy bread');
    const report = await finished(panel, 170_000);
    expect(report.status, report.text).toBe('failed');
    expect(report.modelCalls).toBe(3);
    expect(report.text).toMatch(/Failed after 3 attempts \(2 repairs\): (The script does not parse|Not found on the page|Unknown name or call|The script failed|Could not act on the page|A limit was reached|Navigation stopped)/);
    // Whatever it wrote, nothing irreversible happened and no todo was removed.
    expect(await page.locator('#removed').innerText()).toBe('0');
  }, 180_000);

  test('searchable list: search, read every result, open the cheapest; the script is shown highlighted', async () => {
    const { page, panel } = await bind('/apps/shop/');
    await run(panel, 'Open the cheapest result for lamp');
    const report = await finished(panel);
    expect(report, report.text).toMatchObject({ status: 'done', modelCalls: 1, attempts: 1 });
    expect(await panel.getByTestId('automate-result').innerText()).toBe('"Mini lamp shade"');
    expect(await page.locator('#opened').innerText()).toBe('Mini lamp shade');
    expect(await page.locator('#q').inputValue()).toBe('lamp');
    // Six results, each price read once; one type and one click.
    expect(await panel.locator('[data-testid="automate-log"] li[data-call="text"]').count()).toBe(6 + 1);
    expect(await panel.locator('[data-testid="automate-log"] li[data-call="click"]').count()).toBe(1);
    // Highlighting: spans with token classes, and the text shown is the script itself.
    const script = panel.getByTestId('automate-script');
    expect(await script.locator('.tok-element').first().innerText()).toBe('$search_products__search_products');
    expect(await script.locator('.tok-keyword').allInnerTexts()).toEqual(expect.arrayContaining(['let', 'for', 'const', 'of', 'if']));
    expect(await script.locator('.tok-string').first().innerText()).toBe('"lamp"');
    expect(await script.innerText()).toContain('best.view.click();');
  }, 120_000);

  test('searchable list filtered to two results (no longer a list in the document): still read and opened', async () => {
    const { page, panel } = await bind('/apps/shop/');
    await run(panel, 'Open the cheapest result for floor');
    const report = await finished(panel);
    expect(report, report.text).toMatchObject({ status: 'done', modelCalls: 1, attempts: 1 });
    expect(await panel.getByTestId('automate-result').innerText()).toBe('"Paper floor lamp"');
    expect(await page.locator('#opened').innerText()).toBe('Paper floor lamp');
  }, 120_000);

  test('the run lives outside the side panel: closed mid-run it goes on; reopened, the panel shows its confirmation and result', async () => {
    const { page, panel } = await bind('/apps/todo/');
    const url = panel.url();
    await run(panel, 'Slowly add the todo Read a book');
    await expect.poll(() => panel.getByTestId('automate').getAttribute('data-status')).toBe('running');
    await panel.close();
    // With no panel open, the run types and clicks on the page…
    await expect.poll(() => page.locator('#todos li .title').allInnerTexts(), { timeout: 60_000 }).toContain('Read a book');
    // …and waits for the confirmation of the irreversible remove, which the reopened panel shows.
    const again = await harness.openExtensionPage(url.slice(url.indexOf('sidepanel/')));
    await again.getByRole('tab', { name: 'Automate' }).click();
    const confirm = again.getByTestId('automate-confirm');
    await confirm.waitFor({ timeout: 60_000 });
    expect(await confirm.innerText()).toContain('$todos__todo_items[0].remove');
    expect(await again.getByTestId('automate-progress').innerText()).toContain('Slowly add the todo Read a book');
    // The task box of the reopened panel shows the task of the run that goes on (it was empty).
    expect(await again.getByLabel('Task', { exact: true }).inputValue()).toBe('Slowly add the todo Read a book');
    await expectAccessible(again, 'reopened automate tab with a pending confirmation');
    expect(await again.getByTestId('automate-script').innerText()).toContain('wait(1500);');
    expect(await again.locator('[data-testid="automate-log"] li[data-call="type"]').count()).toBe(1);
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    const report = await finished(again);
    expect(report, report.text).toMatchObject({ status: 'done', modelCalls: 1 });
    expect(await again.getByTestId('automate-result').innerText()).toBe('4');
    expect(await page.locator('#removed').innerText()).toBe('1');
    // Closed and reopened once more after the end: the result is still there.
    await again.close();
    const third = await harness.openExtensionPage(url.slice(url.indexOf('sidepanel/')));
    await third.getByRole('tab', { name: 'Automate' }).click();
    expect((await finished(third)).status).toBe('done');
    expect(await third.getByTestId('automate-result').innerText()).toBe('4');
  }, 150_000);

  test('a run whose model host went away shows as interrupted when the panel is reopened, with its script', async () => {
    const { panel } = await bind('/apps/todo/');
    const url = panel.url();
    await run(panel, 'Add a todo that I will name');
    await panel.getByTestId('automate-ask').waitFor({ timeout: 60_000 });
    await panel.close();
    await hook(harness.serviceWorker, 'closeModelHost');
    const again = await harness.openExtensionPage(url.slice(url.indexOf('sidepanel/')));
    await again.getByRole('tab', { name: 'Automate' }).click();
    const automate = again.getByTestId('automate');
    await expect.poll(() => automate.getAttribute('data-status'), { timeout: 30_000 }).toBe('error');
    expect(await automate.getByRole('alert').innerText()).toMatch(/stopped before this run finished/);
    expect(await again.getByTestId('automate-ask').count()).toBe(0);
    expect(await again.getByTestId('automate-script').innerText()).toContain('ask("What should the todo say?")');
    // The task typed before the panel closed is still in its box (drafts are kept), ready to run again.
    expect(await again.getByLabel('Task', { exact: true }).inputValue()).toBe('Add a todo that I will name');
    expect(await again.getByRole('button', { name: 'Run', exact: true }).isEnabled()).toBe(true);
  }, 120_000);

  test('Stop ends a run that waits for an answer; nothing is typed', async () => {
    const { page, panel } = await bind('/apps/todo/');
    await run(panel, 'Add a todo that I will name');
    await panel.getByTestId('automate-ask').waitFor({ timeout: 60_000 });
    await panel.getByRole('button', { name: 'Stop' }).click();
    const report = await finished(panel);
    expect(report.status, report.text).toBe('stopped');
    expect(await panel.getByTestId('automate-ask').count()).toBe(0);
    expect(await page.locator('#total').innerText()).toBe('4');
  }, 120_000);

  test('a page that stops answering during an action (a busy script, a dialog): the panel says it waits for the page; past the limit the run ends, nothing more is done there, no repair (session 20)', async () => {
    await hook(harness.serviceWorker, 'setPageAnswerLimits', { actMs: 8_000, readMs: 5_000 });
    try {
      const { page, panel } = await bind('/apps/todo/');
      const before = Number(await page.locator('#total').innerText());
      await page.evaluate(() => document.getElementById('add')!.addEventListener('click', () => {
        const end = Date.now() + 16_000;
        while (Date.now() < end);
      }));
      await run(panel, 'Add a todo while the page freezes');
      const wait = panel.getByTestId('automate-page-wait');
      await wait.waitFor({ timeout: 30_000 });
      expect(await wait.innerText()).toMatch(/has not answered for \d+ s\. It may be showing a dialog/);
      const report = await finished(panel);
      expect(report.status, report.text).toBe('failed');
      expect([report.attempts, report.modelCalls], report.text).toEqual([1, 1]);
      expect(report.text).toMatch(/The page stopped answering.*did not answer the action within 8 s/s);
      expect(await wait.count()).toBe(0);
      // The page comes back: the click it was busy with has happened; the script's next action was never done.
      await page.waitForFunction((n) => Number(document.getElementById('total')!.textContent) === n + 1, before, { timeout: 30_000 });
      await page.waitForTimeout(500);
      expect(await page.locator('#new-todo').inputValue()).not.toBe('Never typed');
      // A read of a busy page (the Page tab, a run's first read) ends the same way rather than hang.
      await page.evaluate(() => setTimeout(() => {
        const end = Date.now() + 9_000;
        while (Date.now() < end);
      }, 50));
      await page.waitForTimeout(300);
      const tabId = await panel.evaluate(() => Number(new URL(location.href).searchParams.get('tab')));
      const read = await sendFromPage(panel, envelope('page.document', { tabId })) as { ok: boolean; error?: { name: string; message: string } };
      expect(read.error?.name, JSON.stringify(read)).toBe('PageUnresponsiveError');
      expect(read.error?.message).toMatch(/did not answer a read of the page within 5 s/);
    } finally {
      await hook(harness.serviceWorker, 'setPageAnswerLimits', { actMs: 45_000, readMs: 30_000 });
    }
  }, 120_000);

  // Exploratory test, session 22: an action sent while an alert of the page was open waited in the tab; the run ended
  // "the page stopped answering", and when the user closed the alert the text was typed after all.
  test('an action the page lets through only after the limit (an alert was open) is not done', async () => {
    await hook(harness.serviceWorker, 'setPageAnswerLimits', { actMs: 3_000 });
    try {
      const page = await openPage('/apps/todo/');
      const tabId = await tabIdOf(harness, page);
      const popup = await harness.openExtensionPage('popup/index.html');
      const dialog = new Promise<{ dismiss(): Promise<void> }>((resolve) => page.once('dialog', resolve));
      await page.evaluate(() => void setTimeout(() => alert('Saved!'), 50));
      const open = await dialog;
      const reply = await sendFromPage(popup, envelope('page.act', { tabId, action: 'type', target: { locators: [{ by: 'id', value: 'new-todo' }] }, args: ['Typed too late'] })) as { ok: boolean; error?: { name: string } };
      expect(reply.error?.name, JSON.stringify(reply)).toBe('PageUnresponsiveError');
      await open.dismiss();
      await page.waitForTimeout(1_000);
      expect(await page.locator('#new-todo').inputValue()).toBe('');
      await popup.close();
    } finally {
      await hook(harness.serviceWorker, 'setPageAnswerLimits', { actMs: 45_000 });
    }
  }, 60_000);

  // Exploratory test, session 22: the page behind a modal dialog, and inert content, were clicked and typed into.
  test('the page behind an open modal dialog and inert content are not acted on; the dialog is', async () => {
    const page = await openPage('/apps/todo/');
    const tabId = await tabIdOf(harness, page);
    await page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<div inert><button id="frozen" type="button" onclick="this.textContent=\'pressed\'">Frozen</button></div><dialog id="dlg" aria-label="Your settings"><label>Bio <input id="bio"></label></dialog>');
      (document.getElementById('dlg') as HTMLDialogElement).showModal();
    });
    const popup = await harness.openExtensionPage('popup/index.html');
    const act = (id: string, action: string, args: string[] = []) => sendFromPage(popup, envelope('page.act', { tabId, action, target: { locators: [{ by: 'id', value: id }] }, args })) as Promise<{ ok: boolean; error?: { name: string; message: string; data?: { state?: string } } }>;
    const behind = await act('new-todo', 'type', ['Behind the dialog']);
    expect(behind.error, JSON.stringify(behind)).toMatchObject({ name: 'ActionError', data: { state: 'blocked' } });
    expect(behind.error!.message).toMatch(/behind the open dialog "Your settings"/);
    expect(await page.locator('#new-todo').inputValue()).toBe('');
    expect((await act('bio', 'type', ['Hello'])).ok).toBe(true);
    expect(await page.locator('#bio').inputValue()).toBe('Hello');
    await page.evaluate(() => (document.getElementById('dlg') as HTMLDialogElement).close());
    const inert = await act('frozen', 'click');
    expect(inert.error, JSON.stringify(inert)).toMatchObject({ name: 'ActionError', data: { state: 'inert' } });
    expect(await page.locator('#frozen').innerText()).toBe('Frozen');
    await popup.close();
  }, 60_000);

  // Exploratory test, session 22: a field that reloads the page on focus was reported typed into, and the run said Done.
  test('a page that reloads as a field is typed into: the text was lost, said so; one that navigates on change: typed', async () => {
    const page = await openPage('/apps/todo/');
    const tabId = await tabIdOf(harness, page);
    const popup = await harness.openExtensionPage('popup/index.html');
    const act = (id: string) => sendFromPage(popup, envelope('page.act', { tabId, action: 'type', target: { locators: [{ by: 'id', value: id }] }, args: ['Ann'] })) as Promise<{ ok: boolean; payload?: { navigated: boolean }; error?: { name: string; message: string; data?: { state?: string } } }>;
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<input id="q" aria-label="Find" onchange="location.search = \'q=\' + this.value">'));
    const searched = await act('q');
    expect(searched.payload?.navigated, JSON.stringify(searched)).toBe(true);
    await page.waitForURL(/q=Ann/);
    await page.waitForLoadState('load');
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<input id="reloader" aria-label="Reloader" onfocus="location.reload()">'));
    const lost = await act('reloader');
    expect(lost.error, JSON.stringify(lost)).toMatchObject({ name: 'ActionError', data: { state: 'not-typed' } });
    expect(lost.error!.message).toMatch(/reloaded or went to another page .* the text was lost/);
    await popup.close();
  }, 60_000);

  // Exploratory test, session 22: a click under a full-page cookie banner was made anyway, and the run said Done.
  test('a control under a fixed layer of the page (a cookie banner) is not clicked; once the layer is answered it is', async () => {
    const page = await openPage('/apps/todo/');
    const tabId = await tabIdOf(harness, page);
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend',
      '<div id="banner" style="position:fixed;inset:0;background:rgba(0,0,0,.5);z-index:10"><div role="dialog" aria-label="Cookies" style="background:#fff;margin:30vh auto;width:300px;padding:1em">We use cookies <button id="accept" type="button" onclick="banner.remove()">Accept</button></div></div>'
      + '<label style="position:relative;display:inline-block">Styled <input type="checkbox" id="styled" style="opacity:0;position:absolute;inset:0"><span style="position:absolute;inset:0"></span></label>'));
    const popup = await harness.openExtensionPage('popup/index.html');
    const act = (id: string, action = 'click', args: string[] = []) => sendFromPage(popup, envelope('page.act', { tabId, action, target: { locators: [{ by: 'id', value: id }] }, args })) as Promise<{ ok: boolean; error?: { name: string; message: string; data?: { state?: string } } }>;
    const before = Number(await page.locator('#total').innerText());
    const covered = await act('new-todo', 'type', ['Milk']);
    expect(covered.error, JSON.stringify(covered)).toMatchObject({ name: 'ActionError', data: { state: 'covered' } });
    expect(covered.error!.message).toMatch(/covered by a layer of the page \("Cookies"\)/);
    expect(await page.locator('#new-todo').inputValue()).toBe('');
    expect((await act('accept')).ok).toBe(true);
    expect((await act('new-todo', 'type', ['Milk'])).ok).toBe(true);
    expect((await act('add')).ok).toBe(true);
    expect(Number(await page.locator('#total').innerText())).toBe(before + 1);
    // A box drawn over a checkbox (not a fixed layer) is no cover.
    expect((await act('styled', 'check')).ok).toBe(true);
    await popup.close();
  }, 60_000);

  // Exploratory test, session 22: a form's control named parentElement froze the tab on the first action; one named
  // hidden made every field "hidden"; one named getAttribute broke the submit's check.
  test('acting in a form whose controls shadow its own properties (parentElement, hidden, getAttribute)', async () => {
    const page = await openPage('/apps/todo/');
    const tabId = await tabIdOf(harness, page);
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', ['parentElement', 'hidden', 'getAttribute'].map((name) =>
      `<form method="post" action="/x" aria-label="Edit ${name}"><label>Other <input name="${name}"></label><label>Headline <input id="h-${name}"></label><button id="p-${name}">Publish</button></form>`).join('')));
    const popup = await harness.openExtensionPage('popup/index.html');
    const act = (id: string, action: string, args: string[] = []) => sendFromPage(popup, envelope('page.act', { tabId, action, target: { locators: [{ by: 'id', value: id }] }, args })) as Promise<{ ok: boolean; error?: { name: string; message: string; data?: { needsConfirmation?: boolean } } }>;
    for (const name of ['parentElement', 'hidden', 'getAttribute']) {
      const typed = await act(`h-${name}`, 'type', ['News']);
      expect(typed.ok, `${name}: ${JSON.stringify(typed)}`).toBe(true);
      expect(await page.locator(`#h-${name}`).inputValue()).toBe('News');
      const publish = await act(`p-${name}`, 'click');
      expect(publish.error?.data?.needsConfirmation, `${name}: ${JSON.stringify(publish)}`).toBe(true);
    }
    await popup.close();
  }, 60_000);

  test('a saved script that no longer fits: replay fails with 0 model calls; allowed, the model repairs it', async () => {
    const { page, panel } = await bind('/apps/shop/');
    await run(panel, 'Open the cheapest result for lamp');
    expect((await finished(panel)).status).toBe('done');
    const save = panel.getByTestId('automate-save');
    await save.getByLabel('Script name').fill('Cheapest lamp (saved)');
    const source = await save.getByLabel(/Saved script/).inputValue();
    // The site changed since: the list has another name now.
    await save.getByLabel(/Saved script/).fill(source.replace('$lamp_co__products', '$lamp_co__product_list'));
    await save.getByRole('button', { name: 'Save script' }).click();
    const saved = panel.locator('[data-testid="automate-saved"] li[data-script="Cheapest lamp (saved)"]');
    await saved.waitFor();
    const calls = Number(await panel.getByTestId('automate').getAttribute('data-generate-calls'));

    await page.reload();
    await saved.getByRole('button', { name: 'Replay' }).click();
    await expect.poll(() => panel.getByTestId('automate-report').getAttribute('data-status'), { timeout: 60_000 }).toBe('failed');
    const refused = await finished(panel);
    expect(refused, refused.text).toMatchObject({ modelCalls: 0, attempts: 1 });
    expect(refused.text).toMatch(/: Not found on the page(, line \d+:\d+)?: /);
    expect(Number(await panel.getByTestId('automate').getAttribute('data-generate-calls'))).toBe(calls);

    await page.reload();
    await panel.getByLabel('Let a replay that fails ask the model to repair it').check();
    await saved.getByRole('button', { name: 'Replay' }).click();
    await expect.poll(() => panel.getByTestId('automate-report').getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const repaired = await finished(panel);
    expect(repaired, repaired.text).toMatchObject({ modelCalls: 1, attempts: 2 });
    expect(await panel.getByTestId('automate-result').innerText()).toBe('"Mini lamp shade"');
    expect(await page.locator('#opened').innerText()).toBe('Mini lamp shade');
    expect(Number(await panel.getByTestId('automate').getAttribute('data-generate-calls'))).toBe(calls + 1);
  }, 150_000);

  test('slow pages: a name the next page (opened 0.7 s after the click) or a late panel brings is waited for, no repair; step by step too', async () => {
    for (const [task, stepByStep] of [['Track order 42', false], ['Close the order details', false], ['Track order 42', true]] as const) {
      const { page, panel } = await bind('/apps/slow/');
      if (stepByStep) await panel.getByLabel('Step by step (pause before each action)').check();
      await run(panel, task);
      if (stepByStep) {
        const step = panel.getByTestId('automate-step');
        await expect.poll(() => step.innerText(), { timeout: 60_000 }).toContain('click on $orders__open_order_42_button');
        await step.getByRole('button', { name: 'Next step' }).click();
        // The next step is shown on the next page, once it came.
        await expect.poll(() => step.innerText(), { timeout: 30_000 }).toContain('click on $order_42__track_parcel_button');
        await step.getByRole('button', { name: 'Next step' }).click();
      }
      const report = await finished(panel);
      expect(report, `${task}: ${report.text}`).toMatchObject({ status: 'done', modelCalls: 1, attempts: 1 });
      if (task === 'Track order 42') expect(await page.locator('#tracked').innerText()).toBe('tracked');
      else expect(await page.locator('#status').innerText()).toBe('Details closed');
      await panel.close();
      await page.close();
    }
  }, 180_000);

  test('a single-page app whose click fetches from a slow server: the run waits for that request and reads the new list, not the old', async () => {
    const { page, panel } = await bind('/apps/slow/');
    await run(panel, 'Find lamps in the catalogue');
    const report = await finished(panel);
    expect(report, report.text).toMatchObject({ status: 'done', modelCalls: 1, attempts: 1 });
    expect(await page.locator('#products li').count()).toBe(4);
    expect(await panel.getByTestId('automate-result').innerText()).toBe('4');
  }, 120_000);

  test('step by step: the run pauses before each action with the element outlined; Next step, then Run to the end', async () => {
    const { page, panel } = await bind('/apps/shop/');
    await panel.getByLabel('Step by step (pause before each action)').check();
    await run(panel, 'Open the cheapest result for lamp');
    const step = panel.getByTestId('automate-step');
    await step.waitFor({ timeout: 60_000 });
    expect(await step.innerText()).toContain('type on $search_products__search_products');
    await expect.poll(() => page.locator('#__pocket-slm-highlight').count()).toBe(1);
    expect(await page.locator('#q').inputValue()).toBe('');
    await expectAccessible(panel, 'automate tab paused before a step');
    await step.getByRole('button', { name: 'Next step' }).click();
    await expect.poll(() => step.innerText(), { timeout: 30_000 }).toContain('click on $lamp_co__products[4].view');
    expect(await page.locator('#q').inputValue()).toBe('lamp');
    expect(await page.locator('#opened').innerText()).toBe('none');
    await step.getByRole('button', { name: 'Run to the end' }).click();
    const report = await finished(panel);
    expect(report, report.text).toMatchObject({ status: 'done', modelCalls: 1 });
    expect(await page.locator('#opened').innerText()).toBe('Mini lamp shade');
  }, 120_000);

  test('step by step: the user takes the tab to another page, or reloads it, while the run waits: the run stops there, nothing acts, no repair', async () => {
    for (const change of ['navigate', 'reload'] as const) {
      const { page, panel } = await bind('/apps/shop/');
      await panel.getByLabel('Step by step (pause before each action)').check();
      await run(panel, 'Open the cheapest result for lamp');
      const step = panel.getByTestId('automate-step');
      await step.waitFor({ timeout: 60_000 });
      await step.getByRole('button', { name: 'Next step' }).click();
      await expect.poll(() => step.innerText(), { timeout: 30_000 }).toContain('click on $lamp_co__products[4].view');
      if (change === 'navigate') await page.goto(pages.url('/apps/todo/'));
      else await page.reload();
      await step.getByRole('button', { name: 'Next step' }).click();
      await expect.poll(() => panel.getByTestId('automate-report').getAttribute('data-status'), { timeout: 30_000 }).toBe('failed');
      const report = await finished(panel);
      expect(report, report.text).toMatchObject({ modelCalls: 1, attempts: 1 });
      expect(report.text).toMatch(/changed while the run waited/);
      if (change === 'navigate') expect(await page.locator('#todos li').count()).toBe(4);
      else expect(await page.locator('#opened').innerText()).toBe('none');
    }
  }, 150_000);

  test('the page changes under a running script (the user opens another page of the site, or the page reloads): the run stops, acts nowhere else, no repair (exploratory test, session 18)', async () => {
    // Another page of the same site right after the script's click: taken for that click's late page until the
    // script's next name is not there.
    {
      const { page, panel } = await bind('/apps/todo/');
      await run(panel, 'Add two todos slowly');
      await page.locator('#todos li', { hasText: 'First slow todo' }).waitFor({ timeout: 60_000 });
      // After the click's own settling (a navigation during it would be the click's), within the script's wait(2500).
      await page.waitForTimeout(700);
      await page.goto(pages.url('/demo/'));
      const report = await finished(panel, 60_000);
      expect(report.status, `${report.text}\n${await panel.getByTestId('automate-log').innerText().catch(() => '')}`).toBe('failed');
      expect(report, report.text).toMatchObject({ modelCalls: 1, attempts: 1 });
      expect(report.text).toMatch(/the page changed while the run was going, not through one of its actions/);
      expect(await page.locator('#search').inputValue()).toBe('');
      await page.close();
      await panel.close();
    }
    // A reload while the script waits after typing: the click that follows is not made on the fresh, empty form.
    {
      const { page, panel } = await bind('/apps/todo/');
      await run(panel, 'Type a todo, wait, then add it');
      await expect.poll(() => page.locator('#new-todo').inputValue(), { timeout: 60_000 }).toBe('Typed before a reload');
      await page.waitForTimeout(700);
      await page.reload();
      const report = await finished(panel, 60_000);
      expect(report.status, report.text).toBe('failed');
      expect(report, report.text).toMatchObject({ modelCalls: 1, attempts: 1 });
      expect(report.text).toMatch(/the page changed while the run was going/);
      expect(await page.locator('#todos li').count()).toBe(4);
      await page.close();
      await panel.close();
    }
  }, 150_000);

  test('the run\'s tab is closed mid-run: the panel says the run stopped, rather than falling back to idle (exploratory test, session 18)', async () => {
    const { page, panel } = await bind('/apps/todo/');
    // A wait of 15 s, not 2.5 (CI, session 30): on a loaded machine the typed text was seen, and the tab closed, only
    // after the script had clicked and finished — a finished run rightly shows its report (reproduced here by closing
    // the tab 5 s after the text appeared: "data-status done").
    await run(panel, 'Type a todo, wait long, then add it');
    await expect.poll(() => page.locator('#new-todo').inputValue(), { timeout: 60_000 }).toBe('Typed before a reload');
    await page.close();
    // On a failure, say what the panel showed.
    const root = panel.getByTestId('automate');
    await expect.poll(async () => (await panel.getByTestId('automate-vanished').count()
      ? 'vanished' : `data-status ${await root.getAttribute('data-status')}: ${(await root.innerText()).replace(/\s+/g, ' ').slice(0, 400)}`), { timeout: 30_000 }).toBe('vanished');
    expect(await panel.getByTestId('automate-vanished').innerText()).toMatch(/its tab was closed/);
    await panel.close();
  }, 60_000);

  test('the executor refuses unconfirmed irreversible clicks, foreign navigation and unrequested typing into sensitive fields', async () => {
    const page = await openPage('/apps/signup/');
    const tabId = await tabIdOf(harness, page);
    const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${tabId}`);
    const act = (payload: Record<string, unknown>) => sendFromPage(panel, envelope('page.act', { tabId, args: [], ...payload })) as Promise<{ ok: boolean; payload?: unknown; error?: { name: string; message: string; data?: Record<string, unknown> } }>;
    const password = { locators: [{ by: 'id', value: 'password' }] };
    const refused = await act({ action: 'type', target: password, args: ['from-the-page'] });
    expect(refused.ok).toBe(false);
    expect(refused.error?.name).toBe('ActionError');
    expect(await page.locator('#password').inputValue()).toBe('');
    const typed = await act({ action: 'type', target: password, args: ['s3cret!!'], userSupplied: true });
    expect(typed.ok, JSON.stringify(typed.error)).toBe(true);
    expect(await page.locator('#password').inputValue()).toBe('s3cret!!');
    const away = await act({ action: 'navigate', args: ['https://example.com/'] });
    expect(away.error?.name).toBe('NavigationError');
    const missing = await act({ action: 'click', target: { locators: [{ by: 'id', value: 'nope' }] } });
    expect(missing.error?.name).toBe('NotFoundError');
    const hidden = await act({ action: 'click', target: { locators: [{ by: 'id', value: 'create' }] } });
    expect(hidden.error?.name).toBe('ActionError');
    expect(hidden.error?.message).toMatch(/hidden/);
    await page.fill('#full-name', 'A');
    await page.fill('#email', 'a@b.c');
    expect((await act({ action: 'click', target: { locators: [{ by: 'id', value: 'next' }] } })).payload).toMatchObject({ changed: true });
    const submit = await act({ action: 'click', target: { locators: [{ by: 'id', value: 'create' }] } });
    expect(submit.error?.data?.needsConfirmation).toBe(true);
    expect(await page.locator('#result').innerText()).toBe('');
    expect((await act({ action: 'select', target: { locators: [{ by: 'id', value: 'plan' }] }, args: ['enterprise'] })).ok).toBe(true);
    expect(await page.locator('#plan').inputValue()).toBe('Enterprise');
  }, 60_000);

  test('a page handler calling form.submit() (no submit event) is held for confirmation, in the page and in a frame; GET forms go through', async () => {
    const page = await openPage('/apps/submits/');
    const tabId = await tabIdOf(harness, page);
    const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${tabId}`);
    type Reply = { ok: boolean; payload?: { navigated?: boolean }; error?: { name: string; data?: { needsConfirmation?: boolean; fingerprint?: string; reason?: string } } };
    const act = (payload: Record<string, unknown>) => sendFromPage(panel, envelope('page.act', { tabId, args: [], ...payload })) as Promise<Reply>;
    const byId = (value: string, root?: string) => ({ locators: [{ by: 'id', value, ...(root ? { root } : {}) }] });
    const gift = page.frameLocator('#gift');

    const held = await act({ action: 'click', target: byId('continue') });
    expect(held.error?.data).toMatchObject({ needsConfirmation: true, reason: 'submits /apps/submits/sent.html when it is clicked' });
    const wrap = await act({ action: 'check', target: byId('gift-wrap', 'iframe') });
    expect(wrap.error?.data?.needsConfirmation).toBe(true);
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe('/apps/submits/');
    expect(await gift.locator('#gift-wrap').count()).toBe(1);

    const confirmedWrap = await act({ action: 'check', target: byId('gift-wrap', 'iframe'), confirmed: true, fingerprint: wrap.error!.data!.fingerprint });
    expect(confirmedWrap.ok, JSON.stringify(confirmedWrap.error)).toBe(true);
    await gift.locator('#sent').waitFor();
    const sorted = await act({ action: 'select', target: byId('order'), args: ['oldest'] });
    expect(sorted.ok, JSON.stringify(sorted.error)).toBe(true);
    await page.waitForURL(/\/apps\/submits\/sorted\.html\?order=oldest$/);
    await page.goto(new URL('/apps/submits/', page.url()).href);
    const again = await act({ action: 'click', target: byId('continue') });
    expect(again.error?.data?.needsConfirmation).toBe(true);
    const confirmed = await act({ action: 'click', target: byId('continue'), confirmed: true, fingerprint: again.error!.data!.fingerprint });
    expect(confirmed.ok, JSON.stringify(confirmed.error)).toBe(true);
    await page.waitForURL(/\/apps\/submits\/sent\.html$/);
  }, 60_000);

  test('a page that took the browser\'s own submit(), requestSubmit() or click() before the guard came, or froze the prototypes, still gets its submission held (the navigation backstop, session 20)', async () => {
    type Reply = { ok: boolean; error?: { name: string; message?: string; data?: { needsConfirmation?: boolean; fingerprint?: string; reason?: string; state?: string } } };
    const setups: [string, () => void][] = [
      ['saved submit()', () => {
        const nativeSubmit = HTMLFormElement.prototype.submit;
        const form = document.getElementById('pay') as HTMLFormElement;
        const button = document.getElementById('continue')!;
        button.replaceWith(button.cloneNode(true));
        document.getElementById('continue')!.addEventListener('click', () => nativeSubmit.call(form));
      }],
      ['frozen prototypes', () => {
        Object.freeze(HTMLFormElement.prototype);
        Object.freeze(HTMLElement.prototype);
      }],
      ['saved requestSubmit() in a closed shadow root', () => {
        const nativeRequestSubmit = HTMLFormElement.prototype.requestSubmit;
        const host = document.createElement('div');
        document.querySelector('main')!.append(host);
        const root = host.attachShadow({ mode: 'closed' });
        root.innerHTML = '<form method="post" action="/apps/submits/sent.html"><input name="x" value="1"></form>';
        const go = document.createElement('button');
        go.type = 'button';
        go.id = 'continue';
        go.textContent = 'Continue';
        document.getElementById('continue')!.replaceWith(go);
        go.addEventListener('click', () => nativeRequestSubmit.call(root.querySelector('form')!));
      }],
    ];
    for (const [name, setup] of setups) {
      const page = await openPage('/apps/submits/');
      // Before the extension has touched the page: the guard is injected at the first read or action.
      await page.evaluate(setup);
      const tabId = await tabIdOf(harness, page);
      const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${tabId}`);
      const act = (payload: Record<string, unknown>) => sendFromPage(panel, envelope('page.act', { tabId, args: [], target: { locators: [{ by: 'id', value: 'continue' }] }, ...payload })) as Promise<Reply>;
      const held = await act({ action: 'click' });
      await page.waitForTimeout(500);
      expect(new URL(page.url()).pathname, name).toBe('/apps/submits/');
      const closedRoot = name === 'saved requestSubmit() in a closed shadow root';
      // With Debian's Chromium 156.0.8078.129 (session 62) the navigation backstop no longer learns which form in a
      // closed shadow root was sent (the bundle that passed here before fails the same way): the submission is still
      // held, nothing sent, as one it cannot tell apart from the page's own (`submit-unidentified`), not one to confirm.
      if (closedRoot && held.error?.data?.state === 'submit-unidentified') expect(held.error.name).toBe('ActionError');
      else expect(held.error?.data?.needsConfirmation, `${name}: ${JSON.stringify(held)}`).toBe(true);
      if (!closedRoot) {
        const confirmed = await act({ action: 'click', confirmed: true, fingerprint: held.error!.data!.fingerprint });
        expect(confirmed.ok, `${name}: ${JSON.stringify(confirmed.error)}`).toBe(true);
        await page.waitForURL(/\/apps\/submits\/sent\.html$/);
      }
      await panel.close();
      await page.close();
    }
  }, 90_000);

  test('a form posted from a frame the page adds during the action (a hidden frame, posting a moment later) is held too (session 20)', async () => {
    type Reply = { ok: boolean; error?: { name: string; data?: { needsConfirmation?: boolean; reason?: string } } };
    const page = await openPage('/apps/submits/');
    await page.evaluate(() => {
      const go = document.createElement('button');
      go.type = 'button';
      go.id = 'continue';
      go.textContent = 'Continue';
      document.getElementById('continue')!.replaceWith(go);
      go.addEventListener('click', () => {
        const frame = document.createElement('iframe');
        frame.hidden = true;
        document.body.append(frame);
        // (Posted in the same task as the frame was added, it is not seen: see the README.)
        setTimeout(() => {
          const inner = frame.contentDocument!;
          const form = inner.createElement('form');
          form.method = 'post';
          form.action = '/apps/submits/sent.html';
          inner.body.append(form);
          (window as unknown as { framePosted: boolean }).framePosted = true;
          // The frame's own submit(), as a page calls it.
          form.submit();
        }, 10);
      });
    });
    const tabId = await tabIdOf(harness, page);
    const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${tabId}`);
    const held = await sendFromPage(panel, envelope('page.act', { tabId, args: [], action: 'click', target: { locators: [{ by: 'id', value: 'continue' }] } })) as Reply;
    await page.waitForTimeout(600);
    expect(await page.evaluate(() => (window as unknown as { framePosted?: boolean }).framePosted)).toBe(true);
    expect(held.error?.data?.needsConfirmation, JSON.stringify(held)).toBe(true);
    expect(await page.evaluate(() => document.querySelector<HTMLIFrameElement>('iframe[hidden]')?.contentWindow?.location.href)).not.toMatch(/sent\.html/);
    await panel.close();
    await page.close();
  }, 60_000);

  test('a submission the action sets off in a closed shadow root (nested too) or in another frame is held; one the browser refuses to send is not asked about (session 19)', async () => {
    const page = await openPage('/apps/submits/');
    await page.locator('#gift').contentFrame().locator('#gift-form').waitFor({ state: 'attached' });
    await page.evaluate(() => {
      const sends = '<form method="post" action="/apps/submits/sent.html">';
      /** A web component whose inside is a closed shadow root. */
      const closedBox = (tag: string, html = '') => {
        const host = document.createElement(tag);
        const shadow = host.attachShadow({ mode: 'closed' });
        shadow.innerHTML = html;
        return { host, shadow };
      };
      /** A button of the page whose handler does `onClick` (its label says nothing irreversible: the handler does it). */
      const pageButton = (id: string, onClick: () => void) => {
        const button = document.createElement('button');
        button.id = id;
        button.textContent = 'Next';
        button.addEventListener('click', onClick);
        return button;
      };
      const frameForm = () => (document.getElementById('gift') as HTMLIFrameElement).contentDocument!.getElementById('gift-form') as HTMLFormElement;
      // A component whose POST form is inside; its form has a control named like the methods the guard uses.
      const order = closedBox('order-box', `${sends}<input name="item" value="lamp"><input name="getRootNode" value="x"><button>Order</button></form>`);
      // A component inside a component, both closed.
      const outer = closedBox('outer-box');
      const inner = closedBox('inner-box', `${sends}<input name="dispatchEvent" value="y"></form>`);
      outer.shadow.append(inner.host);
      // A form the browser will not send (a required field is empty): no question, nothing sent, the page's own check.
      const invalid = closedBox('invalid-box', `${sends}<input name="need" required></form>`);
      // A component's own submit button, clicked by a handler of the page (the browser's submit event stays inside).
      const viaButton = closedBox('button-box', `${sends}<input name="q" value="1"><button type="submit">Send</button></form>`);
      document.body.append(order.host, outer.host, invalid.host, viaButton.host,
        pageButton('place-order', () => order.shadow.querySelector('form')!.requestSubmit()),
        // Buttons of the page that send the form inside the gift frame.
        pageButton('send-gift', () => frameForm().requestSubmit()),
        pageButton('send-gift-now', () => frameForm().submit()),
        pageButton('deep-order', () => inner.shadow.querySelector('form')!.requestSubmit()),
        pageButton('invalid-order', () => invalid.shadow.querySelector('form')!.requestSubmit()),
        pageButton('via-button', () => viaButton.shadow.querySelector('button')!.click()));
    });
    const tabId = await tabIdOf(harness, page);
    const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${tabId}`);
    type Reply = { ok: boolean; error?: { name: string; data?: { needsConfirmation?: boolean; fingerprint?: string } } };
    const click = (id: string, extra: Record<string, unknown> = {}) =>
      sendFromPage(panel, envelope('page.act', { tabId, args: [], action: 'click', target: { locators: [{ by: 'id', value: id }] }, ...extra })) as Promise<Reply>;
    const gift = page.frameLocator('#gift');
    for (const id of ['send-gift', 'send-gift-now']) {
      const held = await click(id) as Reply & { error?: { data?: { reason?: string } } };
      expect(held.error?.data?.needsConfirmation, `${id}: ${JSON.stringify(held)}`).toBe(true);
      expect(held.error?.data?.reason).toBe('submits /apps/submits/sent.html (a form in a frame of the page) when it is clicked');
      await page.waitForTimeout(300);
      expect(await gift.locator('#gift-form').count(), id).toBe(1);
    }
    const invalid = await click('invalid-order');
    expect(invalid.ok, JSON.stringify(invalid)).toBe(true);
    const deep = await click('deep-order');
    expect(deep.error?.data?.needsConfirmation, JSON.stringify(deep)).toBe(true);
    const viaButton = await click('via-button');
    expect(viaButton.error?.data?.needsConfirmation, JSON.stringify(viaButton)).toBe(true);
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe('/apps/submits/');
    const order = await click('place-order');
    expect(order.error?.data?.needsConfirmation, JSON.stringify(order)).toBe(true);
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe('/apps/submits/');
    const confirmed = await click('place-order', { confirmed: true, fingerprint: order.error!.data!.fingerprint });
    expect(confirmed.ok, JSON.stringify(confirmed.error)).toBe(true);
    await page.waitForURL(/\/apps\/submits\/sent\.html$/);
    await panel.close();
  }, 60_000);

  test('a form the page sends by itself a moment after a change (a debounced auto-save) is held too; the next action says so (session 19)', async () => {
    const page = await openPage('/apps/submits/');
    await page.evaluate(() => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = '/apps/submits/sent.html';
      form.innerHTML = '<label>Plan <select id="plan" name="plan"><option>Free</option><option>Pro</option></select></label><label>Nick <input id="nick" name="nick"></label>';
      document.body.append(form);
      form.querySelector('select')!.addEventListener('change', () => setTimeout(() => form.submit(), 150));
      form.querySelector('input')!.addEventListener('input', () => setTimeout(() => form.requestSubmit(), 400));
    });
    const tabId = await tabIdOf(harness, page);
    const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${tabId}`);
    type Reply = { ok: boolean; error?: { name: string; message: string; data?: { state?: string } } };
    const act = (action: string, id: string, args: unknown[] = []) =>
      sendFromPage(panel, envelope('page.act', { tabId, action, target: { locators: [{ by: 'id', value: id }] }, args })) as Promise<Reply>;
    for (const [action, id, args] of [['select', 'plan', ['Pro']], ['type', 'nick', ['Bob']]] as const) {
      expect((await act(action, id, [...args])).ok, id).toBe(true);
      await page.waitForTimeout(700);
      const next = await act('text', 'order');
      expect(next.error?.name, `${id}: ${JSON.stringify(next)}`).toBe('ActionError');
      expect(next.error?.data?.state).toBe('late-submit');
      // The form's address is page text: quoted (security review).
    expect(next.error?.message).toMatch(/tried to send "\/apps\/submits\/sent\.html" by itself .*nothing was sent/);
      expect(new URL(page.url()).pathname).toBe('/apps/submits/');
    }
    // Once said, it is not said again; later actions go on.
    expect((await act('text', 'order')).ok).toBe(true);
    await panel.close();
  }, 60_000);

  test('a form the page sends by itself after the script\'s last change (an auto-save) is asked about before the run ends: Confirm sends it, Cancel keeps it unsent; one held mid-run is asked about before the next action (session 20)', async () => {
    const ask = async (panel: Page) => {
      const confirm = panel.getByTestId('automate-confirm');
      await confirm.waitFor({ timeout: 60_000 });
      return confirm;
    };
    {
      const { page, panel } = await bind('/apps/submits/autosave.html');
      await run(panel, 'Choose the Pro plan');
      const confirm = await ask(panel);
      expect(await panel.getByTestId('automate-confirm-what').innerText()).toMatch(/^Let the page send/);
      expect(await confirm.innerText()).toMatch(/sends \/apps\/submits\/sent\.html: the page tried to by itself a moment after .*plan.* changed/);
      expect(await confirm.innerText()).toMatch(/not in the script: the page sends this by itself/);
      expect(new URL(page.url()).pathname).toBe('/apps/submits/autosave.html');
      await confirm.getByRole('button', { name: 'Confirm' }).click();
      const report = await finished(panel);
      expect(report.status, report.text).toBe('done');
      await page.waitForURL(/\/apps\/submits\/sent\.html/);
      await panel.close();
    }
    {
      const { page, panel } = await bind('/apps/submits/autosave.html');
      await run(panel, 'Choose the Pro plan');
      await (await ask(panel)).getByRole('button', { name: 'Cancel' }).click();
      const report = await finished(panel);
      expect(report.status, report.text).toBe('cancelled');
      await page.waitForTimeout(1_000);
      expect(new URL(page.url()).pathname).toBe('/apps/submits/autosave.html');
      await panel.close();
    }
    {
      // Held after the first change, noticed when the script acts again: asked about before the typing.
      const { page, panel } = await bind('/apps/submits/autosave.html');
      await run(panel, 'Choose Pro, then call me Bob');
      await (await ask(panel)).getByRole('button', { name: 'Cancel' }).click();
      const report = await finished(panel);
      expect(report.status, report.text).toBe('cancelled');
      expect(await page.locator('#nick').inputValue()).toBe('');
      expect(new URL(page.url()).pathname).toBe('/apps/submits/autosave.html');
      await panel.close();
    }
  }, 180_000);

  test('a tab open across an update: the older version\'s page-world guard left in the page does not stop this one (session 18)', async () => {
    const page = await openPage('/apps/submits/');
    // What an earlier build left in a page it had acted on: its marks on the window and on
    // HTMLFormElement.prototype (as the build before session 18 named them), and its patched submit, announcing
    // itself with an event this build's executor does not listen for.
    await page.evaluate(() => {
      const proto = HTMLFormElement.prototype as unknown as Record<symbol, unknown> & { submit(): void };
      const original = proto.submit;
      Object.defineProperty(proto, Symbol.for('pocket-slm.submit-guard'), { value: true });
      proto.submit = function submit(this: HTMLFormElement) {
        if (this.dispatchEvent(new CustomEvent('pocket-slm-0.0.9-script-submit', { bubbles: true, composed: true, cancelable: true }))) original.call(this);
      };
      Object.defineProperty(window, Symbol.for('pocket-slm.submit-guard.ready'), { value: true });
    });
    const tabId = await tabIdOf(harness, page);
    const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${tabId}`);
    type Reply = { ok: boolean; error?: { name: string; data?: { needsConfirmation?: boolean; reason?: string } } };
    const held = await sendFromPage(panel, envelope('page.act', { tabId, args: [], action: 'click', target: { locators: [{ by: 'id', value: 'continue' }] } })) as Reply;
    expect(held.error?.data).toMatchObject({ needsConfirmation: true, reason: 'submits /apps/submits/sent.html when it is clicked' });
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe('/apps/submits/');
    await panel.close();
  }, 60_000);

  test('a fetch that fails during an action and that the page does not handle is still reported to the page as unhandled (session 18)', async () => {
    const page = await openPage('/apps/submits/');
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { unhandled: string[] }).unhandled = seen;
      window.addEventListener('unhandledrejection', (event) => seen.push(String((event.reason as Error)?.name)));
      const button = document.createElement('button');
      button.id = 'load-more';
      button.textContent = 'Load more';
      // Nothing listens on port 1: the fetch rejects, and this page forgot to catch it.
      button.addEventListener('click', () => void fetch('http://127.0.0.1:1/more.json'));
      document.body.append(button);
    });
    const tabId = await tabIdOf(harness, page);
    const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${tabId}`);
    const clicked = await sendFromPage(panel, envelope('page.act', { tabId, args: [], action: 'click', target: { locators: [{ by: 'id', value: 'load-more' }] } })) as { ok: boolean };
    expect(clicked.ok).toBe(true);
    await expect.poll(() => page.evaluate(() => (window as unknown as { unhandled: string[] }).unhandled)).toEqual(['TypeError']);
    await panel.close();
  }, 60_000);

  test('controls inside components\' closed shadow roots (nested too) are in the document and acted on by name (session 20)', async () => {
    const page = await openPage('/apps/todo/');
    await page.evaluate(() => {
      const component = (parent: Node, tag: string, html: string) => {
        const host = document.createElement(tag);
        parent.appendChild(host);
        const root = host.attachShadow({ mode: 'closed' });
        root.innerHTML = html;
        return root;
      };
      const clicks: string[] = [];
      (window as unknown as { clicks: string[] }).clicks = clicks;
      const main = document.querySelector('main')!;
      const outer = component(main, 'x-toolbar', '<button>Outer tool</button><div id="slot-here"></div>');
      const inner = component(outer.getElementById('slot-here')!, 'x-menu', '<button>Inner tool</button><label>Note <input id="note"></label>');
      outer.querySelector('button')!.addEventListener('click', () => clicks.push('outer'));
      inner.querySelector('button')!.addEventListener('click', () => clicks.push('inner'));
      inner.querySelector('input')!.addEventListener('input', (e) => clicks.push(`typed ${(e.target as HTMLInputElement).value}`));
    });
    const tabId = await tabIdOf(harness, page);
    const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${tabId}`);
    type Entry = { name: string; kind: string; locators: unknown[] };
    const doc = await sendFromPage(panel, envelope('page.document', { tabId })) as { ok: boolean; payload: { sections: { entries: Entry[] }[] } };
    const entries = doc.payload.sections.flatMap((s) => s.entries);
    const named = (pattern: RegExp) => {
      const entry = entries.find((e) => pattern.test(e.name));
      expect(entry, `${pattern} in ${entries.map((e) => e.name).join(', ')}`).toBeDefined();
      return entry!;
    };
    const act = (entry: Entry, action: string, args: unknown[] = []) =>
      sendFromPage(panel, envelope('page.act', { tabId, action, args, target: { locators: entry.locators } })) as Promise<{ ok: boolean; error?: unknown }>;
    for (const [entry, action, args] of [[named(/outer_tool/), 'click', []], [named(/inner_tool/), 'click', []], [named(/note/), 'type', ['hello']]] as const) {
      const done = await act(entry, action, [...args]);
      expect(done.ok, `${entry.name}: ${JSON.stringify(done.error)}`).toBe(true);
    }
    const seen = await page.evaluate(() => (window as unknown as { clicks: string[] }).clicks);
    expect([...seen.slice(0, 2), seen.at(-1)]).toEqual(['outer', 'inner', 'typed hello']);
    await panel.close();
  }, 60_000);

  test('typing reaches rich-text editors through the browser\'s own editing, and ARIA 1.1 combobox wrappers through their text box', async () => {
    const page = await openPage('/apps/editors/');
    const tabId = await tabIdOf(harness, page);
    const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${tabId}`);
    const type = (id: string, text: string) => sendFromPage(panel, envelope('page.act', { tabId, action: 'type', target: { locators: [{ by: 'id', value: id }] }, args: [text] })) as Promise<{ ok: boolean; error?: { name: string; message: string } }>;
    // The model editor undoes a direct write to its text at its next render; it takes beforeinput.
    const body = await type('model-editor', 'Hello, Ann');
    expect(body.ok, JSON.stringify(body.error)).toBe(true);
    expect(await page.locator('#model').innerText()).toBe('Hello, Ann');
    expect(await page.locator('#model-editor').innerText()).toBe('Hello, Ann');
    const note = await type('plain-editor', 'new note');
    expect(note.ok, JSON.stringify(note.error)).toBe(true);
    expect(await page.locator('#plain-editor').innerText()).toBe('new note');
    const city = await type('city-box', 'Lyon');
    expect(city.ok, JSON.stringify(city.error)).toBe(true);
    expect(await page.locator('#city').inputValue()).toBe('Lyon');
  }, 60_000);
});
