// @vitest-environment happy-dom
/**
 * A settings page's blocks look alike (a heading, then controls) but hold different controls: no list, whose slots
 * hid them (explorer, session 44: `list(4) fields: title`, every switch, select and the Delete button gone; radio
 * buttons read through a `checkbox` slot). A list's odd control in a few items (a checklist's "Other" box) is an entry.
 * A switch whose title sits in the block beside it is named by that title.
 */
import { expect, test } from 'vitest';
import { build, entry, list, names } from './helpers.ts';

test('blocks of different controls are sections of entries, not a list', () => {
  const doc = build(`<main><h1>Account settings</h1>
    <section><h2>Notifications</h2><label><input type="checkbox" checked> Weekly digest</label><label><input type="checkbox"> Product news</label></section>
    <section><h2>Plan</h2><label><input type="radio" name="plan"> Free</label><label><input type="radio" name="plan" checked> Pro</label></section>
    <section><h2>Preferences</h2><label>Language <select><option>English</option><option>Deutsch</option></select></label></section>
    <section><h2>Danger zone</h2><button>Delete account</button></section></main>`);
  expect(doc.sections.flatMap((s) => s.entries).filter((e) => e.kind === 'list')).toEqual([]);
  const kinds = doc.sections.flatMap((s) => s.entries).map((e) => e.kind);
  expect(kinds).toEqual(['checkbox', 'checkbox', 'radio', 'radio', 'select', 'button']);
  expect(names(doc).some((n) => /delete_account_button$/.test(n))).toBe(true);
});

test('rows of alike controls stay a list; a checklist\'s "Other" text box is an entry beside it', () => {
  const toppings = ['Cheese', 'Ham', 'Olives', 'Peppers', 'Onions'].map((t) => `<li><label><input type="checkbox"> ${t}</label></li>`).join('');
  const doc = build(`<form aria-label="Pizza"><ul aria-label="Toppings">${toppings}<li><label>Other <input type="text"></label></li></ul><button>Order</button></form>`);
  expect(list(doc, 'pizza__toppings').actions).toEqual(['checkbox']);
  expect(entry(doc, 'pizza__other').kind).toBe('text_input');
  const cards = ['Fern', 'Cactus', 'Ivy', 'Palm'].map((p) => `<div class="card"><h3>${p}</h3><span class="price">$3</span><button>Add to cart</button></div>`).join('');
  expect(list(build(`<main><h1>Shop</h1><div class="grid">${cards}</div></main>`), 'shop__grid')).toMatchObject({ count: 4, actions: ['add_to_cart'] });
});

test('a switch whose title and description sit in the block beside it is named by the title', () => {
  const row = (title: string, checked: string) => `<div class="row"><div><p class="title">${title}</p><p class="desc">More words about it.</p></div>
    <label class="t"><input type="checkbox" role="switch" ${checked}><span class="slider"></span></label></div>`;
  const doc = build(`<main><h1>Notifications</h1>${row('Marketing emails', '')}${row('Sounds', 'checked')}</main>`);
  expect(names(doc)).toEqual(['notifications__marketing_emails_switch', 'notifications__sounds_switch']);
  expect(entry(doc, 'notifications__sounds_switch').state).toMatchObject({ checked: true });
});

// Review, session 44: a table wider than a list's slots (its Edit and Delete past them) was refused as a list.
test('a wide table of rows with the same controls past the slot limit stays one list', () => {
  const cells = (r: number) => Array.from({ length: 11 }, (_, c) => `<td>v${r}-${c}</td>`).join('');
  const rows = Array.from({ length: 12 }, (_, r) => `<tr><td><input type="checkbox" aria-label="Select row"></td>${cells(r)}<td><a href="/o/${r}/edit">Edit</a> <button>Delete</button></td></tr>`).join('');
  const doc = build(`<main><h1>Orders</h1><table><thead><tr><th></th>${Array.from({ length: 11 }, (_, c) => `<th>h${c}</th>`).join('')}<th>Actions</th></tr></thead><tbody>${rows}</tbody></table></main>`);
  expect(doc.sections.flatMap((s) => s.entries).filter((e) => e.kind === 'list')).toHaveLength(1);
  expect(names(doc).filter((n) => /delete|select_row/.test(n))).toEqual([]);
});
