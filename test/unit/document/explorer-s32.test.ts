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
