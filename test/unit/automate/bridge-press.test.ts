import { describe, expect, test } from 'vitest';
import { PageBridge, type ConfirmRequest, type PageBridgeDeps } from '../../../extension/features/automate/page-bridge.ts';
import { ActionError, ContentScriptError } from '../../../extension/protocol/errors.ts';
import type { ActRequest, PageDocument } from '../../../extension/protocol/schemas.ts';

const doc: PageDocument = {
  url: 'https://shop.example/', title: 'Shop', truncated: false, tokens: 10,
  stats: { nodes: 1, elements: 1, lists: 0, ms: 1 },
  sections: [{ name: 'login', kind: 'form', title: 'Sign in', entries: [
    { name: 'login__user', kind: 'text_input', description: 'User', locators: [{ by: 'id', value: 'user' }] },
  ] }],
} as PageDocument;

/** `press` through the page bridge: an action like a click, confirmed the same way, and one that may navigate. */
function bridge(act: (request: ActRequest, sent: ActRequest[]) => void) {
  const sent: ActRequest[] = [];
  const confirms: ConfirmRequest[] = [];
  let reads = 0;
  const deps: PageBridgeDeps = {
    readDocument: async () => {
      reads++;
      return doc;
    },
    confirm: async (request) => {
      confirms.push(request);
      return true;
    },
    ask: async () => '',
    say: () => undefined,
    act: async (request) => {
      sent.push(structuredClone(request));
      act(request, sent);
      return { changed: false, navigated: false, url: doc.url };
    },
  };
  return { bridge: new PageBridge(deps, doc), sent, confirms, reads: () => reads };
}

describe('press through the page bridge', () => {
  test('goes to the executor as a press of that key; what the executor holds is confirmed with its live label and sent with its fingerprint', async () => {
    const b = bridge((request) => {
      if (!request.confirmed) throw new ActionError('needs confirmation', { needsConfirmation: true, reason: 'submits a form: Enter clicks this button', label: 'Sign in', fingerprint: 'fp:sign-in' });
    });
    await b.bridge.call({ call: 'press', target: { name: 'login__user' }, args: ['Enter'] });
    expect(b.sent[0]).toMatchObject({ action: 'press', args: ['Enter'], target: { locators: [{ by: 'id', value: 'user' }] } });
    expect(b.sent[0]!.mustConfirm).toBeUndefined();
    expect(b.confirms).toMatchObject([{ action: 'press', label: 'Sign in', reason: 'submits a form: Enter clicks this button', target: '$login__user' }]);
    expect(b.sent[1]).toMatchObject({ action: 'press', confirmed: true, fingerprint: 'fp:sign-in' });
    expect(b.bridge.stats.actions).toBe(1);
  });

  test('Enter whose page went away while answering (a search sent) counts as a navigation: the page is read again', async () => {
    const b = bridge(() => {
      throw new ContentScriptError('the page went away');
    });
    const before = b.reads();
    await b.bridge.call({ call: 'press', target: { name: 'login__user' }, args: ['Enter'] });
    expect(b.reads()).toBeGreaterThan(before);
  });
});
