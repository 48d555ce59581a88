// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { runOnPage } from './live-page.ts';

/**
 * An item found by its text (find()) is acted on by that text, not by the position it had: a page that reorders its
 * list (a live ticker, a feed that adds rows at the top) would otherwise send the click to another row (exploratory
 * test, session 21: find("TSLA") then a click opened GOOG's details, and the run said Done).
 */
const SYMBOLS = ['AAPL', 'MSFT', 'GOOG', 'AMZN', 'TSLA', 'NVDA'];
const page = (order: string[]) => `<main><h2>Live prices</h2><ul id="ticker">${order.map((s) =>
  `<li><span class="sym">${s}</span> <span class="px">1${s.length}0.00</span> <a class="details" href="#${s}">Details</a></li>`).join('')}</ul></main>`;

function setUp() {
  document.body.innerHTML = page(SYMBOLS);
  const clicked: string[] = [];
  document.addEventListener('click', (e) => {
    const link = (e.target as Element).closest('a');
    if (!link) return;
    e.preventDefault();
    clicked.push(link.getAttribute('href')!.slice(1));
  });
  // The page moves the last row to the top: what find() saw at one position is at the next one after.
  const reorder = () => {
    const list = document.getElementById('ticker')!;
    list.prepend(list.lastElementChild!);
  };
  return { clicked, reorder };
}

describe('find() results follow their item when the page reorders the list', () => {
  test('the list and its fields are read as such', () => {
    setUp();
    const doc = buildPageDocument(document);
    const list = doc.sections.flatMap((s) => s.entries).find((e) => e.kind === 'list');
    expect(list?.kind === 'list' && list.count).toBe(6);
  });

  test('a click after a reorder reaches the row that was found', async () => {
    const { clicked, reorder } = setUp();
    const doc = buildPageDocument(document);
    const list = doc.sections.flatMap((s) => s.entries).find((e) => e.kind === 'list')!;
    const field = list.kind === 'list' ? list.slots.find((s) => /details/.test(s.name))!.name : '';
    // The page reorders while the script waits between finding the row and using it.
    setTimeout(reorder, 5);
    const { result } = await runOnPage(`const row = $${list.name}.find("TSLA");\nwait(50);\nrow.${field}.click();\ndone(row.text());`);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(clicked).toEqual(['TSLA']);
    expect(result.result).toMatch(/^TSLA/);
  });

  test('a row found by part of its text is not another row that holds that part too', async () => {
    document.body.innerHTML = `<main><h2>Walks</h2><ul id="walks">${['Walk the dog', 'Feed the fish', 'Walk the cat', 'Water plants'].map((t, i) =>
      `<li><span class="what">${t}</span> <a class="open" href="#w${i}">Open</a></li>`).join('')}</ul></main>`;
    const clicked: string[] = [];
    document.addEventListener('click', (e) => {
      e.preventDefault();
      clicked.push((e.target as Element).closest('li')!.querySelector('.what')!.textContent!);
    });
    const list = buildPageDocument(document).sections.flatMap((s) => s.entries).find((e) => e.kind === 'list')!;
    const field = list.kind === 'list' ? list.slots.find((s) => s.kind === 'link')!.name : '';
    // "Walk the cat" moves to the top: position 0, where "Walk the dog" was found, now holds "Walk" too.
    setTimeout(() => {
      const ul = document.getElementById('walks')!;
      ul.prepend(ul.children[2]!);
    }, 5);
    const { result } = await runOnPage(`const row = $${list.name}.find("Walk");\nwait(50);\nrow.${field}.click();`);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(clicked).toEqual(['Walk the dog']);
  });

  test('the row found stays the one acted on when its own text changes, and rows that differ only in numbers are not it (review, session 21)', async () => {
    const orders = ['Order 1001 Pending', 'Order 1002 Pending', 'Order 1003 Shipped'];
    document.body.innerHTML = `<main><h2>Orders</h2><ul id="orders">${orders.map((t) =>
      `<li><span class="what">${t}</span> <button type="button" class="approve">Approve</button> <button type="button" class="tag">Tag</button></li>`).join('')}</ul></main>`;
    const clicked: string[] = [];
    document.addEventListener('click', (e) => {
      const button = (e.target as Element).closest('button');
      if (!button) return;
      const what = button.closest('li')!.querySelector('.what')!;
      clicked.push(`${button.className}:${what.textContent!.split(' ')[1]}`);
      // Approving changes the row's own words, and a new pending order arrives at the top.
      if (button.className === 'approve') {
        what.textContent = what.textContent!.replace('Pending', 'Approved');
        const fresh = document.createElement('li');
        fresh.innerHTML = '<span class="what">Order 1004 Pending</span> <button type="button" class="approve">Approve</button> <button type="button" class="tag">Tag</button>';
        document.getElementById('orders')!.prepend(fresh);
      }
    });
    const list = buildPageDocument(document).sections.flatMap((s) => s.entries).find((e) => e.kind === 'list')!;
    const slot = (cls: string) => (list.kind === 'list' ? list.slots.find((s) => s.selector.includes(cls))!.name : '');
    const { result } = await runOnPage(`const o = $${list.name}.find("Pending");\no.${slot('approve')}.click();\no.${slot('tag')}.click();\nconst p = $${list.name}.find("1002");\np.${slot('tag')}.click();`);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(clicked).toEqual(['approve:1001', 'tag:1001', 'tag:1002']);
  });

  test('a row that left the list is NotFound, not another row', async () => {
    const { clicked } = setUp();
    const doc = buildPageDocument(document);
    const list = doc.sections.flatMap((s) => s.entries).find((e) => e.kind === 'list')!;
    const field = list.kind === 'list' ? list.slots.find((s) => /details/.test(s.name))!.name : '';
    setTimeout(() => {
      const tsla = Array.from(document.querySelectorAll('#ticker > li')).find((li) => li.textContent!.includes('TSLA'))!;
      tsla.replaceWith(Object.assign(document.createElement('li'), { innerHTML: '<span class="sym">META</span> <span class="px">1.00</span> <a class="details" href="#META">Details</a>' }));
    }, 5);
    const { result } = await runOnPage(`const row = $${list.name}.find("TSLA");\nwait(50);\nrow.${field}.click();`);
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ name: 'NotFoundError' });
    expect(result.error?.message).toMatch(/holds "TSLA" any more/);
    expect(clicked).toEqual([]);
  });
});
