/**
 * WebLlmEngine wiring. What is real: web-llm's own types (the double is checked against MLCEngineInterface by tsc),
 * its prebuilt model list, and its error classes. What is faked: the engine that would run MLC weights on a GPU —
 * no weights or model libraries are reachable here — replaced by a double that streams chunks in web-llm's format.
 */
import { describe, expect, test } from 'vitest';
import { DeviceLostError, ModelNotFoundError, ValidationError } from '../../../extension/protocol/errors.ts';
import * as webllm from '@mlc-ai/web-llm';
import type { ChatCompletionChunk, ChatCompletionRequestStreaming } from '@mlc-ai/web-llm';
import { catalogue, compatibility, NOT_PACKAGED, webLlmEntry } from '../../../models/catalogue.ts';
import { WebLlmEngine, toChatRequest, translateWebLlmError, type MlcEngineLike } from '../../../workers/engines/web-llm.ts';
import type { GenerateRequest } from '../../../workers/engines/types.ts';
import { collect } from './collect.ts';

class FakeMlcEngine implements MlcEngineLike {
  requests: ChatCompletionRequestStreaming[] = [];
  reloaded: string[] = [];
  interrupted = 0;
  unloaded = 0;
  constructor(private readonly pieces: string[], private readonly failReload?: Error) {}
  setInitProgressCallback = () => {};
  reload = async (modelId: string | string[]) => {
    if (this.failReload) throw this.failReload;
    this.reloaded.push(String(modelId));
  };
  interruptGenerate = () => {
    this.interrupted++;
  };
  unload = async () => {
    this.unloaded++;
  };
  chat = {
    completions: {
      create: async (request: ChatCompletionRequestStreaming) => {
        this.requests.push(request);
        const { pieces } = this;
        const interrupted = () => this.interrupted > 0;
        return (async function* (): AsyncGenerator<ChatCompletionChunk> {
          for (const [i, piece] of pieces.entries()) {
            await new Promise((r) => setTimeout(r, 1));
            if (interrupted()) {
              yield chunk('', 'abort');
              return;
            }
            yield chunk(piece, i === pieces.length - 1 ? 'stop' : null);
          }
          yield { ...chunk('', null), choices: [], usage: {
            prompt_tokens: 12, completion_tokens: pieces.length, total_tokens: 12 + pieces.length,
            extra: { e2e_latency_s: 0.5, prefill_tokens_per_s: 240, decode_tokens_per_s: 31.5, time_to_first_token_s: 0.05,
              time_per_output_token_s: 0.03 },
          } as ChatCompletionChunk['usage'] };
        })();
      },
    },
  } as unknown as MlcEngineLike['chat'];
}

function chunk(content: string, finish: 'stop' | 'length' | 'abort' | null): ChatCompletionChunk {
  return { id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm',
    choices: [{ index: 0, delta: { content, role: 'assistant' }, finish_reason: finish, logprobs: null }] } as ChatCompletionChunk;
}

const entry = catalogue.find((e) => e.id === 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC')!;
const load = (fake: FakeMlcEngine) => WebLlmEngine.load({
  modelId: entry.id, mlcModelId: entry.id, appConfig: webllm.prebuiltAppConfig, contextLength: entry.contextLength,
  create: () => fake,
});
const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
  id: 'r', prompt: 'Say hi', params: { maxTokens: 16, temperature: 0 }, ...over,
});

describe('WebLlmEngine over a web-llm engine double', () => {
  test('streams text, maps finish reason and web-llm usage to our stats', async () => {
    const fake = new FakeMlcEngine(['Hel', 'lo', '!']);
    const engine = await load(fake);
    expect(fake.reloaded).toEqual([entry.id]);
    expect(engine.info).toMatchObject({ backend: 'webgpu', constraints: ['json-schema', 'grammar'] });
    const { final, streamed } = await collect(engine.generate(request()));
    expect(streamed).toBe('Hello!');
    expect(final).toMatchObject({ text: 'Hello!', finishReason: 'stop', tokenIds: [] });
    expect(final.stats).toMatchObject({ backend: 'webgpu', ttftMs: 50, prefillTokS: 240, decodeTokS: 31.5, tokensIn: 12, tokensOut: 3 });
  });

  test('parameters, chat messages and a JSON schema become web-llm request fields', () => {
    const schema = JSON.stringify({ type: 'object', properties: { script: { type: 'string' } } });
    const mapped = toChatRequest(request({
      messages: [{ role: 'system', content: 'JSON only' }, { role: 'user', content: 'go' }],
      constraint: { jsonSchema: schema },
      params: { maxTokens: 40, temperature: 0.7, topP: 0.9, repetitionPenalty: 1.1, seed: 7, stop: ['\n\n'], stopAtEos: false },
    }));
    expect(mapped).toMatchObject({
      stream: true, stream_options: { include_usage: true }, max_tokens: 40, temperature: 0.7, top_p: 0.9,
      repetition_penalty: 1.1, seed: 7, stop: ['\n\n'], ignore_eos: true,
      response_format: { type: 'json_object', schema },
      messages: [{ role: 'system', content: 'JSON only' }, { role: 'user', content: 'go' }],
    });
    expect(toChatRequest(request()).messages).toEqual([{ role: 'user', content: 'Say hi' }]);
    expect(toChatRequest(request({ constraint: { grammar: 'main ::= "a"' } })).response_format).toEqual({ type: 'grammar', grammar: 'main ::= "a"' });
  });

  test('abort interrupts web-llm and the stream ends as aborted', async () => {
    const fake = new FakeMlcEngine(Array.from({ length: 50 }, (_, i) => `w${i} `));
    const engine = await load(fake);
    const controller = new AbortController();
    const { final } = await collect(engine.generate(request(), controller.signal), (n) => n === 3 && controller.abort());
    expect(fake.interrupted).toBe(1);
    expect(final.finishReason).toBe('abort');
    expect(final.text.split(' ').length).toBeLessThan(10);
  });

  test('an abort that came before the completion was created still interrupts it (not the whole answer)', async () => {
    const fake = new FakeMlcEngine(Array.from({ length: 50 }, (_, i) => `w${i} `));
    const engine = await load(fake);
    const controller = new AbortController();
    controller.abort();
    const { final } = await collect(engine.generate(request(), controller.signal));
    expect(fake.interrupted).toBe(1);
    expect(final.finishReason).toBe('abort');
    expect(final.text).toBe('');
  });

  // web-llm does not export its error classes; these carry the `name` and message text its classes set.
  const webLlmError = (name: string, message: string) => Object.assign(new Error(message), { name });

  test('web-llm errors become ours, and a failed load releases the engine', async () => {
    const lost = webLlmError('DeviceLostError', 'The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM).');
    const fake = new FakeMlcEngine([], lost);
    await expect(load(fake)).rejects.toBeInstanceOf(DeviceLostError);
    expect(fake.unloaded).toBe(1);
    expect(translateWebLlmError(webLlmError('ModelNotFoundError', 'Cannot find model record in appConfig for x'))).toBeInstanceOf(ModelNotFoundError);
    expect(translateWebLlmError(webLlmError('ContextWindowSizeExceededError', 'Prompt tokens exceed context window size'))).toBeInstanceOf(ValidationError);
    expect(translateWebLlmError(webLlmError('ShaderF16SupportError', 'This model requires WebGPU extension shader-f16')).message).toMatch(/cannot run the model/);
    expect(translateWebLlmError(new TypeError('boom')).message).toBe('web-llm failed: boom');
    expect(translateWebLlmError(new TypeError('Failed to fetch')).message).toMatch(/^web-llm could not download the model's files/);
    expect(translateWebLlmError(new TypeError("Failed to execute 'add' on 'Cache': Request failed")).message).toMatch(/could not download/);
  });
});

describe('the web-llm catalogue entries against web-llm 0.2.86 itself', () => {
  const prebuilt = new Map(webllm.prebuiltAppConfig.model_list.map((m) => [m.model_id, m]));
  const entries = catalogue.filter((e) => e.engine === 'web-llm');
  test.each(entries.map((e) => [e.id, e] as const))('%s exists in prebuiltAppConfig with the same GPU needs', (_id, e) => {
    const record = prebuilt.get(e.id);
    expect(record, 'model id not in web-llm').toBeDefined();
    expect(e.requiredFeatures.includes('shader-f16')).toBe(Boolean(record!.required_features?.includes('shader-f16')) || /f16/.test(e.id));
    expect(Math.abs(e.memoryMb - (record!.vram_required_MB ?? 0))).toBeLessThan(record!.vram_required_MB! * 0.2);
    expect(e.source.kind === 'web-llm' && record!.model_lib.endsWith(`/${e.source.libFile}`)).toBe(true);
  });

  test('an entry runs only where the build packages its model library', () => {
    const row = { modelId: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC', name: 'Qwen', params: '0.5B', dtype: 'q4f32' as const,
      memoryMb: 1060, goodFor: [], description: '', libFile: 'Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm' };
    const missing = webLlmEntry(row, ['SmolLM2-360M-Instruct-q4f32_1_cs1k-webgpu.wasm']);
    expect(missing.unavailableReason).toBe(NOT_PACKAGED);
    expect(missing.unavailableReason).not.toMatch(/\.wasm/);
    expect(compatibility(missing, []).ok).toBe(false);
    const packaged = webLlmEntry(row, [row.libFile]);
    expect(packaged.unavailableReason).toBeUndefined();
    expect(compatibility(packaged, []).ok).toBe(true);
    expect(compatibility(packaged, null)).toEqual({ ok: false, reason: 'needs WebGPU, which is not available' });
    // Unit tests run without a build's list: every web-llm entry is unavailable, as in a build without libraries.
    expect(entries.every((e) => e.unavailableReason)).toBe(true);
  });
});

describe('packaged web-llm app config', () => {
  test('keeps the weights URL, points the model library into the extension package', async () => {
    const { packagedAppConfig, assertLibraryPackaged } = await import('../../../workers/engines/web-llm-config.ts');
    const id = 'SmolLM2-360M-Instruct-q4f32_1-MLC';
    const original = webllm.prebuiltAppConfig.model_list.find((m) => m.model_id === id)!;
    const { appConfig, libUrl } = packagedAppConfig(webllm.prebuiltAppConfig, id, 'chrome-extension://abc');
    expect(appConfig.model_list).toHaveLength(1);
    expect(appConfig.model_list[0]!.model).toBe(original.model);
    expect(libUrl).toMatch(/^chrome-extension:\/\/abc\/models\/web-llm-libs\/SmolLM2-360M-Instruct-q4f32_1.*\.wasm$/);
    expect(appConfig.model_list[0]!.model_lib).toBe(libUrl);
    expect(() => packagedAppConfig(webllm.prebuiltAppConfig, 'nope', 'chrome-extension://abc')).toThrow(ModelNotFoundError);
    await expect(assertLibraryPackaged(libUrl, async () => new Response(null, { status: 404 }))).rejects.toThrow(/does not package/);
    await expect(assertLibraryPackaged(libUrl, async () => new Response(null, { status: 200 }))).resolves.toBeUndefined();
  });
});

describe('which web-llm libraries a build packages (vite.config.ts)', () => {
  test('WebAssembly files a catalogue entry names; a broken or unknown file stops the build with what to do', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { packagedWebLlmLibraries } = await import('../../../scripts/lib/web-llm-libs.mjs');
    const folder = mkdtempSync(join(tmpdir(), 'web-llm-libs-'));
    try {
      expect(packagedWebLlmLibraries(join(folder, 'absent'))).toEqual([]);
      const lib = 'Qwen2-0.5B-Instruct-q4f32_1_cs1k-webgpu.wasm';
      writeFileSync(join(folder, lib), Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0));
      writeFileSync(join(folder, 'README.md'), 'notes');
      expect(packagedWebLlmLibraries(folder)).toEqual([{ file: lib, path: join(folder, lib) }]);
      writeFileSync(join(folder, lib), '<!doctype html><title>404</title>');
      expect(() => packagedWebLlmLibraries(folder)).toThrow(/is not WebAssembly/);
      rmSync(join(folder, lib));
      writeFileSync(join(folder, 'Other-model-webgpu.wasm'), Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0));
      expect(() => packagedWebLlmLibraries(folder)).toThrow(/no catalogue entry uses/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
