import { describe, expect, test } from 'vitest';
import type { ProbeItemRow, ProbeRunRow } from '../../../extension/storage/db.ts';
import { DEFAULT_CONFIG, type ProbeConfig, type ProbeRunDoc } from '../../../extension/features/probes/config.ts';
import { executeRun, plan, type Generate, type ProbeStore } from '../../../extension/features/probes/runner.ts';
import { callFailed, summarize, type ItemResult } from '../../../extension/features/probes/stats.ts';
import { loadSuite, suiteFromRecords } from '../../../extension/features/probes/suites.ts';

function memoryStore(failPutAfter = Infinity) {
  const runs = new Map<string, ProbeRunRow>();
  const items = new Map<string, ProbeItemRow>();
  const store: ProbeStore = {
    getRun: async (id) => runs.get(id),
    putRun: async (row) => void runs.set(row.id, structuredClone(row)),
    // As the host's store does: items whose model call failed are not done.
    doneKeys: async (runId) => new Set([...items.values()].filter((r) => r.runId === runId && !callFailed(r.result as ItemResult)).map((r) => r.itemKey)),
    putItem: async (row) => {
      if (items.size >= failPutAfter) throw new DOMException('quota', 'QuotaExceededError');
      items.set(`${row.runId}|${row.itemKey}`, row);
    },
  };
  return { store, runs, items };
}

const config: ProbeConfig = { ...DEFAULT_CONFIG, suites: ['bbh-boolean_expressions'], n: 4, repeats: 3, judge: 'judge' };
const gold = loadSuite('bbh-boolean_expressions').items;

/** Answers item 0 always, item 1 only on repeat 0, items 2-3 never; the judge says yes iff the reply is "True"/"False" right, "maybe" on item 3. */
const scripted: Generate = async (request) => {
  if (request.model === 'judge') {
    if (request.prompt.includes(gold[3]!.question)) return ' maybe';
    const right = gold.some((g) => request.prompt.includes(`Reference answer: ${g.answer}\nStudent answer: ${g.answer}`) && request.prompt.includes(g.question));
    return right ? ' yes' : ' no';
  }
  const index = gold.findIndex((g) => request.prompt.includes(`Q: ${g.question}\nA:`));
  const wrong = gold[index]!.answer === 'True' ? 'False' : 'True';
  if (index === 0 || (index === 1 && request.seed === config.seed)) return ` ${gold[index]!.answer}`;
  return ` ${wrong}`;
};

async function newRun(store: ProbeStore, id = 'r1') {
  const doc: ProbeRunDoc = { config, total: 0, done: 0, etaS: null, skipped: [], startedAt: 0, updatedAt: 0 };
  await store.putRun({ id, status: 'queued', config: doc, createdAt: 0 });
}

describe('probe runner', () => {
  test('plan: units per model × suite × strategy × perturbation × repeat × item; perturbations that do not apply left out', () => {
    expect(plan({ ...config, strategies: ['direct', 'cot'] }).units).toHaveLength(2 * 3 * 4);
    expect(plan({ ...config, perturbations: ['none', 'shuffle-options'] }).units).toHaveLength(12);
    expect(plan({ ...config, suites: ['nope'] }).skipped[0]).toMatch(/no probe suite/);
  });

  test('accuracy, std and judge agreement come out as scripted', async () => {
    const { store, runs, items } = memoryStore();
    await newRun(store);
    expect(await executeRun('r1', store, scripted, new AbortController().signal)).toBe('done');
    const [cell] = summarize([...items.values()].map((r) => r.result as ItemResult));
    expect(cell!.methods.parse.perRepeat).toEqual([0.5, 0.25, 0.25]);
    expect(cell!.methods.parse.std).toBeCloseTo(Math.sqrt(((0.5 - 1 / 3) ** 2 + 2 * (0.25 - 1 / 3) ** 2) / 2), 12);
    expect(cell!.methods.exact.perRepeat).toEqual([0.5, 0.25, 0.25]);
    expect(cell!.methods.judge.perRepeat).toEqual([2 / 3, 1 / 3, 1 / 3]);
    expect(cell!.judgeNeither).toBe(3);
    expect(cell!.disagreements).toEqual({ parseVsExact: 0, parseVsJudge: 0 });
    const doc = runs.get('r1')!.config as ProbeRunDoc;
    expect([runs.get('r1')!.status, doc.done, doc.total, doc.etaS]).toEqual(['done', 12, 12, 0]);
  });

  test('cancel keeps what finished; resume runs only the unfinished items', async () => {
    const { store, runs, items } = memoryStore();
    await newRun(store);
    const abort = new AbortController();
    let calls = 0;
    const counting: Generate = async (request, signal) => {
      if (request.model !== 'judge' && ++calls === 5) abort.abort();
      // As the model host does: an aborted request ends with an error, never a text.
      if (signal.aborted) throw new DOMException('cancelled', 'AbortError');
      return scripted(request, signal);
    };
    expect(await executeRun('r1', store, counting, abort.signal)).toBe('cancelled');
    expect(items.size).toBe(4);
    expect(runs.get('r1')!.status).toBe('cancelled');
    const seen: string[] = [];
    const recording: Generate = async (request, signal) => {
      if (request.model !== 'judge') seen.push(`${request.seed}:${request.prompt.slice(-40)}`);
      return scripted(request, signal);
    };
    expect(await executeRun('r1', store, recording, new AbortController().signal)).toBe('done');
    expect(seen).toHaveLength(8);
    expect(items.size).toBe(12);
  });

  test('cancel while an engine answers with the text it had (as the engines do): that reply is not scored or kept', async () => {
    const { store, runs, items } = memoryStore();
    await newRun(store);
    const abort = new AbortController();
    let calls = 0;
    const partial: Generate = async (request, signal) => {
      if (request.model !== 'judge' && ++calls === 5) {
        abort.abort();
        return ' Tr'; // cut short, no error
      }
      return scripted(request, signal);
    };
    expect(await executeRun('r1', store, partial, abort.signal)).toBe('cancelled');
    expect(items.size).toBe(4);
    expect([...items.values()].some((r) => (r.result as ItemResult).reply === ' Tr')).toBe(false);
    expect((runs.get('r1')!.config as ProbeRunDoc).done).toBe(4);
  });

  test('failed model calls: kept as error rows, not scored, the run ends failed with a message; resume runs them again', async () => {
    const { store, runs, items } = memoryStore();
    await newRun(store);
    const broken: Generate = async (request, signal) => {
      if (request.model !== 'judge' && request.prompt.includes(gold[2]!.question)) throw new Error('device lost');
      return scripted(request, signal);
    };
    expect(await executeRun('r1', store, broken, new AbortController().signal)).toBe('failed');
    expect((runs.get('r1')!.config as ProbeRunDoc).message).toBe('3 of 12 model calls failed (last: Error: device lost); those items are not scored. Resume runs them again.');
    const [cell] = summarize([...items.values()].map((r) => r.result as ItemResult));
    expect(cell!.errors).toBe(3);
    // Item 2 (always wrong) is out of the count: item 0 right, item 1 right on repeat 0, item 3 wrong.
    expect(cell!.methods.parse.perRepeat).toEqual([2 / 3, 1 / 3, 1 / 3]);
    const retried: string[] = [];
    expect(await executeRun('r1', store, async (request, signal) => {
      if (request.model !== 'judge') retried.push(request.prompt);
      return scripted(request, signal);
    }, new AbortController().signal)).toBe('done');
    expect(retried).toHaveLength(3);
    expect(retried.every((p) => p.includes(gold[2]!.question))).toBe(true);
    const [after] = summarize([...items.values()].map((r) => r.result as ItemResult));
    expect([after!.errors, after!.methods.parse.perRepeat]).toEqual([0, [0.5, 0.25, 0.25]]);
  });

  test('a repeat cut short by cancel is left out of mean ± std and counted as unfinished', () => {
    const row = (repeat: number, itemId: string, right: boolean): ItemResult => ({
      model: 'm', suite: 's', strategy: 'direct', perturbation: 'none', repeat, seed: repeat, itemId, gold: 'A', reply: right ? 'A' : 'B',
      parsed: right ? 'A' : 'B', correct: { parse: right, exact: right, judge: null }, ms: 1, finishedAt: 1,
    });
    const rows = [0, 1].flatMap((rep) => ['a', 'b', 'c', 'd'].map((id, i) => row(rep, id, i < 3))).concat([row(2, 'a', false)]);
    const [cell] = summarize(rows);
    expect(cell!.methods.parse.perRepeat).toEqual([0.75, 0.75]);
    expect([cell!.methods.parse.mean, cell!.methods.parse.std, cell!.partialRepeats]).toEqual([0.75, 0, 1]);

    // Cancelled during the first repeat: without the plan its 2 items look complete; with it (4 planned) they do not.
    const early = [row(0, 'a', true), row(0, 'b', false)];
    expect(summarize(early)[0]!.methods.parse.perRepeat).toEqual([0.5]);
    const [planned] = summarize(early, new Map([['m|s|direct|none', 4]]));
    expect([planned!.methods.parse.perRepeat, planned!.partialRepeats]).toEqual([[], 1]);
  });

  test('the plan says how many items each repeat of each cell asks for (a perturbation that does not apply leaves items out)', async () => {
    const { plannedPerRepeat } = await import('../../../extension/features/probes/runner.ts');
    const counts = plannedPerRepeat({ models: ['m'], suites: ['gsm8k', 'arc-easy'], strategies: ['direct'], perturbations: ['none', 'large-numbers', 'shuffle-options'],
      repeats: 3, n: 20, maxTokens: 8, temperature: 0, seed: 1 });
    expect(counts.get('m|gsm8k|direct|none')).toBe(20);
    expect(counts.get('m|gsm8k|direct|shuffle-options')).toBeUndefined();
    expect(counts.get('m|gsm8k|direct|large-numbers')).toBeGreaterThanOrEqual(8);
    expect(counts.get('m|gsm8k|direct|large-numbers')).toBeLessThan(20);
    expect(counts.get('m|arc-easy|direct|shuffle-options')).toBe(20);
  });

  test('storage full mid-run: paused with a message, results so far kept; a model that fails is an error row', async () => {
    const { store, runs, items } = memoryStore(5);
    await newRun(store);
    const failing: Generate = async (request, signal) => {
      if (request.prompt.includes(gold[2]!.question) && request.model !== 'judge') throw new Error('engine broke');
      return scripted(request, signal);
    };
    expect(await executeRun('r1', store, failing, new AbortController().signal)).toBe('paused');
    expect(items.size).toBe(5);
    expect((runs.get('r1')!.config as ProbeRunDoc).message).toMatch(/Storage is full.*5 results kept/);
    const errored = [...items.values()].map((r) => r.result as ItemResult).find((r) => r.error);
    expect(errored?.error).toBe('Error: engine broke');
    expect(errored?.correct).toEqual({ parse: false, exact: false, judge: null });
  });

  test('a model that answers nothing: no parsed answer, wrong by every method, the run goes on', async () => {
    const { store, items } = memoryStore();
    await newRun(store);
    const silent: Generate = async (request) => (request.model === 'judge' ? '' : '');
    expect(await executeRun('r1', store, silent, new AbortController().signal)).toBe('done');
    const rows = [...items.values()].map((r) => r.result as ItemResult);
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.parsed === null && !r.correct.parse && !r.correct.exact && r.correct.judge === null)).toBe(true);
    const [cell] = summarize(rows);
    expect(cell!.methods.parse.mean).toBe(0);
    expect(cell!.methods.judge.perRepeat).toEqual([]);
    expect(cell!.judgeNeither).toBe(12);
  });

  test('a suite file with malformed records: they are skipped and listed on the run, the rest runs to the end', async () => {
    const { store, runs, items } = memoryStore();
    await newRun(store);
    const records = [...gold.slice(0, 2), { id: 'broken', question: '', answer: 'True' }, 'not a record', ...gold.slice(2, 4)];
    const load = (name: string) => suiteFromRecords(name, 'exact', records);
    expect(await executeRun('r1', store, scripted, new AbortController().signal, { loadSuite: load })).toBe('done');
    const doc = runs.get('r1')!.config as ProbeRunDoc;
    expect(doc.skipped).toEqual(['bbh-boolean_expressions record 2: no question', 'bbh-boolean_expressions record 3: not an object']);
    expect(doc.message).toBe('2 malformed item(s) skipped');
    expect([doc.done, doc.total, items.size]).toEqual([12, 12, 12]);
  });

  test('progress: done counts up one item at a time, an ETA from the first item on, 0 at the end', async () => {
    const { store, runs } = memoryStore();
    await newRun(store);
    const seen: { status: string; done: number; etaS: number | null }[] = [];
    const watching: ProbeStore = { ...store, putRun: async (row) => {
      const doc = row.config as ProbeRunDoc;
      seen.push({ status: row.status, done: doc.done, etaS: doc.etaS });
      await store.putRun(row);
    } };
    await executeRun('r1', watching, scripted, new AbortController().signal);
    expect(seen.map((s) => s.done)).toEqual([0, ...Array.from({ length: 12 }, (_, i) => i + 1), 12]);
    expect(seen[0]!.etaS).toBeNull();
    expect(seen.slice(1, -1).every((s) => s.status === 'running' && Number.isInteger(s.etaS) && s.etaS! >= 0)).toBe(true);
    expect(seen.at(-2)!.etaS).toBe(0); // nothing left after the last item
    expect(runs.get('r1')!.status).toBe('done');
  });
});
