import { describe, expect, test } from 'vitest';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';
import { renderDocument } from '../../extension/content/document/render.ts';

/**
 * A Reddit-style comment thread (test/fixtures/apps/widgets/thread.html), in Chromium with the built extension
 * (explorer, sessions 49–50): replies nested in their comment were extra slots of the top comment (`comment_2`), or
 * with two top comments no list at all. Now every comment is an item of one list in reading order, each with its own
 * words and buttons, and find() reaches a reply by its words, not the comment holding it. The switch drawn over a
 * hidden `role=switch` input was left out of the document; it is an entry a script turns on.
 */

const app = useAppRig('widgets/thread.html');

const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

describe('a nested comment thread', () => {
  test('every comment, replies included, is an item in reading order with its own fields', () => {
    const text = renderDocument(app.doc);
    expect(text).toContain('$best_budget_keyboard__commentarea list(4) fields: meta, link, md actions: link(link), upvote(button), reply(button)');
    expect(text).toContain('{meta: "lube · 88 points", link: "lube", md: "Seconding the Keychron, lube the stabil…", upvote: false}');
    expect(text).toContain('$best_budget_keyboard__notify_me_of_replies_switch [unchecked]');
  });

  test('a script upvotes a reply found by its words, reads a deeper reply, and turns the switch on', async () => {
    const outcome = await run([
      'const comments = $best_budget_keyboard__commentarea',
      'comments.find("Seconding the Keychron").upvote.click()',
      'const upvoted = $best_budget_keyboard__status.text()',
      'comments[2].reply.click()',
      'const replying = $best_budget_keyboard__status.text()',
      '$best_budget_keyboard__notify_me_of_replies_switch.check()',
      'done([comments.length, comments.map((c) => c.link.text()).join("+"), upvoted, comments[1].meta.text(), replying, $best_budget_keyboard__status.text()].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({
      status: 'done',
      result: '4 / tom+lube+tom+clacky / Upvoted c2 / lube · 89 points / Replying to c3 / Notifications on',
    });
  }, 120_000);
});
