// @vitest-environment happy-dom
/**
 * Explorer, session 46: boxes drawn as empty `<button role=radio|checkbox|switch>` with a `<label for>` (Radix, shadcn)
 * were `radio`, `radio_2`, `checkbox`, `switch`; a toggle button not pressed said nothing of being a toggle.
 */
import { expect, test } from 'vitest';
import { build, names } from './helpers.ts';
import { renderPrompt } from '../../../extension/content/document/render.ts';

test('a drawn box named by its <label for>', () => {
  const doc = build(`<main><h2>Prefs</h2>
    <div role="radiogroup" aria-label="Notify me about">
      <div><button type="button" role="radio" aria-checked="false" id="r-a"></button><label for="r-a">All new messages</label></div>
      <div><button type="button" role="radio" aria-checked="true" id="r-b"></button><label for="r-b">Mentions only</label></div>
    </div>
    <div><button type="button" role="checkbox" aria-checked="true" id="c7"></button><label for="c7">Accept terms</label></div>
    <div><button type="button" role="switch" aria-checked="false" id="s9"></button><label for="s9">Airplane mode</label></div></main>`);
  expect(names(doc)).toEqual(['prefs__notify_me_all_new_messages', 'prefs__notify_me_mentions_only', 'prefs__accept_terms', 'prefs__airplane_mode_switch']);
});

test('a toggle button says it is not pressed', () => {
  const text = renderPrompt(build('<main><h2>Item</h2><button aria-pressed="false">Add to wishlist</button><button aria-pressed="true">Follow</button></main>')).text;
  expect(text).toContain('$item__add_to_wishlist_button [not pressed]');
  expect(text).toContain('$item__follow_button [pressed]');
});
