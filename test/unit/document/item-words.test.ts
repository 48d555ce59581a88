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
