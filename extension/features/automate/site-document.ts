/**
 * The site document (issue 5, item 5): what we have learnt about one site across its pages and states. Page
 * documents are merged per origin + path pattern (ids, hashes and uuids in paths generalised: /mail/123 → /mail/:id;
 * an open dialog is a state of its page: `/demo/ [dialog:new_message]`), and navigation edges observed during use
 * (element X on page A led to page/state B) let a caller ask where an element lives and which clicks reach it.
 *
 * Only structure is stored: names, kinds, descriptions, options, effects, locators. Values of inputs, the live state
 * of controls and the sample items of lists (the user's mails, orders…) are dropped before anything is written.
 */
import type { ElementEntry, ListEntry, Locator, PageDocument, Section } from '../../protocol/schemas.ts';
import { database, type PocketDb, type SiteDocumentRow, type SiteEdge, type SiteRow } from '../../storage/db.ts';

/** Format of the stored page (`SiteDocumentRow.document`) and site row; bump when it changes. */
export const SITE_SCHEMA_VERSION = 1;
/** Pages (patterns and states) kept per site; the least recently changed go first. */
export const MAX_PAGES = 200;
/** Edges kept per site; the least recently seen go first. */
export const MAX_EDGES = 500;

export interface StoredPage {
  title: string;
  sections: Section[];
  /** Names kept from earlier reads, with how many reads in a row have not shown them (dropped after MAX_MISSES). */
  misses?: Record<string, number>;
  /**
   * A view of a hash-routed page that its address without a hash was seen showing (`/demo/` shows `/demo/#inbox`):
   * a link to the bare address leads here (impliedEdges). Kept until a read sees the bare address show another view.
   */
  opensBare?: true;
}

/** A name not seen in this many reads of its page in a row is gone (a count in a label, a renamed control). */
export const MAX_MISSES = 5;
export interface SitePage {
  pattern: string;
  /** The site version at which this page last changed. */
  version: number;
  title: string;
  sections: Section[];
  updatedAt: number;
}
export interface SiteView {
  origin: string;
  version: number;
  schema: number;
  pages: SitePage[];
  edges: SiteEdge[];
}
export interface Step {
  from: string;
  element: string;
  to: string;
}
export interface Location {
  /** The page/state the element lives on. */
  pattern: string;
  /** Clicks from the starting page to it, in order; empty when it is already there. */
  path: Step[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}$/i;
const TOKEN = /^(?=.*\d)(?=.*[a-z])[a-z0-9_-]{16,}$/i;

/** One path segment, generalised when it is an identifier rather than a place. */
export function generaliseSegment(segment: string): string {
  if (/^\d+$/.test(segment)) return ':id';
  if (UUID.test(segment)) return ':uuid';
  if (HEX.test(segment)) return ':hash';
  // Long and mixing letters and digits, but not a slug of words (`release-notes-2024` is a page, not an id).
  if (TOKEN.test(segment) && !segment.split(/[-_]/).some((piece) => /^[a-z]{3,}$/.test(piece))) return ':token';
  return segment;
}

const generalisePath = (path: string) => path.split('/').map((s) => (s ? generaliseSegment(s) : s)).join('/');

/**
 * The origin and path pattern of a URL. The query is dropped; a hash route (`#/mail/12`, `#!/x`) is generalised like
 * a path and a one-word hash (`#settings`) kept as a state of the page; other hashes (long anchors) are dropped.
 */
export function pathPattern(url: string, base?: string): { origin: string; pattern: string } {
  const parsed = new URL(url, base ?? 'http://relative.invalid');
  const origin = base === undefined && parsed.host === 'relative.invalid' ? '' : parsed.origin;
  let pattern = generalisePath(parsed.pathname);
  const hash = parsed.hash;
  const route = /^#!?(\/[^?]*)/.exec(hash);
  // A hash route's own query (`#/reset?token=…`, `#/search?q=…`) is dropped like the URL's: it may hold secrets.
  if (route) pattern += `#${hash.startsWith('#!') ? '!' : ''}${generalisePath(route[1]!)}`;
  else if (/^#[a-z][\w-]{0,39}$/i.test(hash)) pattern += hash;
  return { origin, pattern };
}

/**
 * The view a hash-routed page shows when its URL has no hash: the same-page `#view` link marked current
 * (`aria-current`), e.g. the demo mail app at /demo/ shows #inbox. Undefined when no such link says so.
 */
function currentView(doc: Pick<PageDocument, 'url' | 'sections'>): string | undefined {
  let here: URL;
  try {
    here = new URL(doc.url);
  } catch {
    return undefined;
  }
  if (here.hash) return undefined;
  for (const entry of doc.sections.flatMap((s) => s.entries)) {
    if (entry.kind !== 'link' || !entry.state?.current) continue;
    const goes = /^goes to (\S+)$/.exec(entry.effect ?? '');
    if (!goes) continue;
    try {
      const target = new URL(goes[1]!, here);
      if (target.origin === here.origin && target.pathname === here.pathname && /^#[a-z][\w-]{0,39}$/i.test(target.hash)) return target.hash;
    } catch {
      // not a URL: not a view
    }
  }
  return undefined;
}

/** The path pattern with the current view of a hash-routed page, without dialog states. */
const viewPattern = (doc: Pick<PageDocument, 'url' | 'sections'>) => pathPattern(doc.url).pattern + (currentView(doc) ?? '');

/** The page/state a document is of: its path pattern (with the current view of a hash-routed page), plus open dialogs. */
export function pageKey(doc: Pick<PageDocument, 'url' | 'sections'>): { origin: string; pattern: string } {
  const key = pathPattern(doc.url);
  const origin = key.origin;
  const pattern = key.pattern + (currentView(doc) ?? '');
  const dialogs = doc.sections.filter((s) => s.kind === 'dialog').map((s) => s.name).sort();
  return { origin, pattern: dialogs.length ? `${pattern} [dialog:${dialogs.join(',')}]` : pattern };
}

/** A key as given by a caller: a stored pattern, a URL, or a path on `origin`. */
function keyOf(where: string | PageDocument, origin?: string): { origin: string; pattern: string } {
  if (typeof where !== 'string') return pageKey(where);
  const state = / \[dialog:[^\]]+\]$/.exec(where)?.[0] ?? '';
  const url = where.slice(0, where.length - state.length);
  const key = pathPattern(url, /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? undefined : origin);
  return { origin: key.origin, pattern: key.pattern + state };
}

/** What of an element is kept: no value, no live state beyond what it always is (required, read-only). */
function storedElement(entry: ElementEntry): ElementEntry {
  const { state, inViewport: _inViewport, ...rest } = entry;
  const out: ElementEntry = { ...rest, locators: entry.locators.map((l) => ({ ...l })) };
  // A contenteditable's accessible name falls back to its text, which is what the user typed: keep neither.
  if (entry.kind === 'editable') {
    out.description = '';
    out.locators = out.locators.filter((l) => l.by !== 'text' && !(l.by === 'role' && l.value === entry.description));
  }
  // A message's description is what the page said at that read ("Message sent to ann@example.com"): the user's data.
  if (entry.kind === 'message') out.description = '';
  if (entry.options) out.options = [...entry.options];
  const kept: NonNullable<ElementEntry['state']> = {};
  if (state?.required) kept.required = true;
  if (state?.readonly) kept.readonly = true;
  if (Object.keys(kept).length) out.state = kept;
  return out;
}

/**
 * Lists keep their shape (fields, actions, slots), not their items: counts, samples, values and the items marked (an
 * unread mail's sender and subject, the open channel) are the user's data.
 */
function storedList(entry: ListEntry): ListEntry {
  const { itemNames: _items, itemPaths, machineValues: _values, marked: _marked, markedMore: _more, ...shape } = structuredClone(entry);
  return { ...shape, count: 0, samples: [], ...(itemPaths ? { itemsInexact: true as const } : {}) };
}

/** The document as stored: sanitised, section by section. */
export function storedSections(doc: Pick<PageDocument, 'sections'>): Section[] {
  return doc.sections.map((section) => ({
    ...section,
    entries: section.entries.map((e) => (e.kind === 'list' ? storedList(e) : storedElement(e))),
  }));
}

/**
 * Merges a newly seen page into what was stored for its pattern: the new sections and entries as seen now, then
 * what was seen before and not now (another item's page, a state not shown this time), so names are never lost.
 */
export function mergeSections(before: readonly Section[], now: readonly Section[], misses?: Record<string, number>): Section[] {
  const nowNames = new Set(now.flatMap((s) => s.entries.map((e) => e.name)));
  // With a misses record (updated in place): a name kept from before counts one more read without it, and goes
  // once it has missed MAX_MISSES reads in a row; a name seen now starts over.
  const keep = (name: string) => {
    if (!misses) return true;
    misses[name] = (misses[name] ?? 0) + 1;
    return misses[name]! < MAX_MISSES;
  };
  const oldByName = new Map(before.map((s) => [s.name, s]));
  const merged = now.map((section) => {
    const old = oldByName.get(section.name);
    const kept = old?.entries.filter((e) => !nowNames.has(e.name) && keep(e.name)) ?? [];
    return { ...section, entries: [...section.entries, ...kept] };
  });
  const seen = new Set(now.map((s) => s.name));
  for (const old of before) {
    if (seen.has(old.name)) continue;
    const entries = old.entries.filter((e) => !nowNames.has(e.name) && keep(e.name));
    if (entries.length) merged.push({ ...old, entries });
  }
  if (misses) {
    const kept = new Set(merged.flatMap((s) => s.entries.map((e) => e.name)));
    for (const name of Object.keys(misses)) if (nowNames.has(name) || !kept.has(name)) delete misses[name];
  }
  return merged;
}

function siteRow(row: SiteRow | undefined, origin: string): SiteRow {
  return row ? { ...row, edges: [...row.edges] } : { origin, schema: SITE_SCHEMA_VERSION, version: 0, edges: [], updatedAt: 0 };
}

/**
 * A page title as the site document keeps it: without what belongs to the user (an address, an unread count —
 * "Inbox (3) - ann@example.com - Mail" is "Inbox (#) - … - Mail"), which would also make every read a new version.
 */
export function structuralTitle(title: string): string {
  return title.replace(/[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+/g, '…').replace(/\d+/g, '#').slice(0, 300);
}

/** Stores a page document into its site document. The site's version is bumped only if something changed. */
export async function recordPage(doc: PageDocument, db: PocketDb = database(), maxPages = MAX_PAGES): Promise<{ origin: string; pattern: string; version: number; changed: boolean }> {
  const { origin, pattern } = pageKey(doc);
  return db.transaction('rw', db.siteDocuments, db.sites, async () => {
    const site = siteRow(await db.sites.get(origin), origin);
    const row = await db.siteDocuments.get([origin, pattern]);
    const beforePage = row?.document as StoredPage | undefined;
    const misses = { ...beforePage?.misses };
    const stored: StoredPage = { title: structuralTitle(doc.title), sections: mergeSections(beforePage?.sections ?? [], storedSections(doc), misses) };
    if (Object.keys(misses).length) stored.misses = misses;
    const seenBare = currentView(doc) !== undefined;
    if (beforePage?.opensBare || seenBare) stored.opensBare = true;
    // The bare address shows one view: the one it showed last (an app whose start view the user changed).
    const unmarked = seenBare ? await unmarkOtherBareViews(db, origin, pattern) : false;
    const { misses: _before, ...beforeContent } = beforePage ?? { title: '', sections: [] };
    const { misses: _now, ...nowContent } = stored;
    const changed = unmarked || !row || row.schema !== SITE_SCHEMA_VERSION || JSON.stringify(beforeContent) !== JSON.stringify(nowContent);
    const now = Date.now();
    if (!changed) {
      // Seen again, unchanged: no new version, but the read counts (misses, and which pages are kept when a site is
      // over its page limit: the ones read least recently go, not a hub page that is read often and never changes).
      await db.siteDocuments.put({ ...row, document: stored, seenAt: now });
      return { origin, pattern, version: site.version, changed };
    }
    site.version += 1;
    site.schema = SITE_SCHEMA_VERSION;
    site.updatedAt = now;
    const next: SiteDocumentRow = { origin, pathPattern: pattern, version: site.version, document: stored, schema: SITE_SCHEMA_VERSION, updatedAt: now, seenAt: now };
    await db.siteDocuments.put(next);
    // Paths that are not generalised (one article per path) must not grow a site without bound.
    const rows = await db.siteDocuments.where('origin').equals(origin).toArray();
    if (rows.length > maxPages) {
      const seen = (r: SiteDocumentRow) => r.seenAt ?? r.updatedAt;
      const oldest = rows.filter((r) => r.pathPattern !== pattern).sort((x, y) => seen(x) - seen(y) || x.version - y.version);
      await db.siteDocuments.bulkDelete(oldest.slice(0, rows.length - maxPages).map((r) => [origin, r.pathPattern] as [string, string]));
    }
    await db.sites.put(site);
    return { origin, pattern, version: site.version, changed };
  });
}

/** Clears `opensBare` on the other views of `pattern`'s address; true if one had it. */
async function unmarkOtherBareViews(db: PocketDb, origin: string, pattern: string): Promise<boolean> {
  const bare = pattern.replace(/#.*$/, '');
  const others = (await db.siteDocuments.where('origin').equals(origin).toArray())
    .filter((r) => r.pathPattern !== pattern && r.pathPattern.replace(/#.*$/, '') === bare && (r.document as StoredPage).opensBare);
  for (const other of others) {
    const { opensBare: _was, ...document } = other.document as StoredPage;
    await db.siteDocuments.put({ ...other, document });
  }
  return others.length > 0;
}

/**
 * Stores that activating `element` on `from` led to `to` (documents, URLs, or stored patterns). A new edge bumps the
 * site's version; seeing a known edge again only counts it.
 */
export async function recordEdge(from: string | PageDocument, element: string, to: string | PageDocument,
  db: PocketDb = database()): Promise<{ version: number; added: boolean }> {
  const a = keyOf(from);
  const b = keyOf(to, a.origin || undefined);
  const origin = a.origin || b.origin;
  if (!origin) throw new Error('recordEdge needs a URL or a page document on one side');
  if (b.origin && a.origin && a.origin !== b.origin) throw new Error(`an edge stays on one site (${a.origin} → ${b.origin})`);
  return db.transaction('rw', db.sites, async () => {
    const site = siteRow(await db.sites.get(origin), origin);
    if (a.pattern === b.pattern) return { version: site.version, added: false };
    const now = Date.now();
    const known = site.edges.find((e) => e.from === a.pattern && e.element === element && e.to === b.pattern);
    if (known) {
      known.count += 1;
      known.lastSeen = now;
    } else {
      site.edges.push({ from: a.pattern, element, to: b.pattern, count: 1, lastSeen: now });
      if (site.edges.length > MAX_EDGES) {
        site.edges.sort((x, y) => y.lastSeen - x.lastSeen);
        site.edges.length = MAX_EDGES;
      }
      site.version += 1;
      site.schema = SITE_SCHEMA_VERSION;
    }
    site.updatedAt = now;
    await db.sites.put(site);
    return { version: site.version, added: !known };
  });
}

/**
 * The element of `doc` the user clicked, by the locators taken at the click (id, test id, role + name, text, link
 * target, CSS):
 * the first kind of locator that matches exactly one entry.
 */
export function clickedEntry(doc: PageDocument, locators: readonly Locator[]): string | undefined {
  const same = (a: Locator, b: Locator) => a.by === b.by && a.value === b.value && (a.role ?? '') === (b.role ?? '') && (a.root ?? '') === (b.root ?? '');
  for (const by of ['id', 'testid', 'role', 'text', 'href', 'css'] as const) {
    const wanted = locators.filter((l) => l.by === by);
    if (!wanted.length) continue;
    // Only a locator kind that singles out one entry decides ("Edit" by role in two sections does not; CSS does).
    const hits = doc.sections.flatMap((s) => s.entries).filter((e) => e.kind !== 'list' && e.locators.some((l) => wanted.some((w) => same(l, w))));
    if (hits.length === 1) return hits[0]!.name;
  }
  return undefined;
}

const words = (text: string) => new Set(text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2));

/**
 * Which element of `prev` most likely led to `next`, from what the documents themselves say: a link whose target has
 * the new page's pattern, or — for a dialog that opened — a control that says it opens one or shares a word with the
 * dialog's name or title. Undefined when nothing says so (the caller that performed the click should record the
 * edge itself with recordEdge).
 */
export function inferEdge(prev: PageDocument, next: PageDocument): string | undefined {
  const a = pageKey(prev);
  const b = pageKey(next);
  if (a.origin !== b.origin || a.pattern === b.pattern) return undefined;
  const elements = prev.sections.flatMap((s) => s.entries).filter((e): e is ElementEntry => e.kind !== 'list');
  const target = viewPattern(next);
  if (target !== viewPattern(prev)) {
    for (const entry of elements) {
      const goes = /(?:^|; )goes to (\S+)/.exec(entry.effect ?? '')?.[1];
      if (!goes) continue;
      try {
        const there = pathPattern(goes, prev.url);
        // A link to the bare page (`/demo/`) leads to the view the page opens with (`/demo/#inbox`).
        if (there.origin === b.origin && (there.pattern === target || `${there.pattern}${currentView(next) ?? ''}` === target)) return entry.name;
      } catch {
        // not a URL: not this one
      }
    }
    return undefined;
  }
  const before = new Set(prev.sections.filter((s) => s.kind === 'dialog').map((s) => s.name));
  const opened = next.sections.filter((s) => s.kind === 'dialog' && !before.has(s.name));
  if (!opened.length) return undefined;
  const dialogWords = new Set(opened.flatMap((s) => [...words(`${s.name} ${s.title}`)]));
  const controls = elements.filter((e) => ['button', 'link', 'clickable', 'menuitem'].includes(e.kind));
  const controlled = (e: ElementEntry) => /controls "([^"]*)"/.exec(e.effect ?? '')?.[1] ?? '';
  const namesDialog = (e: ElementEntry) => [...words(`${e.name.split('__').pop() ?? ''} ${e.description} ${controlled(e)}`)].some((w) => dialogWords.has(w) && w !== 'button');
  const openers = controls.filter((e) => /opens a dialog/.test(e.effect ?? ''));
  // A dialog opener that names this dialog; else any control that names it; a lone dialog opener last (with two,
  // Share and Compose say, the first is not the one that opened New message).
  const opener = openers.find(namesDialog) ?? controls.find(namesDialog) ?? (openers.length === 1 ? openers[0] : undefined);
  return opener?.name;
}

/** Names a page offers: its elements and lists. */
function namesOn(page: StoredPage): Set<string> {
  return new Set(page.sections.flatMap((s) => s.entries.map((e) => e.name)));
}

/**
 * What the site document knows of `elementName` seen from `from`: the page that has it and the shortest path of
 * recorded clicks there; or the pages that have it when no recorded path leads there; or that no recorded page has it.
 */
export type Finding =
  | { found: 'reachable'; location: Location }
  | { found: 'unreachable'; pages: string[] }
  | { found: 'nowhere' };

/**
 * Where `elementName` lives on this site and the shortest path of clicks that reaches it from `from` (a URL, a path
 * on `origin`, or a stored pattern), over the recorded edges. Null if no recorded page has it or none is reachable
 * (findOnSite tells the two apart).
 */
export async function locate(origin: string, elementName: string, from: string | PageDocument, db: PocketDb = database()): Promise<Location | null> {
  const finding = await findOnSite(origin, elementName, from, db);
  return finding.found === 'reachable' ? finding.location : null;
}

/** As locate, telling "no recorded page has it" from "stored on a page no recorded path leads to" (session 22). */
export async function findOnSite(origin: string, elementName: string, from: string | PageDocument, db: PocketDb = database()): Promise<Finding> {
  const [rows, site] = await Promise.all([db.siteDocuments.where('origin').equals(origin).toArray(), db.sites.get(origin)]);
  const holders = new Set(rows.filter((r) => namesOn(r.document as StoredPage).has(elementName)).map((r) => r.pathPattern));
  if (!holders.size) return { found: 'nowhere' };
  const { order, previous } = walkEdges(keyOf(from, origin).pattern, [...site?.edges ?? [], ...impliedEdges(origin, rows, from)]);
  const at = order.find((pattern) => holders.has(pattern));
  if (at === undefined) return { found: 'unreachable', pages: [...holders].sort() };
  const path: Step[] = [];
  for (let step = previous.get(at); step; step = previous.get(step.from)) path.unshift(step);
  return { found: 'reachable', location: { pattern: at, path } };
}

/** The pages (patterns) the recorded edges lead to from `from`, itself included: those whose names a run can reach. */
export async function reachablePages(origin: string, from: string | PageDocument, db: PocketDb = database()): Promise<Set<string>> {
  const [rows, site] = await Promise.all([db.siteDocuments.where('origin').equals(origin).toArray(), db.sites.get(origin)]);
  return new Set(walkEdges(keyOf(from, origin).pattern, [...site?.edges ?? [], ...impliedEdges(origin, rows, from)]).order);
}

/**
 * The ways links say they go, where no click was recorded: a link of a recorded page (or of the page itself) whose
 * target is another recorded page of the site (the site-wide "Account" link seen on every page, walked from one).
 * They come after the recorded ways (lastSeen 0), which are what a click was seen doing.
 */
function impliedEdges(origin: string, rows: readonly SiteDocumentRow[], from: string | PageDocument): SiteEdge[] {
  const recorded = new Set(rows.map((row) => row.pathPattern));
  // The view a bare address opens with, where a read saw it (`/demo/` → `/demo/#inbox`), as inferEdge knows it.
  const bare = new Map<string, string>();
  for (const row of rows) {
    if ((row.document as StoredPage).opensBare && !row.pathPattern.includes(' [dialog:')) bare.set(row.pathPattern.replace(/#.*$/, ''), row.pathPattern);
  }
  const pages: Array<{ pattern: string; sections: readonly Section[] }> = rows.map((row) => ({ pattern: row.pathPattern, sections: (row.document as StoredPage).sections }));
  if (typeof from !== 'string') pages.push({ pattern: keyOf(from, origin).pattern, sections: from.sections });
  const edges: SiteEdge[] = [];
  for (const page of pages) {
    for (const section of page.sections) {
      for (const entry of section.entries) {
        if (entry.kind !== 'link') continue;
        const target = /(?:^|; )goes to (\S+)/.exec(entry.effect ?? '')?.[1];
        if (!target) continue;
        let to: string;
        try {
          const key = pathPattern(new URL(target, `${origin}${page.pattern.replace(/ \[dialog:[^\]]+\]$/, '').replace(/[#?].*$/, '')}`).href);
          if (key.origin !== origin) continue;
          to = recorded.has(key.pattern) ? key.pattern : bare.get(key.pattern) ?? key.pattern;
        } catch {
          continue;
        }
        if (to !== page.pattern && recorded.has(to)) edges.push({ from: page.pattern, element: entry.name, to, count: 0, lastSeen: 0 });
      }
    }
  }
  return edges;
}

/** Breadth first from `start` along the edges (in a fixed order): the pages met, nearest first, and the step into each. */
function walkEdges(start: string, edges: readonly SiteEdge[]): { order: string[]; previous: Map<string, Step | null> } {
  const out = new Map<string, SiteEdge[]>();
  // The way last seen taken first (a relabelled link's new edge over its stale one), then by name, for a fixed order.
  for (const edge of [...edges].sort((x, y) => y.lastSeen - x.lastSeen || x.element.localeCompare(y.element) || x.to.localeCompare(y.to))) {
    out.set(edge.from, [...(out.get(edge.from) ?? []), edge]);
  }
  // An open dialog (a cookie banner) makes a state of the page; the page's own edges still lead on from it.
  const base = start.replace(/ \[dialog:[^\]]+\]$/, '');
  const previous = new Map<string, Step | null>([[start, null], [base, null]]);
  const order = base === start ? [start] : [start, base];
  for (let i = 0; i < order.length; i++) {
    for (const edge of out.get(order[i]!) ?? []) {
      if (previous.has(edge.to)) continue;
      previous.set(edge.to, { from: edge.from, element: edge.element, to: edge.to });
      order.push(edge.to);
    }
  }
  return { order, previous };
}

/** Everything stored for a site, for the user to look at. */
export async function viewSite(origin: string, db: PocketDb = database()): Promise<SiteView> {
  const [rows, site] = await Promise.all([db.siteDocuments.where('origin').equals(origin).toArray(), db.sites.get(origin)]);
  return {
    origin,
    version: site?.version ?? 0,
    schema: site?.schema ?? SITE_SCHEMA_VERSION,
    pages: rows.map((row) => {
      const page = row.document as StoredPage;
      return { pattern: row.pathPattern, version: row.version, title: page.title, sections: page.sections, updatedAt: row.updatedAt };
    }).sort((x, y) => x.pattern.localeCompare(y.pattern)),
    edges: site?.edges ?? [],
  };
}

/** Forgets a site: its pages and its edges. */
/** Forgets a site: its page map (pages, states, edges), its saved scripts, and the stored runs made on it. */
export async function clearSite(origin: string, db: PocketDb = database()): Promise<void> {
  await db.transaction('rw', [db.siteDocuments, db.sites, db.scripts, db.settings], async () => {
    await db.siteDocuments.where('origin').equals(origin).delete();
    await db.sites.delete(origin);
    await db.scripts.where('origin').equals(origin).delete();
    await db.settings.filter((row) => row.key.startsWith('automate.run.') && (row.value as { origin?: unknown } | null)?.origin === origin).delete();
  });
}
