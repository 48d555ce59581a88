// The built extension in headless Chromium for command-line runners (eval:math, probe): a copy of the build whose
// manifest also grants http://127.0.0.1/* (as the e2e harness does), a fresh profile, the popup open.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

export const root = resolve(import.meta.dirname, '../..');

/** Builds into POCKET_DIST (default dist/) unless told not to; returns the folder. */
export function buildExtension({ build = true } = {}) {
  const distName = process.env.POCKET_DIST ?? 'dist';
  if (build) {
    console.error(`building the extension into ${distName}/ …`);
    execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: process.env });
  }
  const dist = resolve(root, distName);
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`${distName}/ has no build: run without --no-build`);
  return dist;
}

export async function launchBuiltExtension(dist, prefix = 'pocket-run-') {
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  const extensionDir = join(tmp, 'ext');
  cpSync(dist, extensionDir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
  manifest.host_permissions = [...(manifest.host_permissions ?? []), 'http://127.0.0.1/*'];
  writeFileSync(join(extensionDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const servers = [];
  let context;
  const close = async () => {
    await context?.close();
    for (const server of servers) await new Promise((done) => server.close(done));
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
      executablePath: chromiumPath(), headless: true, args: chromiumArgs([extensionDir]), acceptDownloads: true,
    });
    const isBackground = (w) => w.url().endsWith('/background.js');
    const worker = context.serviceWorkers().find(isBackground) ?? await context.waitForEvent('serviceworker', { predicate: isBackground, timeout: 30_000 });
    const extensionId = new URL(worker.url()).host;
    const popup = await context.newPage();
    popup.on('console', (m) => { if (m.type() === 'error') console.error('[popup]', m.text()); });
    await popup.goto(`chrome-extension://${extensionId}/popup/index.html`);
    /** Sends one envelope from the popup, as the panels do; returns the reply. */
    // eslint-disable-next-line no-restricted-globals -- runs in the popup page
    const send = (kind, payload) => popup.evaluate((m) => chrome.runtime.sendMessage(m), { kind, id: `cli-${Date.now()}`, payload });
    /** Serves a replay.json on 127.0.0.1, adds it as model `id` through the Models tab and downloads it. */
    const addReplayModel = async (id, file) => {
      const body = readFileSync(resolve(file));
      const server = createServer((req, res) => {
        res.writeHead(200, { 'content-length': String(body.length), 'access-control-allow-origin': '*' });
        res.end(req.method === 'HEAD' ? undefined : body);
      });
      servers.push(server);
      await new Promise((done) => server.listen(0, '127.0.0.1', done));
      const url = `http://127.0.0.1:${server.address().port}/replay.json`;
      await popup.getByRole('tab', { name: 'Models' }).click();
      const reply = await send('models.register', { model: {
        id, name: `Replay (${file})`, contextLength: 100_000, files: [{ path: 'replay.json', url, sha256: null, bytes: body.length }],
      } });
      if (!reply?.ok) throw new Error(`could not add the replay model: ${JSON.stringify(reply?.error)}`);
      await popup.locator(`[data-model="${id}"] [data-field="model.state"] > div`).getByRole('button', { name: 'Download' }).click();
      await popup.locator(`[data-model="${id}"] [data-field="model.state"] > div[data-state="complete"]`).waitFor({ timeout: 60_000 });
    };
    /** Serves a local model folder on 127.0.0.1, registers it as model `id` (`extra`: e.g. { role }) and downloads it. */
    const addLocalModel = async (id, name, dir, extra = {}) => {
      const { readdirSync, statSync } = await import('node:fs');
      const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile() && f !== 'README.md' && f !== 'files.json');
      const server = createServer((req, res) => {
        const file = decodeURIComponent(new URL(req.url, 'http://x').pathname.slice(1));
        if (!files.includes(file)) return void res.writeHead(404).end();
        const body = readFileSync(join(dir, file));
        res.writeHead(200, { 'content-length': String(body.length), 'access-control-allow-origin': '*' });
        res.end(req.method === 'HEAD' ? undefined : body);
      });
      servers.push(server);
      await new Promise((done) => server.listen(0, '127.0.0.1', done));
      const base = `http://127.0.0.1:${server.address().port}/`;
      await popup.getByRole('tab', { name: 'Models' }).click();
      const reply = await send('models.register', { model: {
        id, name, contextLength: 1024, ...extra,
        files: files.map((path) => ({ path, url: base + path, sha256: null, bytes: statSync(join(dir, path)).size })),
      } });
      if (!reply?.ok) throw new Error(`could not add ${id}: ${JSON.stringify(reply?.error)}`);
      await popup.locator(`[data-model="${id}"] [data-field="model.state"] > div`).getByRole('button', { name: 'Download' }).click();
      await popup.locator(`[data-model="${id}"] [data-field="model.state"] > div[data-state="complete"]`).waitFor({ timeout: 120_000 });
    };
    /** `send` that returns the reply's payload, or throws the reply's typed error as text. */
    const call = async (kind, payload) => {
      const reply = await send(kind, payload);
      if (!reply?.ok) throw new Error(`${kind}: ${reply?.error?.name}: ${reply?.error?.message}`);
      return reply.payload;
    };
    /** The tab id Chrome gave the page at `url`, from the extension's view. */
    // eslint-disable-next-line no-restricted-globals -- runs in the popup page
    const tabIdOf = (url) => popup.evaluate(async (target) => (await chrome.tabs.query({})).find((t) => t.url === target)?.id, url);
    /**
     * Starts an automation run in the model host and follows it to the end, confirming what asks for confirmation
     * and (with `answer`) answering ask(); returns the final state.
     */
    const followRun = async (start, { answer } = {}) => {
      const { runId } = await call('automate.start', start);
      for (;;) {
        const { run: state } = await call('automate.state', { tabId: start.tabId });
        if (state?.runId !== runId) throw new Error('the run vanished');
        if (state.confirm) await call('automate.respond', { runId, confirm: { id: state.confirm.id, ok: true } });
        if (state.question && answer !== undefined) await call('automate.respond', { runId, answer: { id: state.question.id, text: answer } });
        if (state.status !== 'running') return state;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    return { context, extensionId, popup, send, call, tabIdOf, followRun, addReplayModel, addLocalModel, close };
  } catch (error) {
    await close();
    throw error;
  }
}
