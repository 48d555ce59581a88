/**
 * A build that packages a web-llm model library offers that model: the Models tab's Download runs web-llm's own load
 * in the model worker (web-llm fetches and caches the weights). No MLC weights or real libraries are reachable here:
 * the packaged library is a stand-in (an empty WebAssembly module) and Hugging Face is offline, so what this shows is
 * the wiring — availability from the build, the real web-llm code running in our worker, its failure reaching the row
 * as a typed error with nothing lost — not a model running (see test/unit/engines/web-llm.test.ts for the engine).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension, repoRoot, type ExtensionHarness } from './browser.ts';
import { envelope, sendFromPage } from './helpers.ts';

const QWEN = 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC';
const QWEN_LIB = 'Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm';
const F16 = 'SmolLM2-360M-Instruct-q4f16_1-MLC';
const F16_LIB = 'SmolLM2-360M-Instruct-q4f16_1_cs1k-webgpu.wasm';

/** A WebAssembly module that only imports `env.pocket_stand_in_library`: linking it names that import. */
function standInLibrary(): Uint8Array {
  const text = (value: string) => [value.length, ...new TextEncoder().encode(value)];
  const imports = [1, ...text('env'), ...text('pocket_stand_in_library'), 0x00, 0x00];
  return Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x02, imports.length, ...imports);
}

/** An HTTPS server standing in for huggingface.co (self-signed; the browser is told to accept it). */
async function startFakeHub(work: string) {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=huggingface.co',
    '-keyout', join(work, 'key.pem'), '-out', join(work, 'cert.pem')], { stdio: 'pipe' });
  const requests: string[] = [];
  const files: Record<string, string> = {};
  const server = createServer({ key: readFileSync(join(work, 'key.pem')), cert: readFileSync(join(work, 'cert.pem')) }, (req, res) => {
    requests.push(req.url ?? '');
    const body = files[req.url ?? ''];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    res.end(body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, requests, files };
}

describe('web-llm models in a build that packages their library', () => {
  let work: string;
  let harness: ExtensionHarness;
  let popup: Page;
  let hub: Awaited<ReturnType<typeof startFakeHub>>;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'pocket-web-llm-'));
    const libs = join(work, 'libs');
    mkdirSync(libs);
    writeFileSync(join(libs, QWEN_LIB), standInLibrary());
    // A model this machine's GPU cannot run (SwiftShader has no shader-f16), packaged all the same.
    writeFileSync(join(libs, F16_LIB), standInLibrary());
    execFileSync(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: repoRoot, env: { ...process.env, POCKET_DIST: join(work, 'dist'), POCKET_WEB_LLM_LIBS: libs }, stdio: 'pipe',
    });
    hub = await startFakeHub(work);
    harness = await launchExtension({ dist: join(work, 'dist'), hosts: { 'huggingface.co': `127.0.0.1:${hub.port}` } });
    popup = await harness.openExtensionPage('popup/index.html');
  });

  afterAll(async () => {
    await harness?.close();
    hub?.server.close();
    rmSync(work, { recursive: true, force: true });
  });

  const row = () => popup.locator(`[data-model="${QWEN}"] [data-field="model.state"]`);
  const failure = async () => {
    await row().getByRole('alert').waitFor({ timeout: 60_000 });
    return row().getByRole('alert').innerText();
  };

  test('its model is offered; Download runs web-llm, a hub that refuses is a typed error on the row, Try again stays', async () => {
    await popup.getByRole('tab', { name: 'Models' }).click();
    await expect.poll(() => row().innerText()).toBe('Download');
    // Libraries this build lacks stay unavailable (folded below the table), said in words; the file is in the tooltip.
    await popup.getByTestId('models-unavailable').locator('summary').click();
    const unavailable = popup.locator('[data-model="SmolLM2-360M-Instruct-q4f32_1-MLC"] [data-field="model.state"]');
    expect(await unavailable.innerText()).toMatch(/^Unavailable: this build does not include the program web-llm needs for it/);
    expect(await unavailable.locator('span[title]').getAttribute('title')).toBe('missing model library: SmolLM2-360M-Instruct-q4f32_1_cs1k-webgpu.wasm');
    await row().getByRole('button', { name: 'Download' }).click();
    expect(await failure()).toMatch(/^Failed: web-llm could not download the model's files/);
    expect(await row().getByRole('alert').getAttribute('data-error-name')).toBe('PocketError');
    expect(hub.requests).toContain(`/mlc-ai/${QWEN}/resolve/main/mlc-chat-config.json`);
    expect(await row().getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
  });

  test('with its config served, web-llm loads the library from the package (the stand-in fails to link), and Delete empties its cache', async () => {
    hub.files[`/mlc-ai/${QWEN}/resolve/main/mlc-chat-config.json`] = JSON.stringify({ model_type: 'qwen2', tokenizer_files: ['tokenizer.json'] });
    await row().getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => row().getByRole('alert').innerText().catch(() => ''), { timeout: 60_000 }).toMatch(/pocket_stand_in_library/);
    expect(await failure()).toMatch(/^Failed: web-llm failed: .*Import #0 "env" "pocket_stand_in_library"/);
    const cachedConfigs = () => popup.evaluate(async () => (await (await caches.open('webllm/config')).keys()).map((r) => r.url));
    expect(await cachedConfigs()).toEqual([`https://huggingface.co/mlc-ai/${QWEN}/resolve/main/mlc-chat-config.json`]);
    await row().getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => row().innerText()).toBe('Download');
    expect(await cachedConfigs()).toEqual([]);
  });

  test('a packaged model this GPU cannot run (no shader-f16) is folded away, and a download asked for anyway is refused (session 19)', async () => {
    const folded = popup.getByTestId('models-unavailable');
    await expect.poll(() => folded.locator(`[data-model="${F16}"]`).innerText()).toMatch(/needs WebGPU shader-f16, which this GPU lacks/);
    const sent = await sendFromPage(popup, envelope('models.download', { model: F16 })) as { ok: boolean; error?: { name: string; message: string } };
    expect(sent.ok).toBe(false);
    expect(sent.error?.name).toBe('ModelNotFoundError');
    expect(sent.error?.message).toMatch(/cannot run here: needs WebGPU shader-f16/);
    expect(await popup.locator(`[data-model="${F16}"] [data-field="model.state"] [data-state]`).count()).toBe(0);
  });
});
