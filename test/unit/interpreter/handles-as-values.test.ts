import { describe, expect, test } from 'vitest';
import { automationCapabilities } from '../../../extension/sandbox/capabilities/automation.ts';
import { FakeBridge, type FakePage } from '../../../extension/sandbox/capabilities/fake-bridge.ts';
import { runScript } from '../../../extension/sandbox/interpreter/index.ts';

/**
 * A page handle is not its text (exploratory test, session 26): `done([$inbox__messages[0].subject, …])` finished with
 * `["$inbox__messages[0].subject", "$inbox__messages[0]", "[function value]"]` as the user's answer, and
 * `m.sender.text === "Maya Chen"` was silently false. Used as data, a handle or a handle's method is an ApiError that
 * says what to call; everything a script legitimately does with handles keeps working.
 */
const inbox: FakePage = {
  elements: { search_mail__search_mail: { kind: 'text_input', value: 'report' }, banner: { kind: 'text', text: 'Hello' } },
  lists: {
    inbox__messages: [
      { sender: 'Maya Chen', subject: 'Quarterly report draft' },
      { sender: 'Jonas Berg', subject: 'Lunch on Thursday?' },
    ],
  },
};

async function run(source: string) {
  const bridge = new FakeBridge(inbox);
  return { bridge, result: await runScript(source, automationCapabilities(bridge, bridge.names())) };
}

const ELEMENT = '`$inbox__messages[0].subject` is an element: call .text() to read it';
const METHOD = '`$search_mail__search_mail.value` is a method: call it, `.value()`';

describe('a page handle used as data', () => {
  test.each([
    ['done([$inbox__messages[0].subject, $inbox__messages[0], $search_mail__search_mail.value])', ELEMENT],
    ['done({ value: $search_mail__search_mail.value })', METHOD],
    ['done($inbox__messages[0])', '`$inbox__messages[0]` is an item of a list: read a field (`.sender.text()`) or call .text() for all its text'],
    ['done($inbox__messages)', '`$inbox__messages` is a list: read its items, e.g. `$inbox__messages.map((item) => item.text())`'],
    ['done($banner)', '`$banner` is an element: call .text() to read it (.value() for what a field holds or whether a box is ticked)'],
    ['done($inbox__messages.filter((m) => m.sender.text() === "Maya Chen"))', '`$inbox__messages[0]` is an item of a list'],
    ['say("Subject:", $inbox__messages[0].subject)', ELEMENT],
    ['ask($inbox__messages[0].subject)', ELEMENT],
    ['const m = $inbox__messages[0]; done(m.sender.text === "Maya Chen")', '`$inbox__messages[0].sender.text` is a method: call it, `.text()`'],
    // Tested for truth, a page method is always there (session 26).
    ['if ($banner.exists) done(1); else done(0)', '`$banner.exists` is a method: call it, `.exists()`'],
    ['done($inbox__messages.filter((m) => m.sender.text).length)', '`$inbox__messages[0].sender.text` is a method: call it, `.text()`'],
    ['const m = $inbox__messages[0]; done(m.sender === "Maya Chen")', '`$inbox__messages[0].sender` is an element: call .text() to read it'],
    ['done("Maya Chen" != $inbox__messages[0].sender)', '`$inbox__messages[0].sender` is an element'],
    ['done($inbox__messages.length > $inbox__messages[0].subject)', ELEMENT],
    ['done("Subject: " + $inbox__messages[0].subject)', ELEMENT],
    ['done(`Subject: ${$inbox__messages[0].subject}`)', ELEMENT],
    ['done(String($search_mail__search_mail.value))', METHOD],
    ['done([$inbox__messages[0].subject].join(", "))', ELEMENT],
    ['done("report draft".includes($inbox__messages[0].subject))', ELEMENT],
    ['done(JSON.stringify({ subject: $inbox__messages[0].subject }))', ELEMENT],
    ['done(JSON.stringify([$search_mail__search_mail.value]))', METHOD],
    // What a replacer function returns is written too (review, session 38).
    ['done(JSON.stringify({ s: 1 }, (k, v) => (k === "s" ? $inbox__messages[0].subject : v)))', ELEMENT],
    ['switch ($inbox__messages[0].subject) { case "Quarterly report draft": done(1); } done(0)', ELEMENT],
    ['$search_mail__search_mail.type($inbox__messages[0].subject)', ELEMENT],
    ['$inbox__messages.find($inbox__messages[0].subject)', ELEMENT],
    // An array search compares as `===` does (exploratory run, session 27: `["Sale", "Promo"].includes(item.subject)`
    // was silently false).
    ['done(["Sale", "Promo"].includes($inbox__messages[0].subject))', ELEMENT],
    ['done(["Sale", "Promo"].indexOf($inbox__messages[0].subject))', ELEMENT],
    ['done(["Sale", "Promo"].lastIndexOf($inbox__messages[0].subject))', ELEMENT],
    ['done($inbox__messages.map((m) => m.subject).includes("Lunch on Thursday?"))', ELEMENT],
    ['done([$search_mail__search_mail.value].indexOf("report"))', METHOD],
    ['done("report draft".indexOf($inbox__messages[0].subject))', ELEMENT],
    ['done("report draft".lastIndexOf($inbox__messages[0].subject))', ELEMENT],
    ['const seen = {}; seen[$inbox__messages[0].subject] = true; done(1)', ELEMENT],
    ['done($inbox__messages[0].subject in { Sale: 1 })', ELEMENT],
  ])('%s', async (source, message) => {
    const { result } = await run(source);
    expect(result.ok).toBe(false);
    expect(result.error?.name).toBe('ApiError');
    expect(result.error?.message).toContain(message);
    expect(result.error?.data).toMatchObject({ line: 1 });
  });

  test('the failing done() is in the log with its error, for the repair', async () => {
    const { result } = await run('done($inbox__messages[0].subject)');
    expect(result.log.map((e) => [e.call, e.error?.name])).toEqual([['done', 'ApiError']]);
  });

  test('what scripts legitimately do with handles still works', async () => {
    const { result, bridge } = await run(`
      function senderOf(item) { return item.sender.text(); }
      const rows = [$inbox__messages[0], $inbox__messages[1]];
      const senders = [];
      for (const row of rows) senders.push(senderOf(row));
      const found = $inbox__messages.find("Lunch");
      const missing = $inbox__messages.find("nothing like this");
      if (found) found.open();
      const maya = $inbox__messages.filter((m) => m.sender.text() === "Maya Chen");
      console.log($inbox__messages[0], $search_mail__search_mail.value);
      done({
        senders, opened: found !== null && found !== undefined, missing: missing === null, none: !missing,
        maya: maya.map((m) => m.subject.text()), count: maya.length, exists: $banner.exists() ? "yes" : "no",
        same: $banner === $banner, other: found === maya[0], kind: typeof $inbox__messages[0].subject,
        label: found ? "found" : "not found", either: missing || "fallback",
      });
    `);
    expect(result.error).toBeUndefined();
    expect(result.result).toEqual({
      senders: ['Maya Chen', 'Jonas Berg'], opened: true, missing: true, none: true, maya: ['Quarterly report draft'], count: 1,
      exists: 'yes', same: true, other: false, kind: 'object', label: 'found', either: 'fallback',
    });
    expect(result.output).toEqual(['"$inbox__messages[0]" [function value]']);
    expect(bridge.lists.inbox__messages![1]!.opened).toBe('yes');
  });

  test('searching arrays of handles for handles, or for null, still works', async () => {
    const { result } = await run(`
      const [first, second] = [$inbox__messages[0], $inbox__messages[1]];
      const rows = [first, second, null];
      done([rows.indexOf(second), rows.includes(first), rows.lastIndexOf(null), [first].includes(undefined), [].includes(first),
        first === rows[0], $inbox__messages[0] === $inbox__messages[0], $banner === $banner]);
    `);
    expect(result.error).toBeUndefined();
    // Handles compare as values: the same handle, never the same text (a list read twice gives two item handles).
    expect(result.result).toEqual([1, true, 2, false, false, true, false, true]);
  });

  test('a script may catch it (it is a script error like any other)', async () => {
    const { result } = await run('try { done($inbox__messages[0].subject) } catch (e) { done(e.name) }');
    expect(result.result).toBe('ApiError');
  });
});

describe('a page method given another handle as `this` (review, session 38)', () => {
  test('works on the handle given, as JavaScript would, never on the one it was read off', async () => {
    const { bridge, result } = await run(`
      const read = $inbox__messages[0].sender.text;
      $inbox__messages[0].subject.click.call($inbox__messages[1].sender);
      done([read.call($inbox__messages[1].sender), read(), $inbox__messages[0].sender.text.apply($inbox__messages[1].sender, [])]);
    `);
    expect(result.error).toBeUndefined();
    expect(result.result).toEqual(['Jonas Berg', 'Maya Chen', 'Jonas Berg']);
    const clicks = bridge.calls.filter((call) => call.call === 'click').map((call) => JSON.stringify(call.target));
    expect(clicks).toHaveLength(1);
    expect(clicks[0]).toContain('sender');
    expect(clicks[0]).not.toContain("subject");
  });

  test('given something of another kind, it is refused, not run on the handle it was read off', async () => {
    const { bridge, result } = await run('$banner.click.call($inbox__messages)');
    expect(result.error?.name).toBe('ApiError');
    expect(result.error?.message).toMatch(/`click\.call\(\)` with /);
    expect(bridge.calls.filter((call) => call.call === 'click')).toHaveLength(0);
  });
});
