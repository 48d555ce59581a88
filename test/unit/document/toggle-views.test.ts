// @vitest-environment happy-dom
/**
 * What a collapsed toggle (`aria-expanded=false` + `aria-controls`) shows while it is hidden — a menu button's menu, an
 * accordion header's panel — is a view of the page behind that toggle, as a hidden tab panel is behind its tab: its
 * controls are not offered among the page's, a script may name them and the runtime clicks the toggle first. Layout-free
 * here (happy-dom): panels hidden by `hidden` or `display: none`; the faded and zero-height ones are in menus.e2e.ts.
 */
import { expect, test } from 'vitest';
import { build, names } from './helpers.ts';

const viewsOf = (doc: ReturnType<typeof build>) => (doc.views ?? []).map((view) => [view.via, view.sections.flatMap((s) => s.entries.map((e) => e.name))]);

test('a hidden menu and a closed accordion panel are views behind their toggles', () => {
  const doc = build(`<nav aria-label="Account"><button aria-expanded="false" aria-controls="menu">You</button>
    <ul id="menu" role="menu" hidden><li role="none"><a role="menuitem" href="/profile">Profile</a></li></ul></nav>
    <main><h2>Questions</h2><button aria-expanded="false" aria-controls="a1">Shipping</button>
    <div id="a1" style="display: none"><a href="/rates">Rates</a></div></main>`);
  expect(names(doc)).toEqual(['account__you_button', 'questions__shipping_button']);
  expect(viewsOf(doc)).toEqual([['account__you_button', ['account__profile_menuitem']], ['questions__shipping_button', ['questions__rates_link']]]);
});

test('an open one (shown, or its toggle expanded) is read as part of the page', () => {
  const doc = build(`<main><button aria-expanded="true" aria-controls="a1">Shipping</button><div id="a1" hidden><a href="/rates">Rates</a></div>
    <button aria-expanded="false" aria-controls="a2">Returns</button><div id="a2"><a href="/returns">Return form</a></div></main>`);
  expect(names(doc)).toEqual(['main__shipping_button', 'main__returns_button', 'main__return_form_link']);
  expect(doc.views).toBeUndefined();
});

test('a combobox\'s hidden list box, a hidden dialog and a toggle that is itself hidden make no view', () => {
  const doc = build(`<main><label for="c">City</label><input id="c" role="combobox" aria-expanded="false" aria-controls="lb">
    <ul id="lb" role="listbox" hidden><li role="option">Oslo</li></ul>
    <button aria-expanded="false" aria-controls="d">Delete</button><div id="d" role="dialog" hidden><button>Confirm</button></div>
    <div hidden><button aria-expanded="false" aria-controls="m">More</button></div><div id="m" hidden><button>Export</button></div></main>`);
  expect(doc.views).toBeUndefined();
});

test('a box typed into, a button popping up a list box or a dialog, a link that goes somewhere make no view (review, session 45)', () => {
  const doc = build(`<main><button aria-haspopup="listbox" aria-expanded="false" aria-controls="opts">France</button>
    <div id="opts" style="display: none"><ul role="listbox"><li role="option">France</li></ul></div>
    <input placeholder="Check-in date" aria-haspopup="dialog" aria-expanded="false" aria-controls="dp"><div id="dp" style="display: none"><button>Apply</button></div>
    <input type="search" aria-label="Search" aria-expanded="false" aria-controls="sugg"><div id="sugg" style="display: none"><a href="/s?q=shoes">shoes</a></div>
    <a href="/products" aria-expanded="false" aria-controls="mega"><span>Products</span></a><div id="mega" style="display: none"><a href="/widgets">Widgets</a></div>
    <button aria-expanded="false" aria-controls="sel">Pick</button><div id="sel" hidden><div role="listbox"><div role="option">One</div></div></div></main>`);
  expect(doc.views).toBeUndefined();
});

// Explorer, session 46: Bootstrap's dropdown and MUI's "show more" say no aria-controls: their menus were nowhere.
test('a toggle that says nothing of what it shows shows the hidden element right after it, or after its row', () => {
  const doc = build(`<nav aria-label="Main"><ul><li class="dropdown"><a class="dropdown-toggle" href="#" role="button" aria-expanded="false">Reports</a>
    <ul class="dropdown-menu" style="display: none"><li><a href="/sales">Sales</a></li><li><a href="/stock">Stock</a></li></ul></li></ul></nav>
    <main><h2>Recipe</h2><div class="actions"><button aria-label="Share">S</button><button aria-expanded="false" aria-label="show more">v</button></div>
    <div class="collapse" hidden><p>Method</p><button>Print recipe</button></div>
    <button aria-expanded="false">Filters</button><div class="results"><a href="/r1">Result one</a></div></main>`);
  expect(viewsOf(doc)).toEqual([['main_nav__reports_button', ['main_nav__sales_link', 'main_nav__stock_link']], ['recipe__show_more_button', ['recipe__print_recipe_button']]]);
  // What follows a toggle and is shown is the page's (the results after a "Filters" button).
  expect(names(doc)).toContain('recipe__result_one_link');
});

// Review, session 46: a panel must say it is one; a hidden post after a "Share" button, a search overlay after a menu
// button's row, are not what those toggles show.
test('a hidden element after a toggle that says nothing is its view only when it says it is a menu or a collapse', () => {
  const doc = build(`<div class="topbar"><a href="/">Acme</a><button aria-expanded="false" aria-label="Menu">☰</button></div>
    <div class="search-overlay" style="display: none"><form action="/search"><input type="search" name="q"><button>Go</button></form></div>
    <main><h2>Posts</h2><div class="post"><p>One</p><button aria-expanded="false">Share</button></div><div class="post" style="display: none"><a href="/2">Read post 2</a></div></main>`);
  expect(doc.views).toBeUndefined();
});
