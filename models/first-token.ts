/**
 * Time to first token as measured on this device (issue 10): every generation's TTFT goes into a running mean per
 * model, backend and prompt-length bucket. The "fastest first token" preference picks, among the models made for a
 * feature, the one that measured fastest on prompt-heavy requests (the `long` bucket) — whichever architecture that is
 * here, not what a paper says.
 */
import type { Candidate } from './defaults.ts';

export const FIRST_TOKEN_BUCKETS = [
  { name: 'short', max: 63 },
  { name: 'medium', max: 255 },
  { name: 'long', max: 1023 },
  { name: 'very-long', max: Infinity },
] as const;
export type FirstTokenBucket = (typeof FIRST_TOKEN_BUCKETS)[number]['name'];

/** The bucket prompt-heavy tasks are judged by. */
export const PROMPT_HEAVY: FirstTokenBucket = 'long';
/** Later measurements weigh as much as the last this many together, so a record follows the device as it is now. */
const WINDOW = 20;

export interface FirstTokenRow {
  model: string;
  backend: string;
  bucket: FirstTokenBucket;
  count: number;
  meanMs: number;
  updatedAt: number;
}

export function bucketOf(promptTokens: number): FirstTokenBucket {
  return FIRST_TOKEN_BUCKETS.find((b) => promptTokens <= b.max)!.name;
}

/** The row after one more measurement (a running mean over the last ~WINDOW). */
export function addMeasurement(row: FirstTokenRow | undefined, model: string, backend: string, promptTokens: number,
  ttftMs: number, now = Date.now()): FirstTokenRow {
  const bucket = bucketOf(promptTokens);
  if (!row) return { model, backend, bucket, count: 1, meanMs: ttftMs, updatedAt: now };
  const count = row.count + 1;
  return { ...row, count, meanMs: row.meanMs + (ttftMs - row.meanMs) / Math.min(count, WINDOW), updatedAt: now };
}

export interface FastestPick {
  model: string;
  meanMs: number;
  backend: string;
  /** Every measured candidate, fastest first. */
  measured: Array<{ model: string; meanMs: number; backend: string }>;
}

/** Among ready, runnable models made for `feature`, the one with the lowest prompt-heavy TTFT here; undefined if none measured. */
export function fastestFirstToken(feature: Candidate['entry']['goodFor'][number], candidates: readonly Candidate[],
  rows: readonly FirstTokenRow[], bucket: FirstTokenBucket = PROMPT_HEAVY): FastestPick | undefined {
  const usable = new Set(candidates.filter((c) => c.ready && c.runnable && c.entry.goodFor.includes(feature)).map((c) => c.entry.id));
  const best = new Map<string, { model: string; meanMs: number; backend: string }>();
  for (const row of rows) {
    if (row.bucket !== bucket || !usable.has(row.model) || row.backend === 'replay') continue;
    const known = best.get(row.model);
    if (!known || row.meanMs < known.meanMs) best.set(row.model, { model: row.model, meanMs: row.meanMs, backend: row.backend });
  }
  const measured = [...best.values()].sort((a, b) => a.meanMs - b.meanMs || a.model.localeCompare(b.model));
  const first = measured[0];
  return first ? { ...first, measured } : undefined;
}
