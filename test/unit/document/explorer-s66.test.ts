// @vitest-environment happy-dom
/**
 * Session 66: grid cells whose headers say no column index, names a page keeps a mail address beside, Outlook's
 * short hashed classes.
 */
import { expect, test } from 'vitest';
import { build, list, names } from './helpers.ts';
import { designKitClass, readableToken } from '../../../extension/content/document/text.ts';

test('a grid\'s cells that say their column index are named by headers that say none, in the headers\' order', () => {
  const row = (n: number, title: string, added: string, time: string) => `<div role="row" aria-rowindex="${n + 1}"><div class="e8Orp" role="presentation">
    <div role="gridcell" aria-colindex="1"><span class="encore-text">${n}</span></div>
    <div role="gridcell" aria-colindex="2"><a href="/track/${n}">${title}</a></div>
    <div role="gridcell" aria-colindex="3">${added}</div>
    <div role="gridcell" aria-colindex="4"><button role="switch" aria-checked="false" aria-label="Add to Liked Songs"><svg aria-hidden="true"></svg></button> ${time}</div></div></div>`;
  const doc = build(`<main><div role="grid" aria-label="Mix"><div role="row"><div role="columnheader">#</div><div role="columnheader">Title</div>
    <div role="columnheader">Date added</div><div role="columnheader">Duration</div></div>
    ${row(1, 'Blinding Lights', '2 days ago', '3:20')}${row(2, 'Levitating', '5 days ago', '3:23')}${row(3, 'Heat Waves', '1 week ago', '3:58')}</div></main>`);
  const [tracks] = doc.sections.flatMap((s) => s.entries).filter((e) => e.kind === 'list') as ReturnType<typeof list>[];
  // Were `date` and `text`: the cells' index found no header, which say none.
  expect(tracks!.fields).toEqual(expect.arrayContaining(['date_added', 'duration']));
  expect(tracks!.samples[0]).toMatchObject({ date_added: '2 days ago', duration: '3:20' });
});

test('names whose mail addresses the page keeps beside them are who a mail is from', () => {
  const gmail = (n: number, sender: string, subject: string) => `<tr class="zA"><td><div role="checkbox" aria-checked="false" aria-label="Select" tabindex="-1"></div></td>
    <td class="yX"><span class="yP" email="${sender.split(' ')[0]!.toLowerCase()}@x.example" name="${sender}">${sender}</span></td>
    <td class="xY"><span class="bog">${subject}</span></td><td class="xW"><span title="Dec ${n}, 2026">Dec ${n}</span></td></tr>`;
  const doc = build(`<main><table role="grid"><tbody>${gmail(1, 'Trailhead', 'Your weekly digest')}${gmail(2, 'City Power', 'Your December bill')}${gmail(3, 'Sam Lee', 'Saturday hike?')}</tbody></table></main>`);
  const [mail] = doc.sections.flatMap((s) => s.entries).filter((e) => e.kind === 'list') as ReturnType<typeof list>[];
  expect(mail!.samples[1]).toMatchObject({ sender: 'City Power' });
  // An address shown as the words themselves is no name beside one.
  const shown = build(`<main><ul>${['a@x.example', 'b@x.example', 'c@x.example'].map((address) => `<li><span title="${address}">${address}</span> <button type="button">Remove</button></li>`).join('')}</ul></main>`);
  const [addresses] = shown.sections.flatMap((s) => s.entries).filter((e) => e.kind === 'list') as ReturnType<typeof list>[];
  expect(addresses!.fields).not.toContain('sender');
});

test('short classes of three humps and more are hashes, not words', () => {
  for (const hashed of ['xUuWy', 'tUaEn']) expect(readableToken(hashed), hashed).toBeUndefined();
  for (const word of ['isOnTop', 'myUrlBar', 'onAdd', 'navItem']) expect(readableToken(word), word).toBe(word);
});

/** A Gmail row (trimmed): focused as a whole, its cells data, its summary for screen readers its hidden label. */
const gmailRow = (n: number, sender: string, subject: string, date: string) => `<tr class="zA" tabindex="-1" role="row" aria-labelledby="sum${n}">
  <td class="oZ-x3" data-tooltip="Select" role="gridcell"><div class="oZ-jc" role="checkbox" aria-checked="false" tabindex="-1"></div></td>
  <td class="yX" role="gridcell"><div class="afn" id="sum${n}" style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(1px,1px,1px,1px)">unread, ${sender}, ${subject}, ${date}</div>
    <span class="zF" email="${n}@x.example" name="${sender}">${sender}</span></td>
  <td class="xY" role="gridcell"><span class="bqe">${subject}</span></td>
  <td class="xW" role="gridcell"><span class="bq3">${date}</span></td>
  <td class="bq4" role="gridcell"><ul class="bqY" role="toolbar"><li class="bqX brq" data-tooltip="Archive" role="button">&#xe149;</li><li class="bqX bru" data-tooltip="Delete" role="button">&#xe872;</li><li class="bqX brv" data-tooltip="Snooze" role="button">&#xe034;</li></ul></td></tr>`;

test('a grid\'s rows that take the focus are the controls, their cells data; icon-font characters name nothing; a row\'s hidden label is no field', () => {
  const doc = build(`<main><table role="grid"><tbody>${gmailRow(1, 'City Power', 'Your June statement', '9:14 AM')}${gmailRow(2, 'Sam Ortega', 'Offsite agenda', '8:02 AM')}
    ${gmailRow(3, 'Google', 'Security alert', 'Jun 9')}</tbody></table></main>`);
  const [mail] = doc.sections.flatMap((s) => s.entries).filter((e) => e.kind === 'list') as ReturnType<typeof list>[];
  // Were `button`, `button_2`, `button_3` (named by the icon-font characters), and every cell a `clickable`.
  expect(mail!.actions).toEqual(expect.arrayContaining(['archive', 'delete', 'snooze']));
  expect(mail!.actions.join(' ')).not.toMatch(/clickable|button/);
  expect(mail!.samples[0]).toMatchObject({ sender: 'City Power', date: '9:14 AM' });
  expect(JSON.stringify(mail!.samples)).not.toContain('unread,');
});

test('words that open with a price or a score then say more are the price and the rating; a text\'s direction names nothing', () => {
  const card = (title: string, rating: string, price: string) => `<div class="c4mnd7m" role="group"><div class="t1jojoys dir dir-ltr">${title}</div>
    <span class="r4a59j5 dir dir-ltr">${rating}</span><div class="_1jo4hgw"><span class="_11jcbg2">${price}</span></div>
    <button type="button" aria-label="Add to wishlist: ${title}"><svg aria-hidden="true"></svg></button></div>`;
  const doc = build(`<main><h2>Stays</h2><div class="g1qv1ctd">${card('Apartment in Lisbon', '4.92 out of 5 average rating, 128 reviews', '$182 per night, $910 total')}
    ${card('Home in Lisbon', '4.78 out of 5 average rating, 64 reviews', '$205 per night, originally $240, $1,025 total')}
    ${card('Rental unit in Lisbon', 'New place to stay', '$96 per night, $480 total')}</div></main>`);
  const [stays] = doc.sections.flatMap((s) => s.entries).filter((e) => e.kind === 'list') as ReturnType<typeof list>[];
  expect(stays!.fields).toEqual(expect.arrayContaining(['rating', 'price']));
  expect(stays!.fields).not.toContain('dir');
  expect(stays!.samples[2]).toMatchObject({ price: '$96 per night, $480 total', rating: 'New place to stay' });
});

/** A Linear issue row (trimmed): chips as many as the issue has among other spans, an avatar of initials, icons in buttons. */
const issue = (key: string, chips: string[], who: string, priority = 'High', status = 'In Progress', date = 'Jun 3') => `<div class="sc-fqkvVR hNxKqY" role="listitem" data-list-key="${key}" tabindex="-1">
  <button class="sc-cwHptR" aria-label="Change priority"><svg aria-label="${priority}" role="img"></svg></button>
  <span class="sc-dcJsrY kXqsVm">${key}</span>
  <button class="sc-cwHptR" aria-label="Change status"><svg aria-label="${status}" role="img"></svg></button>
  <a class="sc-iGgWBj jKLmnO" href="/acme/issue/${key}/x">Issue ${key}</a>
  ${chips.map((chip) => `<span class="sc-gsFSXq bMnOpQ"><i></i>${chip}</span>`).join('')}
  <span class="sc-kpDqfm cQrStU" role="img" aria-label="${who ? `Assigned to ${who}` : 'Unassigned'}" title="${who || 'Unassigned'}">${who ? who.split(' ').map((w) => w[0]).join('') : '–'}</span>
  <span class="sc-dAlyuH vWxYz"><time datetime="2024-06-03T09:00:00Z">${date}</time></span></div>`;

test('parts of one class as many as each item has, among other parts of their tag, are one field wherever they stand', () => {
  const doc = build(`<main><h2>Issues</h2><div role="list">${issue('ENG-482', ['Bug', 'Payments v2'], 'Sam Ortega')}${issue('ENG-477', ['Infra'], 'Priya Nair', 'Urgent', 'Todo', 'May 28')}
    ${issue('ENG-471', [], '', 'Low', 'In Review', 'May 20')}${issue('ENG-468', ['Security', 'Auth'], 'Sam Ortega', 'High', 'Todo', 'May 2')}</div></main>`);
  const [issues] = doc.sections.flatMap((s) => s.entries).filter((e) => e.kind === 'list') as ReturnType<typeof list>[];
  // Was `text_4` = `span:nth-of-type(3)`: the first issue's second chip, the second's assignee, the third's date.
  expect(issues!.fields).toEqual(expect.arrayContaining(['labels', 'assigned_to', 'id', 'priority', 'status']));
  expect(issues!.samples[0]).toMatchObject({ labels: 'Bug, Payments v2', assigned_to: 'Assigned to Sam Ortega', id: 'ENG-482', priority: 'High', status: 'In Progress' });
  expect(issues!.samples[1]).toMatchObject({ labels: 'Infra', assigned_to: 'Assigned to Priya Nair' });
  expect(issues!.samples[2]).toMatchObject({ assigned_to: 'Unassigned' });
  expect(issues!.samples[2]).not.toHaveProperty('labels');
});

test('a modifier class that says a state the user changes picks no part (Slack\'s reacted reaction)', () => {
  const message = (n: number, reacted: boolean) => `<div class="c-virtual_list__item" role="listitem"><div class="c-message_kit__gutter">
    <button class="c-message__sender_button" type="button">Person ${n}</button><div class="p-rich_text_section">Message number ${n}</div>
    <div class="c-reaction_bar"><button class="c-reaction${reacted ? ' c-reaction--reacted' : ''}" type="button" aria-pressed="${reacted}" aria-label="react with rocket">🚀 ${n}</button>
    <button class="c-reaction" type="button" aria-pressed="false" aria-label="react with eyes">👀 1</button>
    <button class="c-reaction_add" type="button" aria-label="Add reaction">+</button></div></div></div>`;
  const doc = build(`<main><div role="list" aria-label="Messages">${message(1, true)}${message(2, false)}${message(3, false)}</div></main>`);
  const [messages] = doc.sections.flatMap((s) => s.entries).filter((e) => e.kind === 'list') as ReturnType<typeof list>[];
  expect(messages!.slots.map((slot) => slot.selector).join(' ')).not.toContain('--reacted');
});

test('names leave out what changes: a commit\'s hash, an issue\'s number, who is signed in; a hidden heading in a table\'s cell opens no section', () => {
  const doc = build(`<header><button type="button" aria-label="Google Account: Dana Kim (dana.k@gmail.com)"><img alt="" src="a.png"></button></header>
    <main><h2 class="sr-only">Folders and files</h2><table><tbody><tr><td colspan="2"><h2 class="sr-only">Latest commit</h2>
      <a href="/acme/commits?author=mira">mira-k</a> <a href="https://github.com/acme/tinyquery/pull/231">#231</a>
      <a href="/acme/commit/9f3c2ab" aria-label="Commit 9f3c2ab">9f3c2ab</a></td></tr>
      <tr><td><a href="/acme/tree/main/src">src</a></td><td>2 days ago</td></tr></tbody></table>
    <h2>Install</h2><button type="button">Copy</button></main>`);
  const all = names(doc);
  expect(all).toEqual(expect.arrayContaining(['header__google_account_button', 'folders_and_files__commit_link', 'install__copy_button']));
  expect(all.find((name) => name.endsWith('pull_link'))).toBeDefined();
  expect(all.join(' ')).not.toMatch(/dana|9f3c2ab|231|latest_commit/);
});

test('Amazon\'s kit classes name nothing', () => {
  for (const kit of ['a-section', 'a-row', 'a-size-base', 'a-link-normal', 'a-span10', 'puis', 'puis-card-container', 's-underline-text', 'aok-relative', 'rush-component']) {
    expect(designKitClass(kit), kit).toBe(true);
  }
  for (const word of ['a-price', 'a-offscreen', 'sale-price', 'splash', 'sub-total']) expect(designKitClass(word), word).toBe(false);
  const card = (n: number, title: string) => `<div class="s-result-item" data-asin="B0${n}"><div class="puis-card-container s-card-container">
    <div data-cy="title-recipe" class="a-section"><a class="a-link-normal s-link-style" href="/dp/B0${n}"><h2 class="a-size-medium"><span>${title}</span></h2></a></div>
    <div data-cy="price-recipe" class="a-section"><span class="a-price"><span class="a-offscreen">$${n}.99</span></span></div>
    <button type="button" class="a-button-text">Add to cart</button></div></div>`;
  const doc = build(`<main><div class="s-main-slot s-result-list">${card(1, 'Anker charger')}${card(2, 'Apple adapter')}${card(3, 'Samsung charger')}</div></main>`);
  const [products] = doc.sections.flatMap((s) => s.entries).filter((e) => e.kind === 'list') as ReturnType<typeof list>[];
  // Was `section` (the kit's `a-section` around the title), and the list `main_slot`.
  expect(products!.fields).toContain('price');
  expect([...products!.fields, ...products!.actions, products!.name].join(' ')).not.toMatch(/section|main_slot|card_container|link_style/);
});

test('how full or far along something is names nothing; a discount that tells filters apart still does', () => {
  const doc = build(`<nav aria-label="Drive"><a href="#quota">Storage: 28% full</a></nav>
    <aside aria-label="Filters"><label><input type="checkbox"> 10% off</label><label><input type="checkbox"> 20% off</label></aside>`);
  const all = names(doc);
  expect(all).toContain('drive__storage_full_link');
  expect(all.join(' ')).toMatch(/10/);
  expect(all.join(' ')).toMatch(/20/);
});
