// @vitest-environment happy-dom
/**
 * Session 48: a field an item has several of side by side (an issue's labels, a repository's topics) is one field
 * that reads them all, joined by ", ". Parts every item has the same number of (a card's stars and forks) stay
 * fields of their own, as do a table's cells and a button's own words.
 */
import { expect, test } from 'vitest';
import { build, list as listOf } from './helpers.ts';

const list = (html: string, name: string) => listOf(build(html), name);

test('labels, as many as each item has, are one field', () => {
  const issues = list(`<main><h1>Issues</h1><ul class="issues">
    <li class="issue"><a href="/i/1">Crash on start</a><span class="label">bug</span><span class="label">urgent</span><span class="meta">by ann</span></li>
    <li class="issue"><a href="/i/2">Add dark mode</a><span class="label">feature</span><span class="meta">by bob</span></li>
    <li class="issue"><a href="/i/3">Docs typo</a><span class="meta">by cy</span><span class="label">docs</span><span class="label">good first issue</span><span class="label">help wanted</span></li>
    <li class="issue"><a href="/i/4">Slow build</a><span class="meta">by dee</span></li>
  </ul></main>`, 'issues__items');
  expect(issues.fields).toEqual(['link', 'labels', 'meta']);
  expect(issues.slots.find((slot) => slot.name === 'labels')).toEqual({ name: 'labels', kind: 'text', selector: ':scope > span.label', repeated: true });
  expect(issues.samples.map((sample) => sample.labels)).toEqual(['bug, urgent', 'feature', 'docs, good first issue, help wanted']);
});

test('links side by side are one field too, named in the plural', () => {
  const repos = list(`<main><h1>Repositories</h1><div class="repos">
    <div class="repo"><h3><a href="/r/a">alpha</a></h3><span class="stat">12 stars</span><span class="stat">3 forks</span><span><a class="category" href="/t/js">js</a><a class="category" href="/t/web">web</a></span></div>
    <div class="repo"><h3><a href="/r/b">beta</a></h3><span class="stat">7 stars</span><span class="stat">1 fork</span><span><a class="category" href="/t/go">go</a></span></div>
    <div class="repo"><h3><a href="/r/c">gamma</a></h3><span class="stat">1 star</span><span class="stat">0 forks</span><span><a class="category" href="/t/rust">rust</a><a class="category" href="/t/cli">cli</a><a class="category" href="/t/tui">tui</a></span></div>
  </div></main>`, 'repositories__repos');
  // Two stats in every card: stars, then forks — two fields.
  expect(repos.fields).toEqual(['link', 'stat', 'stat_2', 'categories']);
  expect(repos.slots.find((slot) => slot.name === 'categories')).toMatchObject({ kind: 'link', repeated: true });
  expect(repos.samples[2]).toEqual({ link: 'gamma', stat: '1 star', stat_2: '0 forks', categories: 'rust, cli, tui' });
});

test('a table\'s cells and a button\'s words are no repeated field', () => {
  const doc = build(`<main><h1>Team</h1>
    <table><tbody>
      <tr><td class="c">Ann</td><td class="c">Admin</td></tr><tr><td class="c">Bob</td><td class="c">Dev</td><td class="c">Web</td></tr>
      <tr><td class="c">Cy</td><td class="c">Dev</td></tr>
    </tbody></table>
    <div class="bar">
      <button class="b"><span class="label">Bookmark</span><span class="label">Bookmarked</span></button>
      <button class="b"><span class="label">Share</span></button>
      <button class="b"><span class="label">More</span></button>
    </div></main>`);
  const lists = doc.sections.flatMap((section) => section.entries).filter((e) => e.kind === 'list');
  for (const found of lists) if (found.kind === 'list') expect(found.slots.some((slot) => slot.repeated), found.name).toBe(false);
});
