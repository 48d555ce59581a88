// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { FakeBridge } from '../../../extension/sandbox/capabilities/fake-bridge.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';
import { runOnPage } from './live-page.ts';

/**
 * A message entry (a status line, an alert, an `<output>`: content/document/messages.ts) through the real bridge and
 * executor: read with .text(), there (`.exists()`, `waitFor()`) once it says something, never acted on.
 */
const mailbox = (delayMs: number) => {
  document.body.innerHTML = `<main><h2>Inbox</h2><button id="archive">Archive</button><p id="status" role="status"></p>
    <p>Total: <output id="total">4</output></p></main>`;
  document.getElementById('archive')!.addEventListener('click', () => {
    setTimeout(() => { document.getElementById('status')!.textContent = '1 message moved to archive.'; }, delayMs);
  });
};

describe('messages in scripts', () => {
  test('waitFor($status) waits until the status says something; exists() is false while it is empty', async () => {
    mailbox(150);
    const { doc, result } = await runOnPage(`
      const before = $inbox__status.exists();
      $inbox__archive_button.click();
      waitFor($inbox__status);
      done([before, $inbox__status.exists(), $inbox__status.text(), $inbox__total.text()]);`);
    expect(doc.sections.flatMap((s) => s.entries).find((e) => e.name === 'inbox__status')).toMatchObject({ kind: 'message', description: '' });
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toEqual([false, true, '1 message moved to archive.', '4']);
  });

  test('waitFor() on a message that stays empty says it showed no text', async () => {
    mailbox(60_000);
    const { result } = await runOnPage('waitFor($inbox__status, 300);\ndone(1);');
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ name: 'NotFoundError' });
    expect(result.error!.message).toContain('`$inbox__status` showed no text within 300 ms');
  });

  test('an action on a message is an ApiError that says to read it', async () => {
    mailbox(0);
    const { result } = await runOnPage('$inbox__status.click();\ndone(1);');
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ name: 'ApiError' });
    expect(result.error!.message).toContain('`$inbox__status` is a message the page shows: read it with .text()');
    expect(result.log.some((entry) => entry.call === 'click')).toBe(false);
  });

  test('every action method is refused before the bridge is asked; reads go through', async () => {
    const bridge = new FakeBridge({ elements: { page__status: { kind: 'message', text: 'Saved' } } });
    for (const call of ['click()', 'type("x")', 'press("Enter")', 'select("a")', 'check()', 'uncheck()', 'hover()', 'scroll()']) {
      const result = await runScript(`$page__status.${call};`, automationCapabilities(bridge, bridge.names()));
      expect(result.error, call).toMatchObject({ name: 'ApiError' });
    }
    expect(bridge.calls).toEqual([]);
    const read = await runScript('done([$page__status.text(), $page__status.exists()]);', automationCapabilities(bridge, bridge.names()));
    expect(read.result).toEqual(['Saved', true]);
  });
});
