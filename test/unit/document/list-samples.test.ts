// @vitest-environment happy-dom
/** List samples say whether each item's box is checked (review #5): "uncheck the done items" can be planned. */
import { expect, test } from 'vitest';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { build, list } from './helpers.ts';

const todo = (title: string, due: string, done: boolean) =>
  `<li><input type="checkbox" aria-label="Done: ${title}"${done ? ' checked' : ''}> <span class="title">${title}</span> <span class="due">${due}</span> <button type="button">Remove</button></li>`;

test('each sample carries its checkbox state; the prompt shows it unquoted', () => {
  const doc = build(`<main><ul aria-label="Todo items">${todo('Buy milk', 'Mon', true)}${todo('Walk the dog', 'Tue', false)}${todo('Write report', 'Wed', false)}${todo('Call the bank', 'Thu', true)}</ul></main>`);
  const todos = list(doc, 'main__todo_items');
  expect(todos.actions).toEqual(['done', 'remove']);
  expect(todos.samples).toEqual([
    { title: 'Buy milk', due: 'Mon', done: 'true' },
    { title: 'Walk the dog', due: 'Tue', done: 'false' },
    { title: 'Write report', due: 'Wed', done: 'false' },
  ]);
  expect(renderDocument(doc)).toContain('e.g. {title: "Buy milk", due: "Mon", done: true} {title: "Walk the dog", due: "Tue", done: false}');
});

test('a text field whose words are "true" stays quoted: only the state is bare', () => {
  const doc = build(`<main><ul aria-label="Items">${['true', 'false', 'open'].map((x) => `<li><span class="status">${x}</span><span class="title">Item ${x}</span><button>Open</button></li>`).join('')}</ul></main>`);
  expect(renderDocument(doc)).toContain('{status: "true", title: "Item true"} {status: "false"');
});
