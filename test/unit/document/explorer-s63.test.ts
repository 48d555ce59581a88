// @vitest-environment happy-dom
/**
 * Session 63: read-only records that hold a link or two (a ticket's conversation, a post's comments), parts named by
 * test ids and other data attributes the page's own code reads.
 */
import { expect, test } from 'vitest';
import { build, entries, list, names } from './helpers.ts';

/** A Zendesk conversation's comment (trimmed): parts named only by test ids, some with an attachment or inline link. */
const comment = (n: number, who: string, channel: string, words: string, link = '') => `<article class="evt" data-test-id="omni-log-comment-item">
  <div style="flex:1"><div><span data-test-id="omni-log-item-sender">${who}</span><span data-test-id="omni-log-item-channel">${channel}</span>
   <time datetime="2025-03-1${n}T09:14:00Z" data-test-id="timestamp-relative">Mar 1${n} 09:14</time></div>
  <div data-test-id="omni-log-message-content" class="zd-comment"><p>${words}${link}</p></div></div></article>`;

test('a conversation of records with a link here and there is a list of them, its parts named by their test ids', () => {
  const doc = build(`<section aria-label="Conversation"><div role="log" aria-label="Conversation log">
    ${comment(1, 'Priya Raman', 'via Email', 'Our card was charged twice.', ' <a href="/attachments/1?name=statement.png">statement.png</a>')}
    ${comment(2, 'Daniel Okafor', 'Internal note', 'Confirmed in Stripe, see', ' <a href="https://tracker.example/INC-1142">INC-1142</a>')}
    ${comment(3, 'Daniel Okafor', 'via Web', 'I have started a refund.')}${comment(4, 'Priya Raman', 'via Email', 'Thanks!')}</div></section>`);
  const log = list(doc, 'conversation__conversation_log');
  expect(log.count).toBe(4);
  // The part after the test id's word for an item (`omni-log-item-sender`): `sender`, not `log_item_sender`.
  expect(log.fields).toEqual(expect.arrayContaining(['sender', 'channel']));
  expect(log.samples[2]).toMatchObject({ sender: 'Daniel Okafor', channel: 'via Web' });
  // Not one message whose text is the last words of the log.
  expect(entries(doc).filter((e) => e.kind === 'message')).toEqual([]);
});

test('a post\'s comments, each with an author link and a permalink, are a list; a table of contents is not', () => {
  const row = (score: string, words: string, who: string, when: string) => `<li class="comment js-comment"><div class="comment-score">${score}</div>
    <div class="comment-text"><div class="comment-body"><span class="comment-copy">${words}</span><div class="d-inline-flex ai-center">– <a href="/users/${who.length}/${who}" class="comment-user">${who}</a></div>
    <span class="comment-date"><a class="comment-link" href="#c${who.length}"><span class="relativetime">${when}</span></a></span></div></div></li>`;
  const doc = build(`<main><h1>Question</h1><div class="post"><p>Why does gather swallow exceptions?</p><ul class="comments-list">
    ${row('5', 'Can you show how the task is cancelled?', 'dana', 'Mar 3 at 11:15')}${row('', 'It is wait_for wrapping the gather.', 'tomas', 'Mar 3 at 11:21')}</ul></div></main>`);
  const comments = list(doc, 'question__comments_list');
  expect(comments.count).toBe(2);
  expect(comments.samples[1]).toMatchObject({ copy: 'It is wait_for wrapping the gather.' });

  const toc = build(`<main><h1>Matrix</h1><nav aria-label="Contents"><ul>${['1 Definition', '2 Properties', '3 Examples', '4 See also'].map((title, n) =>
    `<li class="toclevel-1"><a href="#s${n}"><span class="tocnumber">${n + 1}</span> <span class="toctext">${title.slice(2)}</span></a></li>`).join('')}</ul></nav></main>`);
  // Its items are links only: the list of links it was, not also a table of records.
  expect(names(toc).filter((name) => name.startsWith('contents__'))).toHaveLength(1);
});

test('a part that a vague class names (styled-components\' `Text-sc-…`) takes the name a data attribute gives it', () => {
  const dish = (title: string, price: string, about: string) => `<div data-testid="MenuItem" class="fVuXrS" role="button" tabindex="0" aria-label="${title}, ${price}">
    <h3 class="Text-sc-16fu6d-0 jTgPvV" data-telemetry-id="storeMenuItem.title">${title}</h3><span class="Text-sc-16fu6d-0 dFqWsT" data-telemetry-id="storeMenuItem.subtitle">${about}</span>
    <span class="Text-sc-16fu6d-0 hQnRkT" data-anchor-id="StoreMenuItemPrice">${price}</span><button aria-label="Add ${title} to cart">+</button></div>`;
  const doc = build(`<main><h2>Most ordered</h2><div>${dish('Tonkotsu Ramen', '$17.95', 'Rich pork broth.')}${dish('Pork Gyoza', '$8.25', 'Pan fried.')}${dish('Miso Soup', '$3.50', 'Tofu, wakame.')}</div></main>`);
  const dishes = list(doc, 'most_ordered__items');
  expect(dishes.fields).toEqual(expect.arrayContaining(['title', 'subtitle', 'price']));
  expect(dishes.samples[1]).toMatchObject({ title: 'Pork Gyoza', subtitle: 'Pan fried.', price: '$8.25' });
});

test('a cell whose class says its value (a debit\'s `amt-neg`, a credit\'s `amt-pos`) is found in every row by its column', () => {
  const row = (date: string, what: string, amount: string, balance: string) => `<tr><td>${date}</td><td>${what}</td>
    <td class="num ${amount.startsWith('+') ? 'amt-pos' : 'amt-neg'}">${amount}</td><td class="num">${balance}</td><td><button aria-label="Details for ${what}">⋯</button></td></tr>`;
  const doc = build(`<main><h2>Transactions</h2><table><thead><tr><th>Date</th><th>Description</th><th>Amount</th><th>Balance</th><th></th></tr></thead><tbody>
    ${row('Apr 29', 'STARBUCKS', '−$6.45', '$3,475.74')}${row('Apr 28', 'SHELL OIL', '−$121.80', '$3,482.19')}${row('Apr 26', 'ACME PAYROLL', '+$2,450.00', '$3,604.00')}${row('Apr 25', 'RENT', '−$1,900.00', '$1,154.00')}</tbody></table></main>`);
  const rows = list(doc, 'transactions__items');
  expect(rows.samples[2], JSON.stringify(rows)).toMatchObject({ description: 'ACME PAYROLL', amount: '+$2,450.00', balance: '$3,604.00' });
  expect(rows.samples[0]).toMatchObject({ amount: '−$6.45' });
});

test('a post\'s text is a field though its author\'s, handle\'s and time\'s links come first and the item has many controls', () => {
  const post = (n: number, who: string, words: string, bookmarked = false) => `<div data-testid="cellInnerDiv"><article role="article" tabindex="0" data-testid="tweet">
    <div data-testid="User-Name"><a href="/${who}"><span>${who}</span></a><a href="/${who}" tabindex="-1"><span>@${who}</span></a>
     <a href="/${who}/status/${n}"><time datetime="2024-05-13T1${n}:00:00.000Z">${n}h</time></a><div><button aria-label="More" aria-haspopup="menu">⋯</button></div></div>
    <div data-testid="tweetText"><span>${words}</span></div>
    <div role="group" aria-label="Actions"><div><button aria-label="${n}2 Replies. Reply" data-testid="reply"><span>${n}2</span></button></div>
     <div><button aria-label="${n}3 reposts. Repost" data-testid="retweet"><span>${n}3</span></button></div><div><button aria-label="${n}4 Likes. Like" data-testid="like"><span>${n}4</span></button></div>
     <div><a href="/${who}/status/${n}/analytics" aria-label="${n}5 views. View post analytics"><span>${n}5</span></a></div>
     <div><button aria-label="${n}6 Bookmarks. Bookmark${bookmarked ? 'ed' : ''}" data-testid="${bookmarked ? 'removeBookmark' : 'bookmark'}"><span>${n}6</span></button><button aria-label="Share post">↗</button></div></div>
    </article></div>`;
  const doc = build(`<main><section aria-label="Timeline"><h1>Home</h1><div>${post(1, 'nasa', 'The Sun unleashed a flare.')}${post(2, 'dan', 'Cache invalidation again.', true)}${post(3, 'sarah', 'New talk is up.')}${post(4, 'lea', 'CSS is fun.')}</div></section></main>`);
  const posts = list(doc, 'timeline__home');
  // Named by its wrapper's test id, `tweetText` (session 67; was `text`).
  expect(posts.samples[1], JSON.stringify(posts)).toMatchObject({ tweet_text: 'Cache invalidation again.' });
  // The author's name is its link's words, read once: the link.
  expect(Object.values(posts.samples[1]!).filter((value) => value === 'dan')).toHaveLength(1);
  // The bookmarked post's button (its test id says its state) is the same action as the others'.
  expect(posts.actions).toContain('bookmark');
  // Its words say its state ("Bookmark" / "Bookmarked"): the samples show that state (session 67; was its count, '26').
  expect(posts.samples[1], JSON.stringify(posts)).toMatchObject({ bookmark: 'true' });
});

test('rows grouped by section, each group a title row then its rows, are one list with the group a field', () => {
  const task = (name: string, who: string, done = false) => `<div class="SpreadsheetRow" role="row"><div role="gridcell"><div role="checkbox" tabindex="0" aria-checked="${done}" aria-label="Mark task ${done ? 'incomplete' : 'complete'}"></div>
    <textarea aria-label="Task Name" rows="1">${name}</textarea></div><div role="gridcell"><div role="button" tabindex="0" aria-label="Assignee: ${who}">${who}</div></div></div>`;
  const group = (title: string, rows: string) => `<div class="TaskGroup"><div class="TaskGroupHeader" role="row"><div role="button" tabindex="0" aria-expanded="${rows ? 'true' : 'false'}" aria-label="Toggle section ${title}">▾</div>
    <textarea aria-label="Section name" rows="1">${title}</textarea></div>${rows}<div class="AddTaskRow" role="row"><div role="button" tabindex="0">Add task…</div></div></div>`;
  const doc = build(`<main><h1>Website relaunch</h1><div role="grid" aria-label="Tasks"><div role="row"><div role="columnheader">Task name</div><div role="columnheader">Assignee</div></div>
    ${group('Design', task('Wireframes', 'Priya', true) + task('Visual design', 'Tom'))}${group('Development', task('Migrate CMS', 'Lena') + task('Staging', 'Sam'))}${group('Launch', '')}
    <div role="button" tabindex="0">+ Add section</div></div></main>`);
  const tasks = list(doc, 'website_relaunch__tasks');
  expect(tasks.count).toBe(4);
  expect(tasks.samples[2], JSON.stringify(tasks)).toMatchObject({ group: 'Development', task_name: 'Migrate CMS' });
  expect(tasks.samples[0]).toMatchObject({ group: 'Design', task_name: 'Wireframes' });
  // No task's controls left loose, numbered by place.
  expect(names(doc).filter((name) => /task_name|mark_task/.test(name))).toEqual([]);
});

test('status groups of an issue list drawn with headings and no roles are one list too', () => {
  const issue = (key: string, title: string) => `<div class="issue-row"><a href="/issue/${key}">${key}</a><span class="title">${title}</span><button aria-label="Assign ${key}">👤</button></div>`;
  const doc = build(`<main><h1>Issues</h1><div class="groups">
    <div class="status-group"><div class="group-header"><h2>In Progress</h2><button aria-expanded="true" aria-label="Collapse In Progress">▾</button></div>${issue('ENG-1', 'Fix login')}${issue('ENG-2', 'Speed up search')}</div>
    <div class="status-group"><div class="group-header"><h2>Todo</h2><button aria-expanded="true" aria-label="Collapse Todo">▾</button></div>${issue('ENG-3', 'Dark mode')}${issue('ENG-4', 'Export CSV')}${issue('ENG-5', 'Billing page')}</div>
    </div></main>`);
  const issues = entries(doc).find((e) => e.kind === 'list' && e.count === 5);
  expect(issues, names(doc).join(', ')).toBeDefined();
  expect(issues!.kind === 'list' && issues!.samples[2]).toMatchObject({ group: 'Todo', title: 'Dark mode' });
});

test('a balance card with a note under its value stays one of the pairs; Google\'s hashed classes and a letter name no field', () => {
  const card = (label: string, value: string, note = '') => `<div class="AccountSummary_card__Qm2Lp"><div class="AccountSummary_label__9s0vD">${label}</div><div class="AccountSummary_value__1HkXq">${value}</div>${note ? `<div style="font-size:12px">${note}</div>` : ''}</div>`;
  const doc = build(`<main><section aria-label="Account summary"><div class="AccountSummary_grid">${card('Available balance', '$3,482.19')}${card('Current balance', '$3,610.44', 'Includes $128.25 pending')}${card('Interest YTD', '$4.02')}</div></section></main>`);
  expect(entries(doc).find((e) => e.kind === 'list' && e.count === 3), names(doc).join(', ')).toMatchObject({ samples: expect.arrayContaining([{ label: 'Current balance', value: '$3,610.44' }]) });

  const result = (n: number, title: string, site: string) => `<div class="MjjYud"><div class="g Ww4FFb asEBEc"><a href="https://${site}/r${n}"><h3 class="LC20lb MBeuO DKV0Md">${title}</h3></a>
    <span class="VuuXrf">${site}</span><button aria-label="About this result">⋮</button><div class="VwiC3b"><span>Snippet ${n} about keyboards.</span></div></div></div>`;
  const serp = build(`<main><h1>Search Results</h1><div id="rso">${result(1, 'Best keyboards', 'rtings.com')}${result(2, 'Keyboard guide', 'reddit.com')}${result(3, 'Top picks', 'wired.com')}</div></main>`);
  const results = entries(serp).find((e) => e.kind === 'list' && e.count === 3);
  expect(results && results.kind === 'list' && results.fields, names(serp).join(', ')).not.toEqual(expect.arrayContaining(['mbeu_o', 'g', 'as_ebec']));
});

test('a heading the page announces as results change names no section', () => {
  const doc = build(`<main><h1 aria-live="assertive">Lisbon: 1,034 properties found</h1><button aria-haspopup="menu">Sort by: Top picks</button>
    <div>${['Memmo Alfama', 'City Hotel', 'Lumiares'].map((hotel) => `<div class="card"><a href="/hotel/${hotel.length}">${hotel}</a><span class="price">€ ${hotel.length}0</span><button>See availability</button></div>`).join('')}</div></main>`);
  expect(names(doc).filter((name) => name.startsWith('lisbon'))).toEqual([]);
  expect(names(doc), names(doc).join(', ')).toContain('main__items');
});
