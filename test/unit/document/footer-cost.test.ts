// @vitest-environment happy-dom
/** Finding 7 of the session 24 review: the footer test ran `closest(footer selector)` for every walked element. */
import { expect, test } from 'vitest';

test('7: the footer test costs one look per footer, not one per walked element', async () => {
  document.body.innerHTML = `<h1>Site</h1><h2>Story</h2>${'<p><a href="/x">Link</a> <button>Go</button></p>'.repeat(60)}<div class="footer"><a href="/about">About</a></div>`;
  // dom-safe.ts keeps the prototype's methods as it finds them when loaded: patch before loading the builder.
  const original = Element.prototype.closest;
  let footerLooks = 0;
  Element.prototype.closest = function (this: Element, selector: string) {
    if (selector.includes('footer')) footerLooks++;
    return original.call(this, selector);
  } as typeof original;
  try {
    const { buildPageDocument } = await import('../../../extension/content/document/build.ts');
    const doc = buildPageDocument(document);
    expect(doc.sections.map((s) => s.name)).toEqual(['story', 'footer']);
    expect(footerLooks).toBeLessThan(10);
  } finally {
    Element.prototype.closest = original;
  }
});
