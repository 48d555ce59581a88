import { describe, expect, test } from 'vitest';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';
import { renderDocument } from '../../extension/content/document/render.ts';

/**
 * A file manager's grid of tiles laid out in rows (test/fixtures/apps/widgets/files.html), in Chromium with the built
 * extension (explorer, session 52): the first row's three tiles were the list and the second row's files entries, so
 * "select every PDF" saw neither PDF. Now the tiles of every row are one list.
 */

const app = useAppRig('widgets/files.html');

const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

describe('a grid of tiles in rows', () => {
  test('its tiles are one list of five', () => {
    const text = renderDocument(app.doc);
    expect(text).toContain('$files__items list(5) "Files" fields: name actions: clickable(clickable), select(checkbox)');
    expect(text).not.toMatch(/^\$files__(notes|taxes|select_)/m);
  });

  test('a script selects every PDF across the rows', async () => {
    const outcome = await run([
      'const pdfs = $files__items.filter((f) => f.name.text().endsWith(".pdf"))',
      'for (const file of pdfs) file.select.check()',
      'done([pdfs.length, $files__status.text(), $files__items[4].select.value()].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: '2 / Selected notes.pdf, taxes.pdf / true' });
  }, 120_000);
});
