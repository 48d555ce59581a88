// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { act } from '../../../extension/content/executor/index.ts';
import type { ActRequest } from '../../../extension/protocol/schemas.ts';

/** select() on pickers that bf63ef9 misjudged: fixed labels, prefixes, datalists, search boxes, a title that changes. */
const byId = (value: string) => ({ locators: [{ by: 'id' as const, value }] });
const run = (request: Omit<ActRequest, 'args'> & { args?: ActRequest['args'] }) => act(document, { settleMs: 30, args: [], ...request });
const choose = (id: string, wanted: string) => run({ action: 'select', target: byId(id), args: [wanted] });
const $ = (id: string) => document.getElementById(id)!;

/** A button that opens a list at the end of the body (`html` per option) and removes it when an option is clicked. */
function buttonPicker(id: string, label: string, options: string[], onPick: (option: string) => void, html = (o: string) => o): void {
  document.body.insertAdjacentHTML('beforeend', `<div class="toolbar"><button id="${id}" aria-haspopup="listbox">${label}</button></div>`);
  $(id).addEventListener('click', () => {
    const list = document.createElement('ul');
    list.setAttribute('role', 'listbox');
    for (const option of options) {
      const li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.innerHTML = html(option);
      li.addEventListener('click', () => { list.remove(); onPick(option); });
      list.append(li);
    }
    document.body.append(list);
  });
}

describe('a picker that took the option shows it its own way', () => {
  test('a "Sort" button that keeps its label: the list it sorts changed, so the option was taken', async () => {
    document.body.innerHTML = '<ul id="results"><li>b</li><li>a</li></ul>';
    buttonPicker('sort', 'Sort', ['Newest', 'Oldest'], () => $('results').append($('results').firstElementChild!));
    await expect(choose('sort', 'Oldest')).resolves.toMatchObject({ value: 'Oldest', changed: true, navigated: false });
    expect($('results').textContent).toBe('ab');
  });

  test('"Role: Admin" for an option "Admin" over its description', async () => {
    document.body.innerHTML = '';
    buttonPicker('role', 'Role: Member', ['Admin', 'Member'], (role) => { $('role').textContent = `Role: ${role}`; },
      (role) => `<div>${role}</div><div>${role === 'Admin' ? 'Can manage members and billing' : 'Can view and comment'}</div>`);
    await expect(choose('role', 'Admin')).resolves.toMatchObject({ value: 'Admin', changed: true, navigated: false });
    expect($('role').textContent).toBe('Role: Admin');
  });

  test('a picker that closes and still shows its old choice did not take the option', async () => {
    document.body.innerHTML = '';
    buttonPicker('who', 'Wade Cooper', ['Wade Cooper', 'Devon Webb'], () => undefined);
    await expect(choose('who', 'Devon Webb')).rejects.toMatchObject({
      name: 'ActionError', data: { state: 'not-chosen' }, message: 'id="who" did not take the option "Devon Webb": it shows "Wade Cooper"',
    });
  });

  test('the page title is not the picker\'s: an ignored option the title then names is still not taken', async () => {
    document.head.innerHTML = '<title>Shop</title>';
    document.body.innerHTML = '';
    buttonPicker('size', 'Small', ['Small', 'Large'], (size) => { document.title = `Shop – ${size}`; });
    await expect(choose('size', 'Large')).rejects.toMatchObject({ name: 'ActionError', data: { state: 'not-chosen' } });
  });
});

describe('a text box with options', () => {
  test('a field with a datalist: the option\'s value is typed into it', async () => {
    document.body.innerHTML = '<label>Browser <input id="dl" role="combobox" list="browsers"></label><datalist id="browsers"><option value="Chrome"><option value="Firefox"></datalist>';
    await expect(choose('dl', 'firefox')).resolves.toMatchObject({ value: 'Firefox', navigated: false });
    expect(($('dl') as HTMLInputElement).value).toBe('Firefox');
    // A partial match reads the value too (review, session 40: "SF" for an airport listed by its name).
    document.body.insertAdjacentHTML('beforeend', '<label>Airport <input id="ap" list="airports"></label><datalist id="airports"><option value="SFO" label="San Francisco International"><option value="OAK" label="Oakland"></datalist>');
    await expect(choose('ap', 'SF')).resolves.toMatchObject({ value: 'SFO' });
    await expect(choose('dl', 'Opera')).rejects.toMatchObject({ name: 'ActionError', message: 'no option "Opera"; options: "Chrome", "Firefox"' });
    expect(($('dl') as HTMLInputElement).value).toBe('Firefox');
  });

  test('a search box whose options matched nothing typed: its text put back, the options it showed reported', async () => {
    document.body.innerHTML = '<input id="cmd" role="combobox" aria-controls="cmd-list" aria-expanded="false" aria-label="Search or jump to"><ul id="cmd-list" role="listbox"></ul><p id="searches">0</p>';
    const cmd = $('cmd') as HTMLInputElement;
    const searched: string[] = [];
    cmd.addEventListener('input', () => {
      searched.push(cmd.value);
      $('cmd-list').innerHTML = ['Go to dashboard', 'Go to settings', 'New repository'].filter((c) => c.toLowerCase().includes(cmd.value.toLowerCase()))
        .map((c) => `<li role="option">${c}</li>`).join('');
    });
    cmd.addEventListener('focus', () => cmd.dispatchEvent(new Event('input')));
    await expect(choose('cmd', 'Go to billing')).rejects.toMatchObject({
      name: 'ActionError', message: 'no option "Go to billing"; options: "Go to dashboard", "Go to settings", "New repository"',
    });
    expect(cmd.value).toBe('');
    expect(searched.at(-1)).toBe('');
  });
});
