import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { tabIdOf, type ExtensionHarness } from './browser.ts';
import { expectAccessible } from './helpers.ts';
import { REPLAY, startAutomationRig, type AutomationRig } from './automation-rig.ts';
import { hashedText } from '../../extension/features/automate/remembered-element.ts';

/**
 * The Automate tab's saved-script library in Chromium (exploratory test, session 22): scripts are put in storage as
 * a save would, then shown, filtered, replayed (Enter in a field), deleted and undone in turn, kept in step between
 * two panels; a replay that fails says what to do, and one the model repaired can replace the saved script.
 */
const SEARCH = '$search_mail__search_mail.type("{{query}}");\n$search_mail__search_button.click();\ndone($inbox__messages.length);';

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

interface Seed {
  name: string;
  source: string;
  params?: string[];
  task?: string;
  elements?: unknown[];
}

/** Replaces the saved scripts with these (for the pages' site), as saving them one after the other would store them. */
async function seed(scripts: Seed[]): Promise<void> {
  const origin = new URL(pages.url('/')).origin;
  const page = await harness.openExtensionPage('popup/index.html');
  await page.evaluate(([rows, site]) => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('pocket-slm');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('scripts', 'readwrite');
      const store = tx.objectStore('scripts');
      store.clear();
      rows.forEach((row, i) => store.add({ origin: site, params: [], createdAt: 1_700_000_000_000 + i, ...row }));
      tx.oncomplete = () => {
        open.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  }), [scripts, origin] as const);
  await page.close();
}

let opened = 0;
async function bind(path: string): Promise<{ page: Page; panel: Page; tabId: number }> {
  const page = await harness.context.newPage();
  await page.goto(`${pages.url(path)}?saved=${++opened}`);
  const tabId = await tabIdOf(harness, page);
  return { page, panel: await panelFor(tabId), tabId };
}

async function panelFor(tabId: number): Promise<Page> {
  const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${tabId}`);
  await panel.getByRole('tab', { name: 'Automate' }).click();
  await panel.locator('#automate-model').selectOption(REPLAY);
  return panel;
}

const row = (panel: Page, name: string) => panel.locator(`[data-testid="automate-saved"] li[data-script="${name}"]`);
const names = (panel: Page) => panel.locator('[data-testid="automate-saved"] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-script')));
const focused = (panel: Page) => panel.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);

async function finished(panel: Page, runBefore: string | null) {
  await expect.poll(async () => {
    const root = panel.getByTestId('automate');
    return await root.getAttribute('data-run') !== runBefore && await root.getAttribute('data-status') !== 'running' && await panel.getByTestId('automate-report').count() > 0;
  }, { timeout: 60_000 }).toBe(true);
  const report = panel.getByTestId('automate-report');
  return { status: await report.getAttribute('data-status'), modelCalls: Number(await report.getAttribute('data-model-calls')), text: await report.innerText() };
}

describe('saved scripts library', () => {
  test('many scripts: the repair checkbox comes first, a filter box, a list named by its heading; each script\'s code and task shown, its fields its own, secrets by word; rename', async () => {
    await seed([
      { name: 'A', source: SEARCH, params: ['query'], task: 'Search the mail for anything' },
      { name: 'B', source: '$search_mail__search_mail.type("{{query}}");', params: ['query'] },
      { name: 'C', source: 'const s = ["{{shipping_address}}", "{{pwd}}", "{{postcode}}", "{{passenger}}", "{{card_cvv}}"];\ndone(s.length);',
        params: ['shipping_address', 'pwd', 'postcode', 'passenger', 'card_cvv'] },
      ...Array.from({ length: 7 }, (_, i) => ({ name: `bulk ${i}`, source: `done(${i});` })),
    ]);
    const { panel } = await bind('/demo/');
    const list = panel.getByRole('list', { name: 'Saved for this site' });
    await expect.poll(() => list.locator('li').count()).toBe(10);

    // The checkbox is before the list (it was after all the rows: 209 Tab presses away).
    const checkboxFirst = await panel.evaluate(() => {
      const box = [...document.querySelectorAll('label')].find((l) => l.textContent?.includes('ask the model to repair it'))!;
      return Boolean(box.compareDocumentPosition(document.querySelector('[data-testid="automate-saved"]')!) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(checkboxFirst).toBe(true);

    // A's query is A's: B's field stays empty; each field is named with its script.
    await panel.getByLabel('query for A', { exact: true }).fill('typed in A');
    expect(await panel.getByLabel('query for B', { exact: true }).inputValue()).toBe('');
    const typeOf = (param: string) => row(panel, 'C').getByLabel(`${param} for C`).evaluate((input: HTMLInputElement) => input.type);
    expect(await typeOf('pwd')).toBe('password');
    expect(await typeOf('card_cvv')).toBe('password');
    for (const param of ['shipping_address', 'postcode', 'passenger']) expect(await typeOf(param), param).toBe('text');

    // Its code, highlighted, and its task, before any replay.
    const shown = row(panel, 'A').getByTestId('automate-saved-script');
    await shown.locator('summary').click();
    expect(await shown.locator('pre.script').innerText()).toBe(SEARCH);
    expect(await shown.locator('.tok-element').first().innerText()).toBe('$search_mail__search_mail');
    expect(await shown.innerText()).toContain('Task: Search the mail for anything');
    await expectAccessible(panel, 'saved scripts library, a script shown');

    // Ten scripts: a filter box.
    await panel.getByLabel('Filter saved scripts').fill('bulk 3');
    expect(await names(panel)).toEqual(['bulk 3']);
    await panel.getByLabel('Filter saved scripts').fill('');

    // Renamed in place (same place in the list); a name another script has is refused, beside the row.
    await row(panel, 'B').getByRole('button', { name: 'Rename B' }).click();
    await panel.getByLabel('New name for B').fill('A');
    await panel.getByLabel('New name for B').press('Enter');
    await expect.poll(() => row(panel, 'B').getByTestId('automate-saved-error').innerText()).toMatch(/already saved/);
    await panel.getByLabel('New name for B').fill('B renamed');
    await panel.getByLabel('New name for B').press('Enter');
    await expect.poll(() => names(panel)).toEqual(['A', 'B renamed', 'C', ...Array.from({ length: 7 }, (_, i) => `bulk ${i}`)]);
    await expect.poll(() => focused(panel)).toBe('Rename B renamed');
    await panel.close();
  }, 120_000);

  test('every deletion can be undone in turn, focus on the restored Replay; a name taken since gives "(restored)"; another panel follows, and will not replay a script deleted under it', async () => {
    await seed([{ name: 'A', source: 'done("a");' }, { name: 'B', source: 'done("b");' }, { name: 'C', source: 'done("c");' }]);
    const { panel, tabId } = await bind('/demo/');
    const other = await panelFor(tabId);
    await expect.poll(() => names(other)).toEqual(['A', 'B', 'C']);

    await row(panel, 'B').getByRole('button', { name: 'Delete B' }).click();
    await row(panel, 'C').getByRole('button', { name: 'Delete C' }).click();
    await expect.poll(() => names(panel)).toEqual(['A']);
    // The other panel's list follows (it kept listing, and replaying, deleted scripts).
    await expect.poll(() => names(other)).toEqual(['A']);
    const note = panel.getByTestId('automate-deleted-note');
    await expect.poll(() => focused(panel)).toBe('P');
    await note.getByRole('button', { name: 'Undo delete of “C”' }).click();
    await expect.poll(() => names(panel)).toEqual(['A', 'C']);
    await expect.poll(() => focused(panel)).toBe('Replay C');
    // B's deletion is still there to undo.
    await note.getByRole('button', { name: 'Undo delete of “B”' }).click();
    await expect.poll(() => names(panel)).toEqual(['A', 'B', 'C']);
    await expect.poll(() => focused(panel)).toBe('Replay B');

    // A deleted, another script named A since (renamed here): Undo brings the old one back under a free name.
    await row(panel, 'A').getByRole('button', { name: 'Delete A' }).click();
    await row(panel, 'C').getByRole('button', { name: 'Rename C' }).click();
    await panel.getByLabel('New name for C').fill('A');
    await panel.getByLabel('New name for C').press('Enter');
    await expect.poll(() => names(panel)).toEqual(['B', 'A']);
    await note.getByRole('button', { name: 'Undo delete of “A”' }).click();
    await expect.poll(() => names(panel)).toEqual(['A (restored)', 'B', 'A']);
    expect(await note.innerText()).toContain('“A” is back as “A (restored)”');
    await expect.poll(() => focused(panel)).toBe('Replay A (restored)');
    await expect.poll(() => names(other)).toEqual(['A (restored)', 'B', 'A']);
    await expectAccessible(panel, 'saved scripts after undo');

    // Deleted behind the other panel's back (not through it, so its list cannot know): its Replay reads storage first.
    const runBefore = await other.getByTestId('automate').getAttribute('data-run');
    await other.evaluate(() => new Promise<void>((resolve) => {
      const open = indexedDB.open('pocket-slm');
      open.onsuccess = () => {
        const tx = open.result.transaction('scripts', 'readwrite');
        const store = tx.objectStore('scripts');
        store.openCursor().onsuccess = (event) => {
          const cursor = (event.target as IDBRequest<IDBCursorWithValue | null>).result;
          if (!cursor) return;
          if ((cursor.value as { name: string }).name === 'B') cursor.delete();
          cursor.continue();
        };
        tx.oncomplete = () => resolve();
      };
    }));
    await row(other, 'B').getByRole('button', { name: 'Replay B' }).click();
    await expect.poll(() => other.getByTestId('automate-deleted-note').innerText()).toMatch(/“B” is no longer saved.*nothing was replayed/);
    expect(await other.getByTestId('automate').getAttribute('data-run')).toBe(runBefore);
    await other.close();
    await panel.close();
  }, 120_000);

  test('Enter in a field replays; a missing value is said beside its field, which is marked and focused; a value over 4,000 characters is refused before sending', async () => {
    await seed([{ name: 'search mail', source: SEARCH, params: ['query'] }, ...Array.from({ length: 30 }, (_, i) => ({ name: `filler ${i}`, source: `done(${i});` }))]);
    const { page, panel } = await bind('/demo/');
    const saved = row(panel, 'search mail');
    const field = saved.getByLabel('query for search mail');
    await field.press('Enter');
    const problem = saved.getByTestId('automate-saved-error');
    await expect.poll(() => problem.innerText()).toBe('fill in "query" before replaying');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focused(panel)).toBe('query for search mail');
    await expectAccessible(panel, 'a saved script missing a value');

    expect(await field.getAttribute('maxlength')).toBe('4000');
    // Past the box's own limit (a draft, a script): said before anything is sent.
    await field.evaluate((input: HTMLInputElement) => {
      input.value = 'x'.repeat(4001);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await saved.getByRole('button', { name: 'Replay search mail' }).click();
    await expect.poll(() => problem.innerText()).toBe('"query" is 4,001 characters; a value may have 4,000 at most');
    expect(await panel.getByTestId('automate-report').count()).toBe(0);

    const runBefore = await panel.getByTestId('automate').getAttribute('data-run');
    await field.fill('Jonas');
    expect(await problem.count()).toBe(0);
    await field.press('Enter');
    const report = await finished(panel, runBefore);
    expect(report, report.text).toMatchObject({ status: 'done', modelCalls: 0 });
    expect(await page.locator('#search').inputValue()).toBe('Jonas');
    await panel.close();
  }, 120_000);

  test('a long name is cut as stored; a failed replay says what to do; repaired by the model, the saved script can be replaced with the repair', async () => {
    await seed([]);
    const { page, panel } = await bind('/apps/shop/');
    await panel.getByLabel('Task', { exact: true }).fill('Open the cheapest result for lamp');
    await panel.getByRole('button', { name: 'Run', exact: true }).click();
    expect((await finished(panel, '')).status).toBe('done');
    const save = panel.getByTestId('automate-save');
    const long = `Cheapest lamp ${'x'.repeat(240)}`;
    const name = long.slice(0, 200);
    await save.getByLabel('Script name').evaluate((input: HTMLInputElement, value) => {
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, long);
    const source = await save.getByLabel(/Saved script/).inputValue();
    // The site changed since: the list has another name now.
    await save.getByLabel(/Saved script/).fill(source.replace('$lamp_co__products', '$lamp_co__product_list'));
    await save.getByRole('button', { name: 'Save script' }).click();
    await expect.poll(() => panel.getByTestId('automate-saved-note').innerText()).toBe(`Saved "${name}" for ${new URL(pages.url('/')).origin}.`);
    await expect.poll(() => save.getByRole('button', { name: 'Replace the saved script of this name' }).count()).toBe(1);

    const saved = row(panel, name);
    await page.reload();
    let runBefore = await panel.getByTestId('automate').getAttribute('data-run');
    await saved.getByRole('button', { name: `Replay ${name}` }).click();
    const failed = await finished(panel, runBefore);
    expect(failed, failed.text).toMatchObject({ status: 'failed', modelCalls: 0 });
    expect(await panel.getByTestId('automate-replay-advice').innerText())
      .toMatch(/page may have changed since this script was saved\. Tick “Let a replay that fails ask the model to repair it”/);
    await expectAccessible(panel, 'a failed replay');

    await page.reload();
    await panel.getByLabel('Let a replay that fails ask the model to repair it').check();
    runBefore = await panel.getByTestId('automate').getAttribute('data-run');
    await saved.getByRole('button', { name: `Replay ${name}` }).click();
    const repaired = await finished(panel, runBefore);
    expect(repaired, repaired.text).toMatchObject({ status: 'done', modelCalls: 1 });
    const offer = panel.getByTestId('automate-repaired');
    expect(await offer.getByLabel('Repaired script').inputValue()).toContain('$lamp_co__products');
    await expectAccessible(panel, 'a repaired replay');
    await offer.getByRole('button', { name: /^Replace “Cheapest lamp/ }).click();
    await expect.poll(() => panel.getByTestId('automate-repaired-note').innerText()).toMatch(/^Replaced “Cheapest lamp x+” with the repaired script\.$/);
    await saved.getByTestId('automate-saved-script').locator('summary').click();
    expect(await saved.getByTestId('automate-saved-script').locator('pre').innerText()).toContain('$lamp_co__products');

    // Replaced, it replays with no model call again.
    await page.reload();
    await panel.getByLabel('Let a replay that fails ask the model to repair it').uncheck();
    runBefore = await panel.getByTestId('automate').getAttribute('data-run');
    await saved.getByRole('button', { name: `Replay ${name}` }).click();
    const again = await finished(panel, runBefore);
    expect(again, again.text).toMatchObject({ status: 'done', modelCalls: 0 });
    expect(await page.locator('#opened').innerText()).toBe('Mini lamp shade');
    await panel.close();
  }, 180_000);
  test('a name the page no longer has is found by the locators saved with the script, with no model call; the new names can be written into it', async () => {
    // Saved when the search button was `$search_mail__find_button` (the site called it "Find" then, say).
    const source = '$search_mail__search_mail.type("Jonas");\n$search_mail__find_button.click();\ndone($inbox__messages.length);';
    await seed([{ name: 'find jonas', source, elements: [{ pattern: '/demo/', element: { name: 'search_mail__find_button', kind: 'button',
      locators: [{ by: 'role', role: 'button', value: hashedText('Search') }, { by: 'css', value: '#search-form > button' }] } }] }]);
    const { page, panel } = await bind('/demo/');
    const saved = row(panel, 'find jonas');
    const runBefore = await panel.getByTestId('automate').getAttribute('data-run');
    await saved.getByRole('button', { name: 'Replay find jonas' }).click();
    const report = await finished(panel, runBefore);
    expect(report, report.text).toMatchObject({ status: 'done', modelCalls: 0 });
    expect(await page.locator('#search').inputValue()).toBe('Jonas');
    const offer = panel.getByTestId('automate-renamed');
    expect(await offer.getByTestId('automate-renamed-list').innerText()).toBe('$search_mail__find_button is now $search_mail__search_button');
    await expectAccessible(panel, 'a replay that found a renamed element');
    await offer.getByRole('button', { name: 'Write the new names into “find jonas”' }).click();
    await expect.poll(() => panel.getByTestId('automate-renamed-note').innerText()).toBe('Updated “find jonas” to the page’s names.');
    await saved.getByTestId('automate-saved-script').locator('summary').click();
    await expect.poll(() => saved.getByTestId('automate-saved-script').locator('pre').innerText())
      .toBe(source.replace('$search_mail__find_button', '$search_mail__search_button'));
    await panel.close();
  }, 120_000);

  test('a link saved under another label is found by where it goes: the one link to that target (explorer, session 32)', async () => {
    // Saved when the folder link read "Old label" under another name; today it reads "Archive". Only its target says so.
    const source = '$mail_folders__stored_link.click();\ndone("ok");';
    await seed([{ name: 'open archive', source, elements: [{ pattern: '/demo/', element: { name: 'mail_folders__stored_link', kind: 'link',
      locators: [{ by: 'role', role: 'link', value: hashedText('Old label') }, { by: 'href', value: hashedText('#archive') }] } }] }]);
    const { page, panel } = await bind('/demo/');
    const runBefore = await panel.getByTestId('automate').getAttribute('data-run');
    await row(panel, 'open archive').getByRole('button', { name: 'Replay open archive' }).click();
    const report = await finished(panel, runBefore);
    expect(report, report.text).toMatchObject({ status: 'done', modelCalls: 0 });
    expect(new URL(page.url()).hash).toBe('#archive');
    expect(await panel.getByTestId('automate-renamed').getByTestId('automate-renamed-list').innerText()).toMatch(/^\$mail_folders__stored_link is now \$\w+archive\w*$/);
    await panel.close();
  }, 120_000);

  test('waitFor() waits for a name the page brings later: one the saved script knows, and one it only guesses', async () => {
    const claim = 'waitFor($offers__claim_offer_button, 8000);\n$offers__claim_offer_button.click();\ndone("claimed");';
    const offer = { pattern: '/apps/todo/', element: { name: 'offers__claim_offer_button', kind: 'button',
      locators: [{ by: 'role', role: 'button', value: hashedText('Claim offer') }, { by: 'css', value: 'html > body > main > section > button' }] } };
    await seed([{ name: 'known', source: claim, elements: [offer] }, { name: 'guessed', source: claim }]);
    for (const name of ['known', 'guessed']) {
      const { page, panel } = await bind('/apps/todo/');
      const runBefore = await panel.getByTestId('automate').getAttribute('data-run');
      // The todo app shows an offer a moment after the replay starts.
      await page.evaluate(() => setTimeout(() => {
        document.querySelector('main')!.insertAdjacentHTML('beforeend', '<section aria-label="Offers"><button type="button">Claim offer</button></section>');
        document.querySelector('section[aria-label="Offers"] button')!.addEventListener('click', (event) => {
          (event.target as HTMLElement).textContent = 'Claimed';
        });
      }, 2500));
      await row(panel, name).getByRole('button', { name: `Replay ${name}` }).click();
      const report = await finished(panel, runBefore);
      expect(report, report.text).toMatchObject({ status: 'done', modelCalls: 0 });
      expect(await page.locator('section[aria-label="Offers"] button').innerText()).toBe('Claimed');
      await panel.close();
      await page.close();
    }
  }, 180_000);
});
