// @vitest-environment happy-dom
/**
 * Session 59: icons drawn from a font's ligatures (Material Icons, Material Symbols, Angular's `<mat-icon>`), a month's
 * "+2 more", list fields named by digits, class utilities or a select's options, a call's controls and participants.
 */
import { expect, test } from 'vitest';
import { build, list, names } from './helpers.ts';
import { renderDocument } from '../../../extension/content/document/render.ts';
import { itemsIn } from '../../../extension/content/document/list-items.ts';

test('an icon font\'s ligature beside words is no word of a name; alone it names; in a list it is the field `icon`', () => {
  const doc = build(`<main><h1>Files</h1>
    <button><span class="material-icons">add</span> New file</button>
    <button><span class="material-symbols-outlined">delete</span></button>
    <a href="/settings"><i class="material-icons-round">settings</i>Settings</a>
    <button><mat-icon>upload</mat-icon>Upload</button>
    <ul class="files">${['description Report.docx', 'image Photo.png', 'folder Old'].map((row) => {
      const [icon, name] = row.split(' ');
      return `<li class="file"><span class="material-icons">${icon}</span><span class="name">${name}</span><button aria-label="Share ${name}">share</button></li>`;
    }).join('')}</ul></main>`);
  expect(names(doc)).toEqual(['files__new_file_button', 'files__delete_button', 'files__settings_link', 'files__upload_button', 'files__items']);
  const files = list(doc, 'files__items');
  expect(files.fields).toEqual(['icon', 'name']);
  expect(files.samples[0]).toEqual({ icon: 'description', name: 'Report.docx' });
});

test('a month\'s "+2 more" is named without its count and says which day it is in', () => {
  const cell = (day: number, extra = '') => `<td role="gridcell"><span class="date" aria-label="March ${day}, 2026">${day}</span>${extra}</td>`;
  let rows = '';
  for (let week = 0; week < 4; week++) {
    rows += '<tr>';
    for (let day = week * 7 + 1; day <= week * 7 + 7; day++) {
      const events = day === 5 ? '<button class="ev">14:00 Design review</button><button class="ev">16:30 Sync</button><button class="more">+2 more</button>' : day === 9 ? '<button class="ev">10:00 Dentist</button>' : '';
      rows += cell(day, events);
    }
    rows += '</tr>';
  }
  const head = '<thead><tr>' + ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((d) => `<th>${d}</th>`).join('') + '</tr></thead>';
  const doc = build(`<main><table role="grid" aria-label="March 2026">${head}<tbody>${rows}</tbody></table></main>`);
  expect(names(doc)).toContain('main__more_button');
  expect(renderDocument(doc)).toContain('$main__more_button "+2 more" in "March 5, 2026"');
  // The events are found again on the page: the "+2 more" beside them in a day's cell does not leave them unfound.
  const events = list(doc, 'main__events');
  const found = itemsIn(document.querySelector('table')!, { selector: events.itemSelector, ...(events.itemPaths ? { paths: events.itemPaths } : {}) });
  expect(found.map((el) => el.textContent)).toEqual(['14:00 Design review', '16:30 Sync', '10:00 Dentist']);
});

test('a call\'s icon buttons, each labelled apart, are entries by their labels, not a list of `icon` fields', () => {
  const buttons = [['Turn off microphone', 'mic'], ['Turn on camera', 'videocam_off'], ['Raise hand', 'back_hand'], ['Leave call', 'call_end']];
  const doc = build(`<div role="region" aria-label="Call controls">${buttons.map(([label, icon]) => `<button class="ctrl-btn" aria-label="${label}"><span class="material-symbols-outlined">${icon}</span></button>`).join('')}
    <button class="ctrl-btn" aria-label="Show everyone" aria-pressed="true"><span class="material-symbols-outlined">people</span><span class="badge">4</span></button></div>`);
  expect(names(doc)).toEqual(['call_controls__turn_off_microphone_button', 'call_controls__turn_on_camera_button', 'call_controls__raise_hand_button',
    'call_controls__leave_call_button', 'call_controls__show_everyone_button']);
  // The icon's word is no word the control shows beside its label.
  expect(renderDocument(doc)).not.toContain('shows=');
});

test('participants: parts named by `p-name` classes, buttons by the word all their labels say or most begin with', () => {
  const person = (name: string, role: string, mic: string, extra = '') => `<div role="listitem" class="participant"><div class="p-info"><span class="p-name">${name}</span>${role ? `<span class="p-role">${role}</span>` : ''}</div>
    <div class="p-actions"><button aria-label="${mic}"><span class="material-symbols-outlined">mic</span></button>${extra}<button aria-label="More actions for ${name}"><span class="material-symbols-outlined">more_vert</span></button></div></div>`;
  const doc = build(`<aside aria-label="People"><div role="list" aria-label="Participants">${person('Priya Raman', 'Meeting host', "Priya Raman's microphone is off")}
    ${person('Lee Park', '', 'Mute your microphone')}${person('Jonas Berg', 'Presenting', "Mute Jonas Berg's microphone", '<button aria-label="Pin Jonas Berg"><span class="material-symbols-outlined">keep</span></button>')}
    ${person('Ana Souza', 'Guest', "Ana Souza's microphone is off")}</div></aside>`);
  const people = list(doc, 'people__participants');
  expect(people.fields.slice(0, 2)).toEqual(['name', 'role']);
  expect(people.actions).toEqual(['microphone', 'more_actions']);
  expect(people.samples[0]).toMatchObject({ name: 'Priya Raman', role: 'Meeting host' });
  // No field reads an icon's word.
  expect(JSON.stringify(people.samples)).not.toContain('more_vert');
});

test('a phone link\'s field is named by its class, never by the digits all numbers share; a select reads its choice', () => {
  const doc = build(`<main><h1>Stores</h1><ol>${['A', 'B', 'C'].map((name, i) => `<li class="s"><a class="s__name" href="/${name}">${name}</a>
    <a class="s__phone" href="tel:+151255501${i}">(512) 555-010${i}</a><button>Set as my store</button></li>`).join('')}</ol>
    <form aria-label="Passengers">${[['Mr', 'Ms', 'Mx'], ['Mr', 'Ms', 'Mx'], ['Mstr', 'Miss']].map((titles, i) => `<fieldset class="pax"><legend>Passenger ${i + 1}</legend>
      <div class="field"><label for="t${i}">Title</label><select id="t${i}">${titles.map((t) => `<option${i === 0 && t === 'Ms' ? ' selected' : ''}>${t}</option>`).join('')}</select></div>
      <div class="field"><label for="f${i}">First name</label><input id="f${i}"></div></fieldset>`).join('')}</form></main>`);
  const stores = list(doc, 'stores__items');
  expect(stores.fields).toEqual(['name', 'phone']);
  const passengers = list(doc, 'passengers__items');
  // The options are no field ("Mr Ms Mx" and "Mstr Miss" told the items apart); the title is the chosen one.
  expect(passengers.fields).not.toContain('title');
  expect(passengers.samples.map((sample) => sample.title)).toEqual(['Ms', 'Mr', 'Mstr']);
});

test('a group of two rows in a box like a list\'s beside it is a list of the same fields; a plugin\'s `wprm-checkbox` names nothing', () => {
  const row = (i: number, amount: string, name: string) => `<li class="ingredient"><input type="checkbox" id="c${i}" class="wprm-checkbox" aria-label="${name}">
    <span class="amount">${amount}</span> <span class="name">${name}</span></li>`;
  const doc = build(`<main><h2>Ingredients</h2><div class="groups">
    <div class="group"><h3>Base</h3><ul class="ingredients">${row(1, '2 tbsp', 'olive oil')}${row(2, '1', 'onion')}${row(3, '3 cloves', 'garlic')}</ul></div>
    <div class="group"><h3>To finish</h3><ul class="ingredients">${row(4, '6', 'eggs')}${row(5, '½ cup', 'feta')}</ul></div></div>
    <h2>Elsewhere</h2><ul class="links"><li class="ingredient"><a href="/x">Lone link</a></li></ul></main>`);
  const base = list(doc, 'base__ingredients');
  expect(base).toMatchObject({ count: 3, fields: ['amount', 'name'], actions: ['checkbox'] });
  const finish = list(doc, 'to_finish__ingredients');
  expect(finish).toMatchObject({ count: 2, fields: ['amount', 'name'], actions: ['checkbox'] });
  expect(finish.samples[1]).toMatchObject({ amount: '½ cup', name: 'feta', checkbox: 'false' });
  // A box of another class is no such group.
  expect(names(doc)).toContain('elsewhere__lone_link');
});

test('a list named by the heading before it is named without the count the heading shows', () => {
  const card = (title: string) => `<li class="card"><input type="checkbox" aria-label="Done: ${title}"><span class="title">${title}</span><button aria-label="Task actions for ${title}">⋮</button></li>`;
  const doc = build(`<main><section class="col"><h2>Backlog <span class="count">3</span></h2><ul>${card('Write notes')}${card('Fix login')}${card('Ship it')}</ul></section></main>`);
  // The section's own name says it; the list is the section's `items`, not `backlog_3` (renamed as cards come and go).
  expect(names(doc)).toEqual(['backlog__items']);
});

test('a one-letter class prefix is no word of a field\'s name (`q-title`, `p-name`)', () => {
  const track = (title: string, artist: string) => `<li class="queue-item"><span class="q-title">${title}</span><span class="q-artist">${artist}</span>
    <button aria-label="Remove ${title} from queue" class="q-remove">✕</button></li>`;
  const doc = build(`<aside aria-label="Queue"><ul class="queue">${track('Tech Noir', 'Gunship')}${track('Resonance', 'HOME')}${track('Turbo Killer', 'Carpenter Brut')}</ul></aside>`);
  const queue = list(doc, 'queue__items');
  expect(queue.fields).toEqual(['title', 'artist']);
  expect(queue.actions).toEqual(['remove']);
});

test('review: a short group of other controls is no list like its neighbour; counts said after a comma name nothing; a brand is no action', () => {
  const setting = (label: string) => `<div class="setting-row"><label><input type="checkbox"> ${label}</label></div>`;
  const settings = build(`<main><div class="card"><h2>Notifications</h2><div class="rows">${setting('Replies')}${setting('Mentions')}${setting('Digest')}</div></div>
    <div class="card"><h2>Account</h2><div class="rows"><div class="setting-row"><button>Change password</button></div><div class="setting-row"><button>Delete account</button></div></div></div></main>`);
  expect(names(settings)).toEqual(['notifications__items', 'account__change_password_button', 'account__delete_account_button']);
  const reactions = build(`<article><h2>Post</h2><div class="reactions">${[['Thumbs up', 'thumb_up', 3], ['Heart', 'favorite', 5], ['Laugh', 'mood', 1]].map(([label, icon, n]) =>
    `<button class="reaction" aria-label="${label}, ${n} reaction${n === 1 ? '' : 's'}"><span class="material-icons">${icon}</span> ${n}</button>`).join('')}</div></article>`);
  expect(names(reactions)).toEqual(['post__thumbs_up_button', 'post__heart_button', 'post__laugh_button']);
  const shoes = build(`<main><h2>Running</h2><ul class="grid">${['Nike Air Max', 'Nike Pegasus 40', 'Nike Vomero'].map((name, i) =>
    `<li class="card"><a href="/p/${i}">${name}</a> <span class="price">$1${i}0</span><button class="fav" aria-label="${i === 1 ? 'Remove' : 'Save'} ${name} ${i === 1 ? 'from' : 'to'} wishlist">♡</button></li>`).join('')}</ul></main>`);
  expect(list(shoes, 'running__grid').actions).toContain('wishlist');
});
