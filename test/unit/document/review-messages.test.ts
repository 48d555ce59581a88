// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { build, entries, names } from './helpers.ts';

/** Review of message entries (content/document/messages.ts, build.ts): names of other entries, secrets. */
describe('review: message entries', () => {
  test('a toast appearing in a landmark renames no control of a heading section of the same name', () => {
    const page = (toast: string) => `<aside aria-label="Notifications">${toast}</aside>
      <main><h2>Notifications</h2><button>Mark all read</button></main>`;
    const before = names(build(page('')));
    const after = names(build(page('<div role="status">Saved</div>')));
    expect(before).toContain('notifications__mark_all_read_button');
    expect(after).toContain('notifications__mark_all_read_button');
  });

  test('a message never shows what a password field holds (accessible names hide it: dom.ts withSecretsHidden)', () => {
    const doc = build(`<form aria-label="Sign up"><label for="p">Password</label><input id="p" type="password" value="hunter2secret">
      <p role="alert">The password hunter2secret is too weak</p><button aria-label="Show hunter2secret">Show</button></form>`);
    expect(JSON.stringify(entries(doc))).not.toContain('hunter2secret');
    expect(renderDocument(doc)).not.toContain('hunter2secret');
  });

  test('an unlabelled alert that appears before another keeps the other one\'s name', () => {
    const form = (banner: string) => `<form aria-label="Sign up">${banner}<label for="e">Email</label><input id="e">
      <span role="alert">Email is required</span><button>Create</button></form>`;
    const before = build(form(''));
    const after = build(form('<div role="alert">Please fix the errors below</div>'));
    const fieldError = (doc: ReturnType<typeof build>) => entries(doc).find((e) => e.description === 'Email is required')!.name;
    expect(fieldError(after)).toBe(fieldError(before));
  });
});

describe('review: the cap on empty messages', () => {
  test('a toast that clears takes no other empty region\'s place (its name would go from the document)', () => {
    const page = (toast: string) => `<main><h2>Tools</h2><div id="toast" role="status">${toast}</div>
      ${['a', 'b', 'c', 'd'].map((id) => `<p id="note-${id}" aria-live="polite"></p>`).join('')}</main>`;
    const shown = names(build(page('Saved')));
    const cleared = names(build(page('')));
    expect(shown).toContain('tools__note_d');
    expect(cleared).toContain('tools__note_d');
  });
});
