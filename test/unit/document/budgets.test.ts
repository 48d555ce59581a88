// @vitest-environment happy-dom
/** Every part of a read keeps to its budgets, and odd DOM does not break it (review, session 14). */
import { expect, test, vi } from 'vitest';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { build, entries, load } from './helpers.ts';

test('where a style sheet cannot be read, the computed-cursor pass stops at the time budget, marked', () => {
  load(`<main>${Array.from({ length: 3000 }, (_, i) => `<div><span>Row ${i}</span></div>`).join('')}<button>Last</button></main>`);
  const unreadable = { get cssRules(): CSSRuleList { throw new DOMException('no', 'SecurityError'); } };
  Object.defineProperty(document, 'styleSheets', { configurable: true, get: () => [unreadable] });
  let clock = 0;
  const real = window.getComputedStyle.bind(window);
  const spy = vi.spyOn(window, 'getComputedStyle').mockImplementation((el, pseudo) => { clock += 1; return real(el, pseudo); });
  try {
    const doc = buildPageDocument(document, { maxMs: 50, now: () => clock });
    expect(doc.truncation?.reason).toBe('time');
    expect(clock).toBeLessThan(50 + 2 * 256 + 100); // was 6,005 style reads: every element, twice, then no mark
  } finally {
    spy.mockRestore();
    delete (document as unknown as { styleSheets?: unknown }).styleSheets;
  }
});

test('a huge style sheet is scanned within the time budget', () => {
  load('<main><button>Go</button></main>');
  const style = document.createElement('style');
  style.textContent = Array.from({ length: 20_000 }, (_, i) => `.c${i} > .d${i} { cursor: pointer }`).join('\n');
  document.head.append(style);
  let clock = 0;
  // Each look at the clock costs a millisecond: 20,000 rules looked at every 256 is 78 looks, past 50.
  const doc = buildPageDocument(document, { maxMs: 50, now: () => clock++ });
  expect(doc.truncation?.reason).toBe('time');
});

test('slotted light children count against the node budget', () => {
  load(`<x-app><div>${Array.from({ length: 2000 }, (_, i) => `<div><button>B${i}</button></div>`).join('')}</div></x-app>`);
  document.querySelector('x-app')!.attachShadow({ mode: 'open' }).innerHTML = '<section aria-label="App"><slot></slot></section>';
  // The work done, counted in style reads (no layout here: each element the walk takes up is looked at).
  let reads = 0;
  const real = window.getComputedStyle.bind(window);
  const spy = vi.spyOn(window, 'getComputedStyle').mockImplementation((el, pseudo) => { reads++; return real(el, pseudo); });
  try {
    const doc = buildPageDocument(document, { maxNodes: 200, maxEntries: 100_000 });
    expect(doc.truncated).toBe(true);
    expect(reads).toBeLessThan(1000); // all 4,000 slotted elements were read
  } finally {
    spy.mockRestore();
  }
});

test('a hidden tab panel counts against the node budget', () => {
  const buttons = Array.from({ length: 2000 }, (_, i) => `<p><button>B${i}</button></p>`).join('');
  const doc = build(`<div role="tablist"><button role="tab" aria-controls="p1" aria-selected="true">One</button><button role="tab" aria-controls="p2" id="t2">Two</button></div>
    <div role="tabpanel" id="p1"><button>Visible</button></div><div role="tabpanel" id="p2" aria-labelledby="t2" hidden>${buttons}</div>`, { maxNodes: 200, maxEntries: 100_000 });
  const inViews = (doc.views ?? []).flatMap((v) => v.sections.flatMap((s) => s.entries)).reduce((sum, e) => sum + (e.kind === 'list' ? e.count : 1), 0);
  expect(doc.truncated).toBe(true);
  expect(inViews).toBeLessThanOrEqual(200);
});

test('a label around controls names each without its controls\' text', () => {
  const doc = build(`<label>Pick <select id="s"><option>Alpha</option><option>Beta</option></select> and <textarea id="t">typed draft</textarea></label>`);
  expect(entries(doc).map((e) => e.description)).toEqual(['Pick and', 'Pick and']);
});

test.each([
  ['an element of another namespace named INPUT', () => document.body.append(document.createElementNS('urn:x-odd', 'INPUT'))],
  ['an SVG element named SELECT', () => document.body.append(document.createElementNS('http://www.w3.org/2000/svg', 'SELECT'))],
])('%s does not break the read', (_label, add) => {
  load('<button>Go</button>');
  add();
  expect(entries(buildPageDocument(document)).map((e) => e.name)).toEqual(['page__go_button']);
});

test('a document without a root element reads as empty', () => {
  const html = document.documentElement;
  document.removeChild(html);
  try {
    expect(entries(buildPageDocument(document))).toEqual([]);
  } finally {
    document.appendChild(html);
  }
});
