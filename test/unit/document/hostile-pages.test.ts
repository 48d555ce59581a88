// @vitest-environment happy-dom
/**
 * Hostile and odd pages (exploratory test, session 22): form controls that shadow the form's own DOM properties, a
 * node budget spent before the controls, a control whose name is not what it shows, the document's notes.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { attr, closestOf, containsOf, hiddenOf, parentOf, tagNameOf } from '../../../extension/content/document/dom-safe.ts';
import { tagOf } from '../../../extension/content/document/dom.ts';
import { isDisabled, kindOf } from '../../../extension/content/document/classify.ts';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { build, entry, load, names } from './helpers.ts';

const FORM = `<main><h1>Clobber</h1><form id="f" aria-label="Edit post"><label>Other <input name="x" id="other"></label>
  <label>Headline <input id="headline" name="headline"></label><button id="save" type="submit">Publish post</button></form></main>`;

/**
 * What Chromium does to a form holding `<input name="NAME">`: `form.NAME` is that input, on the element itself (a named
 * property shadows the prototype's getter or method). happy-dom has no named properties, so the tests put them there.
 */
function clobber(form: Element, name: string, by: Element): void {
  Object.defineProperty(form, name, { configurable: true, get: () => by });
  clobbered.push([form, name]);
}

/** Taken off after each test: happy-dom's own code (removing the page, closing the window) reads them too. */
const clobbered: Array<[Element, string]> = [];
afterEach(() => {
  for (const [form, name] of clobbered.splice(0)) delete (form as unknown as Record<string, unknown>)[name];
});

// Not `getAttribute`, `hasAttribute`, `getRootNode` or `parentElement`: happy-dom's own code reads them off the element (its
// `checkVisibility` climbs `parentElement` forever). The e2e test covers those in Chromium.
const CLOBBERED = ['tagName', 'localName', 'namespaceURI', 'nodeType', 'hasAttributes', 'closest', 'contains',
  'matches', 'querySelector', 'querySelectorAll', 'getElementsByTagName', 'checkVisibility', 'getBoundingClientRect',
  'parentNode', 'children', 'firstElementChild', 'nextElementSibling', 'previousElementSibling', 'childElementCount',
  'firstChild', 'nextSibling', 'textContent', 'ownerDocument', 'shadowRoot', 'id', 'className', 'classList', 'hidden', 'assignedSlot',
  'compareDocumentPosition', 'cloneNode'];

describe('a form whose controls shadow its DOM properties', () => {
  test.each(CLOBBERED)('form.%s is a control: the document is the same as without it', (name) => {
    const clean = build(FORM);
    load(FORM);
    const form = document.getElementById('f')!;
    clobber(form, name, document.getElementById('other')!);
    const doc = build();
    expect(names(doc)).toEqual(names(clean));
    expect(names(doc)).toEqual(['edit_post__other', 'edit_post__headline', 'edit_post__publish_post_button']);
    expect(entry(doc, 'edit_post__publish_post_button').effect).toBe('submits edit_post');
  });

  test('with many properties shadowed at once, the safe accessors (which the executor imports too) answer for the form', () => {
    load(FORM);
    const form = document.getElementById('f')!;
    const other = document.getElementById('other')!;
    for (const name of ['tagName', 'localName', 'namespaceURI', 'closest', 'contains', 'hidden', 'id', 'children', 'classList', 'matches']) clobber(form, name, other);
    expect(tagOf(form)).toBe('FORM');
    expect(tagNameOf(form)).toBe('FORM');
    expect(parentOf(form)!.tagName).toBe('MAIN');
    expect(attr(form, 'aria-label')).toBe('Edit post');
    expect(closestOf(form, 'main')).not.toBeNull();
    expect(containsOf(form, other)).toBe(true);
    expect(hiddenOf(form)).toBe(false);
    expect(isDisabled(form)).toBe(false);
    expect(kindOf(document.getElementById('save')!)).toBe('button');
    expect(names(build())).toEqual(['edit_post__other', 'edit_post__headline', 'edit_post__publish_post_button']);
  });
});

describe('the node budget', () => {
  test('100,000-row style flood: a control after the rows is still listed, with the truncated marker', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `<div>row ${i}</div>`).join('');
    const doc = build(`<main><h1>Flood</h1><button id="first">First button</button><div id="box">${rows}</div><button id="last">Last button</button></main>`, { maxNodes: 1000 });
    expect(doc.truncated).toBe(true);
    expect(names(doc)).toEqual(expect.arrayContaining(['flood__first_button', 'flood__last_button']));
    expect(renderDocument(doc).split('\n').at(-1)).toMatch(/^… truncated: the page is larger than the node budget/);
  });

  test('a select of many options does not hide what comes after it', () => {
    const options = Array.from({ length: 3000 }, (_, i) => `<option>Option ${i}</option>`).join('');
    const doc = build(`<main><h1>Giant</h1><label>Pick <select id="s">${options}</select></label><label>After <input id="after"></label>
      <form aria-label="Later form"><button>Send</button></form></main>`, { maxNodes: 1000 });
    expect(doc.truncated).toBe(true);
    expect(names(doc)).toEqual(expect.arrayContaining(['giant__pick', 'giant__after', 'later_form__send_button']));
    expect(entry(doc, 'giant__pick').optionsTotal).toBe(3000);
  });

  test('past the budget, controls in hidden parts stay out', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `<div>row ${i}</div>`).join('');
    const doc = build(`<main>${rows}<div hidden><button>Secret</button></div><div aria-hidden="true"><a href="/x">X</a></div><button>Shown</button></main>`, { maxNodes: 500 });
    expect(names(doc)).toEqual(['main__shown_button']);
  });
});

describe('a name that is not what the control shows', () => {
  test('the description and the prompt show the visible text too, quoted', () => {
    const doc = build(`<section aria-label="Danger zone"><button id="del" aria-label="Harmless: view profile">Delete account</button>
      <button aria-label="Close">×</button><a href="/more" aria-label="Read more about pricing">Read more</a>
      <button aria-label="${'Harmless '.repeat(30)}">Delete everything</button><input type="submit" aria-label="Save" value="Erase all"></section>`);
    const del = entry(doc, 'danger_zone__harmless_view_profile_button');
    expect(del.description).toBe('Harmless: view profile (shows "Delete account")');
    const text = renderDocument(doc);
    // The name spells the label; the shown words are quoted beside it.
    expect(text).toContain('$danger_zone__harmless_view_profile_button shows="Delete account"\n');
    // A long name cannot push the shown words out of the line.
    expect(text).toContain('shows="Delete everything"');
    expect(text).toContain('shows="Erase all"');
    // An icon, or a name that holds the words, adds nothing.
    expect(entry(doc, 'danger_zone__close_button').description).toBe('Close');
    expect(entry(doc, 'danger_zone__read_more_about_pricing_link').description).toBe('Read more about pricing');
  });

  test('typed text and sensitive fields never show', () => {
    const doc = build(`<form aria-label="Login"><div role="textbox" contenteditable aria-label="Note">my secret draft</div>
      <label>PIN <input type="password" aria-label="PIN" value="4321"></label></form>`);
    expect(JSON.stringify(doc)).not.toContain('shows');
    expect(JSON.stringify(doc)).not.toContain('4321');
  });
});

describe('notes', () => {
  test('a document\'s notes are lines after the page line, page text quoted', () => {
    const doc = build('<main><button>Go</button></main>');
    doc.notes = ['2 cross-origin frames not readable: "https://ads.example"', 'a modal dialog is open: only what is in it can be used'];
    const lines = renderDocument(doc).split('\n');
    expect(lines[1]).toBe('note: 2 cross-origin frames not readable: "https://ads.example"');
    expect(lines[2]).toBe('note: a modal dialog is open: only what is in it can be used');
    expect(lines[3]).toBe('# main');
  });
});
