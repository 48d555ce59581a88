import 'fake-indexeddb/auto';
import { describe, expect, test, vi } from 'vitest';
import type { ProbeConfig, ProbeRunDoc } from '../../../extension/features/probes/config.ts';
import { DEFAULT_CONFIG } from '../../../extension/features/probes/config.ts';
import { ProbeHost } from '../../../extension/offscreen/probes-host.ts';
import type { GenerateResult } from '../../../extension/protocol/schemas.ts';
import { PocketDb } from '../../../extension/storage/db.ts';

const config: ProbeConfig = { ...DEFAULT_CONFIG, models: ['tinystories-656k'], suites: ['sorting-8'], n: 3, repeats: 1 };
const quota = () => new DOMException('the disk is full', 'QuotaExceededError');

function host(name: string) {
  const db = new PocketDb(name);
  const calls: string[] = [];
  const probes = new ProbeHost(db, async (request) => {
    calls.push(request.prompt);
    return { text: ' 1 2 3' } as GenerateResult;
  });
  return { db, probes, calls };
}

describe('probe host', () => {
  test('a run goes from queued to done in the host; unknown suites are refused at start', async () => {
    const { db, probes, calls } = host('probe-host-done');
    const runId = await probes.start(config);
    await probes.pump();
    expect((await db.probeRuns.get(runId))?.status).toBe('done');
    expect(calls).toHaveLength(3);
    await expect(probes.start({ ...config, suites: ['nope'] })).rejects.toMatchObject({ name: 'ValidationError', message: expect.stringMatching(/^no probe suite "nope"/) });
  });

  test('a run left running by a host that went away: the Cancel that starts the new host is not undone by its pick-up', async () => {
    const { db, probes, calls } = host('probe-host-cancel-race');
    const now = Date.now();
    const doc: ProbeRunDoc = { config, total: 3, done: 0, etaS: null, skipped: [], startedAt: now, updatedAt: now };
    await db.probeRuns.put({ id: 'r1', status: 'running', config: doc, createdAt: now });
    const pumping = probes.pump(); // the new host picks interrupted runs up as it starts...
    await probes.cancel('r1'); // ...and the message that started it is the user's Cancel
    await pumping;
    expect((await db.probeRuns.get('r1'))?.status).toBe('cancelled');
    expect(calls).toHaveLength(0);
  });

  test('storage full mid-run: paused with the message, the finished items kept', async () => {
    const { db, probes } = host('probe-host-paused');
    const put = db.probeItems.put.bind(db.probeItems);
    let stored = 0;
    vi.spyOn(db.probeItems, 'put').mockImplementation(((...args: Parameters<typeof put>) => (++stored > 2 ? Promise.reject(quota()) : put(...args))) as typeof put);
    const runId = await probes.start(config);
    await probes.pump();
    const row = await db.probeRuns.get(runId);
    expect(row?.status).toBe('paused');
    expect((row?.config as ProbeRunDoc).message).toBe('Storage is full: the run is paused with 2 results kept. Free some space, then resume.');
    expect(await db.probeItems.where('runId').equals(runId).count()).toBe(2);
  });

  test('storage so full that not even the pause can be written: the host stops and does not pick the run up again', async () => {
    const { db, probes, calls } = host('probe-host-full');
    const runId = await probes.start(config);
    vi.spyOn(db.probeItems, 'put').mockRejectedValue(quota());
    vi.spyOn(db.probeRuns, 'put').mockRejectedValue(quota());
    vi.spyOn(db.probeRuns, 'update').mockRejectedValue(quota());
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await probes.pump();
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]![0])).toMatch(/StorageFullError: Storage is full|QuotaExceededError/);
    expect((await db.probeRuns.get(runId))?.status).toBe('queued'); // nothing could be written
    const before = calls.length;
    await probes.pump();
    expect(probes.status()).toEqual({ active: null });
    await probes.pump();
    expect(calls).toHaveLength(before);
    errors.mockRestore();
  });
});
