// @vitest-environment happy-dom
/**
 * Defects an explorer found in the golden documents (wikipedia-3, spiceworks):
 * a table of contents split by level, list slots named after one item's text, an unlabeled link.
 */
import { describe, expect, test } from 'vitest';
import { build, entry, list, names } from './helpers.ts';

test('wikipedia-3: a nested table of contents is one list, not one per level', () => {
  const toc = (n: string, title: string) => `<a href="#s${n.replace('.', '_')}"><span class="tocnumber">${n}</span> <span class="toctext">${title}</span></a>`;
  const sections = ['1', '1.1', '1.2', '1.3', '2', '3', '4', '5', '6'];
  const doc = build(`<a href="#content">Jump to content</a><div role="main" id="content"><h1>Hermitian matrix</h1>
    <div class="toc" role="navigation" aria-labelledby="toc-title"><h2 id="toc-title">Contents</h2><ul>
      <li class="toclevel-1">${toc('1', 'Characterizations')}<ul>${['1.1', '1.2', '1.3'].map((n) => `<li class="toclevel-2">${toc(n, `Part ${n}`)}</li>`).join('')}</ul></li>
      ${['2', '3', '4', '5', '6'].map((n) => `<li class="toclevel-1">${toc(n, `Chapter ${n}`)}</li>`).join('')}
    </ul></div>
    ${sections.map((n) => `<h2 id="s${n.replace('.', '_')}">Section ${n}</h2><p>Text</p>`).join('')}</div>`);
  const contents = names(doc).filter((name) => name.startsWith('contents__'));
  expect(contents).toEqual(['contents__anchors']);
  expect(list(doc, 'contents__anchors').count).toBe(9);
  // The skip link above the page is not one of the contents.
  expect(names(doc)).toContain('page__jump_to_content_link');
});

describe('a list\'s slots are named for what they are in every item', () => {
  const card = (i: number, title: string) => `<div class="post"><p><a class="feedlink${i}" href="/t/${i}">${title}</a></p><div class="feedc">Summary ${i} of the thread</div></div>`;

  test('spiceworks: links told apart only by a numbered class are one action, named by the class, not by a title', () => {
    const doc = build(`<aside><div class="popular">${card(0, 'At 52 and 8 years in')}${card(1, 'Spark! Pro Series')}${card(2, 'Snap! Lower Orbit')}</div></aside>`);
    const popular = list(doc, 'aside__popular');
    expect(popular.actions).toEqual(['feedlink']);
    expect(popular.fields).toEqual(['feedlink', 'feedc']);
    expect(popular.samples[1]).toEqual({ feedlink: 'Spark! Pro Series', feedc: 'Summary 1 of the thread' });
  });

  test('a control only one item has is not named after its words', () => {
    const row = (title: string, extra = '') => `<li class="row"><span class="title">${title}</span><div class="extra">${extra}</div><button class="open">Open</button></li>`;
    const doc = build(`<main><ul class="threads">${row('One')}${row('Two', '<a class="promo" href="/p">Win a prize today</a>')}${row('Three')}</ul></main>`);
    const threads = list(doc, 'main__threads');
    expect(threads.actions).toEqual(['open', 'promo']);
  });
});

describe('an unlabeled link is named by where it goes', () => {
  test('spiceworks: an author picture with an empty alt, by its address', () => {
    const doc = build(`<main><h1>Story</h1><span class="thumb"><a href="https://www.example.com/user/about//" title=""><img src="a.png" alt=""></a></span>
      <a href="https://medium.com/"><span class="icon"></span></a><a href="/"><svg viewBox="0 0 2 2"></svg></a>
      <a href="https://example.com/t/spark-pro-series-7-january-2025/1160178"><img src="b.png" alt=""></a><a href="#top"><span></span></a></main>`);
    expect(names(doc)).toEqual(['story__user_about_link', 'story__medium_link', 'story__home_link', 'story__spark_pro_series_link', 'story__link']);
    // A name of its own still wins.
    expect(entry(build('<main><a href="/user/about"><img src="a.png" alt="Ann\'s profile"></a></main>'), 'main__ann_s_profile_link').kind).toBe('link');
  });
});

describe('review, session 26', () => {
  test('product cards with colour swatches (li > ul > li, no links) and stories under tabs stay lists', () => {
    const card = (name: string, price: string) => `<li class="product"><a href="/p/${name}"><img alt="${name}"></a><a class="name" href="/p/${name}">${name} shirt</a>
      <span class="price">${price}</span><ul class="colors"><li>Red</li><li>Blue</li></ul></li>`;
    const shop = build(`<main aria-label="Shop"><ul class="products">${card('Linen', '$59')}${card('Oxford', '$49')}${card('Flannel', '$39')}${card('Denim', '$69')}</ul></main>`);
    expect(list(shop, 'shop__products')).toMatchObject({ count: 4 });
    const tab = (title: string) => `<li class="tab"><h2>${title}</h2><ul class="stories">${[1, 2, 3].map((i) => `<li><a href="/${title}/${i}">${title} story ${i}</a> <span class="time">${i}h ago</span></li>`).join('')}</ul></li>`;
    const news = build(`<main><ul class="tabs">${tab('World')}${tab('Sport')}</ul></main>`);
    expect(names(news)).toEqual(expect.arrayContaining(['world__stories', 'sport__stories']));
  });

  test('in-page anchors spread over labelled sections (MDN: each heading links to itself) are still one list', () => {
    const sections = ['Syntax', 'Parameters', 'Return value', 'Exceptions', 'Description', 'Examples', 'Specifications', 'Browser compatibility', 'See also', 'Notes']
      .map((t) => { const id = t.toLowerCase().replace(/ /g, '_'); return `<section aria-labelledby="${id}"><h2 id="${id}"><a href="#${id}">${t}</a></h2><p>About ${t}.</p></section>`; }).join('');
    const doc = build(`<main><article><h1>Array.prototype.at()</h1>${sections}</article></main>`);
    const anchors = names(doc).filter((n) => n.endsWith('__anchors'));
    expect(anchors).toHaveLength(1);
    expect(list(doc, anchors[0]!).count).toBe(10);
  });

  test('a checklist with an "Other" field is still a list', () => {
    const toppings = ['Cheese', 'Ham', 'Olives', 'Peppers', 'Onions'].map((t) => `<li><label><input type="checkbox"> ${t}</label></li>`).join('');
    const doc = build(`<form aria-label="Pizza"><ul aria-label="Toppings">${toppings}<li><label>Other <input type="text"></label></li></ul><button>Order</button></form>`);
    expect(names(doc)).toContain('pizza__toppings');
  });

  test('an unlabeled link to a video id is not named after the id', () => {
    const doc = build('<main><a href="/watch/dQwAbCdEfGh"><img alt=""></a></main>');
    expect(names(doc).some((n) => /qw|ab_cd/.test(n))).toBe(false);
  });
});

describe('the headings of a text name what follows them up to its end (session 29)', () => {
  test('wikipedia-3: the categories after the article body are not the last section\'s ("External links")', () => {
    const doc = build(`<div id="content"><h1>Hermitian matrix</h1><div id="bodyContent">
      <div class="mw-parser-output"><p>Lead text.</p><h2><span>See also</span></h2><p>More.</p>
        <h2><span class="mw-headline">External links</span></h2><ul><li><a href="https://example.org/x">Some site</a></li></ul></div>
      <div id="catlinks"><a href="/wiki/Help:Category">Categories</a>: <a href="/wiki/Category:Matrices">Matrices</a></div></div></div>`);
    expect(names(doc)).toContain('external_links__some_site_link');
    expect(names(doc)).toContain('hermitian_matrix__matrices_link');
    expect(names(doc).some((name) => name.startsWith('external_links__matrices'))).toBe(false);
  });

  test('a title bar\'s heading still names the list after its wrapper, and an article\'s title and subtitle the text after them', () => {
    const doc = build(`<div class="box"><div class="bar"><h2>Inbox</h2><button>Refresh</button></div>
      <ul><li><a href="/m/1">First</a></li><li><a href="/m/2">Second</a></li><li><a href="/m/3">Third</a></li></ul></div>
      <div class="story"><div class="head"><h1>Big news</h1><h2>Subtitle here</h2></div><p>Body <a href="https://example.org">a source</a>.</p></div>`);
    expect(names(doc)).toContain('inbox__refresh_button');
    expect(names(doc).some((name) => name.startsWith('inbox__') && name !== 'inbox__refresh_button')).toBe(true);
    expect(names(doc)).toContain('subtitle_here__a_source_link');
  });
});

test('ars-1: a subtitle under the headline in a <header> or <hgroup> does not name what follows; the headline does (session 38)', () => {
  for (const wrap of ['header', 'hgroup']) {
    const doc = build(`<main><article><${wrap}><h1>Minecraft exploit crashes servers</h1><h2>Two-year-old bug exposes thousands</h2></${wrap}>
      <p>By <a href="/author/dan">Dan Goodin</a></p><p>Text <a href="/comments">reader comments</a></p></article></main>`);
    expect(names(doc), wrap).toContain('minecraft_exploit_crashes__dan_goodin_link');
    expect(names(doc).some((name) => name.startsWith('two_year_old')), wrap).toBe(false);
  }
  // Not a subtitle: an h2 with text before it, or outside a header, names its part.
  const doc = build(`<main><h1>Guide</h1><h2>Install</h2><p><a href="/dl">Download</a></p></main>`);
  expect(names(doc)).toContain('install__download_link');
});

describe('a <section> with its own heading and controls ends that heading (explorer, session 45)', () => {
  test('what follows the section is named by the heading before it, not the section\'s', () => {
    const doc = build(`<main><h1>Shop</h1><section><h2>FAQ</h2><button>Ask</button></section><button>Checkout</button>
      <section><h2>Reviews</h2><button>Write review</button></section><div><button>Back to top</button></div></main>`);
    expect(names(doc)).toEqual(['faq__ask_button', 'shop__checkout_button', 'shop__back_to_top_button', 'reviews__write_review_button']);
  });

  test('a section holding a title alone still names the grid after it', () => {
    const doc = build(`<main><section class="hero"><h2>Products</h2><p>Our range</p></section><div><button>Add lamp</button></div></main>`);
    expect(names(doc)).toEqual(['products__add_lamp_button']);
  });
});

test('a section holding a heading and its "See all" link is a title bar: it names what follows (review, session 45)', () => {
  const cards = Array.from({ length: 3 }, (_, i) => `<div class="c"><a href="/m/${i}">Movie ${i}</a> <button>Add to list</button></div>`).join('');
  const doc = build(`<main><h1>Home</h1><section><h2>Trending now</h2><a href="/trending">See all</a></section><div class="carousel">${cards}</div></main>`);
  expect(names(doc)).toEqual(['trending_now__see_all_link', 'trending_now__carousel']);
});
