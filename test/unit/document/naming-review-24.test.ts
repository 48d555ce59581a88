// @vitest-environment happy-dom
/** Regressions of the session 24 naming rules found in review (review, session 24). */
import { expect, test } from 'vitest';
import { build, entry, names } from './helpers.ts';

const icon = '<svg viewBox="0 0 2 2"></svg>';

test('1: an icon control keeps the name its id or `name` gives it; a description never names it', () => {
  // Was `header__password_toggle_button`; the hint it is described by named it `header__use_at_least_8_button`.
  const doc = build(`<header><button id="password-toggle" aria-describedby="hint">${icon}</button><p id="hint">Use at least 8 characters with a digit</p></header>`);
  expect(names(doc)).toEqual(['header__password_toggle_button']);
  // A live status it points at would rename it as the page changes (the status is a message entry of its own).
  expect(names(build(`<main><button aria-describedby="status">${icon}</button><div id="status" aria-live="polite">Slide 2 of 5: Summer sale</div></main>`)))
    .toEqual(['main__button', 'main__status']);
  // Readable id, then `name`, then the tooltip or a titled icon inside; the tooltip still describes it.
  const named = build(`<header><button id="nav-toggle" data-tooltip="Open menu">${icon}</button><button name="wishlist"><span class="icon" title="Add to wish list"></span></button>
    <button data-tooltip="Dark mode">${icon}</button></header>`);
  expect(names(named)).toEqual(['header__nav_toggle_button', 'header__wishlist_button', 'header__dark_mode_button']);
  expect(entry(named, 'header__nav_toggle_button').description).toBe('Open menu');
  // An inner title that changes with the page (a rating) is no name.
  expect(names(build('<main><a href="/p/1"><img src="p.png" alt=""><span class="stars" title="Rated 4.5 out of 5"></span></a></main>'))).toEqual(['main__link']);
});

test('2: a footer inside the block of the heading in effect belongs to that heading\'s section', () => {
  const panel = build(`<h1>Account</h1><main><section><h2>Profile</h2><label>Name <input></label><footer><button>Save changes</button><button>Discard</button></footer></section>
    <section><h2>Danger zone</h2><button>Delete account</button></section></main><footer><a href="/terms">Terms</a></footer>`);
  expect(names(panel)).toEqual(['profile__name', 'profile__save_changes_button', 'profile__discard_button', 'danger_zone__delete_account_button', 'footer__terms_link']);
  // A single pricing card's or comment's `.footer`.
  expect(names(build('<h1>Pricing</h1><main><h2>Pro plan</h2><div class="plan"><p>$10</p><div class="footer"><button>Buy</button></div></div><h2>FAQ</h2><button>Contact</button></main>')))
    .toEqual(['pro_plan__buy_button', 'faq__contact_button']);
  expect(names(build('<h1>Site</h1><section><h2>Comments</h2><div class="comment"><p>Hi</p><div class="footer"><button>Reply</button></div></div><button>Post comment</button></section>')))
    .toEqual(['comments__reply_button', 'comments__post_comment_button']);
  // An article's own footer (its byline) is the article's.
  expect(names(build('<h1>Blog</h1><main><h2>Latest</h2><article><h3>Post one</h3><p>Body</p><footer><a href="/a">Alice</a></footer></article><button>Load more</button></main>')))
    .toEqual(['post_one__alice_link', 'latest__load_more_button']);
  // A footer outside the heading's block still ends it.
  expect(names(build('<h1>Site</h1><main><section><h2>Story</h2><button>Like</button></section><div class="footer"><a href="/about">About</a></div></main>')))
    .toEqual(['story__like_button', 'footer__about_link']);
  expect(names(build('<div class="page"><h1>Site</h1><h2>Story</h2><button>Like</button><div id="footer"><a href="/about">About</a></div></div>')))
    .toEqual(['story__like_button', 'footer__about_link']);
  // v8-blog: an article's footer after a subsection is the article's, not its last subsection's.
  expect(names(build('<main><article><h1>Post</h1><h2>Current status</h2><p>Text</p><footer><a href="/tweet">Retweet this article</a></footer></article></main>')))
    .toEqual(['footer__retweet_this_article_link']);
  // google-sre-book-1: the chapter's title, its sections, then the footer of the whole main.
  expect(names(build(`<main><div class="header"><h2>Chapter 6</h2></div>${'<section><h1>Part</h1><p>Text</p></section>'.repeat(3)}
    <div class="footer"><a href="/ch5">Previous chapter</a></div></main>`))).toEqual(['footer__previous_chapter_link']);
  // … whose sections are in a `role=main` of their own.
  expect(names(build(`<main><div class="header"><h2>Chapter 6</h2></div><div role="main"><section><h1>Part</h1><p>Text</p></section></div>
    <div class="footer"><a href="/ch5">Previous chapter</a></div></main>`))).toEqual(['footer__previous_chapter_link']);
  // A card or panel after a heading: its footer is the heading's, whatever comes before the heading.
  expect(names(build('<main><h1>Pricing</h1><h2>Pro plan</h2><div class="plan"><p>$10</p><div class="footer"><button>Buy</button></div></div></main>')))
    .toEqual(['pro_plan__buy_button']);
  expect(names(build('<h1>Site</h1><h2>Settings</h2><div class="panel"><label>Name <input></label><div class="footer"><button>Save</button></div></div>')))
    .toEqual(['settings__name', 'settings__save_button']);
  // A wrapper holding the page's nav and then its footer is no card; a footer that says it is the page's is.
  expect(names(build('<h1>Site</h1><h2>Story</h2><button>Like</button><div class="wrap"><nav><a href="/a">Archive</a></nav><div class="footer"><a href="/terms">Terms</a></div></div>')))
    .toEqual(['story__like_button', 'nav__archive_link', 'footer__terms_link']);
  expect(names(build('<main><h2>Story</h2><div class="plan"><p>Text</p><div class="site-footer"><a href="/terms">Terms</a></div></div></main>')))
    .toEqual(['footer__terms_link']);
});

const cards = (cls: string) => `<main><p>x</p><ul class="${cls}">${['Alpha story', 'Beta story', 'Gamma story', 'Delta story']
  .map((t) => `<li><a href="/${t.split(' ')[0]}">${t}</a> <span class="date">${t.length} May</span></li>`).join('')}</ul></main>`;

test('3: a class of a container word and the words before it names a list; layout words alone do not', () => {
  const named = (cls: string) => names(build(cards(cls)))[0];
  for (const cls of ['tag-list', 'faq-list', 'nav-list', 'job-list', 'toc-list', 'article-list', 'page-list', 'section-list', 'text-list']) {
    expect(named(cls), cls).toBe(`main__${cls.replace('-', '_')}`);
  }
  expect(named('news-list')).toBe('main__news_list');
  expect(named('top-stories')).toBe('main__top_stories');
  for (const cls of ['dr-margin-left-25', 'mw-parser-output', 'main-content', 'dr-article-content', 'list-unstyled', 'list-group', 'row']) {
    expect(named(cls), cls).toBe('main__items');
  }
});

test('4: only tooltip attributes with words in them name an icon control', () => {
  const doc = build(`<header>
    <a href="https://twitter.com/intent/tweet" data-sharer="twitter" data-title="Ten tips for small gardens"><i class="fa fa-twitter"></i></a>
    <button class="wish" data-product-title="Blue shirt">${icon}</button><button data-page-title="Ten tips">${icon}</button>
    <button data-has-tooltip="true">${icon}</button><button data-tip="1">${icon}</button>
    <button data-toggle="tooltip" data-title="Share">${icon}</button><button data-bs-title="Copy link">${icon}</button>
    <button data-original-title="Search">${icon}</button><button data-dr-tooltip="Menu">${icon}</button></header>`);
  // The link is named by where it goes (no tooltip says what it is).
  expect(names(doc)).toEqual(['header__intent_tweet_link', 'header__button', 'header__button_2', 'header__button_3', 'header__button_4',
    'header__share_button', 'header__copy_link_button', 'header__search_button', 'header__menu_button']);
});

test('5: an inner title that is hidden or another control\'s names nothing', () => {
  expect(names(build('<main><button class="play"><span class="i-play" hidden title="Play"></span><span class="i-pause" title="Pause"></span></button></main>')))
    .toEqual(['main__pause_button']);
  expect(names(build('<main><button class="mute"><span hidden><span title="Unmute"></span></span></button></main>'))).toEqual(['main__button']);
  expect(names(build(`<main><div class="toolbar" onclick="go(event)"><button title="Bold">${icon}</button><button title="Italic">${icon}</button></div></main>`)))
    .toEqual(['main__clickable', 'main__bold_button', 'main__italic_button']);
});

test('6: a shared field name names a list only of toggles, and only when it says something', () => {
  const compare = build(`<main><div class="row">${['Phone A', 'Phone B', 'Phone C', 'Phone D'].map((p) => `<div class="col"><a href="/${p}">${p}</a><span class="price">${p.length}</span><label><input type="checkbox" name="compare"> Compare</label></div>`).join('')}</div></main>`);
  expect(names(compare)).toEqual(['main__items']);
  const rows = (name: string) => `<main><table><tbody>${['Hello', 'Invoice', 'Meeting', 'Lunch'].map((s) => `<tr><td><input type="checkbox" name="${name}" aria-label="Select"></td><td><a href="/m/${s}">${s}</a></td><td>${s.length} May</td></tr>`).join('')}</tbody></table></main>`;
  expect(names(build(rows('ids[]')))).toEqual(['main__items']);
  const boxes = (name: string) => `<form aria-label="Filters"><div class="x">${['Red', 'Green', 'Blue', 'Black'].map((c) => `<label><input type="checkbox" name="${name}" value="${c}"> ${c}</label>`).join('')}</div></form>`;
  expect(names(build(boxes('selected[]')))).toEqual(['filters__items']);
  expect(names(build(boxes('colors[]')))).toEqual(['filters__colors']);
});
