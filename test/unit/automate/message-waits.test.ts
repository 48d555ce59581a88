// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { runOnPage } from './live-page.ts';

/**
 * `waitFor($message)` after an action waits for what that action brought (executor/message-news.ts), through the real
 * bridge and executor: not the text an earlier action left in the status line.
 */
type Answer = (status: HTMLElement, archived: HTMLElement) => void;
const mailbox = (shown: string, answer: Answer, delayMs = 100) => {
  document.body.innerHTML = `<main><h2>Inbox</h2><button id="archive">Archive</button>
    <div id="wrap"><p id="status" role="status">${shown}</p></div><p>Archived: <output id="archived">1</output></p></main>`;
  const status = document.getElementById('status')!;
  const archived = document.getElementById('archived')!;
  document.getElementById('archive')!.addEventListener('click', () => {
    setTimeout(() => answer(document.getElementById('status')!, archived), delayMs);
  });
  return status;
};
const archive = `$inbox__archive_button.click();
  waitFor($inbox__status, 1500);
  done([$inbox__status.text(), $inbox__archived.text()]);`;

describe('waitFor() on a message after an action', () => {
  test('waits for the new text when the status already shows an older one', async () => {
    mailbox('3 messages moved to archive.', (status, archived) => {
      status.textContent = '1 message moved to archive.';
      archived.textContent = '2';
    });
    const { result } = await runOnPage(archive);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toEqual(['1 message moved to archive.', '2']);
  });

  test('the same words said again are a new message (the page set its text again)', async () => {
    mailbox('1 message moved to archive.', (status, archived) => {
      archived.textContent = '2';
      status.textContent = '1 message moved to archive.';
    });
    const { result } = await runOnPage(archive);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    // Read once the status was set again: the count set with it is there.
    expect(result.result).toEqual(['1 message moved to archive.', '2']);
  });

  test('a status drawn anew (its element replaced) or shown (hidden before the action) is new', async () => {
    mailbox('1 message moved to archive.', (status, archived) => {
      archived.textContent = '2';
      const again = status.cloneNode(true);
      status.replaceWith(again);
    });
    const replaced = await runOnPage(archive);
    expect(replaced.result.ok, JSON.stringify(replaced.result.error)).toBe(true);
    expect(replaced.result.result).toEqual(['1 message moved to archive.', '2']);

    mailbox('Saved', (_status, archived) => {
      archived.textContent = '2';
      document.getElementById('wrap')!.hidden = false;
    });
    document.getElementById('wrap')!.hidden = true;
    const shown = await runOnPage(`$inbox__archive_button.click();
      waitFor($inbox__status, 1500);
      done([$inbox__status.text(), $inbox__archived.text()]);`, undefined);
    expect(shown.result.ok, JSON.stringify(shown.result.error)).toBe(true);
    expect(shown.result.result).toEqual(['Saved', '2']);
  });

  test('nothing new: a NotFoundError that quotes the earlier text and says how to read it anyway', async () => {
    mailbox('3 messages moved to archive.', (_status, archived) => {
      archived.textContent = '2';
    });
    const { result } = await runOnPage('$inbox__archive_button.click();\nwaitFor($inbox__status, 400);\ndone(1);');
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ name: 'NotFoundError' });
    expect(result.error!.message).toContain('`$inbox__status` still shows the earlier "3 messages moved to archive."');
    expect(result.error!.message).toContain('`$inbox__status.text()`');
  });

  test('before any action of the run, a message that shows text is there at once (whatever an earlier run left)', async () => {
    mailbox('3 messages moved to archive.', () => undefined);
    // An earlier run's action in this page: this run has not acted.
    await runOnPage('$inbox__archive_button.click();\ndone(1);');
    const { result } = await runOnPage('waitFor($inbox__status, 400);\ndone($inbox__status.text());');
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toBe('3 messages moved to archive.');
  });
});
