import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { ElementEntry, PageDocument } from '../../extension/protocol/schemas.ts';
import { startExecutorRig, type ExecutorRig } from './executor-rig.ts';

/**
 * Explorer, session 41 (test/fixtures/apps/widgets/more.html): a div button that sends its form with requestSubmit(),
 * a masked phone typed again, boxes the page refuses or shows half-ticked, a number field's and a page-drawn slider's
 * values, tabs / disclosures / in-page links whose words sound irreversible, Escape in a modal dialog and a popover.
 */

let rig: ExecutorRig | undefined;
let page: Page;
const act = (...args: Parameters<ExecutorRig['act']>) => rig!.act(...args);

beforeAll(async () => {
  rig = await startExecutorRig('widgets/more.html');
  ({ page } = rig);
}, 120_000);
afterAll(async () => {
  await rig?.close();
});
beforeEach(async () => {
  await page.goto(rig!.pages.url('/apps/widgets/more.html'));
});

describe('more widgets', () => {
  test('a div button whose handler calls requestSubmit(): a form the browser refuses is said so', async () => {
    expect((await act('join-email', 'type', ['bad'])).ok).toBe(true);
    const refused = await act('join-go', 'click');
    expect(refused.error?.data, JSON.stringify(refused)).toMatchObject({ state: 'invalid-form', fields: [{ label: 'Email' }] });
    expect(await page.locator('#out').textContent()).toBe('');
    expect((await act('join-email', 'type', ['ana@example.com'])).ok).toBe(true);
    // Valid now: the submission its handler sets off is held for the user's confirmation, as any such one is.
    const asked = await act('join-go', 'click');
    expect(asked.error?.data, JSON.stringify(asked)).toMatchObject({ needsConfirmation: true });
    const sent = await act('join-go', 'click', [], { confirmed: true, fingerprint: asked.error!.data!.fingerprint });
    expect(sent, JSON.stringify(sent)).toMatchObject({ ok: true });
    expect(await page.locator('#out').textContent()).toBe('sent');
  });

  test('a field the page marks invalid says so in the document, with the page\'s words', async () => {
    await page.focus('#nick');
    await page.focus('#phone');
    const read = await rig!.read();
    const nick = (read.payload as PageDocument).sections.flatMap((section) => section.entries).find((entry) => entry.description === 'Nickname') as ElementEntry;
    expect(nick.state).toMatchObject({ invalid: true, error: 'Choose a nickname' });
  });

  test('a masked phone number typed again over itself is typed, not refused', async () => {
    expect(await act('phone', 'type', ['5551234567'])).toMatchObject({ ok: true, payload: { value: '(555) 123-4567' } });
    const again = await act('phone', 'type', ['5551234567']);
    expect(again, JSON.stringify(again)).toMatchObject({ ok: true, payload: { value: '(555) 123-4567' } });
  });

  test('a box the page does not let change is an error that says so, with what the page says', async () => {
    const locked = await act('locked', 'check');
    expect(locked.error?.data, JSON.stringify(locked)).toMatchObject({ state: 'not-checked' });
    expect(locked.error?.message).toMatch(/is still unchecked: the page did not take the change/);
    const limited = await act('email-alerts', 'check');
    expect(limited.error?.message, JSON.stringify(limited)).toMatch(/still unchecked.*"Pick at most 1"/);
    expect((await act('sms-alerts', 'uncheck')).ok).toBe(true);
    expect((await act('email-alerts', 'check')).ok).toBe(true);
  });

  test('a half-ticked box reads "mixed"; uncheck() leaves it unticked, check() ticked', async () => {
    expect(await act('all', 'value')).toMatchObject({ ok: true, payload: { value: 'mixed' } });
    expect((await act('all', 'uncheck')).ok).toBe(true);
    expect(await page.evaluate(() => { const box = document.getElementById('all') as HTMLInputElement; return [box.checked, box.indeterminate]; })).toEqual([false, false]);
    await page.evaluate(() => { (document.getElementById('all') as HTMLInputElement).indeterminate = true; });
    expect((await act('all', 'check')).ok).toBe(true);
    expect(await page.evaluate(() => { const box = document.getElementById('all') as HTMLInputElement; return [box.checked, box.indeterminate]; })).toEqual([true, false]);
  });

  test('a number field steps with the arrow keys, within its max; a page-drawn slider reads its value', async () => {
    for (let i = 0; i < 5; i++) expect((await act('qty', 'press', ['ArrowUp'])).ok).toBe(true);
    expect(await page.locator('#qty').inputValue()).toBe('5');
    expect(await act('vol', 'value')).toMatchObject({ ok: true, payload: { value: '3' } });
  });

  test('a tab, a disclosure, an in-page link and a summary are not asked about for their words', async () => {
    for (const id of ['tab-rent', 'tab-buy', 'del-options', 'pay-history', 'cancel-help']) {
      const clicked = await act(id, 'click');
      expect(clicked, `${id}: ${JSON.stringify(clicked)}`).toMatchObject({ ok: true });
    }
    expect(await page.locator('#del-panel').isVisible()).toBe(true);
    expect(page.url()).toMatch(/#payments$/);
  });

  test('Escape in a modal dialog closes it (a cancel the page may stop); in a popover, hides it', async () => {
    await page.evaluate(() => (document.getElementById('dlg') as HTMLDialogElement).showModal());
    expect((await act('pname', 'press', ['Escape'])).ok).toBe(true);
    expect(await page.evaluate(() => (document.getElementById('dlg') as HTMLDialogElement).open)).toBe(false);
    await page.evaluate(() => {
      const dialog = document.getElementById('dlg') as HTMLDialogElement;
      dialog.addEventListener('cancel', (event) => event.preventDefault(), { once: true });
      dialog.showModal();
    });
    expect((await act('pname', 'press', ['Escape'])).ok).toBe(true);
    expect(await page.evaluate(() => (document.getElementById('dlg') as HTMLDialogElement).open)).toBe(true);
    await page.evaluate(() => (document.getElementById('dlg') as HTMLDialogElement).close());
    await page.evaluate(() => document.getElementById('pp')!.showPopover());
    expect((await act('pq', 'press', ['Escape'])).ok).toBe(true);
    expect(await page.evaluate(() => document.getElementById('pp')!.matches(':popover-open'))).toBe(false);
  });

  test('a field Bootstrap marks invalid by its class reads invalid, with the feedback it shows (explorer, session 42)', async () => {
    type Entry = { name: string; state?: { invalid?: boolean; error?: string }; locators: { by: string; value?: string }[] };
    const doc = (await rig!.read()).payload as unknown as { sections: { entries: Entry[] }[] };
    const town = doc.sections.flatMap((s) => s.entries).find((e) => e.locators.some((l) => l.by === 'id' && l.value === 'town'));
    expect(town).toMatchObject({ state: { invalid: true, error: 'Please provide a valid town.' } });
  });

  test('a box inside a closed disclosure: not there to read until opened; check() opens it by its summary first', async () => {
    expect(await act('beta', 'exists')).toMatchObject({ ok: true, payload: { value: false } });
    await page.evaluate(() => document.getElementById('advanced')!.addEventListener('toggle', () => { (window as unknown as { toggled: number }).toggled = 1; }));
    expect((await act('beta', 'check')).ok).toBe(true);
    expect(await page.evaluate(() => [(document.getElementById('beta') as HTMLInputElement).checked, (document.getElementById('advanced') as HTMLDetailsElement).open]))
      .toEqual([true, true]);
    await expect.poll(() => page.evaluate(() => (window as unknown as { toggled?: number }).toggled)).toBe(1);
    expect(await act('beta', 'exists')).toMatchObject({ ok: true, payload: { value: true } });
    // One the page keeps closed is not forced open; one that opens a moment later is waited for.
    const locked = await act('locked-box', 'check');
    expect(locked.error, JSON.stringify(locked)).toMatchObject({ name: 'ActionError', data: { state: 'hidden' } });
    expect(locked.error?.message).toMatch(/closed section "Locked" that did not open/);
    expect(await page.evaluate(() => [(document.getElementById('locked-box') as HTMLInputElement).checked, (document.getElementById('kept-shut') as HTMLDetailsElement).open])).toEqual([false, false]);
    expect((await act('slow-box', 'check')).ok).toBe(true);
    expect(await page.evaluate(() => (document.getElementById('slow-box') as HTMLInputElement).checked)).toBe(true);
  });
});
