import type { Page, Worker } from 'playwright-core';
import axe from 'axe-core';
import { expect } from 'vitest';

/** Sends a raw runtime message from an extension page, exactly as our UI would (no client-side validation). */
export function sendFromPage(page: Page, message: unknown): Promise<unknown> {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message);
}

export function envelope(kind: string, payload: unknown = {}) {
  return { kind, id: `test-${Math.random().toString(36).slice(2)}`, payload };
}

/** Calls a test hook in the service worker's global scope (see extension/background/index.ts). */
export function hook<T>(worker: Worker, name: string, ...args: unknown[]): Promise<T> {
  return worker.evaluate(([hookName, hookArgs]) => {
    const hooks = (globalThis as unknown as { __pocketTest: Record<string, (...a: unknown[]) => unknown> }).__pocketTest;
    return hooks[hookName as string]!(...(hookArgs as unknown[]));
  }, [name, args] as const) as Promise<T>;
}

/** Runs axe-core in the page and fails on any violation, listing them. */
export async function expectAccessible(page: Page, context = 'page'): Promise<void> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await (globalThis as unknown as { axe: typeof axe }).axe.run(document);
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  expect(violations, `axe violations in ${context}`).toEqual([]);
}
