// @vitest-environment happy-dom
import { expect, test, vi } from 'vitest';
import { SandboxHost } from '../../../extension/sandbox/host.ts';

test('a sandbox page that never says it is ready fails its caller after 15 s instead of hanging it (review, session 13)', async () => {
  vi.useFakeTimers();
  try {
    const created = SandboxHost.create(document.body, 'about:blank').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(15_001);
    const failure = await created;
    expect((failure as Error).name).toBe('ModelHostError');
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
  } finally {
    vi.useRealTimers();
  }
});
