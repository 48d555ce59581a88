import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { Frame, Page } from 'playwright-core';
import { launchExtension, repoRoot, type ExtensionHarness } from './browser.ts';
import type { FakeBridge } from '../../extension/sandbox/capabilities/fake-bridge.ts';
import type { SandboxHost } from '../../extension/sandbox/host.ts';

/** What the test puts on the extension page's global scope (types only: the code runs in the page). */
interface PageGlobals {
  PocketSandboxTest: { SandboxHost: typeof SandboxHost; FakeBridge: typeof FakeBridge };
  host: SandboxHost;
  forgedSeen: number;
}

/**
 * The sandbox page in real Chromium: an extension page (the side panel page) embeds sandbox.html through our real
 * SandboxHost, runs a math program and an automation program against a fake bridge that lives in the page, and sees
 * a BudgetError. The sandbox frame itself has an opaque origin and no chrome.runtime, and ignores messages that do
 * not come from its parent.
 */

let harness: ExtensionHarness;
let page: Page;
let hostBundle: string;

/** SandboxHost and FakeBridge bundled as a classic script, evaluated in the extension page by the test driver. */
async function bundleHost(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pocket-sandbox-host-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, [
    `import { SandboxHost } from ${JSON.stringify(join(repoRoot, 'extension/sandbox/host.ts'))};`,
    `import { FakeBridge } from ${JSON.stringify(join(repoRoot, 'extension/sandbox/capabilities/fake-bridge.ts'))};`,
    '(globalThis as any).PocketSandboxTest = { SandboxHost, FakeBridge };',
  ].join('\n'));
  try {
    const output = await build({
      configFile: false,
      logLevel: 'silent',
      build: { write: false, minify: false, rolldownOptions: { input: entry, output: { format: 'iife', codeSplitting: false } } },
    });
    const first = Array.isArray(output) ? output[0] : output;
    const chunk = (first as { output: Array<{ type: string; code?: string }> }).output.find((item) => item.type === 'chunk');
    if (!chunk?.code) throw new Error('no bundle');
    return chunk.code;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function sandboxFrame(): Frame {
  const frame = page.frames().find((f) => f.url().endsWith('/sandbox.html'));
  if (!frame) throw new Error('no sandbox frame');
  return frame;
}

beforeAll(async () => {
  [hostBundle, harness] = await Promise.all([bundleHost(), launchExtension()]);
  page = await harness.openExtensionPage('sidepanel/index.html');
  await page.evaluate(hostBundle);
  await page.evaluate(async () => {
    const w = globalThis as unknown as PageGlobals;
    w.host = await w.PocketSandboxTest.SandboxHost.create();
  });
});

afterAll(async () => {
  await harness?.close();
});

describe('sandbox page', () => {
  test('runs a math program (program-of-thought) and returns its answer and printed work', async () => {
    const result = await page.evaluate(async () => {
      const w = globalThis as unknown as PageGlobals;
      const run = await w.host.run({
        capabilitySet: 'math',
        source: `
          const apples = 23, eaten = 20, bought = 6;
          const left = apples - eaten + bought;
          print("left:", left);
          const pies = [1, 2, 3].map((n) => n * left).reduce((a, b) => a + b, 0);
          answer(round(pies / 7, 2));`,
      });
      return { ok: run.ok, finishedBy: run.finishedBy, result: run.result, output: run.output, steps: run.stats.steps };
    });
    expect(result).toMatchObject({ ok: true, finishedBy: 'answer', result: 7.71, output: ['left: 9'] });
    expect(result.steps).toBeGreaterThan(10);
  });

  test('a labelled loop runs in the sandbox: `break outer` leaves both loops at the first pair found', async () => {
    const result = await page.evaluate(async () => {
      const w = globalThis as unknown as PageGlobals;
      const run = await w.host.run({
        capabilitySet: 'math',
        source: `
          const prices = [12, 7, 18, 5, 23];
          let pair = null;
          outer: for (let i = 0; i < prices.length; i++) {
            for (let j = i + 1; j < prices.length; j++) {
              if (prices[i] + prices[j] === 30) { pair = [prices[i], prices[j]]; break outer; }
            }
          }
          answer(pair);`,
      });
      return { ok: run.ok, result: run.result };
    });
    expect(result).toEqual({ ok: true, result: [12, 18] }); // 7 + 23 too, had only the inner loop stopped
  });

  test('instanceof of the built-in types runs in the sandbox; a script function on its right is an error with its place', async () => {
    const result = await page.evaluate(async () => {
      const w = globalThis as unknown as PageGlobals;
      const ok = await w.host.run({
        capabilitySet: 'math',
        source: `
          const rows = [[3, 4], 5, [6], "7"];
          let failed = null;
          try { rows.nope(); } catch (e) { failed = [e instanceof Error, e instanceof TypeError]; }
          answer([rows.filter((r) => r instanceof Array).length, failed, new TypeError("t") instanceof TypeError]);`,
      });
      const refused = await w.host.run({ capabilitySet: 'math', source: 'function Row() {}\nanswer([] instanceof Row);' });
      return { ok: ok.ok, result: ok.result, refused: refused.ok ? null : refused.error?.message };
    });
    expect(result).toMatchObject({ ok: true, result: [2, [true, false], true] });
    expect(result.refused).toMatch(/^`instanceof` takes Array, .* not `Row`.* at 2:8$/);
  });

  test('runs an automation program against a bridge in the page: actions, lists, ask/say, live log', async () => {
    const result = await page.evaluate(async () => {
      const w = globalThis as unknown as PageGlobals;
      const bridge = new w.PocketSandboxTest.FakeBridge({
        elements: {
          compose_button: { kind: 'button', text: 'Compose' },
          compose_form__to: { kind: 'text_input' },
          compose_form__send: { kind: 'button', text: 'Send' },
        },
        lists: { inbox__messages: [{ subject: 'Weekly newsletter' }, { subject: 'Lunch?' }, { subject: 'Newsletter #2' }] },
        answers: ['ana@example.com'],
      });
      const live: string[] = [];
      const run = await w.host.run({
        capabilitySet: 'automation',
        names: bridge.names(),
        source: `
          const news = $inbox__messages.filter((m) => m.subject.text().toLowerCase().includes("newsletter"));
          const to = ask("Send the summary to?");
          $compose_button.click();
          $compose_form__to.type(to);
          say("Found", news.length, "newsletters");
          done({ to, count: news.length, first: news[0].subject.text() });`,
      }, { bridge, onLog: (entry: { call: string }) => live.push(entry.call) });
      return {
        ok: run.ok, result: run.result, error: run.error?.message,
        calls: bridge.calls.map((c: { call: string }) => c.call), typed: bridge.elements.compose_form__to?.value,
        said: bridge.said, log: run.log.map((e: { call: string; line: number }) => `${e.call}@${e.line}`), live,
      };
    });
    expect(result.error).toBeUndefined();
    expect(result.result).toEqual({ to: 'ana@example.com', count: 2, first: 'Weekly newsletter' });
    expect(result.typed).toBe('ana@example.com');
    expect(result.said).toEqual(['Found 2 newsletters']);
    expect(result.calls).toEqual(['count', 'text', 'text', 'text', 'ask', 'click', 'type', 'say', 'text']);
    expect(result.log).toEqual(['count@2', 'text@2', 'text@2', 'text@2', 'ask@3', 'click@4', 'type@5', 'say@6', 'text@7', 'done@7']);
    expect(result.live).toEqual(result.log.map((entry: string) => entry.split('@')[0]));
  });

  test('regular expressions run in the sandbox by our matcher: prices parsed, and a runaway pattern ends with the step budget', async () => {
    const result = await page.evaluate(async () => {
      const w = globalThis as unknown as PageGlobals;
      const parsed = await w.host.run({
        capabilitySet: 'math',
        source: `
          const text = "Lamp $1,299.00, shade $45.50 and 2 bulbs at $3.25";
          const prices = [...text.matchAll(/\\$([\\d,]+\\.\\d\\d)/g)].map((m) => Number(m[1].replace(/,/g, "")));
          answer([prices, text.split(/,?\\s+(?:and|at)\\s+/).length, /^lamp/i.test(text)]);`,
      });
      const started = Date.now();
      const runaway = await w.host.run({ capabilitySet: 'math', source: 'answer(/(a+)+$/.test("a".repeat(40) + "b"))', budgets: { steps: 100_000 } });
      return {
        parsed: { ok: parsed.ok, result: parsed.result, error: parsed.error?.message },
        runaway: { name: runaway.error?.name, data: runaway.error?.data }, ms: Date.now() - started,
      };
    });
    expect(result.parsed).toEqual({ ok: true, result: [[1299, 45.5, 3.25], 3, true], error: undefined });
    expect(result.runaway).toMatchObject({ name: 'BudgetError', data: { budget: 'steps', limit: 100_000 } });
  });

  test('typed errors cross the frame as the same classes, with positions', async () => {
    const result = await page.evaluate(async () => {
      const w = globalThis as unknown as PageGlobals;
      const bridge = new w.PocketSandboxTest.FakeBridge({ elements: { send: { kind: 'button', disabled: true } } });
      const names = bridge.names();
      const out: Record<string, unknown> = {};
      for (const [label, source, budgets] of [
        ['budget', 'let n = 0;\nwhile (true) { n++; }', { steps: 5000 }],
        ['notFound', '\n  $sned.click();', undefined],
        ['action', '$send.click();', undefined],
        ['syntax', 'class A {}', undefined],
      ] as const) {
        const run = await w.host.run({ capabilitySet: 'automation', names, source, ...(budgets ? { budgets } : {}) }, { bridge });
        out[label] = { name: run.error?.name, data: run.error?.data, isPocket: run.error instanceof Error, message: run.error?.message };
      }
      return out;
    });
    expect(result.budget).toMatchObject({ name: 'BudgetError', isPocket: true, data: { budget: 'steps', limit: 5000 } });
    expect(result.notFound).toMatchObject({ name: 'NotFoundError', data: { line: 2, column: 3, suggestion: '$send' } });
    expect(result.action).toMatchObject({ name: 'ActionError', data: { line: 1, column: 1 } });
    expect(result.syntax).toMatchObject({ name: 'ScriptSyntaxError', data: { line: 1, column: 1 } });
  });

  test('a run can be cancelled from the page', async () => {
    const result = await page.evaluate(async () => {
      const w = globalThis as unknown as PageGlobals;
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const started = Date.now();
      const run = await w.host.run({ capabilitySet: 'math', source: 'let n = 0; while (true) n++;', budgets: { steps: 1e9, timeMs: 30000 } }, { signal: controller.signal });
      return { name: run.error?.name, ms: Date.now() - started };
    });
    expect(result.name).toBe('AbortError');
    expect(result.ms).toBeLessThan(5000);
  });

  test('the sandbox frame has an opaque origin and no extension APIs', async () => {
    const inside = await sandboxFrame().evaluate(() => {
      const g = globalThis as { chrome?: { runtime?: { id?: string; sendMessage?: unknown }; storage?: unknown } };
      return {
        origin: window.origin,
        chromeRuntime: typeof g.chrome !== 'undefined' && Boolean(g.chrome.runtime?.id),
        sendMessage: typeof g.chrome?.runtime?.sendMessage,
        storage: typeof g.chrome?.storage,
        parentReachable: (() => {
          try {
            return Boolean(window.parent.document.title !== undefined);
          } catch {
            return false;
          }
        })(),
      };
    });
    expect(inside).toEqual({ origin: 'null', chromeRuntime: false, sendMessage: 'undefined', storage: 'undefined', parentReachable: false });
  });

  test('the sandbox ignores run requests that do not come from its parent', async () => {
    await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      w.forgedSeen = 0;
      window.addEventListener('message', (event) => {
        if ((event.data as { runId?: string })?.runId === 'forged') w.forgedSeen++;
      });
      const other = document.createElement('iframe');
      other.name = 'other';
      document.body.append(other);
    });
    const forged = { type: 'run', runId: 'forged', capabilitySet: 'math', source: 'answer(1)' };
    // From the sandbox itself (source is its own window), and from a sibling frame of the same page.
    await sandboxFrame().evaluate((message) => window.postMessage(message, '*'), forged);
    const sibling = page.frames().find((f) => f.name() === 'other')!;
    await sibling.evaluate((message) => {
      const target = [...Array(window.parent.frames.length).keys()].map((i) => window.parent.frames[i]!).find((f) => f !== window)!;
      target.postMessage(message, '*');
    }, forged);
    // A real run afterwards proves the channel works and gives the forged ones time to (not) answer.
    const after = await page.evaluate(async () => (await (globalThis as unknown as PageGlobals).host.run({ capabilitySet: 'math', source: 'answer(2)' })).result);
    expect(after).toBe(2);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).forgedSeen)).toBe(0);
  });
});
