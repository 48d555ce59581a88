// @vitest-environment happy-dom
/** Lists and names found wanting on the real snapshots by session 31's exploratory tests. */
import { expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { lists, load } from './helpers.ts';

test('a reference row holding an inline <link> stylesheet is still one of the references (Wikipedia)', () => {
  const refs = ['Smith 2001', 'Jones 2004', 'Brown 2010', 'Green 2015', 'White 2020'];
  const rows = refs.map((ref, i) => `<li id="cite-${i}"><span class="back"><a href="#r${i}">^</a></span>
    ${i === 2 ? '<link rel="mw-deduplicated-inline-style" href="mw-data:TemplateStyles:r1">' : ''}
    <span class="text"><cite>${ref}</cite> <a href="https://example.org/${i}">Paper ${i}</a></span></li>`);
  const doc = buildPageDocument((load(`<main><h2>References</h2><ol class="references">${rows.join('')}</ol></main>`), document));
  const list = lists(doc).find((entry) => entry.name.startsWith('references__'));
  expect(list).toMatchObject({ count: 5 });
});

test('heading permalinks that show only "#" or "¶" read as their headings, in the list and as one link', () => {
  const sections = ['Using standalone mode', 'Write your own loader', 'Running in Wasm runtimes', 'Building Wasm plugins',
    'Limitations', 'Future work', 'Conclusion', 'Acknowledgements'];
  const headings = sections.map((title, i) => `<h2 id="s${i}">${title} <a class="bookmark" href="#s${i}">#</a></h2><p>Text ${i}.</p>`);
  const doc = buildPageDocument((load(`<main><h1>Standalone Wasm</h1>${headings.join('')}
    </main><aside><h2 id="faq">Questions</h2><p>Ask. <a href="#faq">¶</a></p></aside>`), document));
  const anchors = lists(doc).find((entry) => entry.name.endsWith('__anchors'));
  expect(anchors?.samples.slice(0, 5).map((sample) => sample['link'])).toEqual(sections.slice(0, 5));
  // One outside its heading stands for the heading its address leads to.
  const faq = doc.sections.flatMap((section) => section.entries).find((entry) => entry.kind === 'link' && entry.description.includes('Questions'));
  expect(faq?.description).toBe('Questions');
});

test('rows a heading stands between are two sections\' rows: Wikipedia\'s one-bullet lists of "Properties" do not take in "See also"', () => {
  const fact = (i: number) => `<ul><li>Fact ${i} about the <a href="/wiki/M${i}">matrix ${i}</a> and why it holds.</li></ul><dl><dd>Proof ${i}.</dd></dl>`;
  const seeAlso = ['Skew-Hermitian matrix', 'Haynsworth inertia additivity', 'Hermitian form', 'Self-adjoint operator', 'Unitary matrix'];
  const doc = buildPageDocument((load(`<main><div class="content">
    <h2>Properties</h2>${[1, 2, 3, 4, 5].map(fact).join('')}
    <div class="mw-heading"><h2>See also</h2><span><a href="/edit">edit</a></span></div>
    <ul>${seeAlso.map((title) => `<li><a href="/wiki/${title.replace(/ /g, '_')}">${title}</a></li>`).join('')}</ul>
  </div></main>`), document));
  const found = lists(doc);
  const properties = found.find((entry) => entry.name.startsWith('properties__'));
  expect(properties?.count).toBe(5);
  // Every "See also" link is addressable, in its own section.
  const shown = JSON.stringify(doc.sections.filter((section) => section.name === 'see_also'));
  for (const title of seeAlso) expect(shown).toContain(title);
});

test('a heading before each row titles the row: such rows stay one list (a FAQ)', () => {
  const rows = [1, 2, 3, 4].map((i) => `<h3>Question ${i}</h3><div class="answer"><a href="/a/${i}">Read answer ${i}</a> <span>${i} votes</span></div>`).join('');
  const doc = buildPageDocument((load(`<main><h2>FAQ</h2><div class="faq">${rows}</div></main>`), document));
  expect(lists(doc).map((entry) => entry.count)).toEqual([4]);
});
