// @vitest-environment happy-dom
/**
 * Controls that show only an icon are named by their tooltip or their icon, not `button`, `button_2` (explorer, session
 * 43: a Lucide pencil with a hidden tooltip, Bootstrap's `bi-trash`, Vuetify's `mdi-delete`).
 */
import { expect, test } from 'vitest';
import { build, names } from './helpers.ts';

test('an icon button is named by the tooltip it points to, else by its icon font\'s class', () => {
  const doc = build(`<main><h1>Editor</h1><div class="toolbar">
    <button type="button" aria-describedby="tip-1"><svg class="lucide lucide-pencil" width="16" height="16"></svg></button><div role="tooltip" id="tip-1" hidden>Edit note</div>
    <button type="button" class="btn btn-sm"><i class="bi bi-trash"></i></button>
    <button type="button" class="v-btn"><i class="mdi mdi-content-copy v-icon"></i></button></div></main>`);
  expect(names(doc)).toEqual(['editor__edit_note_button', 'editor__trash_button', 'editor__content_copy_button']);
});
