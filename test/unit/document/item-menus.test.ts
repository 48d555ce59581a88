// @vitest-environment happy-dom
/**
 * A menu open in one row (a table's ⋮ menu) is no part of the rows: its items are entries of their own, with their
 * states, not `menu`, `menu_2`, `menu_3` slots of every row (explorer, session 44).
 */
import { expect, test } from 'vitest';
import { build, entry, list } from './helpers.ts';

const row = (order: string, who: string, open: boolean) => `<tr><td>${order}</td><td>${who}</td><td><button aria-label="Row actions" aria-haspopup="menu" aria-expanded="${open}">⋮</button>
  ${open ? '<div role="menu"><div role="menuitem" tabindex="-1">Edit</div><div role="menuitem" tabindex="-1" aria-disabled="true">Refund</div><div role="menuitem" tabindex="-1">Cancel order</div></div>' : ''}</td></tr>`;

test('an open row menu\'s items are entries; the rows keep their fields and action', () => {
  const doc = build(`<main><h1>Orders</h1><table><thead><tr><th>Order</th><th>Customer</th><th></th></tr></thead><tbody>
    ${row('#1042', 'Ana Silva', false)}${row('#1041', 'Ben Okafor', true)}${row('#1040', 'Chen Wei', false)}</tbody></table></main>`);
  expect(list(doc, 'orders__items')).toMatchObject({ fields: ['order', 'customer'], actions: ['row_actions'] });
  expect(entry(doc, 'orders__cancel_order_menuitem').kind).toBe('menuitem');
  expect(entry(doc, 'orders__refund_menuitem').state).toMatchObject({ disabled: true });
});
