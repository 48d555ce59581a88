import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../../scripts/lib/chromium.mjs';
import { serveStatic } from '../../scripts/lib/static-server.mjs';
import { benchMounts, buildBenchPages } from '../../bench/build.mjs';
import { repoRoot } from './browser.ts';
import { CAPTURED_FOR, ENGINE_REQUESTS, KERNEL_VOCABS, type KernelCase, kernelCases } from '../../bench/gpu-checks.ts';

/**
 * The WGSL selection kernels against their CPU twins in real Chromium (WebGPU on SwiftShader here), on a plain
 * http://127.0.0.1 page built from bench/kernels.html; and the engine with GPU selection on vs off.
 */
let dir: string;
let server: Awaited<ReturnType<typeof serveStatic>>;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pocket-kernels-'));
  await buildBenchPages(join(dir, 'site'));
  server = await serveStatic(benchMounts(join(dir, 'site'), repoRoot));
  context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: chromiumPath(), headless: true, args: chromiumArgs([]).filter((arg) => !arg.includes('extension')),
  });
  page = await context.newPage();
  await page.goto(server.url('/kernels.html'));
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const kernelCheck = (cases: KernelCase[]) => page.evaluate((c) =>
  (globalThis as unknown as { pocketKernels: { kernelCheck(c: KernelCase[]): Promise<unknown> } }).pocketKernels.kernelCheck(c), cases) as
  Promise<{ gpu: { argmax: number[][]; topK: number[][] }; cpu: { argmax: number[][]; topK: number[][] }; rowMatches: boolean }[]>;

describe('selection kernels on WebGPU == CPU twins, exactly', () => {
  let seed = 1;
  for (const vocab of KERNEL_VOCABS) {
    test(`vocab ${vocab}: argmax and top-k over random rows (continuous, ties, NaN/±Infinity/±0), with and without penalty`, async () => {
      const cases = kernelCases(vocab, seed);
      seed += cases.length;
      const results = await kernelCheck(cases);
      expect(results).toHaveLength(cases.length);
      results.forEach((result, i) => {
        const label = JSON.stringify(cases[i]);
        expect(result.gpu.argmax, label).toEqual(result.cpu.argmax);
        expect(result.gpu.topK, label).toEqual(result.cpu.topK);
        expect(result.gpu.topK, label).toHaveLength(Math.min(cases[i]!.k, vocab));
        expect(result.rowMatches, `${label}: penalised row`).toBe(true);
      });
      // The penalty really changed something somewhere (else the penalty half of this test proves nothing).
      if (vocab >= 255) {
        const plain = await kernelCheck(cases.map((c) => ({ ...c, penalty: 1 })));
        expect(plain.some((r, i) => JSON.stringify(r.gpu.topK) !== JSON.stringify(results[i]!.gpu.topK))).toBe(true);
      }
    });
  }
});

describe('WGSL decode step (shaders/decode-step.ts) == its CPU twin on the bundled TinyStories model', () => {
  const reference = JSON.parse(readFileSync(join(repoRoot, '../shared/models/TinyStories-656K/reference.json'), 'utf8')) as {
    prompts: { input_ids: number[]; generated_ids: number[] }[];
  };
  // Both thread layouts run here (SwiftShader): `split` is what real GPUs get, `columns` what a software adapter gets.
  for (const layout of ['split', 'columns'] as const) {
    test(`${layout} layout: every step's logits and the cache it writes agree with the twin; greedy ids reproduce reference.json`, async () => {
      for (const [i, prompt] of reference.prompts.entries()) {
        const result = await page.evaluate(([ids, steps, rows, l]) => (globalThis as unknown as { pocketKernels: { decodeCheck(p: number[], s: number, r: number, l: string): Promise<{
          tokens: number[]; twinTokens: number[]; worst: number; scale: number; cacheWorst: number; dispatches: number; layout: string; autoLayout: string;
        }> } }).pocketKernels.decodeCheck(ids, steps, rows, l), [prompt.input_ids, prompt.generated_ids.length, i === 0 ? 512 : 48, layout] as const);
        expect(result.layout).toBe(layout);
        // This machine's adapter is SwiftShader, a software fallback.
        expect(result.autoLayout).toBe('columns');
        expect(result.tokens).toEqual(prompt.generated_ids);
        expect(result.twinTokens).toEqual(prompt.generated_ids);
        expect(result.scale).toBeGreaterThan(1);
        expect(result.worst / result.scale).toBeLessThan(1e-5);
        expect(result.cacheWorst).toBeLessThan(1e-4);
        expect(result.dispatches).toBe(24);
      }
    });
  }
});

describe('OrtDecoderEngine on WebGPU: decode steps on our WGSL kernels (and, as the fallback, onnxruntime\'s captured steps) with GPU token selection give the same tokens as ordinary runs reading logits back', () => {
  test('greedy, repetition penalty, seeded top-k / top-p sampling, full-vocabulary sampling', async () => {
    const requests = ENGINE_REQUESTS;
    const capturedFor = CAPTURED_FOR;
    const results = await page.evaluate(([r, c]) => (globalThis as unknown as {
      pocketKernels: { engineCheck(r: unknown, c: number[]): Promise<{ gpu: number[]; cpu: number[]; captured?: number[]; graph: string; capturedGraph?: string }[]> } })
      .pocketKernels.engineCheck(r, c), [requests, capturedFor] as const);
    results.forEach((result, i) => {
      expect(result.gpu.length, JSON.stringify(requests[i])).toBeGreaterThan(0);
      expect(result.gpu, JSON.stringify(requests[i])).toEqual(result.cpu);
      if (capturedFor.includes(i)) expect(result.captured, JSON.stringify(requests[i])).toEqual(result.cpu);
    });
    expect(results[0]!.graph).toContain('decode steps run on our WGSL kernels');
    expect(results[0]!.capturedGraph).toContain('decode steps replay a captured fixed-shape graph');
    // Penalty and sampling really changed the output (so the comparisons above cover those paths).
    expect(results[1]!.gpu).not.toEqual(results[0]!.gpu);
    expect(results[2]!.gpu).not.toEqual(results[0]!.gpu.slice(0, 64));
  });
});
