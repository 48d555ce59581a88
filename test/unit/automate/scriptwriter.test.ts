// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { isScriptWriter, scriptWriterAnswer, scriptWriterCall } from '../../../extension/features/automate/scriptwriter.ts';
import { catalogue } from '../../../models/catalogue.ts';

const page = () => {
  document.body.innerHTML = `<main><h1>Shop</h1>
    <form aria-label="Search"><input type="search" aria-label="Search products"><button>Go</button></form>
    <ul aria-label="Products">${['Blue Lamp', 'Red Chair', 'Tiny Mug'].map((n) => `<li><span class="name">${n}</span> <button>Buy</button></li>`).join('')}</ul></main>`;
  return buildPageDocument(document);
};

describe('script-writer models in automation', () => {
  test('status messages are neither in its input nor names it may write (the task word "Remove" led it to a `removed` counter, session 27)', () => {
    document.body.innerHTML = `<main><h2>Todos</h2><ul aria-label="Todo items">${['Buy milk', 'Walk the dog', 'Write report'].map((t) =>
      `<li><span class="title">${t}</span> <button>Remove</button></li>`).join('')}</ul><p>Removed: <output id="removed">0</output></p></main>`;
    const doc = buildPageDocument(document);
    const message = doc.sections.flatMap((s) => s.entries).find((e) => e.kind === 'message');
    expect(message?.name).toMatch(/removed/);
    const call = scriptWriterCall(doc, 'Remove the todo Walk the dog', []);
    expect(call.names).not.toContain(message!.name);
    expect(call.api.elements).not.toContain(message!.name);
    expect(call.prompt).not.toContain(message!.name);
    expect(Object.keys(call.api.lists).length).toBe(1);
  });
  test('the input is the trained form: document without the URL, other views, then the task; names cover both', () => {
    const doc = page();
    const call = scriptWriterCall(doc, 'Buy the Red Chair', ['settings__dark_mode', 'search__search_products']);
    const lines = call.prompt.split('\n');
    expect(lines[0]).toBe(`page ${JSON.stringify(doc.title)}`);
    expect(call.prompt).not.toContain('http');
    expect(lines.at(-2)).toBe('other views: $settings__dark_mode');
    expect(lines.at(-1)).toBe('task: Buy the Red Chair');
    const here = doc.sections.flatMap((s) => s.entries.map((e) => e.name));
    expect(call.names).toEqual([...here, 'settings__dark_mode']);
  });

  test('quoted strings copy the task, and of the page only its symbols', () => {
    document.body.innerHTML = `<main><h1>Shop</h1><ul aria-label="Products">${['Blue Lamp', 'Red Chair', 'Tiny Mug'].map((n, i) =>
      `<li><span class="name">${n}</span> <span class="price">$${i + 3}.50</span> <button>Buy</button></li>`).join('')}</ul></main>`;
    const call = scriptWriterCall(buildPageDocument(document), 'Buy the cheapest', []);
    expect(call.literals[0]).toBe('Buy the cheapest');
    expect(call.literals).toHaveLength(2);
    expect(call.literals[1]).toContain('$');
    expect(call.literals[1]).toMatch(/^[^\p{L}\p{N}\s](\n[^\p{L}\p{N}\s])*$/u);
  });

  test('a bare script becomes the runner\'s answer, with the elements it names and who wrote it', () => {
    const answer = scriptWriterAnswer('  $products__items.find("Red Chair").buy.click();\n', 'Script writer');
    expect(answer).toEqual({ plan: expect.stringContaining('Script writer'), elements: ['$products__items'], script: '$products__items.find("Red Chair").buy.click();' });
  });

  test('the catalogue marks script writers by their prompt format', () => {
    expect(isScriptWriter({ promptFormat: 'scriptwriter' })).toBe(true);
    expect(catalogue.filter(isScriptWriter).every((e) => e.goodFor.includes('automate'))).toBe(true);
  });
});
