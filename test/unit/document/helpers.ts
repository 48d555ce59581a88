import { buildPageDocument } from '../../../extension/content/document/build.ts';
import { renderDocument } from '../../../extension/content/document/render.ts';
import type { BuildOptions, ElementEntry, Entry, ListEntry, PageDocument } from '../../../extension/content/document/types.ts';

export function load(html: string): void {
  document.title = '';
  document.head.innerHTML = '';
  document.body.innerHTML = html;
}

export function build(html?: string, options?: BuildOptions): PageDocument {
  if (html !== undefined) load(html);
  return buildPageDocument(document, options);
}

export const entries = (doc: PageDocument): Entry[] => doc.sections.flatMap((s) => s.entries);
export const names = (doc: PageDocument): string[] => entries(doc).map((e) => e.name);

export function entry(doc: PageDocument, name: string): ElementEntry {
  const found = entries(doc).find((e) => e.name === name);
  if (!found) throw new Error(`no entry ${name}; have ${names(doc).join(', ')}`);
  if (found.kind === 'list') throw new Error(`${name} is a list`);
  return found;
}

export function list(doc: PageDocument, name: string): ListEntry {
  const found = entries(doc).find((e) => e.name === name);
  if (!found || found.kind !== 'list') throw new Error(`no list ${name}; have ${names(doc).join(', ')}`);
  return found;
}

/** The document without its timing, for equality checks. */
export const stable = (doc: PageDocument) => ({ ...doc, stats: { ...doc.stats, ms: 0 } });

/** The document's lists. */
export const lists = (doc: PageDocument): ListEntry[] => doc.sections.flatMap((s) => s.entries).filter((e): e is ListEntry => e.kind === 'list');

/** The list whose description is `description` (a link group's: "links in running text", …). */
export function listDescribed(doc: PageDocument, description: string): ListEntry {
  const found = lists(doc).find((l) => l.description === description);
  if (!found) throw new Error(`no list "${description}" in ${renderDocument(doc)}`);
  return found;
}

export const words = (n: number): string => ' and some more words of running text around it'.repeat(n);

/** An article whose running-text links share their ancestor with a toolbar's links and a table's; `after` ends its main. */
export const hermitianArticle = (after = ''): string => `<main><h1>Hermitian matrix</h1><div class="body">
  <div class="tools"><a href="/edit">edit</a> <a href="/history">history</a></div>
  <p>A matrix over the <a href="/wiki/complex">complex</a> numbers${words(2)} is a <a href="/wiki/square">square matrix</a>${words(2)}.</p>
  <table class="infobox"><tr><th>Kind</th><td><a href="/wiki/matrix">Matrix</a></td></tr></table>
  <p>Named after <a href="/wiki/hermite">Charles Hermite</a>${words(3)}.</p>
  <div class="tools"><a href="/edit#2">edit</a></div></div>${after}</main>`;
