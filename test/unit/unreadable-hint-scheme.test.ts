import { expect, test } from 'vitest';
import { unreadableHint } from '../../extension/ui/unreadable-hint.ts';
import { ContentScriptError } from '../../extension/protocol/errors.ts';

// Exploratory test, session 23: a file:// or data: page, opened in the panel from its right-click menu, was told it
// could be read "once you … use its right-click menu": Chrome hides such a tab's address, so the error never says which
// kind of page it is. The menu click does (the intent's `pageScheme`).
const hidden = new ContentScriptError('cannot read this page: Extension manifest must request permission to access the respective host.');

test('a page Chrome hides from us, opened from its right-click menu: the hint fits the kind of page clicked on', () => {
  expect(unreadableHint(hidden, 'file')).toMatch(/^A local file can be read once "Allow access to file URLs" is on/);
  for (const scheme of ['data', 'about', 'view-source', 'blob']) {
    expect(unreadableHint(hidden, scheme), scheme).toMatch(/^This kind of page \(about:, data:, a page's source\) cannot be read/);
  }
  // A web page the grant no longer covers: the usual advice.
  expect(unreadableHint(hidden, 'https')).toMatch(/toolbar icon/);
  // What the error says itself comes first: a closed tab is a closed tab whatever the menu was used on.
  expect(unreadableHint(new ContentScriptError('cannot read this page: No tab with id: 5.'), 'file')).toMatch(/tab this panel worked on is closed/);
});

test('without the menu click, the advice names what a click does not grant instead of only telling to click', () => {
  const hint = unreadableHint(hidden);
  expect(hint).toMatch(/toolbar icon/);
  expect(hint).toMatch(/blank tab \(about:blank\)/);
  expect(hint).toMatch(/"Allow access to file URLs"/);
  expect(hint).toMatch(/data: page/);
});
