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
