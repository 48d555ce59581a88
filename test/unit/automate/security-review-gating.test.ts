// @vitest-environment happy-dom
/**
 * The second security review of the confirmation rules: a click that ticks a box is asked about as check() is, a
 * combobox's option as a select's, a label is judged by its control only when that control is a button, and choices
 * (a box, an option) ask only when they destroy the account or data, or move money, now; links in other languages
 * ask by their address; "Merge" and "Change password" are narrower.
 */
import { describe, expect, test } from 'vitest';
import { act } from '../../../extension/content/executor/index.ts';
import { classifyAction, classifyChoice } from '../../../extension/content/executor/irreversible.ts';
import type { ActRequest } from '../../../extension/protocol/schemas.ts';

const byId = (value: string) => ({ locators: [{ by: 'id' as const, value }] });
const run = (request: Omit<ActRequest, 'args'> & { args?: ActRequest['args'] }) => act(document, { settleMs: 20, args: [], ...request });
type Outcome = { err: string | undefined; asks: boolean; label?: string | undefined; fingerprint?: string | undefined };
const outcome = (p: Promise<unknown>): Promise<Outcome> => p.then(() => ({ err: undefined, asks: false }),
  (e: { name: string; data?: { needsConfirmation?: boolean; fingerprint?: string; label?: string } }) =>
    ({ err: e.name, asks: !!e.data?.needsConfirmation, label: e.data?.label, fingerprint: e.data?.fingerprint }));

describe('links in other languages ask by their address', () => {
  test('a German, Japanese or Korean link to delete or log out asks', async () => {
    document.body.innerHTML = `<a id="a1" href="/konto/l%C3%B6schen">Weiter</a><a id="a2" href="/%E3%83%AD%E3%82%B0%E3%82%A2%E3%82%A6%E3%83%88">次へ</a>
      <a id="a3" href="/account/%EC%82%AD%EC%A0%9C">다음</a><a id="a4" href="/d%C3%A9connexion">Suite</a><a id="ok" href="/konto/%C3%BCbersicht">Weiter</a>`;
    for (const a of Array.from(document.querySelectorAll('a'))) a.addEventListener('click', (e) => e.preventDefault());
    for (const id of ['a1', 'a2', 'a3', 'a4']) expect((await outcome(run({ action: 'click', target: byId(id) }))).asks, id).toBe(true);
    expect((await outcome(run({ action: 'click', target: byId('ok') }))).err).toBeUndefined();
  });
});

describe('a click that ticks a box is judged as check() is', () => {
  test('clicking an unticked "Delete my account" box (or its label) asks; unticking, and ordinary boxes, do not', async () => {
    document.body.innerHTML = `<label id="acct-l"><input type="checkbox" id="acct"> Delete my account</label>
      <label id="newsl-l"><input type="checkbox" id="newsl"> Send me the newsletter</label>
      <label><input type="radio" name="r" id="wipe"> Reset all settings</label>
      <div role="checkbox" aria-checked="false" id="aria" tabindex="0">Delete my data</div>`;
    const box = document.getElementById('acct') as HTMLInputElement;
    const asked = await outcome(run({ action: 'click', target: byId('acct') }));
    expect([asked.asks, asked.label, box.checked]).toEqual([true, 'Delete my account', false]);
    expect((await outcome(run({ action: 'click', target: byId('acct-l') }))).asks).toBe(true);
    expect(box.checked).toBe(false);
    // Confirmed, the box is ticked once; clicking it again unticks it without asking.
    expect((await outcome(run({ action: 'click', target: byId('acct'), confirmed: true, fingerprint: asked.fingerprint! }))).err).toBeUndefined();
    expect(box.checked).toBe(true);
    expect((await outcome(run({ action: 'click', target: byId('acct') }))).err).toBeUndefined();
    expect(box.checked).toBe(false);
    // A radio that resets, and a box of the page's own, ask the same way.
    expect((await outcome(run({ action: 'click', target: byId('wipe') }))).asks).toBe(true);
    expect((await outcome(run({ action: 'click', target: byId('aria') }))).asks).toBe(true);
    // A preference, ticked through its label: no question (the form's submit is asked about).
    expect((await outcome(run({ action: 'click', target: byId('newsl-l') }))).err).toBeUndefined();
    expect((document.getElementById('newsl') as HTMLInputElement).checked).toBe(true);
  });
});

describe('an ARIA combobox\'s option is judged as a select\'s', () => {
  test('select("Delete everything") on a combobox asks before the list is opened; "Keep" does not', async () => {
    document.body.innerHTML = `<div id="combo" role="combobox" aria-label="Action" aria-expanded="false" aria-controls="lb" tabindex="0">Keep</div>
      <ul id="lb" role="listbox" hidden><li role="option">Keep</li><li role="option">Delete everything</li><li role="option">Archive</li></ul>`;
    const combo = document.getElementById('combo')!;
    const lb = document.getElementById('lb')!;
    combo.addEventListener('click', () => { lb.hidden = false; combo.setAttribute('aria-expanded', 'true'); });
    for (const o of Array.from(lb.children)) o.addEventListener('click', () => { combo.textContent = o.textContent; lb.hidden = true; combo.setAttribute('aria-expanded', 'false'); });
    const asked = await outcome(run({ action: 'select', target: byId('combo'), args: ['Delete everything'] }));
    expect([asked.asks, asked.label, combo.textContent]).toEqual([true, 'Action: Delete everything', 'Keep']);
    expect((await outcome(run({ action: 'select', target: byId('combo'), args: ['Delete everything'], confirmed: true, fingerprint: asked.fingerprint! }))).err).toBeUndefined();
    expect(combo.textContent).toBe('Delete everything');
    expect((await outcome(run({ action: 'select', target: byId('combo'), args: ['Archive'] }))).err).toBeUndefined();
  });
});

describe('a label is judged by its control only when the control is a button', () => {
  test('the label of a text area holding a draft, a select with a "Delete" option, a date field: focusing, not asked', async () => {
    document.body.innerHTML = `<label for="ta" id="l1">Message</label><textarea id="ta">Hi, please delete my old address and send the invoice</textarea>
      <label for="num" id="l2">Quantity</label><select id="num"><option>1</option><option>2</option><option>0 (Delete)</option></select>
      <label for="reply" id="l3">Post a reply</label><textarea id="reply"></textarea>
      <label for="dt" id="l4">Delete on</label><input type="date" id="dt">
      <label for="del" id="l5">Show more</label><button id="del">Delete account</button>`;
    for (const id of ['l1', 'l2', 'l3', 'l4']) expect((await outcome(run({ action: 'click', target: byId(id) }))).err, id).toBeUndefined();
    // A button's label still asks, by the button's words.
    const asked = await outcome(run({ action: 'click', target: byId('l5') }));
    expect([asked.asks, asked.label]).toEqual([true, 'Delete account']);
  });
});

describe('choices ask only when they destroy the account or data, or move money, now', () => {
  const choiceAsks = (label: string) => classifyChoice('check', label).irreversible || classifyChoice('select', label).irreversible;
  test.each(['Delete messages after reading', 'Clear cache on exit', 'Remove duplicates', 'Delete original files after upload',
    'Remove weeds from the garden', 'Trash can sizes', 'Tip 15%', 'Clear history when closing', 'Empty the trash automatically',
    'Delete old photos', 'Remove background', 'Remove formatting', 'Send me the newsletter', 'Pay monthly'])('%s does not', (label) => {
    expect(choiceAsks(label)).toBe(false);
  });
  test.each(['Delete my account', 'Delete everything', 'Delete all data', 'Delete all my files', 'Remove all members', 'Delete my data',
    'Reset all settings', 'Close account', 'Close my account', 'Delete the workspace', 'Delete profile', 'Transfer money now', 'Withdraw',
    'Transfer €500 to Bob', 'Disable two-factor authentication', 'Konto löschen', 'Supprimer mon compte', 'アカウント削除'])('%s asks', (label) => {
    expect(choiceAsks(label)).toBe(true);
  });

  test('ticking a to-do or a preference is not asked about', async () => {
    document.body.innerHTML = `<label><input type="checkbox" id="after"> Delete messages after reading</label>
      <input type="checkbox" id="cache"><label for="cache" id="cache-l">Clear cache on exit</label>
      <ul><li><label><input type="checkbox" id="todo"> Remove weeds from the garden</label></li></ul>
      <select id="bin" aria-label="Bin"><option>Small</option><option>Trash can sizes</option></select>`;
    for (const id of ['after', 'cache', 'todo']) expect((await outcome(run({ action: 'check', target: byId(id) }))).err, id).toBeUndefined();
    expect((await outcome(run({ action: 'click', target: byId('cache-l') }))).err).toBeUndefined();
    expect((await outcome(run({ action: 'select', target: byId('bin'), args: ['Trash can sizes'] }))).err).toBeUndefined();
  });
});

describe('narrower verbs', () => {
  const asks = (label: string, effect?: string, submits?: boolean) => classifyAction({ action: 'click', label, effect, submits }).irreversible;
  test('"Merge" alone or of code asks; an editor\'s merge does not', () => {
    for (const label of ['Merge', 'Merge pull request', 'Squash and merge', 'Rebase and merge', 'Merge branch', 'Merge PR']) expect(asks(label), label).toBe(true);
    for (const label of ['Merge cells', 'Merge PDF', 'Merge contacts', 'Merge duplicates']) expect(asks(label), label).toBe(false);
  });
  test('"Change password" that opens the form does not ask; the form\'s submit does', () => {
    for (const label of ['Change password', 'Change email', 'Change your PIN', 'Update password']) expect(asks(label), label).toBe(false);
    expect(asks('Change password', 'goes to /settings/password')).toBe(false);
    expect(asks('Change password', 'submits Change password', true)).toBe(true);
    expect(asks('Disable 2FA')).toBe(true);
  });
});
