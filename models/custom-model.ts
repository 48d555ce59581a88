import * as v from 'valibot';

const safePath = v.pipe(v.string(), v.minLength(1), v.maxLength(300), v.regex(/^[\w.-]+(\/[\w.-]+)*$/, 'a relative path'),
  v.check((path) => path.split('/').every((segment) => segment !== '.' && segment !== '..'), 'a path without . or .. segments'),
  // A download writes `<path>.part` until the file is verified: a file of that name would be taken for it.
  v.check((path) => !path.endsWith('.part'), 'a path that does not end in .part'));

/** Each file once, and none where another file's folder would be (`a` and `a/b`). */
function distinctPaths(files: { path: string }[]): boolean {
  const paths = new Set(files.map((file) => file.path));
  if (paths.size !== files.length) return false;
  return files.every(({ path }) => !path.split('/').slice(0, -1).some((_, i, parts) => paths.has(parts.slice(0, i + 1).join('/'))));
}
const hex64 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits'));

/** A decoder-only ONNX model the user adds by URL (optimum/transformers.js layout, like the bundled one). */
export const CustomModelSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'lower-case letters, digits, . _ -')),
  name: v.pipe(v.string(), v.minLength(1, 'The model needs a name'), v.maxLength(100, 'The name can be at most 100 characters'),
    v.check((name) => /[\p{L}\p{N}\p{S}\p{P}]/u.test(name), 'The name needs at least one visible character'),
    // Direction overrides make a name display as other text than it is ("txt.exe" read backwards).
    v.check((name) => !/[\u202A-\u202E\u2066-\u2069]/.test(name), 'The name cannot hold text-direction controls (they make it display as other text)')),
  contextLength: v.pipe(v.number('The context length must be a number of tokens'), v.integer('The context length must be a whole number'),
    v.minValue(16, 'The context length must be at least 16 tokens'), v.maxValue(1_000_000, 'The context length can be at most 1,000,000 tokens')),
  files: v.pipe(v.array(v.strictObject({
    path: safePath,
    url: v.pipe(v.string(), v.url(), v.regex(/^https?:\/\//, 'an http(s) address')),
    bytes: v.pipe(v.number(), v.integer(), v.minValue(1)),
    sha256: v.nullable(hex64),
  })), v.minLength(1), v.maxLength(32), v.check((files) => distinctPaths(files), 'each file path once, none inside another file\'s path')),
  /** A script-writer model (page document + task → script, trained with models/training/scriptwriter/). */
  role: v.optional(v.literal('scriptwriter')),
});

/**
 * A model being added (the form, `models.register`): its files must also arrive safely. Rows stored before this rule
 * keep working (read with CustomModelSchema), so models already downloaded stay usable and deletable.
 */
export const NewCustomModelSchema = v.pipe(CustomModelSchema, v.check((model) => arrivesSafely(model),
  'model files must come over https, from this machine, or with a sha256 each (over plain http anyone on the network could swap them)'));

/**
 * Any model may write automation scripts (a chat model chosen for Automate, a script writer, canned replay answers),
 * so its files must not be swappable on the way: https, this machine, or a sha256 per file.
 */
function arrivesSafely(model: { files: { url: string; sha256: string | null }[] }): boolean {
  return model.files.every((file) => file.sha256 !== null || /^https:\/\//.test(file.url) || /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//.test(file.url));
}
export type CustomModel = v.InferOutput<typeof CustomModelSchema>;

/** Whether a tokenizer_config.json (its text) carries a chat template, as ChatFormatter reads it. */
export function hasChatTemplate(configText: string): boolean {
  try {
    const template = (JSON.parse(configText) as { chat_template?: unknown }).chat_template;
    if (typeof template === 'string') return template.trim().length > 0;
    return Array.isArray(template) && template.some((t) => typeof (t as { template?: unknown })?.template === 'string');
  } catch {
    return false;
  }
}


export interface FileLine {
  path: string;
  url: string;
  sha256: string | null;
}

/**
 * The "add a model" form's file list: one file per line, `path [sha256]`, resolved against the base URL (a folder
 * such as https://huggingface.co/ORG/REPO/resolve/REVISION/), or `path URL [sha256]` for a file hosted elsewhere.
 * Blank lines and lines starting with # are skipped. Throws an Error naming the first bad line.
 */
export function parseFileList(baseUrl: string, text: string): FileLine[] {
  const base = baseUrl.trim() ? new URL(baseUrl.trim().replace(/\/?$/, '/')) : undefined;
  const files: FileLine[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [path = '', ...rest] = line.split(/\s+/);
    const explicit = rest[0]?.match(/^https?:\/\//) ? rest.shift() : undefined;
    const sha = rest.shift()?.toLowerCase() ?? null;
    if (rest.length) throw new Error(`line ${index + 1}: expected "path [URL] [sha256]"`);
    if (sha !== null && !/^[0-9a-f]{64}$/.test(sha)) throw new Error(`line ${index + 1}: "${sha.slice(0, 80)}" is not a SHA-256 checksum (64 hexadecimal characters); leave it out if you have none`);
    if (!explicit && !base) throw new Error(`line ${index + 1}: give a base URL or a URL for ${path}`);
    if (files.some((f) => f.path === path)) throw new Error(`line ${index + 1}: ${path} is listed twice`);
    files.push({ path, url: explicit ?? new URL(path, base).href, sha256: sha });
  }
  if (!files.length) throw new Error('list at least one file');
  return files;
}
