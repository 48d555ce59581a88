/**
 * Texts of a list's items the bridge read in one round trip (`texts`, content/executor/read-cache.ts), served to the
 * script's next reads of that list while they are known to be what the page shows: until the bridge forgets them (any
 * call but a read: an action, wait, waitFor, navigate, scroll, ask…) or the page reports a change (`watch`). A script
 * that maps over 3,711 items makes a few round trips, not 3,711 (each ~20 ms through the background).
 */
import type { PageDocument } from '../../protocol/schemas.ts';
import { MAX_COLUMN_TEXTS } from '../../protocol/list-reads.ts';

/** What one `texts` answer brings, read at `generation` of the page. */
export interface ColumnChunk {
  from: number;
  texts: readonly string[];
  generation: string;
}

/** How many items the first `texts` of a list asks for, and the most one asks for (the executor's cap too). */
export const FIRST_CHUNK = 100;
export const MAX_CHUNK = MAX_COLUMN_TEXTS;
/** What a list read again after the page changed asks for first: a page that keeps changing (a clock, an animation
 * that sets attributes) would otherwise make every read compute and send 100 texts to use one. */
export const CHANGED_CHUNK = 4;

interface Column {
  doc: PageDocument;
  chunks: ColumnChunk[];
}

export class ReadColumns {
  private readonly columns = new Map<string, Column>();
  /** How many items the next `texts` of a list asks for: doubled each time, back to the first size once the page changed. */
  private readonly sizes = new Map<string, number>();
  /** Moves on each time everything is forgotten: an answer asked for before then is not kept. */
  private epoch = 0;
  /** Generations the page has been reported to have changed since: an answer read at one of them is not kept. */
  private readonly changed = new Set<string>();
  /** Reads served from what is held. */
  served = 0;

  private static key(name: string, field: string | undefined): string {
    return `${name}\n${field ?? ''}`;
  }

  /** The text of item `index` of the list's `field` (its whole text without one), if held for `doc`. */
  text(doc: PageDocument, name: string, field: string | undefined, index: number): string | undefined {
    const column = this.columns.get(ReadColumns.key(name, field));
    if (!column || column.doc !== doc) return undefined;
    for (const chunk of column.chunks) {
      const text = index >= chunk.from ? chunk.texts[index - chunk.from] : undefined;
      if (text !== undefined) {
        this.served++;
        return text;
      }
    }
    return undefined;
  }

  /** How many items to ask for now. */
  size(name: string, field: string | undefined): number {
    return this.sizes.get(ReadColumns.key(name, field)) ?? (this.changed.size ? CHANGED_CHUNK : FIRST_CHUNK);
  }

  /** What the bridge may keep as it is now: a `texts` asked at `epoch` keeps its answer only if nothing was forgotten since. */
  get now(): number {
    return this.epoch;
  }

  /** Keeps a `texts` answer asked for at `epoch`, for `doc`. */
  keep(epoch: number, doc: PageDocument, name: string, field: string | undefined, chunk: ColumnChunk): boolean {
    if (epoch !== this.epoch || !chunk.texts.length || this.changed.has(chunk.generation)) return false;
    this.readAt(doc, chunk.generation);
    const key = ReadColumns.key(name, field);
    const column = this.columns.get(key);
    // Chunks read at another generation are of another page state: the older ones go.
    const chunks = column && column.doc === doc ? column.chunks.filter((held) => held.generation === chunk.generation) : [];
    this.columns.set(key, { doc, chunks: [...chunks, chunk] });
    this.sizes.set(key, Math.min(MAX_CHUNK, this.size(name, field) * 2));
    return true;
  }

  /**
   * A read of `doc` answered at `generation`. Calls go one at a time, so it is the newest: texts of the same page held
   * at another generation were read before a change it proves, whether or not their `watch` said so yet (review,
   * session 28: `$list.length` read fresh while `$list[i].text()` came from before rows were inserted).
   */
  readAt(doc: PageDocument, generation: string): void {
    for (const older of this.generationsOf(doc)) if (older !== generation) this.pageChanged(older);
  }

  /** The generations texts held for `doc` were read at. */
  private generationsOf(doc: PageDocument): Set<string> {
    const generations = new Set<string>();
    for (const column of this.columns.values()) if (column.doc === doc) for (const chunk of column.chunks) generations.add(chunk.generation);
    return generations;
  }

  /** Holds texts read at `generation`. */
  holds(generation: string): boolean {
    for (const column of this.columns.values()) if (column.chunks.some((chunk) => chunk.generation === generation)) return true;
    return false;
  }

  /** Forgets everything held (a call that may change the page, or after which the script expects it to have). */
  forget(): void {
    this.epoch++;
    this.columns.clear();
  }

  /**
   * The page has changed since `generation`: what was read then goes. Lists read again start small (CHANGED_CHUNK)
   * and double while the page stays put, so a page that keeps changing costs about what reading item by item did.
   */
  pageChanged(generation: string): void {
    if (this.changed.size >= 1000) this.changed.clear();
    this.changed.add(generation);
    this.sizes.clear();
    this.release(generation);
  }

  /** Lets go of what was read at `generation` (no longer watched: the script stopped reading it). */
  release(generation: string): void {
    for (const [key, column] of this.columns) {
      const kept = column.chunks.filter((chunk) => chunk.generation !== generation);
      if (kept.length) this.columns.set(key, { ...column, chunks: kept });
      else this.columns.delete(key);
    }
  }
}
