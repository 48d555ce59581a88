// @vitest-environment happy-dom
/**
 * Where the user is among links, drawn as no link (a pagination's current page, a breadcrumb's last crumb), is read as
 * a link marked current (explorer, session 43: absent, so "which page am I on" had no answer).
 */
import { expect, test } from 'vitest';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { build } from './helpers.ts';

test('Bulma\'s current page without an address and Bootstrap\'s current item are links marked current', () => {
  const bulma = renderDocument(build(`<main><h1>Results</h1><nav class="pagination" aria-label="pagination"><ul class="pagination-list">
    <li><a class="pagination-link" href="?page=1">1</a></li><li><a class="pagination-link is-current" aria-current="page">2</a></li>
    <li><a class="pagination-link" href="?page=3">3</a></li></ul></nav></main>`));
  expect(bulma).toContain("$pagination__2_link [current]");
  const bootstrap = renderDocument(build(`<main><h1>Results</h1><nav aria-label="Pages"><ul class="pagination">
    <li class="page-item"><a class="page-link" href="?p=1">1</a></li><li class="page-item active" aria-current="page"><span class="page-link">2</span></li>
    <li class="page-item"><a class="page-link" href="?p=3">3</a></li><li class="page-item"><a class="page-link" href="?p=3">Next</a></li></ul></nav>
    <nav aria-label="breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="/">Home</a></li><li class="breadcrumb-item active" aria-current="page">Library</li></ol></nav></main>`));
  expect(bootstrap).toMatch(/2_link.*current/);
  expect(bootstrap).toMatch(/library_link.*current/);
});
