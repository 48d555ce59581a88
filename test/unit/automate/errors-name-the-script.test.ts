// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { act } from '../../../extension/content/executor/index.ts';
import type { ListEntry } from '../../../extension/protocol/schemas.ts';
import { runOnPage } from './live-page.ts';

/**
 * The executor's errors name what they are about as the script does (`$aside__most_read`, `$sign_up__subscribe_button`),
 * not by a locator (`css="#comp-most-popular > … > ul"`, `role="Subscribe"`): a repair model reads them against the
 * script. An index past the end of a list that is there fails at once (nothing is drawing it).
 */
const PAGE = `<main><h1>News</h1><a href="#home">BBC</a><aside><section><h2>Most read</h2><ol>${[1, 2, 3, 4].map((i) =>
  `<li><span class="rank">${i}</span><a href="#s${i}"><span class="headline">Story ${i}</span></a></li>`).join('')}</ol></section></aside>
  <form aria-label="Sign up" onsubmit="return false"><label for="mail">Email</label><input id="mail">
  <button type="button" disabled>Subscribe</button></form></main>`;
const entries = () => buildPageDocument(document).sections.flatMap((s) => s.entries);
const named = (description: string) => entries().find((e) => e.description.startsWith(description))!.name;

afterEach(() => {
  vi.useRealTimers();
});

describe('executor errors name the target as the script does', () => {
  // First in the file: no action of ours has begun yet (a page still drawing after one is waited for).
  test('an index past the end of a list that is there: a NotFound at once, before any timer of a wait fires', async () => {
    document.body.innerHTML = PAGE;
    const list = entries().find((e): e is ListEntry => e.kind === 'list')!;
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
    const answer = act(document, { action: 'text', args: [], target: { locators: list.locators, name: list.name, field: 'headline',
      item: { selector: list.itemSelector, index: 4 }, slot: list.slots.find((s) => s.name === 'headline')!.selector } }).then(() => 'answered', (error: unknown) => error);
    const outcome = await Promise.race([answer, new Promise((resolve) => setImmediate(() => resolve('still waiting')))]);
    expect(outcome).toMatchObject({ name: 'NotFoundError', message: `item 4 of \`$${list.name}\` is not on the page (the list has 4 items)` });
  });

  test('an item past the end, a link typed into, a disabled button, a field chosen from, a field of an item ticked: `$name` in the message', async () => {
    document.body.innerHTML = PAGE;
    const list = entries().find((e) => e.kind === 'list')!.name;
    const cases: Array<[string, RegExp]> = [
      [`done($${list}[10].headline.text());`, new RegExp(`^item 10 of \`\\$${list}\` is not on the page \\(the list has 4 items\\)`)],
      [`$${named('BBC')}.type("x");`, new RegExp(`^\`\\$${named('BBC')}\` is not a text field \\(link\\)`)],
      [`$${named('Subscribe')}.click();`, new RegExp(`^\`\\$${named('Subscribe')}\` is disabled`)],
      [`$${named('Email')}.select("x");`, new RegExp(`^\`\\$${named('Email')}\` is not a select`)],
      [`$${list}[2].rank.check();`, new RegExp(`^\`\\$${list}\\[2\\]\\.rank\` is not a checkbox`)],
    ];
    for (const [script, message] of cases) {
      const { result } = await runOnPage(script);
      expect(result.ok, script).toBe(false);
      expect(result.error?.message, script).toMatch(message);
      expect(result.error?.message, script).not.toMatch(/css=|role=|id=/);
    }
    // A list the page no longer has (as after navigate() to another page).
    const before = { ...buildPageDocument(document), pageId: 'live-page' };
    document.querySelector('aside')!.remove();
    const { result } = await runOnPage(`done($${list}.length);`, before);
    expect(result.error?.message).toMatch(new RegExp(`^the list \`\\$${list}\` is not on the page now`));
  });
});
