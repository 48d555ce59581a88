import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { tabIdOf } from './browser.ts';
import { envelope, sendFromPage } from './helpers.ts';
import { runKnown, usePanelRig } from './automation-rig.ts';
import type { PageDocument } from '../../extension/protocol/schemas.ts';

/**
 * Review of message entries (content/document/messages.ts): `waitFor($status)` after an action, when the status still
 * shows what an earlier action made it say. The status fixture fills its status 400 ms after the click (a server's
 * answer); here it already shows an older message, as it does on a script's second run in the same tab.
 */

const held = usePanelRig();

async function openApp(): Promise<{ tab: Page; tabId: number }> {
  const tab = await held.rig.harness.context.newPage();
  await tab.goto(held.rig.pages.url('/apps/status/?review=stale'));
  const tabId = await tabIdOf(held.rig.harness, tab);
  const reply = await sendFromPage(held.panel, envelope('page.document', { tabId })) as { ok: boolean; payload: PageDocument };
  expect(reply.ok).toBe(true);
  return { tab, tabId };
}

async function runOn(tabId: number, script: string): Promise<{ status: string; result?: unknown }> {
  const { report } = await runKnown(held.panel, tabId, script, { task: 'read a message', confirm: 'never' });
  return { status: report.status, result: report.result };
}

describe('review: waitFor on a message that already shows an older text', () => {
  test('click, waitFor($status), text(): the new message, not the one an earlier action left', async () => {
    const { tab, tabId } = await openApp();
    // What the previous run's click left there (the fixture's own text after an earlier archive, worded apart here).
    await tab.evaluate(() => { document.getElementById('status')!.textContent = '3 messages moved to archive.'; });
    const outcome = await runOn(tabId, `$messages__archive_button.click();
      waitFor($messages__status);
      done($messages__status.text());`);
    expect(outcome).toMatchObject({ status: 'done', result: '1 message moved to archive.' });
    await tab.close();
  });

  // Review, session 28: a message already in the page but not shown (a `hidden` line, a toast at opacity 0) that the
  // action reveals without changing its text was taken for "the earlier" one, and waitFor timed out.
  test.each([['a pre-rendered hidden line', 'hidden'], ['a toast faded in', 'faded']])('waitFor after an action that only reveals the message: %s', async (_what, how) => {
    const { tab, tabId } = await openApp();
    await tab.evaluate((mode) => {
      const status = document.getElementById('status')!;
      if (mode === 'hidden') status.innerHTML = '<span id="said" hidden>Archived.</span>';
      else {
        status.textContent = 'Archived.';
        status.style.opacity = '0';
      }
      // The fixture's own click fills the status; this page's only reveals it.
      const old = document.getElementById('archive')!;
      const button = old.cloneNode(true) as HTMLElement;
      old.replaceWith(button);
      button.addEventListener('click', () => setTimeout(() => {
        if (mode === 'hidden') document.getElementById('said')!.hidden = false;
        else status.style.opacity = '1';
      }, 300));
    }, how);
    const outcome = await runOn(tabId, `$messages__archive_button.click();
      waitFor($messages__status, 3000);
      done($messages__status.text());`);
    expect(outcome).toMatchObject({ status: 'done', result: 'Archived.' });
    await tab.close();
  });
});
