import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startExecutorRig, type ExecutorRig } from './executor-rig.ts';

/**
 * The executor on widgets that fight the keyboard, in Chromium (test/fixtures/apps/widgets/): a field completed
 * inline, a smart date, a code in boxes that moves on at the next frame, an editable combobox that draws a few
 * options of many, and a picker whose list draws only the rows in view. Actions go extension page → background →
 * content executor, as a run's do.
 */

let rig: ExecutorRig | undefined;
let pages: ExecutorRig['pages'];
let page: Page;
const act = (...args: Parameters<ExecutorRig['act']>) => rig!.act(...args);

beforeAll(async () => {
  rig = await startExecutorRig('widgets/');
  ({ pages, page } = rig);
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

describe('the executor on widgets that fight the keyboard', () => {
  test('an inline completion is typed over, and kept when the text ends inside it', async () => {
    const typed = await act('city', 'type', ['Colm']);
    expect(typed, JSON.stringify(typed)).toMatchObject({ ok: true, payload: { value: 'Colmar' } });
    expect(await page.locator('#city').inputValue()).toBe('Colmar');
    const own = await act('city', 'type', ['Cold Spring']);
    expect(own, JSON.stringify(own)).toMatchObject({ ok: true, payload: { value: null } });
    expect(await page.locator('#city').inputValue()).toBe('Cold Spring');
  });

  test('a smart date field that rewrites the text: taken, the date reported', async () => {
    const typed = await act('when', 'type', ['next friday']);
    expect(typed, JSON.stringify(typed)).toMatchObject({ ok: true, payload: { value: '2026-12-04' } });
  });

  test('a code in boxes that moves the focus on at the next frame: one digit per box', async () => {
    const typed = await act('d0', 'type', ['123456'], { userSupplied: true });
    expect(typed, JSON.stringify(typed)).toMatchObject({ ok: true });
    expect(await Promise.all([0, 1, 2, 3, 4, 5].map((i) => page.locator(`#d${i}`).inputValue()))).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  test('an editable combobox that opens on ArrowDown and draws a few options of many: the option is typed for', async () => {
    const chosen = await act('country', 'select', ['Portugal']);
    expect(chosen, JSON.stringify(chosen)).toMatchObject({ ok: true });
    expect(await page.locator('#country').inputValue()).toBe('Portugal');
  });

  test('a picker whose list draws only the rows in view: scrolled to the option', async () => {
    const chosen = await act('size', 'select', ['Size 150']);
    expect(chosen, JSON.stringify(chosen)).toMatchObject({ ok: true });
    expect(await page.locator('#size').innerText()).toBe('Size 150');
  });
});

describe('fields drawn anew, late state, line breaks and formatted secrets (Chrome\'s caret and line breaks)', () => {
  beforeAll(async () => {
    await page.goto(pages.url('/apps/widgets/typing.html'));
  });

  test('a field drawn anew from HTML on every key (its caret at 0): the text in order', async () => {
    const typed = await act('search', 'type', ['hello']);
    expect(typed, JSON.stringify(typed)).toMatchObject({ ok: true, payload: { value: null } });
    expect(await page.locator('#search').inputValue()).toBe('hello');
  });

  test('"\\r\\n" in a text area is one line break', async () => {
    const typed = await act('notes', 'type', ['one\r\ntwo']);
    expect(typed, JSON.stringify(typed)).toMatchObject({ ok: true, payload: { value: null } });
    expect(await page.locator('#notes').inputValue()).toBe('one\ntwo');
  });

  test('a controlled field whose state arrives a tick later gets every key', async () => {
    const typed = await act('city', 'type', ['Lisbon']);
    expect(typed, JSON.stringify(typed)).toMatchObject({ ok: true });
    expect(await page.locator('#city').inputValue()).toBe('Lisbon');
  });

  test('a value the user gave, formatted by the field, is not given back', async () => {
    const typed = await act('licence', 'type', ['abcd1234efgh5678'], { userSupplied: true });
    expect(typed, JSON.stringify(typed)).toMatchObject({ ok: true, payload: { value: null } });
    expect(await page.locator('#licence').inputValue()).toBe('ABCD-1234-EFGH-5678');
  });
});

describe('pickers that show a choice their own way, and text boxes with options', () => {
  beforeAll(async () => {
    await page.goto(pages.url('/apps/widgets/pickers.html'));
  });

  test('a "Sort" button that keeps its label, and one that shows "Role: Admin": the option taken', async () => {
    const sorted = await act('sort', 'select', ['Oldest']);
    expect(sorted, JSON.stringify(sorted)).toMatchObject({ ok: true });
    expect(await page.locator('#results').innerText()).toBe('Alpha\nBeta');
    const role = await act('role', 'select', ['Admin']);
    expect(role, JSON.stringify(role)).toMatchObject({ ok: true });
    expect(await page.locator('#role').innerText()).toBe('Role: Admin');
  });

  test('an option found by a word\'s start ("Del") whose own words mean an irreversible action is asked about; the list is closed meanwhile', async () => {
    const asked = await act('account', 'select', ['Del']);
    expect(asked.error?.data, JSON.stringify(asked)).toMatchObject({ needsConfirmation: true });
    expect(String(asked.error?.data?.label ?? asked.error?.message)).toMatch(/Delete account/);
    expect(await page.locator('body > ul[role=listbox]').count()).toBe(0);
    expect(await page.locator('#account-done').textContent()).toBe('');
    const chosen = await act('account', 'select', ['Del'], { confirmed: true, fingerprint: asked.error!.data!.fingerprint });
    expect(chosen, JSON.stringify(chosen)).toMatchObject({ ok: true, payload: { value: 'Delete account' } });
    expect(await page.locator('#account-done').textContent()).toBe('Delete account');
  });

  test('a picker labelled by itself is named by its label, not its choice; a placeholder is no value (explorer, session 41)', async () => {
    type Entry = { name: string; state?: { value?: string }; locators: { by: string; value?: string }[] };
    const entries = async () => ((await rig!.read()).payload as unknown as { sections: { entries: Entry[] }[] }).sections.flatMap((s) => s.entries);
    const byId = (all: Entry[], id: string) => all.find((e) => e.locators.some((l) => l.by === 'id' && l.value === id));
    const before = await entries();
    expect(byId(before, 'assignee')).toMatchObject({ name: 'pickers__assignee_button', state: { value: 'Wade Cooper' } });
    expect(byId(before, 'fruit')?.name).toBe('pickers__fruit');
    expect(byId(before, 'fruit')?.state?.value).toBeUndefined();
    expect(await act('fruit', 'value')).toMatchObject({ ok: true, payload: { value: '' } });

    expect(await act('assignee', 'select', ['Devon Webb'])).toMatchObject({ ok: true });
    expect(await act('fruit', 'select', ['Banana'])).toMatchObject({ ok: true });
    const after = await entries();
    expect(byId(after, 'assignee')).toMatchObject({ name: 'pickers__assignee_button', state: { value: 'Devon Webb' } });
    expect(byId(after, 'fruit')).toMatchObject({ name: 'pickers__fruit', state: { value: 'Banana' } });
    expect(await act('assignee', 'value')).toMatchObject({ ok: true, payload: { value: 'Devon Webb' } });
    expect(await act('fruit', 'value')).toMatchObject({ ok: true, payload: { value: 'Banana' } });
  });

  test('a picker whose box stays empty while its choice is drawn beside it (Ant Design): that choice is its value (explorer, session 42)', async () => {
    type Entry = { name: string; state?: { value?: string }; locators: { by: string; value?: string }[] };
    const person = async () => ((await rig!.read()).payload as unknown as { sections: { entries: Entry[] }[] }).sections.flatMap((s) => s.entries)
      .find((e) => e.locators.some((l) => l.by === 'id' && l.value === 'person'));
    expect((await person())?.name).toBe('pickers__person');
    expect((await person())?.state?.value).toBeUndefined();
    expect(await act('person', 'value')).toMatchObject({ ok: true, payload: { value: '' } });
    expect(await act('person', 'select', ['Lucy'])).toMatchObject({ ok: true });
    expect(await person()).toMatchObject({ name: 'pickers__person', state: { value: 'Lucy' } });
    expect(await act('person', 'value')).toMatchObject({ ok: true, payload: { value: 'Lucy' } });
    // A button drawn in a field's box is named with the field (MUI Autocomplete's "Open": was `open_button`).
    const entries = ((await rig!.read()).payload as unknown as { sections: { entries: Entry[] }[] }).sections.flatMap((s) => s.entries);
    expect(entries.find((e) => e.locators.some((l) => l.by === 'id' && l.value === 'movie-open'))?.name).toBe('pickers__movie_open_button');
    // A box labelled "Open" by its menu (Vuetify) is named by its <label>.
    expect(entries.find((e) => e.locators.some((l) => l.by === 'id' && l.value === 'state'))?.name).toBe('pickers__state');
  });

  // Explorer, session 60: Google Forms' dropdown was its shown option alone (`choose_option [current]`).
  test('a list box that folds (Google Forms): one picker with its options; select() unfolds it and picks', async () => {
    type Entry = { name: string; kind: string; options?: string[]; locators: { by: string; value?: string }[] };
    const entries = async () => ((await rig!.read()).payload as unknown as { sections: { entries: Entry[] }[] }).sections.flatMap((s) => s.entries);
    const country = (await entries()).find((e) => e.locators.some((l) => l.by === 'id' && l.value === 'country'));
    expect(country, JSON.stringify(await entries())).toMatchObject({ kind: 'combobox', options: ['Choose', 'United States', 'Canada'] });
    const chosen = await act('country', 'select', ['Canada']);
    expect(chosen, JSON.stringify(chosen)).toMatchObject({ ok: true });
    expect(await page.locator('#country [aria-selected=true]').innerText()).toBe('Canada');
    expect(await page.locator('#country').getAttribute('aria-expanded')).toBe('false');
  });

  test('a field with a datalist: the option typed in', async () => {
    const chosen = await act('browser', 'select', ['Firefox']);
    expect(chosen, JSON.stringify(chosen)).toMatchObject({ ok: true });
    expect(await page.locator('#browser').inputValue()).toBe('Firefox');
  });

  test('a command palette with no such command: its text put back, the commands it showed named', async () => {
    const chosen = await act('palette', 'select', ['Go to billing']);
    expect(chosen, JSON.stringify(chosen)).toMatchObject({ ok: false, error: { message: 'no option "Go to billing"; options: "Go to dashboard", "Go to settings", "New repository"' } });
    expect(await page.locator('#palette').inputValue()).toBe('');
  });
});
