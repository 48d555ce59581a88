// @vitest-environment happy-dom
/**
 * A list field shown in words ("Aug 3", "2 hours ago") whose element gives machines its value (`<time datetime>`,
 * `<data value>`) says so in the document, with the first item's value: `.value()` reads it, and `new Date(…)` of it
 * is the right day (of "Aug 3" V8 makes 2001-08-03). Session 37.
 */
import { expect, test } from 'vitest';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { machineValue } from '../../../extension/content/document/machine-value.ts';
import { build, lists } from './helpers.ts';

const rows = (days: number[]) => days.map((d) => `<li><a href="/o/${d}">Order ${d}</a> <span class="placed"><time datetime="2026-08-0${d}">Aug ${d}</time></span> <data class="qty" value="${d * 10}">${d} dozen</data></li>`).join('');

test('fields with a value for machines show the first item\'s', () => {
  const doc = build(`<main><h1>Orders</h1><ul>${rows([1, 2, 3, 4])}</ul></main>`);
  const [orders] = lists(doc);
  expect(orders!.machineValues).toEqual({ date: '2026-08-01', qty: '10' });
  expect(orders!.samples[0]).toMatchObject({ date: 'Aug 1', qty: '1 dozen' });
  expect(renderDocument(doc)).toContain('date (.value() "2026-08-01"), qty (.value() "10")');
});

test('a list without such fields renders as before', () => {
  const doc = build(`<main><h1>Orders</h1><ul>${[1, 2, 3].map((d) => `<li><a href="/o/${d}">Order ${d}</a> <span class="placed">Aug ${d}</span></li>`).join('')}</ul></main>`);
  expect(lists(doc)[0]!.machineValues).toBeUndefined();
  expect(renderDocument(doc)).not.toContain('.value()');
});

test('machineValue: the element\'s own, or the one inside it; two inside, or none, say nothing', () => {
  document.body.innerHTML = '<time id="a" datetime=" 2026-08-01T10:00Z ">today</time><span id="b"><time datetime="2026-01-02">x</time></span><span id="c"><time datetime="1">x</time><time datetime="2">y</time></span><time id="d">no datetime</time><time id="e" datetime="">today</time><span id="f"><data value=" ">x</data></span>';
  const get = (id: string) => machineValue(document.getElementById(id)!);
  expect([get('a'), get('b'), get('c'), get('d'), get('e'), get('f')]).toEqual(['2026-08-01T10:00Z', '2026-01-02', undefined, undefined, undefined, undefined]);
});
