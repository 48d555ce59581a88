// @vitest-environment happy-dom
/** Fixes found reviewing the golden documents of the real page snapshots (exploratory test, session 24). */
import { expect, test } from 'vitest';
import { build, entry, list, load, names } from './helpers.ts';

const checkboxes = (cls: string, name = 'categories[ ]') => `<form aria-label="Newsletter"><div class="${cls}">${['Application', 'Front End', 'Infrastructure', 'Mobile']
  .map((topic) => `<label class="form-label"><input type="checkbox" name="${name}" value="${topic}"> ${topic}</label>`).join('')}<label class="form-label"><input type="checkbox"> All</label></div><input type="email" aria-label="Email"><button>Subscribe</button></form>`;

test('1: a utility or layout class does not name a list; the boxes\' shared field name does', () => {
  // dropbox-blog: `dr-margin-left-25` around the topic boxes named the list `dr_margin_left`.
  expect(names(build(checkboxes('dr-margin-left-25')))).toEqual(['newsletter__categories', 'newsletter__email', 'newsletter__subscribe_button']);
  expect(names(build(checkboxes('mw-parser-output', 'topic')))[0]).toBe('newsletter__topic');
  // No shared field name: the generic name.
  expect(names(build(checkboxes('container-fluid col-md-6', '')))[0]).toBe('newsletter__items');
  expect(names(build(checkboxes('flex-row', '')))[0]).toBe('newsletter__items');
  // A class that says what the list holds still names it.
  expect(names(build(checkboxes('topics')))[0]).toBe('newsletter__topics');
});

const links = (cls: string) => `<main><h1>Post</h1><p>Text</p><div class="${cls}">${['Introduction', 'Glossary', 'Features', 'Architecture']
  .map((title) => `<div class="entry"><a href="#${title}">${title}</a> <span>${title.length} min</span></div>`).join('')}</div></main>`;

test('1: a BEM class names a list by its element part, a site prefix and layout words are no name', () => {
  // wikipedia-3: `mw-parser-output`; dropbox-blog: `dr-article-content__side-nav-list` named lists `mw_parser_output`, `dr_article_content`.
  expect(names(build(links('mw-parser-output')))).toEqual(['post__items']);
  expect(names(build(links('dr-article-content__side-nav-list dr-margin-0')))).toEqual(['post__side_nav_list']);
  expect(names(build(links('main-content')))).toEqual(['post__items']);
  expect(names(build(links('recent-posts')))).toEqual(['post__recent_posts']);
  // bbc-1: a class that says what, modifier and element and all, names as before.
  expect(names(build(links('navigation--narrow__toplevel')))).toEqual(['post__navigation_narrow_toplevel']);
  expect(list(build(links('wrapper chapters')), 'post__chapters').count).toBe(4);
});

test('3: an icon button is named by its tooltip attribute or a titled icon, never by its description', () => {
  // dropbox-blog: `<button data-dr-tooltip="Menu"><svg>…</svg></button>` was `header__button`, `header__button_2`, …
  const doc = build(`<header>
    <button data-dr-tooltip="Menu" data-dr-tooltip-theme="white"><svg viewBox="0 0 2 2"><rect width="2" height="2"></rect></svg></button>
    <button data-tooltip="Dark mode"><img alt="" src="x.png"></button>
    <button data-original-title="Search"><i class="icon"></i></button>
    <a href="/settings"><span class="icon" title="Settings"></span></a>
    <button aria-describedby="tip"><svg viewBox="0 0 2 2"></svg></button><span id="tip">Close the panel</span>
    <button data-toggle="tooltip" data-title="Share"><svg viewBox="0 0 2 2"></svg></button>
    <button><svg viewBox="0 0 2 2"><title>Notifications</title></svg></button>
    <button><span class="sr-only">Next slide</span><svg viewBox="0 0 2 2"></svg></button>
    <button><svg viewBox="0 0 2 2"></svg></button>
  </header>`);
  // A description is no name: it may change with the page (review, session 24).
  expect(names(doc)).toEqual(['header__menu_button', 'header__dark_mode_button', 'header__search_button', 'header__settings_link', 'header__button',
    'header__share_button', 'header__notifications_button', 'header__next_slide_button', 'header__button_2']);
  expect(entry(doc, 'header__menu_button').description).toBe('Menu');
  // A name of its own wins over a tooltip.
  expect(names(build('<header><button data-tooltip="Opens the menu">Menu</button></header>'))).toEqual(['header__menu_button']);
});

test('2: a heading\'s section ends with its article and at a footer', () => {
  // lemonde-1: the boxes after the article were named after its last heading; keep-tabular-data: `<div class="footer">`
  // links after the last h2 of the post.
  const doc = build(`<h1>News site</h1><button>Menu</button>
    <article><h2>The story</h2><p>Text</p><button>Share</button><h3>Details</h3><button>Print</button>
      <footer><a href="/author">Author page</a><h4>Related</h4><a href="/r">Related story</a></footer></article>
    <button>Subscribe</button>
    <div class="post"><h2>Second post</h2><button>Like</button></div><div class="footer"><a href="/terms">Terms of service</a></div>`);
  expect(names(doc)).toEqual(['news_site__menu_button', 'news_site__subscribe_button', 'the_story__share_button', 'details__print_button',
    'footer__author_page_link', 'footer__terms_of_service_link', 'related__related_story_link', 'second_post__like_button']);
  // Cards keep their footers: their controls stay in the list, named by the heading above the cards.
  const cards = build(`<h2>Posts</h2><div>${['A', 'B', 'C'].map((t) => `<article class="card"><h3>${t}</h3><p>Text ${t}</p><footer><button>Like</button></footer></article>`).join('')}</div>`);
  expect(names(cards)).toEqual(['posts__items']);
});

test('5: look-alike siblings with no part in common, whose controls no action reaches, are no list', () => {
  // mozilla-1: `main_content list(4) fields: lead, title` (a lead in one block, a title in another) hid six controls.
  const doc = build(`<main><div class="block"><div><p class="lead">Intro text</p><button>Replay</button></div></div>
    <div class="block"><div><p class="lead">More text</p><span><a href="#themes">Themes</a></span></div></div>
    <div class="block"><div><h2 class="title">Sync</h2><a href="/sync">Learn more about Sync</a></div></div>
    <div class="block"><div><h2 class="title">Help</h2><em><a href="/help">Get help with Sync</a></em></div></div></main>`);
  expect(names(doc)).toEqual(['main__replay_button', 'main__themes_link', 'main__learn_more_about_sync_link', 'main__get_help_with_sync_link']);
  // Items with a part in common stay a list, one odd item aside.
  const rows = build(`<main>${['Ada', 'Bo', 'Cy'].map((n) => `<div class="row"><span class="name">${n}</span><button>Open</button></div>`).join('')}<div class="row"><span class="tag">none</span><button>Open</button></div></main>`);
  expect(list(rows, 'main__items').count).toBe(4);
});

test('2: a web component inside an article does not end the article\'s heading', () => {
  load('<h1>Site</h1><article><h2>Story</h2><x-share></x-share><button>Print</button></article>');
  document.querySelector('x-share')!.attachShadow({ mode: 'open' }).innerHTML = '<button>Share</button>';
  expect(names(build())).toEqual(['story__share_button', 'story__print_button']);
});
