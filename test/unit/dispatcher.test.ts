import { describe, expect, test, vi } from 'vitest';
import { createDispatcher } from '../../extension/protocol/dispatcher.ts';
import { requestVia } from '../../extension/protocol/client.ts';
import { ContentScriptError, UnknownKindError, ValidationError } from '../../extension/protocol/errors.ts';
import { classifySender } from '../../extension/protocol/senders.ts';

const self = { id: 'ourextensionid', origin: 'chrome-extension://ourextensionid' };
const extensionPage = { id: self.id, origin: self.origin };
const contentScript = { id: self.id, origin: 'https://mail.example', tab: { id: 4 }, frameId: 0 };

const stats = { url: 'https://mail.example/', title: 'Inbox', elementCount: 42 };
function backgroundDispatcher() {
  return createDispatcher('background', () => self, {
    ping: (_p, { sender }) => ({ tier: sender.tier }),
    'page.stats': vi.fn(async ({ tabId }: { tabId: number }) => {
      if (tabId === 99) throw new ContentScriptError('cannot read tab 99');
      return stats;
    }),
    'panel.intent': () => ({ intent: { feature: 'math', text: 'bad', createdAt: 'yesterday' } }) as never,
  });
}

describe('classifySender', () => {
  test.each([
    [{ id: self.id, origin: self.origin }, 'extension'],
    [{ id: self.id, origin: self.origin, tab: { id: 3 }, frameId: 0 }, 'extension'], // popup opened as a tab
    [{ id: self.id }, 'extension'], // service worker: no tab, no origin
    [contentScript, 'content'],
  ])('%o → %s', (sender, tier) => {
    expect(classifySender(sender, self).tier).toBe(tier);
  });

  test.each([
    [{ id: 'otherextension', origin: self.origin }],
    [{ origin: 'https://evil.example' }],
    [{ id: self.id, origin: 'https://evil.example' }], // no tab, foreign origin
    [{ id: self.id, origin: 'https://mail.example', tab: {}, frameId: 0 }],
    [{ id: self.id, origin: 'https://mail.example', tab: { id: 4 } }], // no frame
  ])('%o is rejected', (sender) => {
    expect(() => classifySender(sender, self)).toThrow(/./);
  });

  test('the content tier carries tab and frame', () => {
    expect(classifySender({ ...contentScript, frameId: 2 }, self)).toEqual(
      { tier: 'content', tabId: 4, frameId: 2, origin: 'https://mail.example' });
  });
});

describe('dispatcher', () => {
  test('a valid request reaches its handler and the response is validated', async () => {
    const { dispatch } = backgroundDispatcher();
    expect(await dispatch({ kind: 'page.stats', id: 'a1', payload: { tabId: 4 } }, extensionPage))
      .toEqual({ id: 'a1', ok: true, payload: stats });
  });

  test.each([
    ['not an object', 'hello', 'ValidationError'],
    ['missing id', { kind: 'ping', payload: {} }, 'ValidationError'],
    ['extra envelope key', { kind: 'ping', id: 'x', payload: {}, admin: true }, 'ValidationError'],
    ['unknown kind', { kind: 'admin.shell', id: 'x', payload: {} }, 'UnknownKindError'],
    ['wrong payload type', { kind: 'page.stats', id: 'x', payload: { tabId: '4' } }, 'ValidationError'],
    ['negative tab', { kind: 'page.stats', id: 'x', payload: { tabId: -1 } }, 'ValidationError'],
    ['extra payload key', { kind: 'page.stats', id: 'x', payload: { tabId: 1, __proto__x: 1 } }, 'ValidationError'],
    ['__proto__ key', JSON.parse('{"kind":"page.stats","id":"x","payload":{"tabId":1,"__proto__":{"a":1}}}'), 'ValidationError'],
    ['huge kind', { kind: 'k'.repeat(100_000), id: 'x', payload: {} }, 'ValidationError'],
    ['kind for the content script', { kind: 'content.page.stats', id: 'x', payload: {} }, 'UnknownKindError'],
  ])('%s → %s', async (_label, message, name) => {
    const reply = await backgroundDispatcher().dispatch(message, extensionPage);
    expect(reply).toMatchObject({ ok: false, error: { name } });
  });

  test('a content script may only use content-tier kinds', async () => {
    const { dispatch } = backgroundDispatcher();
    expect(await dispatch({ kind: 'ping', id: 'p', payload: {} }, contentScript))
      .toEqual({ id: 'p', ok: true, payload: { tier: 'content' } });
    expect(await dispatch({ kind: 'page.stats', id: 'p', payload: { tabId: 4 } }, contentScript))
      .toMatchObject({ ok: false, error: { name: 'UntrustedSenderError' } });
  });

  test('handler errors keep their class; a handler returning a bad shape is a ValidationError, not a bad reply', async () => {
    const { dispatch } = backgroundDispatcher();
    expect(await dispatch({ kind: 'page.stats', id: 'e', payload: { tabId: 99 } }, extensionPage))
      .toMatchObject({ ok: false, error: { name: 'ContentScriptError', message: 'cannot read tab 99' } });
    expect(await dispatch({ kind: 'panel.intent', id: 'e', payload: { tabId: 1 } }, extensionPage))
      .toMatchObject({ ok: false, error: { name: 'ValidationError' } });
  });

  test('host kinds are declined synchronously by the background and accepted by the host', () => {
    const background = backgroundDispatcher();
    const host = createDispatcher('host', () => self, {});
    const message = { kind: 'host.device.probe', id: 'h', payload: {} };
    expect(background.accepts(message)).toBe(false);
    expect(host.accepts(message)).toBe(true);
    expect(host.accepts({ kind: 'ping' })).toBe(false);
    expect(host.accepts('garbage')).toBe(false);
    expect(background.accepts('garbage')).toBe(true);
  });

  test('requestVia round-trips through a dispatcher and rethrows the named class', async () => {
    const { dispatch } = backgroundDispatcher();
    const send = (envelope: unknown) => dispatch(envelope, extensionPage);
    expect(await requestVia(send, 'page.stats', { tabId: 4 })).toEqual(stats);
    await expect(requestVia(send, 'page.stats', { tabId: 99 })).rejects.toBeInstanceOf(ContentScriptError);
    await expect(requestVia(send, 'page.stats', { tabId: 1.5 })).rejects.toBeInstanceOf(ValidationError);
    await expect(requestVia(async () => ({ id: 'x', ok: true, payload: { wrong: 1 } }), 'page.stats', { tabId: 1 }))
      .rejects.toBeInstanceOf(ValidationError);
    await expect(requestVia(async () => undefined, 'ping', {})).rejects.toThrow(/no receiver/);
    const unknown = createDispatcher('background', () => self, {});
    await expect(requestVia((e) => unknown.dispatch(e, extensionPage), 'ping', {})).rejects.toBeInstanceOf(UnknownKindError);
  });
});

test('a payload that fits none of a union\'s forms names the field that is wrong, not "Expected Object but received Object"', async () => {
  const { routes } = await import('../../extension/protocol/messages.ts');
  const { parseOrThrow } = await import('../../extension/protocol/dispatcher.ts');
  expect(() => parseOrThrow(routes['automate.respond'].request, { runId: 'x', confirm: { id: 1, ok: 'yes' } }, '"automate.respond" request'))
    .toThrow(/^invalid "automate\.respond" request: confirm\.ok: Invalid type: Expected boolean but received "yes"/);
  expect(() => parseOrThrow(routes['probes.start'].request, { config: { models: 'x' } }, 'probes.start')).toThrow(/: config\.models: Invalid type: Expected Array/);
  expect(() => parseOrThrow(routes['probes.start'].request, { config: { models: 'x' } }, 'probes.start')).not.toThrow(/received Object/);
});

test('a union under a key keeps that key in the path it names', async () => {
  const v = await import('valibot');
  const { parseOrThrow } = await import('../../extension/protocol/dispatcher.ts');
  const schema = v.strictObject({ reply: v.union([v.strictObject({ confirm: v.strictObject({ ok: v.boolean() }) }), v.strictObject({ answer: v.string() })]) });
  expect(() => parseOrThrow(schema, { reply: { confirm: { ok: 'yes' } } }, 'x')).toThrow(/^invalid x: reply\.confirm\.ok: Invalid type: Expected boolean/);
});
