import { describe, expect, test } from 'vitest';
import type { ListEntry } from '../../extension/protocol/schemas.ts';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';

/**
 * Chat messages, a comment tree and a playlist drawn as Discord, Reddit and Spotify draw them
 * (test/fixtures/apps/widgets/community.html), in Chromium with the built extension. Explorer, session 62: a reply's
 * quote before a message's words shifted every part found by its place, so the third message's "Add Reaction" read
 * and clicked another button; one deleted comment (words, no controls) left the whole tree loose buttons; the
 * playlist's fields were `row_2`, `encore_text`, its play buttons `row`.
 */

const app = useAppRig('widgets/community.html');

const lists = () => app.doc.sections.flatMap((s) => s.entries).filter((e): e is ListEntry => e.kind === 'list');
const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

describe('parts some items lack, a deleted comment, a design kit\'s type classes', () => {
  test('are lists whose fields are named by what they are', () => {
    const byName = new Map(lists().map((l) => [l.name, l] as const));
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['help_beginners__messages_in_help', 'comments__comments', 'playlist__tracks']));
    const messages = byName.get('help_beginners__messages_in_help')!;
    expect(messages.actions).toEqual(expect.arrayContaining(['username', 'add_reaction', 'reply']));
    expect(messages.samples[1]).toMatchObject({ username: 'ferris_whisperer', date: '10:42 AM' });
    expect(Object.values(messages.samples[1]!)).toContain('It calls IntoIterator::into_iter on v.');
    expect(byName.get('comments__comments')).toMatchObject({ count: 5 });
    const tracks = byName.get('playlist__tracks')!;
    expect(tracks.fields).toEqual(['number', 'title', 'artist', 'album', 'duration']);
    expect(tracks.actions).toEqual(expect.arrayContaining(['play', 'track', 'artist']));
  });

  test('a script reacts to the reply, upvotes a comment and plays a track by its title', async () => {
    const outcome = await run([
      '$help_beginners__messages_in_help[1].add_reaction.click()',
      'const reacted = $help_beginners__status.text()',
      '$help_beginners__messages_in_help[2].add_reaction.click()',
      'const last = $help_beginners__status.text()',
      '$comments__comments.find("clacky").upvote.click()',
      'const upvoted = $help_beginners__status.text()',
      '$playlist__tracks.find("Teardrop").play.click()',
      'done([reacted, last, upvoted, $help_beginners__status.text(), $comments__comments.length, $playlist__tracks[1].artist.text()].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({
      status: 'done',
      result: 'Add Reaction m2 / Add Reaction m3 / Upvote c4 / Play Teardrop by Massive Attack / 5 / Kavinsky',
    });
  }, 120_000);
});
