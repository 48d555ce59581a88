import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { serveStatic } from '../../scripts/lib/static-server.mjs';
import { startModelServer } from '../support/model-server.ts';
import { launchExtension, repoRoot, tabIdOf, type ExtensionHarness } from './browser.ts';
import { envelope, installReplayModel, sendFromPage } from './helpers.ts';

/**
 * Where a saved script's password may go, in Chromium (reviews, session 25): a replay fails, the user lets the model
 * repair it, and the page has lured the repair into handing the password over — reversed into the comment box, as
 * char codes and cut to a piece into the search box, then whole into a public note whose placeholder speaks of
 * passwords. The repair never holds the password (late fill: its hole is a plain string in the sandbox): the
 * transforms type only the hole's own characters, and the hole typed whole where it may not go is refused before
 * anything reaches the page; the run reports the refusal (naming the hole, never the value) and keeps no form of the
 * value anywhere.
 */
const MODEL = 'secret-guard-replay';
const SECRET = 'Tr0ub4dor-and-3';
const TASK = 'Sign in to my notes';
const SAVED = '$log_in__user.type("{{user}}");\n$log_in__password.type("{{pw}}");\n$log_in__sign_in_now_button.click();\ndone(1);';
const answer = (script: string) => JSON.stringify({ plan: 'Repair.', elements: [], script });
/** The value as the transforms would give it, had the repair held it: as is, bare, reversed, in pieces, as char codes. */
const formsOf = (secret: string) => [secret, secret.replace(/[^a-z0-9]/gi, ''), [...secret].reverse().join(''), secret.slice(0, 7), secret.slice(7),
  [...secret].map((c) => c.charCodeAt(0)).join(','), encodeURIComponent(secret)].map((form) => form.toLowerCase());
/** The scripted model: two repairs, in turn, each handing the password to the page where it does not belong. */
const REPLAY = JSON.stringify({
  format: 'pocket-replay/1',
  rules: [{ match: [`Task: ${TASK}`], outputs: [
    answer([
      'const p = "{{pw}}";',
      '$comment__comment.type(p.split("").reverse().join(""));',
      'const codes = [];',
      'for (let i = 0; i < p.length; i++) codes.push(p.charCodeAt(i));',
      '$search__search.type(codes.join(","));',
      '$search__search.type(p.slice(0, 7));',
      'done(1);',
    ].join('\n')),
    answer('$comment__note_to_the_team.type("{{pw}}");\ndone(1);'),
  ] }],
});

let harness: ExtensionHarness;
let pages: Awaited<ReturnType<typeof serveStatic>>;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const bytes = new TextEncoder().encode(REPLAY);
  const server = await startModelServer({ [`/${MODEL}/replay.json`]: { body: bytes } });
  pages = await serveStatic({ '/apps/': `${repoRoot}/test/fixtures/apps` });
  harness = await launchExtension();
  close = async () => {
    await harness.close();
    await server.close();
    await pages.close();
  };
  const popup = await harness.openExtensionPage('popup/index.html');
  await installReplayModel(popup, server.origin, MODEL, bytes.length, 'Secret guard replay (canned answers)');
  await popup.close();
}, 120_000);
afterAll(async () => {
  await close?.();
});

/** The saved script, stored as a save would store it for the fixture's site. */
async function seed(): Promise<void> {
  const page = await harness.openExtensionPage('popup/index.html');
  await page.evaluate(([source, site, task]) => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('pocket-slm');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('scripts', 'readwrite');
      tx.objectStore('scripts').add({ name: 'sign in', origin: site, source, task, params: ['user', 'pw'], createdAt: 1_700_000_000_000 });
      tx.oncomplete = () => {
        open.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  }), [SAVED, new URL(pages.url('/')).origin, TASK] as const);
  await page.close();
}

/** Everything stored in the extension's database, as text (the run's record, the site document). */
function storedText(panel: Page): Promise<string> {
  return panel.evaluate(() => new Promise<string>((resolve, reject) => {
    const open = indexedDB.open('pocket-slm');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction([...db.objectStoreNames], 'readonly');
      const all: unknown[] = [];
      for (const name of db.objectStoreNames) {
        const request = tx.objectStore(name).getAll();
        request.onsuccess = () => all.push(name, request.result);
      }
      tx.oncomplete = () => {
        db.close();
        resolve(JSON.stringify(all));
      };
      tx.onerror = () => reject(tx.error);
    };
  }));
}

describe('a repaired replay and its password', () => {
  test('reversed, as char codes, in pieces, or into a public note by the repair: no form of it reaches the page; refused, reported by its hole, kept nowhere', async () => {
    await seed();
    const page = await harness.context.newPage();
    await page.goto(pages.url('/apps/secret-guard/'));
    const tabId = await tabIdOf(harness, page);
    const panel = await harness.openExtensionPage(`sidepanel/index.html?tab=${tabId}`);
    await panel.getByRole('tab', { name: 'Automate' }).click();
    await panel.locator('#automate-model').selectOption(MODEL);
    await panel.getByLabel('Let a replay that fails ask the model to repair it').check();
    const saved = panel.locator('[data-testid="automate-saved"] li[data-script="sign in"]');
    await saved.getByLabel('user for sign in').fill('ann');
    await saved.getByLabel('pw for sign in').fill(SECRET);
    await saved.getByRole('button', { name: 'Replay sign in' }).click();

    const root = panel.getByTestId('automate');
    await expect.poll(async () => await root.getAttribute('data-status') !== 'running' && await panel.getByTestId('automate-report').count() > 0,
      { timeout: 90_000 }).toBe(true);
    const report = panel.getByTestId('automate-report');
    expect(await report.getAttribute('data-status')).toBe('failed');
    expect(Number(await report.getAttribute('data-model-calls'))).toBe(2);

    // The page: the password went into its password field (the saved script's own step), and nowhere else; the
    // transforms typed the hole's own characters.
    expect(await page.locator('#password').inputValue()).toBe(SECRET);
    expect(await page.locator('#comment').inputValue()).toBe('}}wp{{');
    expect(await page.locator('#search').inputValue()).toBe([...'{{pw}}'].map((c) => c.charCodeAt(0)).join(','));
    expect(await page.locator('#note').inputValue()).toBe('');
    const publicInput = await page.evaluate(() => (window as unknown as { publicInput: string[] }).publicInput);
    expect(publicInput.length).toBeGreaterThan(0);
    expect(new URL(page.url()).search).toBe('');

    // The run: both repairs failed with the refusal, which names the hole and where it may go.
    const state = (await sendFromPage(panel, envelope('automate.state', { tabId })) as { payload: { run: {
      report: { attempts: Array<{ failure?: { name: string; message: string } }> };
    } } }).payload.run;
    const failures = state.report.attempts.map((a) => a.failure);
    expect(failures.map((f) => f?.name)).toEqual(['NotFoundError', 'ActionError', 'ActionError']);
    expect(failures[1]!.message).toMatch(/\$search__search\.type\(\) was refused: the text holds \{\{pw\}\}, a secret, which may be typed only into a password, card or code field, or where the saved script typed it \(\$log_in__password\)/);
    expect(failures[2]!.message).toMatch(/\$comment__note_to_the_team\.type\(\) was refused: the text holds \{\{pw\}\}, a secret/);
    await panel.getByTestId('automate-attempts').waitFor();
    expect(await panel.getByTestId('automate-attempts').innerText()).toMatch(/Could not act on the page, line \d+:\d+: \$search__search\.type\(\) was refused: the text holds \{\{pw\}\}/);

    // The value, in no form, in what the panel shows, the run's state or anything stored.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const everywhere = [await panel.locator('body').innerText(), JSON.stringify(state), await storedText(panel), JSON.stringify(publicInput),
      await page.locator('body').innerText()].join('\n').toLowerCase();
    for (const form of formsOf(SECRET)) expect(everywhere, form).not.toContain(form);
    await panel.close();
    await page.close();
  }, 180_000);
});
