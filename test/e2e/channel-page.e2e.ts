import { describe, expect, test } from 'vitest';
import type { ListEntry } from '../../extension/protocol/schemas.ts';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';

/**
 * A chat channel drawn as Slack's web client draws it and two comments the page numbers as Jira does
 * (test/fixtures/apps/widgets/channel.html), in Chromium with the built extension. Explorer, session 61: each message's
 * dozen buttons (avatar, sender, time, reactions, six hover actions) made the messages 45 loose entries
 * (`reply_in_thread_button_2`…), and two comments were entries `edit_button`, `delete_button_2`.
 */

const app = useAppRig('widgets/channel.html');

const lists = () => app.doc.sections.flatMap((s) => s.entries).filter((e): e is ListEntry => e.kind === 'list');
const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

describe('chat messages with a dozen buttons, two numbered comments', () => {
  test('are lists: the messages keep their words and every button, the comments their verbs', () => {
    const messages = lists().find((l) => l.name.endsWith('__design_channel'));
    expect(messages, lists().map((l) => l.name).join(', ')).toMatchObject({ count: 3 });
    expect(messages!.actions).toEqual(expect.arrayContaining(['avatar', 'sender', 'timestamp', 'reply_in_thread', 'save_for_later', 'more_actions']));
    expect(messages!.samples[1]).toMatchObject({ sender: 'Priya Natarajan', timestamp: '4:28 PM', save_for_later: 'false' });
    const comments = lists().find((l) => l.name === 'activity__comments');
    expect(comments).toMatchObject({ count: 2 });
    expect(comments!.actions).toEqual(expect.arrayContaining(['date', 'edit', 'delete']));
    expect(app.doc.sections.flatMap((s) => s.entries).map((e) => e.name).join(' ')).not.toMatch(/_button_2\b/);
  });

  test('a script saves Priya\'s message for later, opens a thread on the last one and edits the second comment', async () => {
    const channel = lists().find((l) => l.name.endsWith('__design_channel'))!.name;
    const outcome = await run([
      `$${channel}.find("Priya").save_for_later.click()`,
      'const saved = $channel_design__status.text()',
      `$${channel}[2].reply_in_thread.click()`,
      'const thread = $channel_design__status.text()',
      '$activity__comments.find("Tom Reyes").edit.click()',
      `done([saved, thread, $channel_design__status.text(), $${channel}[1].save_for_later.value()].join(" / "))`,
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: 'Save for later m2 / Reply in thread m3 / Edit 10240 / true' });
  }, 120_000);
});
