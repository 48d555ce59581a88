// The synthetic page `npm run bench:docs` and `scripts/profile-docs.mjs generated` read: sections of a heading, a
// paragraph with a link, a two-item list, a labelled input and a button, repeated up to about `elements` elements.
export function generatedPage(elements) {
  const parts = ['<!doctype html><html><head><title>Generated</title></head><body><main><h1>Generated</h1>'];
  let count = 6;
  for (let i = 0; count < elements; i++) {
    parts.push(`<section><h2>Part ${i}</h2><p>Some text with <a href="/p/${i}">a link ${i}</a> and <em>emphasis</em>.</p><ul><li>one</li><li>two</li></ul><label>Note ${i} <input name="n${i}"></label><button>Save ${i}</button></section>`);
    count += 10;
  }
  parts.push('</main></body></html>');
  return parts.join('');
}
