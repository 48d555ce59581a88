import { describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { CustomModelSchema, hasChatTemplate, mlcRefusal, NewCustomModelSchema, parseFileList, parseModelSource, resolveBase } from '../../models/custom-model.ts';
import { ValidationError } from '../../extension/protocol/errors.ts';
import { statusWords } from '../../models/http-status.ts';
import { statusWords as managerStatusWords } from '../../models/downloads/download-manager.ts';
import { customEntry, customRowEntry } from '../../models/registry.ts';
import { pickDefaultModel, choicesFor } from '../../models/defaults.ts';
import { catalogue } from '../../models/catalogue.ts';

const sha = 'a'.repeat(64);

describe('parseFileList (the "add a model" form)', () => {
  test('paths resolve against the base URL, with or without its trailing slash; hashes are kept', () => {
    for (const base of ['https://hf.co/org/repo/resolve/abc123', 'https://hf.co/org/repo/resolve/abc123/']) {
      expect(parseFileList(base, `onnx/model.onnx ${sha.toUpperCase()}\n\n# comment\ntokenizer.json\n`)).toEqual([
        { path: 'onnx/model.onnx', url: 'https://hf.co/org/repo/resolve/abc123/onnx/model.onnx', sha256: sha },
        { path: 'tokenizer.json', url: 'https://hf.co/org/repo/resolve/abc123/tokenizer.json', sha256: null },
      ]);
    }
  });

  test('a line may carry its own URL', () => {
    expect(parseFileList('', 'config.json http://127.0.0.1:9/c.json')).toEqual([{ path: 'config.json', url: 'http://127.0.0.1:9/c.json', sha256: null }]);
  });

  test.each([
    ['', 'model.onnx', /base URL/],
    ['https://x.org/', 'model.onnx nothex', /"nothex" is not a SHA-256 checksum \(64 hexadecimal characters\)/],
    ['https://x.org/', 'a.json\na.json', /twice/],
    ['https://x.org/', 'a.json b c d', /expected/],
    ['https://x.org/', '  \n# only comments', /at least one/],
  ])('base %j, list %j → error %s', (base, list, message) => {
    expect(() => parseFileList(base, list)).toThrow(message);
  });

  test('paths that escape the model folder are refused by the list (naming the line) and by the schema', () => {
    expect(() => parseFileList('https://x.org/m/', 'config.json\n../../secret.onnx')).toThrow(/^line 2: "\.\.\/\.\.\/secret\.onnx" is not a path without \. or \.\. segments/);
    const files = [{ path: '../../secret.onnx', url: 'https://x.org/secret.onnx', bytes: 1, sha256: null }];
    expect(v.safeParse(CustomModelSchema, { id: 'm1', name: 'M', contextLength: 64, files }).success).toBe(false);
  });

  test.each([
    [['./model.onnx'], false], [['a/./b.onnx'], false], [['model.onnx', 'model.onnx.part'], false], [['onnx', 'onnx/model.onnx'], false],
    [['model.onnx', 'model.onnx'], false], [['onnx/model.onnx', 'onnx/model_data.onnx', 'tokenizer.json'], true], [['.hidden.json'], true],
  ])('file paths %j: accepted %s (no . segments, no names a download uses for its part files, no file inside another)', (paths, ok) => {
    const files = paths.map((path) => ({ path, url: `https://x.org/m/${path}`, bytes: 1, sha256: null }));
    expect(v.safeParse(CustomModelSchema, { id: 'm1', name: 'M', contextLength: 64, files }).success).toBe(ok);
  });

  test('model files (any model may write scripts) come over https, from this machine, or with their sha256', () => {
    const ok = (url: string, sha256: string | null, role?: 'scriptwriter', path = 'replay.json') => v.safeParse(NewCustomModelSchema, {
      id: 'm1', name: 'M', contextLength: 64, files: [{ path, url, bytes: 1, sha256 }], ...(role ? { role } : {}),
    }).success;
    expect(ok('http://models.example/replay.json', null)).toBe(false);
    expect(ok('http://models.example/replay.json', sha)).toBe(true);
    expect(ok('https://models.example/replay.json', null)).toBe(true);
    expect(ok('http://127.0.0.1:8080/replay.json', null)).toBe(true);
    expect(ok('http://models.example/model.onnx', null, 'scriptwriter', 'model.onnx')).toBe(false);
    expect(ok('http://models.example/model.onnx', null, undefined, 'model.onnx')).toBe(false);
    expect(ok('http://localhost:3000/model.onnx', null, undefined, 'model.onnx')).toBe(true);
    // A model added over http before this rule still resolves (its files are already here; it can be deleted).
    const old = { id: 'm1', name: 'M', contextLength: 64, files: ['onnx/model.onnx', 'tokenizer.json', 'tokenizer_config.json', 'config.json']
      .map((path) => ({ path, url: `http://models.example/${path}`, bytes: 1, sha256: null })) };
    expect(v.safeParse(NewCustomModelSchema, old).success).toBe(false);
    expect(customRowEntry({ custom: old })?.id).toBe('m1');
  });

  test('a seq2seq file set becomes an encoder-decoder entry, a single ONNX a decoder-only one', () => {
    const base = parseFileList('https://x.org/m/', 'tokenizer.json\ntokenizer_config.json\nconfig.json').map((f) => ({ ...f, bytes: 1 }));
    const one = parseFileList('https://x.org/m/', 'onnx/model.onnx').map((f) => ({ ...f, bytes: 1 }));
    expect(customEntry({ id: 'dec', name: 'D', contextLength: 64, files: [...one, ...base] }).engine).toBe('ort-decoder');
  });
});

describe('a user-added model\'s name and context length', () => {
  const base = { id: 'm1', contextLength: 512, files: [{ path: 'model.onnx', url: 'https://x.org/model.onnx', bytes: 1, sha256: null }] };
  const problem = (model: object) => v.safeParse(CustomModelSchema, { ...base, ...model }).issues?.map((i) => i.message).join('; ');
  test('refused in plain words: too long, nothing visible, text-direction controls, a context length out of range', () => {
    expect(problem({ name: 'x'.repeat(101) })).toBe('The name can be at most 100 characters');
    expect(problem({ name: '\u200b\u200b' })).toBe('The name needs at least one visible character');
    expect(problem({ name: 'model\u202Etxt.exe' })).toMatch(/^The name cannot hold text-direction controls/);
    expect(problem({ name: 'ok', contextLength: 0 })).toBe('The context length must be at least 16 tokens');
    expect(problem({ name: 'ok', contextLength: Number.NaN })).toMatch(/^The context length/);
    expect(problem({ name: 'Qwen 2.5 — 0.5B (mine) 日本語' })).toBeUndefined();
  });
});

describe('user-added models with a chat template', () => {
  const files = parseFileList('https://x.org/m/', 'onnx/model.onnx\ntokenizer.json\ntokenizer_config.json\nconfig.json').map((f) => ({ ...f, bytes: 1 }));
  const model = { id: 'instruct', name: 'I', contextLength: 2048, files };

  test('the template is found as ChatFormatter reads it: a string, or named templates; nothing else counts', () => {
    expect(hasChatTemplate(JSON.stringify({ chat_template: '{{ messages }}' }))).toBe(true);
    expect(hasChatTemplate(JSON.stringify({ chat_template: [{ name: 'default', template: '{{ x }}' }] }))).toBe(true);
    for (const text of [JSON.stringify({ chat_template: '  ' }), JSON.stringify({ chat_template: [] }), JSON.stringify({ bos_token: '<s>' }),
      JSON.stringify({ chat_template: [{ name: 'x' }] }), '{not json', 'null']) {
      expect(hasChatTemplate(text), text).toBe(false);
    }
  });

  test('with one it is a chat model made for every feature; without, or as a script writer, as before', () => {
    const chat = customEntry(model, { chatTemplate: true });
    expect(chat).toMatchObject({ promptFormat: 'chat', engine: 'ort-decoder' });
    expect(chat.goodFor).toEqual(expect.arrayContaining(['automate', 'math', 'probes', 'story']));
    expect(chat.description).toMatch(/chat model/);
    expect(customEntry(model, { chatTemplate: false })).toMatchObject({ promptFormat: 'plain', goodFor: ['story'] });
    expect(customEntry(model)).toMatchObject({ promptFormat: 'plain' });
    expect(customEntry({ ...model, role: 'scriptwriter' }, { chatTemplate: true })).toMatchObject({ promptFormat: 'scriptwriter', goodFor: ['automate'] });
  });
});

describe('default model per feature', () => {
  const bundled = catalogue.find((e) => e.source.kind === 'bundled')!;
  const qwen = catalogue.find((e) => e.id === 'qwen2.5-0.5b-instruct-onnx')!;
  const flan = catalogue.find((e) => e.id === 'flan-t5-small-onnx')!;
  const candidates = [
    { entry: bundled, ready: true, runnable: true },
    { entry: qwen, ready: true, runnable: true },
    { entry: flan, ready: false, runnable: true },
  ];

  test('the user\'s choice wins while it is ready and runnable', () => {
    expect(pickDefaultModel('math', candidates, bundled.id)).toBe(bundled.id);
    expect(pickDefaultModel('probes', candidates, flan.id)).toBe(qwen.id); // not downloaded → next best
  });

  test('otherwise the first ready model made for the feature, else the bundled model', () => {
    expect(pickDefaultModel('math', candidates, undefined)).toBe(qwen.id);
    expect(pickDefaultModel('story', candidates, undefined)).toBe(bundled.id);
    expect(pickDefaultModel('math', [{ entry: qwen, ready: true, runnable: false }], undefined)).toBe(bundled.id);
  });

  test('a model added by URL becomes a default by itself only once it has answered here (its files may not load)', () => {
    const files = parseFileList('https://x.org/m/', 'model.onnx\ntokenizer.json\ntokenizer_config.json\nconfig.json').map((f) => ({ ...f, bytes: 1 }));
    const added = customEntry({ id: 'mine', name: 'Mine', contextLength: 512, files });
    expect(added.goodFor).toContain('story');
    const withAdded = [{ entry: bundled, ready: true, runnable: true }, { entry: added, ready: true, runnable: true }];
    expect(pickDefaultModel('story', withAdded, undefined)).toBe(bundled.id);
    expect(pickDefaultModel('story', withAdded, undefined, [{ model: 'mine', backend: 'wasm', bucket: 'short', ms: 40, at: 1 } as never])).toBe('mine');
    expect(pickDefaultModel('story', withAdded, 'mine')).toBe('mine'); // chosen by the user: taken as is
  });

  test('the script writer is offered, and taken as a default, for Automate only', () => {
    const writer = catalogue.find((e) => e.promptFormat === 'scriptwriter')!;
    const withWriter = [...candidates, { entry: writer, ready: true, runnable: true }];
    expect(choicesFor('automate', withWriter).map((e) => e.id)).toContain(writer.id);
    for (const feature of ['math', 'story', 'probes'] as const) {
      expect(choicesFor(feature, withWriter).map((e) => e.id)).not.toContain(writer.id);
      expect(pickDefaultModel(feature, withWriter, writer.id)).not.toBe(writer.id);
    }
    expect(pickDefaultModel('automate', withWriter, writer.id)).toBe(writer.id);
  });

  test('Chrome\'s built-in model, once Chrome has it, is the default for what it is good for; not before', () => {
    const builtin = catalogue.find((e) => e.source.kind === 'builtin')!;
    expect(pickDefaultModel('automate', [{ entry: bundled, ready: true, runnable: true }, { entry: builtin, ready: true, runnable: true }], undefined)).toBe(builtin.id);
    expect(pickDefaultModel('automate', [{ entry: bundled, ready: true, runnable: true }, { entry: builtin, ready: false, runnable: true }], undefined)).toBe(bundled.id);
    expect(pickDefaultModel('story', [{ entry: bundled, ready: true, runnable: true }, { entry: builtin, ready: true, runnable: true }], undefined)).toBe(bundled.id);
  });

  test('choices list models made for the feature first and leave out what cannot run', () => {
    expect(choicesFor('math', candidates).map((e) => e.id)).toEqual([qwen.id, bundled.id]);
  });
});

describe('the base URL as the user meant it (exploratory test, session 22)', () => {
  const list = ['onnx/model.onnx', 'tokenizer.json', 'tokenizer_config.json', 'config.json'];
  const root = 'https://huggingface.co/pk/tiny/resolve/main/';
  test.each([
    ['https://huggingface.co/pk/tiny', root],
    ['https://huggingface.co/pk/tiny/', root],
    ['https://huggingface.co/pk/tiny/tree/main', root],
    ['https://huggingface.co/pk/tiny/tree/main/', root],
    ['https://huggingface.co/pk/tiny/blob/main/', root],
    ['https://huggingface.co/pk/tiny/blob/v2/onnx/model.onnx', 'https://huggingface.co/pk/tiny/resolve/v2/'],
    // One file's address: the list names it from the repository's root, so the root is the base.
    ['https://huggingface.co/pk/tiny/resolve/main/onnx/model.onnx', root],
    ['https://huggingface.co/pk/tiny/resolve/main/tokenizer.json', root],
    ['https://hf.co/pk/tiny', 'https://hf.co/pk/tiny/resolve/main/'],
    ['https://huggingface.co/pk/tiny/resolve/main?download=true', root],
    ['https://huggingface.co/pk/tiny/resolve/main/#x', root],
    ['https://example.com/models/tiny?token=1#top', 'https://example.com/models/tiny/'],
    ['https://example.com/models/tiny/onnx/model.onnx', 'https://example.com/models/tiny/'],
  ])('%s → %s', (typed, base) => {
    expect(resolveBase(typed, list).base).toBe(base);
  });

  test('a tree page of a subfolder is the root when the list names that folder, else the folder itself', () => {
    expect(resolveBase('https://huggingface.co/pk/tiny/tree/main/onnx', list).base).toBe(root);
    expect(resolveBase('https://huggingface.co/pk/tiny/tree/main/onnx', ['model.onnx']).base).toBe(`${root}onnx/`);
    expect(resolveBase('https://huggingface.co/pk/tiny/resolve/main/onnx/model.onnx', ['model.onnx']).base).toBe(`${root}onnx/`);
  });

  test('the files resolve under the base, with its query and fragment dropped, and the form is told why', () => {
    const { files, base } = parseModelSource('https://huggingface.co/pk/tiny/blob/main/?download=true#x', 'onnx/model.onnx\nconfig.json');
    expect(files.map((f) => f.url)).toEqual([`${root}onnx/model.onnx`, `${root}config.json`]);
    expect(base?.note).toMatch(/query or fragment dropped.*a file page \(a web page, not the files\).*files are read from https:\/\/huggingface\.co\/pk\/tiny\/resolve\/main\//);
    expect(resolveBase(root, list).note).toBeUndefined();
  });

  test.each(['javascript:alert(1)', 'data:text/plain,hello', 'chrome://settings/', 'file:///etc/', 'ftp://x.org/m/'])('%s is refused: only http(s)', (typed) => {
    expect(() => parseFileList(typed, 'model.onnx')).toThrow(/only http\(s\) addresses/);
    expect(() => parseFileList(typed, 'model.onnx')).toThrow(ValidationError);
  });

  test('a base that is no address says so; a per-line address must be http(s) too', () => {
    expect(() => parseFileList('pk/tiny', 'model.onnx')).toThrow(/is not an address: give a full one, starting with https:\/\//);
    expect(() => parseFileList('', 'model.onnx file:///etc/passwd')).toThrow(/line 1: "file:\/\/\/etc\/passwd" is not an http\(s\) address/);
  });

  test('a path starting with "/" (it would resolve to the host\'s root) is refused, naming the line and what to write', () => {
    expect(() => parseFileList(root, 'config.json\n/onnx/model.onnx')).toThrow(/^line 2: "\/onnx\/model\.onnx" starts with "\/": write paths relative to the base URL \(onnx\/model\.onnx\)/);
    expect(() => parseFileList(root, 'onnx\\model.onnx')).toThrow(/^line 1: "onnx\\model\.onnx" is not a relative path/);
  });

  test('an MLC (web-llm) repository is refused with the reason, not "needs an .onnx model file"', () => {
    const mlc = ['mlc-chat-config.json', 'ndarray-cache.json', 'params_shard_0.bin', 'tokenizer.json'];
    expect(mlcRefusal(mlc)).toMatch(/MLC \(web-llm\) model: those cannot be added by URL/);
    expect(mlcRefusal(['onnx/model.onnx', 'tokenizer.json'])).toBeUndefined();
    expect(() => customEntry({ id: 'mlc', name: 'M', contextLength: 64, files: mlc.map((path) => ({ path, url: `https://x.org/${path}`, bytes: 1, sha256: null })) }))
      .toThrow(/cannot be added by URL/);
  });

  test('a file whose size the server does not give is accepted without one', () => {
    const files = ['onnx/model.onnx', 'tokenizer.json', 'tokenizer_config.json', 'config.json'].map((path) => ({ path, url: `https://x.org/${path}`, sha256: null }));
    const parsed = v.safeParse(NewCustomModelSchema, { id: 'nosize', name: 'N', contextLength: 64, files });
    expect(parsed.success).toBe(true);
    expect(customEntry(parsed.output as never).files[0]!.bytes).toBeUndefined();
  });
});

describe('HTTP status wording (shared by the download manager and the form)', () => {
  test.each([[401, /not allowed/], [403, /sign-in or an access token/], [404, /not found: check the address/], [500, /server error/], [429, /too many requests/]])('%i', (status, words) => {
    expect(statusWords(status)).toMatch(words);
    expect(managerStatusWords(status)).toBe(statusWords(status));
  });
});
