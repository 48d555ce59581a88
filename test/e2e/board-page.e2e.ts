import { describe, expect, test } from 'vitest';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';
import { renderDocument } from '../../extension/content/document/render.ts';

/**
 * A Trello-style board (test/fixtures/apps/widgets/board.html), in Chromium with the built extension (explorer,
 * session 48): until session 49 its three columns were one list of three items whose cards were fields `list_cards`,
 * `list_cards_3` — no card a script could open or edit. Now each column's cards are a list under the column's heading
 * (the one card of "In Progress" too), with the board's fields, and the column's own controls are entries there.
 */

const app = useAppRig('widgets/board.html');

const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);
const entryNamed = (name: string) => app.doc.sections.flatMap((s) => s.entries).find((e) => e.name === name);
const names = () => JSON.stringify(app.doc.sections.map((s) => s.entries.map((e) => e.name)));

describe('a kanban board', () => {
  test('each column is a section with its cards as a list', () => {
    expect(app.doc.sections.map((s) => s.name)).toEqual(['sprint_board', 'to_do', 'in_progress', 'done']);
    for (const [name, count] of [['to_do__list_cards', 2], ['in_progress__list_cards', 1], ['done__list_cards', 2]] as const) {
      expect(entryNamed(name), names()).toMatchObject({ kind: 'list', count });
    }
    const text = renderDocument(app.doc);
    expect(text).toContain('card_labels: "Backend, Urgent", list_card_title: "Payment webhook retries"');
    expect(text).toContain('$sprint_board__add_another_list_button');
    expect(text).toContain('$done__add_a_card_link');
  });

  test('a script opens, edits and adds cards column by column', async () => {
    const outcome = await run([
      'const titles = [$to_do__list_cards, $in_progress__list_cards, $done__list_cards].map((cards) => cards.map((card) => card.list_card_title.text()).join("+"))',
      '$to_do__list_cards[1].open()',
      'const opened = $sprint_board__status.text()',
      '$done__list_cards.find("Choose database").edit_card.click()',
      'const edited = $sprint_board__status.text()',
      '$in_progress__add_a_card_link.click()',
      'done([titles.join(" | "), opened, edited, $in_progress__list_cards.length, $in_progress__list_cards[1].list_card_title.text()].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({
      status: 'done',
      result: 'Login page redesign+Write API docs | Payment webhook retries | Set up CI+Choose database / Opened Write API docs in To Do / Editing Choose database / 2 / New card',
    });
  }, 120_000);
});
