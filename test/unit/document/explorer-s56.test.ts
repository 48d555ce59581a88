// @vitest-environment happy-dom
/**
 * Session 56: the explorer's (session 55) cards that differ by one part.
 */
import { expect, test } from 'vitest';
import { build, entries, lists, names } from './helpers.ts';

const room = (name: string, price: string, id: string, extra = '') => `<div class="room-card${extra}"><h3>${name}</h3><span class="price">${price}</span>
  <label for="${id}" class="sr-only">Select rooms</label><select id="${id}"><option>0</option><option>1 (${price})</option></select><button>Reserve</button></div>`;
const soldOut = (extra = '') => `<div class="room-card${extra}"><h3>Junior Suite</h3><span class="price">€ 780</span>
  <p class="soldout">Sold out for your dates</p><button disabled>Reserve</button></div>`;

test('a sold-out card without the others\' label and select is one of their list, and says it is sold out', () => {
  const doc = build(`<main><section><h2>Availability</h2>${room('Standard Double Room', '€ 459', 's1')}${room('Superior Twin Room', '€ 512', 's2')}${soldOut()}</section></main>`);
  const [rooms, ...more] = lists(doc);
  expect(more).toEqual([]);
  expect(rooms).toMatchObject({ count: 3, fields: ['title', 'price', 'soldout'] });
  expect(rooms!.samples[2]).toMatchObject({ title: 'Junior Suite', soldout: 'Sold out for your dates' });
  expect(rooms!.samples[0]).not.toHaveProperty('soldout');
  expect(rooms!.actions).toEqual(['select_rooms', 'reserve']);
});

test('a card whose class adds a modifier (`room-card--soldout`) is still one of the cards: its title names no section', () => {
  const doc = build(`<main><section><h2>Availability</h2><div class="room-list">${room('Standard Double Room', '€ 459', 's1')}${room('Superior Twin Room', '€ 512', 's2')}${soldOut(' room-card--soldout')}</div></section></main>`);
  expect(doc.sections.map((section) => section.name)).toEqual(['availability']);
  expect(lists(doc)[0]).toMatchObject({ count: 3 });
});

test('words every item says alike stay no field', () => {
  const doc = build(`<main><h1>Shop</h1><ul class="products">
    ${['Lamp', 'Chair', 'Desk'].map((name) => `<li class="product"><span class="name">${name}</span><span class="ship">Free shipping</span><button>Add</button></li>`).join('')}</ul></main>`);
  expect(lists(doc)[0]!.fields).toEqual(['name']);
});

test('no flag field from words for a screen reader, a folded answer\'s hidden words, a link\'s badge', () => {
  const price = (now: string, was = '') => `<div class="card"><h3>Item ${now}</h3><div class="price">${was ? `<span class="sr-only">Original price</span><s>${was}</s>` : ''}<span class="now">${now}</span></div><button>Buy</button></div>`;
  const cards = build(`<main><h1>Deals</h1><div class="grid">${price('€ 10', '€ 12')}${price('€ 20')}${price('€ 30')}</div></main>`);
  expect(JSON.stringify(lists(cards)[0]!.samples)).not.toContain('Original price');

  const faq = build(`<main><h1>Help</h1><div class="accordion">
    ${[0, 1, 2].map((i) => `<div class="accordion__item"><h3><button class="accordion__trigger" aria-expanded="${i === 1}" aria-controls="p${i}">Question ${i}?</button></h3>
      <div id="p${i}" ${i === 1 ? '' : 'hidden'}><p>Answer ${i}</p><p class="ask">Was this helpful?</p></div></div>`).join('')}</div></main>`);
  expect(JSON.stringify(lists(faq))).not.toContain('Was this helpful?');

  const nav = build(`<header><nav class="global-nav"><a href="/feed" class="link">Home</a><a href="/jobs" class="link">Jobs</a><a href="/messaging" class="link">Messaging <span class="badge">4</span></a></nav></header><main><h1>Jobs</h1></main>`);
  expect(names(nav)).toEqual(expect.arrayContaining(['nav__home_link', 'nav__jobs_link', 'nav__messaging_link']));
});

test('blocks that differ in all their words (a page\'s header, article and footer) are no list of flags', () => {
  const para = (i: number) => `<p>Paragraph ${i} of the story, with words that only this block holds, and <a href="/more/${i}">a link ${i}</a>.</p>`;
  const zone = (inner: string) => `<div class="zone"><div class="container">${inner}</div></div>`;
  const doc = build(`<div class="page">
    ${zone('<div class="rubric"><a href="/pixels/" class="rubric-link">Pixels</a></div><nav><ul><li><a href="/a">Alpha</a></li><li><a href="/b">Beta</a></li></ul></nav>')}
    ${zone(`<article><h1>Story</h1><p class="byline">By <a href="/me">Martin</a> on <time>04.05.2015</time></p>${[0, 1, 2, 3].map(para).join('')}</article>`)}
    ${zone('<div class="rubric"><a href="/live" class="rubric-link">Live</a></div><p>Follow us</p>')}</div>`);
  expect(lists(doc).filter((list) => list.count === 3)).toEqual([]);
});

test('a comment\'s header drawn as a heading ("mkoval commented May 2") names no section; a dated headline still does', () => {
  const comment = (who: string, day: string, body: string) => `<div class="TimelineItem"><h3><a class="author" href="/${who}">${who}</a> commented <relative-time datetime="2024-05-0${day}">May ${day}</relative-time></h3>
    <div class="comment-body"><p>${body}</p></div><button aria-label="Show options">…</button></div>`;
  const doc = build(`<main><h1>Add retry to webhook delivery</h1>${comment('mkoval', '1', 'This adds backoff.')}${comment('jdoe', '2', 'Can we cap it?')}
    <div class="merge-box"><button disabled>Squash and merge</button></div></main>`);
  expect(doc.sections.map((section) => section.name)).toEqual(['add_retry']);
  expect(names(doc)).toContain('add_retry__squash_and_merge_button');

  const news = build(`<main><h2><a href="/story">Council votes on the budget</a> <time datetime="2024-05-02">May 2</time></h2><p>Text.</p><button>Share</button>
    <h2>Release notes <time datetime="2024-05-02">May 2</time> by <a href="/team">the team</a> today</h2><button>Subscribe</button></main>`);
  expect(news.sections.map((section) => section.name)).toHaveLength(2);
});

test('a change drawn without its sign reads with the sign its class or arrow icon gives; signed and wordy ones stay', () => {
  const kpi = (title: string, delta: string) => `<div class="kpi"><div class="kpi__title">${title}</div><div class="kpi__value">1,024</div>${delta}</div>`;
  const [kpis] = lists(build(`<main><h1>Overview</h1><div class="kpis">
    ${kpi('Users', '<div class="kpi__delta kpi__delta--up">12.4%</div>')}
    ${kpi('Bounce rate', '<div class="kpi__delta"><svg class="icon-arrow-down"></svg>2.3%</div>')}
    ${kpi('Revenue', '<div class="kpi__delta trend-down">+5.9%</div>')}
    ${kpi('Churn', '<div class="kpi__delta is-negative">no change</div>')}</div></main>`));
  expect(kpis!.samples.map((sample) => sample.delta)).toEqual(['+12.4%', '-2.3%', '+5.9%', 'no change']);
});

test('an order total that is a row of the summary\'s pairs is that row, no message too; a total the samples do not show stays', () => {
  const line = (label: string, value: string, extra = '') => `<div class="summary-line${extra}"><dt>${label}</dt><dd>${value}</dd></div>`;
  const summary = (rows: string) => build(`<main><h1>Checkout</h1><form><label>Email <input type="email"></label><button>Pay</button></form>
    <aside class="order-summary"><h2>Order summary</h2><dl class="lines">${rows}</dl></aside></main>`);
  const short = summary(`${line('Subtotal', '$250.00')}${line('Shipping', 'Free')}${line('Total', '$270.63', ' summary-line--total')}`);
  expect(entries(short).filter((entry) => entry.kind === 'message')).toEqual([]);
  expect(lists(short)[0]!.samples.at(-1)).toEqual({ label: 'Total', value: '$270.63' });
  const long = summary(`${Array.from({ length: 12 }, (_, i) => line(`Item ${i}`, `$${i}.00`)).join('')}${line('Total', '$66.00', ' summary-line--total')}`);
  expect(lists(long)[0]!.samples.length).toBeLessThan(13);
  expect(entries(long).filter((entry) => entry.kind === 'message').map((entry) => entry.description)).toEqual(['Total $66.00']);
});

test('a dialog is described by its own paragraph, not by one in a field\'s block', () => {
  const described = (body: string) => build(`<main><h1>Jobs</h1></main><div role="dialog" aria-modal="true" aria-labelledby="t"><h2 id="t">Apply to N26</h2>${body}<button>Next</button></div>`)
    .sections.find((section) => section.kind === 'dialog')!.says;
  expect(described(`<fieldset><legend>Resume</legend><div class="card"><h3>CV_2024.pdf</h3><p>Last used on 3/12/2024</p><input type="radio" name="r" aria-label="Select CV"></div></fieldset>`)).toBeUndefined();
  expect(described(`<div class="row"><p>Uploaded 2 days ago</p><input type="checkbox" aria-label="Use this file"></div>`)).toBeUndefined();
  expect(described(`<p>This cannot be undone.</p><button>Cancel</button>`)).toBe('This cannot be undone.');
  expect(described(`<div class="body"><p>Your answers are kept for 30 days.</p></div><label>Email <input type="email"></label>`)).toBe('Your answers are kept for 30 days.');
});

test('a price keeps the sign written before it (an extra\'s "+$1.00", a discount\'s "−$2.00"); a range\'s dash is no sign', () => {
  const opt = (name: string, price: string) => `<label class="opt"><input type="checkbox"> <span class="opt__name">${name}</span> <span class="opt__price">${price}</span></label>`;
  const [extras, ranges] = lists(build(`<main><h1>Pizza</h1><fieldset><legend>Extras</legend>${opt('Olives', '+$1.00')}${opt('Mushrooms', '+ $1.50')}${opt('Anchovies', '−$2.00')}</fieldset>
    <fieldset><legend>Sizes</legend>${opt('Small', '$10-$20')}${opt('Medium', '$5 - $8')}${opt('Large', '$3')}</fieldset></main>`));
  expect(extras!.samples.map((sample) => sample.price)).toEqual(['+$1.00', '+$1.50', '−$2.00']);
  expect(ranges!.samples.map((sample) => sample.price)).toEqual(['$10 $20', '$5 $8', '$3']);
});

test('a board column labelled with its count in a part of its own is named without it; a stepper\'s value by its group', () => {
  const doc = build(`<section aria-labelledby="c1"><h2 id="c1">To do <span class="count">3</span></h2><button>Add a card</button></section>
    <section aria-labelledby="c2"><h2 id="c2">Done <span class="count">1</span></h2><button>Add a card</button></section>
    <main><h1>Pizza</h1><div class="stepper" role="group" aria-label="Quantity"><button aria-label="Decrease quantity" disabled>−</button>
    <span class="stepper__value" aria-live="polite">1</span><button aria-label="Increase quantity">+</button></div></main>`);
  expect(doc.sections.map((section) => section.name)).toEqual(['to_do', 'done', 'pizza']);
  expect(names(doc)).toContain('pizza__quantity');
});

test('words the page\'s styles hide in an item (a collapsed comment\'s body) are no sample of it', () => {
  const comment = (who: string, body: string, collapsed = false) => `<li class="comment"><a href="/u/${who}" class="author">${who}</a><p class="body"${collapsed ? ' style="display:none"' : ''}>${body}</p><button class="reply">Reply</button></li>`;
  const [comments] = lists(build(`<main><h1>Comments</h1><ol class="comments">${comment('troll', 'HIDDEN WORDS', true)}${comment('ann', 'Visible one')}${comment('bob', 'Visible two')}</ol></main>`));
  expect(comments!.samples.map((sample) => sample.body)).toEqual([undefined, 'Visible one', 'Visible two']);
});
