// @vitest-environment happy-dom
import { expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { renderPrompt } from '../../../extension/content/document/render.ts';
import { scriptwriterInput } from '../../../extension/features/automate/scriptwriter-input.ts';

// The bundled script writer was trained on list samples without box states; once chat models' documents gained them
// (`done: false`), its input changed and it wrote junk for the demo's search (bench:automation, session 23).
test('the script writer reads list samples without the box states chat models are shown', () => {
  document.body.innerHTML = `<main><h1>Todos</h1><ul aria-label="Todo items">${['Buy milk', 'Walk the dog', 'Write report'].map((t, i) =>
    `<li><input type="checkbox" aria-label="Done: ${t}"${i === 1 ? ' checked' : ''}> <span class="title">${t}</span> <button type="button">Remove</button></li>`).join('')}</ul></main>`;
  const doc = buildPageDocument(document);
  expect(renderPrompt(doc).text).toMatch(/\{title: "Buy milk", \w+: false\}/);
  const input = scriptwriterInput({ doc, task: 'remove Buy milk' });
  expect(input).toContain('{title: "Buy milk"}');
  expect(input).not.toMatch(/: (true|false)\b/);
  expect(doc.sections.flatMap((s) => s.entries).some((e) => e.kind === 'list' && e.samples.some((sample) => Object.values(sample).includes('false')))).toBe(true);
});

// Nor were its pages' status lines entries then: the demo's `$inbox__status message` reaches chat models, not it.
test('the script writer reads the page without its status messages', () => {
  document.body.innerHTML = `<main><h1>Inbox</h1><form role="search"><input type="search" aria-label="Search mail"><button>Search</button></form>
    <p id="status" role="status" aria-live="polite">2 results</p></main>`;
  const doc = buildPageDocument(document);
  expect(renderPrompt(doc).text).toMatch(/\$\w*status message "2 results"/);
  const input = scriptwriterInput({ doc, task: 'search for Byte' });
  expect(input).not.toContain('message');
  expect(input).toContain('search');
});
