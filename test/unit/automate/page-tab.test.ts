// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { highlight } from '../../../extension/content/highlight.ts';
import { noteFor, type PointTarget } from '../../../extension/features/automate/page-pointer.ts';
import { documentKeys, entryMatches, shortDescription } from '../../../extension/features/automate/DocumentSections.tsx';
import type { PageDocument } from '../../../extension/protocol/schemas.ts';

vi.mock('../../../extension/platform/index.ts', () => ({ request: vi.fn() }));

const box = () => document.getElementById('__pocket-slm-highlight');

/** happy-dom lays nothing out: the element's box is given. */
function placed(id: string, rect = { x: 10, y: 20, width: 100, height: 30 }): HTMLElement {
  const el = document.createElement('button');
  el.id = id;
  document.body.append(el);
  el.getBoundingClientRect = () => new DOMRect(rect.x, rect.y, rect.width, rect.height);
  return el;
}

describe('the outline in the page (content/highlight.ts)', () => {
  afterEach(() => {
    highlight(document, []);
    document.body.replaceChildren();
    vi.useRealTimers();
  });

  test('a zero-size element (a hidden tab panel) is reported hidden and draws no speck', () => {
    placed('gone', { x: 0, y: 0, width: 0, height: 0 });
    expect(highlight(document, [{ by: 'id', value: 'gone' }])).toEqual({ found: true, hidden: true });
    expect(box()).toBeNull();
  });

  test('the box covers the element; an element that leaves the page takes the box with it', async () => {
    const el = placed('go');
    expect(highlight(document, [{ by: 'id', value: 'go' }])).toEqual({ found: true });
    expect(box()!.style.left).toBe('8px');
    expect(box()!.style.width).toBe('104px');
    el.getBoundingClientRect = () => new DOMRect(10, -230, 100, 30); // the page scrolled 250 px
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(box()!.style.top).toBe('-232px');
    el.remove();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(box()).toBeNull();
  });

  test('with keepMs the box goes unless the same call comes again; renewing does not draw a second box', () => {
    vi.useFakeTimers();
    placed('go');
    highlight(document, [{ by: 'id', value: 'go' }], 1000);
    vi.advanceTimersByTime(800);
    highlight(document, [{ by: 'id', value: 'go' }], 1000);
    expect(document.querySelectorAll('#__pocket-slm-highlight')).toHaveLength(1);
    vi.advanceTimersByTime(800);
    expect(box()).not.toBeNull();
    vi.advanceTimersByTime(400);
    expect(box()).toBeNull();
  });
});

describe('the Page tab (notes, filter, descriptions)', () => {
  const target: PointTarget = { key: '/s/a', name: 'a', locators: [] };
  test('what is said next to an entry', () => {
    expect(noteFor(target, { reply: { found: false } })).toBe('not on the page now — Read the page again');
    expect(noteFor(target, { reply: { found: true, hidden: true } })).toBe('hidden on the page now: nothing to outline');
    expect(noteFor(target, { reply: { found: true } })).toBe('');
    expect(noteFor({ ...target, via: 'prefs__sound_tab' }, { reply: { found: true } })).toBe('hidden until $prefs__sound_tab is clicked: that tab is outlined');
    expect(noteFor({ ...target, via: 'prefs__sound_tab' }, { reply: { found: false } })).toBe('hidden until $prefs__sound_tab is clicked');
    expect(noteFor(target, { error: new Error('No tab with id: 5.') })).toBe('could not be shown: the tab is closed');
  });

  test('a long description is cut to 80 characters with an ellipsis', () => {
    expect(shortDescription('short')).toBe('short');
    const cut = shortDescription('x'.repeat(120));
    expect(cut).toHaveLength(80);
    expect(cut.endsWith('…')).toBe(true);
  });

  test('the filter matches names and descriptions; the sections and views holding a match are the ones to open', () => {
    const entry = (name: string, description = '') => ({ name, kind: 'clickable', description, locators: [] });
    const doc = {
      sections: [{ name: 'inbox', kind: 'main', entries: [entry('inbox__archive_button', 'Archive'), entry('inbox__reply', 'Send an answer')] },
        { name: 'nav', kind: 'navigation', entries: [entry('nav__home_link', 'Home')] }],
      views: [{ via: 'prefs__sound_tab', sections: [{ name: 'prefs', kind: 'region', entries: [entry('prefs__volume', 'Sound volume')] }] }],
    } as unknown as PageDocument;
    expect(entryMatches(doc.sections[0]!.entries[1]!, 'ANSWER')).toBe(true);
    expect(entryMatches(doc.sections[0]!.entries[1]!, '$inbox__rep')).toBe(true);
    expect(entryMatches(doc.sections[0]!.entries[0]!, 'home')).toBe(false);
    expect(documentKeys(doc)).toEqual(['section:inbox', 'section:nav', 'view:prefs__sound_tab/prefs', 'view:prefs__sound_tab']);
    expect(documentKeys(doc, 'sound')).toEqual(['view:prefs__sound_tab/prefs', 'view:prefs__sound_tab']);
    expect(documentKeys(doc, 'archive')).toEqual(['section:inbox']);
  });
});
