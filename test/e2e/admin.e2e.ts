import { describe, expect, test } from 'vitest';
import type { ElementEntry, ListEntry } from '../../extension/content/document/types.ts';
import { outcomeOf, runKnown, useAppRig } from './automation-rig.ts';

/**
 * An admin page drawn as Ant Design renders it (test/fixtures/apps/admin/index.html), in Chromium with the built
 * extension (explorer, session 47): icon buttons named by their icons' labels or their items' titles (were `button`,
 * `button_2`), the pager's current page by its class, row selects named by their column and sampled with their choice
 * (were `role_for`, no choice), the facet list by its legend, a count heading that names nothing (was `1_3_of__…`,
 * renamed with every page) and is said with the list, a trigger named by its label with its choice as its value.
 */

const app = useAppRig('admin/index.html');

const all = () => app.doc.sections.flatMap((s) => s.entries);
const entry = (name: string) => all().find((e): e is ElementEntry => e.kind !== 'list' && e.name === name);
const listNamed = (name: string) => all().find((e): e is ListEntry => e.kind === 'list' && e.name === name);
const run = async (script: string) => outcomeOf((await runKnown(app.panel, app.tabId, script, { confirm: 'never' })).report);

describe('an Ant Design admin page', () => {
  test('names that say what each control is, and the state a task needs', () => {
    const names = all().map((e) => e.name).join(', ');
    expect(entry('main__next_page_button'), names).toBeDefined();
    expect(entry('main__previous_page_button')).toMatchObject({ state: { disabled: true } });
    expect(listNamed('main__pagination')?.marked).toEqual([{ index: 0, mark: 'current', text: '1' }]);
    expect(listNamed('filters__status'), names).toMatchObject({ count: 3 });
    const users = listNamed('main__items')!;
    expect(users).toMatchObject({ countSaid: '1-3 of 48 users', actions: ['checkbox', 'name', 'role', 'more'] });
    expect(users.samples[1]).toMatchObject({ name: 'Ben Ortiz', role: 'Editor' });
    expect(entry('main__period_button')).toMatchObject({ state: { value: 'Last 7 days', expanded: false } });
    expect(names).not.toMatch(/1_3_of/);
  });

  test('a script pages on, changes a role and a period by those names; the names hold as the page changes', async () => {
    const outcome = await run([
      '$main__next_page_button.click()',
      'const dev = $main__items.find("Dev Patel")',
      'dev.role.select("Admin")',
      '$main__period_button.click()',
      '$main__last_30_days_menuitem.click()',
      'done([$main__items[0].name.text(), $main__changed.text(), $main__period_button.text()])',
    ].join('\n'));
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'done', result: ['Dev Patel', 'Dev Patel: Admin', 'Period Last 30 days'] });
    // Read again: the same names, the new state.
    const again = await run('done([$main__period_button.value(), $main__items[0].role.text()])');
    expect(again, JSON.stringify(again)).toMatchObject({ status: 'done', result: ['Last 30 days', 'Admin'] });
  }, 120_000);
});
