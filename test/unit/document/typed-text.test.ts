// @vitest-environment happy-dom
/** What the user typed, and codes, stay out of the document however the page nests them (review, session 14). */
import { expect, test } from 'vitest';
import { build, entries } from './helpers.ts';

test('typed text of repeated editors (one per row) does not reach list samples', () => {
  const rows = ['4111 1111 1111 1111', '5500 0000 0000 0004', '3400 0000 0000 009', '6011 0000 0000 0004']
    .map((v, i) => `<li class="card"><span class="label">Card ${i + 1}</span><div class="num" contenteditable="true" aria-label="Card number">${v}</div><button>Save</button></li>`).join('');
  const doc = build(`<ul aria-label="Cards">${rows}</ul>`);
  expect(JSON.stringify(doc)).not.toContain('4111');
  expect(JSON.stringify(doc)).toContain('Card 1'); // the rows' own text still shows
});

test('text boxes in rows labelled as passwords do not leak through samples', () => {
  const rows = ['hunter2', 'correct horse', 'tr0ub4dor', 's3cret!'].map((v, i) => `<div class="acct"><span class="site">Site ${i}</span><div class="pw" role="textbox" aria-label="Password">${v}</div><button>Copy</button></div>`).join('');
  const doc = build(`<section aria-label="Vault">${rows}</section>`);
  expect(JSON.stringify(doc)).not.toContain('hunter2');
});

test('typed text inside a controlled pane or a clickable wrapper names nothing and describes nothing', () => {
  const doc = build(`<button aria-controls="pane">Show key</button><div id="pane"><div contenteditable="true" aria-label="Recovery code">7Q2M-99XZ-KK41</div></div>
    <div onclick="void 0"><div role="textbox" aria-label="PIN">4821</div></div>`);
  expect(JSON.stringify(doc)).not.toContain('7Q2M');
  expect(JSON.stringify(doc)).not.toContain('4821');
});

test('split one-time-code boxes: only the first carries autocomplete, all are one code', () => {
  const doc = build(`<form aria-label="Verify"><fieldset><legend>Enter the 6-digit code we sent you</legend>
    <input maxlength="1" inputmode="numeric" autocomplete="one-time-code" aria-label="Digit 1" value="4">
    ${[9, 3, 8, 1, 7].map((d, i) => `<input maxlength="1" inputmode="numeric" aria-label="Digit ${i + 2}" value="${d}">`).join('')}
    </fieldset><button>Verify</button></form>
    <form aria-label="Login code"><div role="group" aria-label="Security PIN">${[1, 2, 3, 4].map((d) => `<input maxlength="1" value="${d}" aria-label="box">`).join('')}</div></form>`);
  const values = entries(doc).map((e) => (e as { state?: { value?: string } }).state?.value).filter(Boolean);
  expect(values).toEqual([]);
  expect(entries(doc).filter((e) => (e as { sensitive?: boolean }).sensitive)).toHaveLength(10);
});

test('one-character boxes that are no code (a middle initial) keep their value', () => {
  const doc = build('<form aria-label="Name"><fieldset><legend>Your name</legend><input aria-label="Middle initial" maxlength="1" value="J"></fieldset></form>');
  expect(entries(doc).map((e) => (e as { state?: { value?: string } }).state?.value)).toContain('J');
});

test('typed text an editor wraps in formatting stays out of list samples (re-review, session 14)', () => {
  const rows = ['4111 1111 1111 1111', '5500 0000 0000 0004', '3400 0000 0000 009', '6011 0000 0000 0004']
    .map((v, i) => `<li><span class="label">Card ${i + 1}</span><div contenteditable="true" aria-label="Note"><span class="num">${v}</span></div><button>Save</button></li>`).join('');
  const doc = build(`<ul aria-label="Cards">${rows}</ul>`);
  expect(JSON.stringify(doc)).not.toContain('4111');
});

test('short fields of a form that also asks for a code are not code boxes (a middle initial, a state) (re-review, session 14)', () => {
  const doc = build(`<form aria-label="Profile"><input aria-label="Middle initial" maxlength="1" value="J"><input aria-label="State" maxlength="2" value="CA">
    <input autocomplete="one-time-code" aria-label="SMS code" value="123456"><button>Save</button></form>`);
  const values = entries(doc).map((e) => (e as { state?: { value?: string } }).state?.value);
  expect(values).toEqual(expect.arrayContaining(['J', 'CA']));
  expect(values).not.toContain('123456');
});
