import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { ElementEntry, PageDocument } from '../../extension/protocol/schemas.ts';
import { startExecutorRig, type ExecutorRig } from './executor-rig.ts';

/**
 * Checkboxes and radio buttons a page draws itself (test/fixtures/apps/widgets/boxes.html): the input is hidden
 * (display: none, `hidden`, no size, visibility: hidden) and its label is what a person sees and clicks. The input is
 * in the document, named by its label, with its state; check() and click() go through the label, as a person's click.
 */

let rig: ExecutorRig | undefined;
let page: Page;
const act = (...args: Parameters<ExecutorRig['act']>) => rig!.act(...args);

beforeAll(async () => {
  rig = await startExecutorRig('widgets/boxes.html');
  ({ page } = rig);
}, 120_000);
afterAll(async () => {
  await rig?.close();
});
beforeEach(async () => {
  await page.goto(rig!.pages.url('/apps/widgets/boxes.html'));
});

const entries = (doc: PageDocument) => doc.sections.flatMap((section) => section.entries) as ElementEntry[];

describe('boxes the page draws', () => {
  test('are in the document, named by their labels, with their state; unreachable ones are not', async () => {
    const read = await rig!.read();
    expect(read.ok).toBe(true);
    const boxes = entries(read.payload as PageDocument).filter((entry) => entry.kind === 'checkbox' || entry.kind === 'radio');
    expect(boxes.map((entry) => [entry.kind, entry.description, entry.state?.checked ?? false])).toEqual([
      ['checkbox', expect.stringMatching(/Remember me/), false],
      ['radio', expect.stringMatching(/Small/), true],
      ['radio', expect.stringMatching(/Large/), false],
      ['checkbox', expect.stringMatching(/Dark mode/), false],
      ['checkbox', expect.stringMatching(/Subscribe to news/), false],
      ['radio', expect.stringMatching(/5 stars/), false],
      ['radio', expect.stringMatching(/4 stars/), false],
      ['radio', expect.stringMatching(/3 stars/), false],
      // A box of the page's own over a hidden input is one entry, named as before (review, session 41).
      ['checkbox', expect.stringMatching(/Keep me posted/), false],
      ['radio', expect.stringMatching(/Alpha/), false],
    ]);
    const names = entries(read.payload as PageDocument).map((entry) => entry.name);
    expect(names).toContain('misc__keep_me_posted');
    // Stars with no words of their own are named by their labels' titles, whatever their order (explorer, session 41).
    const stars = entries(read.payload as PageDocument).filter((entry) => entry.name.startsWith('review__'));
    expect(stars.map((entry) => entry.description)).toEqual(['5 stars', '4 stars', '3 stars']);
    expect(stars.map((entry) => entry.name)).toEqual(['review__your_rating_5_stars', 'review__your_rating_4_stars', 'review__your_rating_3_stars']);
    expect(names).toContain('misc__alpha');
  });

  test('check() and uncheck() go through the label: the page hears the change', async () => {
    for (const id of ['remember', 'dark', 'news']) {
      const checked = await act(id, 'check');
      expect(checked, `${id}: ${JSON.stringify(checked)}`).toMatchObject({ ok: true });
      expect(await page.locator(`#${id}`).isChecked()).toBe(true);
    }
    expect((await act('dark', 'uncheck')).ok).toBe(true);
    expect(await page.locator('#dark').isChecked()).toBe(false);
    expect((await page.locator('#log').textContent())?.trim()).toBe('remember=true dark=true news=true dark=false');
  });

  test('a radio of a drawn group is chosen with check() or click()', async () => {
    expect((await act('large', 'check')).ok).toBe(true);
    expect(await page.locator('#large').isChecked()).toBe(true);
    expect((await act('small', 'click')).ok).toBe(true);
    expect(await page.locator('#small').isChecked()).toBe(true);
  });

  test('a hidden box with no shown label stays hidden to the executor', async () => {
    for (const id of ['orphan', 'ghost']) {
      const refused = await act(id, 'check');
      expect(refused.error?.data, JSON.stringify(refused)).toMatchObject({ state: 'hidden' });
    }
    expect(await page.locator('#log').textContent()).toBe('');
  });
});
