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
