import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { outcomeOf, runKnown, openTabOn, usePanelRig } from './automation-rig.ts';
import type { ListEntry, PageDocument } from '../../extension/protocol/schemas.ts';

/**
 * `$list[i].open()`, as the automation prompt teaches it, in Chromium with the built extension (known scripts through
 * `automate.start`, no model call). Exploratory test, session 26: on the demo inbox it clicked the <li> and no message
 * opened; on the todo app it clicked the row and asked to confirm a click that "buys" ("Buy milk Mon Remove").
 */

const held = usePanelRig();

interface Outcome {
  status: string;
  result?: unknown;
  failure?: { name: string; message: string };
  /** Confirmations the run asked for (each declined). */
  confirms: string[];
}

let opened = 0;
async function openApp(path: string): Promise<{ tab: Page; tabId: number; doc: PageDocument }> {
  return openTabOn(held, `${path}?run=${++opened}`);
}

/** The list whose first sample shows `text` (list names are the page document's business). */
function listShowing(doc: PageDocument, text: string): string {
  const lists = doc.sections.flatMap((s) => s.entries).filter((e): e is ListEntry => e.kind === 'list' && Object.values(e.samples[0] ?? {}).includes(text));
  expect(lists).toHaveLength(1);
  return lists[0]!.name;
}

async function runOn(tabId: number, script: string): Promise<Outcome> {
  // Each confirmation is answered no: what the item's click would do is what the test asks.
  const { report, asked } = await runKnown(held.panel, tabId, script, { task: 'open an item', confirm: 'no' });
  return { ...outcomeOf(report), confirms: asked };
}

describe('item.open()', () => {
  test('demo inbox: opens the message (the row\'s open button), not the <li>', async () => {
    const { tab, tabId, doc } = await openApp('/demo/');
    const messages = listShowing(doc, 'Maya Chen');
    const outcome = await runOn(tabId, `$${messages}[2].open(); done("opened")`);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: 'opened', confirms: [] });
    expect(await tab.evaluate(() => [document.querySelector('#reader')!.hasAttribute('hidden'), document.querySelector('#reader-subject')!.textContent]))
      .toEqual([false, 'Lunch on Thursday?']);
    await tab.close();
  }, 120_000);

  test('todo app: a row whose only button is Remove is not opened — a NotFound naming its fields, nothing clicked or asked', async () => {
    const { tab, tabId, doc } = await openApp('/apps/todo/');
    const todos = listShowing(doc, 'Buy milk');
    const outcome = await runOn(tabId, `$${todos}[0].open(); done("opened")`);
    expect(outcome.status, JSON.stringify(outcome)).toBe('failed');
    expect(outcome.confirms).toEqual([]);
    expect(outcome.failure?.name).toBe('NotFoundError');
    expect(outcome.failure?.message).toContain(`$${todos}[0] has no single control that opens it`);
    expect(outcome.failure?.message).toMatch(/\(fields: title, due, done, remove\)/);
    expect(await tab.evaluate(() => [document.querySelector('#total')!.textContent, document.querySelector('#removed')!.textContent])).toEqual(['4', '0']);
    await tab.close();
  }, 120_000);

  test('shop: an item found by its text opens with its one button (View)', async () => {
    const { tab, tabId, doc } = await openApp('/apps/shop/');
    const products = listShowing(doc, 'Brass desk lamp');
    const outcome = await runOn(tabId, `$${products}.find("Oak bookshelf").open(); done("opened")`);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', confirms: [] });
    expect(await tab.evaluate(() => document.querySelector('#opened')!.textContent)).toBe('Oak bookshelf');
    await tab.close();
  }, 120_000);
});
