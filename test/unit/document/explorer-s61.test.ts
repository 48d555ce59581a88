// @vitest-environment happy-dom
/**
 * Session 61: two records the page numbers (Jira's comments), chat messages with a dozen hover buttons (Slack), a
 * control's class after one that says only its kind, a date picker drawn in a layout table, a button's `<label for>`.
 */
import { expect, test } from 'vitest';
import { build, entry, list, lists, names } from './helpers.ts';

const jiraComment = (id: number, who: string, when: string, words: string) => `<div data-testid="issue-comment-base.ui.comment.ak-comment.${id}" class="css-fkn1wt">
  <div><span class="css-1pe7tqd"><a href="/jira/people/${who.length}" class="css-1ajbkng">${who}</a></span> <span><a href="/browse/PAY-1?focusedCommentId=${id}" class="css-1s2uaax"><span>${when}</span></a></span>
  <div class="ak-renderer-document"><p>${words}</p></div>
  <div class="css-actions"><button type="button" class="css-19r5em2">Edit</button> · <button type="button" class="css-19r5em2">Delete</button> · <button aria-label="Add reaction" type="button"><span aria-hidden="true">☺</span></button></div></div></div>`;

test('two records the page numbers alike are a list named by what they are; a permalink that says when is `date`', () => {
  const doc = build(`<main><h2>Activity</h2><div class="css-1x9zq2">${jiraComment(10233, 'Priya Nair', '2 days ago', 'Migration merged.')}${jiraComment(10240, 'Tom Reyes', 'Yesterday', 'I will take the backfill.')}</div></main>`);
  const comments = list(doc, 'activity__comments');
  expect(comments.count).toBe(2);
  expect(comments.actions).toEqual(expect.arrayContaining(['edit', 'delete', 'add_reaction', 'date']));
  expect(comments.samples[1]).toMatchObject({ date: 'Yesterday' });
  expect(names(doc)).not.toContain('activity__delete_button_2');
  // Two blocks alike without numbered ids stay entries (a team of two, a pair of forms).
  const pair = build(`<main><h2>Team</h2><div>${['Ava', 'Ben'].map((who) => `<div class="member"><a href="/u/${who}">${who}</a><button>Remove</button></div>`).join('')}</div></main>`);
  expect(lists(pair)).toEqual([]);
  expect(names(pair)).toContain('team__remove_button_2');
});

/** A Slack message as the web client draws it (trimmed): avatar, sender, time, words, reactions and six hover buttons. */
const slackMessage = (who: string, time: string, words: string) => `<div class="c-virtual_list__item" role="listitem">
  <div class="c-message_kit__gutter"><button class="c-button-unstyled c-message_kit__avatar" aria-label="${who}"><img alt="" src="data:,"></button>
  <div class="c-message_kit__gutter__right"><span class="offscreen">${who}</span>
   <span class="c-message__sender"><button class="c-link--button c-message__sender_button">${who}</button></span>
   <a class="c-link c-timestamp" href="/archives/p${time.replace(/\D/g, '')}" aria-label="Today at ${time}"><span class="c-timestamp__label">${time}</span></a>
   <div class="c-message_kit__blocks"><div class="p-rich_text_section">${words}</div></div>
   <div class="c-reaction_bar" role="group" aria-label="Reactions"><button class="c-button-unstyled c-reaction" aria-pressed="false" aria-label="1 reaction, react with eyes emoji"><span class="c-reaction__count">1</span></button></div></div></div>
  <div class="c-message_actions__container" role="group" aria-label="Message actions">${['React with ✅ emoji', 'Add reaction', 'Reply in thread', 'Share message', 'Save for later', 'More actions']
    .map((label) => `<button class="c-button-unstyled c-icon_button c-message_actions__button" aria-label="${label}"><svg></svg></button>`).join('')}</div></div>`;

test('chat messages with a dozen buttons each are a list that keeps their words and every button', () => {
  const doc = build(`<style>.offscreen{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}</style>
    <main aria-label="Channel design"><div role="list" aria-label="design (channel)">${slackMessage('Bob Lee', '4:12 PM', 'New mocks are up.')}${slackMessage('Priya Natarajan', '4:28 PM', 'Will do.')}${slackMessage('Bob Lee', '8:40 AM', 'Review moved to 2pm.')}</div></main>`);
  const [messages] = lists(doc);
  expect(messages!.count).toBe(3);
  // The avatar's class after `c-button-unstyled`, which says only its kind; the sender's without "button"; the time's
  // link by its class after `c-link`, its label's words no field of their own; the sender said again, read out only, none.
  expect(messages!.actions).toEqual(expect.arrayContaining(['avatar', 'sender', 'timestamp', 'reply_in_thread', 'save_for_later', 'more_actions']));
  expect(messages!.fields).toEqual(expect.arrayContaining(['sender', 'timestamp']));
  expect(messages!.fields).not.toContain('offscreen');
  expect(messages!.fields).not.toContain('label');
  expect(messages!.samples[1]).toMatchObject({ sender: 'Priya Natarajan', timestamp: '4:28 PM' });
  expect(Object.values(messages!.samples[0]!)).toContain('New mocks are up.');
  // Senders most items share are data, named by the button's class (`sender`), not `bob_lee`.
  expect(messages!.actions).not.toContain('bob_lee');
});

test('a date picker drawn in a layout table is a list of days with the chosen ones marked', () => {
  const day = (n: number) => `<td role="button" tabindex="${n === 14 ? 0 : -1}" aria-label="${n}, March 2026" aria-pressed="${n === 14 || n === 19}">${n}</td>`;
  const weeks: string[] = [];
  for (let first = 1; first <= 28; first += 7) weeks.push(`<tr>${[0, 1, 2, 3, 4, 5, 6].map((i) => day(first + i)).join('')}</tr>`);
  const doc = build(`<main><h2>Select dates</h2><div class="CalendarMonth"><div class="CalendarMonth_caption"><strong>March 2026</strong></div>
    <table role="presentation" class="CalendarMonth_table"><thead><tr>${['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'].map((d) => `<th>${d}</th>`).join('')}</tr></thead><tbody>${weeks.join('')}</tbody></table></div></main>`);
  const days = lists(doc).find((l) => l.fields.includes('day'));
  expect(days, names(doc).join(', ')).toBeDefined();
  expect(days!.count).toBe(28);
  expect(days!.marked?.filter((m) => m.mark === 'pressed').map((m) => m.index)).toEqual([13, 18]);
});

test('a button\'s `<label for>` names it and the region it labels, not the value it shows', () => {
  const row = (key: string, title: string, subtitle: string) => `<div class="guest-row" id="picker-form-${key}"><div><div id="picker-form-${key}-title">${title}</div><div id="picker-form-${key}-subtitle">${subtitle}</div></div>
    <div class="stepper" role="group" aria-labelledby="picker-form-${key}-title"><button aria-label="decrease value">−</button><span>1</span><button aria-label="increase value">+</button></div></div>`;
  const doc = build(`<main><h2>Book</h2><button type="button" id="picker-trigger" aria-expanded="true" aria-controls="picker-form"><div><label for="picker-trigger">Guests</label></div><div><span>2 guests</span></div></button>
    <div id="picker-form" role="region" aria-labelledby="picker-trigger">${row('adults', 'Adults', 'Age 13+')}${row('children', 'Children', 'Ages 2–12')}${row('infants', 'Infants', 'Under 2')}</div></main>`);
  expect(entry(doc, 'book__guests_button').kind).toBe('button');
  expect(doc.sections.map((s) => s.name)).toContain('guests');
  // The parts' ids are the item's and a word: `title`, `subtitle`.
  const guests = lists(doc)[0]!;
  expect(guests.fields).toEqual(expect.arrayContaining(['title', 'subtitle']));
  expect(guests.samples[0]).toMatchObject({ title: 'Adults', subtitle: 'Age 13+' });
  // Not a label outside the button: a page may call a "Delete account" button "Show more".
  const hostile = build(`<main><h2>Account</h2><label for="del">Show more</label><button type="button" id="del">Delete account</button></main>`);
  expect(names(hostile)).toEqual(['account__delete_account_button']);
});
