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

test('a control says what it controls by its name or an id of words, never a generated id or one of nothing', () => {
  const text = renderPrompt(build(`<main><h2>Team</h2><button role="combobox" aria-expanded="false" aria-controls="radix-:r5:">Owner</button>
    <button aria-expanded="false" aria-controls="m1">Menu</button><div id="m1" hidden></div>
    <button aria-expanded="false" aria-controls="shipping-panel">Shipping</button><div id="shipping-panel" hidden><p>x</p></div></main>`)).text;
  expect(text).not.toContain('radix');
  expect(text).not.toContain('"m1"');
  expect(text).toContain('controls "shipping-panel"');
});

test('a member row\'s picker is named by the person, not the avatar\'s initials; a hidden native select beside it gives its options', () => {
  const row = (initials: string, name: string, role: string) => `<div class="row"><div class="who"><span class="avatar">${initials}</span><div><p>${name}</p><p>${initials.toLowerCase()}@example.com</p></div></div>
    <button type="button" role="combobox" aria-expanded="false" aria-controls="radix-:r${initials}:"><span>${role}</span></button>
    <select aria-hidden="true" tabindex="-1"><option value=""></option><option>Viewer</option><option>Member</option><option${role === 'Owner' ? ' selected' : ''}>Owner</option></select></div>`;
  const doc = build(`<main><h2>Team members</h2>${row('SD', 'Sofia Davis', 'Owner')}${row('JL', 'Jackson Lee', 'Member')}</main>`);
  expect(names(doc)).toEqual(['team_members__sofia_davis', 'team_members__jackson_lee']);
  expect(renderPrompt(doc).text).toContain('$team_members__sofia_davis combobox [value="Owner" collapsed] options=["Viewer", "Member", "Owner"]');
});

test('a pagination marked by classes alone: its page item `.active` is current, a `.disabled` one no pointer reaches is disabled', () => {
  const text = renderPrompt(build(`<style>.page-item.disabled .page-link { pointer-events: none; }</style><main><h1>Orders</h1>
    <nav aria-label="Pages"><ul class="pagination"><li class="page-item disabled"><a class="page-link" href="?p=0">Previous</a></li>
    <li class="page-item active"><a class="page-link" href="?p=1">1</a></li><li class="page-item"><a class="page-link" href="?p=2">2</a></li></ul></nav></main>`)).text;
  expect(text).toMatch(/\$pages__previous_link \[disabled\]/);
  expect(text).toMatch(/\$pages__1_link \[current\]/);
  expect(text).not.toMatch(/\$pages__2_link \[/);
});

test('a toast after the page\'s main part is named by what it is, not by the last field of that part', () => {
  const doc = build(`<main><h1>Orders</h1><h2>Gift options</h2><label><input type="checkbox"> Gift wrap</label></main>
    <div class="toast-container"><div class="toast" role="alert"><div class="toast-body">Order #1001 was refunded.</div></div></div>`);
  expect(names(doc)).toContain('page__toast');
  expect(names(doc).join(' ')).not.toContain('gift_wrap_alert');
});

test('a title that is an acronym is no avatar\'s initials (review, session 46)', () => {
  const doc = build(`<main><h2>Notifications</h2><div style="display: flex"><div><div class="title">SMS</div><div class="desc">Texts about your orders</div></div>
    <button role="switch" aria-checked="false"></button></div></main>`);
  expect(names(doc)).toEqual(['notifications__sms_switch']);
});
