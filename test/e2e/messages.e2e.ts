import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { outcomeOf, runKnown, openTabOn, usePanelRig } from './automation-rig.ts';
import { envelope, sendFromPage } from './helpers.ts';
import type { ElementEntry, PageDocument } from '../../extension/protocol/schemas.ts';

/**
 * Messages (status lines, alerts, `<output>`, logs: content/document/messages.ts) in Chromium with the built extension:
 * known scripts through `automate.start`, no model call. A script names the empty status line before the click that
 * fills it, waits for it to say something, and reads it.
 */

const held = usePanelRig();

interface Outcome {
  status: string;
  result?: unknown;
  failure?: { name: string; message: string };
}

let opened = 0;
async function openApp(): Promise<{ tab: Page; tabId: number; doc: PageDocument }> {
  return openTabOn(held, `/apps/status/?run=${++opened}`);
}

async function runOn(tabId: number, script: string): Promise<Outcome> {
  return outcomeOf((await runKnown(held.panel, tabId, script, { task: 'read a message', confirm: 'never' })).report);
}

describe('messages', () => {
  // Explorer, session 44: a toaster's two toasts were one message, the error cut off behind the success.
  test('toasts in a toaster are a message each, read one by one', async () => {
    const { tab, tabId } = await openApp();
    await tab.evaluate(() => {
      document.querySelector('.toasts')!.innerHTML = '<div role="status">Folder created <button>Open</button></div><div role="alert">Upload failed: report.pdf is larger than 25 MB.</div>';
    });
    const doc = ((await sendFromPage(held.panel, envelope('page.document', { tabId }))) as { payload: PageDocument }).payload;
    const toasts = doc.sections.flatMap((s) => s.entries).filter((e): e is ElementEntry => e.kind === 'message' && /^mailbox__/.test(e.name));
    expect(toasts.map((m) => m.description)).toEqual(['Folder created Open', 'Upload failed: report.pdf is larger than 25 MB.']);
    const read = await runOn(tabId, `done($${toasts[1]!.name}.text())`);
    expect(read).toMatchObject({ status: 'done', result: 'Upload failed: report.pdf is larger than 25 MB.' });
    await tab.close();
  }, 120_000);

  test('the page document lists them, empty ones too, as `message` entries with their text', async () => {
    const { tab, doc } = await openApp();
    const messages = doc.sections.flatMap((s) => s.entries).filter((e): e is ElementEntry => e.kind === 'message');
    expect(messages.map((m) => [m.name, m.description])).toEqual([
      ['messages__status', ''],
      ['profile__email_error', ''],
      ['price__total', '6'],
      ['chat__log', 'Ana: Lunch? Reply to Ana Ben: Sure Reply to Ben'],
      ['mailbox__toasts', ''],
    ]);
    // The chat log's controls are entries of their own.
    expect(doc.sections.flatMap((s) => s.entries).map((e) => e.name)).toEqual(expect.arrayContaining(['chat__reply_to_ana_button', 'chat__reply_to_ben_button']));
    await tab.close();
  });

  test('a script clicks, waits for the status to say something, and returns it', async () => {
    const { tab, tabId } = await openApp();
    const outcome = await runOn(tabId, `const before = $messages__status.exists();
      $messages__archive_button.click();
      waitFor($messages__status);
      done([before, $messages__status.text()]);`);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: [false, '1 message moved to archive.'] });
    await tab.close();
  });

  test('a field\'s alert and a result <output> read as the page shows them', async () => {
    const { tab, tabId } = await openApp();
    const outcome = await runOn(tabId, `$profile__check_email_button.click();
      waitFor($profile__email_error);
      const error = $profile__email_error.text();
      $price__quantity.type("5");
      done([error, $price__total.text()]);`);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: ['Email is required', '15'] });
    await tab.close();
  });

  test('a message that stays empty: waitFor() says it showed no text; a click on a message is an ApiError', async () => {
    const { tab, tabId } = await openApp();
    const waited = await runOn(tabId, 'waitFor($mailbox__toasts, 500);\ndone(1);');
    expect(waited.failure?.name, JSON.stringify(waited)).toBe('NotFoundError');
    expect(waited.failure?.message).toContain('`$mailbox__toasts` showed no text within 500 ms');
    const clicked = await runOn(tabId, '$messages__status.click();\ndone(1);');
    expect(clicked.failure?.name, JSON.stringify(clicked)).toBe('ApiError');
    expect(clicked.failure?.message).toContain('is a message the page shows');
    await tab.close();
  });
});
