// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { act } from '../../../extension/content/executor/index.ts';
import type { ActRequest } from '../../../extension/protocol/schemas.ts';

/** Fields that complete, move on by themselves, or rewrite what was typed: the keys land as a keyboard's would. */
const byId = (value: string) => ({ locators: [{ by: 'id' as const, value }] });
const run = (request: Omit<ActRequest, 'args'> & { args?: ActRequest['args'] }) => act(document, { settleMs: 30, args: [], ...request });
const field = (id: string) => document.getElementById(id) as HTMLInputElement;

const CITIES = ['Cologne', 'Colmar', 'Copenhagen'];
/** Completes the text as typed with the first city it begins, the completed part selected (as a browser's URL bar). */
function completeInline(input: HTMLInputElement, on: 'keyup' | 'input' | 'later'): void {
  const complete = () => {
    const typed = input.value.slice(0, input.selectionStart ?? input.value.length);
    const city = typed && CITIES.find((c) => c.toLowerCase().startsWith(typed.toLowerCase()));
    if (!city) return;
    input.value = typed + city.slice(typed.length);
    input.setSelectionRange(typed.length, city.length);
  };
  if (on === 'keyup') input.addEventListener('keyup', (event) => { if ((event as KeyboardEvent).key.length === 1) complete(); });
  else if (on === 'input') input.addEventListener('input', (event) => { if ((event as InputEvent).inputType === 'insertText') complete(); });
  else input.addEventListener('input', (event) => { if ((event as InputEvent).inputType === 'insertText') setTimeout(complete, 0); });
}

describe('inline autocomplete', () => {
  test.each(['keyup', 'input', 'later'] as const)('completed on %s: keys replace the selected completion; the completion kept is reported', async (on) => {
    document.body.innerHTML = '<label>City <input id="city"></label>';
    completeInline(field('city'), on);
    const reply = await run({ action: 'type', target: byId('city'), args: ['Colm'] });
    expect(field('city').value).toBe('Colmar');
    expect(reply.value).toBe('Colmar');
    const typedOut = await run({ action: 'type', target: byId('city'), args: ['Cologne'] });
    expect([field('city').value, typedOut.value]).toEqual(['Cologne', null]);
    // Past the completions: the text as typed.
    const own = await run({ action: 'type', target: byId('city'), args: ['Cold Spring'] });
    expect([field('city').value, own.value]).toEqual(['Cold Spring', null]);
  });
});

describe('a code split into boxes that moves on a moment after each digit', () => {
  test.each(['setTimeout', 'requestAnimationFrame'] as const)('moved by %s: one digit per box, no "cut"', async (how) => {
    document.body.innerHTML = `<form>${[0, 1, 2, 3, 4, 5].map((i) => `<input id="d${i}" maxlength="1" inputmode="numeric" aria-label="Digit ${i + 1}">`).join('')}</form>`;
    const boxes = Array.from(document.querySelectorAll('input'));
    boxes.forEach((box, i) => box.addEventListener('input', () => {
      if (box.value.length < 1) return;
      if (how === 'setTimeout') setTimeout(() => boxes[i + 1]?.focus(), 20);
      else requestAnimationFrame(() => boxes[i + 1]?.focus());
    }));
    await run({ action: 'type', target: byId('d0'), args: ['123456'], userSupplied: true });
    expect(boxes.map((b) => b.value)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  test('a box of one character whose focus never moves still says the rest was not typed', async () => {
    document.body.innerHTML = '<input id="one" maxlength="1" aria-label="Initial">';
    await expect(run({ action: 'type', target: byId('one'), args: ['AB'] })).rejects.toMatchObject({ name: 'ActionError', data: { state: 'cut' } });
    expect(field('one').value).toBe('A');
  });
});

describe('a page that rewrites the text once typed', () => {
  const rewriteOnChange = (id: string, rewrite: (typed: string) => string) => {
    const input = field(id);
    input.addEventListener('change', () => { input.value = rewrite(input.value); });
  };

  test('a smart date, a city in its own language, a phone format: taken, and what the field holds is reported', async () => {
    document.body.innerHTML = '<input id="when" aria-label="When"><input id="city" aria-label="City"><input id="phone" aria-label="Phone">';
    rewriteOnChange('when', (typed) => (typed === 'next friday' ? '2026-12-04' : typed));
    rewriteOnChange('city', (typed) => (typed === 'Cologne' ? 'Köln' : typed));
    field('phone').addEventListener('input', () => {
      const d = field('phone').value.replace(/\D/g, '');
      field('phone').value = d.length === 10 ? `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}` : d;
    });
    expect((await run({ action: 'type', target: byId('when'), args: ['next friday'] })).value).toBe('2026-12-04');
    expect((await run({ action: 'type', target: byId('city'), args: ['Cologne'] })).value).toBe('Köln');
    expect((await run({ action: 'type', target: byId('phone'), args: ['5551234567'] })).value).toBe('(555) 123-4567');
    expect((await run({ action: 'type', target: byId('city'), args: ['Bonn'] })).value).toBeNull();
  });

  test('rewritten as the last key lands (a date parsed once complete): taken', async () => {
    document.body.innerHTML = '<input id="when" aria-label="When">';
    field('when').addEventListener('input', () => { if (field('when').value === 'tomorrow') field('when').value = '2026-05-02'; });
    expect((await run({ action: 'type', target: byId('when'), args: ['tomorrow'] })).value).toBe('2026-05-02');
  });

  test('a rewrite the page marks invalid, or a field it clears, did not take the text', async () => {
    document.body.innerHTML = '<input id="when" aria-label="When"><input id="code" aria-label="Voucher"><input id="gone" aria-label="Nickname">';
    rewriteOnChange('when', () => 'dd/mm/yyyy');
    field('when').addEventListener('change', () => field('when').setAttribute('aria-invalid', 'true'));
    rewriteOnChange('code', () => 'INVALID');
    field('code').addEventListener('change', () => field('code').setCustomValidity('Unknown voucher'));
    rewriteOnChange('gone', () => '');
    await expect(run({ action: 'type', target: byId('when'), args: ['someday'] })).rejects.toMatchObject({
      name: 'ActionError', data: { state: 'not-typed' }, message: 'id="when" did not take the typed text: it holds "dd/mm/yyyy" (the page marks it invalid)',
    });
    await expect(run({ action: 'type', target: byId('code'), args: ['SPRING'] })).rejects.toMatchObject({
      data: { state: 'not-typed' }, message: 'id="code" did not take the typed text: it holds "INVALID" (the page says: "Unknown voucher")',
    });
    await expect(run({ action: 'type', target: byId('gone'), args: ['Ace'] })).rejects.toMatchObject({ data: { state: 'not-typed' } });
  });
});
