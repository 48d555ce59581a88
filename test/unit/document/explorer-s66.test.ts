// @vitest-environment happy-dom
/**
 * Session 66: grid cells whose headers say no column index, names a page keeps a mail address beside, Outlook's
 * short hashed classes.
 */
import { expect, test } from 'vitest';
import { build, list } from './helpers.ts';
import { readableToken } from '../../../extension/content/document/text.ts';

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
