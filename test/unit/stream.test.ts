import { describe, expect, test, vi } from 'vitest';
import * as v from 'valibot';
import { ALIVE_EVERY_MS, openStream, serveStream, type PortLike, type StreamRoute } from '../../extension/protocol/stream.ts';
import { AbortError, DisconnectedError, IntegrityError, ValidationError } from '../../extension/protocol/errors.ts';

/** Two connected in-memory ports, delivering asynchronously like runtime.Port does. */
function portPair(): [PortLike, PortLike] {
  type Side = { message: ((m: unknown) => void)[]; disconnect: (() => void)[]; open: boolean };
  const a: Side = { message: [], disconnect: [], open: true };
  const b: Side = { message: [], disconnect: [], open: true };
  const make = (me: Side, peer: Side): PortLike => ({
    postMessage(message) {
      if (!me.open) throw new Error('port closed');
      const copy = structuredClone(message);
      queueMicrotask(() => peer.open && peer.message.forEach((l) => l(copy)));
    },
    disconnect() {
      if (!me.open) return;
      me.open = false;
      peer.open = false;
      queueMicrotask(() => peer.disconnect.forEach((l) => l()));
    },
    onMessage: { addListener: (l) => void me.message.push(l) },
    onDisconnect: { addListener: (l) => void me.disconnect.push(l) },
  });
  return [make(a, b), make(b, a)];
}

const countRoute: StreamRoute<{ to: number }, { n: number }, { total: number }> = {
  kind: 'test.count',
  request: v.strictObject({ to: v.pipe(v.number(), v.integer(), v.maxValue(100)) }),
  event: v.strictObject({ n: v.number() }),
  response: v.strictObject({ total: v.number() }),
};

describe('streams over ports', () => {
  test('events arrive in order, then the validated result', async () => {
    const [client, server] = portPair();
    serveStream(server, countRoute, async ({ to }, emit) => {
      for (let n = 1; n <= to; n++) emit({ n });
      return { total: to };
    });
    const seen: number[] = [];
    const result = await openStream(client, countRoute, { to: 5 }, ({ n }) => seen.push(n));
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(result).toEqual({ total: 5 });
  });

  test('a signal already aborted sends nothing and rejects with AbortError', async () => {
    const [client, server] = portPair();
    let called = false;
    serveStream(server, countRoute, async () => {
      called = true;
      return { total: 0 };
    });
    const abort = new AbortController();
    abort.abort();
    await expect(openStream(client, countRoute, { to: 1 }, () => {}, abort.signal)).rejects.toBeInstanceOf(AbortError);
    await new Promise((r) => setTimeout(r, 10));
    expect(called).toBe(false);
  });

  test('the abort listener goes when the stream ends (one signal may serve many streams)', async () => {
    const abort = new AbortController();
    let listeners = 0;
    const signal = abort.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => { listeners++; add(...args); }) as typeof add;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => { listeners--; remove(...args); }) as typeof remove;
    for (let i = 0; i < 3; i++) {
      const [client, server] = portPair();
      serveStream(server, countRoute, async ({ to }) => ({ total: to }));
      await openStream(client, countRoute, { to: 2 }, () => {}, signal);
    }
    expect(listeners).toBe(0);
  });

  test('a handler error arrives as the same named class', async () => {
    const [client, server] = portPair();
    serveStream(server, countRoute, async () => {
      throw new IntegrityError('sha256 mismatch');
    });
    await expect(openStream(client, countRoute, { to: 1 }, () => {})).rejects.toBeInstanceOf(IntegrityError);
  });

  test('an invalid request is refused with ValidationError', async () => {
    const [client, server] = portPair();
    serveStream(server, countRoute, async () => ({ total: 0 }));
    await expect(openStream(client, countRoute, { to: 1000 }, () => {})).rejects.toBeInstanceOf(ValidationError);
  });

  test('aborting rejects with AbortError and the server sees its signal abort', async () => {
    const [client, server] = portPair();
    let serverAborted = false;
    serveStream(server, countRoute, (_payload, emit, signal) => new Promise((resolve) => {
      emit({ n: 1 });
      signal.addEventListener('abort', () => {
        serverAborted = true;
        resolve({ total: 1 });
      });
    }));
    const controller = new AbortController();
    const pending = openStream(client, countRoute, { to: 3 }, () => controller.abort(), controller.signal);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    await new Promise((r) => setTimeout(r, 0));
    expect(serverAborted).toBe(true);
  });

  test('a port that drops before the end rejects instead of hanging', async () => {
    const [client, server] = portPair();
    serveStream(server, countRoute, async (_p, emit) => {
      emit({ n: 1 });
      server.disconnect();
      return { total: 1 };
    });
    await expect(openStream(client, countRoute, { to: 3 }, () => {})).rejects.toBeInstanceOf(DisconnectedError);
  });
});

describe('a silent stream says it is alive (session 18: the background relaying it would be stopped after 30 s)', () => {
  test('an event puts the next alive frame off (a stream sending tokens sends none)', async () => {
    vi.useFakeTimers();
    try {
      const [client, server] = portPair();
      const frames: string[] = [];
      client.onMessage.addListener((raw) => frames.push((raw as { type: string }).type));
      serveStream(server, countRoute, async (_request, emit) => {
        for (let n = 1; n <= 5; n++) {
          await new Promise((resolve) => setTimeout(resolve, ALIVE_EVERY_MS * 0.6));
          emit({ n });
        }
        return { total: 5 };
      });
      const result = openStream(client, countRoute, { to: 5 }, () => {});
      await vi.advanceTimersByTimeAsync(ALIVE_EVERY_MS * 4);
      expect(await result).toEqual({ total: 5 });
      expect(frames).toEqual(['event', 'event', 'event', 'event', 'event', 'end']);
    } finally {
      vi.useRealTimers();
    }
  });

  test('while the handler runs and emits nothing, an alive frame goes every ALIVE_EVERY_MS; none after the end; the client ignores them', async () => {
    vi.useFakeTimers();
    try {
      const [client, server] = portPair();
      const frames: string[] = [];
      client.onMessage.addListener((raw) => frames.push((raw as { type: string }).type));
      let finish = () => {};
      serveStream(server, countRoute, () => new Promise((resolve) => {
        finish = () => resolve({ total: 7 });
      }));
      const seen: number[] = [];
      const result = openStream(client, countRoute, { to: 7 }, ({ n }) => seen.push(n));
      await vi.advanceTimersByTimeAsync(ALIVE_EVERY_MS * 3 + 1);
      expect(frames).toEqual(['alive', 'alive', 'alive']);
      finish();
      expect(await result).toEqual({ total: 7 });
      expect(seen).toEqual([]);
      await vi.advanceTimersByTimeAsync(ALIVE_EVERY_MS * 2);
      expect(frames).toEqual(['alive', 'alive', 'alive', 'end']);
    } finally {
      vi.useRealTimers();
    }
  });

  test('a second request on the port is refused without stopping the first stream\'s alive frames', async () => {
    vi.useFakeTimers();
    try {
      const [client, server] = portPair();
      const frames: string[] = [];
      client.onMessage.addListener((raw) => frames.push((raw as { type: string }).type));
      serveStream(server, countRoute, () => new Promise(() => {}));
      void openStream(client, countRoute, { to: 1 }, () => {}).catch(() => {});
      await vi.advanceTimersByTimeAsync(1);
      client.postMessage({ kind: 'test.count', id: 'x', payload: { to: 2 } });
      await vi.advanceTimersByTimeAsync(ALIVE_EVERY_MS * 2 + 1);
      expect(frames.filter((f) => f === 'alive')).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
