// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { act } from '../../../extension/content/executor/index.ts';
import type { ActRequest } from '../../../extension/protocol/schemas.ts';

/**
 * check(), uncheck(), select() and value() do only what a person can (exploratory test, explorer 2): check() on a
 * reset, submit or plain button input clicked it; uncheck() of a chosen radio did nothing and said done; a disabled
 * option was chosen; a second option of a multiple select dropped the first; a password field's value() ended the run.
 */
const byId = (value: string) => ({ locators: [{ by: 'id' as const, value }] });
const run = (request: Omit<ActRequest, 'args'> & { args?: ActRequest['args'] }) => act(document, { settleMs: 30, args: [], ...request });
interface Outcome { ok?: { value?: unknown }; err?: string; message?: string; data?: Record<string, unknown> }
const outcome = (p: Promise<unknown>): Promise<Outcome> =>
  p.then((ok) => ({ ok: ok as Outcome['ok'] }), (error: { name?: string; message?: string; data?: Record<string, unknown> }) => ({ err: error.name, message: error.message, data: error.data }));
const input = (id: string) => document.getElementById(id) as HTMLInputElement;

let seen: string[];
beforeEach(() => {
  seen = [];
});
function page(html: string): void {
  document.body.innerHTML = `<div id="root">${html}</div>`;
  const root = document.getElementById('root')!;
  root.addEventListener('click', (e) => seen.push(`click:${(e.target as Element).id}`));
  for (const form of Array.from(document.forms)) {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      seen.push(`submit:${form.id}`);
    });
    form.addEventListener('reset', () => seen.push(`reset:${form.id}`));
  }
}

describe('check() and uncheck() are for checkboxes and radio buttons', () => {
  test.each(['check', 'uncheck'])('%s() on an input that is no box (reset, submit, button, text, image) is refused; nothing is clicked', async (action) => {
    page(`<form id="f" aria-label="Profile"><input id="name" name="name" value="Ana">
      <input type="reset" id="wipe" value="Clear"><input type="submit" id="send" value="Save"><input type="button" id="more" value="More">
      <input type="image" id="pic" alt="Go" src="data:,"><label id="wrap"><input type="submit" id="inner-send" value="Send"></label></form>`);
    document.getElementById('more')!.addEventListener('click', () => seen.push('handler:more'));
    for (const id of ['wipe', 'send', 'more', 'name', 'pic', 'wrap']) {
      const refused = await outcome(run({ action: action as ActRequest['action'], target: byId(id) }));
      expect(refused, id).toMatchObject({ err: 'ActionError', message: expect.stringMatching(/is not a checkbox/) });
      expect(refused.data?.needsConfirmation, id).toBeUndefined();
    }
    expect(seen).toEqual([]);
    expect(input('name').value).toBe('Ana');
  });

  test('what still works: a native box, a box inside its label, an ARIA switch (an input button with role=switch too)', async () => {
    page(`<input type="checkbox" id="box"><label id="lbl"><input type="checkbox" id="in-lbl"> Weekly</label>
      <div role="switch" id="sw" aria-checked="false" tabindex="0">Dark</div><input type="button" role="switch" id="isw" aria-checked="false" value="Wi-Fi">`);
    for (const id of ['sw', 'isw']) {
      document.getElementById(id)!.addEventListener('click', (e) => {
        const el = e.currentTarget as Element;
        el.setAttribute('aria-checked', String(el.getAttribute('aria-checked') !== 'true'));
      });
    }
    for (const id of ['box', 'lbl', 'sw', 'isw']) expect(await outcome(run({ action: 'check', target: byId(id) })), id).toMatchObject({ ok: {} });
    expect([input('box').checked, input('in-lbl').checked]).toEqual([true, true]);
    expect(['sw', 'isw'].map((id) => document.getElementById(id)!.getAttribute('aria-checked'))).toEqual(['true', 'true']);
    expect(await outcome(run({ action: 'uncheck', target: byId('box') }))).toMatchObject({ ok: {} });
    expect(input('box').checked).toBe(false);
  });
});

describe('uncheck() of a chosen radio button', () => {
  test('is refused, naming the other options of its group (native radios, and ARIA ones)', async () => {
    page(`<fieldset><legend>Delivery</legend>
        <label><input type="radio" name="ship" id="std" checked> Standard (3-5 days)</label>
        <label><input type="radio" name="ship" id="exp"> Express</label>
        <label><input type="radio" name="ship" id="pick"> Pick up</label></fieldset>
      <label><input type="radio" name="other" id="unrelated"> Unrelated</label>
      <div role="radiogroup" aria-label="Size"><div role="radio" id="s" aria-checked="true" tabindex="0">Small</div><div role="radio" id="l" aria-checked="false" tabindex="-1">Large</div></div>`);
    const refused = await outcome(run({ action: 'uncheck', target: byId('std') }));
    expect(refused).toMatchObject({ err: 'ActionError', message: expect.stringMatching(/radio button.*choosing another option of its group/) });
    expect(refused.message).toContain('"Express"');
    expect(refused.message).toContain('"Pick up"');
    expect(refused.message).not.toContain('Unrelated');
    expect(input('std').checked).toBe(true);
    const aria = await outcome(run({ action: 'uncheck', target: byId('s') }));
    expect(aria).toMatchObject({ err: 'ActionError', message: expect.stringMatching(/radio button.*"Large"/) });
    expect(seen).toEqual([]);
    // A radio that is not chosen is unchecked already; check() chooses one.
    expect(await outcome(run({ action: 'uncheck', target: byId('exp') }))).toMatchObject({ ok: {} });
    expect(await outcome(run({ action: 'check', target: byId('exp') }))).toMatchObject({ ok: {} });
    expect([input('std').checked, input('exp').checked]).toEqual([false, true]);
  });
});

describe('select()', () => {
  test('a disabled option (or one in a disabled group) is refused, naming it and the options that can be chosen', async () => {
    page(`<select id="room"><option>Single</option><option disabled>Double (sold out)</option><option>Suite</option>
      <optgroup label="Closed" disabled><option>Attic</option></optgroup></select>`);
    for (const wanted of ['Double (sold out)', 'Double', 'Attic']) {
      const refused = await outcome(run({ action: 'select', target: byId('room'), args: [wanted] }));
      expect(refused, wanted).toMatchObject({ err: 'ActionError', data: { state: 'disabled' } });
      expect(refused.message, wanted).toMatch(/is disabled.*"Single", "Suite"$/);
      expect((document.getElementById('room') as HTMLSelectElement).value).toBe('Single');
    }
    expect((await outcome(run({ action: 'select', target: byId('room'), args: ['Suite'] }))).err).toBeUndefined();
    expect((document.getElementById('room') as HTMLSelectElement).value).toBe('Suite');
  });

  test('an option that can be chosen comes before a disabled one that matches as well: "Double" is "Double deluxe" (review 3)', async () => {
    page(`<select id="room"><option>Single</option><option disabled>Double (sold out)</option><option>Double deluxe</option>
      <option value="t" disabled>Twin</option><option value="twin">Twin</option><option>Suite view</option><optgroup label="Closed" disabled><option>Suite</option></optgroup></select>`);
    const room = document.getElementById('room') as HTMLSelectElement;
    for (const [wanted, chosen] of [['Double', 'Double deluxe'], ['Twin', 'Twin'], ['view', 'Suite view']] as const) {
      expect(await outcome(run({ action: 'select', target: byId('room'), args: [wanted] })), wanted).toMatchObject({ ok: {} });
      const picked = room.options[room.selectedIndex]!;
      expect([picked.text, picked.disabled], wanted).toEqual([chosen, false]);
    }
    // Words that match a disabled one better (exactly, case aside) still mean that one, refused.
    for (const wanted of ['Double (sold out)', 'suite']) {
      expect(await outcome(run({ action: 'select', target: byId('room'), args: [wanted] })), wanted).toMatchObject({ err: 'ActionError', data: { state: 'disabled' } });
    }
  });

  test('in a multiple select, each select() adds its option to those chosen', async () => {
    page('<select id="extras" multiple><option>Breakfast</option><option>Parking</option><option>Late checkout</option></select>');
    const extras = document.getElementById('extras') as HTMLSelectElement;
    let changes = 0;
    extras.addEventListener('change', () => changes++);
    expect((await outcome(run({ action: 'select', target: byId('extras'), args: ['Breakfast'] }))).err).toBeUndefined();
    expect((await outcome(run({ action: 'select', target: byId('extras'), args: ['Parking'] }))).err).toBeUndefined();
    expect(Array.from(extras.selectedOptions, (o) => o.text)).toEqual(['Breakfast', 'Parking']);
    expect(changes).toBe(2);
    expect(await outcome(run({ action: 'text', target: byId('extras') }))).toMatchObject({ ok: { value: 'Breakfast, Parking' } });
  });

  test('an abbreviation is the option whose words it is the initials of; the option chosen is the answer; a long list\'s nearest options are named (explorer, session 39)', async () => {
    const countries = ['Afghanistan', 'Germany', 'Uganda', 'Ukraine', 'United Arab Emirates', 'United Kingdom', 'United States',
      'United States Minor Outlying Islands', 'Uruguay', 'Uzbekistan', ...Array.from({ length: 30 }, (_, i) => `Country ${i}`)];
    page(`<select id="country">${countries.map((c, i) => `<option value="c${i}">${c}</option>`).join('')}</select>`);
    const country = document.getElementById('country') as HTMLSelectElement;
    for (const [wanted, chosen] of [['UK', 'United Kingdom'], ['u.a.e.', 'United Arab Emirates'], ['Kingdom', 'United Kingdom'], ['kraine', 'Ukraine'], ['germany', 'Germany']]) {
      expect(await outcome(run({ action: 'select', target: byId('country'), args: [wanted!] })), wanted).toMatchObject({ ok: { value: chosen } });
      expect(country.options[country.selectedIndex]!.text).toBe(chosen);
    }
    const missing = await outcome(run({ action: 'select', target: byId('country'), args: ['USA'] }));
    expect(missing.err).toBe('ActionError');
    expect(missing.message).toMatch(/^no option "USA"; the nearest of its 40 options: "United States", "United States Minor Outlying Islands", /);
    expect(missing.message).not.toContain('Afghanistan');
    // A word is no abbreviation (review, session 40): "Home" is "Home & Garden", not "Health, Outdoors, Music & Entertainment".
    page('<select id="dept"><option>Health, Outdoors, Music &amp; Entertainment</option><option>Cars and Trucks</option><option>Home &amp; Garden</option><option>Cats</option></select>');
    const dept = document.getElementById('dept') as HTMLSelectElement;
    for (const [wanted, chosen] of [['Home', 'Home & Garden'], ['Cat', 'Cats'], ['HOME', 'Health, Outdoors, Music & Entertainment']]) {
      expect(await outcome(run({ action: 'select', target: byId('dept'), args: [wanted!] })), wanted).toMatchObject({ ok: { value: chosen } });
      expect(dept.options[dept.selectedIndex]!.text).toBe(chosen);
    }
  });
});

describe('value()', () => {
  test('a box, switch or toggle button the page draws reads its state, as the samples show it (explorer, session 40)', async () => {
    page('<div id="a" role="checkbox" aria-checked="true" tabindex="0">Select</div><div id="b" role="switch" aria-checked="false">Autoplay</div>'
      + '<div id="c" role="checkbox" aria-checked="mixed">All</div><button id="d" aria-pressed="true">Bold</button><span id="e" role="button" aria-pressed="false">Italic</span><button id="f">Plain</button>');
    const values = [];
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) values.push((await outcome(run({ action: 'value', target: byId(id) }))).ok?.value);
    expect(values).toEqual([true, false, 'mixed', true, false, 'Plain']);
  });

  test('a password, code or card field reads "" (as text() does), filled or not, never its value', async () => {
    page('<input type="password" id="pw"><input id="otp" autocomplete="one-time-code"><input id="name">');
    expect(await outcome(run({ action: 'value', target: byId('pw') }))).toMatchObject({ ok: { value: '' } });
    await run({ action: 'type', target: byId('pw'), args: ['hunter22'], userSupplied: true });
    await run({ action: 'type', target: byId('otp'), args: ['123456'], userSupplied: true });
    expect(input('pw').value).toBe('hunter22');
    for (const id of ['pw', 'otp']) {
      expect(await outcome(run({ action: 'value', target: byId(id) })), id).toMatchObject({ ok: { value: '' } });
      expect(await outcome(run({ action: 'text', target: byId(id) })), id).toMatchObject({ ok: { value: '' } });
    }
    await run({ action: 'type', target: byId('name'), args: ['Ana'] });
    expect(await outcome(run({ action: 'value', target: byId('name') }))).toMatchObject({ ok: { value: 'Ana' } });
  });
});
