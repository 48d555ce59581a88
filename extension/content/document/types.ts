/** The document's shapes live with their valibot schemas in the protocol (one source of truth for the wire). */
export type {
  ElementEntry, ElementKind, ListEntry, ListSlot, Locator, PageDocument, Section,
} from '../../protocol/schemas.ts';
import type { ElementEntry, ListEntry, Section } from '../../protocol/schemas.ts';

export type Entry = ElementEntry | ListEntry;
export type SectionKind = Section['kind'];

export interface BuildOptions {
  /** Elements (of the page, its shadow roots and frames) read before the walk stops with `truncated` (default 40,000). */
  maxNodes?: number;
  /** Wall-clock budget of the walk in ms (default 1,500). */
  maxMs?: number;
  /** Entries kept before the rest is dropped with `truncated` (default 3,000). */
  maxEntries?: number;
  /** Clock for the time budget (tests pass a fake one). */
  now?: () => number;
}

export const isList = (entry: Entry): entry is ListEntry => entry.kind === 'list';
