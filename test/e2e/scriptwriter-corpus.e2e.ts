import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from '../../scripts/lib/chromium.mjs';
import { serveStatic } from '../../scripts/lib/static-server.mjs';
import { buildHarness, runHarness } from '../../models/training/scriptwriter/make-corpus.mjs';
import type { BatchResult, Sample } from '../../models/training/scriptwriter/harness.ts';
import { unrelatedScript } from '../../extension/features/automate/unrelated.ts';

/**
 * The script-writer corpus generator (issue 11) on a small seeded batch in real Chromium: pages rendered, documents
 * read by our extractor, every kept gold script run by our interpreter and executor and judged by the page's end
 * state; a wrong script is caught by the same judge, so "kept" means something.
 */
let dir: string;
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
let context: BrowserContext;
const kept: Record<string, Sample[]> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pocket-scriptwriter-'));
  await buildHarness(join(dir, 'site'));
  server = await serveStatic({ '/': join(dir, 'site') });
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
  context = await browser.newContext();
  for (const [split, first] of [['train', 1], ['test', 2_000_001]] as const) {
    const seeds = Array.from({ length: 12 }, (_, i) => first + i);
    const result = await runHarness(context, server.url('/harness.html'), split, seeds, { tabs: 1, batch: 12 }) as BatchResult;
    kept[split] = result.samples;
  }
  const withChrome = await runHarness(context, server.url('/harness.html'), 'train', [1, 2, 3, 4, 5, 6], { tabs: 1, batch: 6, chrome: true }) as BatchResult;
  kept['chrome'] = withChrome.samples;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const verify = async (split: string, seed: number, index: number, script?: string) => {
  const page = await context.newPage();
  await page.goto(server.url('/harness.html'));
  await page.waitForFunction(() => document.documentElement.dataset['ready'] === '1');
  const verdict = await page.evaluate(([s, n, i, src]) => (window as unknown as { scriptwriterHarness: { verifyTask(...a: unknown[]): Promise<{ task: string; gold: string; why: string | null }> } })
    .scriptwriterHarness.verifyTask(s, n, i, src), [split, seed, index, script] as const);
  await page.close();
  return verdict;
};

const refusals = async (split: string, seeds: number[], chrome = false) => {
  const page = await context.newPage();
  await page.goto(server.url('/harness.html'));
  await page.waitForFunction(() => document.documentElement.dataset['ready'] === '1');
  const result = await page.evaluate(([s, list, c]) => (window as unknown as { scriptwriterHarness: { goldRefusals(...a: unknown[]): { checked: number; refused: { id: string; at: number; script: string }[] } } })
    .scriptwriterHarness.goldRefusals(s, list, c), [split, seeds, chrome] as const);
  await page.close();
  return result;
};

describe('script-writer corpus', () => {
  test('a seeded batch keeps samples of several families and kinds, each script using only its page\'s names', () => {
    const train = kept['train']!;
    expect(train.length).toBeGreaterThan(20);
    expect(new Set(train.map((s) => s.family)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(train.map((s) => s.kind)).size).toBeGreaterThanOrEqual(8);
    for (const sample of [...train, ...kept['test']!]) {
      const used = [...sample.script.matchAll(/\$([\p{L}\p{N}_]+)/gu)].map((m) => m[1]!);
      expect(used.length).toBeGreaterThan(0);
      for (const name of used) expect(sample.names).toContain(name);
      expect(sample.input.endsWith(`task: ${sample.task}`)).toBe(true);
    }
  });

  // Session 21: a script-writer script that acts on nothing the task names is not run; no gold script may be taken for one.
  test('every gold script acts on something its task names (the check that keeps a script writer\'s stray clicks from running)', () => {
    const flagged = Object.values(kept).flat().map((s) => ({ task: s.task, script: s.script, why: unrelatedScript(s.script, s.task)?.message }))
      .filter((s) => s.why);
    expect(flagged).toEqual([]);
  });

  test('page chrome (navigation, toolbar, footer) adds distractors and nav/press tasks, the blocks\' tasks unchanged', () => {
    const chrome = kept['chrome']!;
    expect(chrome.some((s) => s.kind === 'nav' || s.kind === 'press')).toBe(true);
    expect(chrome.some((s) => /_link\b/.test(s.input))).toBe(true);
    const plain = kept['train']!.filter((s) => s.seed <= 6).map((s) => [s.seed, s.kind, s.task]);
    const blocks = chrome.filter((s) => s.kind !== 'nav' && s.kind !== 'press').map((s) => [s.seed, s.kind, s.task]);
    expect(blocks).toEqual(plain);
  });

  test('the splits share no layout combination', () => {
    const trainTemplates = new Set(kept['train']!.map((s) => s.template));
    const layouts = (t: string) => t.split(':').slice(1);
    const testLayouts = kept['test']!.flatMap((s) => layouts(s.template));
    expect(testLayouts.length).toBeGreaterThan(0);
    for (const layout of testLayouts) expect([...trainTemplates].some((t) => layouts(t).includes(layout))).toBe(false);
  });

  test('the same seed gives the same samples', async () => {
    const again = await runHarness(context, server.url('/harness.html'), 'train', [1, 2, 3], { tabs: 1, batch: 3 }) as BatchResult;
    expect(again.samples).toEqual(kept['train']!.filter((s) => s.seed <= 3));
  });

  test('the output constraints the script writer decodes under never refuse a gold script (character by character)', async () => {
    const seeds = (first: number) => Array.from({ length: 20 }, (_, i) => first + i);
    for (const [split, first, chrome] of [['train', 1, false], ['test', 2_000_001, false], ['train', 101, true]] as const) {
      const { checked, refused } = await refusals(split, seeds(first), chrome);
      expect(checked).toBeGreaterThan(40);
      expect(refused, JSON.stringify(refused.slice(0, 3))).toEqual([]);
    }
  });

  test('the judge rejects a script that does the wrong thing, and accepts the gold one', async () => {
    const sample = kept['train']!.find((s) => /\[\d\]\.\w+\.click\(\)/.test(s.script) && s.kind === 'nth')!;
    expect(sample).toBeDefined();
    const index = Number(sample.id.split('-')[2]);
    const gold = await verify('train', sample.seed, index);
    expect(gold.why).toBeNull();
    const wrong = sample.script.replace(/\[(\d)\]/, (_, d: string) => `[${d === '0' ? 1 : 0}]`);
    expect((await verify('train', sample.seed, index, wrong)).why).toMatch(/pressed/);
    const form = kept['train']!.find((s) => s.kind === 'fill_submit');
    if (form) {
      const formIndex = Number(form.id.split('-')[2]);
      const typo = form.script.replace(/\.type\("([^"]*)"\)/, '.type("$1x")');
      expect((await verify('train', form.seed, formIndex, typo)).why).toMatch(/submitted/);
    }
    const name = /\$[\p{L}\p{N}_]+/u.exec(sample.script)![0];
    const missing = await verify('train', sample.seed, index, `${name}_nope.click();`);
    expect(missing.why).toMatch(/NotFound|not defined|ApiError/);
  });
});
