import { describe, expect, test } from 'vitest';
import type { ListEntry, PageDocument } from '../../extension/protocol/schemas.ts';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';

/**
 * An inbox drawn as Gmail draws it, a stays grid drawn as Airbnb draws it and an issue list drawn as Linear draws it
 * (test/fixtures/apps/widgets/gmail-inbox.html, stays-grid.html, issue-list.html), in Chromium with the built extension. Explorer, session 66: the hover toolbar's buttons were
 * `button`, `button_2`, `button_3` (their words icon-font characters), Snooze was cut by the row's cells, each a
 * `clickable` of its own (a grid with no headers), a row's hidden screen-reader summary was a field and the sender none;
 * a listing could not be opened (its only link is laid over the card, hidden from screen readers), its title was `dir`,
 * its rating and price `text_3`, `text_4`; an issue's second label chip and the next issue's assignee were one field
 * (`span:nth-of-type(3)`), avatars read as initials, priority and status were `text`, `text_3`.
 */

const listsOf = (doc: PageDocument) => doc.sections.flatMap((s) => s.entries).filter((e): e is ListEntry => e.kind === 'list');

describe('a Gmail inbox', () => {
  const app = useAppRig('widgets/gmail-inbox.html');
  const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

  test('rows name their toolbar by its tooltips, the sender by the address beside it; cells are no controls', () => {
    const mail = listsOf(app.doc).find((l) => l.name === 'main__items')!;
    expect(mail.actions).toEqual(expect.arrayContaining(['archive', 'delete', 'snooze', 'checkbox', 'starred']));
    expect(mail.actions.join(' ')).not.toMatch(/clickable_|button/);
    expect(mail.samples[0]).toMatchObject({ sender: 'City Power', date: '9:14 AM' });
    expect(JSON.stringify(mail.samples)).not.toContain('unread, City Power');
  });

  test('a script archives the mail from a sender and snoozes another, through buttons shown on hover', async () => {
    const outcome = await run([
      '$main__items.find("City Power").archive.click()',
      'const archived = $page__status.text()',
      '$main__items.find("Google").snooze.click()',
      'const snoozed = $page__status.text()',
      'done([archived, snoozed, $main__items.length, $main__items[0].sender.text()].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: 'Conversation archived: City Power / Snooze — Google / 3 / Sam' });
  }, 120_000);

  test('marks mail read and unstars by each row\'s state, leaving rows already so untouched', async () => {
    // Session 67: the button words its state ("Mark as read" / "Mark as unread", "Starred" / "Not starred"), so it was
    // named by the first row's words and a click on a read row marked it unread; check() now acts only when needed.
    const mail = listsOf(app.doc).find((l) => l.name === 'main__items')!;
    expect(mail.actions).toEqual(expect.arrayContaining(['mark_as_read', 'starred']));
    expect(mail.samples.map((s) => [s.sender, s.mark_as_read, s.starred])).toContainEqual(['Sam', 'true', 'true']);
    const outcome = await run([
      '$main__items.find("Priya").mark_as_read.check()',
      '$main__items.find("Sam").mark_as_read.check()',
      'const marked = $page__status.text()',
      'const read = $main__items.find("Priya").mark_as_read.value()',
      '$main__items.find("Sam").starred.uncheck()',
      '$main__items.find("Priya").starred.uncheck()',
      'done([marked, read, $page__status.text(), $main__items.find("Sam").starred.value()].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: 'Marked as read: Priya Nair / true / Unstarred Sam / false' });
  }, 120_000);
});

describe('an Airbnb stays grid', () => {
  const app = useAppRig('widgets/stays-grid.html');
  const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

  test('cards open through the link laid over them; titles, ratings and prices are named as such', () => {
    const stays = listsOf(app.doc).find((l) => l.name === 'search_results__stays_grid')!;
    expect(stays.actions).toContain('room');
    expect(stays.fields).toEqual(expect.arrayContaining(['title', 'rating', 'price']));
    expect(stays.samples[2]).toMatchObject({ title: 'Rental unit in Lisbon', price: '$96 per night, $480 total' });
  });

  test('a script reads the third listing\'s price and opens the second', async () => {
    const outcome = await run([
      'const price = $search_results__stays_grid[2].price.text()',
      '$search_results__stays_grid[1].room.click()',
      'done(price + " / " + $page__status.text())',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: '$96 per night, $480 total / Clicked : Home in Lisbon' });
  }, 120_000);
});

describe('a Linear issue list', () => {
  const app = useAppRig('widgets/issue-list.html');
  const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

  test('issues have their labels as one field, who they are assigned to, their key, priority and status', () => {
    const issues = listsOf(app.doc).find((l) => l.name === 'active_issues__issues')!;
    expect(issues.fields).toEqual(expect.arrayContaining(['labels', 'assigned_to', 'id', 'priority', 'status']));
    expect(issues.samples[0]).toMatchObject({ id: 'ENG-482', labels: 'Bug, Payments v2', assigned_to: 'Assigned to Sam Ortega', priority: 'Urgent', status: 'In Progress' });
    expect(issues.samples[1]).toMatchObject({ labels: 'Infra', assigned_to: 'Assigned to Priya Nair' });
  });

  test('a script reads an issue\'s labels, another\'s assignee and status, and opens an issue\'s menu shown on hover', async () => {
    const outcome = await run([
      'const labels = $active_issues__issues.find("ENG-482").labels.text()',
      'const who = $active_issues__issues[1].assigned_to.text()',
      'const status = $active_issues__issues[2].status.text()',
      '$active_issues__issues[1].issue_options.click()',
      'done([labels, who, status, $page__status.text()].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: 'Bug, Payments v2 / Assigned to Priya Nair / In Review / Options menu opened for ENG-477' });
  }, 120_000);
});
