import { createServer, type Server } from 'node:http';

export interface ServedFile {
  body: Uint8Array;
  /** Close the connection after this many bytes, for the first `dropTimes` requests. */
  dropAfter?: number;
  dropTimes?: number;
  /** Flip one byte in the first `corruptTimes` responses. */
  corruptTimes?: number;
  ignoreRange?: boolean;
  /** Delay between 64 KiB chunks, to let a test cancel mid-transfer. */
  chunkDelayMs?: number;
  /** Stop sending after this many bytes (first request only) until `release` is called, e.g. to change the quota. */
  holdAfter?: number;
  /** Set by the server while a response is held; the test calls it to let the rest flow. */
  release?: () => void;
  /** Sent as ETag; an If-Range that does not match it gets the whole file (200), as HTTP says. */
  etag?: string;
  /** Chunked, without Content-Length (nor a total in Content-Range), like a server that streams. */
  noLength?: boolean;
}

/**
 * A local model host for download tests: serves files with HTTP Range support and can misbehave on purpose
 * (dropped connections, flipped bytes, ignored Range). Only binds 127.0.0.1.
 */
export async function startModelServer(files: Record<string, ServedFile>) {
  const requests: { path: string; range: string | undefined; ifRange?: string | undefined; status: number }[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = files[path];
    if (!file) {
      requests.push({ path, range: req.headers.range, status: 404 });
      return void res.writeHead(404).end();
    }
    let start = 0;
    const range = req.headers.range;
    const ifRange = req.headers['if-range'] as string | undefined;
    if (range && !file.ignoreRange && (ifRange === undefined || ifRange === file.etag)) {
      start = Number(/bytes=(\d+)-/.exec(range)?.[1] ?? 0);
      if (start >= file.body.length) {
        requests.push({ path, range, status: 416 });
        return void res.writeHead(416, { 'content-range': `bytes */${file.body.length}` }).end();
      }
    }
    let body = file.body.subarray(start);
    if ((file.corruptTimes ?? 0) > 0) {
      file.corruptTimes! -= 1;
      body = body.slice();
      body[Math.floor(body.length / 2)]! ^= 0xff;
    }
    const status = start > 0 ? 206 : 200;
    requests.push({ path, range, ifRange, status });
    res.writeHead(status, {
      ...(file.noLength ? {} : { 'content-length': String(body.length) }),
      'accept-ranges': 'bytes',
      ...(status === 206 ? { 'content-range': `bytes ${start}-${file.body.length - 1}/${file.noLength ? '*' : file.body.length}` } : {}),
      ...(file.etag ? { etag: file.etag } : {}),
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'range, if-range',
      'access-control-expose-headers': 'content-range, content-length, etag',
    });
    const drop = (file.dropTimes ?? 0) > 0 && file.dropAfter !== undefined;
    if (drop) file.dropTimes! -= 1;
    const hold = file.holdAfter;
    file.holdAfter = undefined;
    for (let offset = 0; offset < body.length; offset += 65536) {
      if (hold !== undefined && offset >= hold && offset - 65536 < hold) {
        await new Promise<void>((go) => { file.release = go; });
        file.release = undefined;
      }
      if (drop && offset >= file.dropAfter!) {
        // Everything before was flushed (see below); the pause lets the page read it before the reset, because a
        // stream that errors drops chunks still queued in it (seen on a loaded machine: the retry then had no Range).
        await new Promise((r) => setTimeout(r, 1000));
        res.destroy();
        return;
      }
      await new Promise((flushed) => res.write(body.subarray(offset, Math.min(body.length, offset + 65536)), flushed));
      if (file.chunkDelayMs) await new Promise((r) => setTimeout(r, file.chunkDelayMs));
    }
    res.end();
  });
  server.on('request', (req) => {
    if (req.method === 'OPTIONS') req.socket.end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // Connections a client abandoned mid-body (a refused download) would keep close() waiting: they are cut.
  return { origin, requests, files, close: () => new Promise<void>((done) => {
    server.close(() => done());
    server.closeAllConnections();
  }) };
}
