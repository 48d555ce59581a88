import { expect, test } from 'vitest';
import { unreadableHint } from '../../../extension/ui/unreadable-hint.ts';
import { ContentScriptError, PDF_REFUSAL } from '../../../extension/protocol/errors.ts';

test('a page that cannot be read gets advice that fits it (session 16: chrome:// pages were told to click the toolbar icon)', () => {
  const hint = (message: string) => unreadableHint(new ContentScriptError(`cannot read this page: ${message}`));
  expect(hint('Cannot access a chrome:// URL')).toMatch(/no extension read its own pages/);
  expect(hint('Cannot access a chrome-extension:// URL of different extension')).toMatch(/no extension read its own pages/);
  expect(hint('The extensions gallery cannot be scripted.')).toMatch(/no extension read its own pages/);
  expect(hint('Cannot access contents of url "about:blank". Extension manifest must request permission to access this host.')).toMatch(/about:, data:,/);
  expect(hint('Cannot access contents of url "data:text/html,<p>x". Extension manifest must request permission to access this host.')).toMatch(/about:, data:/);
  expect(hint('Cannot access contents of url "https://example.com/". Extension manifest must request permission to access this host.')).toMatch(/toolbar icon/);
  expect(hint('Cannot access contents of url "file:///home/me/a.html". Extension manifest must request permission to access this host.')).toMatch(/Allow access to file URLs/);
  // A site whose address says "webstore" is an ordinary site.
  expect(hint('Cannot access contents of url "https://webstore.example.edu/". Extension manifest must request permission to access this host.')).toMatch(/toolbar icon/);
  // The bound tab is gone (exploratory test, session 18: it was told to click the toolbar icon).
  expect(hint('No tab with id: 72134072.')).toMatch(/tab this panel worked on is closed/);
  // A PDF (exploratory test, session 21: read as a page of 3 elements, then told to click the toolbar icon).
  expect(unreadableHint(new ContentScriptError(PDF_REFUSAL))).toMatch(/PDF in its own viewer/);
  // A serialized error (as the wire carries it) reads the same.
  expect(unreadableHint({ name: 'ContentScriptError', message: 'Cannot access a chrome:// URL' })).toMatch(/own pages/);
});
