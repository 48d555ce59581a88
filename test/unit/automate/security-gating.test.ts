// @vitest-environment happy-dom
/**
 * Irreversible actions that slipped past the confirmation (security review): look-alike letters the old reading did
 * not fold, verbs the list lacked, and choices — a box ticked, an option chosen — that were never asked about.
 */
import { describe, expect, test } from 'vitest';
import { act } from '../../../extension/content/executor/index.ts';
import { classifyAction, classifyChoice, readableWords } from '../../../extension/content/executor/irreversible.ts';
import type { ActRequest } from '../../../extension/protocol/schemas.ts';

const asks = (label: string) => classifyAction({ action: 'click', label }).irreversible;

describe('look-alike letters are read as the Latin ones they show', () => {
  test.each([
    ['De\u034Flete', 'combining grapheme joiner'], ['S\uFE00end', 'variation selector'], ['\u13A0elete', 'Cherokee D'],
    ['\uAB70elete', 'Cherokee small d'], ['D\u1D07lete', 'small capital E'], ['\u0405\u0435\u0578d', 'Cyrillic Dze, Armenian n'],
    ['De\u0332lete', 'combining underline'], ['Del\u3164ete', 'Hangul filler'], ['De\uFFA0lete', 'halfwidth Hangul filler'],
    ['Del\u115Fete', 'Hangul choseong filler'], ['Send\u{E0001}', 'tag'], ['\uFF33\uFF45\uFF4E\uFF44', 'fullwidth'],
    ['\u{1D412}\u{1D41E}\u{1D427}\u{1D41D}', 'mathematical bold'], ['P\u0251y now', 'Latin alpha'], ['\u13E2ay', 'Cherokee P'],
  ])('%s (%s) asks', (label) => {
    expect(asks(label)).toBe(true);
  });

  test('accents of the listed words in other languages still count', () => {
    for (const label of ['Löschen', 'Se déconnecter', 'Veröffentlichen', 'Réinitialiser', 'Bestätigen']) expect(asks(label), label).toBe(true);
    expect(readableWords('De\u0332l\u034Fe\uFE0Ft\u200Be')).toBe('Delete');
  });
});

describe('verbs that send, pay or give away the account ask', () => {
  test.each(['Merge pull request', 'Squash and merge', 'Approve', 'Uninstall', 'Disable 2FA', 'Turn off two-factor authentication',
    'Place bid', 'Bid', 'Refund', 'Issue a refund', 'Send a tip', 'Tip', 'Tweet',
    'Withdraw', 'Transfer', 'Unsubscribe', 'Force push'])('%s', (label) => {
    expect(asks(label)).toBe(true);
  });

  test.each(['Refund policy', 'Tip: press Enter to search', 'Forward', 'Share', 'Reply', 'Reply all', 'Leave a comment', 'Comments',
    'Next', 'Compose', 'Save', 'Continue', 'Add to cart', 'Password help', 'Merged', 'Show more', 'Archive',
    // A link or button that opens the form to change them: that form's submit is asked about (security review 2).
    'Change password', 'Change your email address'])('%s does not', (label) => {
    expect(asks(label)).toBe(false);
  });
});

describe('choices that act as they are made', () => {
  test('classified by the option chosen and the box\'s label', () => {
    expect(classifyChoice('select', 'Delete everything')).toMatchObject({ irreversible: true, reason: 'its option means it deletes' });
    expect(classifyChoice('check', 'Delete my account')).toMatchObject({ irreversible: true, reason: 'its label means it deletes' });
    // Preferences a form sends (its submit is asked about) do not ask as they are ticked or chosen.
    for (const label of ['Blue', 'Remember me', 'Newest first', 'I agree to the terms', 'Send me the newsletter', 'Subscribe to updates',
      'Gift wrap (sends the order)', 'Post anonymously', 'Pay monthly']) {
      expect(classifyChoice('check', label).irreversible, label).toBe(false);
      expect(classifyChoice('select', label).irreversible, label).toBe(false);
    }
    expect(classifyChoice('select', 'Remove all members')).toMatchObject({ irreversible: true });
    expect(classifyChoice('check', 'Disable two-factor authentication')).toMatchObject({ irreversible: true });
  });

  const byId = (value: string) => ({ locators: [{ by: 'id' as const, value }] });
  const run = (request: Omit<ActRequest, 'args'> & { args?: ActRequest['args'] }) => act(document, { settleMs: 20, args: [], ...request });
  const outcome = (p: Promise<unknown>) => p.then(() => ({ err: undefined, data: undefined }), (e: { name: string; data?: { needsConfirmation?: boolean; fingerprint?: string; label?: string } }) => ({ err: e.name, data: e.data }));

  test('a select set to "Delete everything", a box "Delete my account": asked first; confirmed, done once', async () => {
    document.body.innerHTML = `<select id="s" aria-label="Action"><option>keep</option><option>Delete everything</option><option>Blue</option></select>
      <label><input type="checkbox" id="c"> Delete my account</label><label><input type="checkbox" id="r"> Remember me</label>`;
    const changes: string[] = [];
    for (const id of ['s', 'c', 'r']) document.getElementById(id)!.addEventListener('change', () => changes.push(id));

    const select = await outcome(run({ action: 'select', target: byId('s'), args: ['Delete everything'] }));
    expect([select.err, select.data?.needsConfirmation, select.data?.label, changes]).toEqual(['ActionError', true, 'Action: Delete everything', []]);
    expect(await outcome(run({ action: 'select', target: byId('s'), args: ['Delete everything'], confirmed: true, fingerprint: select.data!.fingerprint! }))).toEqual({ err: undefined, data: undefined });
    expect(changes).toEqual(['s']);
    // An ordinary option is chosen at once.
    expect((await outcome(run({ action: 'select', target: byId('s'), args: ['Blue'] }))).err).toBeUndefined();

    const box = await outcome(run({ action: 'check', target: byId('c') }));
    expect([box.err, box.data?.needsConfirmation]).toEqual(['ActionError', true]);
    expect((document.getElementById('c') as HTMLInputElement).checked).toBe(false);
    expect((await outcome(run({ action: 'check', target: byId('c'), confirmed: true, fingerprint: box.data!.fingerprint! }))).err).toBeUndefined();
    expect((document.getElementById('c') as HTMLInputElement).checked).toBe(true);
    // Unticking it again, and ticking an ordinary box, are not asked about.
    expect((await outcome(run({ action: 'uncheck', target: byId('c') }))).err).toBeUndefined();
    expect((await outcome(run({ action: 'check', target: byId('r') }))).err).toBeUndefined();
    expect(changes).toEqual(['s', 's', 'c', 'c', 'r']);
  });

  test('a label for a "Delete account" button: the click is asked about, by the button\'s words', async () => {
    document.body.innerHTML = '<label for="del" id="lbl">Show more</label><button id="del">Delete account</button><label for="more" id="lbl2">Show more</label><button id="more">More details</button>';
    let deleted = 0;
    document.getElementById('del')!.addEventListener('click', () => deleted++);
    const asked = await outcome(run({ action: 'click', target: byId('lbl') }));
    expect([asked.err, asked.data?.needsConfirmation, asked.data?.label, deleted]).toEqual(['ActionError', true, 'Delete account', 0]);
    expect((await outcome(run({ action: 'click', target: byId('lbl'), confirmed: true, fingerprint: asked.data!.fingerprint! }))).err).toBeUndefined();
    expect(deleted).toBe(1);
    expect((await outcome(run({ action: 'click', target: byId('lbl2') }))).err).toBeUndefined();
  });
});
