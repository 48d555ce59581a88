// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { act } from '../../../extension/content/executor/index.ts';
import type { ActRequest } from '../../../extension/protocol/schemas.ts';

/**
 * Review of "a GET form only reads" (session 27): a form sent with GET skips the "submits a form" question, and only its
 * button's words are judged, not where the form goes. A destructive GET form behind a vague button (WordPress's
 * posts-filter form is `method="get"`, its bulk "Apply" moves posts to the trash) went with no question.
 */
const byId = (value: string) => ({ locators: [{ by: 'id' as const, value }] });
const run = (request: Omit<ActRequest, 'args'> & { args?: ActRequest['args'] }) => act(document, { settleMs: 30, args: [], ...request });
interface Outcome { ok?: unknown; err?: string; message?: string; data?: Record<string, unknown> }
const outcome = (p: Promise<unknown>): Promise<Outcome> =>
  p.then((ok) => ({ ok }), (error: { name?: string; message?: string; data?: Record<string, unknown> }) => ({ err: error.name, message: error.message, data: error.data }));
let sent: string[];
beforeEach(() => {
  sent = [];
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('http://localhost:3000/');
});
function page(html: string): void {
  document.body.innerHTML = `<div id="root">${html}</div>`;
  for (const form of Array.from(document.forms)) {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      sent.push(`submit:${form.id}`);
    });
  }
}

describe('a GET form is judged by where it goes too, not only by its button\'s words', () => {
  test('"Continue" of a GET form whose action deletes the account is asked about', async () => {
    page('<form id="close" aria-label="Close account" method="get" action="/account/delete"><input type="hidden" name="confirm" value="1"><button id="go">Continue</button></form>');
    expect(await outcome(run({ action: 'click', target: byId('go') }))).toMatchObject({ data: { needsConfirmation: true } });
    expect(sent).toEqual([]);
  });

  test('WordPress\'s bulk "Apply" (posts-filter is method="get") after choosing "Move to Trash" is asked about, at one step or the other', async () => {
    page(`<form id="posts-filter" method="get" action="/wp-admin/edit.php"><input type="hidden" name="post_status" value="all">
      <label for="bulk">Select bulk action</label><select id="bulk" name="action"><option value="-1">Bulk actions</option><option value="edit">Edit</option><option value="trash">Move to Trash</option></select>
      <input type="submit" id="doaction" value="Apply"><input type="checkbox" name="post[]" value="7" id="cb7" aria-label="Select Hello world"></form>`);
    const chose = await outcome(run({ action: 'select', target: byId('bulk'), args: ['Move to Trash'] }));
    const applied = await outcome(run({ action: 'click', target: byId('doaction') }));
    expect([chose, applied].some((o) => o.data?.needsConfirmation === true), JSON.stringify({ chose, applied, sent })).toBe(true);
  });
});
