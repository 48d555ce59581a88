import { describe, expect, test } from 'vitest';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';

/**
 * A chat app (test/fixtures/apps/chat/index.html), in Chromium with the built extension: the open conversation's
 * title is the heading over the thread and the composer, and it names nothing (explorer, session 47: the composer was
 * `$priya_natarajan__type_a_message`, renamed with every conversation opened, so "open Tom's chat and say hi" could not
 * be written). A script opens another conversation and sends with the same names.
 */

const app = useAppRig('chat/index.html');

/** Sending asks the user first (an irreversible action): answered yes, and what was asked kept. */
const run = async (script: string) => {
  const { report, asked } = await runKnown(app.panel, app.tabId, script, { confirm: 'yes' });
  return { outcome: outcomeOf(report), asked };
};

describe('a chat app', () => {
  test('the composer and Send are named by no conversation', () => {
    const names = app.doc.sections.flatMap((s) => s.entries).map((e) => e.name);
    expect(names).toContain('main__type_a_message');
    expect(names).toContain('main__send_button');
    expect(names.join(' ')).not.toMatch(/priya/);
  });

  test('a script opens another conversation and sends there by the same names', async () => {
    const { outcome, asked } = await run([
      '$conversations__chat_list.find("Tom Becker").click()',
      '$main__type_a_message.type("Ship it")',
      '$main__send_button.click()',
      'done($main__messages.text())',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: 'The build is green. You: Ship it' });
    expect(asked).toHaveLength(1);
  }, 120_000);
});
