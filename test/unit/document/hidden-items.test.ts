// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import type { ListEntry } from '../../../extension/protocol/schemas.ts';
import { runOnPage } from '../automate/live-page.ts';

/**
 * Hidden rows are not list items (exploratory test, session 21: hidden sibling buttons made a list of the shown
 * ones, its samples read the hidden labels, and a script's click went to a hidden row).
 */
const HIDES = ['style="display:none"', 'hidden', 'aria-hidden="true"', 'inert'];
const lists = () => buildPageDocument(document).sections.flatMap((s) => s.entries).filter((e): e is ListEntry => e.kind === 'list');
const entryNames = () => buildPageDocument(document).sections.flatMap((s) => s.entries).filter((e) => e.kind !== 'list').map((e) => e.name);

describe('hidden rows of a list', () => {
  test('are not counted, sampled or picked by position', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `<li ${i % 3 === 1 ? HIDES[(i - 1) / 3]! : ''}><span class="title">Product ${i}</span> <a href="#p${i}">Details</a></li>`);
    document.body.innerHTML = `<main><h2>Products</h2><ul id="products">${rows.join('')}</ul></main>`;
    const clicked: string[] = [];
    document.addEventListener('click', (e) => {
      e.preventDefault();
      clicked.push((e.target as Element).closest('li')!.querySelector('.title')!.textContent!);
    });
    const [list] = lists();
    expect(list?.count).toBe(8);
    expect(JSON.stringify(list?.samples)).not.toMatch(/Product (1|4|7|10)\b/);
    const field = list!.slots.find((s) => s.kind === 'link')!.name;
    const { result } = await runOnPage(`$${list!.name}[2].${field}.click();\nconst names = [];\nfor (const p of $${list!.name}) names.push(p.title.text());\ndone(names.join(","));`);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(clicked).toEqual(['Product 3']);
    expect(result.result).toBe('Product 0,Product 2,Product 3,Product 5,Product 6,Product 8,Product 9,Product 11');
  });

  test('do not turn three shown buttons into a list', () => {
    const hidden = ['Delete', 'Archive', 'Move', 'Label', 'Snooze', 'Print', 'Mute', 'Report'].map((l, i) => `<button type="button" ${HIDES[i % 4]!}>${l}</button>`);
    document.body.innerHTML = `<main><h2>Account</h2><div class="bar"><button type="button">Save</button>${hidden.join('')}<button type="button">Cancel</button><button type="button">Help</button></div></main>`;
    expect(lists()).toEqual([]);
    expect(entryNames()).toEqual(['account__save_button', 'account__cancel_button', 'account__help_button']);
  });
});
