import { describe, expect, test } from 'vitest';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';
import { renderDocument } from '../../extension/content/document/render.ts';

/**
 * A GitHub-style issues page (test/fixtures/apps/widgets/issues.html), in Chromium with the built extension — the
 * explorer's findings of sessions 47 and 48:
 * - an item's labels, as many as each has, are one field that reads them all (until session 48 `label` and `label_2`,
 *   the first two; a third, in one item of four, was in no field);
 * - each row's 👍 (`aria-pressed`) and estimate box say their state in the samples;
 * - a tab "Issues <span>4</span>" beside a "Code" tab with no counter reads its words (the samples read "", "4");
 * - the heading "<span>4</span> Issues" names its section `issues`, and the list is named by the labelled group around
 *   it ("Open issues"), not by its `js-navigation-container` class.
 */

const app = useAppRig('widgets/issues.html');

const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);
const entryNamed = (name: string) => app.doc.sections.flatMap((s) => s.entries).find((e) => e.name === name);
const names = () => JSON.stringify(app.doc.sections.map((s) => s.entries.map((e) => e.name)));

describe('an issues page', () => {
  test('labels are one field; reactions and estimates say their state; counts stay out of names', () => {
    const list = entryNamed('issues__open_issues');
    expect(list, names()).toMatchObject({ kind: 'list', count: 4 });
    if (list?.kind !== 'list') return;
    expect(list.fields).toEqual(['title', 'issue_labels', 'meta']);
    expect(list.slots.find((slot) => slot.name === 'issue_labels')).toMatchObject({ kind: 'link', repeated: true });
    // The second issue's "wontfix" label is hidden by the page's styles: no part of its labels.
    expect(list.samples.map((sample) => [sample.issue_labels, sample.thumbs_up, sample.estimate])).toEqual([
      ['bug, urgent', 'false', '3'], ['feature', 'true', '5'], ['docs, good first issue, help wanted', 'false', '1']]);
    const text = renderDocument(app.doc);
    expect(text).toContain('$repository__underlinenav list(4) of links e.g. "Code", "Issues 4", "Pull requests 7"');
    expect(text).toContain('# issues ("4 Issues")');
    expect(text).toContain('thumbs_up: true, estimate: "5"');
  });

  test('.text() reads all of an item\'s labels, one item or the whole list, and follows the page', async () => {
    const outcome = await run([
      'const third = $issues__open_issues[2].issue_labels.text()',
      'const all = $issues__open_issues.map((issue) => issue.issue_labels.text())',
      'const urgentBefore = $issues__open_issues.filter((issue) => issue.issue_labels.text().includes("urgent")).length',
      '$issues__mark_dark_mode_urgent_button.click()',
      'const urgentAfter = $issues__open_issues.filter((issue) => issue.issue_labels.text().includes("urgent")).length',
      'done([third, all.join(" | "), urgentBefore, urgentAfter, $issues__open_issues[1].issue_labels.text()].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({
      status: 'done',
      result: 'docs, good first issue, help wanted / bug, urgent | feature | docs, good first issue, help wanted |  / 1 / 2 / feature, urgent',
    });
  }, 120_000);

  test('a script likes only the issues not yet liked, as the samples say', async () => {
    const outcome = await run([
      'for (const issue of $issues__open_issues) if (issue.thumbs_up.value() !== true) issue.thumbs_up.click()',
      'done($issues__open_issues.map((issue) => String(issue.thumbs_up.value())).join(","))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: 'true,true,true,true' });
  }, 120_000);
});
