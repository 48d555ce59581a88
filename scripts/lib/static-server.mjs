// A tiny static file server on 127.0.0.1 for the demo app and test fixtures. Node built-ins only.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml', '.onnx': 'application/octet-stream',
  '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8', '.xhtml': 'application/xhtml+xml', '.pdf': 'application/pdf',
};

/**
 * Serves folders under URL prefixes, e.g. { '/demo/': 'demo' }. Paths never escape their folder.
 * @param {Record<string, string>} mounts
 * @param {number} [port] 0 picks a free port
 * @returns {Promise<{ origin: string, url: (path: string) => string, close: () => Promise<void> }>}
 */
export async function serveStatic(mounts, port = 0) {
  const roots = Object.entries(mounts).map(([prefix, dir]) => [prefix, resolve(dir)]);
  const server = createServer(async (req, res) => {
    let path;
    let delayMs = 0;
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      path = decodeURIComponent(url.pathname);
      // `?delay=MS` (at most 5 s) answers late: a slow server, for tests of pages that wait for theirs.
      delayMs = Math.min(5000, Math.max(0, Number(url.searchParams.get('delay')) || 0));
    } catch {
      return void res.writeHead(400).end('bad path');
    }
    if (delayMs) await new Promise((done) => setTimeout(done, delayMs));
    const mount = roots.find(([prefix]) => path.startsWith(prefix));
    if (!mount) return void res.writeHead(404).end('not found');
    const [prefix, root] = mount;
    let file = normalize(join(root, path.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(403).end('forbidden');
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done(undefined));
  });
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  return {
    origin,
    url: (path) => new URL(path, origin).href,
    // A browser keeps connections open after its page closed; close() alone would wait for them.
    close: () => new Promise((done) => {
      server.close(() => done(undefined));
      server.closeAllConnections();
    }),
  };
}
