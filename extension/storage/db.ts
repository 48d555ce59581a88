import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { FirstTokenRow } from '../../models/first-token.ts';
import type { ElementEntry, ListEntry } from '../protocol/schemas.ts';

export interface SettingRow {
  key: string;
  value: unknown;
  /** Added in version 2; rows from version 1 are given 0. */
  updatedAt: number;
}
export interface ModelRow {
  id: string;
  state: 'absent' | 'downloading' | 'paused' | 'complete' | 'failed';
  /** Bytes on disk (complete and partial files). */
  bytes: number;
  /** `stage: 'check'`: the files are in, and a model the user added is being loaded once to see that it runs here. */
  progress?: { file: string; bytesDone: number; bytesTotal: number; rateBps: number; etaS: number | null; stage?: 'check' };
  error?: { name: string; message: string };
  /** A model the user added by URL; catalogue models leave this empty. */
  custom?: unknown;
  /** Set when its download completes: the model's tokenizer_config.json has a chat template (it takes chat turns). */
  chatTemplate?: boolean;
  updatedAt: number;
}
export interface ModelFileRow {
  modelId: string;
  path: string;
  bytes: number;
  sha256: string | null;
  complete: boolean;
  /** While incomplete: the server's ETag or Last-Modified, sent as If-Range when the download resumes. */
  validator?: string;
}
export interface SiteDocumentRow {
  origin: string;
  pathPattern: string;
  version: number;
  document: unknown;
  /** Format of `document` (see features/automate/site-document.ts); rows written before version 3 have none. */
  schema?: number;
  updatedAt: number;
  /** Last time the page was read (changed or not); pages read least recently go first when a site is over its limit. */
  seenAt?: number;
}
/** Version 3: one row per site — its version (bumped on every change to its pages or edges) and its edges. */
export interface SiteRow {
  origin: string;
  schema: number;
  version: number;
  edges: SiteEdge[];
  updatedAt: number;
}
/** Activating `element` on page/state `from` led to `to` (both path patterns, see site-document.ts). */
export interface SiteEdge {
  from: string;
  element: string;
  to: string;
  count: number;
  lastSeen: number;
}
export interface ScriptRow {
  id?: number;
  origin: string;
  name: string;
  source: string;
  params: string[];
  /** When it was first saved: the library's order (replacing or renaming a script keeps its place). */
  createdAt: number;
  /** When its source or name last changed (not indexed: no schema change). */
  updatedAt?: number;
  /** The task the script was written for (a repair at replay works from it, not from the script's name). */
  task?: string;
  /** The lists the script names, as its run reached them, with the page each was on (replayable.ts `listsToSave`). */
  lists?: { pattern: string; list: ListEntry }[];
  /** The elements the script names: kind and locators, with the page each was on (replayable.ts `elementsToSave`). */
  elements?: { pattern: string; element: Pick<ElementEntry, 'name' | 'kind' | 'locators'> }[];
}
export interface StoryRow {
  id?: number;
  prompt: string;
  writer: string;
  text: string;
  params: Record<string, unknown>;
  createdAt: number;
}
export interface RatingRow {
  id?: number;
  pairId: string;
  storyId: number;
  scores: Record<string, number>;
  createdAt: number;
}
export interface ProbeRunRow {
  id: string;
  status: 'queued' | 'running' | 'paused' | 'done' | 'failed' | 'cancelled';
  config: unknown;
  createdAt: number;
}
export interface ProbeItemRow {
  runId: string;
  itemKey: string;
  result: unknown;
}

/** Version 1 shipped settings and the model index only. Kept verbatim: upgrades start from it. */
export const SCHEMA_V1 = {
  settings: '&key',
  models: '&id, state',
  modelFiles: '&[modelId+path], modelId',
} as const;

export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  siteDocuments: '&[origin+pathPattern], origin',
  scripts: '++id, origin, [origin+name]',
  stories: '++id, createdAt, writer',
  ratings: '++id, pairId, storyId',
  probeRuns: '&id, status, createdAt',
  probeItems: '&[runId+itemKey], runId',
} as const;

/** Version 3 adds the per-site row (version, navigation edges) of the site document. */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  sites: '&origin',
} as const;

/** Version 4 adds the first-token timings measured on this device (models/first-token.ts). */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  firstTokens: '&[model+backend+bucket], model',
} as const;

export const DB_NAME = 'pocket-slm';

export class PocketDb extends Dexie {
  settings!: Table<SettingRow, string>;
  models!: Table<ModelRow, string>;
  modelFiles!: Table<ModelFileRow, [string, string]>;
  siteDocuments!: Table<SiteDocumentRow, [string, string]>;
  sites!: Table<SiteRow, string>;
  scripts!: Table<ScriptRow, number>;
  stories!: Table<StoryRow, number>;
  ratings!: Table<RatingRow, number>;
  probeRuns!: Table<ProbeRunRow, string>;
  probeItems!: Table<ProbeItemRow, [string, string]>;
  firstTokens!: Table<FirstTokenRow, [string, string, string]>;

  constructor(name = DB_NAME, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade((tx) =>
      tx.table('settings').toCollection().modify((row: Partial<SettingRow>) => {
        row.updatedAt ??= 0;
      }));
    // Sites that already had page rows get their site row (at the newest page's version, no edges yet).
    this.version(3).stores(SCHEMA_V3).upgrade(async (tx) => {
      const versions = new Map<string, number>();
      await tx.table('siteDocuments').each((row: SiteDocumentRow) => versions.set(row.origin, Math.max(versions.get(row.origin) ?? 1, row.version)));
      await tx.table('sites').bulkPut([...versions].map(([origin, version]) => ({ origin, schema: 0, version, edges: [], updatedAt: 0 })));
    });
    this.version(4).stores(SCHEMA_V4);
    // Version 3 first gave every such site version 1, below its own pages: a site is at least at its newest page.
    this.version(5).stores(SCHEMA_V4).upgrade(async (tx) => {
      const versions = new Map<string, number>();
      await tx.table('siteDocuments').each((row: SiteDocumentRow) => versions.set(row.origin, Math.max(versions.get(row.origin) ?? 0, row.version)));
      await tx.table('sites').toCollection().modify((site: SiteRow) => {
        site.version = Math.max(site.version, versions.get(site.origin) ?? 0);
      });
    });
  }
}

let shared: PocketDb | undefined;
export function database(): PocketDb {
  shared ??= new PocketDb();
  return shared;
}
