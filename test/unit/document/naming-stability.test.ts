// @vitest-environment happy-dom
/** Counts, ranks and state words stay out of names, so names do not change as the page does (review #2). */
import { expect, test } from 'vitest';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { build, entry, names } from './helpers.ts';

test('a count in a label does not go into the name: "Comments (5 posted)", "View comments 941", "reader comments 75"', () => {
  const html = (a: number, b: number, c: number) => `<article><h2>A trademark battle</h2><p>Text.</p>
    <p><a href="/a/1#Comments">Comments (${a} posted)</a></p>
    <a href="/a/1/comments" class="comments-button__link">View comments <span class="count">${b}</span></a>
    <a href="https://example.com/c" class="comment-count"><h4>reader comments</h4><span>${c}</span> <span class="visually-hidden">with ${c - 20} posters participating</span></a></article>`;
  const before = names(build(html(5, 941, 75)));
  expect(before).toEqual(names(build(html(6, 1002, 80))));
  expect(before.join(' ')).not.toMatch(/\d/);
  expect(before).toEqual(['a_trademark_battle__comments_link', 'a_trademark_battle__view_comments_link', 'a_trademark_battle__reader_comments_with_posters_link']);
  // The description (and the prompt) keep the count.
  const doc = build(html(5, 941, 75));
  expect(entry(doc, 'a_trademark_battle__view_comments_link').description).toBe('View comments 941');
  expect(renderDocument(doc)).toContain('"View comments 941"');
});

test('a rank in front of a headline is not part of its name', () => {
  const doc = build('<aside><h2>Most read</h2><a href="/n/1"><span class="rank">1</span> <span>Obama \'most frustrated\' by gun laws</span></a><button>Next</button></aside>');
  expect(names(doc)).toContain('aside__obama_most_frustrated_by_link');
});

test('visually hidden state words ("selected", "(current)") and aria states do not name the control', () => {
  const doc = build(`<aside aria-label="Popular"><ul role="tablist"><li><a role="tab" href="#" tabindex="0">Read<span class="off-screen"> selected</span></a></li><li><a role="tab" href="#" tabindex="-1">Watched</a></li></ul></aside>
    <nav aria-label="Main"><a href="/">Home <span class="sr-only">(current)</span></a><a href="/about">About</a></nav>
    <div aria-label="Filters" role="region"><button aria-pressed="true">Unread<span class="sr-only"> pressed</span></button></div>`);
  expect(names(doc)).toEqual(['popular__read_tab', 'popular__watched_tab', 'main__home_link', 'main__about_link', 'filters__unread_button']);
  expect(entry(doc, 'popular__read_tab').description).toBe('Read selected');
});

test('a toggle that shows both of its labels ("Follow" / "Following") is named by its first', () => {
  const doc = build(`<div role="region" aria-label="Author"><button class="button--toggle"><span class="label--default">Follow</span><span class="label--active">Following</span></button>
    <button><span>Recommend</span><span>Recommended</span></button></div>`);
  expect(names(doc)).toEqual(['author__follow_button', 'author__recommend_button']);
});

test('a number in the words stays ("Issue #48", "Sales 2024"); one of its own never does, its link target tells twins apart', () => {
  expect(names(build('<nav aria-label="Read"><a href="/i/48">Issue #48</a><a href="/r/2024">Sales 2024</a></nav>'))).toEqual(['read__issue_48_link', 'read__sales_2024_link']);
  // "Chapter <span>7</span>", "Chapter <span>8</span>": told apart by their targets, not by the numbers they show.
  const doc = build('<nav aria-label="Book"><a href="/c/7">Chapter <span>7</span></a> <a href="/c/8">Chapter <span>8</span></a></nav><section aria-label="Next"><a href="/c/9">Chapter <span>9</span></a></section>');
  expect(names(doc)).toEqual(['book__chapter_link_7', 'book__chapter_link_8', 'next__chapter_link']);
  // A label of only a number keeps it (a pager's "2").
  expect(names(build('<nav aria-label="Pages"><a href="/p/2"><span>2</span></a></nav>'))).toEqual(['pages__2_link']);
});
