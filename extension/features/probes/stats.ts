import { csvCell } from '../../ui/csv.ts';

/** Mean and sample standard deviation (n − 1; 0 for one value, which the UI shows as "–", not "± 0"). */
export function meanStd(values: readonly number[]): { mean: number; std: number; n: number } {
  const n = values.length;
  if (!n) return { mean: Number.NaN, std: Number.NaN, n };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, std: Math.sqrt(variance), n };
}

export type Method = 'parse' | 'exact' | 'judge';

export interface ItemResult {
  model: string;
  suite: string;
  strategy: string;
  perturbation: string;
  repeat: number;
  seed: number;
  itemId: string;
  gold: string;
  reply: string;
  parsed: string | null;
  correct: { parse: boolean; exact: boolean; judge: boolean | null };
  judgeReply?: string;
  error?: string;
  ms: number;
  finishedAt: number;
}

export interface Cell {
  key: string;
  model: string;
  suite: string;
  strategy: string;
  perturbation: string;
  /** Accuracy per repeat and its mean ± std, per evaluation method (judge: over items with a yes/no verdict). */
  methods: Record<Method, { perRepeat: number[]; mean: number; std: number }>;
  items: number;
  /** Items whose model call failed (worker crash, device lost…): left out of every accuracy, counted here. */
  errors: number;
  /**
   * Repeats with fewer items than planned (a cancelled or paused run; without a plan, than the fullest repeat): left
   * out of mean ± std.
   */
  partialRepeats: number;
  judgeNeither: number;
  /** Items whose judge call failed (no verdict, not a "neither"). */
  judgeErrors: number;
  /** Items where parse-based and exact match, or parse-based and the judge, disagree. */
  disagreements: { parseVsExact: number; parseVsJudge: number };
}

/** The model's own call failed: there is no answer to score (a failed judge call only loses the verdict). */
export const callFailed = (r: Pick<ItemResult, 'error'>) => r.error !== undefined && !r.error.startsWith('judge: ');
const judgeFailed = (r: Pick<ItemResult, 'error'>) => r.error?.startsWith('judge: ') === true;

export const cellKey = (r: Pick<ItemResult, 'model' | 'suite' | 'strategy' | 'perturbation'>) =>
  `${r.model}|${r.suite}|${r.strategy}|${r.perturbation}`;

/** `planned`: the items each repeat of a cell (by cellKey) asks for, from the run's plan; without it, the fullest repeat. */
export function summarize(results: readonly ItemResult[], planned?: ReadonlyMap<string, number>): Cell[] {
  const groups = new Map<string, ItemResult[]>();
  for (const r of results) groups.set(cellKey(r), [...(groups.get(cellKey(r)) ?? []), r]);
  return [...groups.entries()].map(([key, rows]) => {
    const repeats = [...new Set(rows.map((r) => r.repeat))].sort((a, b) => a - b);
    const sizes = repeats.map((rep) => rows.filter((r) => r.repeat === rep).length);
    const wanted = planned?.get(key) ?? Math.max(...sizes);
    const complete = repeats.filter((_, i) => sizes[i]! >= wanted);
    const answered = rows.filter((r) => !callFailed(r));
    const method = (m: Method) => {
      const perRepeat = complete.map((rep) => {
        const scored = answered.filter((r) => r.repeat === rep && (m !== 'judge' || r.correct.judge !== null));
        return scored.length ? scored.filter((r) => r.correct[m] === true).length / scored.length : Number.NaN;
      }).filter((x) => !Number.isNaN(x));
      return { perRepeat, ...meanStd(perRepeat) };
    };
    const first = rows[0]!;
    return {
      key, model: first.model, suite: first.suite, strategy: first.strategy, perturbation: first.perturbation,
      methods: { parse: method('parse'), exact: method('exact'), judge: method('judge') },
      items: rows.length,
      errors: rows.length - answered.length,
      partialRepeats: repeats.length - complete.length,
      judgeNeither: rows.filter((r) => r.correct.judge === null && r.judgeReply !== undefined && !judgeFailed(r)).length,
      judgeErrors: rows.filter(judgeFailed).length,
      disagreements: {
        parseVsExact: answered.filter((r) => r.correct.parse !== r.correct.exact).length,
        parseVsJudge: answered.filter((r) => r.correct.judge !== null && r.correct.parse !== r.correct.judge).length,
      },
    };
  });
}

/**
 * Clean accuracy minus perturbed accuracy (parse-based), per perturbed cell that has a clean twin. A perturbation that
 * applies to some items only (large-numbers: the GSM8K items with a GSM-Hard twin; shuffle-options: items with options)
 * is compared on those same items: the clean accuracy is taken over them (from `results`), and `items` says how many.
 */
export function robustnessDrops(cells: readonly Cell[], results: readonly ItemResult[] = []): Drop[] {
  const itemsOf = new Map<string, ItemResult[]>();
  for (const r of results) itemsOf.set(cellKey(r), [...(itemsOf.get(cellKey(r)) ?? []), r]);
  return cells.filter((c) => c.perturbation !== 'none').flatMap((c) => {
    const clean = cells.find((x) => x.model === c.model && x.suite === c.suite && x.strategy === c.strategy && x.perturbation === 'none');
    if (!clean) return [];
    const perturbed = new Set((itemsOf.get(c.key) ?? []).map((r) => originalId(r.itemId)));
    const cleanRows = itemsOf.get(clean.key) ?? [];
    const fewer = perturbed.size > 0 && cleanRows.some((r) => !perturbed.has(r.itemId));
    const baseline = fewer ? summarize(cleanRows.filter((r) => perturbed.has(r.itemId)))[0] : clean;
    if (!baseline) return [];
    return [{ key: c.key, perturbation: c.perturbation, drop: baseline.methods.parse.mean - c.methods.parse.mean, ...(fewer ? { items: perturbed.size } : {}) }];
  });
}

/** A perturbed item's id is its original's with "~" and the perturbation after it ("gsm8k-3~large"). */
const originalId = (itemId: string) => itemId.split('~')[0]!;

export interface Drop {
  key: string;
  perturbation: string;
  /** A fraction: 0.25 is 25 percentage points. */
  drop: number;
  /** Compared on this many items only (those the perturbation applies to); absent when on the whole cell. */
  items?: number;
}

export function itemsCsv(results: readonly ItemResult[]): string {
  const head = ['model', 'suite', 'strategy', 'perturbation', 'repeat', 'seed', 'item', 'gold', 'parsed', 'parse', 'exact', 'judge', 'ms', 'error', 'reply'];
  const rows = results.map((r) => [r.model, r.suite, r.strategy, r.perturbation, r.repeat, r.seed, r.itemId, r.gold, r.parsed ?? '',
    r.correct.parse, r.correct.exact, r.correct.judge ?? (judgeFailed(r) ? '' : 'neither'), r.ms, r.error ?? '', r.reply]);
  return [head, ...rows].map((row) => row.map(csvCell).join(',')).join('\n');
}
