import * as v from 'valibot';
import { ValidationError } from '../extension/protocol/errors.ts';

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
    /** Left out where the server gives no size (a streamed answer): the download then learns it as it goes. */
    bytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
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
  return model.files.every((file) => file.sha256 !== null || comesSafelyFrom(file.url));
}

/** An address no one on the network can answer for: https, or this machine. */
export function comesSafelyFrom(url: string): boolean {
  return /^https:\/\//.test(url) || /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//.test(url);
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

const HUB_HOSTS = new Set(['huggingface.co', 'www.huggingface.co', 'hf.co']);
/** Endings of files a model folder holds: a base URL ending in one is a file's address, not a folder's. */
const FILE_NAME = /\.(onnx|onnx_data|json|bin|txt|model|safetensors|wasm)$/i;

/** What the base URL field is taken as: the folder the listed paths are relative to, and a note when it was rewritten. */
export interface ResolvedBase {
  base: string;
  /** Why the address typed is not the one used (a Hugging Face page, one file's address, a query), for the form to say. */
  note?: string;
}

const refuse = (message: string): never => {
  throw new ValidationError(message);
};

/**
 * The base URL as the user meant it. Only http(s) addresses (a javascript:, data:, chrome:// or file:// address is
 * refused before any permission request or fetch). A query or fragment is dropped (`…/resolve/main?download=true`
 * would otherwise put the paths after the query). On huggingface.co / hf.co, the pages people copy from are turned
 * into the download folder: the model page (`/ORG/REPO`), a `blob/REV/…` or `tree/REV/…` page (HTML: their size is the
 * page's), and one file's `resolve/REV/…` address. A file's or folder's address becomes the folder that makes the
 * listed paths line up: the repository's root when the list names the file (or folder) by its full path
 * (`onnx/model.onnx`), else that folder. `paths` are the file list's paths.
 */
export function resolveBase(input: string, paths: readonly string[] = []): ResolvedBase {
  const typed = input.trim();
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    return refuse(`the base URL "${typed.slice(0, 100)}" is not an address: give a full one, starting with https://`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse(`the base URL is a ${url.protocol} address: only http(s) addresses can be downloaded from`);
  }
  const notes: string[] = [];
  if (url.search || url.hash) notes.push('its query or fragment dropped');
  url.search = '';
  url.hash = '';
  const segments = url.pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  const join = (parts: string[]) => parts.map((p) => encodeURIComponent(p)).join('/');
  // The folder the paths are relative to: the root when the list names `sub/…` by its full path, else `sub` itself.
  const lineUp = (root: string, sub: string[], isFile: boolean): string => {
    const folder = isFile ? sub.slice(0, -1) : sub;
    const full = sub.join('/');
    if (!folder.length) return root;
    const listedFromRoot = isFile ? paths.includes(full) : paths.some((p) => p.startsWith(`${full}/`));
    if (listedFromRoot || !paths.length) return root;
    return `${root}${join(folder)}/`;
  };
  if (HUB_HOSTS.has(url.hostname) && segments.length >= 2 && !['datasets', 'spaces', 'api'].includes(segments[0]!)) {
    const [owner, repo, kind, revision = 'main', ...rest] = segments as [string, string, string | undefined, string | undefined, ...string[]];
    const root = `${url.origin}/${join([owner, repo])}/resolve/${encodeURIComponent(revision)}/`;
    if (kind === undefined) {
      notes.push('a model page, so its files are read from the repository\'s main revision');
    } else if (kind === 'blob' || kind === 'tree') {
      notes.push(`a ${kind === 'blob' ? 'file' : 'folder'} page (a web page, not the files)`);
    } else if (kind !== 'resolve' && kind !== 'raw') {
      const base = url.href.replace(/\/?$/, '/');
      return { base, ...(notes.length ? { note: describe(notes, base) } : {}) };
    }
    const isFile = kind !== 'tree' && rest.length > 0 && FILE_NAME.test(rest.at(-1)!);
    if (isFile) notes.push(`the address of one file (${rest.join('/')})`);
    const base = rest.length ? lineUp(root, rest, isFile) : root;
    return { base, ...(notes.length ? { note: describe(notes, base) } : {}) };
  }
  const last = segments.at(-1);
  if (last && FILE_NAME.test(last) && !url.pathname.endsWith('/')) {
    notes.push(`the address of one file (${last})`);
    // A file's folder; its full path may be listed from a folder higher up, as on the hub (`onnx/model.onnx`).
    const folderSegments = segments.slice(0, -1);
    let base = `${url.origin}/${join(folderSegments)}${folderSegments.length ? '/' : ''}`;
    for (let up = folderSegments.length - 1; up >= 0; up--) {
      if (paths.includes(segments.slice(up).join('/'))) base = `${url.origin}/${join(segments.slice(0, up))}${up ? '/' : ''}`;
    }
    return { base, note: describe(notes, base) };
  }
  const base = url.href.replace(/\/?$/, '/');
  return { base, ...(notes.length ? { note: describe(notes, base) } : {}) };
}

const describe = (notes: string[], base: string) => `The base URL was ${notes.join(', ')}: files are read from ${base}`;

/** A file-list path as the schema wants it (see safePath), or the reason it is not one, naming the line. */
function checkPath(path: string, line: number): void {
  if (path.startsWith('/')) {
    refuse(`line ${line}: "${path.slice(0, 100)}" starts with "/": write paths relative to the base URL (${path.replace(/^\/+/, '') || 'model.onnx'})`);
  }
  const issue = v.safeParse(safePath, path).issues?.[0];
  if (issue) refuse(`line ${line}: "${path.slice(0, 100)}" is not ${issue.message} (letters, digits, _ . - and / between folders)`);
}

/** MLC (web-llm) repositories hold these instead of ONNX graphs. */
const MLC_FILE = /(^|\/)(mlc-chat-config\.json|ndarray-cache\.json|params_shard_\d+\.bin|[^/]+\.wasm)$/;

/**
 * Why a file list that is an MLC/web-llm model cannot be added, or undefined. Their model libraries are WebAssembly,
 * which an extension may not load from the network: only the catalogue's web-llm models run, in a build that
 * packages their libraries (README, "web-llm models").
 */
export function mlcRefusal(paths: readonly string[]): string | undefined {
  if (paths.some((path) => path.endsWith('.onnx')) || !paths.some((path) => MLC_FILE.test(path))) return undefined;
  return 'this is an MLC (web-llm) model: those cannot be added by URL, because their model libraries are WebAssembly, which '
    + 'an extension may not load from the network. Only the web-llm models of the catalogue run, in a build that packages '
    + 'their libraries. A model added by URL must be an ONNX export (an .onnx model file, tokenizer.json, tokenizer_config.json, config.json)';
}

/**
 * The "add a model" form's file list: one file per line, `path [sha256]`, resolved against the base URL (a folder
 * such as https://huggingface.co/ORG/REPO/resolve/REVISION/; see resolveBase for the other shapes accepted), or
 * `path URL [sha256]` for a file hosted elsewhere. Blank lines and lines starting with # are skipped. Throws a
 * ValidationError naming the first bad line.
 */
export function parseFileList(baseUrl: string, text: string): FileLine[] {
  return parseModelSource(baseUrl, text).files;
}

/** parseFileList, with the base URL it used and why that is not the one typed (resolveBase). */
export function parseModelSource(baseUrl: string, text: string): { files: FileLine[]; base?: ResolvedBase } {
  // The base first: an address that is not http(s) is refused whatever the list says.
  if (baseUrl.trim()) resolveBase(baseUrl);
  const lines: { index: number; path: string; explicit: string | undefined; sha: string | null }[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [path = '', ...rest] = line.split(/\s+/);
    const explicit = rest[0]?.match(/^[a-z][\w+.-]*:/i) ? rest.shift() : undefined;
    if (explicit !== undefined && !/^https?:\/\//i.test(explicit)) refuse(`line ${index + 1}: "${explicit.slice(0, 100)}" is not an http(s) address: only http(s) addresses can be downloaded from`);
    const sha = rest.shift()?.toLowerCase() ?? null;
    if (rest.length) refuse(`line ${index + 1}: expected "path [URL] [sha256]"`);
    if (sha !== null && !/^[0-9a-f]{64}$/.test(sha)) refuse(`line ${index + 1}: "${sha.slice(0, 80)}" is not a SHA-256 checksum (64 hexadecimal characters); leave it out if you have none`);
    checkPath(path, index + 1);
    if (lines.some((f) => f.path === path)) refuse(`line ${index + 1}: ${path} is listed twice`);
    lines.push({ index, path, explicit, sha });
  }
  if (!lines.length) refuse('list at least one file');
  const base = baseUrl.trim() ? resolveBase(baseUrl, lines.map((l) => l.path)) : undefined;
  const files = lines.map(({ index, path, explicit, sha }) => {
    if (!explicit && !base) refuse(`line ${index + 1}: give a base URL or a URL for ${path}`);
    if (explicit) {
      try {
        new URL(explicit);
      } catch {
        refuse(`line ${index + 1}: "${explicit.slice(0, 100)}" is not an address`);
      }
    }
    return { path, url: explicit ?? new URL(path, base!.base).href, sha256: sha };
  });
  return { files, ...(base ? { base } : {}) };
}
