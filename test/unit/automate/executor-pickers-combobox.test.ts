// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { act } from '../../../extension/content/executor/index.ts';
import type { ActRequest } from '../../../extension/protocol/schemas.ts';

/** select() on pickers the page draws: editable comboboxes, lists drawn only in part, and choices the picker ignores. */
const byId = (value: string) => ({ locators: [{ by: 'id' as const, value }] });
const run = (request: Omit<ActRequest, 'args'> & { args?: ActRequest['args'] }) => act(document, { settleMs: 30, args: [], ...request });
const input = (id: string) => document.getElementById(id) as HTMLInputElement;

const COUNTRIES = Array.from({ length: 200 }, (_, i) => `Country ${String(i).padStart(3, '0')}`).concat(['Germany', 'Portugal', 'Spain']);

/**
 * An editable combobox (APG pattern): the list opens on ArrowDown or as the text is typed (not on a click), shows at
 * most `drawn` options (the rest drawn as the list is filtered, as a virtualised list), and a click on one puts its
 * text into the box. `takesChoice` false: a broken picker that closes without taking it.
 */
function editableCombobox(drawn: number, takesChoice = true): HTMLInputElement {
  document.body.innerHTML = `<label for="country">Country</label>
    <input id="country" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="country-list">
    <ul id="country-list" role="listbox" hidden></ul>`;
  const box = input('country');
  const list = document.getElementById('country-list')!;
  const open = () => {
    const filter = box.value.toLowerCase();
    list.innerHTML = COUNTRIES.filter((c) => c.toLowerCase().includes(filter)).slice(0, drawn).map((c) => `<li role="option" aria-selected="false">${c}</li>`).join('');
    list.hidden = false;
    box.setAttribute('aria-expanded', 'true');
  };
  box.addEventListener('keydown', (event) => { if ((event as KeyboardEvent).key === 'ArrowDown') open(); });
  box.addEventListener('input', open);
  list.addEventListener('click', (event) => {
    const option = (event.target as Element).closest('[role=option]');
    if (!option) return;
    if (takesChoice) box.value = option.textContent!;
    list.hidden = true;
    box.setAttribute('aria-expanded', 'false');
  });
  return box;
}

describe('select() on an editable combobox', () => {
  test('a list that opens only on ArrowDown', async () => {
    const box = editableCombobox(500);
    await run({ action: 'select', target: byId('country'), args: ['Spain'] });
    expect(box.value).toBe('Spain');
  });

  test('a list drawn only in part: the option is brought by typing its text', async () => {
    const box = editableCombobox(8);
    await run({ action: 'select', target: byId('country'), args: ['Portugal'] });
    expect(box.value).toBe('Portugal');
    await expect(run({ action: 'select', target: byId('country'), args: ['Atlantis'] })).rejects.toMatchObject({ name: 'ActionError', message: expect.stringMatching(/^no option "Atlantis"/) });
  });

  test('a picker that closes without taking the option clicked: an ActionError that says so', async () => {
    editableCombobox(500, false);
    await expect(run({ action: 'select', target: byId('country'), args: ['Germany'] })).rejects.toMatchObject({
      name: 'ActionError', data: { state: 'not-chosen' }, message: 'id="country" did not take the option "Germany": it shows ""',
    });
  });

  test('a listbox whose options say which is chosen (aria-selected) took it', async () => {
    document.body.innerHTML = '<ul id="sizes" role="listbox" aria-label="Size"><li role="option" aria-selected="true">S</li><li role="option" aria-selected="false">M</li></ul>';
    const list = document.getElementById('sizes')!;
    list.addEventListener('click', (event) => {
      for (const option of list.querySelectorAll('[role=option]')) option.setAttribute('aria-selected', String(option === event.target));
    });
    await run({ action: 'select', target: byId('sizes'), args: ['M'] });
    expect(list.querySelector('[aria-selected=true]')!.textContent).toBe('M');
  });
});

describe('select() sees that the picker took the option', () => {
  test('a picker that opens on a click but ignores the option clicked: not a success', async () => {
    document.body.innerHTML = `<div id="size" role="combobox" aria-label="Size" aria-controls="sizes" tabindex="0">Choose…</div>
      <ul id="sizes" role="listbox" hidden><li role="option">S</li><li role="option">M</li></ul>`;
    const list = document.getElementById('sizes')!;
    document.getElementById('size')!.addEventListener('click', () => { list.hidden = false; });
    list.addEventListener('click', () => { list.hidden = true; });
    await expect(run({ action: 'select', target: byId('size'), args: ['M'] })).rejects.toMatchObject({
      name: 'ActionError', data: { state: 'not-chosen' }, message: 'id="size" did not take the option "M": it shows "Choose…"',
    });
  });

  test('a choice drawn next to an emptied text box (react-select), or in short ("+34" of "Spain (+34)"), is taken', async () => {
    document.body.innerHTML = `<div class="control"><div class="value"><span id="single"></span><input id="pick" role="combobox" aria-label="Team" aria-controls="teams" aria-expanded="false"></div></div>
      <ul id="teams" role="listbox" hidden><li role="option">Design</li><li role="option">Sales</li></ul>
      <div id="dial" role="combobox" aria-label="Dial code" aria-controls="codes" tabindex="0">+1</div>
      <ul id="codes" role="listbox" hidden><li role="option">Canada (+1)</li><li role="option">Spain (+34)</li></ul>`;
    const pick = input('pick');
    const teams = document.getElementById('teams')!;
    pick.addEventListener('click', () => { teams.hidden = false; });
    teams.addEventListener('click', (event) => {
      document.getElementById('single')!.textContent = (event.target as Element).textContent;
      pick.value = '';
      teams.hidden = true;
    });
    await run({ action: 'select', target: byId('pick'), args: ['Sales'] });
    expect(document.getElementById('single')!.textContent).toBe('Sales');
    const dial = document.getElementById('dial')!;
    const codes = document.getElementById('codes')!;
    dial.addEventListener('click', () => { codes.hidden = false; });
    codes.addEventListener('click', (event) => {
      dial.textContent = /\(([^)]+)\)/.exec((event.target as Element).textContent!)![1]!;
      codes.hidden = true;
    });
    await run({ action: 'select', target: byId('dial'), args: ['Spain'] });
    expect(dial.textContent).toBe('+34');
  });
});
