// @vitest-environment happy-dom
/**
 * Explorer, session 51 (a video player, a bank's transactions): a control's keyboard shortcut is no part of its name,
 * a slider that says only "100% volume" is `volume`, and a row's button whose words repeat the row's description
 * ("Show details for COMCAST CABLE") is an action, not a data field.
 */
import { expect, test } from 'vitest';
import { build, lists, names } from './helpers.ts';

test('keyboard shortcuts leave names; a slider is named by its value\'s words', () => {
  const doc = build(`<div class="player"><button aria-keyshortcuts="k" aria-label="Pause keyboard shortcut k"><svg></svg></button>
    <a role="button" href="/watch?v=2" aria-label="Next keyboard shortcut SHIFT+n"><svg></svg></a><button title="Previous (SHIFT+p)" aria-label="Previous (SHIFT+p)"></button>
    <div role="slider" tabindex="0" aria-valuemin="0" aria-valuemax="100" aria-valuenow="100" aria-valuetext="100% volume"></div></div>`);
  expect(names(doc)).toEqual(['page__pause_button', 'page__next_button', 'page__previous_button', 'page__volume']);
});

test('a row\'s button whose words repeat its description is an action only', () => {
  const row = (date: string, what: string, amount: string) => `<tr><td>${date}</td><td>${what}</td><td>${amount}</td><td><button aria-label="Show details for ${what}" aria-expanded="false"><svg></svg></button></td></tr>`;
  const doc = build(`<main><h1>Activity</h1><table><thead><tr><th>Date</th><th>Description</th><th>Amount</th><th><span class="sr-only">Details</span></th></tr></thead><tbody>
    ${row('Mar 1', 'PAYROLL ACME CORP', '$2,150.00')}${row('Feb 28', 'COMCAST CABLE', '-$89.99')}${row('Feb 27', 'CHECK # 1042', '-$250.00')}</tbody></table></main>`);
  const [rows] = lists(doc);
  expect(rows!.fields).toEqual(['date', 'description', 'amount']);
  expect(rows!.actions).toEqual(['show_details']);
});

test('parts that carry one id in every item (a template\'s) are named by it: a video\'s comments', () => {
  const comment = (who: string, words: string, likes: number, when = `${likes % 7 + 1} days ago`) => `<ytd-comment-thread-renderer><a href="/@${who}"><img alt="" width="40"></a>
    <h3><a id="author-text" href="/@${who}"><span>@${who}</span></a></h3><span id="published-time-text"><a href="/w?lc=${who}">${when}</a></span>
    <div id="content-text">${words}</div><span id="vote-count-middle">${likes}</span><button aria-label="Reply">Reply</button></ytd-comment-thread-renderer>`;
  const doc = build(`<h2>Comments</h2><div id="contents">${comment('alice', 'Clearest explanation.', 532)}${comment('bob', 'You forgot the mask.', 88)}${comment('carol', 'Do RLHF next?', 5)}</div>`);
  const [comments] = lists(doc);
  expect(comments!.fields).toEqual(['author', 'published_time', 'content', 'vote_count']);
  expect(comments!.samples[1]).toMatchObject({ author: '@bob', content: 'You forgot the mask.', vote_count: '88' });
});

test('two parts of one class in one wrapper keep their class\'s name, numbered, not the wrapper link\'s', () => {
  const video = (title: string, views: string, age: string, n: number) => `<ytd-compact-video-renderer><a class="yt-simple-endpoint" href="/watch?v=${n}">
    <h3><span id="video-title">${title}</span></h3><div id="metadata-line"><span class="inline-metadata-item">${views}</span><span class="inline-metadata-item">${age}</span></div></a>
    <button aria-label="Action menu"><svg></svg></button></ytd-compact-video-renderer>`;
  const doc = build(`<h2>Up next</h2><div id="items">${video('Tokenizers', '98K views', '1 month ago', 0)}${video('Transformers', '1.2M views', '2 years ago', 1)}${video('Lofi', '3K watching', 'now', 2)}</div>`);
  expect(lists(doc)[0]!.fields).toEqual(['video_title', 'inline_metadata_item', 'inline_metadata_item_2']);
});

test('a box\'s value its label says after what it is stays out of its name; an id\'s camel case is words', () => {
  const doc = build(`<form aria-label="Directions"><input aria-label="Destination Ferry Building, San Francisco, CA" role="combobox" value="Ferry Building, San Francisco, CA">
    <select id="wpWatchlistExpiry"><option selected>Permanent</option><option>1 week</option></select></form>`);
  expect(names(doc)).toEqual(['directions__destination', 'directions__wp_watchlist_expiry']);
});

test('a seat map\'s seats are fields with their words, though the chosen one says it is pressed', () => {
  const seat = (id: string, kind: string, price: string, pressed = false) => `<div role="gridcell"><button aria-label="Seat ${id}, ${kind}, ${price}"${pressed ? ' aria-pressed="true"' : ''}></button></div>`;
  const row = (n: number, pressed = false) => `<div role="row">${seat(`${n}A`, 'Window', '$39', pressed)}${seat(`${n}B`, 'Middle', 'Included')}${seat(`${n}C`, 'Aisle', 'Included')}</div>`;
  const doc = build(`<div role="grid" aria-label="Seat map">${row(12, true)}${row(13)}${row(14)}</div>`);
  const [seats] = lists(doc);
  expect(seats!.fields).toEqual(['seat', 'seat_2', 'seat_3']);
  expect(seats!.samples[2]).toEqual({ seat: 'Seat 14A, Window, $39', seat_2: 'Seat 14B, Middle, Included', seat_3: 'Seat 14C, Aisle, Included' });
});

test('a radio\'s value is no shown value: "Crimson" with value "on" keeps its name', () => {
  const doc = build(`<form aria-label="Tee"><fieldset><legend>Color</legend><label><input type="radio" name="c"> Slate Blue</label><label><input type="radio" name="c"> Crimson</label></fieldset></form>`);
  expect(names(doc)).toEqual(['tee__color_slate_blue', 'tee__color_crimson']);
});
