// @vitest-environment happy-dom
/**
 * A toaster (a live region around toasts: Sonner, react-hot-toast) is no message itself: each toast is one, so an error
 * toast is not cut off behind a success one (explorer, session 44). The toaster's key hint ("alt+T") names nothing.
 */
import { expect, test } from 'vitest';
import { build } from './helpers.ts';

const toast = (type: string, title: string, body: string, action: string) => `<li role="status" aria-live="polite" aria-atomic="true" data-type="${type}">
  <div data-title="">${title}</div><div data-description="">${body}</div><button>${action}</button></li>`;

test('two toasts are two messages in a section named without the key hint', () => {
  const doc = build(`<main><h1>Files</h1><button>New folder</button></main><section aria-label="Notifications alt+T" aria-live="polite">
    <ol data-sonner-toaster="true">${toast('success', 'Folder created', 'Invoices was added.', 'Open')}${toast('error', 'Upload failed', 'report.pdf is larger than 25 MB.', 'Retry')}</ol></section>`);
  const messages = doc.sections.flatMap((s) => s.entries).filter((e) => e.kind === 'message');
  expect(messages.map((m) => m.name)).toEqual(['notifications__status', 'notifications__status_2']);
  expect(messages[1]!.kind === 'message' && messages[1]!.description).toMatch(/^Upload failed report\.pdf is larger than 25 MB\./);
});

test('a live region with one toast, or none, is one message as before', () => {
  const doc = build(`<main><h1>Files</h1><div role="status" aria-live="polite"><p>Saved.</p></div></main>`);
  expect(doc.sections.flatMap((s) => s.entries).filter((e) => e.kind === 'message')).toHaveLength(1);
});
