// @vitest-environment happy-dom
/**
 * Session 62: a playlist drawn with a design kit's type classes on every part (Spotify), links named by where they
 * lead, icon buttons whose labels open with their verb, a column header that is a symbol and words for screen readers.
 */
import { expect, test } from 'vitest';
import { build, list, lists, names } from './helpers.ts';

const track = (n: number, title: string, artist: string, album: string, length: string, verb = 'Play') => `<div role="row" aria-rowindex="${n + 1}">
  <div data-testid="tracklist-row" class="row">
   <div role="gridcell" aria-colindex="1"><span class="encore-text encore-text-body-medium">${n}</span><button class="RbsCNNM4" aria-label="${verb} ${title} by ${artist}"><svg></svg></button></div>
   <div role="gridcell" aria-colindex="2"><a href="/track/${n}x${title.length}"><div class="encore-text encore-text-body-medium encore-internal-color-text-base">${title}</div></a>
    <span class="encore-text encore-text-body-small encore-internal-color-text-subdued"><a href="/artist/${artist.length}q${n}">${artist}</a></span></div>
   <div role="gridcell" aria-colindex="3"><span class="encore-text encore-text-body-small"><a href="/album/${n}z">${album}</a></span></div>
   <div role="gridcell" aria-colindex="4"><span class="encore-text encore-text-body-small">${length}</span></div></div></div>`;

test('a playlist whose parts all wear one type class is named by columns, link paths and the buttons\' verb', () => {
  const doc = build(`<style>.hide{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}</style>
    <main aria-label="Playlist"><h1>Late Night Chill</h1><div role="grid" aria-label="Tracks" aria-rowcount="5">
    <div role="row" aria-rowindex="1"><div role="columnheader" aria-colindex="1">#</div><div role="columnheader" aria-colindex="2">Title</div>
     <div role="columnheader" aria-colindex="3">Album</div><div role="columnheader" aria-colindex="4"><span class="hide">Duration</span>⏱</div></div>
    ${track(1, 'Midnight City', 'M83', 'Hurry Up', '4:03')}${track(2, 'Nightcall', 'Kavinsky', 'OutRun', '4:18', 'Pause')}${track(3, 'Intro', 'The xx', 'xx', '2:07')}${track(4, 'Teardrop', 'Massive Attack', 'Mezzanine', '5:29')}
    </div></main>`);
  const tracks = list(doc, 'playlist__tracks');
  expect(tracks.count).toBe(4);
  // Not `encore_text`, `encore_text_body_small`: classes every part wears, or that say only a type style.
  expect(tracks.fields.filter((field) => field.startsWith('encore'))).toEqual([]);
  // The artist's link by its path ("/artist/…"); the length by its header read out only, not the clock shown.
  expect(tracks.actions).toEqual(expect.arrayContaining(['track', 'artist', 'album']));
  expect(tracks.samples[1]).toMatchObject({ artist: 'Kavinsky', duration: '4:18' });
  // "Play …" on three, the playing one's "Pause …": the verb most say, not a number.
  expect(tracks.actions, JSON.stringify(tracks)).toContain('play');
});

test('links are named by their paths only where one word says what each leads to', () => {
  const cards = (href: (n: number) => string) => [1, 2, 3].map((n) => `<div class="card"><a href="${href(n)}">${['Ava Stone', 'Bo Lin', 'Cy Park'][n - 1]}</a><span>$${n}9.00</span><button>Add to cart</button></div>`).join('');
  const named = (href: (n: number) => string) => list(build(`<main><h2>Results</h2><div>${cards(href)}</div></main>`), 'results__items').actions[0];
  expect(named((n) => `/users/u${n}`)).toBe('user');
  expect(named((n) => `/categories/c${n}`)).toBe('link');
  // A site's sections before the page ("/apps/store/p1"), a path that never differs, a language: no name.
  expect(named((n) => `/apps/store/p${n}`)).toBe('link');
  expect(named((n) => `/product?id=${n}`)).toBe('link');
  expect(named((n) => `/en/p${n}`)).toBe('link');
});

/** A Discord message as its client draws it (trimmed): hashed classes only, a reply's quote and reactions optional. */
const message = (n: number, who: string, words: string, { quote = '', reaction = '' } = {}) => `<li class="messageListItem_d5deea" id="chat-messages-${n}">
  <div class="message_d5deea" role="article">
   ${quote ? `<div class="repliedMessage_f9e796" role="link" aria-label="Replying to ${quote}"><span>${quote}</span></div>` : ''}
   <div class="contents_f9e796"><h3 class="header_f9e796"><span class="username_f9e796" role="button" tabindex="0">${who}</span><time datetime="2025-03-12T17:4${n}:00Z">10:4${n} AM</time></h3>
    <div class="markup_f8f345 messageContent_f9e796">${words}</div></div>
   ${reaction ? `<div class="container_b558d0"><div class="reactionInner_ec6b19" role="button" tabindex="0" aria-pressed="false" aria-label="${reaction}, 3 reactions">${reaction} 3</div></div>` : ''}
   <div class="buttonContainer_d5deea"><div class="buttons_d5deea" role="group" aria-label="Message Actions">
    <div class="button_f7ecac" role="button" tabindex="0" aria-label="Add Reaction"><svg></svg></div><div class="button_f7ecac" role="button" tabindex="0" aria-label="Reply"><svg></svg></div></div></div></div></li>`;

test('parts some items lack do not shift the others: each is found by what marks it apart, not by its place', () => {
  const doc = build(`<main aria-label="general"><ol aria-label="Messages in general">${message(1, 'ana', 'Why does this move my Vec?', { reaction: '👀' })}${message(2, 'bo', 'It calls into_iter.', { quote: 'ana' })}${message(3, 'cy', 'Use a reference.')}</ol></main>`);
  const messages = list(doc, 'general__messages_in_general');
  expect(messages.count).toBe(3);
  // The second message's words are its own, not the quote above them (the second `div` of the first message).
  expect(Object.values(messages.samples[1]!)).toContain('It calls into_iter.');
  expect(Object.values(messages.samples[1]!)).not.toContain('ana');
  // "Add Reaction" is the toolbar's button in every message, never the reaction beside it.
  const add = messages.slots.find((slot) => slot.name === 'add_reaction')!;
  expect(add.selector).not.toMatch(/nth-of-type/);
  expect(add.selector).toContain('buttonContainer_d5deea');
  // A CSS module's class names its part without the build's hash (`username_f9e796`).
  expect(messages.actions).toContain('username');
});

test('a part marked by its test id is found by it where its place differs; a BEM element that only lays out names by its block', () => {
  const line = (name: string, price: string, options = '') => `<div data-anchor-id="OrderCartItem" class="sc-2e7c1f9d-1"><div class="sc-2e7c1f9d-2">
    <span class="Text-sc-16fu6d-0 jTgPvV" data-testid="OrderCartItemName">${name}</span>${options ? `<span class="Text-sc-16fu6d-0 kLmNoP" data-testid="OrderCartItemOptions">${options}</span>` : ''}
    <span class="Text-sc-16fu6d-0 jTgPvV" data-testid="OrderCartItemPrice">${price}</span></div><button aria-label="Remove ${name}">×</button></div>`;
  const doc = build(`<aside aria-label="Your cart"><h2>Your cart</h2><div>${line('Ramen', '$20.95', 'Extra egg')}${line('Gyoza', '$16.50')}${line('Latte', '$5.25', 'Less ice')}</div></aside>`);
  const [cart] = lists(doc);
  const gyoza = cart!.samples[1]!;
  expect(Object.values(gyoza)).toContain('$16.50');
  const priceField = Object.entries(cart!.samples[0]!).find(([, value]) => value === '$20.95')![0];
  expect(gyoza[priceField]).toBe('$16.50');

  const note = (n: number) => `<div class="c-message" role="listitem"><span class="c-message__body">Note ${n * 11} posted</span><span class="c-message__author">${['Ana', 'Bo', 'Cy'][n]}</span>
    <span class="c-reply_count__wrapper">${n + 2} replies</span><button aria-label="Share message">↗</button></div>`;
  const notes = lists(build(`<main><h2>Notes</h2><div role="list">${note(0)}${note(1)}${note(2)}</div></main>`))[0]!;
  expect(notes.fields).toEqual(expect.arrayContaining(['body', 'author', 'reply_count']));
});

const comment = (who: string, words: string, replies = '', deleted = false) => `<shreddit-comment author="${who}" depth="0">
  <div slot="commentMeta">${deleted ? `<span class="font-bold">${who}</span>` : `<a href="/user/${who}">${who}</a>`} <time datetime="2024-03-08T15:01:44Z">4h ago</time></div>
  ${deleted ? '<div slot="comment" class="md" hidden><p>[removed]</p></div>' : `<div slot="comment" class="md"><p>${words}</p></div>
  <shreddit-comment-action-row><button aria-label="Upvote" aria-pressed="false">↑</button><button>Reply</button><button>Share</button></shreddit-comment-action-row>`}
  ${replies}</shreddit-comment>`;

test('a deleted comment, words but no controls, leaves its thread a list', () => {
  const replies = comment('ortho_dan', 'Two end mills is a bargain.') + comment('keeb', 'Mine took a week.');
  const doc = build(`<main><h2>Comments</h2><shreddit-comment-tree>${comment('thock', 'That brass weight is gorgeous.', replies)}${comment('clacky', 'Desktop CNC at the makerspace.')}${comment('[deleted]', '', '', true)}</shreddit-comment-tree></main>`);
  const [thread] = lists(doc);
  expect(thread?.count).toBe(5);
  expect(thread!.actions).toEqual(expect.arrayContaining(['upvote', 'reply', 'share']));
  expect(names(doc).filter((name) => /upvote/.test(name))).toEqual([]);
});

test('a title shown in a box hidden from screen readers beside a badge\'s label reads the title', () => {
  const card = (title: string, company: string) => `<li class="jobs-search-results__list-item"><div class="job-card-container">
    <a class="job-card-list__title--link" href="/jobs/view/${title.length}123/" aria-label="${title} with verification"><span aria-hidden="true"><strong>${title}</strong></span>
     <svg role="img" aria-hidden="false" aria-label="Verified job"><path d=""></path></svg></a>
    <div class="artdeco-entity-lockup__subtitle"><span>${company}</span></div><button aria-label="Dismiss ${title} job"><svg></svg></button></div></li>`;
  const doc = build(`<main><h2>Jobs</h2><ul>${card('Senior Frontend Engineer', 'Figma')}${card('Staff Engineer, Web', 'Plaid')}${card('Design Engineer', 'Notion')}</ul></main>`);
  const [jobs] = lists(doc);
  expect(Object.values(jobs!.samples[0]!)).toContain('Senior Frontend Engineer');
  expect(Object.values(jobs!.samples[0]!)).not.toContain('Verified job');
  // An icon font's ligature hidden beside a label is no word shown: the button is its label.
  const icons = build(`<main><h2>Tools</h2><ul>${['Bold', 'Italic', 'Code'].map((what) => `<li><button aria-label="${what}"><span class="material-icons" aria-hidden="true">format_${what.toLowerCase()}</span></button><span>${what} text</span></li>`).join('')}</ul></main>`);
  expect(JSON.stringify(lists(icons))).not.toContain('format_');
});

test('a header block of the rows\' tag without their class is no row; camel-cased item props name by their words', () => {
  const answer = (n: number, who: string) => `<div class="answer js-answer" id="answer-${n}"><div class="post-layout">
    <div class="votecell"><button aria-label="Up vote" aria-pressed="false">▲</button><div class="js-vote-count d-flex fd-column ai-center" itemprop="upvoteCount">${n * 7}</div></div>
    <div class="answercell"><div class="s-prose"><p>Answer ${n} text by ${who}.</p></div><a href="/users/${n}/${who}">${who}</a></div></div></div>`;
  const doc = build(`<main><h2>Answers</h2><div id="answers"><div id="answers-header"><div><h2>3 Answers</h2><label for="sort">Sorted by:</label><select id="sort"><option>Score</option><option>Date</option></select></div></div>
    ${answer(1, 'ana')}${answer(2, 'bo')}${answer(3, 'cy')}</div></main>`);
  const [answers] = lists(doc);
  expect(answers).toMatchObject({ count: 3 });
  expect(answers!.samples[0]).toMatchObject({ upvote_count: '7' });
  expect(answers!.fields).not.toContain('ai_center');
});
