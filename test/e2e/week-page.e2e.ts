import { describe, expect, test } from 'vitest';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';
import { renderDocument } from '../../extension/content/document/render.ts';

/**
 * A week view and a mail thread (test/fixtures/apps/widgets/week.html), in Chromium with the built extension (explorer,
 * session 50): the days were the items of a list and their events its slots (`standup_9_30am`, `evt`), and a thread's
 * folded messages (`role=listitem aria-expanded=false tabindex=-1`) were no controls, so the thread was no list. Now the
 * week's events are one list in reading order, each with its day (the column's heading, for screen readers only), and the thread's messages one list, the open one marked, its Reply button
 * a slot named by its verb or class.
 */

const app = useAppRig('widgets/week.html');

const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

describe('a week view and a mail thread', () => {
  test('the events are one list of five; the messages one list of three with the open one marked', () => {
    const text = renderDocument(app.doc);
    expect(text).toContain('$this_week__week list(5) fields: day, title, time actions: evt(button) e.g. {day: "Monday, July 1", title: "Standup", time: "9:30am"} {day: "Monday, July 1", title: "Design review", time: "12pm"}');
    expect(text).toMatch(/\$q3_budget_review__thread list\(3\) "Q3 budget review" fields: from, snippet, date, body actions: msg\(clickable\), reply_icon\(button\) .* expanded: \[2\] "Jordan Lee/);
    // No event or message is left an entry of its own, and no empty day is one.
    expect(text).not.toMatch(/^\$\S*(standup|clickable|jordan)/m);
  });

  test('a script opens events by index and by words, unfolds a message and replies to the open one', async () => {
    const outcome = await run([
      'const week = $this_week__week',
      'week[1].click()',
      'const first = $q3_budget_review__status.text()',
      'week.filter((e) => e.day.text() === "Thursday, July 4")[1].click()',
      'const second = $q3_budget_review__status.text()',
      '$q3_budget_review__thread[1].click()',
      'const unfolded = $q3_budget_review__status.text()',
      '$q3_budget_review__thread[2].reply_icon.click()',
      'done([week.length, week.map((e) => e.title.text()).join("+"), week[2].day.text(), first, second, unfolded, $q3_budget_review__status.text()].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({
      status: 'done',
      result: '5 / Standup+Design review+Standup+Standup+1:1 with Jordan / Tuesday, July 2 / Opened e2: Design review / Opened e5: 1:1 with Jordan / Opened m2 / Replying to m3',
    });
  }, 120_000);
});
