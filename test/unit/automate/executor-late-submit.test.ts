// @vitest-environment happy-dom
import { beforeAll, describe, expect, test } from 'vitest';
import { act } from '../../../extension/content/executor/index.ts';
import type { ActRequest } from '../../../extension/protocol/schemas.ts';

/** The executor's `held` action on its own page (the guard installs once per file: each test file gets a fresh one). */
const byId = (value: string) => ({ locators: [{ by: 'id' as const, value }] });
const run = (request: Omit<ActRequest, 'args'> & { args?: ActRequest['args'] }) => act(document, { settleMs: 30, args: [], ...request });
interface Outcome { ok?: { value?: unknown; changed?: boolean }; err?: string; data?: { needsConfirmation?: boolean; fingerprint?: string; reason?: string; state?: string } }
const outcome = (p: Promise<unknown>): Promise<Outcome> =>
  p.then((ok) => ({ ok: ok as Outcome['ok'] }), (error: { name?: string; data?: Outcome['data'] }) => ({ err: error.name, data: error.data }));

const sent: string[] = [];
beforeAll(async () => {
  // Stands in for the browser's own submit (a navigation happy-dom does not make); the guard wraps whatever is there.
  HTMLFormElement.prototype.submit = function submit(this: HTMLFormElement) { sent.push(this.id); };
  await import('../../../extension/content/submit-guard/page-world.ts');
});

describe('a form the page sends by itself after an action (`held`, session 20)', () => {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  test('the end of a run that does not wait leaves the watch running: a submission 200 ms after the last click is still held, and said at the next action', async () => {
    sent.length = 0;
    document.body.innerHTML = '<button type="button" id="go">Save</button>';
    document.getElementById('go')!.addEventListener('click', () => setTimeout(() => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = '/pay';
      form.id = 'pay';
      document.body.append(form);
      form.submit();
    }, 200));
    expect((await outcome(run({ action: 'click', target: byId('go') }))).err).toBeUndefined();
    // The run ends: the bridge asks with `held` (no form on the page yet, the last action a click: no wait).
    expect((await outcome(run({ action: 'held' }))).ok).toMatchObject({ value: null, changed: false });
    await pause(400);
    expect(sent).toEqual([]);
    const next = await outcome(run({ action: 'text', target: byId('go') }));
    expect([next.err, (next.data as { state?: string } | undefined)?.state]).toEqual(['ActionError', 'late-submit']);
    expect(sent).toEqual([]);
  });

  test('after a changed value on a page with a POST form, `held` waits out the watch, asks, and the confirmed `held` sends it once', async () => {
    sent.length = 0;
    document.body.innerHTML = `<form id="settings" method="post" action="/save" aria-label="Settings">
      <select id="plan" name="plan"><option>Free</option><option>Pro</option></select></form>`;
    const form = document.getElementById('settings') as HTMLFormElement;
    document.getElementById('plan')!.addEventListener('change', () => setTimeout(() => form.submit(), 150));
    expect((await outcome(run({ action: 'select', target: byId('plan'), args: ['Pro'] }))).err).toBeUndefined();
    const asked = await outcome(run({ action: 'held' }));
    expect([asked.err, asked.data?.needsConfirmation, sent]).toEqual(['ActionError', true, []]);
    expect(asked.data?.reason).toMatch(/^sends \/save: the page tried to by itself a moment after .* changed/);
    // A wrong fingerprint is asked about again; the right one sends the form as the page meant to, once.
    expect((await outcome(run({ action: 'held', confirmed: true, fingerprint: 'another element' }))).data?.needsConfirmation).toBe(true);
    expect((await outcome(run({ action: 'held', confirmed: true, fingerprint: asked.data!.fingerprint! }))).err).toBeUndefined();
    expect(sent).toEqual(['settings']);
    expect((await outcome(run({ action: 'held' }))).ok).toMatchObject({ value: null });
    expect(sent).toEqual(['settings']);
  });
});
