import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startExecutorRig, type ExecutorRig } from './executor-rig.ts';

/**
 * Fields whose value is set whole, as their own picker sets it (test/fixtures/apps/widgets/values.html): a date, a
 * time, a month, a week, a date and time, a colour, a slider. type() gives them the value at once (keys one by one
 * make no date); a value in another format is refused with the format the field reads, the field keeping its value.
 * A slider takes a number in its range, rounded to its step, and steps with the arrow keys.
 */

let rig: ExecutorRig | undefined;
let page: Page;
const act = (...args: Parameters<ExecutorRig['act']>) => rig!.act(...args);
const valueOf = (id: string) => page.locator(`#${id}`).inputValue();
const log = async () => (await page.locator('#log').textContent())?.trim();

beforeAll(async () => {
  rig = await startExecutorRig('widgets/values.html');
  ({ page } = rig);
}, 120_000);
afterAll(async () => {
  await rig?.close();
});
beforeEach(async () => {
  await page.goto(rig!.pages.url('/apps/widgets/values.html'));
});

describe('fields set whole', () => {
  test('dates and times take their value at once; the page hears one change each', async () => {
    expect(await act('day', 'type', ['2026-12-25'])).toMatchObject({ ok: true, payload: { value: null } });
    expect(await act('time', 'type', ['9:30'])).toMatchObject({ ok: true, payload: { value: '09:30' } });
    expect((await act('month', 'type', ['2026-12'])).ok).toBe(true);
    expect(await act('week', 'type', ['2026-w3'])).toMatchObject({ ok: true, payload: { value: '2026-W03' } });
    expect(await act('arrival', 'type', ['2026-12-25 19:00'])).toMatchObject({ ok: true, payload: { value: '2026-12-25T19:00' } });
    expect([await valueOf('day'), await valueOf('time'), await valueOf('month'), await valueOf('week'), await valueOf('arrival')])
      .toEqual(['2026-12-25', '09:30', '2026-12', '2026-W03', '2026-12-25T19:00']);
    expect(await log()).toBe('day=2026-12-25 time=09:30 month=2026-12 week=2026-W03 arrival=2026-12-25T19:00');
  });

  test('a date in another format is refused with the format the field reads; the field keeps its value', async () => {
    expect((await act('day', 'type', ['2026-3-7'])).ok).toBe(true);
    const refused = await act('day', 'type', ['12/25/2026']);
    expect(refused.error?.name).toBe('ActionError');
    expect(refused.error?.data).toMatchObject({ state: 'not-typed', format: 'YYYY-MM-DD' });
    expect(refused.error?.message).toMatch(/takes a date written YYYY-MM-DD \(as "2026-12-25"\), not "12\/25\/2026"; it still holds "2026-03-07"/);
    expect(await valueOf('day')).toBe('2026-03-07');
  });

  test('a date that does not exist, or past the field\'s range, is refused as such', async () => {
    const none = await act('day', 'type', ['2026-02-30']);
    expect(none.error?.message).toMatch(/takes a date: "2026-02-30" is no date that exists; it still holds ""/);
    const late = await act('day', 'type', ['2030-01-01']);
    expect(late.error?.message).toMatch(/takes a date from 2026-01-01 to 2027-12-31: "2030-01-01" is out of its range/);
    expect(await valueOf('day')).toBe('');
  });

  test('a card\'s expiry month is typed only with a value the user gave, and no error shows what it holds', async () => {
    expect((await act('exp', 'type', ['2028-01'])).error?.data).toMatchObject({ sensitive: true });
    const refused = await act('exp', 'type', ['01/28'], { userSupplied: true });
    expect(refused.error?.data).toMatchObject({ format: 'YYYY-MM' });
    expect(refused.error?.message).not.toMatch(/2027|01\/28/);
    expect(await act('exp', 'type', ['2028-1'], { userSupplied: true })).toMatchObject({ ok: true, payload: { value: null } });
    expect(await valueOf('exp')).toBe('2028-01');
    // A secret's hole goes only into a password, card or code input (secret-guard.ts): a colour field is none.
    expect((await act('colour', 'type', ['#123456'], { userSupplied: true, secretInput: true })).error?.data).toMatchObject({ secretInput: false });
  });

  test('a number field takes digits; text that is no number to it says what it takes', async () => {
    expect(await act('budget', 'type', ['12.5'])).toMatchObject({ ok: true, payload: { value: null } });
    const refused = await act('budget', 'type', ['1,000']);
    expect(refused.error?.message).toMatch(/did not take the typed text.*\(a number field takes digits with a point for decimals, as "1000" or "12.5", not "1,000"\)/);
  });

  test('a number past the field\'s min or max is said at once, not when the form is sent (explorer, session 41)', async () => {
    const over = await act('age', 'type', ['150']);
    expect(over.error, JSON.stringify(over)).toMatchObject({ name: 'ActionError', data: { state: 'out-of-range', min: '18', max: '120' } });
    expect(over.error?.message).toMatch(/takes a number from 18 to 120: "150" is out of its range/);
    expect((await act('age', 'type', ['12'])).error?.data).toMatchObject({ state: 'out-of-range' });
    expect(await act('age', 'type', ['36'])).toMatchObject({ ok: true });
    expect(await valueOf('age')).toBe('36');
    // A value the user gave is not repeated.
    expect((await act('age', 'type', ['999'], { userSupplied: true })).error?.message).not.toMatch(/999/);
    // A form that does its own checks (`novalidate`) is the page's to judge: typed, no error.
    expect(await act('rating', 'type', ['7'])).toMatchObject({ ok: true });
  });

  test('a colour takes #rrggbb (or #rgb); a colour name is refused', async () => {
    expect(await act('colour', 'type', ['#F60'])).toMatchObject({ ok: true, payload: { value: '#ff6600' } });
    expect(await valueOf('colour')).toBe('#ff6600');
    const refused = await act('colour', 'type', ['red']);
    expect(refused.error?.data).toMatchObject({ format: '#rrggbb' });
    expect(await valueOf('colour')).toBe('#ff6600');
  });

  test('a slider takes a number in its range, rounded to its step; out of range it is refused; arrows step it', async () => {
    expect(await act('guests', 'type', ['35'])).toMatchObject({ ok: true, payload: { value: null } });
    expect(await act('guests', 'type', ['33'])).toMatchObject({ ok: true, payload: { value: '35' } });
    const refused = await act('guests', 'type', ['80']);
    expect(refused.error?.message).toMatch(/slider from 0 to 50: "80" is out of its range; it still holds "35"/);
    expect((await act('guests', 'press', ['ArrowUp'])).ok).toBe(true);
    expect(await valueOf('guests')).toBe('40');
    expect((await act('guests', 'press', ['ArrowDown'])).ok).toBe(true);
    expect((await act('guests', 'press', ['ArrowDown'])).ok).toBe(true);
    expect(await valueOf('guests')).toBe('30');
    expect(await log()).toBe('guests=35 guests=40 guests=35 guests=30');
  });

  test('a slider whose maximum is below its minimum takes its minimum; one with step="any" moves a hundredth of its range', async () => {
    expect((await act('back', 'type', ['10'])).ok).toBe(true);
    expect((await act('back', 'type', ['5'])).error?.message).toMatch(/slider from 10 to 10/);
    expect((await act('fine', 'press', ['ArrowUp'])).ok).toBe(true);
    expect(Number(await valueOf('fine'))).toBeCloseTo(0.51, 5);
  });
});
