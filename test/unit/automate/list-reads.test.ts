// @vitest-environment happy-dom
import { describe, expect, test, vi } from 'vitest';
import { act } from '../../../extension/content/executor/index.ts';
import * as builder from '../../../extension/content/document/build.ts';
import { buildPageDocument } from '../../../extension/content/document/build.ts';
import type { ActRequest, ListEntry } from '../../../extension/protocol/schemas.ts';
import { runOnPage } from './live-page.ts';

/**
 * What a script reads of a page is what the page document showed the model (exploratory test on real snapshots,
 * session 25): a field one item lacks reads '' (an action on it says which item lacks which field), images read as
 * their alt text, inline elements' words are set apart as in the samples, a block of text keeps its lines, and find()
 * takes text copied from a sample (" : ", a cut sample's "…").
 */
const run = (request: Omit<ActRequest, 'args'> & { args?: ActRequest['args'] }) => act(document, { settleMs: 10, args: [], ...request });
const byId = (value: string) => ({ locators: [{ by: 'id' as const, value }] });
const textOf = async (id: string) => (await run({ action: 'text', target: byId(id) })).value;

const download = (platform?: string) => `<li><a class="download-link" href="/get/${platform ?? 'android'}"><span class="download-content">
  <strong class="download-title">Firefox</strong> <span class="download-subtitle">Free Download</span>
  ${platform ? `<span class="download-platform">${platform}</span>` : ''}</span></a></li>`;

describe('a field one item does not have', () => {
  test('reads as "" at once (mozilla-1: the Android download has no platform); .exists() is false', async () => {
    document.body.innerHTML = `<main><h2>Download Firefox</h2><ul id="downloads">${['Windows', 'OS X', 'Linux', 'Linux 64-bit'].map(download).join('')}${download()}</ul></main>`;
    const list = buildPageDocument(document).sections.flatMap((s) => s.entries).find((e): e is ListEntry => e.kind === 'list')!;
    const field = list.fields.find((f) => f.endsWith('platform'))!;
    expect(field, JSON.stringify(list.fields)).toBeDefined();
    const reads = vi.spyOn(builder, 'buildPageDocument');
    const { result } = await runOnPage(`done([$${list.name}.map((x) => x.${field}.text()), $${list.name}[4].${field}.value(), $${list.name}[4].${field}.exists(),
      $${list.name}.find("Linux 64").${field}.text()])`);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.result).toEqual([['Windows', 'OS X', 'Linux', 'Linux 64-bit', ''], '', false, 'Linux 64-bit']);
    // Not waited for as a late element would be (the page read again and again until it shows up).
    expect(reads.mock.calls.length).toBe(1);
    reads.mockRestore();
  });

  test('an action on it is a NotFound naming the item and the field, not "item 4 is not on the page"', async () => {
    document.body.innerHTML = `<main><h2>Download Firefox</h2><ul id="downloads">${['Windows', 'OS X', 'Linux', 'Linux 64-bit'].map(download).join('')}${download()}</ul></main>`;
    const list = buildPageDocument(document).sections.flatMap((s) => s.entries).find((e): e is ListEntry => e.kind === 'list')!;
    const field = list.fields.find((f) => f.endsWith('platform'))!;
    const { result } = await runOnPage(`$${list.name}[4].${field}.click();\ndone(1);`);
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ name: 'NotFoundError', data: { missingField: true, index: 4, field } });
    expect(result.error!.message).toContain(`item 4 of \`$${list.name}\` has no \`${field}\``);
    expect(result.error!.message).not.toMatch(/is not on the page/);
    // An item that is not there at all still says so.
    const gone = await runOnPage(`$${list.name}[7].${field}.click();\ndone(1);`);
    expect(gone.result.error?.message).toMatch(/item 7 of .* is not on the page/);
  });

  test('the executor alone: a read answers "", an action a NotFound with `missingField`', async () => {
    document.body.innerHTML = '<ul id="l"><li><span class="p">Windows</span></li><li><b>Android</b></li></ul>';
    const field = { locators: [{ by: 'id' as const, value: 'l' }], item: { selector: ':scope > li', index: 1 }, slot: ':scope > span.p' };
    expect((await run({ action: 'text', target: field })).value).toBe('');
    expect((await run({ action: 'value', target: field })).value).toBe('');
    expect((await run({ action: 'exists', target: field })).value).toBe(false);
    await expect(run({ action: 'click', target: field })).rejects.toMatchObject({ name: 'NotFoundError', data: { index: 1, missingField: true } });
  });
});

describe('text() reads what the page shows; where it shows no words, what its document says (review, session 25)', () => {
  test('images by their alt text where nothing else is shown: an image, an image-only link, an icon; a row reads its shown words', async () => {
    document.body.innerHTML = `<a id="logo" href="/"><img src="/logo.png" alt="LWN.net Logo"></a>
      <img id="pic" src="/p.jpg" alt="A police officer holds an image">
      <button id="star"><svg><title>Star</title><path d=""></path></svg></button>
      <div id="row"><a href="/q"><img src="/q.png" alt="[QGIS query builder]"></a> <span>Figure 2</span></div>`;
    expect(await textOf('logo')).toBe('LWN.net Logo');
    expect(await textOf('pic')).toBe('A police officer holds an image');
    expect(await textOf('star')).toBe('Star');
    expect(await textOf('row')).toBe('Figure 2');
  });

  test('within TEXT_LIMIT; a price split across inline elements stays one word; secrets still read nothing', async () => {
    document.body.innerHTML = `<p id="long">${'word '.repeat(2000)}</p><span id="price"><span>$</span><span>19</span><span>.99</span></span>
      <input id="pw" type="password" value="hunter22">`;
    expect(String(await textOf('long')).length).toBe(2000);
    expect(await textOf('price')).toBe('$19.99');
    expect(await textOf('pw')).toBe('');
  });
});

describe('find() with text copied from a sample', () => {
  const week = { locators: [{ by: 'id' as const, value: 'week' }], item: { selector: ':scope > li' } };
  const find = async (text: string) => (await run({ action: 'find', target: week, args: [text] })).value;

  test('spaces around punctuation and inline elements, case and a cut sample\'s "…" aside; no other row matches', async () => {
    document.body.innerHTML = `<ul id="week"><li><a href="/s">Security</a>: Toward secure package downloads; New vulnerabilities</li>
      <li><a href="/k">Kernel</a>: LSFMM coverage: NFS, defragmentation, epoll()</li>
      <li>Every Hermitian matrix is a <a href="/n">normal matrix</a>. That is to say</li></ul>`;
    expect(await find('Security : Toward secure package')).toBe(0);
    expect(await find('Kernel : LSFMM coverage: NFS, defragmentation, epo…')).toBe(1);
    expect(await find('normal matrix . That is')).toBe(2);
    expect(await find('NORMAL MATRIX. that is')).toBe(2);
    expect(await find('Kernel : Toward')).toBe(-1);
    expect(await find('Security Toward')).toBe(-1);
  });

  test('a word split across inline elements (search highlighting) is one word to find() (review, session 25)', async () => {
    document.body.innerHTML = `<ul id="week"><li><a href="/1"><em>Java</em>Script: the good parts</a></li><li><a href="/2">Java tea</a></li></ul>`;
    expect(await find('JavaScript')).toBe(0);
    expect(await find('Java tea')).toBe(1);
  });

  test('an image\'s alt text is found, and an item whose link says exactly that comes first', async () => {
    document.body.innerHTML = `<ul id="week"><li><a href="/1"><img alt="[QGIS main interface]"></a> <span>see [QGIS query builder]</span></li>
      <li><a href="/2"><img alt="[QGIS query builder]"></a> <span>Figure 2</span></li></ul>`;
    expect(await find('qgis main interface')).toBe(0);
    // Item 0 holds the words too, in a caption; item 1's link says exactly that.
    expect(await find('[QGIS query builder]')).toBe(1);
  });
});

describe('a row that is no control', () => {
  test('a click on a row holding several links is an ActionError listing them, and nothing is clicked (explorer, session 31)', async () => {
    document.body.innerHTML = `<main><ul id="facts">${[1, 2, 3].map((i) => `<li>Fact ${i} relates the <a href="#a${i}">unitary matrix</a> to the <a href="#b${i}">normal matrix</a>.</li>`).join('')}</ul></main>`;
    const clicked: string[] = [];
    document.querySelectorAll('a').forEach((a) => a.addEventListener('click', (event) => {
      event.preventDefault();
      clicked.push(a.getAttribute('href')!);
    }));
    const outcome = await run({ action: 'click', target: { ...byId('facts'), item: { selector: ':scope > li', index: 1 } } }).catch((error: unknown) => error as Error & { data?: { state?: string } });
    expect(outcome).toMatchObject({ name: 'ActionError', data: { state: 'not-a-control' } });
    expect((outcome as Error).message).toMatch(/item 1 of .* is no control: it holds 2 links \("unitary matrix", "normal matrix"\)/);
    expect(clicked).toEqual([]);
  });
});
