// @vitest-environment happy-dom
/**
 * A list's fields are not named after one item's data (explorer, session 43: a GitHub issue list's author field was
 * `octocat`, the author of most rows; Gmail's star was `not_starred`, the state of most rows).
 */
import { expect, test } from 'vitest';
import { build, lists } from './helpers.ts';

test('an author link most rows share is not the field\'s name; a toggle\'s two states name it by their common word', () => {
  const authors = ['octocat', 'octocat', 'monalisa', 'octocat'];
  const rows = authors.map((who, i) => `<li class="issue"><a class="issue-title" href="/issues/${i}">Bug number ${i}</a>
    <span>opened by <a class="author" href="/${who}">${who}</a></span>
    <button aria-label="${i === 2 ? 'Starred' : 'Not starred'}" aria-pressed="${i === 2}">★</button></li>`).join('');
  const [issues] = lists(build(`<main><h1>Issues</h1><ul class="issues">${rows}</ul></main>`));
  expect(issues!.fields).not.toContain('octocat');
  expect(issues!.actions).not.toContain('not_starred');
  expect(issues!.actions).toContain('starred');
  expect(issues!.samples[2]).toMatchObject({ author: 'monalisa' });
});

test('utility and generated classes name no field (explorer, session 43: `h_full`, `justify_between`, Gmail\'s `z_f`)', () => {
  const cards = ['Basic Tee', 'Classic Hoodie', 'Cap'].map((name, i) => `<div class="group relative"><div class="h-full w-full"><img src="/${i}.png" alt=""></div>
    <div class="mt-4 flex justify-between"><h3 class="text-sm text-gray-700"><a href="/p/${i}">${name}</a></h3><p class="text-sm font-medium text-gray-900">$${30 + i}</p></div></div>`).join('');
  const [products] = lists(build(`<main><h1>Shop</h1><div class="mt-6 grid grid-cols-4 gap-x-6">${cards}</div></main>`));
  expect(products!.fields.filter((f) => /h_full|justify|text_sm|font|gray|mt_4/.test(f))).toEqual([]);
  const rows = ['Ann', 'Bob', 'Cy'].map((who) => `<tr class="zA"><td class="oZ-x3"><input type="checkbox" aria-label="Select"></td><td class="xY"><span class="zF">${who}</span></td><td class="xY"><span class="bog">Hello from ${who}</span></td></tr>`).join('');
  const [mail] = lists(build(`<main><h1>Inbox</h1><table><tbody>${rows}</tbody></table></main>`));
  expect(mail!.fields).not.toContain('z_f');
});
