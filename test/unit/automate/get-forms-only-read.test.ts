// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { getOnlyReads } from '../../../extension/content/document/classify.ts';
import { act } from '../../../extension/content/executor/index.ts';
import { getSubmissionReads } from '../../../extension/content/executor/irreversible.ts';
import { build, entries } from '../document/helpers.ts';

/**
 * A GET form only reads when nothing about it says it acts (review, session 27): where it goes, and what the page chose
 * to send with it. The document (an entry's `reads`) and the executor (on the live form) judge with one rule.
 */
const AO3 = readFileSync(resolve(process.cwd(), '../shared/data/readability-pages/pages/archive-of-our-own.html'), 'utf8');
/** AO3's chapter picker as the site writes it: a select of chapters and "Go", sent with GET. */
const chapterPicker = /<form action="\/works\/\d+\/chapters\/\d+"[\s\S]*?<\/form>/.exec(AO3)![0].replace('<form ', '<form id="f" ');

let sent: string[];
beforeEach(() => {
  sent = [];
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('http://localhost:3000/');
});

/** The three verdicts on the form `#f` sent by its only submit button: the rule, the document's, the executor's. */
async function verdicts(html: string): Promise<{ rule: boolean; document: boolean; executor: boolean }> {
  const doc = build(html);
  const form = document.getElementById('f') as HTMLFormElement;
  const submitter = form.querySelector('button, input[type=submit]') ?? document.querySelector('[form=f][type=submit]');
  const rule = getOnlyReads(form, submitter);
  const button = entries(doc).find((e) => e.kind !== 'list' && e.effect?.startsWith('submits'));
  if (!button || button.kind === 'list') throw new Error('no submit button in the document');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    sent.push('f');
  });
  submitter!.id ||= 'go';
  const executor = await act(document, { action: 'click', target: { locators: [{ by: 'id', value: submitter!.id }] }, args: [], settleMs: 30 })
    .then(() => true, (error: { data?: { needsConfirmation?: boolean } }) => {
      if (error.data?.needsConfirmation !== true) throw error;
      return false;
    });
  expect(sent, 'sent exactly when let through').toEqual(executor ? ['f'] : []);
  return { rule, document: button.reads === true, executor };
}

const reads = { rule: true, document: true, executor: true };
const acts = { rule: false, document: false, executor: false };

describe('GET forms that only read go through; those that say they act are asked about, by all three', () => {
  test('AO3\'s chapter picker (the snapshot\'s markup)', async () => {
    expect(chapterPicker).toContain('name="selected_id"');
    expect(await verdicts(chapterPicker)).toEqual(reads);
  });

  test('a plain filter and sort form', async () => {
    expect(await verdicts(`<form id="f" method="get" action="/products"><input type="hidden" name="category" value="garden">
      <select name="orderby" aria-label="Sort by"><option value="price">Price</option><option value="date" selected>Newest</option></select>
      <label><input type="checkbox" name="in_stock" value="1" checked> In stock</label>
      <label><input type="radio" name="view" value="list" checked> List</label>
      <input type="text" name="max" aria-label="Max price" value="delete"><button>Apply</button></form>`)).toEqual(reads);
  });

  test('WordPress\'s posts list with "Move to Trash" chosen, or with its nonce', async () => {
    const wordpress = (chosen: string, extra = '') => `<form id="f" method="get" action="/wp-admin/edit.php">${extra}
      <select name="action" aria-label="Bulk actions"><option value="-1">Bulk actions</option><option value="trash"${chosen === 'trash' ? ' selected' : ''}>Move to Trash</option></select>
      <input type="submit" value="Apply"></form>`;
    expect(await verdicts(wordpress('trash'))).toEqual(acts);
    expect(await verdicts(wordpress('-1', '<input type="hidden" name="_wpnonce" value="3f9a0c">'))).toEqual(acts);
    // Nothing chosen, no token: the same form only filters.
    expect(await verdicts(wordpress('-1'))).toEqual(reads);
  });

  test('where it goes: the form\'s action, or the submitter\'s formaction', async () => {
    expect(await verdicts('<form id="f" method="get" action="/account/delete"><button>Continue</button></form>')).toEqual(acts);
    expect(await verdicts('<form id="f" method="get" action="/cart"><button formaction="/cart/pay">Continue</button></form>')).toEqual(acts);
    expect(await verdicts('<form id="f" method="get" action="/newsletter/unsubscribe"><button>OK</button></form>')).toEqual(acts);
  });

  test('what it sends: a hidden field, the submitter\'s own value, a field outside the form', async () => {
    expect(await verdicts('<form id="f" method="get" action="/items"><input type="hidden" name="confirm" value="1"><button>OK</button></form>')).toEqual(acts);
    expect(await verdicts('<form id="f" method="get" action="/items"><button name="do" value="empty-bin">OK</button></form>')).toEqual(acts);
    expect(await verdicts('<form id="f" method="get" action="/items"><button>OK</button></form><select form="f" name="bulk_action" aria-label="With selected"><option value="archive">Archive</option></select>')).toEqual(acts);
  });
});

describe('getSubmissionReads, the pure rule', () => {
  test('addresses and fields of reading forms', () => {
    expect(getSubmissionReads('/works/1/chapters/2', [{ name: 'selected_id', value: '26796918' }, { name: 'commit', value: 'Go' }])).toBe(true);
    expect(getSubmissionReads('/orders', [{ name: 'status', value: 'shipped' }, { name: 'order', value: 'desc' }, { name: 'post_type', value: 'post' }])).toBe(true);
    expect(getSubmissionReads('/wp-admin/edit.php', [{ name: 'action', value: '-1' }, { name: 'action2', value: '' }])).toBe(true);
  });
  test('any one sign of an act is enough', () => {
    expect(getSubmissionReads('/wp-admin/edit.php', [{ name: 'action2', value: 'edit' }])).toBe(false);
    expect(getSubmissionReads('/items', [{ name: 'csrf_token', value: 'x' }])).toBe(false);
    expect(getSubmissionReads('/items', [{ name: 'delete_ids[]', value: '7' }])).toBe(false);
    expect(getSubmissionReads('/konto/l%C3%B6schen', [])).toBe(false);
    expect(getSubmissionReads('/logout', [])).toBe(false);
    // An address that does not decode: in doubt.
    expect(getSubmissionReads('/items/%E0%A4%A', [])).toBe(false);
  });
});
