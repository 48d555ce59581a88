// @vitest-environment happy-dom
/** Fixes to d3882e3's naming, form and sample rules (review of d3882e3). */
import { expect, test } from 'vitest';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { build, list, names } from './helpers.ts';

test('1: a state word in the visible text stays in the name, whatever the ARIA state', () => {
  const html = (pressed: boolean) => `<div role="region" aria-label="Filters"><button aria-pressed="${pressed}">Hide checked</button></div>`;
  expect(names(build(html(true)))).toEqual(['filters__hide_checked_button']);
  expect(names(build(html(false)))).toEqual(['filters__hide_checked_button']);
  // Bracketed or visually hidden state words go.
  expect(names(build('<nav aria-label="Main"><a href="/" aria-current="page">Home (current)</a><a href="/a">About</a></nav>'))).toEqual(['main__home_link', 'main__about_link']);
  expect(names(build('<div role="region" aria-label="Filters"><button aria-pressed="true">Unread<span class="sr-only"> pressed</span></button></div>'))).toEqual(['filters__unread_button']);
});

test('2: validation and state classes do not name a form; Angular, Bootstrap, Mailchimp', () => {
  const form = (cls: string) => `<main><form class="${cls}"><input aria-label="Coupon code"><button>Apply</button></form></main>`;
  for (const cls of ['ng-untouched ng-pristine ng-valid', 'ng-dirty ng-touched ng-invalid', 'needs-validation', 'needs-validation was-validated', 'validate', 'is-dirty form-submitted']) {
    expect(names(build(form(cls))), cls).toEqual(['coupon_code_form__coupon_code', 'coupon_code_form__apply_button']);
  }
  expect(names(build(form('newsletter-signup ng-pristine')))).toEqual(['newsletter_signup_form__coupon_code', 'newsletter_signup_form__apply_button']);
});

test('3: a number in an element of its own never enters a name; twins are told apart by their link target', () => {
  const one = names(build('<nav aria-label="Book"><a href="/c/7">Chapter <span>7</span></a></nav>'));
  expect(one).toEqual(['book__chapter_link']);
  const two = names(build('<nav aria-label="Book"><a href="/c/7">Chapter <span>7</span></a> <a href="/c/8">Chapter <span>8</span></a></nav>'));
  expect(two).toEqual(['book__chapter_link_7', 'book__chapter_link_8']);
  // A counted button keeps its name when a plain one comes after it; ids and test ids tell buttons apart.
  expect(names(build('<div role="region" aria-label="Post"><button>Like <span>4</span></button></div>'))).toEqual(['post__like_button']);
  expect(names(build('<div role="region" aria-label="Post"><button>Like <span>4</span></button><button>Like</button></div>'))).toEqual(['post__like_button', 'post__like_button_2']);
  expect(names(build('<div role="region" aria-label="Post"><button data-testid="like-post">Like <span>4</span></button><button data-testid="like-reply">Like</button></div>')))
    .toEqual(['post__like_button_like_post', 'post__like_button_like_reply']);
  expect(names(build('<div role="region" aria-label="Post"><button aria-controls="likes">Like</button><button>Like</button></div>'))).toEqual(['post__like_button_likes', 'post__like_button']);
  // The query tells links to one path apart.
  expect(names(build('<nav aria-label="Tags"><a href="/t?tag=red">Tag <span>1</span></a><a href="/t?tag=blue">Tag <span>2</span></a></nav>'))).toEqual(['tags__tag_link_tag_red', 'tags__tag_link_tag_blue']);
});

test('9: an issue number or a version in its own element stays, a count does not', () => {
  const doc = build(`<nav aria-label="Read"><a href="/i/48">Issue <span>#48</span></a></nav><section aria-label="Get"><a href="/d">Release <span>2.4.1</span></a><a href="/e">Get version <span>3.0</span></a></section>
    <aside aria-label="Talk"><a href="/c">Comments <span>12</span></a></aside>`);
  expect(names(doc)).toEqual(['read__issue_48_link', 'get__release_2_4_1_link', 'get__get_version_3_0_link', 'talk__comments_link']);
});

test('5: two search forms share one section; hiding one renames nothing', () => {
  const html = (hidden: boolean) => `<header${hidden ? ' style="display:none"' : ''}><form action="/search"><input type="search" name="q" aria-label="Search"></form></header>
    <nav aria-label="Menu"><form action="/search"><input type="search" name="q" aria-label="Search site"></form></nav>`;
  const both = build(html(false));
  expect(both.sections.map((s) => s.name)).toEqual(['search_form']);
  expect(names(both)).toEqual(['search_form__search', 'search_form__search_site']);
  expect(names(build(html(true)))).toEqual(['search_form__search_site']);
});

test('5: forms inside the cards of a list stay in the list', () => {
  const card = (n: number, title: string) => `<li class="card"><a href="/p/${n}" class="card__title">${title}</a><span class="card__price">$${n}</span>
    <form action="/cart/add"><input type="hidden" name="id" value="${n}"><button>Add to cart</button></form></li>`;
  const doc = build(`<main><h1>Shop</h1><ul class="products">${card(1, 'Mug')}${card(2, 'Tee')}${card(3, 'Cap')}${card(4, 'Bag')}</ul></main>`);
  expect(doc.sections.map((s) => s.name)).toEqual(['shop']);
  expect(names(doc)).toEqual(['shop__products']);
  expect(list(doc, 'shop__products').count).toBe(4);
});

test('4: BEM fields whose element parts collide keep their block; images by their readable class', () => {
  const item = (n: number) => `<li class="row"><img class="avatar" src="/a/${n}.png" alt="A${n}"><img class="thumb" src="/t/${n}.png" alt="T${n}">
    <span class="author__name">Ann ${n}</span><span class="product__name">Mug ${n}</span><a href="/p/${n}">Open</a></li>`;
  const doc = build(`<main><ul aria-label="Reviews">${item(1)}${item(2)}${item(3)}</ul></main>`);
  expect(list(doc, 'main__reviews').fields).toEqual(['avatar', 'thumb', 'author_name', 'product_name']);
  const plain = build(`<main><ul aria-label="Pics">${[1, 2, 3].map((n) => `<li><img src="/${n}.png" alt="P${n}"><a href="/p/${n}">Pic ${n}</a><span class="by">B${n}</span></li>`).join('')}</ul></main>`);
  expect(list(plain, 'main__pics').fields[0]).toBe('image');
});

test('6: samples show a box as value() returns it: true / false, and mixed', () => {
  const row = (title: string, state: string) => `<li><div role="checkbox" tabindex="0" aria-checked="${state}" aria-label="Done: ${title}"></div><span class="title">${title}</span><button>Remove</button></li>`;
  const doc = build(`<main><ul aria-label="Todo">${row('A', 'true')}${row('B', 'false')}${row('C', 'mixed')}</ul></main>`);
  const todo = list(doc, 'main__todo');
  expect(todo.samples.map((s) => s.done)).toEqual(['true', 'false', 'mixed']);
  expect(renderDocument(doc)).toContain('{title: "A", done: true} {title: "B", done: false} {title: "C", done: mixed}');
});

test('7: a word said twice in one text stays twice; a two-state toggle of two elements is named by its first', () => {
  expect(names(build('<nav aria-label="Bands"><a href="/d">Duran Duran</a><a href="/w">Walla Walla</a><a href="/o">Open Opening hours</a><a href="/b">Build Building</a></nav>')))
    .toEqual(['bands__duran_duran_link', 'bands__walla_walla_link', 'bands__open_opening_hours_link', 'bands__build_building_link']);
  expect(names(build('<div role="region" aria-label="Author"><button><span>Follow</span><span>Following</span></button></div>'))).toEqual(['author__follow_button']);
});

test('8: a label of only state words and numbers keeps its words, not its numbers', () => {
  expect(names(build('<nav aria-label="Main"><a href="/f"><svg></svg><span class="sr-only">Following</span> <span>3</span></a><a href="/x">X</a></nav>'))).toEqual(['main__following_link', 'main__x_link']);
});
