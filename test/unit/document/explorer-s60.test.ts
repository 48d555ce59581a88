// @vitest-environment happy-dom
/**
 * Session 60: parts named by their item's class and a word, a table's rows with many controls (WordPress's posts),
 * row actions named by the word they show.
 */
import { expect, test } from 'vitest';
import { build, entry, list, names } from './helpers.ts';

test('a part whose class is its item\'s class and a word is named by that word; a box\'s within the item keeps it', () => {
  const tab = (name: string, selected: boolean) => `<div role="tab" aria-selected="${selected}" class="docs-sheet-tab" tabindex="0"><span class="docs-sheet-tab-name">${name}</span></div>`;
  const result = (title: string) => `<div class="search-result"><h3 class="search-result-title"><a href="/r/${title}">${title} result</a></h3><p class="search-result-snippet">Words about ${title}</p></div>`;
  const card = (title: string, due: string) => `<li class="task-card"><span class="task-card-title">${title}</span><span class="badge"><span class="badge-text">${due}</span></span><button>Open</button></li>`;
  const doc = build(`<main><h2>Sheets</h2><div role="tablist" aria-label="Sheets">${tab('Sheet1', true)}${tab('Receipts', false)}${tab('Notes', false)}</div>
    <h2>Results</h2><div class="results">${result('First')}${result('Second')}${result('Third')}</div>
    <h2>Tasks</h2><ul class="tasks">${card('Write notes', 'Jun 1')}${card('Fix login', 'Jun 2')}${card('Ship it', 'Jun 3')}</ul></main>`);
  expect(list(doc, 'sheets__tabs').fields).toEqual(['name']);
  expect(list(doc, 'results__items').fields).toEqual(['title', 'snippet']);
  expect(list(doc, 'results__items').samples[0]).toEqual({ title: 'First result', snippet: 'Words about First' });
  // `badge-text` in `.badge`, a box of the card: `text` alone would say nothing.
  expect(list(doc, 'tasks__items').fields).toEqual(['title', 'badge_text']);
});

/** WordPress's posts table, as wp-admin/edit.php writes it (trimmed): a box, the title, four row actions, more links. */
const wordPressRow = (id: number, title: string, state: string, tags: string[]) => `<tr id="post-${id}" class="iedit">
  <th scope="row" class="check-column"><input id="cb-select-${id}" type="checkbox" name="post[]" value="${id}"><label for="cb-select-${id}"><span class="screen-reader-text">Select ${title}</span></label></th>
  <td class="title column-title has-row-actions column-primary"><strong><a class="row-title" href="post.php?post=${id}&amp;action=edit" aria-label="“${title}” (Edit)">${title}</a>${state ? ` — <span class="post-state">${state}</span>` : ''}</strong>
   <div class="row-actions"><span class="edit"><a href="post.php?post=${id}&amp;action=edit" aria-label="Edit “${title}”">Edit</a> | </span><span class="inline"><button type="button" class="button-link editinline" aria-label="Quick edit “${title}” inline" aria-expanded="false">Quick Edit</button> | </span><span class="trash"><a href="post.php?post=${id}&amp;action=trash" class="submitdelete" aria-label="Move “${title}” to the Trash">Trash</a> | </span><span class="view"><a href="/?p=${id}" aria-label="View “${title}”">View</a></span></div>
   <button type="button" class="toggle-row"><span class="screen-reader-text">Show more details</span></button></td>
  <td class="author column-author"><a href="edit.php?author=1">Elena</a></td>
  <td class="categories column-categories"><a href="edit.php?category_name=travel">Travel</a></td>
  <td class="tags column-tags">${tags.map((tag) => `<a href="edit.php?tag=${tag}">${tag}</a>`).join(', ')}</td>
  <td class="comments column-comments"><a href="edit-comments.php?p=${id}" class="post-com-count"><span aria-hidden="true">5</span><span class="screen-reader-text">5 comments</span></a><a href="edit-comments.php?p=${id}&amp;s=moderated" class="post-com-count"><span aria-hidden="true">1</span><span class="screen-reader-text">1 pending comment</span></a></td>
  <td class="date column-date">Published<br>2024/03/0${id % 9} at 9:14 am</td></tr>`;

test('a table\'s rows with a dozen controls each are a list; a row action is named by the word it shows', () => {
  const doc = build(`<main><h1>Posts</h1><style>.screen-reader-text{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(1px,1px,1px,1px)}</style>
    <table class="wp-list-table"><thead><tr><td class="check-column"><input id="cb-select-all-1" type="checkbox"><label for="cb-select-all-1"><span class="screen-reader-text">Select All</span></label></td>
    <th>Title</th><th>Author</th><th>Categories</th><th>Tags</th><th>Comments</th><th>Date</th></tr></thead>
    <tbody id="the-list">${wordPressRow(41, '48 Hours in Rome', '', ['food', 'city break', 'italy'])}${wordPressRow(44, 'Street Food in Hanoi', 'Draft', [])}${wordPressRow(39, 'Lisbon on a Budget', 'Scheduled', ['budget'])}</tbody></table></main>`);
  const posts = list(doc, 'posts__the_list');
  expect(posts.actions).toEqual(expect.arrayContaining(['select', 'title', 'edit', 'quick_edit', 'trash']));
  // The bare `<strong>` around the title link and " — Draft" is no field; the state is.
  expect(posts.fields).toContain('post_state');
  expect(posts.samples[1]).toMatchObject({ title: 'Street Food in Hanoi', post_state: 'Draft' });
  // The box's label, read out only, says what the box's name says.
  expect(posts.fields).not.toContain('screen_reader_text');
});

test('a checklist\'s shown labels stay the items\' words', () => {
  const row = (name: string) => `<div class="opt"><input type="checkbox" id="o-${name}"><label for="o-${name}">${name}</label></div>`;
  const doc = build(`<main><h2>Status</h2><div class="opts">${row('Active')}${row('Invited')}${row('Suspended')}</div></main>`);
  expect(list(doc, 'status__opts').samples[0]).toMatchObject({ label: 'Active' });
  // A bare span around the box and its words is those words (a facet's "Nonstop" beside its count).
  const facet = (name: string, count: number) => `<label class="facet__option"><span><input type="checkbox" name="stops"> ${name}</span><span class="facet__count">${count}</span></label>`;
  const stops = build(`<main><fieldset class="facet"><legend>Stops</legend>${facet('Nonstop', 12)}${facet('1 stop', 48)}${facet('2+ stops', 9)}</fieldset></main>`);
  expect(list(stops, 'main__stops').samples[0]).toMatchObject({ text: 'Nonstop', count: '12' });
});

test('posts each a labelled region in a box of its own (Discourse) are a list, their controls no `nav` section', () => {
  const post = (n: number, who: string, extra: string) => `<div class="topic-post clearfix${extra}" id="post_${n}">
    <article aria-label="post #${n} by @${who}" role="region" class="boxed onscreen-post"><div class="row"><div class="topic-body">
      <div role="heading" aria-level="2" class="topic-meta-data"><span class="username"><a href="/u/${who}">${who}</a></span> <a class="post-date" href="/t/1/${n}">Mar ${n}</a></div>
      <div class="cooked"><p>Words of post ${n} by ${who}.</p></div>
      <nav class="post-controls"><div class="actions"><button class="reply" aria-label="Reply to post #${n} by @${who}">Reply</button></div></nav>
    </div></div></article></div>`;
  const doc = build(`<main><h1>Upgrading breaks backups</h1><div class="post-stream">${post(1, 'jgarcia', ' topic-owner')}${post(2, 'pfaffman', '')}${post(3, 'jgarcia', '')}</div></main>`);
  const sections = doc.sections.map((section) => section.name);
  expect(sections).not.toContain('nav');
  expect(sections.filter((name) => name.startsWith('post_'))).toEqual([]);
  const posts = list(doc, 'upgrading_breaks_backups__post_stream');
  expect(posts.count).toBe(3);
  expect(posts.samples[1]).toMatchObject({ username: 'pfaffman' });
});

test('a part named by its test hook without the item\'s; styled-components\' "Styled" names nothing', () => {
  const card = (addr: string, price: string, badge: string) => `<li class="ListItem"><article class="StyledCard property-card" data-test="property-card">
    <div class="StyledPropertyCardBadge"><span class="StyledBadge">${badge}</span></div><button type="button" aria-label="Save" aria-pressed="false">♡</button>
    <div class="StyledPropertyCardDataWrapper"><a href="/home/${price}" class="property-card-link"><address data-test="property-card-addr">${addr}</address></a>
    <div class="StyledPropertyCardDataArea-c11n-8-84-3__sc-10i1r6-0"><span data-test="property-card-price">${price}</span></div></div></article></li>`;
  const doc = build(`<main><h1>Homes</h1><ul class="photo-cards" aria-label="Search results">${card('4310 Avenue D', '$489,000', 'Price cut')}${card('1207 Cedar Ridge Dr', '$625,000', 'Open: Sat')}${card('8802 Cahill Dr', '$412,500', 'New')}</ul></main>`);
  const homes = list(doc, 'homes__search_results');
  expect(homes.fields).toEqual(['badge', 'addr', 'price']);
  expect(homes.samples[1]).toMatchObject({ addr: '1207 Cedar Ridge Dr', price: '$625,000' });
});

test('a list box that folds (Google Forms\' dropdown) is one picker with all its options', () => {
  const doc = build(`<main><h1>Survey</h1><div id="q" role="heading" aria-level="3">Country</div>
    <div role="listbox" aria-labelledby="q" aria-expanded="false" aria-required="true" tabindex="0">
      <div role="option" aria-selected="true" data-value="">Choose</div>
      <div role="option" aria-selected="false" style="display:none">United States</div>
      <div role="option" aria-selected="false" style="display:none">Canada</div></div></main>`);
  expect(names(doc)).toEqual(['country__country']);
  expect(entry(doc, 'country__country')).toMatchObject({ kind: 'combobox', options: ['Choose', 'United States', 'Canada'] });
});

test('a stepper one dish shows instead of its Add button is the list\'s decrease, quantity and increase', () => {
  const dish = (name: string, inCart: number) => `<div class="dish"><h3 class="dish-name">${name}</h3><span class="price">$1${inCart}.50</span>${inCart
    ? `<div class="stepper"><button type="button" aria-label="Decrease quantity">−</button><span class="stepper-value">${inCart}</span><span class="sr-only"> in cart</span><button type="button" aria-label="Increase quantity">+</button></div>`
    : `<button type="button" aria-label="Add ${name} to cart" class="add-btn">+</button>`}</div>`;
  const doc = build(`<main><h2>Pizza</h2><div class="grid">${dish('Margherita', 1)}${dish('Diavola', 0)}${dish('Funghi', 0)}${dish('Marinara', 0)}</div></main>`);
  const pizza = list(doc, 'pizza__grid');
  expect(pizza.actions).toEqual(expect.arrayContaining(['decrease', 'increase', 'add']));
  expect(pizza.samples[0]).toMatchObject({ name: 'Margherita', quantity: '1' });
  // A vote's up, score and down is no stepper.
  const comment = (who: string, score: number) => `<div class="comment"><a href="/u/${who}" class="author">${who}</a><p class="body">Words of ${who}</p>
    <div class="votes"><button aria-label="Upvote">▲</button><span class="score">${score}</span><button aria-label="Downvote">▼</button></div></div>`;
  const votes = build(`<main><h2>Comments</h2><div class="comments">${comment('ann', 4)}${comment('bob', 12)}${comment('cy', 0)}</div></main>`);
  expect(list(votes, 'comments__items').actions).toEqual(expect.arrayContaining(['upvote', 'downvote']));
});

test('questions headed by their own words, two of them a field that heading labels, stay sections of their own', () => {
  const question = (id: string, title: string, control: string) => `<div role="listitem"><div class="q"><div id="${id}" role="heading" aria-level="3">${title}</div>${control}</div></div>`;
  const doc = build(`<main><form><h1>Customer survey</h1><div role="list">
    ${question('q1', 'Email', '<input type="email" aria-labelledby="q1">')}
    ${question('q2', 'How did you hear about us?', '<div role="radiogroup" aria-labelledby="q2"><label><input type="radio" name="h"> Search engine</label><label><input type="radio" name="h"> Friend</label></div>')}
    ${question('q5', 'How likely are you to recommend us?', `<div role="radiogroup" aria-labelledby="q5">${[1, 2, 3, 4, 5].map((n) => `<label><input type="radio" name="r"> ${n}</label>`).join('')}</div>`)}
    ${question('q3', 'Country', '<div role="listbox" aria-labelledby="q3" aria-expanded="false" tabindex="0"><div role="option" aria-selected="true">Choose</div><div role="option" style="display:none">Canada</div></div>')}
    ${question('q4', 'Any other comments?', '<textarea aria-labelledby="q4"></textarea>')}</div></form></main>`);
  expect(names(doc)).toEqual(expect.arrayContaining(['email__email', 'country__country', 'any_other_comments__any_other_comments']));
});
