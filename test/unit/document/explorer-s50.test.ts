// @vitest-environment happy-dom
/**
 * Session 50's explorer findings (settings, pull request, chat, pricing pages): a switch the page draws over its hidden
 * `role=switch` input is an entry; cards that each head their own settings are sections, not a list; a tab's counter is
 * no tab's name; the heading before a labelled landmark names no list in it.
 */
import { expect, test } from 'vitest';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { build, lists, names } from './helpers.ts';

test('cards that each head their own settings are sections of entries, the page\'s buttons after them stay in its section', () => {
  const doc = build(`<main><h1>Notifications</h1>
    <div class="card"><div class="card-header"><h2>Email</h2><p>What we email you about.</p></div>
      <div class="card-body"><label><input type="checkbox" checked> Mentions</label><label><input type="checkbox"> Digest</label></div></div>
    <div class="card"><div class="card-header"><h2>Push</h2></div>
      <div class="card-body"><label><input type="checkbox" checked> Mentions</label><label><input type="checkbox"> Reminders</label></div></div>
    <div class="card"><div class="card-header"><h2>Pause all</h2></div><div class="card-body"><button>1 hour</button><button>8 hours</button></div></div>
    <div class="actions"><button>Cancel</button><button type="submit">Save changes</button></div></main>`);
  expect(lists(doc)).toHaveLength(0);
  expect(names(doc)).toEqual(['email__mentions', 'email__digest', 'push__mentions', 'push__reminders', 'pause_all__1_hour_button',
    'pause_all__8_hours_button', 'notifications__cancel_button', 'notifications__save_changes_button']);
});

test('product cards with the same box in each, or boxes named by their card, stay a list', () => {
  const card = (title: string, label: string) => `<div class="card"><h3>${title}</h3><span class="price">$9</span><label><input type="checkbox"> ${label}</label><button>Add to cart</button></div>`;
  const same = build(`<main><h1>Shop</h1><div class="grid">${['Dune', 'Emma', 'Ulysses'].map((t) => card(t, 'Compare')).join('')}</div></main>`);
  expect(lists(same)).toHaveLength(1);
  const named = build(`<main><h1>Shop</h1><div class="grid">${['Dune', 'Emma', 'Ulysses'].map((t) => card(t, `Compare ${t}`)).join('')}</div></main>`);
  expect(lists(named)).toHaveLength(1);
});

test('a tab whose counter is its only text part is still named by its words in the samples', () => {
  const doc = build(`<main><h1>Fix race in cache eviction</h1><nav aria-label="Pull request tabs" class="tabnav-tabs">
    <a class="tabnav-tab" href="/pull/482">Conversation <span class="Counter">4</span></a>
    <a class="tabnav-tab" href="/pull/482/commits">Commits <span class="Counter">3</span></a>
    <a class="tabnav-tab" aria-current="page" href="/pull/482/files">Files changed <span class="Counter">2</span></a></nav></main>`);
  const text = renderDocument(doc);
  expect(text).toContain('e.g. "Conversation 4", "Commits 3", "Files changed 2"');
  // Named by the nav's class, not by the title before it (which changes with every pull request).
  expect(lists(doc)[0]!.name).toBe('pull_request_tabs__tabnav_tabs');
});

test('a plan card\'s features, rows of a list in it, are one field with all of them', () => {
  const plan = (name: string, price: string, cta: string, features: string[]) => `<div class="plan-card"><h3 class="plan-card__name">${name}</h3><p class="plan-card__price">${price}</p>
    <a href="/signup?plan=${name}" class="plan-card__cta">${cta}</a><ul class="plan-card__features">${features.map((f) => `<li>${f}</li>`).join('')}</ul></div>`;
  const doc = build(`<main><h1>Pricing</h1><div class="plans">${plan('Starter', '$0', 'Get started', ['3 projects', '1 GB'])}${plan('Pro', '$12', 'Start free trial', ['Unlimited projects', '100 GB', 'Domains', 'Priority support'])}${plan('Team', '$30', 'Contact sales', ['SSO', 'Audit log', 'Manager'])}</div></main>`);
  const plans = lists(doc)[0]!;
  expect(plans.fields).toEqual(['name', 'price', 'cta', 'features']);
  expect(plans.samples[1]!.features).toBe('Unlimited projects, 100 GB, Domains, Priority support');
});

test('a chat message\'s sender is named by its wrapper, its parts without the kit\'s `c-` prefix', () => {
  const message = (from: string, time: string, body: string) => `<div role="listitem"><div class="c-message"><span class="c-message__sender"><a href="/team/${from}">${from}</a></span>
    <a class="c-timestamp" href="/p/${time}">${time}</a><div class="c-message__body">${body}</div><button class="c-message__reply">Reply</button></div></div>`;
  const doc = build(`<main><h1>general</h1><div role="log" aria-label="Messages">${message('Maya', '9:41', 'Standup moved.')}${message('Jordan', '9:43', 'Review PR 12?')}${message('Priya', '9:50', 'On it.')}</div></main>`);
  const messages = lists(doc)[0]!;
  expect(messages.fields).toEqual(['sender', 'timestamp', 'body']);
  expect(messages.actions).toEqual(['sender', 'timestamp', 'reply']);
});

test('counts leave names: a link that is only a bracketed count keeps its word, a button showing a count its label says drops it', () => {
  const doc = build(`<main><h1>Trail Runner 2</h1><a href="#reviews">(128 reviews)</a><button aria-label="View all 42 members">42</button>
    <a href="/p/2" aria-label="Page 2">2</a><div role="tree" aria-label="Files"><div role="treeitem">evict.ts <span class="diffstat">+12 −4</span></div>
    <div role="treeitem">cache.ts <span class="diffstat">+3 −0</span></div></div></main>`);
  expect(names(doc)).toEqual(expect.arrayContaining(['trail_runner_2__review_link', 'trail_runner_2__view_all_members_button', 'trail_runner_2__page_2_link']));
  expect(names(doc).some((n) => /evict_ts_option$/.test(n)), names(doc).join()).toBe(true);
});


// Review, session 50.
test('product cards with their own variant pickers and one "Add to cart" each stay a list', () => {
  const card = (title: string, label: string, options: string[]) => `<div class="card"><h3><a href="/p/${title}">${title}</a></h3><span class="price">$20</span>
    <label>${label} <select>${options.map((o) => `<option>${o}</option>`).join('')}</select></label><button>Add to cart</button></div>`;
  const doc = build(`<main><h1>New arrivals</h1><div class="grid">${card('Tee', 'Size', ['S', 'M'])}${card('Mug', 'Capacity', ['8 oz', '12 oz'])}${card('Poster', 'Format', ['A3', 'A2'])}</div></main>`);
  expect(lists(doc).map((l) => l.count)).toEqual([3]);
});

test('a number a button chooses stays in its name; "(1 review)" and "(2 reviews)" are one name', () => {
  const doc = build(`<main><h1>Results</h1>${[8, 9, 10].map((n) => `<button aria-label="${n} UK">${n}</button>`).join('')}
    ${[1, 2, 3].map((n) => `<button aria-label="${n} stars">${n}</button>`).join('')}<button aria-label="Show 50 results per page">50</button></main>`);
  expect(names(doc)).toEqual(expect.arrayContaining(['results__9_uk_button', 'results__3_stars_button', 'results__show_50_results_per_button']));
  expect(names(build('<main><h1>Dune</h1><a href="#reviews">(1 review)</a></main>'))).toEqual(['dune__review_link']);
  expect(names(build('<main><h1>Dune</h1><a href="#reviews">(2 reviews)</a></main>'))).toEqual(['dune__review_link']);
});

test('a list filling a section that starts with its own heading is not named by the heading before the section', () => {
  const review = (title: string, author: string) => `<div class="review"><h3 class="review__title">${title}</h3><p class="review__author">${author}</p><button class="review__helpful">Helpful</button></div>`;
  const doc = build(`<main><h1>Trail Runner</h1><section id="reviews"><h2>Reviews</h2>${review('Great grip', 'Sam')}${review('Runs small', 'Dana')}${review('OK on road', 'Lee')}</section></main>`);
  expect(lists(doc).map((l) => l.name)).toEqual(['reviews__items']);
});
