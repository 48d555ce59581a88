import { describe, expect, test } from 'vitest';
import { compareRuns, comparisonCsv, signedPoints, type ComparedRun } from '../../../extension/features/probes/compare.ts';
import type { ItemResult } from '../../../extension/features/probes/stats.ts';

/** Rows of one cell: `right[repeat]` items right out of `of`, parse and exact alike; a judge that agrees (true), disagrees (false) or none. */
function cell(model: string, suite: string, strategy: string, right: number[], of: number, judge?: boolean): ItemResult[] {
  return right.flatMap((k, repeat) => Array.from({ length: of }, (_, i): ItemResult => ({
    model, suite, strategy, perturbation: 'none', repeat, seed: repeat, itemId: `${suite}-${i}`, gold: '1', reply: 'r', parsed: '1',
    correct: { parse: i < k, exact: i < k, judge: judge === undefined ? null : (i < k) === judge },
    ...(judge === undefined ? {} : { judgeReply: 'yes' }), ms: 1, finishedAt: 0,
  })));
}

describe('run comparison', () => {
  const a: ComparedRun = { id: 'a', label: 'A', results: [...cell('m1', 'gsm8k', 'direct', [1, 2, 3], 4, true), ...cell('m1', 'arc-easy', 'cot', [2], 2, false)] };
  const b: ComparedRun = { id: 'b', label: 'B', results: [...cell('m2', 'gsm8k', 'direct', [2, 2], 4), ...cell('m2', 'sorting-8', 'direct', [0, 1], 2)] };

  test('rows per suite × strategy × method; mean ± std per run; signed differences against the first; missing cells null', () => {
    const { series, rows } = compareRuns([a, b]);
    expect(series).toEqual([{ runId: 'a', model: 'm1', label: 'A' }, { runId: 'b', model: 'm2', label: 'B' }]);
    expect(rows.map((r) => r.key)).toEqual([
      'arc-easy|cot|none|parse', 'arc-easy|cot|none|exact', 'arc-easy|cot|none|judge',
      'gsm8k|direct|none|parse', 'gsm8k|direct|none|exact', 'gsm8k|direct|none|judge',
      'sorting-8|direct|none|parse', 'sorting-8|direct|none|exact',
    ]);
    const gsmParse = rows.find((r) => r.key === 'gsm8k|direct|none|parse')!;
    expect(gsmParse.values[0]).toEqual({ mean: 0.5, std: 0.25, repeats: 3 });
    expect(gsmParse.values[1]).toEqual({ mean: 0.5, std: 0, repeats: 2 });
    expect(gsmParse.deltas).toEqual([null, 0]);
    const sorting = rows.find((r) => r.key === 'sorting-8|direct|none|parse')!;
    expect(sorting.values).toEqual([null, { mean: 0.25, std: Math.sqrt(0.125), repeats: 2 }]);
    expect(sorting.deltas).toEqual([null, null]);
    // B had no judge: its judge cell is missing, A's is there.
    const judge = rows.find((r) => r.key === 'gsm8k|direct|none|judge')!;
    expect(judge.values[0]?.mean).toBe(0.5);
    expect(judge.values[1]).toBeNull();
    expect(rows.find((r) => r.key === 'arc-easy|cot|none|judge')!.values[0]?.mean).toBe(0); // a judge that says no to right answers
    expect(rows.find((r) => r.key === 'arc-easy|cot|none|parse')!.values).toEqual([{ mean: 1, std: 0, repeats: 1 }, null]);
  });

  test('the sign follows the later run: worse is negative, better positive', () => {
    const low: ComparedRun = { id: 'low', label: 'low', results: cell('m', 's', 'direct', [1, 1], 4) };
    const high: ComparedRun = { id: 'high', label: 'high', results: cell('m', 's', 'direct', [3, 2], 4) };
    expect(compareRuns([low, high]).rows[0]!.deltas[1]).toBeCloseTo(0.375, 12);
    expect(compareRuns([high, low]).rows[0]!.deltas[1]).toBeCloseTo(-0.375, 12);
    expect([signedPoints(0.375), signedPoints(-1 / 12), signedPoints(0), signedPoints(-0.00001)]).toEqual(['+37.5', '-8.3', '0.0', '0.0']);
  });

  test('a run of two models is two series; three runs give two differences each', () => {
    const both: ComparedRun = { id: 'c', label: 'C', results: [...cell('x', 's', 'direct', [1], 2), ...cell('y', 's', 'direct', [2], 2)] };
    const solo: ComparedRun = { id: 'd', label: 'D', results: cell('x', 's', 'direct', [0], 2) };
    const { series, rows } = compareRuns([both, solo]);
    expect(series.map((s) => s.label)).toEqual(['C · x', 'C · y', 'D']);
    // With display names, as the panel labels them (exploratory test, session 20: raw ids).
    expect(compareRuns([both, solo], (id) => `Model ${id.toUpperCase()}`).series.map((s) => s.label)).toEqual(['C · Model X', 'C · Model Y', 'D']);
    expect(rows[0]!.deltas).toEqual([null, 0.5, -0.5]);
  });

  test('bad picks are refused with a typed error', () => {
    expect(() => compareRuns([a])).toThrow(/at least two runs/);
    expect(() => compareRuns([a, a])).toThrow(/picked twice/);
    expect(() => compareRuns([a, { id: 'e', label: 'E', results: [] }])).toThrowError(expect.objectContaining({ name: 'ComparisonError' }));
  });

  test('CSV: per run mean, std, repeats, "missing" where a run lacks the cell, then the differences', () => {
    const lines = comparisonCsv(compareRuns([a, b])).split('\n');
    expect(lines[0]).toBe('suite,strategy,perturbation,method,A mean,A std,A repeats,B mean,B std,B repeats,B minus A');
    expect(lines).toContain('gsm8k,direct,none,parse,0.5,0.25,3,0.5,0,2,0');
    expect(lines).toContain('sorting-8,direct,none,parse,missing,,,0.25,0.3535533905932738,2,');
    expect(lines).toHaveLength(9);
  });
});
