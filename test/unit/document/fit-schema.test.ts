// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { PageDocumentSchema } from '../../../extension/protocol/schemas.ts';
import { cutUnits, fitToSchema } from '../../../extension/protocol/fit.ts';
import { slug, truncate } from '../../../extension/content/document/text.ts';
import { build, entries, load } from './helpers.ts';
import { buildPageDocument } from '../../../extension/content/document/build.ts';

const fits = () => fitToSchema(PageDocumentSchema, buildPageDocument(document));

describe('one odd field does not make a page unreadable (review, session 13)', () => {
  test('cuts count UTF-16 units and never split a surrogate pair', () => {
    expect(cutUnits('ab😀cd', 3)).toBe('ab');
    expect(truncate('😀'.repeat(10), 5)).toBe('😀😀…');
    expect(truncate('😀'.repeat(10), 5).length).toBeLessThanOrEqual(5);
    const name = slug(`${'一'.repeat(39)}𠀀𠀁`);
    expect(name).toMatch(/^[\p{L}\p{N}_]*$/u);
  });

  test.each([
    ['an aria-label of 200 emoji', `<button aria-label="${'🎉'.repeat(200)}">x</button><a href="/x">ok</a>`],
    ['a textarea holding 600 emoji', `<textarea aria-label="Message">${'😀'.repeat(600)}</textarea><a href="/x">ok</a>`],
    ['a CJK heading ending in rare characters', `<h2>${'一'.repeat(39)}𠀀𠀁</h2><button>Go</button><a href="/x">ok</a>`],
  ])('%s: the document validates and keeps its entries', (_name, html) => {
    load(html);
    const doc = fits();
    expect(v.safeParse(PageDocumentSchema, doc).success).toBe(true);
    expect(entries(doc).length).toBeGreaterThanOrEqual(2);
  });

  test('a button 40 custom elements deep: its too-long CSS path is dropped, its other locators stay', () => {
    let html = '<button>Go</button>';
    for (let i = 0; i < 40; i++) html = `<ytd-rich-grid-renderer-${i % 5} id="content"><span></span>${html}</ytd-rich-grid-renderer-${i % 5}>`;
    load(`${html}<div id="content"></div>`);
    const raw = build();
    const longest = Math.max(...entries(raw).flatMap((e) => e.locators.map((l) => l.value.length)));
    const doc = fits();
    const go = entries(doc).find((e) => e.name.includes('go'));
    expect(go).toBeDefined();
    expect(go!.locators.every((l) => l.value.length <= 1000)).toBe(true);
    if (longest > 1000) expect(go!.locators.length).toBeGreaterThan(0);
  });

  test('a 5,000-character URL in the last click is cut, not fatal; a hopeless shape still throws', () => {
    load('<button>Go</button>');
    const doc = buildPageDocument(document);
    const fitted = fitToSchema(PageDocumentSchema, { ...doc, lastClick: { locators: [], msAgo: 5, url: `https://x.example/#${'a'.repeat(5000)}` } }) as { lastClick?: { url: string } };
    expect(fitted.lastClick?.url.length).toBe(4000);
    expect(() => fitToSchema(PageDocumentSchema, { ...doc, sections: 'nope' } as never)).toThrow();
  });
});

test('cssPath and textOf walk a DOM 10,000 levels deep without recursion (a page can nest that deep)', async () => {
  const { cssPath } = await import('../../../extension/content/document/locators.ts');
  const { textOf } = await import('../../../extension/content/document/dom.ts');
  const top = document.createElement('div');
  document.body.replaceChildren(top);
  let node: Element = top;
  for (let i = 0; i < 10_000; i++) {
    const child = document.createElement('div');
    node.appendChild(child);
    node = child;
  }
  node.textContent = 'Deep';
  expect(cssPath(node).split(' > ')).toHaveLength(10_003);
  expect(textOf(top)).toBe('Deep');
});
