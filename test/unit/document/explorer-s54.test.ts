// @vitest-environment happy-dom
/**
 * Explorer, session 54.
 */
import { expect, test } from 'vitest';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { build, entries, lists, names } from './helpers.ts';

const scale = (points: number) => Array.from({ length: points }, (_, i) => `<label class="opt"><input type="radio" name="nps" value="${i}"><span>${i}</span></label>`).join('');

test('a scale of radios in a labelled radio group is named by the group\'s question, not by the scale\'s class', () => {
  const doc = build(`<main><h1>Survey</h1><form><div role="radiogroup" aria-labelledby="q1"><p id="q1">How likely are you to recommend us?</p>
    <div class="scale">${scale(11)}</div><div class="ends"><span>Not at all likely</span><span>Extremely likely</span></div></div>
    <button type="submit">Submit survey</button></form></main>`);
  const [nps] = lists(doc);
  expect(nps!.name).toMatch(/how_likely/);
  expect(nps!.description).toBe('How likely are you to recommend us?');
});

test('a timer is a message the page shows, named by its label or class, never by the field before it', () => {
  const doc = build(`<main><h1>Quiz</h1><form><label for="c">Anything else?</label><textarea id="c"></textarea>
    <div role="timer" class="countdown">Time left: 04:59</div><button type="submit">Submit</button></form>
    <div role="timer" aria-label="Sale ends in">02:14:09</div></main>`);
  const timers = entries(doc).filter((e) => e.kind === 'message');
  expect(timers.map((e) => [e.name.split('__')[1], e.description])).toEqual([['countdown', 'Time left: 04:59'], ['sale_ends_in', '02:14:09']]);
});

test('a link that starts with a count of reviews or questions is named by what it counts, so the name holds as the count grows', () => {
  const page = (reviews: string, questions: string) => build(`<main><h1>Trail Runner 3</h1><a href="#reviews">${reviews}</a><a href="#qa">${questions}</a>
    <a href="/s/5">5 stars</a><a href="/s/4">4 stars</a><button>Add to bag</button></main>`);
  expect(names(page('312 reviews', '24 questions answered'))).toEqual(['trail_runner_3__reviews_link', 'trail_runner_3__questions_answered_link',
    'trail_runner_3__5_stars_link', 'trail_runner_3__4_stars_link', 'trail_runner_3__add_to_bag_button']);
  expect(names(page('1 review', '1,204 questions answered'))).toEqual(names(page('312 reviews', '24 questions answered')));
  // The count is still said, beside the name.
  expect(renderDocument(page('312 reviews', '24 questions answered'))).toContain('$trail_runner_3__reviews_link "312 reviews" → #reviews');
});

test('buttons named by their own labels whose only words are their icons\' titles are entries by those labels', () => {
  const icon = (label: string, title: string) => `<button aria-label="${label}"><svg width="24" height="24"><title>${title}</title></svg></button>`;
  const doc = build(`<main><h1>Home</h1><div aria-roledescription="carousel" aria-label="Property photos"><img src="p.jpg" alt="Front">
    ${icon('Previous photo', 'Chevron Left')}${icon('Next photo', 'Chevron Right')}<button>See all 24 photos</button></div></main>`);
  expect(lists(doc)).toEqual([]);
  const text = renderDocument(doc);
  expect(text).toContain('$home__previous_photo_button\n$home__next_photo_button\n');
  expect(text).not.toContain('Chevron');
});

test('buttons named alike in rows say the row by its box\'s label too', () => {
  const row = (id: string, airline: string, price: string) => `<div class="pr-check"><input type="checkbox" id="${id}"><label for="${id}">${airline}</label><span class="fp">${price}</span><button type="button">only</button></div>`;
  const doc = build(`<main><h1>Flights</h1><section><h2>Airlines</h2>${row('ua', 'United', '$289')}${row('dl', 'Delta', '$312')}</section></main>`);
  expect(entries(doc).filter((e) => e.kind === 'button').map((e) => (e as { row?: string }).row)).toEqual(['United $289', 'Delta $312']);
});

test('a part under a class cut to a few letters is named by what its words are: prices, spans of time', () => {
  const card = (air: string, dur: string, price: string) => `<li class="card"><span class="air">${air}</span><div class="dur"><div class="vmXl">${dur}</div></div><span class="pr">${price}</span><button>Select</button></li>`;
  const [flights] = lists(build(`<main><h1>Flights</h1><ul>${card('United', '5h 32m', '$289')}${card('Delta', '5h 25m', '$312')}${card('JetBlue', '8h 10m', '$1,198')}</ul></main>`));
  expect(flights!.fields).toEqual(['air', 'duration', 'price']);
});

test('product cards whose fields say each card\'s title stay one list', () => {
  const card = (title: string) => `<div class="card"><h3>${title}</h3><label>Quantity for ${title} <input type="number" value="1"></label><label>Gift wrap ${title} <input type="checkbox"></label></div>`;
  const [products] = lists(build(`<main><h2>Cart</h2><div class="cards">${card('Red shirt')}${card('Blue shirt')}${card('Green hat')}</div></main>`));
  expect(products?.count).toBe(3);
});

test('a tab with words of its own beside a part holding the rest is a field of its own words', () => {
  const tab = (label: string, value: string, selected: boolean) => `<div role="tab" aria-selected="${selected}" tabindex="${selected ? 0 : -1}" class="Hv20-option">${label} <span class="Hv20-value">${value}</span></div>`;
  const [sort] = lists(build(`<main><h1>Flights</h1><div role="tablist" aria-label="Sort by">${tab('Best', '$289 • 5h 32m', true)}${tab('Cheapest', '$198 • 8h 10m', false)}${tab('Quickest', '$312 • 5h 25m', false)}</div></main>`));
  expect(sort!.fields[0]).toBe('tab');
  expect(sort!.samples[1]).toMatchObject({ tab: 'Cheapest $198 • 8h 10m' });
});

test('a sheet\'s corner cell labelled "Select all" names no column', () => {
  const row = (n: number, vendor: string, amount: string) => `<div role="row"><div role="rowheader">${n}</div><div role="gridcell" tabindex="-1">${vendor}</div><div role="gridcell" tabindex="-1">${amount}</div></div>`;
  const [sheet] = lists(build(`<main><h1>Q1</h1><div role="grid" aria-label="Sheet1"><div role="row"><div role="columnheader" aria-label="Select all" tabindex="-1"></div>
    <div role="columnheader">Vendor</div><div role="columnheader">Amount</div></div>${row(1, 'AWS', '$1,240')}${row(2, 'Figma', '$540')}${row(3, 'Notion', '$96')}</div></main>`));
  expect(sheet!.fields).toEqual(['column_1', 'vendor', 'amount']);
});

test('controls whose labels are cut to the same name are told apart by the words past the cut', () => {
  const doc = build(`<main><h1>Recipe</h1><a href="?u=us" aria-label="Change unit system to US Customary">US</a> <a href="?u=metric" aria-label="Change unit system to Metric">Metric</a>
    <button aria-expanded="false">When will I get my refund?</button><button aria-expanded="false">When will I get my order?</button></main>`);
  expect(names(doc)).toEqual(['recipe__change_unit_system_to_us_customary_link', 'recipe__change_unit_system_to_metric_link',
    'recipe__when_will_i_get_my_refund_button', 'recipe__when_will_i_get_my_order_button']);
});

// An adversarial reviewer's findings on this session's rules (review, session 54).

test('review: a product grid stays one list when one card is sold out (no quantity) or one title has a badge', () => {
  const card = (title: string, qty = true, badge = '') => `<li class="product"><h3>${title}${badge}</h3><span class="price">$20</span>${qty ? `<label>Qty <input type=number aria-label="Quantity for ${title}" value=1></label>` : ''}
    <label><input type=checkbox> Compare</label><button aria-label="Add ${title} to cart">Add</button></li>`;
  const soldOut = lists(build(`<main><h2>Shirts</h2><ul class="grid">${card('Red shirt')}${card('Blue shirt', false)}${card('Green shirt')}</ul></main>`));
  expect(soldOut.map((l) => l.count)).toEqual([3]);
  const badged = lists(build(`<main><h2>Shirts</h2><ul class="grid">${card('Red shirt')}${card('Blue shirt', true, ' <span class="badge">New</span>')}${card('Green shirt')}</ul></main>`));
  expect(badged.map((l) => l.count)).toEqual([3]);
});

test('review: twins with ids of their own keep them; the words past the cut (a state that changes) come after', () => {
  const ship = (n: number, speed: string) => `<div class=ship><p>Package ${n}</p><button id=speed-${n} aria-label="Change delivery speed from ${speed} shipping">Change</button></div>`;
  const doc = build(`<main><h2>Shipments</h2>${ship(1, 'Standard')}${ship(2, 'Express')}</main>`);
  expect(names(doc)).toEqual(['shipments__change_delivery_speed_from_button_speed_1', 'shipments__change_delivery_speed_from_button_speed_2']);
});

test('review: short classes that are words (was, now, hi, lo) keep their names over prices', () => {
  const row = (name: string, was: string, now: string) => `<li><a href="/p/${name}">${name}</a> <span class="was">${was}</span> <span class="now">${now}</span></li>`;
  const [sale] = lists(build(`<main><h2>Sale</h2><ul>${row('Lamp', '$30', '$20')}${row('Desk', '$120', '$99')}${row('Rug', '$80', '$60')}</ul></main>`));
  expect(sale!.fields.slice(1)).toEqual(['was', 'now']);
});

test('review: an icon title that says something (a run\'s status) stays the item\'s words; a part-made link is no field of its own', () => {
  const run = (name: string, status: string) => `<li class=run><a class=title href=/r/${name}>${name} workflow</a><a href=/r/${name}/status aria-label="View run details"><svg width=16 height=16><title>${status}</title></svg></a><span class=time>2 min</span></li>`;
  const [runs] = lists(build(`<main><h2>Runs</h2><ul>${run('build', 'Success')}${run('test', 'Failure')}${run('lint', 'Success')}</ul></main>`));
  expect(runs!.samples.map((s) => Object.values(s))).toEqual(expect.arrayContaining([expect.arrayContaining(['Failure'])]));
  const note = (user: string, repo: string) => `<li class=notif><a href=/n/${user}><strong class=user>${user}</strong> commented on <span class=repo>${repo}</span></a><time datetime=2024-01-01>Jan 1</time></li>`;
  const [notes] = lists(build(`<main><h2>Notifications</h2><ul>${note('alice', 'foo/bar')}${note('bob', 'baz/qux')}${note('carol', 'a/b')}</ul></main>`));
  expect(notes!.fields.slice(0, 2)).toEqual(['user', 'repo']);
});
