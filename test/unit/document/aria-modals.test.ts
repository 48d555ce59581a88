// @vitest-environment happy-dom
/**
 * Modals the page draws itself (`role=dialog aria-modal=true`: Bootstrap, Radix, MUI) leave the page behind out, as a
 * `showModal()` dialog does, and a dialog says what it asks about (explorer, session 44: the page's "Delete" buttons
 * came before the dialog's, and the dialog's text was nowhere).
 */
import { expect, test } from 'vitest';
import { build, names } from './helpers.ts';
import { renderDocument } from '../../../extension/content/document/render.ts';

const page = (dialog: string) => `<main><h1>Projects</h1><ul><li>Website redesign <button>Delete</button></li><li>Mobile app <button>Delete</button></li></ul>
  <button>New project</button></main>${dialog}`;
const modal = (attrs = '', body = '<p>“Website redesign” and its 14 tasks will be permanently deleted.</p>') => `<div class="modal show" role="dialog" aria-modal="true" aria-labelledby="t" ${attrs}>
  <h5 id="t">Delete project?</h5><button aria-label="Close"></button>${body}<button>Cancel</button><button>Delete</button></div>`;

test('an open ARIA modal: only its controls, a note, and what it says', () => {
  const doc = build(page(modal()));
  expect(names(doc)).toEqual(['delete_project__close_button', 'delete_project__cancel_button', 'delete_project__delete_button']);
  expect(doc.sections[0]).toMatchObject({ kind: 'dialog', says: '“Website redesign” and its 14 tasks will be permanently deleted.' });
  const text = renderDocument(doc);
  expect(text).toContain('a modal dialog is open');
  expect(text).toContain('# delete_project (dialog says "“Website redesign” and its 14 tasks will be permanently deleted.")');
});

test('a closed or non-modal dialog leaves the page as it is', () => {
  for (const dialog of [modal('hidden'), modal('style="display: none"'), modal('aria-hidden="true"'), modal().replace('aria-modal="true"', 'aria-modal="false"'),
    modal().replace('role="dialog"', 'role="region"')]) {
    const doc = build(page(dialog));
    expect(names(doc)).toContain('projects__new_project_button');
    expect(renderDocument(doc)).not.toContain('a modal dialog is open');
  }
});

test('a dialog says its aria-describedby text first; paragraphs holding fields are not what it says', () => {
  const described = build(page(modal('aria-describedby="d"', '<p>Other words.</p><div id="d">This cannot be undone.</div>')));
  expect(described.sections[0]!.says).toBe('This cannot be undone.');
  const form = build(page(modal('', '<p><label>Name <input></label></p>')));
  expect(form.sections[0]!.says).toBeUndefined();
});

// Review, session 44: a description holding the dialog's fields, a field's hint, were what it "said".
test('a dialog says no field label, hint or error', () => {
  const form = build(page(modal('aria-describedby="b"', `<div id="b"><label>Email <input></label><p class="form-text">We'll send them a link.</p></div>
    <p>Invite someone to this project.</p>`)));
  expect(form.sections[0]!.says).toBe('Invite someone to this project.');
});
