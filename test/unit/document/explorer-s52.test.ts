// @vitest-environment happy-dom
/**
 * Explorers, sessions 51 and 52 (a directions pane, a social feed, a forum thread, hotel cards): route cards drawn as
 * buttons beside other rows of their pane, a post's own Details/Like/Reply buttons, posts labelled one by one,
 * counts said before a button's verb, separators between a card's parts.
 */
import { expect, test } from 'vitest';
import { build, entry, lists, names } from './helpers.ts';
import { readableToken } from '../../../extension/content/document/text.ts';

const route = (at: number, time: string, length: string, via: string, open = false, details = '', says = 'Mostly flat') => `<div class="route" role="button" tabindex="0" aria-expanded="${open}" id="r${at}">
  <div class="XdKEzd"><div class="Fk3sm fontHeadlineSmall">${time}</div><div class="ivN21e fontBodyMedium"><div>${length}</div></div></div>
  <h2 class="VuCHmb fontHeadlineSmall">${via}</h2><div class="QUXPNb">${says}</div>${details}</div>`;
const PANE = `<div id="pane" role="main" aria-label="Directions">
  <button aria-label="Reverse starting point and destination"><span class="gs">⇅</span></button>
  <button><span class="gs">+</span> Add destination</button>
  ${route(0, '24 min', '5.1 miles', 'via Embarcadero', true, '<button class="TIQqpf" aria-labelledby="d0"><span id="d0">Details</span></button>')}
  ${route(1, '22 min', '4.6 miles', 'via Market St', false, '', 'Some steep hills')}${route(2, '1 hr 7 min', '11 km', 'via Valencia St')}
  <button>Send directions to your phone</button>
  <p role="status">No route chosen yet</p></div>`;

test('route cards after other rows of their pane are a list; their parts named by what they measure, the open one marked', () => {
  const doc = build(PANE);
  const [routes, ...others] = lists(doc);
  expect(others).toEqual([]);
  expect(routes!.count).toBe(3);
  expect(routes!.fields).toEqual(['duration', 'distance', 'title', 'text']);
  // The first card's own button is an action of the list (a button inside a `role=button` card was nowhere).
  expect(routes!.actions).toEqual(['route', 'details']);
  expect(routes!.samples[2]).toMatchObject({ duration: '1 hr 7 min', distance: '11 km', title: 'via Valencia St' });
  expect(routes!.marked).toEqual([expect.objectContaining({ index: 0, mark: 'expanded' })]);
  // The lone buttons strewn before and after the cards are the pane's commands; the status beside the rows is kept.
  expect(names(doc)).toEqual(expect.arrayContaining(['directions__reverse_starting_point_button', 'directions__add_destination_button',
    'directions__send_directions_button', 'directions__status']));
  expect(entry(doc, 'directions__status').description).toBe('No route chosen yet');
});

test('lone buttons one after another stay a list as before; a native button\'s insides are still its own', () => {
  const doc = build(`<main><h1>Tools</h1><div class="bar"><button>Archive</button><button>Move</button><button>Label</button></div>
    <a href="/x" class="card">Open <button>Inner</button></a></main>`);
  expect(names(doc)).not.toContain('tools__inner_button');
});

test('class names a build hashed or that only set a type style name no field', () => {
  for (const hashed of ['QUXPNb', 'TIQqpf']) expect(readableToken(hashed)).toBeUndefined();
  for (const word of ['URLs', 'URLbar', 'card', 'navBar']) expect(readableToken(word)).toBe(word);
});

const post = (labelled: boolean, id: string, who: string, words: string, replies: number, likes: number, liked = false) => `<article${labelled ? ` aria-labelledby="${id}"` : ''}>
  <a id="${id}" href="/u/${id}">${who}</a><p>${words}</p><div role="group"><button aria-label="${replies} Replies. Reply">${replies}</button>
  <button aria-label="${likes} Likes. ${liked ? 'Liked' : 'Like'}">${likes}</button></div></article>`;

test('posts of a feed labelled one by one are a list, not a section each; their buttons named by their verbs, not their counts', () => {
  for (const labelled of [true, false]) {
    const doc = build(`<main><h1>Home</h1>${post(labelled, 'a1', 'NASA', 'Rover found something.', 1204, 40213)}${post(labelled, 'b1', 'Jane Doe', 'Finished my thesis!', 12, 240, true)}${post(labelled, 'c1', 'Acme', 'Try rocket skates.', 5, 30)}</main>`);
    expect(doc.sections.map((s) => s.name)).toEqual(['home']);
    const [posts] = lists(doc);
    expect(posts!.count).toBe(3);
    // "Like" / "Liked": a toggle whose samples show each post's state (session 67; was a field of its count), its
    // `.text()` still the count.
    expect(posts!.fields).toEqual(['link', 'text', 'reply']);
    expect(posts!.actions).toContain('like');
    expect(posts!.samples.map((sample) => sample.like)).toEqual(['false', 'true', 'false']);
  }
});

test('sections of one tag but of different shapes stay sections', () => {
  const doc = build(`<section aria-label="Orders"><h2>Your orders</h2><button>Open order 42</button></section>
    <section aria-label="Catalogue"><input aria-label="Find"><button>Find products</button></section>
    <section aria-label="Help"><p>Ask us</p><a href="/help">Help centre</a></section>`);
  expect(doc.sections.map((s) => s.name)).toEqual(['orders', 'catalogue', 'help']);
});

test('a nav of buttons in every post is the post\'s; a footer\'s columns of links stay navs', () => {
  const reply = (who: string, words: string) => `<div class="post"><a href="/u/${who}">${who}</a><p>${words}</p><nav class="post-controls"><button aria-label="Like this post">♡</button><button>Reply</button></nav></div>`;
  const doc = build(`<header><nav><a href="/latest">Latest</a><a href="/top">Top</a></nav></header><main><h1>Leaking faucet</h1>
    ${reply('newbie', 'My faucet drips.')}${reply('hank', 'Replace the cartridge.')}${reply('newbie', 'That worked.')}</main>`);
  const [posts] = lists(doc);
  expect(posts!.actions).toEqual(['link', 'like_this_post', 'reply']);
  expect(names(doc).filter((name) => name.startsWith('nav__'))).toEqual(['nav__latest_link', 'nav__top_link']);
  const column = (title: string, links: string[]) => `<div class="col"><h3>${title}</h3><nav>${links.map((l) => `<a href="/${l}">${l}</a>`).join('')}</nav></div>`;
  const footer = build(`<main><h1>Shop</h1><p>Hello</p></main><div class="cols">${column('Company', ['about', 'jobs'])}${column('Help', ['faq', 'returns'])}${column('Legal', ['terms', 'privacy'])}</div>`);
  expect(lists(footer)).toEqual([]);
  expect(names(footer).filter((name) => name.startsWith('nav'))).toHaveLength(6);
});

test('separators between a card\'s parts do not make their wrapper one field', () => {
  const card = (n: number, name: string, area: string, far: string, price: string) => `<div class="card"><img src="${n}.jpg" alt="${name}"><div class="body"><h3><a href="/h/${n}">${name}</a></h3>
    <span class="area">${area}</span> · <span class="distance">${far}</span><div class="price">${price}</div><button aria-label="Save">♡</button></div></div>`;
  const doc = build(`<main><h1>Results</h1><div class="results">${card(1, 'Avenida Palace', 'Baixa', '0.3 km from centre', '€256')}${card(2, 'Pessoa Hotel', 'Chiado', '0.8 km from centre', '€198')}${card(3, 'Goodmorning', 'Rossio', '0.5 km from centre', '€64')}</div></main>`);
  const [hotels] = lists(doc);
  expect(hotels!.fields).toEqual(['image', 'link', 'area', 'distance', 'price']);
});

test('names leave out what changes as the user goes on: a filter\'s count, a question\'s state, a count after a heading', () => {
  const box = (id: string, words: string, count: number) => `<div class="cb"><input type="checkbox" id="${id}"><label for="${id}"><span>${words}</span> <span class="cnt">${count}</span></label></div>`;
  const doc = build(`<div class="side"><h3>Property rating</h3>${box('s3', '3 stars', 118)}${box('s4', '4 stars', 203)}<h3>Guests</h3>
    <label><input type="radio" name="g"> <span>2</span> guests</label><label><input type="radio" name="g"> <span>3</span> guests</label></div>
    <nav aria-label="Questions"><ol><li><button aria-label="Question 1, answered">1</button></li><li><button aria-label="Question 2, current" aria-current="step">2</button></li>
    <li><button aria-label="Question 3, unanswered">3</button></li></ol></nav><main><h1>Lisbon: 431 properties found</h1><button>Clear all</button></main>`);
  expect(names(doc)).toEqual(expect.arrayContaining(['property_rating__3_stars', 'property_rating__4_stars', 'questions__question_1_button',
    'questions__question_3_button', 'lisbon__clear_all_button']));
  // A number that is what the box chooses stays: it comes first.
  expect(names(doc).filter((name) => name.includes('guests'))).toEqual(['guests__g_2_guests', 'guests__g_3_guests']);
  expect(entry(doc, 'questions__question_3_button').description).toBe('Question 3, unanswered');
});

test('a grid\'s cells inside a wrapper of their row are named by their column headers; "#" heads the rows\' numbers', () => {
  const row = (n: number, title: string, album: string) => `<div role="row"><div class="row_e"><div role="gridcell">${n}</div><div role="gridcell"><a href="/t/${n}">${title}</a></div>
    <div role="gridcell"><a href="/a/${n}">${album}</a></div><div role="gridcell"><span>${n} days ago</span></div></div></div>`;
  const doc = build(`<main><div role="grid" aria-label="Chill Vibes"><div role="row"><div role="columnheader">#</div><div role="columnheader">Title</div>
    <div role="columnheader">Album</div><div role="columnheader">Date added</div></div>${row(1, 'Sunset Lover', 'Petit Biscuit')}${row(2, 'Intro', 'xx')}${row(3, 'Midnight City', 'Hurry Up')}</div></main>`);
  expect(lists(doc)[0]!.fields).toEqual(['number', 'title', 'album', 'date_added']);
});

test('a field only one card has is named by its label', () => {
  const doc = build(`<main><h1>Pricing</h1><div class="plans"><div class="plan"><h2>Starter</h2><div class="amt">$0</div><a href="/s">Get started</a></div>
    <div class="plan"><h2>Pro</h2><div class="amt">$12</div><label for="seats">Seats</label><input id="seats" type="number" value="5"><a href="/p">Start trial</a></div>
    <div class="plan"><h2>Enterprise</h2><div class="amt">Custom</div><a href="/c">Contact sales</a></div></div></main>`);
  expect(lists(doc)[0]!.actions).toContain('seats');
});

test('tiles laid out in rows of a grid are one list; a grid with column headers keeps its rows as items', () => {
  const tile = (name: string) => `<div role="gridcell" tabindex="0" aria-selected="false"><span class="name">${name}</span><div role="checkbox" tabindex="0" aria-checked="false" aria-label="Select ${name}"></div></div>`;
  const doc = build(`<main><h2>Files</h2><div role="grid" aria-label="Files"><div role="row">${tile('beach.jpg')}${tile('city.jpg')}${tile('sea.png')}</div>
    <div role="row">${tile('notes.pdf')}${tile('taxes.pdf')}</div></div></main>`);
  const [files, ...others] = lists(doc);
  expect(others).toEqual([]);
  expect(files!.count).toBe(5);
  expect(files!.actions).toContain('select');
  const cells = (a: string, b: string) => `<div role="row"><div role="gridcell">${a}</div><div role="gridcell"><button>Open ${b}</button></div></div>`;
  const table = build(`<main><div role="grid" aria-label="Orders"><div role="row"><div role="columnheader">Order</div><div role="columnheader">Action</div></div>
    ${cells('A1', 'A1')}${cells('B2', 'B2')}${cells('C3', 'C3')}</div></main>`);
  expect(lists(table)[0]!.count).toBe(3);
});

test('a folder tree whose items are the controls themselves is one list of every level', () => {
  const doc = build(`<aside><div role="tree" aria-label="Folders"><div role="treeitem" aria-expanded="true" aria-selected="true" tabindex="0"><span>My Drive</span>
    <div role="group"><div role="treeitem" aria-expanded="false" aria-selected="false" tabindex="-1"><span>Projects</span></div>
    <div role="treeitem" aria-selected="false" tabindex="-1"><span>Receipts</span></div></div></div>
    <div role="treeitem" aria-selected="false" tabindex="-1"><span>Shared with me</span></div><div role="treeitem" aria-selected="false" tabindex="-1"><span>Trash</span></div></div></aside>`);
  const [folders, ...others] = lists(doc);
  expect(others).toEqual([]);
  expect(folders!.count).toBe(5);
  expect(folders!.samples.map((s) => s.text)).toEqual(['My Drive', 'Projects', 'Receipts']);
});

test('a minified class of one- and two-letter parts names no field; a test id does', () => {
  const card = (n: number, name: string, price: string) => `<div data-testid="property-card" class="c_a1"><h3><a data-testid="title" class="f_x" href="/h/${n}">${name}</a></h3><div class="md">${price}</div></div>`;
  const doc = build(`<main><h1>Stays</h1><div class="list">${card(1, 'Avenida', '€256')}${card(2, 'Pessoa', '€198')}${card(3, 'Goodmorning', '€64')}</div></main>`);
  // A class cut to two letters over prices is `price` (session 54; it was `md`).
  expect(lists(doc)[0]!.fields).toEqual(['title', 'price']);
});

test('an accordion\'s headers (a heading that is only its button) name no section; a heading that is a link still does', () => {
  const qa = (n: number, q: string, open: boolean) => `<h3><button aria-expanded="${open}" aria-controls="a${n}" id="q${n}">${q}</button></h3>
    <div id="a${n}" role="region" aria-labelledby="q${n}"${open ? '' : ' hidden'}><p>Answer ${n}.</p></div>`;
  const doc = build(`<main><h1>FAQ</h1>${qa(1, 'Can I change plans later?', true)}${qa(2, 'Do you offer refunds?', false)}</main>`);
  expect(names(doc)).toEqual(['faq__can_i_change_plans_button', 'faq__do_you_offer_refunds_button']);
  const linked = build('<main><h1>Guide</h1><h2><a href="#setup">Setup</a></h2><button>Install</button></main>');
  expect(names(linked)).toContain('setup__install_button');
});

test('review: cards between labels stay a list; a box\'s chosen number, a hyphenated word and a named type class stay', () => {
  const ev = (title: string, time: string) => `<div role="button" tabindex="0" class="event"><span class="title">${title}</span> <span class="time">${time}</span></div>`;
  const agenda = build(`<main><h1>Agenda</h1><div class="days"><div class="label">Monday</div>${ev('Standup', '9:30')}${ev('Review', '11:00')}<div class="label">Tuesday</div>${ev('Retro', '15:00')}</div></main>`);
  expect(lists(agenda).map((l) => l.count)).toEqual([3]);
  const labels = build(`<form aria-label="Filters"><label><input type="checkbox" value="40"> EU <span>40</span></label><label><input type="checkbox" value="41"> EU <span>41</span></label>
    <label><input type="radio" name="b"> Bedrooms <span>2</span></label><label><input type="radio" name="b"> Bedrooms <span>3</span></label></form>
    <nav aria-label="Shelves"><a href="/s/to-read">to-read</a><a href="/s/well-done">well-done</a></nav>`);
  expect(names(labels)).toEqual(expect.arrayContaining(['filters__eu_40', 'filters__eu_41', 'shelves__to_read_link', 'shelves__well_done_link']));
  expect(names(labels).filter((name) => name.startsWith('filters__bedrooms'))).toEqual(['filters__bedrooms_2', 'filters__bedrooms_3']);
  const msg = (t: string, b: string) => `<li class="msg"><span class="textTitle">${t}</span><span class="textBody">${b}</span><button>Archive</button></li>`;
  const inbox = build(`<main><h1>Inbox</h1><ul>${msg('Invoice', 'Due Friday')}${msg('Lunch', 'At noon?')}${msg('Build', 'It failed')}</ul></main>`);
  expect(lists(inbox)[0]!.fields).toEqual(['text_title', 'text_body']);
});

test('review: a grid of unlike cells (a roster\'s name cell and its role cell) keeps its rows as items', () => {
  const member = (name: string, mail: string) => `<div role="row"><div role="gridcell"><a href="/u/${name}">${name}</a><span class="c">${mail}</span></div>
    <div role="gridcell"><select aria-label="Role"><option>Admin</option><option>Member</option></select><button>Remove</button></div></div>`;
  const doc = build(`<main><h1>Team</h1><div role="grid" aria-label="Members">${member('Ana', 'ana@x.io')}${member('Bo', 'bo@x.io')}${member('Cy', 'cy@x.io')}</div></main>`);
  expect(lists(doc)[0]!.count).toBe(3);
});
