// @vitest-environment happy-dom
/** Names found wanting by the exploratory test of framework-built pages (session 31). */
import { expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { load, names } from './helpers.ts';

test('ARIA radio groups labelled by a heading (aria-labelledby) name their radios, so two Yes/No groups differ', () => {
  load(`<form aria-label="Order options">
    <span id="wrap">Gift wrap</span><div role="radiogroup" aria-labelledby="wrap">
      <div role="radio" aria-checked="true" tabindex="0">Yes</div><div role="radio" aria-checked="false" tabindex="-1">No</div></div>
    <span id="door">Leave at door</span><div role="radiogroup" aria-labelledby="door">
      <div role="radio" aria-checked="false" tabindex="0">Yes</div><div role="radio" aria-checked="true" tabindex="-1">No</div></div>
  </form>`);
  expect(names(buildPageDocument(document))).toEqual([
    'order_options__gift_wrap_yes', 'order_options__gift_wrap_no', 'order_options__leave_at_yes', 'order_options__leave_at_no',
  ]);
});

test('an icon button whose only content is a glyph or emoji is named by its title, not left a bare "button"', () => {
  load(`<section aria-label="Project Apollo"><button title="Delete project">🗑</button><div title="Share" style="cursor:pointer" onclick="void 0">🔗</div>
    <button title="Close">×</button><button title="Ignored">Save</button></section>`);
  const found = names(buildPageDocument(document));
  expect(found).toContain('project_apollo__delete_project_button');
  expect(found).toContain('project_apollo__close_button');
  // Words it shows still name it (its title is only a hint).
  expect(found).toContain('project_apollo__save_button');
  expect(found.some((name) => /__button$|__clickable$/.test(name))).toBe(false);
});

test('a table whose head is only a title across it (LWN\'s "By changesets") is a list: columns by place, named by the title', async () => {
  const { lists } = await import('./helpers.ts');
  const doc = buildPageDocument((load(`<main><h2>Some conclusions</h2><table><tbody>
    <tr><th colspan="3">Companies supporting LibreOffice development</th></tr><tr><th colspan="3">(by changesets)</th></tr>
    <tr><td>Red Hat</td><td>8101</td><td>34.7%</td></tr><tr><td>SUSE</td><td>3500</td><td>15.0%</td></tr>
    <tr><td>Collabora</td><td>1200</td><td>5.1%</td></tr></tbody></table></main>`), document));
  const [table] = lists(doc);
  expect(table).toMatchObject({ count: 3, fields: ['column_1', 'column_2', 'column_3'] });
  expect(table!.name).toMatch(/^some_conclusions__companies_supporting/);
  expect(table!.samples[0]).toEqual({ column_1: 'Red Hat', column_2: '8101', column_3: '34.7%' });
});

test('a single-column table or a layout table with a title row is still no list', async () => {
  const { lists } = await import('./helpers.ts');
  const one = buildPageDocument((load('<table><tr><th colspan="2">Notes</th></tr><tr><td>a</td></tr><tr><td>b</td></tr><tr><td>c</td></tr></table>'), document));
  expect(lists(one)).toEqual([]);
  const layout = buildPageDocument((load('<table><tr><th colspan="2">Site</th></tr><tr><td><table><tr><td>x</td><td>y</td></tr></table></td><td>z</td></tr><tr><td>p</td><td>q</td></tr></table>'), document));
  expect(lists(layout)).toEqual([]);
});
