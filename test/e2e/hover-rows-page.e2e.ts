import { describe, expect, test } from 'vitest';
import type { ListEntry } from '../../extension/protocol/schemas.ts';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';

/**
 * Controls a page shows only while the pointer is on their row or menu (test/fixtures/apps/widgets/hover-rows.html),
 * in Chromium with the built extension: a track's Play button under `display: none` until its row is hovered (Spotify),
 * a mail row's Archive and Delete under `visibility: hidden` (Gmail), a menu's sub-links in a CSS-only dropdown.
 * Explorer, session 65: they were nowhere in the document, and the executor refused them as hidden; CSS `:hover`
 * cannot be set by a script's events, so a person's way to them (pointing at the row) is not a script's.
 */

const app = useAppRig('widgets/hover-rows.html');

const lists = () => app.doc.sections.flatMap((s) => s.entries).filter((e): e is ListEntry => e.kind === 'list');
const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

describe('controls shown while their row or menu is pointed at', () => {
  test('are the rows\' actions and the menu\'s links in the document', () => {
    const names = app.doc.sections.flatMap((s) => s.entries).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['main_nav__speakers_link', 'main_nav__headphones_link']));
    const byName = new Map(lists().map((l) => [l.name, l] as const));
    expect(byName.get('road_trip_mix__items')!.actions).toEqual(expect.arrayContaining(['play', 'more_options']));
    expect(byName.get('inbox__items')!.actions).toEqual(expect.arrayContaining(['archive', 'delete', 'mark_as_read']));
    // The columns' headers name the cells (the headers say no index of their own); Gmail's sender by the address beside it.
    expect(byName.get('road_trip_mix__items')!.samples[0]).toMatchObject({ number: '1', date_added: '2 days ago', duration: '3:20' });
    expect(byName.get('inbox__items')!.samples[1]).toMatchObject({ sender: 'City Power' });
  });

  test('a script plays a track, archives and deletes mail and follows a menu\'s sub-link, each hidden until pointed at', async () => {
    const outcome = await run([
      // A person sees them as soon as the pointer is on the row or menu, so they exist (session 67: false before).
      'const shown = [$road_trip_mix__items[2].play.exists(), $inbox__items[0].archive.exists(), $main_nav__headphones_link.exists()].join()',
      '$road_trip_mix__items[2].play.click()',
      'const played = $page__status.text()',
      '$road_trip_mix__items.find("Levitating").play.click()',
      'const again = $page__status.text()',
      '$inbox__items.find("City Power").archive.click()',
      'const archived = $page__status.text()',
      '$inbox__items[0].mark_as_read.click()',
      'const read = $page__status.text()',
      'const left = $inbox__items.length',
      '$main_nav__headphones_link.click()',
      'const opened = $page__status.text()',
      'done([shown, played, again, archived, read, left, opened].join(" / "))',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({
      status: 'done',
      result: 'true,true,true / Playing Heat Waves / Playing Levitating / Archive: Your December bill / Mark as read: Your weekly digest / 2 / Open /products/headphones',
    });
  }, 120_000);
});
