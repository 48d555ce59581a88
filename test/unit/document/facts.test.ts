// @vitest-environment happy-dom
/**
 * A page's key facts (facts.ts): a product's price with what it cost before, its stock, its rating are read-only
 * entries (explorer, sessions 44 and 46: "what does it cost?" had nothing to read).
 */
import { describe, expect, test } from 'vitest';
import { build, entries, lists } from './helpers.ts';
import { renderPrompt } from '../../../extension/content/document/render.ts';
import { factText } from '../../../extension/content/document/facts.ts';

const facts = (html: string) => entries(build(html)).filter((e) => e.kind === 'message').map((e) => [e.name, e.kind === 'message' ? e.description : '']);

describe('key facts', () => {
  test('a product\'s price, was price, stock and rating', () => {
    const doc = build(`<header><a href="/">Shop</a><span class="cart-price">$0.00</span></header><main><h1>Trail Runner</h1>
      <div class="rating" aria-label="4.5 out of 5 stars">★★★★☆</div><p class="price"><del>$120.00</del> <ins>$89.99</ins></p>
      <p class="stock">Only 3 left in stock</p><button>Add to cart</button></main>`);
    const text = renderPrompt(doc).text;
    expect(text).toContain('$trail_runner__rating message "4.5 out of 5 stars"');
    expect(text).toContain('$trail_runner__price message "$89.99 (was $120.00)"');
    expect(text).toContain('$trail_runner__stock message "Only 3 left in stock"');
    expect(text).not.toContain('$0.00');
  });

  test('by itemprop, in other currencies; one of each kind, the first', () => {
    expect(facts(`<main><h1>Lampe</h1><span itemprop="price">89,90 €</span><span itemprop="availability">Auf Lager – available</span>
      <span class="price">12,00 €</span></main>`)).toEqual([['lampe__price', '89,90 €'], ['lampe__stock', 'Auf Lager – available']]);
  });

  test('not a control\'s words, not prose, not words that only look like a class', () => {
    expect(facts(`<main><h1>P</h1><a class="price" href="/p">$10</a><button class="stock">In stock alerts</button>
      <p class="price-note">Prices include VAT and are shown in your currency unless you choose another one in settings</p>
      <div class="stockholm">Stockholm</div></main>`)).toEqual([]);
  });

  test('a card\'s price and stars are its fields, named so and read as facts read', () => {
    const card = (n: string, was: string) => `<li><a href="/${n}">${n}</a> <span aria-label="${n.length} out of 5 stars">★★★</span> <div><del>${was}</del> $1${n.length}.00</div><button>Add</button></li>`;
    const [list] = lists(build(`<main><h1>Shoes</h1><ul>${card('Road', '$20.00')}${card('Trail', '$30.00')}${card('Walker', '$40.00')}</ul></main>`));
    expect(list!.fields).toEqual(['link', 'rating', 'price']);
    expect(list!.samples[0]).toMatchObject({ rating: '4 out of 5 stars', price: '$14.00 (was $20.00)' });
  });

  test('.text() of a fact reads as the document says it; a struck line that is no price is left alone', () => {
    build('<p id="p" class="price"><s>$5</s> $4</p><li id="t"><s>Pay $20 rent</s></li>');
    expect(factText(document.getElementById('p')!)).toBe('$4 (was $5)');
    expect(factText(document.getElementById('t')!)).toBeUndefined();
  });
});

describe('a checkout\'s step and total (session 46)', () => {
  test('the current step of steps that are words is a fact, said with its place; of steps that are links, a link', () => {
    expect(facts('<main><h1>Pay</h1><ol class="steps"><li>Cart</li><li aria-current="step">Payment</li><li>Review</li></ol><button>Next</button></main>'))
      .toEqual([['pay__step', 'Payment (step 2 of 3)']]);
    const linked = entries(build('<main><h1>Pay</h1><ol><li><a href="#1">Cart</a></li><li aria-current="step"><span>Payment</span></li><li><a href="#3">Review</a></li></ol></main>'));
    expect(linked.find((e) => e.name.includes('payment'))).toMatchObject({ kind: 'link', state: { current: true } });
  });

  test('an order\'s total, in the summary beside the form too; a total that is no amount is none', () => {
    expect(facts('<aside><h2>Summary</h2><div class="row"><span>Subtotal</span> <span>$10</span></div><div class="row total"><b>Total</b> <b>$12.50</b></div></aside><main><h1>Pay</h1><button>Pay</button></main>'))
      .toEqual([['aside__total', 'Total $12.50']]);
    expect(facts('<main><h1>Votes</h1><p class="total">Total votes: 1,204</p></main>')).toEqual([]);
  });
});

test('a progress bar\'s value is a fact: as it says it, else its share of its range; one with no value is none', () => {
  expect(facts('<main><h1>Upload</h1><div role="progressbar" aria-label="Upload" aria-valuenow="3" aria-valuemin="0" aria-valuemax="4"></div><button>Cancel</button></main>'))
    .toEqual([['upload__upload_progress', '75%']]);
  expect(facts('<main><h1>Upload</h1><progress value="2" max="8"></progress></main>')).toEqual([['upload__progress', '25%']]);
  expect(facts('<main><h1>Upload</h1><div role="progressbar" aria-valuetext="Step 2: copying"></div></main>')).toEqual([['upload__progress', 'Step 2: copying']]);
  expect(facts('<main><h1>Loading</h1><div role="progressbar" aria-label="Loading"></div></main>')).toEqual([]);
});

// Review, session 46: facts taken from what is not the page's own, or missed on common markup.
describe('facts on real markup, and what is none', () => {
  test('WooCommerce\'s sale price, hidden from screen readers and said again in words for them', () => {
    expect(facts(`<main><h1>Shoe</h1><p class="price"><del aria-hidden="true"><span class="amount"><bdi>$120.00</bdi></span></del>
      <span class="screen-reader-text">Original price was: $120.00.</span><ins aria-hidden="true"><span class="amount"><bdi>$89.99</bdi></span></ins>
      <span class="screen-reader-text">Current price is: $89.99.</span></p></main>`)).toEqual([['shoe__price', '$89.99 (was $120.00)']]);
  });

  test('a hidden quick view, a banner above the title and a mega menu do not take the product\'s place', () => {
    const menu = Array.from({ length: 70 }, (_, i) => `<li><a href="/${i}">Item ${i}</a><span class="price">$${i}.00</span></li>`).join('');
    expect(facts(`<header><nav><ul>${menu}</ul></nav></header><div class="announcement-bar">Join for <span class="price">$4.99</span>/month</div>
      <div class="quick-view" hidden><span class="price">$10.00</span><span class="stock">Out of stock</span></div>
      <main><h1>Shoe</h1><span class="price">$89.99</span><p class="stock">In stock</p></main>`)).toEqual([['shoe__price', '$89.99'], ['shoe__stock', 'In stock']]);
  });

  test('no rating from a counter, a pager, a date\'s title or "operating" hours; no stock from an app\'s platforms; no total from savings', () => {
    expect(facts(`<main><h1>Quiz</h1><span class="counter" aria-label="Question 3 out of 10">3/10</span><div class="operating-hours">Support open 24/7</div>
      <div class="availability">Available on iOS and Android</div><div class="cart-totals"><div class="total-savings">Total savings: $20.00</div>
      <div class="total-row">Total $116.63</div></div><span class="when" title="03/12/2024 10:22">2 days ago</span></main>`)).toEqual([['quiz__total', 'Total $116.63']]);
  });

  test('a lone review\'s stars are not the product\'s rating; microdata says a rating and a price with their scale and currency', () => {
    expect(facts('<main><h1>Shoe</h1><article class="review"><h3>Fell apart</h3><div class="review-rating" aria-label="1 out of 5 stars">★</div></article></main>')).toEqual([]);
    expect(facts(`<main itemscope itemtype="https://schema.org/Product"><h1>Shoe</h1><div itemprop="aggregateRating" itemscope>Rated <span itemprop="ratingValue">4.6</span>/5</div>
      <div itemprop="offers" itemscope><span itemprop="priceCurrency" content="USD">$</span><span itemprop="price" content="89.99">89.99</span></div></main>`))
      .toEqual([['shoe__rating', '4.6 out of 5'], ['shoe__price', '89.99 USD']]);
  });

  test('.text() of a select or a link stays its own', () => {
    build('<select id="s" class="price-filter"><option>Under $25</option><option selected>$25 to $50</option></select><a id="a" href="/2" aria-label="Page 2 of 9">2</a>');
    expect(factText(document.getElementById('s')!)).toBeUndefined();
    expect(factText(document.getElementById('a')!)).toBeUndefined();
  });
});

test('a big card with a struck price, its markup indented, is no price itself (its part is)', () => {
  const pad = '\n' + ' '.repeat(60);
  build(`<div id="card">${pad}<h2>Anker Soundcore Q30</h2>${pad}<p class="now">$59.99</p>${pad}<p><s>$79.99</s></p>${pad}<p>FREE delivery Thu, Mar 14</p>${pad}<p>Only 5 left</p>${pad}<p>Ships from Derby</p>${pad}</div>`);
  expect(factText(document.getElementById('card')!)).toBeUndefined();
});

describe('a step said by classes alone (session 47)', () => {
  const mui = (active: number) => ['Select campaign settings', 'Create an ad group', 'Create an ad'].map((label, i) => {
    const state = i < active ? ' Mui-completed' : i === active ? ' Mui-active' : '';
    const step = `<div class="MuiStep-root MuiStep-horizontal${i < active ? ' Mui-completed' : ''}"><span class="MuiStepLabel-root MuiStepLabel-horizontal">`
      + `<span class="MuiStepLabel-iconContainer${state}"><svg class="MuiSvgIcon-root MuiStepIcon-root${state}"><text>${i + 1}</text></svg></span>`
      + `<span class="MuiStepLabel-labelContainer"><span class="MuiStepLabel-label${state}">${label}</span></span></span></div>`;
    return (i ? '<div class="MuiStepConnector-root MuiStepConnector-horizontal"><span class="MuiStepConnector-line"></span></div>' : '') + step;
  }).join('');

  test("MUI's Stepper: the active label, its place among the steps (not the connectors), and .text() reads it so", () => {
    expect(facts(`<main><h1>New campaign</h1><div class="MuiStepper-root MuiStepper-horizontal">${mui(1)}</div><button>Next</button></main>`))
      .toEqual([['new_campaign__step', 'Create an ad group (step 2 of 3)']]);
    const label = document.querySelector('.MuiStepLabel-label.Mui-active')!;
    expect(factText(label)).toBe('Create an ad group (step 2 of 3)');
  });

  test("the locator follows the active step as it moves", () => {
    const doc = build(`<main><h1>New campaign</h1><div class="MuiStepper-root MuiStepper-horizontal" id="wizard">${mui(0)}</div></main>`);
    const step = entries(doc).find((e) => e.name === 'new_campaign__step')!;
    expect(step.kind === 'message' && step.description).toBe('Select campaign settings (step 1 of 3)');
    const css = step.locators.find((l) => l.by === 'css')!.value;
    expect(css).toBe('#wizard .MuiStepLabel-label.Mui-active');
    document.getElementById('wizard')!.innerHTML = mui(2);
    expect(factText(document.querySelector(css)!)).toBe('Create an ad (step 3 of 3)');
  });

  test("Ant Design's Steps and a plain ol.steps > li.active", () => {
    const ant = ['Finished', 'In Progress', 'Waiting'].map((title, i) => `<div class="ant-steps-item ant-steps-item-${['finish', 'process ant-steps-item-active', 'wait'][i]}">`
      + `<div class="ant-steps-item-container"><div class="ant-steps-item-content"><div class="ant-steps-item-title">${title}</div></div></div></div>`).join('');
    expect(facts(`<main><h1>Order</h1><div class="ant-steps ant-steps-horizontal">${ant}</div></main>`)).toEqual([['order__step', 'In Progress (step 2 of 3)']]);
    expect(facts('<main><h1>Pay</h1><ol class="steps"><li>Cart</li><li class="active">Payment</li><li>Review</li></ol></main>'))
      .toEqual([['pay__step', 'Payment (step 2 of 3)']]);
  });

  test('not where the steps are links (the link says it), not an active tab or menu item, not with aria-current said', () => {
    expect(facts('<main><h1>Pay</h1><ol class="steps"><li><a href="#1">Cart</a></li><li class="active"><a href="#2">Payment</a></li></ol></main>')).toEqual([]);
    expect(facts('<main><h1>Docs</h1><ul class="menu"><li class="active">Intro</li><li>Setup</li></ul><div class="slide active">Welcome</div></main>')).toEqual([]);
    expect(facts('<main><h1>Pay</h1><ol class="steps"><li>Cart</li><li class="active" aria-current="step">Payment</li><li>Review</li></ol></main>'))
      .toEqual([['pay__step', 'Payment (step 2 of 3)']]);
  });
});
