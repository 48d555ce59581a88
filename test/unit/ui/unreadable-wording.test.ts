import { expect, test } from 'vitest';
import { errorDetail, errorHeadline, plainBrowserWording } from '../../../extension/ui/error-text.ts';
import { unreadableHint } from '../../../extension/ui/unreadable-hint.ts';
import { ContentScriptError, PDF_REFUSAL } from '../../../extension/protocol/errors.ts';

// Exploratory test, session 22: a PDF or chrome:// tab read "The page did not answer: cannot read this page: …",
// about:blank showed Chrome's "Extension manifest must request permission…", a closed tab "No tab with id: N".
test('a page that cannot be read is said to be one, once, in plain words', () => {
  const shown = (message: string) => {
    const error = new ContentScriptError(message);
    return `${errorHeadline(error.name)}: ${errorDetail({ name: error.name, message: error.message })}`;
  };
  expect(errorHeadline('ContentScriptError')).toBe('This page cannot be read');
  expect(shown(PDF_REFUSAL)).toBe('This page cannot be read: it is a PDF, which Chrome\'s own viewer shows; its text and links are not part of the page');
  expect(shown('cannot read this page: Cannot access a chrome:// URL')).toBe('This page cannot be read: Cannot access a chrome:// URL');
  expect(shown('cannot read this page: Extension manifest must request permission to access the respective host.'))
    .toBe('This page cannot be read: Pocket SLM has no access to this page');
  expect(shown('cannot read this page: Cannot access contents of url "about:blank". Extension manifest must request permission to access this host.'))
    .toBe('This page cannot be read: Pocket SLM has no access to "about:blank"');
  expect(shown('cannot read this page: No tab with id: 1734.')).toBe('This page cannot be read: the tab is closed');
  // The other kind keeps saying what happened.
  expect(shown('the page did not answer: No tab with id: 9.')).toBe('This page cannot be read: the page did not answer: the tab is closed');
  expect(plainBrowserWording('No tab with id: 12.')).toBe('the tab is closed');
  expect(plainBrowserWording('something else: entirely')).toBe('something else: entirely');
});

test('a tab Chrome hides from us (about:blank, a page not granted) gets advice, not the default', () => {
  const hint = unreadableHint(new ContentScriptError('cannot read this page: Extension manifest must request permission to access the respective host.'));
  expect(hint).toMatch(/blank tab \(about:blank\)/);
  expect(hint).toMatch(/toolbar icon/);
  expect(unreadableHint(new ContentScriptError('cannot read this page: No tab with id: 5.'))).toMatch(/tab this panel worked on is closed/);
});
