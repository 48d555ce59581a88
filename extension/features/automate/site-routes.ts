/**
 * The automation run's use of the site document: names on other pages of the site (so a script may use them), the
 * click path to the page holding a name, and the edges a run's own clicks reveal.
 */
import type { PageDocument } from '../../protocol/schemas.ts';
import type { ScriptName } from '../../sandbox/capabilities/bridge.ts';
import { entriesOf, scriptNames } from './page-bridge.ts';
import { locate, pageKey, reachablePages, recordEdge, recordPage, viewSite } from './site-document.ts';

/** Only web pages have a site: a file:// page's origin is "null", which every local file would share. */
const onSite = (doc: PageDocument) => /^https?:/.test(doc.url);

export async function otherPageNames(doc: PageDocument): Promise<ScriptName[]> {
  const names = new Map<string, ScriptName>();
  // This page's tab panels that are not shown come first: one click away.
  for (const view of doc.views ?? []) {
    for (const name of scriptNames({ ...doc, sections: view.sections })) if (!names.has(name.name)) names.set(name.name, name);
  }
  if (!onSite(doc)) return [...names.values()];
  const { origin, pattern } = pageKey(doc);
  // Only pages a recorded way leads to from here: a name on any other would be offered and then not found.
  const [site, reachable] = await Promise.all([viewSite(origin), reachablePages(origin, doc)]);
  for (const page of site.pages) {
    if (page.pattern === pattern || !reachable.has(page.pattern)) continue;
    for (const name of scriptNames({ ...doc, sections: page.sections })) if (!names.has(name.name)) names.set(name.name, name);
  }
  return [...names.values()];
}

export async function routeTo(name: string, from: PageDocument): Promise<string[] | null> {
  const view = from.views?.find((v) => v.sections.some((section) => section.entries.some((entry) => entry.name === name)));
  if (view) return [view.via];
  if (!onSite(from)) return null;
  const found = await locate(pageKey(from).origin, name, from);
  const steps = found?.path.map((step) => step.element) ?? [];
  // A way that starts by sending a form (an edge recorded before submissions were left out) is no way to walk unasked.
  return steps.length && !submits(from, steps[0]!) ? steps : null;
}

/** Whether `element` of `doc` sends a form: a click there passes on whatever its fields hold (empty, on a route). */
function submits(doc: PageDocument, element: string): boolean {
  const entry = entriesOf(doc).find((candidate) => candidate.name === element);
  return entry?.kind !== 'list' && /(^|; )submits /.test(entry?.effect ?? '');
}

/**
 * Records the edge a click made, unless that click sent a form: a sign-in or search button is a way to the next page
 * only with its fields filled, so walking it to reach a name would send the form empty (explorer, session 32).
 */
export function recordNavigation(from: PageDocument, element: string, to: PageDocument): void {
  if (!onSite(from) || !onSite(to) || submits(from, element)) return;
  void recordPage(from).then(() => recordPage(to)).then(() => recordEdge(from, element, to)).catch(() => undefined);
}
