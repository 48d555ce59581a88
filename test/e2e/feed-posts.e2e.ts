import { describe, expect, test } from 'vitest';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';
import { renderDocument } from '../../extension/content/document/render.ts';

/**
 * A feed, a forum thread and hotel cards (test/fixtures/apps/widgets/feed.html), in Chromium with the built extension
 * (explorer, session 52): posts labelled one by one were a section each named by their author, with buttons named by
 * their counts (`12_replies_reply_button`); a thread's posts lost their Like and Reply to the page's nav (each post's
 * `nav.post-controls`); a separator between a card's parts made their wrapper one field. Now each is one list.
 */

const app = useAppRig('widgets/feed.html');

const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

describe('feed posts, thread posts and cards with separators', () => {
  test('each is one list, named parts and verbs', () => {
    const text = renderDocument(app.doc);
    expect(text).toContain('$home__timeline list(3) "Home" fields: link, text, reply actions: link(link), reply(button), like(button)');
    expect(text).toContain('$leaking_faucet__thread list(3) "Leaking faucet" fields: link, text actions: link(link), like_this_post(button), reply(button)');
    expect(text).toContain('$hotels__results list(3) "Hotels" fields: link, area, distance, price');
    expect(text).not.toMatch(/^# (nasa|jane_doe|acme_corp)/m);
    expect(text).not.toMatch(/^\$nav__(like|reply)/m);
  });

  test('a script likes a post, replies in the thread and reads a card\'s price by its area', async () => {
    const outcome = await run([
      '$home__timeline[1].like.click()',
      'const liked = $hotels__status.text()',
      '$leaking_faucet__thread.find("Replace the cartridge").reply.click()',
      'const replied = $hotels__status.text()',
      'const price = $hotels__results.filter((h) => h.area.text() === "Chiado")[0].price.text()',
      'done([liked, replied, price, $home__timeline[1].like.value()].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: 'Like p2 / Reply t2 / €198 / true' });
  }, 120_000);
});
