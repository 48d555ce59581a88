import { describe, expect, test } from 'vitest';
import { classifyAction, classifyChoice } from '../../../extension/content/executor/irreversible.ts';

/**
 * Labels that plain ASCII makes read as a word of the list without being it (exploratory test, session 24): a capital
 * I for an l, a digit or sign for a letter, letters spaced out, an invisible separator between two words.
 */
const asks = (label: string) => classifyAction({ action: 'click', label }).irreversible;

describe('ASCII look-alikes and spacing in a label', () => {
  test.each([
    'deIete', 'DeIete account', 'De1ete', 'De|ete', 'Iogout', 'Log0ut', 'P0st comment', '5end', 'Paym3nt',
    'D e l e t e', 'D-e-l-e-t-e', 'S.e.n.d', 'P-a-y', 'P a y now', 'R e m o v e item', 'D e I e t e',
    'Pay\u180Enow', 'Pay\u200Bnow', 'Pay\u2060now', 'Buy\u180Enow', 'Delete\u180Eaccount',
  ])('%j asks', (label) => {
    expect(asks(label)).toBe(true);
  });

  test.each([
    'Details', 'Delta', 'Dilute', 'Display', 'Deleted items', 'Paypal balance', 'Item 1', 'Iceland', 'Inbox', 'Import',
    'I agree', 'ID card', 'Top 10', 'Win10 setup', 'Step 1 of 3', 'Order #1042', 'Order history', 'Q & A', 'F.A.Q.',
    'U.S.A.', 'T-shirt', 'X-Large', 'Sign in', 'SignIn', 'Postcode help', 'Sender', 'A B C', 'Page 2 of 5', 'Size: S M L',
    'Settings', 'Selected 3', 'Compose', 'Next', 'Sold out', 'Deliver to 10115', 'Delegate', 'Idle',
  ])('%j does not', (label) => {
    expect(asks(label)).toBe(false);
  });

  test('the German, Japanese and Korean words still ask, and their look-alikes', () => {
    for (const label of ['Löschen', 'Konto löschen', 'Abmelden', 'ログアウト', '削除', '삭제', '로그아웃', 'L-ö-s-c-h-e-n']) expect(asks(label), label).toBe(true);
  });

  test('a choice: "D e l e t e my account" and "DeIete everything" ask; "Delete messages after reading" still does not', () => {
    expect(classifyChoice('check', 'D e l e t e my account').irreversible).toBe(true);
    expect(classifyChoice('select', 'DeIete everything').irreversible).toBe(true);
    expect(classifyChoice('check', 'Delete messages after reading').irreversible).toBe(false);
  });
});

/**
 * Found in review (session 24): look-alikes in capitals ("DEL3TE" read "DELeTE"), a 1 or ! for an i, letters spaced
 * out with " - ", "·", "/", ":" or ", "; and a soft hyphen or a zero-width space inside a word read as a space.
 */
describe('look-alikes the review found', () => {
  test.each([
    'DEL3TE', 'D3LETE', 'P0ST', '5END', 'P4Y', 'L0GOUT', 'REM0VE', 'CHECK0UT', 'ORD3R', 'TR4SH', 'DE|ETE', '$END',
    'Subm1t', 'Conf1rm', 'S1gn out', 'W1pe', 'Publ1sh', 'Subm!t', 'De!ete',
    'D - e - l - e - t - e', 'D·e·l·e·t·e', 'D/e/l/e/t/e', 'D:e:l:e:t:e', 'D, e, l, e, t, e',
  ])('%j asks', (label) => {
    expect(asks(label)).toBe(true);
  });

  test.each([
    'Post\u00ADeingang', 'Post\u00ADleit\u00ADzahl', 'Post\u00ADfach', 'Send\u00ADer', 'Pay\u00ADroll', 'Buy\u00ADer',
    'Confirm\u00ADation', 'Publish\u00ADer', 'Post\u200Bcode', 'Send\u200Ber', 'Pay\u200Broll', 'Post\u2060card',
    'Go!', 'Up!', 'S, M, L', 'A/B test', 'Q & A', 'I/O',
  ])('%j does not', (label) => {
    expect(asks(label)).toBe(false);
  });
});

/**
 * Found in the second review (session 24): spaced-out letters joined across a word gap ("P a y  n o w" read "Paynow"),
 * and an invisible character between two words read as a space only before a few words ("Send\u200Bmessage").
 */
describe('word gaps and invisible characters between words', () => {
  test.each([
    'P a y  n o w', 'D e l e t e  m y  a c c o u n t', 'S e n d  m o n e y', 'P_a_y  n_o_w', 'P a y / n o w', 'C l o s e  m y  a c c o u n t',
    'D-e-l-e-t-e a-c-c-o-u-n-t', 'P  a  y   n  o  w',
    'Send\u200Bmessage', 'Transfer\u200Bfunds', 'Confirm\u200Bpurchase', 'Empty\u200Btrash', 'Cancel\u200Bsubscription', 'Remove\u200Bcard',
    'Pay\u200Binvoice', 'Send\u200Bit', 'Delete\u2060files', 'Post\u200Bit now',
  ])('%j asks', (label) => {
    expect(asks(label)).toBe(true);
  });

  test.each([
    'Post\u200Bcard', 'Pay\u200Bpal', 'Pay\u200Bout schedule', 'Pay\u200Bments due', 'Post\u200Bal code', 'Send\u200Bers', 'Post\u200Bings', 'Post\u200Bleit\u200Bzahl', 'Remov\u200Bable', 'S e e  a l l', 'A B C',
  ])('%j does not', (label) => {
    expect(asks(label)).toBe(false);
  });

  test('a choice: "Disable\u200Btwo-factor authentication" and "D e l e t e  m y  a c c o u n t" ask', () => {
    expect(classifyChoice('check', 'Disable\u200Btwo-factor authentication').irreversible).toBe(true);
    expect(classifyChoice('check', 'D e l e t e  m y  a c c o u n t').irreversible).toBe(true);
    expect(classifyChoice('check', 'Delete\u200Bmy\u200Baccount').irreversible).toBe(true);
  });
});
