// @vitest-environment happy-dom
/**
 * Explorer, session 47 (pages written as Ant Design, Select2, MUI, a travel site, a search page render them): icon
 * buttons named by their icon's `role=img` label or the title of the item they fill; a heading the user writes, a
 * picker's month, a count of results name no form or section; a calendar's cells around day buttons are not entries of
 * their own; a fieldset's legend names the list it holds; a pager's current page by a modifier class.
 */
import { describe, expect, test } from 'vitest';
import { renderPrompt } from '../../../extension/content/document/render.ts';
import { build, entries, list, lists, names } from './helpers.ts';

const icon = (label: string) => `<span role="img" aria-label="${label}" class="anticon"><svg viewBox="0 0 10 10"><path d="M0 0h10v10z"/></svg></span>`;

test("an icon button is named by its icon's label, or by the title of the item it fills", () => {
  const doc = build(`<main><h1>Users</h1><button type="button">${icon('delete')}</button>
    <ul class="ant-pagination" aria-label="pagination"><li title="Previous Page" class="ant-pagination-prev"><button type="button">${icon('left')}</button></li>
    <li title="1" class="ant-pagination-item ant-pagination-item-active" tabindex="0"><a>1</a></li><li title="2" class="ant-pagination-item" tabindex="0"><a>2</a></li>
    <li title="3" class="ant-pagination-item" tabindex="0"><a>3</a></li><li title="Next Page" class="ant-pagination-next"><button type="button">${icon('right')}</button></li></ul></main>`);
  const all = names(doc);
  expect(all).toContain('users__delete_button');
  expect(all).toContain('users__previous_page_button');
  expect(all).toContain('users__next_page_button');
  // The page the pager is on, by Ant's modifier class.
  expect(renderPrompt(doc).text).toMatch(/current: \[0\] "1"/);
});

test('a heading the user writes in an editor names no form', () => {
  const doc = build(`<h1>Edit post</h1><form action="/p"><label for="t">Title</label><input id="t">
    <div contenteditable="true" aria-label="Post body"><h2>Why sleep matters</h2><p>Text</p></div><button>Update</button></form>`);
  expect(names(doc)).toEqual(['edit_post_form__title', 'edit_post_form__post_body', 'edit_post_form__update_button']);
});

test("a date picker's month inside a form names no form", () => {
  const day = (d: number) => `<td role="gridcell"><button type="button" tabindex="-1" aria-label="March ${d}, 2026">${d}</button></td>`;
  const days = [0, 7, 14, 21].map((w) => `<tr>${Array.from({ length: 7 }, (_, i) => day(w + i + 1)).join('')}</tr>`).join('');
  const doc = build(`<main><h1>Find your next trip</h1><form action="/flights"><label for="f">From</label><input id="f">
    <div role="dialog" aria-label="Choose dates"><h2>March 2026</h2><table role="grid"><thead><tr><th>Su</th><th>Mo</th><th>Tu</th><th>We</th><th>Th</th><th>Fr</th><th>Sa</th></tr></thead><tbody>${days}</tbody></table></div>
    <button>Search flights</button></form></main>`);
  const all = names(doc);
  expect(all.filter((n) => n.startsWith('march'))).toEqual([]);
  expect(all).toContain('find_your_next_form__from');
  // The cells around the day buttons are no entries of their own: one list of days.
  expect(entries(doc).filter((e) => e.kind === 'clickable')).toEqual([]);
  expect(list(doc, 'choose_dates__days').count).toBe(28);
});

test('a count of results names no section; the list says it', () => {
  const rows = ['One', 'Two', 'Three'].map((t, i) => `<div class="r"><a href="/${i}">${t}</a><button>Add to cart</button></div>`).join('');
  const doc = build(`<h1>1-16 of over 5,000 results for "headphones"</h1><form action="/s"><label for="s">Sort by:</label><select id="s"><option>Featured</option></select></form><div class="results">${rows}</div>`);
  expect(names(doc).some((n) => /1_16/.test(n))).toBe(false);
  expect(list(doc, 'page__results').countSaid).toBe('1-16 of over 5,000 results');
  // A year's results are a title.
  expect(names(build(`<h1>2024 results</h1><button>Download</button>`))).toEqual(['2024_results__download_button']);
});

test("a fieldset's legend names the list of boxes it holds", () => {
  const facet = (legend: string, labels: string[]) => `<fieldset class="facet"><legend>${legend}</legend><ul class="facet__list">${labels
    .map((l) => `<li><label><input type="checkbox"> <span class="facet__label">${l}</span> <span class="facet__count">(9)</span></label></li>`).join('')}</ul></fieldset>`;
  const doc = build(`<main><h1>Results</h1><aside aria-label="Filters">${facet('Brand', ['Sony', 'Bose', 'JBL'])}${facet('Connectivity', ['Wired', 'Wireless', 'Bluetooth'])}</aside></main>`);
  expect(list(doc, 'filters__brand').count).toBe(3);
  expect(list(doc, 'filters__connectivity').count).toBe(3);
});

test('a trigger that shows what it is for beside what is chosen is named by the first, its value the second', () => {
  const doc = build(`<form action="/search" aria-label="Search">
    <button type="button" class="date-trigger" aria-haspopup="dialog" aria-expanded="false"><span class="date-trigger__label">Depart</span> <span class="date-trigger__value">Fri, Mar 13</span></button>
    <button type="button" class="travellers-trigger" aria-expanded="false"><span class="sr-only">Travellers: </span>2 adults, 1 child</button>
    <button type="button" aria-haspopup="menu">Sort by: Newest</button>
    <button type="button" aria-expanded="false">Filters</button>
    <button type="button">Note: read me</button></form>`);
  const text = renderPrompt(doc).text;
  expect(text).toContain('$search__depart_button [value="Fri, Mar 13" collapsed]');
  expect(text).toContain('$search__travellers_button [value="2 adults, 1 child" collapsed]');
  expect(text).toContain('$search__sort_by_button [value="Newest"]');
  expect(text).toContain('$search__filters_button [collapsed]');
  // No popup: its words are its name.
  expect(names(doc)).toContain('search__note_read_me_button');
  // The name stays as the choice changes.
  document.querySelector('.date-trigger__value')!.textContent = 'Sat, Mar 14';
  expect(renderPrompt(build()).text).toContain('$search__depart_button [value="Sat, Mar 14" collapsed]');
});

test("the title of the item chosen in a list names nothing (a chat's person); a breadcrumb's current page does not count", () => {
  const chat = (chosen: string) => `<nav aria-label="Conversations"><div role="listbox" aria-label="Chat list">${['Priya Natarajan', 'Tom Becker']
    .map((n) => `<div role="option" aria-selected="${n === chosen}"><span class="name">${n}</span> <span class="last">See you</span></div>`).join('')}</div></nav>
    <main><h1>${chosen}</h1><div role="log" aria-label="Messages"><p>Hi</p></div><div contenteditable="true" role="textbox" aria-label="Type a message"></div><button aria-label="Send">➤</button></main>`;
  const first = names(build(chat('Priya Natarajan')));
  expect(first).toContain('main__send_button');
  expect(names(build(chat('Tom Becker')))).toEqual(first);
  // Chosen by its class, outside any menu.
  expect(names(build(`<ul class="threads"><li class="thread active">Quarterly report draft</li><li class="thread">Lunch</li></ul>
    <main><h2>Quarterly report draft</h2><button>Reply</button></main>`))).toContain('main__reply_button');
  // A breadcrumb's current page is the page's own title.
  expect(names(build(`<ol class="breadcrumb"><li class="breadcrumb-item"><a href="/">Home</a></li><li class="breadcrumb-item active">Laptops</li></ol>
    <main><h1>Laptops</h1><button>Compare</button></main>`))).toContain('laptops__compare_button');
});

test("an admin table's row selects are named by their column and sampled with their choice; a kit's class names no box", () => {
  const row = (name: string, role: string) => `<tr><td class="ant-table-selection-column"><label class="ant-checkbox-wrapper"><span class="ant-checkbox"><input type="checkbox" class="ant-checkbox-input"></span></label></td>
    <td><a href="/u/${name}">${name}</a></td><td><select aria-label="Role for ${name}">${['Admin', 'Editor', 'Viewer'].map((r) => `<option${r === role ? ' selected' : ''}>${r}</option>`).join('')}</select></td></tr>`;
  const doc = build(`<main><h1>Users</h1><table class="ant-table"><thead><tr><th></th><th>Name</th><th>Role</th></tr></thead>
    <tbody class="ant-table-tbody">${row('Ava', 'Admin')}${row('Ben', 'Editor')}${row('Chloe', 'Viewer')}</tbody></table></main>`);
  const users = list(doc, 'users__items');
  expect(users.actions).toEqual(['checkbox', 'name', 'role']);
  expect(users.samples[1]).toMatchObject({ name: 'Ben', role: 'Editor', checkbox: 'false' });
});

test('a rating whose stars are a role=img says what the stars say, not the count of ratings beside them', () => {
  const doc = build(`<main><h1>Headphones</h1><div class="rating"><span class="stars" role="img" aria-label="4.6 out of 5 stars">★★★★½</span> <a href="#reviews">21,532 ratings</a></div><button>Buy</button></main>`);
  expect(renderPrompt(doc).text).toContain('$headphones__rating message "4.6 out of 5 stars"');
});

test("Select2's typing box: its form is no search form, its value the chips chosen beside it", () => {
  const chip = (name: string) => `<li class="select2-selection__choice" title="${name}"><span class="select2-selection__choice__remove" role="presentation">×</span>${name}</li>`;
  const doc = build(`<form action="/issues" aria-label="New issue"><div class="form-group"><label>Assignees</label>
    <span class="select2-selection select2-selection--multiple" role="combobox" aria-haspopup="true" aria-expanded="false" tabindex="-1"><ul class="select2-selection__rendered">${chip('Maya Chen')}${chip('Jon Park')}
    <li class="select2-search select2-search--inline"><input class="select2-search__field" type="search" role="textbox" aria-autocomplete="list"></li></ul></span></div><button>Save</button></form>`);
  expect(renderPrompt(doc).text).toContain('$new_issue__assignees text_input:search [value="Maya Chen, Jon Park"]');
  document.querySelector('form')!.removeAttribute('aria-label');
  expect(names(build()).every((n) => !n.startsWith('search'))).toBe(true);
});

test("an editor toolbar's button on by its class alone is pressed; an active nav button is not", () => {
  const doc = build(`<main><h1>Write</h1><div class="editor"><div class="menubar"><button class="menubar__button is-active" title="Bold">${icon('bold')}</button><button class="menubar__button" title="Italic">${icon('italic')}</button></div>
    <div contenteditable="true" aria-label="Body"><p><strong>Hi</strong></p></div></div>
    <header><div class="mat-toolbar"><button class="active">Home</button></div><textarea aria-label="Search"></textarea></header><nav><ul><li><button class="active">Blog</button></li></ul></nav></main>`);
  const text = renderPrompt(doc).text;
  expect(text).toMatch(/__bold_button \[pressed\]/);
  expect(text).toMatch(/__italic_button$/m);
  // An app bar's `active` button is where the user is, not a toggle on.
  expect(text).toMatch(/__home_button$/m);
  expect(text).toMatch(/__blog_button$/m);
});

test("an accordion's title with a colon is one title, not a label and a value", () => {
  const doc = build(`<main><h1>FAQ</h1><button aria-expanded="false" aria-controls="a1">Q: How do I reset my password?</button><div id="a1" hidden><p>Use the link.</p></div>
    <button aria-expanded="false" aria-controls="a2">Step 1: Choose a plan</button><div id="a2" hidden><p>Pick one.</p></div></main>`);
  const text = renderPrompt(doc).text;
  expect(text).toContain('$faq__q_how_do_i_button');
  expect(text).toContain('$faq__step_1_choose_button');
  expect(text).not.toContain('value=');
});

describe('review, session 47', () => {
  test("an icon's label is no part of words beside it: names, samples, messages, a trigger's value", () => {
    const doc = build(`<main><h1>Users</h1><button type="button">${icon('plus')}<span>Add user</span></button>
      <table><thead><tr><th>Customer</th><th>Status</th></tr></thead><tbody>${['Ava', 'Ben', 'Cy'].map((n) => `<tr><td>${n}</td><td><span class="ant-tag">${icon('check-circle')}<span>Paid</span></span></td></tr>`).join('')}</tbody></table>
      <div role="alert">${icon('check-circle')}<div>User saved</div></div>
      <button aria-haspopup="menu" aria-expanded="false"><span>Sort by: Newest</span>${icon('down')}</button></main>`);
    const text = renderPrompt(doc).text;
    expect(names(doc)).toContain('users__add_user_button');
    expect(text).toContain('status: "Paid"');
    expect(text).toContain('message "User saved"');
    expect(text).toContain('$users__sort_by_button [value="Newest" collapsed]');
  });

  test("a calendar cell's selected and disabled states pass to the day's button inside it", () => {
    const doc = build(`<main><h1>Book</h1><table role="grid" aria-label="March 2026"><tbody><tr>
      <td role="gridcell" aria-selected="true"><button aria-label="March 3, 2026">3</button></td>
      <td role="gridcell" aria-disabled="true"><span role="button" aria-label="March 4, 2026">4</span></td>
      <td role="gridcell"><button aria-label="March 5, 2026">5</button></td></tr></tbody></table></main>`);
    const states = entries(doc).filter((e) => e.kind === 'button').map((e) => (e.kind === 'button' ? e.state : undefined));
    expect(states).toEqual([{ current: true }, { disabled: true }, undefined]);
  });

  test("a selected tab's, a category tree's or a settings menu's title still names the page's form", () => {
    expect(names(build(`<ul role="tablist"><li role="tab" aria-selected="true">Shipping address</li><li role="tab" aria-selected="false">Billing address</li></ul>
      <div role="tabpanel"><h2>Shipping address</h2><form><label>Street <input name="street"></label><button>Save</button></form></div>`))).toContain('shipping_address_form__street');
    expect(names(build(`<aside><ul class="category-tree"><li class="active"><a href="/c/laptops">Laptops</a></li><li><a href="/c/phones">Phones</a></li></ul></aside>
      <main><h1>Laptops</h1><form><label>Sort <select><option>Price</option></select></label></form></main>`))).toContain('laptops_form__sort');
  });

  test('a layout table keeps its heading as its form\'s name; a year\'s results are a title, not a count', () => {
    const form = (title: string, button: string) => `<form><table><tr><td colspan=2><h2>${title}</h2></td></tr><tr><td>Name</td><td><input name="name"></td></tr><tr><td><input type=submit value=${button}></td></tr></table></form>`;
    const all = names(build(form('Member registration', 'Register') + form('Newsletter', 'Subscribe')));
    expect(all).toContain('member_registration__name');
    expect(all).toContain('newsletter__name');
    const doc = build(`<main><h1>Boston Marathon</h1><section><h2>2024 Results for the Boston Marathon</h2><table><thead><tr><th>Place</th><th>Name</th></tr></thead>
      <tbody>${['Lemma', 'Kipruto', 'Tola'].map((n, i) => `<tr><td>${i + 1}</td><td><a href="/r/${n}">${n}</a></td></tr>`).join('')}</tbody></table></section></main>`);
    expect(lists(doc).map((l) => l.countSaid)).toEqual([undefined]);
    expect(lists(doc)[0]!.name).toMatch(/^2024_results__/);
  });

  test("a trigger's placeholder is no value; a heading over each list outranks the fieldset's legend", () => {
    const text = renderPrompt(build(`<form aria-label="Stay"><button type="button" aria-expanded="false"><div class="date-trigger__label">Check in</div><div class="date-trigger__value date-trigger__value--placeholder">Add dates</div></button></form>`)).text;
    expect(text).toContain('$stay__check_in_button [collapsed]');
    const box = (t: string) => `<li><label><input type=checkbox> ${t}</label></li>`;
    const doc = build(`<form aria-label="Shop"><fieldset><legend>Filters</legend><div class="facet"><h4>Brand</h4><ul class="facet__list">${['Nike', 'Puma', 'Asics'].map(box).join('')}</ul></div>
      <div class="facet"><h4>Color</h4><ul class="facet__list">${['Red', 'Blue', 'Green'].map(box).join('')}</ul></div></fieldset></form>`);
    expect(lists(doc).map((l) => l.description)).toEqual(['Brand', 'Color']);
  });

  test("a status modifier (member-active) marks nothing current; a box beside a hint reads no value; a process's steps and a carousel's slide are no wizard", () => {
    expect(entries(build(`<ul class="members"><li class="member member-active"><a href="/u/1">Ava</a></li><li class="member member-suspended"><a href="/u/2">Ben</a></li><li class="member member-active"><a href="/u/3">Cy</a></li></ul>`))
      .some((e) => e.kind === 'link' && e.state?.current)).toBe(false);
    const hinted = build(`<form aria-label="Flights"><div class="field-item"><div><input name="from" role="textbox" aria-autocomplete="list" aria-label="From"></div><span class="item-hint">e.g. Paris or CDG</span></div><button>Search</button></form>`);
    expect(entries(hinted).find((e) => e.name === 'flights__from')).not.toHaveProperty('state');
    const facts = (html: string) => entries(build(html)).filter((e) => e.kind === 'message');
    expect(facts(`<section><h2>Our process</h2><div class="process-steps"><div class="process-step"><h3>Discover</h3></div><div class="process-step"><h3>Design</h3></div><div class="process-step"><h3>Launch</h3></div></div></section>`)).toEqual([]);
    expect(facts(`<section><h2>Gallery</h2><div class="slider-steps"><div class="slide active">Sunset over the bay</div><div class="slide">Harbour</div><div class="slide">Hills</div></div></section>`)).toEqual([]);
  });
});
