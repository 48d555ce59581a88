// @vitest-environment happy-dom
/**
 * A part of the page that takes the focus to be read or scrolled (a region, a tab panel, a banner holding its own
 * buttons) is no control (explorer, session 43: `$cookie_banner__cookie_banner clickable shows="We value…"`,
 * `$dashboard__profile clickable`). A tab stop of words and nothing else still is one.
 */
import { expect, test } from 'vitest';
import { build, names } from './helpers.ts';

test('containers with a tab stop are not clickable; a bare tab stop is', () => {
  const doc = build(`<main><h1>Dashboard</h1>
    <section class="cookie-banner" tabindex="0" aria-label="Cookie banner"><p>We value your privacy.</p><button>Accept all</button><button>Necessary only</button></section>
    <div role="tablist"><button role="tab" aria-selected="true" aria-controls="p1">Profile</button></div>
    <div role="tabpanel" id="p1" tabindex="0" aria-label="Profile">Profile content</div>
    <div class="scroller" tabindex="0"><p>Terms of service</p><a href="/terms">Full terms</a></div>
    <div class="chip" tabindex="0">Open details</div></main>`);
  expect(names(doc)).toEqual(['cookie_banner__accept_all_button', 'cookie_banner__necessary_only_button', 'dashboard__profile_tab', 'dashboard__full_terms_link',
    'dashboard__open_details']);
});
