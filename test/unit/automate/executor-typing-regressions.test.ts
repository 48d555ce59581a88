// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { act } from '../../../extension/content/executor/index.ts';
import type { ActRequest } from '../../../extension/protocol/schemas.ts';

/** type() on fields that bf63ef9 got wrong: copies with their caret at 0, late state, line breaks, secrets, long values. */
const byId = (value: string) => ({ locators: [{ by: 'id' as const, value }] });
const run = (request: Omit<ActRequest, 'args'> & { args?: ActRequest['args'] }) => act(document, { settleMs: 30, args: [], ...request });
const field = (id: string) => document.getElementById(id) as HTMLInputElement;
const typing = (id: string, text: string, extra: Partial<ActRequest> = {}) => run({ action: 'type', target: byId(id), args: [text], ...extra });

describe('a field the page swaps for a copy on every key', () => {
  test('the copy starts with its caret at 0 (as Chrome puts it): keys still go after the text', async () => {
    document.body.innerHTML = '<div id="wrap"><label>Search <input id="re"></label></div>';
    const bind = () => field('re').addEventListener('input', () => {
      document.getElementById('wrap')!.innerHTML = `<label>Search <input id="re" value="${field('re').value}"></label>`;
      field('re').focus();
      field('re').setSelectionRange(0, 0);
      bind();
    });
    bind();
    const reply = await typing('re', 'hello');
    expect(field('re').value).toBe('hello');
    expect(reply.value).toBeNull();
  });

  test('a field that puts the caret back at 0 after each key holds the text backwards: not typed', async () => {
    document.body.innerHTML = '<label>Name <input id="back"></label>';
    field('back').addEventListener('input', () => field('back').setSelectionRange(0, 0));
    await expect(typing('back', 'hello')).rejects.toMatchObject({ name: 'ActionError', data: { state: 'not-typed' } });
    expect(field('back').value).toBe('olleh');
  });

  test('a date the page turns around once typed is still taken', async () => {
    document.body.innerHTML = '<label>Day <input id="day"></label>';
    field('day').addEventListener('change', () => { field('day').value = field('day').value.split('-').reverse().join('/'); });
    expect((await typing('day', '2024-05-06')).value).toBe('06/05/2024');
  });
});

test('a controlled field whose state arrives a tick later (React puts the old value back after each key) gets every key', async () => {
  document.body.innerHTML = '<label>City <input id="name"></label>';
  const el = field('name');
  let state = '';
  el.addEventListener('input', () => {
    const next = el.value;
    setTimeout(() => { state = next; el.value = state; }, 0);
    el.value = state;
  });
  await typing('name', 'Lisbon');
  expect(el.value).toBe('Lisbon');
});

describe('line breaks', () => {
  test.each(['one\r\ntwo', 'one\rtwo'])('%j in a text area or an editor is one line break', async (text) => {
    document.body.innerHTML = '<label>Notes <textarea id="notes"></textarea></label><div id="editor" contenteditable="true" aria-label="Body"></div>';
    await typing('notes', text);
    expect((document.getElementById('notes') as HTMLTextAreaElement).value).toBe('one\ntwo');
    await typing('editor', text);
    expect(document.getElementById('editor')!.textContent).toBe('one\ntwo');
  });
});

describe('what type() returns', () => {
  test('nothing of a value the user gave, however the page formats it (a secret is redacted by its exact text)', async () => {
    document.body.innerHTML = '<label>License key <input id="lic" autocomplete="off"></label>';
    const lic = field('lic');
    lic.addEventListener('input', () => { lic.value = lic.value.toUpperCase().replace(/[^A-Z0-9]/g, '').replace(/(.{4})(?=.)/g, '$1-'); });
    const reply = await typing('lic', 'abcd1234efgh5678', { userSupplied: true });
    expect(lic.value).toBe('ABCD-1234-EFGH-5678');
    expect(reply.value).toBeNull();
    // The script's own text, formatted, is still reported.
    expect((await typing('lic', 'wxyz9876')).value).toBe('WXYZ-9876');
  });

  test('a text area\'s value as it is: line breaks kept, a long one cut with "…"', async () => {
    document.body.innerHTML = '<label>Message <textarea id="msg"></textarea></label>';
    const msg = document.getElementById('msg') as HTMLTextAreaElement;
    msg.addEventListener('change', () => { msg.value += '\n--\nSent from Pocket'; });
    expect((await typing('msg', 'Hi,\nsee you')).value).toBe('Hi,\nsee you\n--\nSent from Pocket');
    const long = 'x'.repeat(2100);
    const reply = await typing('msg', long);
    expect(reply.value).toBe(`${'x'.repeat(2000)}…`);
  });
});
