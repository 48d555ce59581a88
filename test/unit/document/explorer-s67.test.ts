// @vitest-environment happy-dom
/**
 * Session 67: parts named by the test id of a wrapper that holds only them, through the kit's own wrappers between.
 */
import { expect, test } from 'vitest';
import { build, list, names } from './helpers.ts';

test('a part is named by the test id of the wrapper around it alone, past wrappers that say only how it is drawn', () => {
  const card = (key: string, summary: string, status: string, points: number) => `<div role="row" data-testid="software-backlog.card-list.card.card-contents.card-container">
    <div role="gridcell"><div data-testid="software-backlog.card-list.card.content-container" tabindex="0" role="button" aria-label="${key} Story">
    <div data-testid="software-backlog.card-list.card.card-contents.key"><a href="/browse/${key}" tabindex="-1">${key}</a></div>
    <div data-testid="software-backlog.card-list.card.card-contents.summary"><span class="_11c8fhey">${summary}</span></div>
    <div data-testid="software-backlog.card-list.card.card-contents.status" class="_1e0c1txw"><span class="css-1ng1ucp" data-testid="issue-field-status.ui.status-lozenge"><span class="css-ctupa9"><span class="_1reo15vq">${status}</span></span></span></div>
    <div data-testid="software-backlog.card-list.card.card-contents.estimate" class="_1e0c1txw"><span class="css-1o9b9ua"><span data-testid="issue-field-inline-edit-read-view-container.ui.container"><span class="_19itidpf">${points}</span></span></span></div>
    </div></div></div>`;
  const doc = build(`<main><h2>Sprint 14</h2><div role="grid" aria-label="Sprint 14"><div role="rowgroup">${card('PROJ-101', 'Add Apple Pay', 'To Do', 5)}${card('PROJ-102', 'Cart total wrong', 'In Progress', 2)}${card('PROJ-97', 'Update SDK', 'Done', 3)}</div></div></main>`);
  const cards = list(doc, 'sprint_14__items');
  // Were `text` (three wrappers between) and `container` (the kit's read-view wrapper around every field).
  expect(cards.samples[1], JSON.stringify(cards)).toMatchObject({ summary: 'Cart total wrong', status: 'In Progress', estimate: '2' });
});

test('a test id whose last word says only that it is words keeps the word before (X\'s `tweetText`)', () => {
  const post = (n: number, who: string, words: string) => `<article data-testid="tweet"><a href="/${who}">${who}</a>
    <div data-testid="tweetText"><span>${words}</span></div><button aria-label="Reply">↩</button><span class="n">${n}</span></article>`;
  const doc = build(`<main><h1>Home</h1>${post(1, 'nasa', 'A flare.')}${post(2, 'dan', 'Caches again.')}${post(3, 'lea', 'CSS is fun.')}</main>`);
  const posts = list(doc, 'home__items');
  expect(posts.samples[1], JSON.stringify(posts)).toMatchObject({ tweet_text: 'Caches again.' });
});

test('a card\'s part found by two paths is one field; a price said for screen readers is `price`, a "Scored" score `rating`', () => {
  // Booking's cards: the room's box holds one `div` in some cards, two in others (`div:nth-of-type(1) > h4` there); the
  // shown price is hidden from screen readers, which hear "Current price € 356".
  const card = (n: number, name: string, room: string, extra: boolean, score: string, price: number) => `<div role="listitem" data-testid="property-card">
    <h3><a data-testid="title-link" href="/hotel/${n}">${name}</a></h3>
    <div><span>Scored ${score} out of 10, Good, ${n}00 reviews</span></div>
    <div data-testid="recommended-units"><div><h4 role="link" tabindex="0">${room}</h4></div>${extra ? '<div>Only 2 left</div>' : ''}<ul><li>Breakfast</li></ul></div>
    <div><span aria-hidden="true">€ ${price}</span><span class="sr">Current price € ${price}</span></div></div>`;
  const doc = build(`<style>.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(1px,1px,1px,1px)}</style><main><h2>Results</h2><div role="list">
    ${card(1, 'Avenida Palace', 'Superior Double Room', true, '8.6', 356)}${card(2, 'Serviced Apartments', 'One-Bedroom Apartment', false, '9.1', 289)}
    ${card(3, 'Ibis Liberdade', 'Standard Double Room', false, '7.8', 198)}${card(4, 'Memmo Alfama', 'Deluxe Double Room', true, '9.3', 412)}</div></main>`);
  const hotels = list(doc, 'results__items');
  // Were `link_2` and `link_3` (each two cards' room), the score and the price `text` and `text_2`.
  expect(hotels.fields.filter((field) => field.startsWith('link'))).toHaveLength(1);
  expect(hotels.fields).toEqual(expect.arrayContaining(['rating', 'price']));
  expect(hotels.samples[1], JSON.stringify(hotels)).toMatchObject({ price: 'Current price € 289' });
  expect(Object.values(hotels.samples[1]!)).toContain('One-Bedroom Apartment');
  expect(Object.values(hotels.samples[0]!)).toContain('Superior Double Room');
});

test('names leave out how many a filter finds, how to use a control, and what a shown verb is done to', () => {
  const doc = build(`<main><h1>Jobs</h1>
    <section aria-label="Filters"><input type="checkbox" id="f" aria-label="Free cancellation: 812 properties"><label for="f">Free cancellation</label>
    <button aria-label="Date posted filter. Clicking this button displays all Date posted filter options." aria-expanded="false">Date posted</button></section>
    <section aria-labelledby="t"><h2 id="t">Senior Frontend Engineer</h2><button aria-label="Easy Apply to Senior Frontend Engineer at Spotify"><span>Easy Apply</span></button>
    <button aria-label="Click to see more description">See more</button><button aria-label="Share Senior Frontend Engineer">Share</button>
    <a href="/pricing" aria-label="Read more about pricing">Read more</a></section></main>`);
  // Were `free_cancellation_812_properties`, `date_posted_filter_clicking_button`, `easy_apply_to_senior_button` and
  // `click_to_button`; a label that says no joining word, or whose rest is not the section's title, keeps its words.
  expect(names(doc)).toEqual(expect.arrayContaining(['filters__free_cancellation', 'filters__date_posted_filter_button',
    'senior_frontend_engineer__easy_apply_button', 'senior_frontend_engineer__see_more_description_button',
    'senior_frontend_engineer__share_senior_frontend_engineer_button', 'senior_frontend_engineer__read_more_about_pricing_link']));
});

test('a letter a title spells out reads as the title (Zendesk\'s ticket status "O" titled "Open")', () => {
  const row = (n: number, status: string, subject: string, priority: string) => `<tr><td><span class="StyledTag-sc-1jvbe03-0 kLDXQb" title="${status}"><span>${status[0]}</span></span></td>
    <td><a href="/tickets/${n}">${subject}</a></td><td><abbr title="${priority}">${priority[0]}</abbr></td></tr>`;
  const doc = build(`<main><h1>Tickets</h1><table><thead><tr><th>Status</th><th>Subject</th><th>Priority</th></tr></thead><tbody>
    ${row(1, 'Open', 'Refund not received', 'Urgent')}${row(2, 'Pending', 'Cannot log in', 'High')}${row(3, 'Solved', 'Wrong size', 'Low')}</tbody></table></main>`);
  const tickets = list(doc, 'tickets__items');
  expect(tickets.samples[1], JSON.stringify(tickets)).toMatchObject({ status: 'Pending', priority: 'High' });
});

test('how many new posts a feed has to show names nothing; how many a page shows at a time still does', () => {
  const doc = build('<main><h1>Home</h1><button>Show 35 posts</button><button>See 3 new messages</button><button>Show 50 results per page</button></main>');
  // Was `show_35_posts_button` (X's banner: its count grows as posts come).
  expect(names(doc)).toEqual(['home__show_posts_button', 'home__see_new_messages_button', 'home__show_50_results_per_button']);
});

test('a link whose words say only when is named by the word said before it, not by the time', () => {
  const doc = build(`<main><h1>Question</h1><div><span class="fc-light">Modified</span> <a href="?lastactivity" title="2024-03-01 10:00:00Z">3 months ago</a></div>
    <p>edited <a href="/posts/1/revisions">Jan 5 at 10:02</a></p></main>`);
  // Were `3_months_ago_link` and `jan_5_at_10_link`: renamed as time goes by.
  expect(names(doc)).toEqual(['question__modified_link', 'question__edited_link']);
});
