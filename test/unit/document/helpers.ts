import { buildPageDocument } from '../../../extension/content/document/build.ts';
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
