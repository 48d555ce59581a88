import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { tabIdOf } from './browser.ts';
import { envelope, sendFromPage } from './helpers.ts';
import { REPLAY, openTabOn, usePanelRig } from './automation-rig.ts';
import type { ElementEntry, ListEntry, PageDocument } from '../../extension/protocol/schemas.ts';
import { renderDocument } from '../../extension/content/document/render.ts';

/**
 * Lists that load more, in Chromium with the built extension: the feed app (test/fixtures/apps/feed/) appends ten posts
 * a moment after the end of the feed comes into view (IntersectionObserver), or after its "Load more" button
 * (`?more=button`), or once the view is near the bottom of the page under a long footer (`?load=bottom`), up to 50
 * (`?last=N`: fewer); `?post=tall`: posts taller than the view. Known scripts run through `automate.start` (no model call).
 */

const held = usePanelRig();

interface LogEntry { call: string; target?: string; result?: unknown }
interface Report { status: string; result?: unknown; modelCalls: number; savedScript?: string; savedLists?: unknown[]; attempts: { failure?: { name: string; message: string } }[] }
interface Run { phase: string; log: LogEntry[]; report?: Report }

/** The feed's posts list and its fields as the page document names them (names are the document's business). */
interface FeedNames { posts: string; title: string; author: string; more?: string }

let opened = 0;
async function openFeed(query: string): Promise<{ tab: Page; tabId: number; doc: PageDocument }> {
  return openTabOn(held, `/apps/feed/?${query}&run=${++opened}`);
}

function namesIn(doc: PageDocument): FeedNames {
  const entries = doc.sections.flatMap((s) => s.entries);
  const lists = entries.filter((e): e is ListEntry => e.kind === 'list' && Object.values(e.samples[0] ?? {}).some((v) => /\(post 1\)/.test(v)));
  expect(lists.map((l) => [l.name, l.count])).toEqual([[expect.any(String), 10]]);
  const posts = lists[0]!;
  const field = (pattern: RegExp) => Object.entries(posts.samples[0]!).find(([, v]) => pattern.test(v))?.[0];
  const title = field(/\(post 1\)/);
  const author = field(/^(by )?Ada$/);
  const more = entries.find((e): e is ElementEntry => e.kind === 'button' && /load more/i.test(e.description));
  // The title field is the one that matched the filter above; the byline must be a field of its own.
  expect({ title, author }, JSON.stringify(posts.samples[0])).toEqual({ title: expect.any(String), author: expect.any(String) });
  return { posts: posts.name, title: title!, author: author!, ...(more ? { more: more.name } : {}) };
}

async function runScript(tabId: number, script: string, extra: Record<string, unknown> = {}): Promise<Run & { report: Report }> {
  const started = await sendFromPage(held.panel, envelope('automate.start', { tabId, task: 'collect the posts', model: REPLAY, maxRepairs: 0,
    known: { plan: 'collect the posts', elements: [], script }, ...extra })) as { ok: boolean; error?: unknown };
  expect(started.ok, JSON.stringify(started.error)).toBe(true);
  const state = async () => ((await sendFromPage(held.panel, envelope('automate.state', { tabId }))) as { payload: { run: Run } }).payload.run;
  await expect.poll(async () => (await state()).phase, { timeout: 120_000, interval: 250 }).toBe('finished');
  return (await state()) as Run & { report: Report };
}

const numbers = (titles: unknown) => (titles as string[]).map((t) => Number(/\(post (\d+)\)/.exec(t)?.[1]));
const first = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('lists that load more', () => {
  test('the feed is one list of posts (title, author), on both pages', async () => {
    for (const query of ['', 'more=button']) {
      const { tab, doc } = await openFeed(query);
      const names = namesIn(doc);
      expect(Boolean(names.more)).toBe(query === 'more=button');
      await tab.close();
    }
  });

  test('infinite scroll: scrolling until the feed holds 40 posts gives the first 40 titles in order, one action per batch', async () => {
    const { tab, tabId, doc } = await openFeed('');
    const { posts, title } = namesIn(doc);
    const run = await runScript(tabId, `while ($${posts}.length < 40) $${posts}.scroll();
      done($${posts}.map((p) => p.${title}.text()).slice(0, 40))`);
    expect(run.report.status, JSON.stringify(run.report.attempts.at(-1)?.failure)).toBe('done');
    expect(numbers(run.report.result)).toEqual(first(40));
    expect((run.report.result as string[])[12]).toBe('Lost cat near the park (post 13)');
    // Each scroll came back with the batch it brought: three scrolls, 20, 30, 40.
    expect(run.log.filter((e) => e.call === 'scroll').length).toBe(3);
    expect(await tab.locator('#posts > article').count()).toBe(40);
    await tab.close();
  });

  test('"Load more": clicking it until the feed holds 40 posts, re-reading the length, gives the first 40 titles; one click per batch', async () => {
    const { tab, tabId, doc } = await openFeed('more=button');
    const { posts, title, more } = namesIn(doc);
    const run = await runScript(tabId, `while ($${posts}.length < 40) $${more}.click();
      done($${posts}.map((p) => p.${title}.text()).slice(0, 40))`);
    expect(run.report.status, JSON.stringify(run.report.attempts.at(-1)?.failure)).toBe('done');
    expect(numbers(run.report.result)).toEqual(first(40));
    // The click's answer waited for the feed it set busy: no click while it was loading.
    expect(run.log.filter((e) => e.call === 'click').length).toBe(3);
    await tab.close();
  });

  test('the end of the feed: scroll() returns the same length and the script stops there; the button is gone and exists() says so', async () => {
    const scrolled = await openFeed('last=25');
    const { posts, author } = namesIn(scrolled.doc);
    const run = await runScript(scrolled.tabId, `let n = $${posts}.length;
      while (n < 40) { const more = $${posts}.scroll(); if (more === n) break; n = more; }
      done([n, $${posts}[24].${author}.text()])`);
    expect(run.report.status, JSON.stringify(run.report.attempts.at(-1)?.failure)).toBe('done');
    expect(run.report.result).toEqual([25, expect.stringMatching(/Edsger$/)]);
    expect(run.log.filter((e) => e.call === 'scroll').map((e) => e.result)).toEqual([20, 25, 25]);
    await scrolled.tab.close();

    const clicked = await openFeed('more=button&last=25');
    const names = namesIn(clicked.doc);
    const byButton = await runScript(clicked.tabId, `while ($${names.posts}.length < 40 && $${names.more}.exists()) $${names.more}.click();
      done($${names.posts}.length)`);
    expect(byButton.report.status, JSON.stringify(byButton.report.attempts.at(-1)?.failure)).toBe('done');
    expect(byButton.report.result).toBe(25);
    await clicked.tab.close();
  });

  test('posts taller than the view, or a feed that loads near the bottom of a long footer: each scroll still brings the next batch; the end still says so', async () => {
    for (const [query, expected] of [['post=tall', [20, 30]], ['load=bottom', [20, 30]], ['load=bottom&last=20', [20, 20]]] as const) {
      const { tab, tabId, doc } = await openFeed(query);
      const { posts } = namesIn(doc);
      const run = await runScript(tabId, `const a = $${posts}.scroll(); const b = $${posts}.scroll(); done([a, b])`);
      expect(run.report.status, JSON.stringify(run.report.attempts.at(-1)?.failure)).toBe('done');
      expect(run.report.result, query).toEqual(expected);
      expect(await tab.locator('#posts > article').count(), query).toBe(expected[1]);
      await tab.close();
    }
  });

  test('a script that never stops scrolling a feed that has ended ends at the action budget', async () => {
    const { tab, tabId, doc } = await openFeed('last=20');
    const { posts } = namesIn(doc);
    const run = await runScript(tabId, `while ($${posts}.length < 40) $${posts}.scroll();\ndone(1)`);
    expect(run.report.status).toBe('failed');
    expect(run.report.attempts.at(-1)?.failure).toMatchObject({ name: 'BudgetError', message: expect.stringMatching(/more than 20 page actions/) });
    expect(run.log.filter((e) => e.call === 'scroll').length).toBe(20);
    expect(await tab.locator('#posts > article').count()).toBe(20);
    await tab.close();
  }, 180_000);

  test('a saved script that scrolls the feed replays with no model call', async () => {
    const { tab, tabId, doc } = await openFeed('');
    const { posts, title } = namesIn(doc);
    const script = `while ($${posts}.length < 30) $${posts}.scroll();
      done($${posts}.map((p) => p.${title}.text()).slice(0, 30))`;
    const first = await runScript(tabId, script);
    expect(first.report.status).toBe('done');
    const saved = first.report.savedScript!;
    expect(saved).toContain('.scroll()');
    await tab.close();

    const again = await openFeed('');
    const replay = await runScript(again.tabId, saved, { savedFor: new URL(held.rig.pages.origin).origin, knownLists: first.report.savedLists ?? [] });
    expect(replay.report.status, JSON.stringify(replay.report.attempts.at(-1)?.failure)).toBe('done');
    expect(replay.report.modelCalls).toBe(0);
    expect(numbers(replay.report.result)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    await again.tab.close();
  });
});

describe('a list that draws only the rows in view (a virtualized grid)', () => {
  test('the document says how many rows there are; scroll() draws the next ones and says how far down; an undrawn index says why', async () => {
    const tab = await held.rig.harness.context.newPage();
    await tab.goto(held.rig.pages.url('/apps/virtual/'));
    const tabId = await tabIdOf(held.rig.harness, tab);
    const reply = await sendFromPage(held.panel, envelope('page.document', { tabId })) as { ok: boolean; payload: PageDocument };
    expect(reply.ok).toBe(true);
    const grid = reply.payload.sections.flatMap((s) => s.entries).find((e): e is ListEntry => e.kind === 'list')!;
    // The grid's cells are its columns (role=gridcell cells were controls: "person" and "clickable" fields, no city).
    expect(grid).toMatchObject({ total: 1000, fields: ['name', 'city', 'score'] });
    expect(grid.samples[0]).toEqual({ name: 'Person 1', city: 'Oslo', score: '0' });
    const drawn = grid.count;
    expect(drawn).toBeLessThan(30);
    const name = grid.name;
    const run = await runScript(tabId, `const seen = [];
      const far = [];
      let n = -1;
      for (let i = 0; i < 3; i++) {
        for (const row of $${name}) if (!seen.includes(row.name.text())) seen.push(row.name.text());
        n = $${name}.scroll();
        far.push(n);
      }
      let missing = "";
      try { $${name}[${drawn + 40}].name.text(); } catch (e) { missing = e.message; }
      const third = $${name}[2].name.text();
      // Its city is no one's own ("Oslo"): the click must reach this row, drawn anew as the click scrolls it in.
      $${name}[2].city.click();
      done({ seen, far, missing, picked: $contacts__picked.text(), third })`);
    expect(run.report.status, JSON.stringify(run.report.attempts.at(-1)?.failure)).toBe('done');
    const { seen, far, missing, picked, third } = run.report.result as { seen: string[]; far: number[]; missing: string; picked: string; third: string };
    // A cell is still clicked as the page means it (a row picked).
    expect(picked).toBe(`Picked ${third}`);
    // Rows in order, none skipped, each once; how far down grows with each scroll.
    expect(seen.length).toBeGreaterThan(drawn);
    expect(seen).toEqual(seen.map((_, i) => `Person ${i + 1}`));
    expect(far[0]).toBeGreaterThan(drawn - 4);
    expect(far[1]).toBeGreaterThan(far[0]!);
    expect(far[2]).toBeGreaterThan(far[1]!);
    expect(missing).toMatch(new RegExp(`is not on the page: the list shows \\d+ of its 1000 rows.*draws the next ones with \\$${name}\\.scroll\\(\\)`));
    await tab.close();
  });
});

describe('lists that draw only the rows in view and declare no size (react-window, react-virtuoso)', () => {
  /** The windowed app (`?query` picks how its lists are drawn): its document's orders and stock lists. */
  const openWindowed = async (query = '') => {
    const tab = await held.rig.harness.context.newPage();
    await tab.goto(held.rig.pages.url(`/apps/windowed/${query}`));
    const tabId = await tabIdOf(held.rig.harness, tab);
    const reply = await sendFromPage(held.panel, envelope('page.document', { tabId })) as { ok: boolean; payload: PageDocument };
    const lists = reply.payload.sections.flatMap((s) => s.entries).filter((e): e is ListEntry => e.kind === 'list');
    const orders = lists.find((l) => Object.values(l.samples[0] ?? {}).includes('Order 1001'))!;
    const stock = lists.find((l) => Object.values(l.samples[0] ?? {}).includes('SKU-001'))!;
    expect(orders, JSON.stringify(lists)).toBeDefined();
    expect(stock, JSON.stringify(lists)).toBeDefined();
    return { tab, tabId, reply, orders, stock };
  };
  const field = (list: ListEntry, pattern: RegExp) => Object.entries(list.samples[0]!).find(([, v]) => pattern.test(v))![0];

  test('scroll() answers how far down each list is drawn, so a loop reads every row once, in order, and stops at the end', async () => {
    const { tab, tabId, reply, orders, stock } = await openWindowed();
    expect(reply.ok).toBe(true);
    // react-window's inner box is as tall as all its rows: the document knows how many there are; so do the stock
    // list's spacer paddings, as tall as the rows not drawn (explorer, session 39: `list(11)` was read as all of it).
    expect(orders.total).toBe(120);
    expect(stock.total).toBe(100);
    const read = (list: ListEntry, key: string) => `const seen = [];
      const far = [];
      let n = $${list.name}.length;
      for (let i = 0; i < 40; i++) {
        for (const row of $${list.name}) { const t = row.${key}.text(); if (!seen.includes(t)) seen.push(t); }
        const more = $${list.name}.scroll();
        far.push(more);
        if (more === n) break;
        n = more;
      }
      done({ seen, far })`;
    for (const [list, key, total, first] of [[orders, field(orders, /^Order/), 120, 1001], [stock, field(stock, /^SKU/), 100, 1]] as const) {
      const run = await runScript(tabId, read(list, key));
      expect(run.report.status, JSON.stringify(run.report.attempts.at(-1)?.failure)).toBe('done');
      const { seen, far } = run.report.result as { seen: string[]; far: number[] };
      expect(seen.length, list.name).toBe(total);
      expect(seen[0]).toContain(String(first).padStart(3, '0'));
      expect(far.at(-1)).toBe(total);
      expect(far.at(-2)).toBe(total);
      // Every scroll but the last brought rows further down.
      for (let i = 1; i < far.length - 1; i++) expect(far[i]!).toBeGreaterThan(far[i - 1]!);
    }
    await tab.close();
  }, 240_000);

  test.each(['below&tanstack', 'page-scroll&spacers'])('so do the same lists drawn other ways (?%s: below the fold, scrolled with the window, a translated wrapper, spacer boxes; review, session 38)', async (mode) => {
    const { tab, tabId, orders, stock } = await openWindowed(`?${mode}`);
    expect([orders.total, stock.total]).toEqual([120, 100]);
    for (const [list, key, total] of [[orders, field(orders, /^Order/), 120], [stock, field(stock, /^SKU/), 100]] as const) {
      const run = await runScript(tabId, `const seen = [];
        let n = $${list.name}.length;
        for (let i = 0; i < 19; i++) {
          for (const row of $${list.name}) { const t = row.${key}.text(); if (!seen.includes(t)) seen.push(t); }
          const more = $${list.name}.scroll();
          if (more === n) break;
          n = more;
        }
        done(seen)`);
      expect(run.report.status, JSON.stringify(run.report.attempts.at(-1)?.failure)).toBe('done');
      const seen = run.report.result as string[];
      expect(seen.length, `${mode} ${list.name}: ${seen.join(', ')}`).toBe(total);
    }
    await tab.close();
  }, 240_000);

  test('a window whose rows are of several heights says there are more, not how many (explorer, session 39)', async () => {
    const { tab, tabId, reply, stock } = await openWindowed('?uneven');
    expect(stock.total).toBeUndefined();
    expect(stock.more).toBe(true);
    expect(renderDocument(reply.payload)).toContain(`$${stock.name} list(${stock.count} of more shown)`);
    // An index past the rows drawn says the list draws only those, and how to draw more.
    const run = await runScript(tabId, `done($${stock.name}[40].${field(stock, /^SKU/)}.text())`);
    expect(run.report.status).toBe('failed');
    expect(JSON.stringify(run.report.attempts.at(-1)?.failure)).toMatch(new RegExp(`draws only the rows in view, \\d+ now.*\\$${stock.name}\\.scroll\\(\\) draws the next ones`));
    await tab.close();
  });

  test('places that are no window onto more: a page of results numbered from 40, a day view\'s events at top = hour × height (review, session 38)', async () => {
    const tab = await held.rig.harness.context.newPage();
    await tab.goto(held.rig.pages.url('/apps/windowed/'));
    await tab.evaluate(() => {
      const results = [40, 41, 42, 43].map((i) => `<div class="result" data-index="${i}"><a href="#r${i}">Result ${i}</a> <span>score ${i}</span></div>`).join('');
      const events = [8, 9, 10].map((h) => `<div class="event" style="position: absolute; top: ${h * 40}px; height: 40px; left: 0px; right: 0px"><button>Meeting ${h}</button> <span>room ${h}</span></div>`).join('');
      // Numbered from 1 with a button below them in their box: the button is no room for more (review, session 39).
      const reviews = Array.from({ length: 30 }, (_, k) => `<div class="review" data-index="${k + 1}" style="height: 40px"><a href="#v${k + 1}">Review ${k + 1}</a> <span>stars ${k % 5}</span></div>`).join('');
      document.body.innerHTML = `<main><h1>Week</h1><section><h2>Results</h2><div id="results">${results}</div></section>`
        + `<aside><h2>Reviews</h2><div id="reviews">${reviews}<button style="height: 60px">Load more</button></div></aside>`
        // Below the fold: drawn from its top, a window would fill the view from there; three events at 8 to 10 do not.
        + `<p style="height: 1500px">The week's days follow.</p>`
        + `<section><h2>Monday</h2><div class="day" style="position: relative; height: 960px">${events}</div></section></main>`;
    });
    const tabId = await tabIdOf(held.rig.harness, tab);
    const reply = await sendFromPage(held.panel, envelope('page.document', { tabId })) as { ok: boolean; payload: PageDocument };
    const lists = reply.payload.sections.flatMap((s) => s.entries).filter((e): e is ListEntry => e.kind === 'list');
    const results = lists.find((l) => Object.values(l.samples[0] ?? {}).includes('Result 40'));
    const events = lists.find((l) => Object.values(l.samples[0] ?? {}).includes('Meeting 8'));
    expect(results, JSON.stringify(lists)).toBeDefined();
    expect(events, JSON.stringify(lists)).toBeDefined();
    // Drawn in full: no "of 24", and scroll() answers the 4 results there are, not "drawn up to the 44th".
    expect(events!.total).toBeUndefined();
    expect([results!.more, events!.more]).toEqual([undefined, undefined]);
    const reviews = lists.find((l) => Object.values(l.samples[0] ?? {}).includes('Review 1'));
    expect(reviews, JSON.stringify(lists)).toBeDefined();
    const run = await runScript(tabId, `const n = $${results!.name}.scroll(); const m = $${reviews!.name}.scroll();
      done([n, $${results!.name}.length, m, $${reviews!.name}.length])`);
    expect(run.report.status, JSON.stringify(run.report.attempts.at(-1)?.failure)).toBe('done');
    expect(run.report.result).toEqual([4, 4, 30, 30]);
    await tab.close();
  }, 120_000);

  test('scrolled to its end, a window still says how many rows it has (review, session 40)', async () => {
    const tab = await held.rig.harness.context.newPage();
    await tab.goto(held.rig.pages.url('/apps/windowed/'));
    await tab.evaluate(() => {
      for (const id of ['orders-box', 'items-box']) {
        const box = document.getElementById(id)!;
        box.scrollTop = box.scrollHeight;
      }
      // All 20 drawn in a scroller whose style sheet pads it by a row's height: no total, no "more".
      document.querySelector('main')!.insertAdjacentHTML('beforeend', '<style>#padded { padding: 20px 0; height: 300px; overflow: auto; }</style>'
        + '<section aria-labelledby="notes-title"><h2 id="notes-title">Notes</h2><div id="padded">' + Array.from({ length: 20 }, (_, k) =>
          `<div class="note" data-index="${k}" style="height: 40px"><span class="who">Note ${k}</span> <span class="what">by ${k % 3}</span> <button>Edit</button></div>`).join('') + '</div></section>');
    });
    await tab.waitForTimeout(200);
    const tabId = await tabIdOf(held.rig.harness, tab);
    const reply = await sendFromPage(held.panel, envelope('page.document', { tabId })) as { ok: boolean; payload: PageDocument };
    const lists = reply.payload.sections.flatMap((s) => s.entries).filter((e): e is ListEntry => e.kind === 'list');
    const orders = lists.find((l) => Object.values(l.samples[0] ?? {}).some((v) => /^Order 1\d\d\d$/.test(v)));
    const stock = lists.find((l) => Object.values(l.samples[0] ?? {}).some((v) => /^SKU-\d+$/.test(v)));
    expect([orders?.total, stock?.total], JSON.stringify(lists)).toEqual([120, 100]);
    const notes = lists.find((l) => Object.values(l.samples[0] ?? {}).includes('Note 0'));
    expect(notes, JSON.stringify(lists)).toMatchObject({ count: 20 });
    expect([notes!.total, notes!.more]).toEqual([undefined, undefined]);
    await tab.close();
  }, 120_000);

  test('a row\'s text field and select are typed into and chosen from (explorer, session 40: "has no `type`")', async () => {
    const tab = await held.rig.harness.context.newPage();
    await tab.goto(held.rig.pages.url('/apps/windowed/?rows'));
    await tab.evaluate(() => {
      const rows = ['Alpha', 'Beta', 'Gamma'].map((who, k) => `<li class="member"><span class="who">${who}</span>`
        + `<label>Quantity <input class="qty" value="${k + 1}"></label><label>Role <select class="role"><option>Viewer</option><option>Editor</option><option>Admin</option></select></label></li>`).join('');
      document.body.innerHTML = `<main><h1>Team</h1><section><h2>Members</h2><ul id="members">${rows}</ul></section></main>`;
    });
    const tabId = await tabIdOf(held.rig.harness, tab);
    const reply = await sendFromPage(held.panel, envelope('page.document', { tabId })) as { ok: boolean; payload: PageDocument };
    const members = reply.payload.sections.flatMap((s) => s.entries).find((e): e is ListEntry => e.kind === 'list' && Object.values(e.samples[0] ?? {}).includes('Alpha'));
    expect(members, renderDocument(reply.payload)).toBeDefined();
    const slot = (kind: string) => members!.slots.find((x) => x.kind === kind)!.name;
    const [qty, role] = [slot('text_input'), slot('select')];
    const run = await runScript(tabId, `const b = $${members!.name}.find("Beta"); b.${qty}.type("7"); const r = b.${role}.select("Admin");
      done([r, $${members!.name}[1].${qty}.value(), $${members!.name}[1].${role}.value()])`);
    expect(run.report.status, JSON.stringify(run.report.attempts.at(-1)?.failure)).toBe('done');
    expect(run.report.result).toEqual(['Admin', '7', 'Admin']);
    expect(await tab.evaluate(() => Array.from(document.querySelectorAll('.qty'), (i) => (i as HTMLInputElement).value))).toEqual(['1', '7', '3']);
    await tab.close();
  });

  test('a date the page shows as "Aug 3" reads its <time datetime> with value(), so a script can compare it', async () => {
    const tab = await held.rig.harness.context.newPage();
    await tab.goto(held.rig.pages.url('/apps/windowed/?dates'));
    const tabId = await tabIdOf(held.rig.harness, tab);
    const reply = await sendFromPage(held.panel, envelope('page.document', { tabId })) as { ok: boolean; payload: PageDocument };
    const orders = reply.payload.sections.flatMap((s) => s.entries).find((e): e is ListEntry => e.kind === 'list' && Object.values(e.samples[0] ?? {}).includes('Order 1001'))!;
    const date = Object.entries(orders.samples[0]!).find(([, v]) => v === 'Aug 1')![0];
    // The document says what .value() reads, the first item's.
    expect(orders.machineValues).toEqual({ [date]: '2026-08-01' });
    const run = await runScript(tabId, `const third = $${orders.name}[2];
      const since = new Date("2026-08-05");
      const recent = $${orders.name}.filter((o) => new Date(o.${date}.value()) >= since).map((o) => o.id.text());
      done([third.${date}.text(), third.${date}.value(), new Date(third.${date}.value()).getUTCDate(), recent])`);
    expect(run.report.status, JSON.stringify(run.report.attempts.at(-1)?.failure)).toBe('done');
    const [text, value, day, recent] = run.report.result as [string, string, number, string[]];
    expect([text, value, day]).toEqual(['Aug 3', '2026-08-03', 3]);
    expect(recent[0]).toBe('Order 1005');
    expect(recent.length).toBe(orders.count - 4);
    await tab.close();
  });
});
