// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { openerSlot } from '../../../extension/features/automate/page-bridge.ts';
import type { ListEntry } from '../../../extension/protocol/schemas.ts';
import { runOnPage } from './live-page.ts';

/**
 * `$list[i].open()`, as the automation prompt teaches it, clicks the item's control that opens it — not the row: the
 * demo inbox's <li> opened no message, and the todo's asked to confirm a click that "buys" ("Buy milk Mon Remove").
 */
function record(): string[] {
  const clicked: string[] = [];
  document.addEventListener('click', (e) => {
    const el = e.target as Element;
    clicked.push(`${el.tagName.toLowerCase()}:${el.textContent!.trim().replace(/\s+/g, ' ')}`);
  });
  return clicked;
}

const listLine = (doc: Parameters<typeof renderDocument>[0], name: string) => renderDocument(doc).split('\n').find((l) => l.startsWith(`$${name} `));

describe('item.open()', () => {
  test('inbox rows (a box, an open button, an archive button): the open button', async () => {
    const mail = [['Maya Chen', 'Quarterly report draft'], ['The Weekly Byte', 'Newsletter: 10 tips'], ['Jonas Berg', 'Lunch on Thursday?']];
    document.body.innerHTML = `<main><section aria-label="Inbox"><ul id="messages" aria-label="Messages">${mail.map(([from, subject]) =>
      `<li><input type="checkbox" aria-label="Select message from ${from}"><button type="button" class="open"><span class="sender">${from}</span> <span class="subject">${subject}</span></button><button type="button">Archive</button></li>`).join('')}</ul></section>
      <p id="reader"></p></main>`;
    document.querySelectorAll('button.open').forEach((button) => button.addEventListener('click', () => {
      document.querySelector('#reader')!.textContent = button.querySelector('.subject')!.textContent;
    }));
    const clicked = record();
    const { doc, result } = await runOnPage('$inbox__messages[2].open();\ndone(1);');
    expect(listLine(doc, 'inbox__messages')).toMatch(/actions: .*open\(button\)/);
    expect(result.error).toBeUndefined();
    expect(clicked).toEqual(['button:Jonas Berg Lunch on Thursday?']);
    expect(document.querySelector('#reader')!.textContent).toBe('Lunch on Thursday?');
  });

  test('todo rows (a box, a Remove button): nothing is clicked; a NotFound names the item\'s fields for a repair', async () => {
    document.body.innerHTML = `<main><ul id="todos" aria-label="Todo items">${[['Buy milk', 'Mon'], ['Walk the dog', 'Tue'], ['Write report', 'Wed']].map(([title, due]) =>
      `<li><input type="checkbox" aria-label="Done: ${title}"> <span class="title">${title}</span> <span class="due">${due}</span> <button type="button">Remove</button></li>`).join('')}</ul></main>`;
    const clicked = record();
    const { doc, result } = await runOnPage('$main__todo_items[0].open();\ndone(1);');
    expect(renderDocument(doc)).toMatch(/\$main__todo_items list\(3\) fields: title, due actions: done\(checkbox\), remove\(button\)/);
    expect(result.error?.name).toBe('NotFoundError');
    expect(result.error?.message).toMatch(/^\$main__todo_items\[0\] has no single control that opens it \(its controls: done \(checkbox\), remove \(button\)\)/);
    expect(result.error?.message).toContain('e.g. $main__todo_items[0].title.click() (fields: title, due, done, remove)');
    expect(result.error?.data).toMatchObject({ line: 1, column: 1, noOpener: true });
    expect(clicked).toEqual([]);
    expect(document.querySelectorAll('li')).toHaveLength(3);
  });

  test('shop rows (fields and one View button): the View button', async () => {
    document.body.innerHTML = `<main><ul id="products" aria-label="Products">${[['Brass desk lamp', '$49.50'], ['Oak bookshelf', '$129.00'], ['Paper floor lamp', '$34.99']].map(([name, price]) =>
      `<li><span class="name">${name}</span> <span class="price">${price}</span> <button type="button">View</button></li>`).join('')}</ul></main>`;
    const clicked = record();
    const { result } = await runOnPage('$main__products.find("Oak bookshelf").open();\ndone(1);');
    expect(result.error).toBeUndefined();
    expect(clicked).toEqual(['button:View']);
  });

  test('story rows (a title link, a section link, a comments link): the title link', async () => {
    document.body.innerHTML = `<main><ul id="stories" aria-label="Stories">${['Alpha', 'Beta', 'Gamma'].map((t, i) =>
      `<li><h3 class="title"><a href="#s${i}">${t} story</a></h3> <a class="section" href="#sec${i}">Section ${i}</a> <a class="comments" href="#c${i}">${i + 3} comments</a></li>`).join('')}</ul></main>`;
    const clicked = record();
    document.querySelectorAll('a').forEach((a) => a.addEventListener('click', (e) => e.preventDefault()));
    const { doc, result } = await runOnPage('$main__stories[1].open();\ndone(1);');
    expect(result.error, listLine(doc, 'main__stories')).toBeUndefined();
    expect(clicked).toEqual(['a:Beta story']);
  });

  test('rows with no control of their own take the click (a row the page makes clickable)', async () => {
    document.body.innerHTML = `<main><ul id="rows" aria-label="Invoices">${['Invoice 1', 'Invoice 2', 'Invoice 3'].map((t, i) =>
      `<li onclick="void 0" style="cursor: pointer"><span class="name">${t}</span> <span class="sum">$${i + 10}</span></li>`).join('')}</ul></main>`;
    const clicked = record();
    const { result } = await runOnPage('$main__invoices[0].open();\ndone(1);');
    expect(result.error).toBeUndefined();
    expect(clicked).toEqual(['li:Invoice 1 $10']);
  });
});

describe('openerSlot: what open() clicks in an item', () => {
  type Slot = [name: string, kind: string, selector?: string];
  const list = (slots: Slot[], fields: string[]): ListEntry => ({
    name: 'x__items', kind: 'list', description: 'Items', count: 3, fields, actions: slots.filter(([, kind]) => kind !== 'text').map(([name]) => name),
    slots: slots.map(([name, kind, selector], i) => ({ name, kind: kind as ListEntry['slots'][number]['kind'], selector: selector ?? `:scope > :nth-child(${i + 1})` })),
    samples: [], itemSelector: ':scope > li', locators: [{ by: 'id', value: 'x' }],
  });
  const opener = (slots: Slot[], fields: string[] = []) => openerSlot(list(slots, fields))?.name;

  test.each([
    ['a control named open', [['select', 'checkbox'], ['open', 'button'], ['archive', 'button']], [], 'open'],
    ['its one button', [['name', 'text'], ['view', 'button']], ['name'], 'view'],
    ['its one link', [['rank', 'text'], ['link', 'link']], ['rank'], 'link'],
    ['not a lone Remove', [['done', 'checkbox'], ['remove', 'button']], [], undefined],
    ['not a lone Delete, Buy or Send', [['delete_item', 'button']], [], undefined],
    ['a link named as the title among several', [['title_link', 'link'], ['us_canada', 'link']], [], 'title_link'],
    ['the link in a heading among several', [['link', 'link', 'h3 > a'], ['section', 'link'], ['comments', 'link']], ['link', 'section', 'comments'], 'link'],
    ['the one link whose text differs from row to row', [['image', 'link'], ['category', 'link'], ['headline', 'link']], ['headline'], 'headline'],
    ['its one link beside buttons', [['title', 'text', 'a > span'], ['link', 'link', 'a'], ['add_to_cart', 'button']], ['title'], 'link'],
    ['the one link around a field among several', [['title', 'text', 'a.t > span'], ['link', 'link', 'a.t'], ['shop', 'link', 'a.s']], ['title'], 'link'],
    ['no guess among several links', [['site', 'link'], ['user', 'link']], ['site', 'user'], undefined],
    ['only boxes: nothing', [['pick', 'checkbox']], [], undefined],
    // A row's lone action is no opener (review, session 26: open() added to the cart, archived, deleted unasked).
    ['not a lone Add to cart', [['name', 'text'], ['add_to_cart', 'button']], ['name'], undefined],
    ['not a lone Archive button', [['select', 'checkbox'], ['sender', 'text'], ['archive', 'button']], ['sender'], undefined],
    ['not a lone Follow or Like', [['user', 'text'], ['follow', 'button']], ['user'], undefined],
    ['not a lone 删除 (delete)', [['title', 'text'], ['删除', 'button']], ['title'], undefined],
    ['not an Archive link beside a Delete button', [['archive', 'link'], ['delete', 'button']], [], undefined],
    ['a lone Details button', [['name', 'text'], ['details', 'button']], ['name'], 'details'],
  ] as Array<[string, Slot[], string[], string | undefined]>)('%s', (_label, slots, fields, expected) => {
    expect(opener(slots, fields)).toBe(expected);
  });
});
