// @vitest-environment happy-dom
/**
 * A list's samples are its first items in order, so sample i is what `$list[i]` reads: an image-only link at [0] used to
 * be left out of a link group's samples (and repeated texts merged), and the prompt showed "Home" first, which a
 * model took for `[0]`.
 */
import { expect, test } from 'vitest';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { build, lists } from './helpers.ts';

test('a link group keeps an empty link text and repeated ones in their places; the prompt shows "" there', () => {
  const links = ['<img src="/logo.png">', 'Home', 'Shop', 'Home', 'Blog', 'Help', 'About', 'Jobs'].map((t, i) => `<a href="/l${i}">${t}</a>`).join(' ');
  const doc = build(`<header><div class="bar">${links}</div></header>`);
  const [group] = lists(doc);
  expect(group!.samples.map((s) => s['link'])).toEqual(['', 'Home', 'Shop', 'Home', 'Blog', 'Help', 'About', 'Jobs']);
  expect(renderDocument(doc)).toContain('of links e.g. "", "Home", "Shop", "Home", "Blog" …');
});

test('a list whose first item shows nothing in its fields: its sample stays first, as {}', () => {
  const rows = ['', 'Quarterly report', 'Lunch?', 'Invoice'].map((s, i) => `<li><span class="subject">${s}</span> <span class="from">${s ? `Person ${i}` : ''}</span> <button>Open</button></li>`).join('');
  const doc = build(`<main><ul aria-label="Messages">${rows}</ul></main>`);
  const [messages] = lists(doc);
  expect(messages!.samples[0]).toEqual({});
  expect(renderDocument(doc)).toContain('e.g. {} {subject: "Quarterly report", from: "Person 1"} {subject: "Lunch?", from: "Person 2"}');
});

test('a list of links whose items show no words at all shows no samples', () => {
  const doc = build(`<header><div class="bar">${Array.from({ length: 8 }, (_, i) => `<a href="/i${i}"><img src="/i${i}.png"></a>`).join(' ')}</div></header>`);
  expect(renderDocument(doc)).not.toContain('e.g.');
});
