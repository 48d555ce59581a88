import { describe, expect, test } from 'vitest';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';

/**
 * A field an item has several of side by side (test/fixtures/apps/widgets/labels.html: GitHub-style issues with none,
 * one or three labels), in Chromium with the built extension: the document makes the labels one field that reads them
 * all, and `.text()` — of one item, over the whole list, after the page adds a label — reads them joined. Until session
 * 48 they were `label` and `label_2` (the first two), and a third label, in one item of four, was in no field.
 */

const app = useAppRig('widgets/labels.html');

const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);
const issues = () => app.doc.sections.flatMap((s) => s.entries).find((e) => e.name === 'issues__items');

describe('a field of several elements', () => {
  test('is one field whose samples hold every shown label', () => {
    const list = issues();
    expect(list, JSON.stringify(app.doc.sections.map((s) => s.entries.map((e) => e.name)))).toMatchObject({ kind: 'list', count: 4 });
    if (list?.kind !== 'list') return;
    expect(list.fields).toEqual(['title', 'issue_labels', 'meta']);
    expect(list.slots.find((slot) => slot.name === 'issue_labels')).toMatchObject({ kind: 'link', repeated: true });
    // The second issue's "wontfix" label is hidden by the page's styles: no part of its labels.
    expect(list.samples.map((sample) => sample.issue_labels)).toEqual(['bug, urgent', 'feature', 'docs, good first issue, help wanted']);
  });

  test('.text() reads all of an item\'s labels, one item or the whole list, and follows the page', async () => {
    const outcome = await run([
      'const third = $issues__items[2].issue_labels.text()',
      'const all = $issues__items.map((issue) => issue.issue_labels.text())',
      'const urgentBefore = $issues__items.filter((issue) => issue.issue_labels.text().includes("urgent")).length',
      '$issues__mark_dark_mode_urgent_button.click()',
      'const urgentAfter = $issues__items.filter((issue) => issue.issue_labels.text().includes("urgent")).length',
      'done([third, all.join(" | "), urgentBefore, urgentAfter, $issues__items[1].issue_labels.text()].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({
      status: 'done',
      result: 'docs, good first issue, help wanted / bug, urgent | feature | docs, good first issue, help wanted |  / 1 / 2 / feature, urgent',
    });
  }, 120_000);
});
