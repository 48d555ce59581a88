import { describe, expect, test } from 'vitest';
import type { ListEntry } from '../../extension/protocol/schemas.ts';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';

/**
 * Tasks grouped by section, a ticket's conversation, transactions and posts drawn as Asana, Zendesk, a bank and X draw
 * them (test/fixtures/apps/widgets/workspace.html), in Chromium with the built extension. Explorer, session 63: the
 * tasks' controls were loose entries numbered up to `task_name_5`; the conversation was one message of its last words;
 * a deposit had no amount (its cell's class said "credit") and a bookmarked post no bookmark button (its test id said
 * "removeBookmark"); posts had no text.
 */

const app = useAppRig('widgets/workspace.html');

const lists = () => app.doc.sections.flatMap((s) => s.entries).filter((e): e is ListEntry => e.kind === 'list');
const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

describe('grouped rows, records with links, parts whose marks say their state', () => {
  test('are lists with every item\'s fields', () => {
    const byName = new Map(lists().map((l) => [l.name, l] as const));
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['website_relaunch__tasks', 'website_relaunch__groups', 'conversation__conversation_log', 'activity__items', 'activity__timeline']));
    const tasks = byName.get('website_relaunch__tasks')!;
    expect(tasks.count).toBe(5);
    expect(tasks.samples[2]).toMatchObject({ group: 'Design', task_name: 'Design QA checklist', mark_task: 'false' });
    expect(byName.get('conversation__conversation_log')!.samples[1]).toMatchObject({ sender: 'Daniel Okafor', channel: 'Internal note' });
    expect(byName.get('activity__items')!.samples[2]).toMatchObject({ description: 'ACME CORP PAYROLL', amount: 'Credit +$2,450.00' });
    const posts = byName.get('activity__timeline')!;
    // Bookmarked ("Bookmark" / "Bookmarked"): the samples show each post's state (session 67; was its count, '3').
    expect(posts.samples[1], JSON.stringify(posts.samples)).toMatchObject({ bookmark: 'true' });
    expect(posts.samples[0]).toMatchObject({ bookmark: 'false' });
    expect(Object.values(posts.samples[1]!).some((value) => String(value).startsWith('Most state problems'))).toBe(true);
  });

  test('a script completes a task by name, reads a comment\'s sender and a deposit, and bookmarks posts in either state', async () => {
    const outcome = await run([
      // check() clicks only where the post is not bookmarked yet (the second is), uncheck() only where it is.
      '$activity__timeline[1].bookmark.check()',
      '$activity__timeline[0].bookmark.check()',
      'const checked = [$page__status.text(), $activity__timeline[0].bookmark.value(), $activity__timeline[0].bookmark.text()].join()',
      '$activity__timeline[0].bookmark.uncheck()',
      '$website_relaunch__tasks.find("Design QA checklist").mark_task.click()',
      'const completed = $page__status.text()',
      'const group = $website_relaunch__tasks.find("Migrate CMS").group.text()',
      'const who = $conversation__conversation_log.find("corrected invoice").sender.text()',
      'const pay = $activity__items.find("PAYROLL").amount.text()',
      '$activity__timeline[1].bookmark.click()',
      'const unsaved = $page__status.text()',
      '$activity__timeline[0].bookmark.click()',
      'const saved = $page__status.text()',
      '$activity__timeline[0].bookmark.click()',
      'done([checked, completed, group, who, pay, unsaved, saved, $page__status.text(), $activity__timeline[1].tweet_text.text()].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({
      status: 'done',
      result: 'Saved p1,true,7 / Completed Design QA checklist / Development / Priya Raman / Credit +$2,450.00 / Unsaved p2 / Saved p1 / Unsaved p1 / Most state problems are cache invalidation problems.',
    });
  }, 120_000);
});
