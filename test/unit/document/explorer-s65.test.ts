// @vitest-environment happy-dom
/**
 * Session 65: a search's filter groups drawn as fieldsets, a mail list whose rows date headings group, times said as
 * mail lists say them, scores, design kits' classes, and text measured past a row's indentation.
 */
import { expect, test } from 'vitest';
import { build, entry, list, lists, names } from './helpers.ts';

/** Expedia's filters (trimmed): four fieldsets alike, each a legend and its own options. */
const filterGroup = (title: string, name: string, options: string[]) => `<fieldset class="uitk-spacing" data-test-id="${name}-filter">
  <legend class="uitk-heading uitk-heading-7">${title}</legend>
  ${options.map((option, n) => `<div class="uitk-checkbox"><input type="checkbox" id="${name}-${n}" name="${name}" class="uitk-checkbox-switch-input">
    <label for="${name}-${n}"><span class="uitk-checkbox-switch-label-content">${option}</span> <span class="uitk-text uitk-type-300">($${200 + n})</span></label></div>`).join('')}
  </fieldset>`;

test('filter groups drawn as fieldsets alike are sections named by their legends, every option an entry', () => {
  const doc = build(`<aside><h2>Filter by</h2>
    ${filterGroup('Stops', 'stops', ['Nonstop', '1 stop', '2+ stops'])}
    ${filterGroup('Airlines', 'airlines', ['Delta', 'American Airlines', 'JetBlue', 'United', 'Alaska Airlines'])}
    ${filterGroup('Departure time', 'dep', ['Morning', 'Afternoon', 'Evening'])}</aside>`);
  // Was one list of the fieldsets, its slots the first three boxes of each: "United" and "Alaska Airlines" were nowhere.
  expect(lists(doc)).toEqual([]);
  expect(names(doc)).toEqual(expect.arrayContaining(['airlines__united', 'airlines__alaska_airlines', 'stops__nonstop', 'departure_time__evening']));
  expect(entry(doc, 'airlines__united').kind).toBe('checkbox');
});

/** An Outlook message row (trimmed): the row an option, a hover toolbar hidden, pretty-printed as served. */
const message = (n: number, sender: string, subject: string, time: string) => `
              <div class="EeHm8" data-convid="c${n}">
                <div role="option" aria-selected="false" aria-label="${sender} ${subject} ${time}" tabindex="-1" class="jGG6V gDC9O">
                  <div class="vsWgT"><div role="checkbox" aria-checked="false" aria-label="Select a conversation" class="tUaEn" tabindex="-1"></div></div>
                  <div class="XG5Jd CiVIg">
                    <div class="gnfVN"><div class="JBWmn"><span title="${sender.split(' ')[0]!.toLowerCase()}@contoso.com" class="OZZZK">${sender}</span></div>
                      <div class="cHbA6" style="display: none" role="toolbar">
                        <button type="button" class="ms-Button ms-Button--icon" aria-label="Delete"></button>
                        <button type="button" class="ms-Button ms-Button--icon" aria-label="Mark as read"></button>
                        <button type="button" class="ms-Button ms-Button--icon" aria-label="Flag this message"></button>
                        <button type="button" class="ms-Button ms-Button--icon" aria-label="Pin this message"></button>
                      </div>
                    </div>
                    <div class="IjzWp"><span class="TtcXM">${subject}</span><span class="_rWRU">${time}</span></div>
                  </div>
                </div>
              </div>`;
const dayHeading = (day: string) => `<div role="heading" aria-level="3" class="jXaVF"><div class="xUuWy">${day}</div>
  <button type="button" aria-label="Collapse group ${day}" aria-expanded="true">v</button></div>`;

test('a mail list\'s rows with date headings between them are one list, the headings its groups, times its dates', () => {
  const doc = build(`<main><div role="listbox" aria-label="Message list">
    ${dayHeading('Today')}${message(1, 'Microsoft Teams', 'You have 3 new messages', '10:42 AM')}${message(2, 'Adele Vance', 'Q3 budget review', '9:15 AM')}
    ${dayHeading('Yesterday')}${message(3, 'Alex Wilber', 'Re: Offsite venue options', 'Sun 6:12 PM')}${message(4, 'Isaiah Langer', 'Lunch Tuesday?', 'Sun 1:47 PM')}
    ${dayHeading('Last week')}${message(5, 'Contoso HR', 'Action required', 'Thu 6/6')}${message(6, 'Lidia Holloway', 'Design review notes', 'Wed 6/5')}
    </div></main>`);
  // Was the three headings a list and each message two entries named after its sender and subject.
  const messages = list(doc, 'main__message_list');
  expect(messages.count).toBe(6);
  expect(list(doc, 'main__groups').count).toBe(3);
  expect(messages.fields).toContain('date');
  // The sender, not cut off by the hidden toolbar's indentation; no name from Outlook's hashed `OZZZK`.
  expect(messages.samples[0]).toMatchObject({ sender: 'Microsoft Teams', date: '10:42 AM' });
  expect(messages.fields.join(' ')).not.toMatch(/ozzzk/);
  expect(names(doc).filter((name) => /teams|adele|select_a_conversation/.test(name))).toEqual([]);
});

test('rows a heading stands between in a plain box are still lists of their sections', () => {
  // Wikipedia's one-bullet lists under "Properties" and "See also" (not a listbox): one list per run.
  const row = (n: number) => `<ul class="bullet"><li><a href="/wiki/t${n}">Topic ${n}</a> <button type="button">Save ${n}</button></li></ul>`;
  const doc = build(`<main><div class="content"><h2>Properties</h2>${row(1)}${row(2)}${row(3)}<h2>See also</h2>${row(4)}${row(5)}${row(6)}</div></main>`);
  expect(lists(doc).map((l) => l.count)).toEqual([3, 3]);
});

test('scores said as words are a rating; a design kit\'s classes name no field or list', () => {
  const card = (name: string, score: string, reviews: number, price: string) => `<div class="wt-grid__item-xs-6"><div class="v2-listing-card">
    <h3 class="wt-text-caption wt-text-truncate"><a href="/listing/${reviews}">${name}</a></h3>
    <div class="wt-display-inline-flex-xs"><span class="wt-display-inline">${score}</span> <span class="wt-text-body-smaller">${reviews} reviews</span></div>
    <span class="uitk-price-lockup">${price}</span>
    <button type="button" class="wt-btn" aria-label="Add ${name} to favorites">♡</button></div></div>`;
  const doc = build(`<main><h1>Results</h1><div class="wt-grid wt-pl-xs-0">${card('Leather journal', 'Scored 8.9', 12408, '$34.50')}${card('Ceramic mug', 'Rated 4.5 out of 5', 3022, '$28.00')}
    ${card('Wooden sign', '4.7 out of 5 stars', 891, '$41.00')}</div></main>`);
  const [cards] = lists(doc);
  expect(cards!.fields).toEqual(expect.arrayContaining(['rating', 'reviews', 'price']));
  expect([cards!.name, ...cards!.fields, ...cards!.actions].join(' ')).not.toMatch(/wt_|uitk|display_inline|price_lockup/);
});

test('a date said as a weekday and a day of the month, or as numbers, is a date; a short class that is a word stays the name', () => {
  const row = (title: string, when: string, cls: string) => `<li class="row"><span class="title">${title}</span> <span class="${cls}">${when}</span><button type="button">Open ${title}</button></li>`;
  const dated = build(`<main><ul>${row('Report', 'Thu 6/6', 'x1')}${row('Invoice', '6/10/2024', 'x1')}${row('Notes', '2024-06-01', 'x1')}</ul></main>`);
  expect(lists(dated)[0]!.fields).toContain('date');
  // `due` is a word, not a class cut short: "Mon" under it stays `due`.
  const due = build(`<main><ul>${row('Buy milk', 'Mon', 'due')}${row('Walk the dog', 'Tue', 'due')}${row('Write report', 'Wed', 'due')}</ul></main>`);
  expect(lists(due)[0]!.fields).toContain('due');
  // Words that start like a weekday are no date ("Sunset", "Money").
  const words = build(`<main><ul>${row('A', 'Sunset', 'x1')}${row('B', 'Money', 'x1')}${row('C', 'Monitor', 'x1')}</ul></main>`);
  expect(lists(words)[0]!.fields).not.toContain('date');
});

test('a tab list with no label is `tabs`, not its kit\'s class', () => {
  const doc = build(`<main><h1>Orders</h1><div class="Polaris-Tabs__Wrapper"><ul role="tablist" class="Polaris-Tabs">
    ${['All', 'Unfulfilled', 'Unpaid', 'Open'].map((tab, n) => `<li class="Polaris-Tabs__TabContainer" role="presentation"><button role="tab" type="button" aria-selected="${n === 0}" class="Polaris-Tabs__Tab"><span class="Polaris-InlineStack">${tab}</span></button></li>`).join('')}
    </ul></div><p>Orders shown here.</p></main>`);
  expect(names(doc)).toContain('orders__tabs');
  expect(names(doc).join(' ')).not.toMatch(/polaris/);
});

test('comments that nest in each other and draw their buttons in shadow roots are one thread of every comment', () => {
  // New Reddit (trimmed): `shreddit-comment` holds its replies in light DOM, its vote, reply and share buttons in its
  // parts' shadow roots. Was every button an entry (`upvote_button_2` … `_9`) and no comment's words reachable.
  const comment = (n: number, author: string, body: string, replies = '') => `<shreddit-comment author="${author}" depth="0" thingid="t1_${n}">
    <div slot="commentMeta"><a href="/user/${author}/">${author}</a> <a href="/r/p/comments/x/comment/${n}/"><time datetime="2024-06-10T09:1${n}:00Z">${n}h ago</time></a></div>
    <div slot="comment" class="md"><p>${body}</p></div>
    <shreddit-comment-action-row slot="actionRow" score="${n * 10}"></shreddit-comment-action-row>${replies}</shreddit-comment>`;
  build(`<main><h1>Why are my leaves yellow?</h1><shreddit-comment-tree id="comment-tree">
    ${comment(1, 'gardener', 'Check your watering first.', comment(2, 'plantperson', 'Also check the pot.', comment(3, 'gardener', 'Good call.')))}
    ${comment(4, 'soil_phd', 'Nitrogen matters less than you think.', comment(5, 'newbie', 'Thanks, that helps.'))}
    </shreddit-comment-tree></main>`);
  for (const host of Array.from(document.querySelectorAll('shreddit-comment'))) {
    host.attachShadow({ mode: 'open' }).innerHTML = `<details open role="article"><summary><slot name="commentMeta"></slot></summary>
      <div><slot name="comment"></slot><slot name="actionRow"></slot><slot></slot></div></details>`;
  }
  for (const row of Array.from(document.querySelectorAll('shreddit-comment-action-row'))) {
    row.attachShadow({ mode: 'open' }).innerHTML = `<button aria-pressed="false" aria-label="Upvote">^</button><span>${row.getAttribute('score')}</span>
      <button aria-pressed="false" aria-label="Downvote">v</button><button type="button">Reply</button><button type="button">Share</button>`;
  }
  const doc = build();
  const [thread] = lists(doc).filter((l) => l.count === 5);
  expect(thread, names(doc).join(' ')).toBeDefined();
  expect(thread!.actions).toEqual(expect.arrayContaining(['upvote', 'reply']));
  expect(names(doc).filter((name) => /upvote|reply/.test(name))).toEqual([]);
});

test('buttons that show a value are named by the words their label says before it, not by the value', () => {
  const doc = build(`<form aria-label="Flight search"><h2>Flights</h2>
    <button type="button" aria-label="Leaving from New York (JFK - John F. Kennedy Intl.)" data-stid="origin_select-menu-trigger">New York (JFK)</button>
    <button type="button" aria-label="Dates, Fri 14 Jun - Sun 23 Jun">Fri 14 Jun - Sun 23 Jun</button>
    <button type="button" aria-label="Travelers, 1 traveler, Economy">1 traveler, Economy</button>
    <button type="button" aria-haspopup="listbox" aria-expanded="false"><span>Sort: </span><span>Homes for You</span></button>
    <button type="button" aria-label="Remove filter: Ready to ship in 1 business day">Ready to ship in 1 business day ×</button>
    <button type="button" aria-label="Collapse Your Library">Your Library</button>
    <button type="submit">Search</button></form>`);
  // Were `leaving_from_new_york_button`, `dates_fri_14_jun_button`, …: renamed by every choice.
  expect(names(doc)).toEqual(expect.arrayContaining(['flight_search__leaving_from_button', 'flight_search__dates_button', 'flight_search__travelers_button', 'flight_search__sort_button']));
  // What a button does to the thing it shows keeps the thing: it tells such buttons apart.
  expect(names(doc)).toEqual(expect.arrayContaining(['flight_search__remove_filter_ready_button', 'flight_search__collapse_your_library_button']));
});

test('a class that only says a line is cut short names no field', () => {
  const row = (n: number, title: string, artist: string) => `<div role="row" aria-rowindex="${n + 1}"><div role="gridcell">${n}</div>
    <div role="gridcell"><a class="standalone-ellipsis-one-line" href="/track/t${n}"><div class="encore-text encore-text-body-medium standalone-ellipsis-one-line">${title}</div></a>
    <span class="encore-text encore-text-body-small standalone-ellipsis-one-line"><a href="/artist/a${n}">${artist}</a></span></div>
    <div role="gridcell"><button type="button" aria-label="More options for ${title}">…</button></div></div>`;
  const doc = build(`<main><h1>Top hits</h1><div role="grid" aria-label="Top hits"><div role="rowgroup">${row(1, 'Espresso', 'Sabrina Carpenter')}${row(2, 'Birds of a Feather', 'Billie Eilish')}${row(3, 'Good Luck, Babe!', 'Chappell Roan')}</div></div></main>`);
  const [tracks] = lists(doc);
  // Were `standalone_ellipsis_one_line` (the title) and `standalone_ellipsis_one` (the artist).
  expect(tracks!.count).toBe(3);
  expect([...tracks!.fields, ...tracks!.actions].join(' ')).not.toMatch(/ellipsis|standalone|encore/);
});
