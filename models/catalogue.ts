import scriptWriterFiles from './bundled/scriptwriter-encdec/files.json' with { type: 'json' };
import webLlmRows from './web-llm-models.json' with { type: 'json' };
import { type BuiltInAvailability, builtInReason } from './builtin.ts';
/**
 * The model catalogue: every model Pocket SLM knows, what it needs and where its files come from.
 * Only the bundled model is in the package; everything else is downloaded by the user's browser on request.
 */

export type Architecture = 'decoder-only' | 'encoder-decoder';
export type EngineKind = 'ort-decoder' | 'ort-seq2seq' | 'web-llm' | 'builtin' | 'replay';
export type GpuFeature = 'shader-f16';
export type Feature = 'automate' | 'math' | 'story' | 'probes';

export interface ModelFile {
  /** Path inside the model's folder (or the extension package for bundled models). */
  path: string;
  /** Absolute download URL; absent for bundled files. */
  url?: string;
  bytes?: number;
  /** Lower-case hex; null where no trustworthy hash could be taken (then only the size is checked). */
  sha256: string | null;
}

export type ModelSource =
  | { kind: 'bundled'; folder: string }
  | { kind: 'hub'; repo: string; revision: string; pinned: boolean }
  /** `libFile`: the model library (WebAssembly) web-llm's prebuilt config names, which a build must package. */
  | { kind: 'web-llm'; modelId: string; packageVersion: string; libFile: string }
  /** Chrome's own model (Prompt API): Chrome downloads, stores and runs it. */
  | { kind: 'builtin' };

export interface CatalogueEntry {
  id: string;
  name: string;
  architecture: Architecture;
  engine: EngineKind;
  source: ModelSource;
  files: ModelFile[];
  /** 'managed': the browser's own model, whose format Chrome does not tell. */
  dtype: 'fp32' | 'fp16' | 'q4f32' | 'q4f16' | 'int8' | 'managed';
  params: string;
  contextLength: number;
  requiredFeatures: GpuFeature[];
  /** Rough working set while generating, for the "fits this device" check. */
  memoryMb: number;
  license: string;
  goodFor: Feature[];
  description: string;
  /**
   * Plain-text prompt format, 'chat' when the tokenizer's chat template applies, or 'scriptwriter' for a model trained
   * to turn a page document and a task straight into a script (extension/features/automate/scriptwriter.ts).
   */
  promptFormat: 'plain' | 'chat' | 'scriptwriter';
  /** Why the entry cannot run in this build, when it cannot (e.g. a web-llm library that is not packaged). */
  unavailableReason?: string;
}

const HUB = 'https://huggingface.co';
const hubFile = (repo: string, revision: string, path: string, bytes?: number): ModelFile => ({
  path, url: `${HUB}/${repo}/resolve/${revision}/${path}`, ...(bytes ? { bytes } : {}), sha256: null,
});

export const BUNDLED_STORY_MODEL = 'tinystories-656k';

const bundled: CatalogueEntry = {
  id: BUNDLED_STORY_MODEL,
  name: 'TinyStories 656K',
  architecture: 'decoder-only',
  engine: 'ort-decoder',
  source: { kind: 'bundled', folder: 'models/bundled/tinystories-656k' },
  files: [
    { path: 'model.onnx', bytes: 2635917, sha256: '916a42149230a4a37f093662c91db7972322f85b4a70e06c648d820fc3247de4' },
    { path: 'tokenizer.json', bytes: 86434, sha256: '9a7917d490ac034a4e69eb081096226971887e9e66b0969355421613f62b12e7' },
    { path: 'tokenizer_config.json', bytes: 933, sha256: 'b41898ab69aa46f6bd13416e9662542e056d0727d565bac0e6552efc08438809' },
    { path: 'config.json', bytes: 649, sha256: '5d34a34a12acbd8b0d4d8b400cb4ad72e6cdd49673d4b27b5b4c4e93030bc7ee' },
    { path: 'generation_config.json', bytes: 111, sha256: 'e7837bdba54a36255e4328e034076648ed8a8ca617d7a979a29158191cce6318' },
  ],
  dtype: 'fp32',
  params: '656K',
  contextLength: 512,
  requiredFeatures: [],
  memoryMb: 20,
  license: 'Apache-2.0 (as declared upstream)',
  goodFor: ['story'],
  description: 'Tiny Llama-style story model shipped with the extension: works offline, simple children\'s stories only.',
  promptFormat: 'plain',
};

/**
 * The distilled encoder-decoder student of TinyStories-656K (made here by `npm run train:encdec`, see
 * models/bundled/tinystories-encdec/README.md): the offline encoder-decoder story writer, matched in size with the
 * bundled decoder-only model for architecture comparisons.
 */
export const BUNDLED_ENCDEC_STORY_MODEL = 'tinystories-encdec';
const bundledEncDec: CatalogueEntry = {
  id: BUNDLED_ENCDEC_STORY_MODEL,
  name: 'TinyStories enc-dec 707K (distilled)',
  architecture: 'encoder-decoder',
  engine: 'ort-seq2seq',
  source: { kind: 'bundled', folder: 'models/bundled/tinystories-encdec' },
  files: [
    { path: 'encoder_model.onnx', bytes: 1200592, sha256: 'c6486c964ddd1986374b166643a9bcec20292e5472f65b2d1de25595ebd91af7' },
    { path: 'decoder_model_merged.onnx', bytes: 2600928, sha256: '09b0c84dbb083d76612f6160fa3d1b23c3284e85e9b9af87a3398f0a5db6911f' },
    { path: 'tokenizer.json', bytes: 86434, sha256: '9a7917d490ac034a4e69eb081096226971887e9e66b0969355421613f62b12e7' },
    { path: 'tokenizer_config.json', bytes: 933, sha256: 'b41898ab69aa46f6bd13416e9662542e056d0727d565bac0e6552efc08438809' },
    { path: 'config.json', bytes: 696, sha256: 'ba3cc2456648b762bf6ec7d8cdc8be32529bfd24c0ed5bce88560c0e0216e3ab' },
    { path: 'generation_config.json', bytes: 97, sha256: '62c9f0d95da460b0214868e9007898fc43b0675ca22aac8b3dfb7930374de849' },
  ],
  dtype: 'fp32',
  params: '707K',
  contextLength: 512,
  requiredFeatures: [],
  memoryMb: 30,
  license: 'Apache-2.0 (derived from TinyStories-656K, as declared upstream)',
  goodFor: ['story'],
  description: 'Tiny encoder-decoder distilled here from TinyStories 656K: continues a story offline; simple children\'s stories only.',
  promptFormat: 'plain',
};

/**
 * The script writer trained here for automation (issue 11; `npm run train:scriptwriter`, model card in
 * models/bundled/scriptwriter-encdec/README.md): page document + task → script, names constrained to the page.
 */
export const BUNDLED_SCRIPT_WRITER = 'scriptwriter-encdec';
const bundledScriptWriter: CatalogueEntry = {
  id: BUNDLED_SCRIPT_WRITER,
  name: 'Script writer 1.5M (bundled)',
  architecture: 'encoder-decoder',
  engine: 'ort-seq2seq',
  source: { kind: 'bundled', folder: 'models/bundled/scriptwriter-encdec' },
  files: scriptWriterFiles,
  dtype: 'fp32',
  params: '1.45M',
  contextLength: 1024,
  requiredFeatures: [],
  memoryMb: 40,
  license: 'MIT (trained here on generated data)',
  goodFor: ['automate'],
  description: 'Tiny encoder-decoder trained here to turn a page document and a task into one script; offline. Knows common page shapes (forms, lists, search, todos, tabs) and plain task phrasings only.',
  promptFormat: 'scriptwriter',
};

/**
 * ONNX repos in the optimum/transformers.js layout. The hub could not be reached when this list was written, so
 * revisions are branch names (not pinned) and sizes and hashes are unknown: the download learns each file's size
 * and validator from the server and checks the size (download-manager.ts), and the entries say so.
 */
const onnxHub = (repo: string, files: string[]) => files.map((path) => hubFile(repo, 'main', path));
const onnxModels: CatalogueEntry[] = [
  {
    id: 'flan-t5-small-onnx', name: 'Flan-T5 small', architecture: 'encoder-decoder', engine: 'ort-seq2seq',
    source: { kind: 'hub', repo: 'Xenova/flan-t5-small', revision: 'main', pinned: false },
    files: onnxHub('Xenova/flan-t5-small', ['onnx/encoder_model.onnx', 'onnx/decoder_model_merged.onnx', 'tokenizer.json',
      'tokenizer_config.json', 'config.json', 'generation_config.json']),
    dtype: 'fp32', params: '77M', contextLength: 512, requiredFeatures: [], memoryMb: 400, license: 'Apache-2.0',
    goodFor: ['probes'], description: 'Instruction-tuned T5 encoder-decoder: short answers, classification, rewriting.',
    promptFormat: 'plain',
  },
  {
    id: 'lamini-flan-t5-248m-onnx', name: 'LaMini-Flan-T5 248M', architecture: 'encoder-decoder', engine: 'ort-seq2seq',
    source: { kind: 'hub', repo: 'Xenova/LaMini-Flan-T5-248M', revision: 'main', pinned: false },
    files: onnxHub('Xenova/LaMini-Flan-T5-248M', ['onnx/encoder_model.onnx', 'onnx/decoder_model_merged.onnx',
      'tokenizer.json', 'tokenizer_config.json', 'config.json', 'generation_config.json']),
    dtype: 'fp32', params: '248M', contextLength: 512, requiredFeatures: [], memoryMb: 1100, license: 'CC-BY-NC-4.0',
    goodFor: ['story', 'probes'], description: 'Flan-T5 distilled on LaMini instructions: better free-form answers than Flan-T5 small.',
    promptFormat: 'plain',
  },
  {
    // model_q4: 4-bit weights with a float32 cache and logits, which our engine feeds (the q4f16 export's are float16).
    id: 'qwen2.5-0.5b-instruct-onnx', name: 'Qwen2.5 0.5B Instruct (ONNX, q4)', architecture: 'decoder-only',
    engine: 'ort-decoder',
    source: { kind: 'hub', repo: 'onnx-community/Qwen2.5-0.5B-Instruct', revision: 'main', pinned: false },
    files: onnxHub('onnx-community/Qwen2.5-0.5B-Instruct', ['onnx/model_q4.onnx', 'tokenizer.json', 'tokenizer_config.json',
      'config.json', 'generation_config.json']),
    dtype: 'q4f32', params: '494M', contextLength: 32768, requiredFeatures: [], memoryMb: 1300,
    license: 'Apache-2.0', goodFor: ['automate', 'math', 'probes'],
    description: 'Small general instruction model; 4-bit weights, float32 activations (WebGPU or WASM).', promptFormat: 'chat',
  },
];

/**
 * web-llm prebuilt models (`web-llm-models.json`). Their weights are data and are downloaded at run time; their model
 * libraries are WebAssembly, which Chrome Web Store policy forbids loading from the network, so a build packages the
 * ones it finds in `models/web-llm-libs/` (vite.config.ts; `npm run web-llm-libs` says which files go there). An entry
 * whose library this build lacks is listed as unavailable.
 */
const WEB_LLM_VERSION = '0.2.86';
declare const __POCKET_WEB_LLM_LIBS__: readonly string[] | undefined;
/** The model libraries this build packages (set by vite.config.ts; none where no build defines it, as in unit tests). */
export const packagedWebLlmLibs: readonly string[] = typeof __POCKET_WEB_LLM_LIBS__ === 'undefined' ? [] : __POCKET_WEB_LLM_LIBS__;

export interface WebLlmModelRow {
  modelId: string;
  name: string;
  params: string;
  dtype: 'q4f32' | 'q4f16';
  memoryMb: number;
  goodFor: Feature[];
  description: string;
  libFile: string;
}

/**
 * Said to users, so no file name: a web-llm model's compiled library is code, which an extension must package (it may
 * not download code); `npm run web-llm-libs` tells a developer which file is missing.
 */
export const NOT_PACKAGED = 'this build does not include the program web-llm needs for it (an extension may not download code)';

export function webLlmEntry(row: WebLlmModelRow, packaged: readonly string[] = packagedWebLlmLibs): CatalogueEntry {
  const { modelId, name, params, dtype, memoryMb, goodFor, description, libFile } = row;
  return {
    id: modelId, name, architecture: 'decoder-only', engine: 'web-llm',
    source: { kind: 'web-llm', modelId, packageVersion: WEB_LLM_VERSION, libFile },
    files: [], dtype, params, contextLength: 4096,
    requiredFeatures: dtype === 'q4f16' ? ['shader-f16'] : [], memoryMb, license: 'see model card', goodFor,
    description, promptFormat: 'chat',
    ...(packaged.includes(libFile) ? {} : { unavailableReason: NOT_PACKAGED }),
  };
}

const webLlmModels: CatalogueEntry[] = (webLlmRows as WebLlmModelRow[]).map((row) => webLlmEntry(row));

export const CHROME_BUILTIN_MODEL = 'chrome-builtin';

/** Chrome's built-in model through the Prompt API (workers/engines/built-in.ts), where the browser and device have it. */
const chromeBuiltIn: CatalogueEntry = {
  id: CHROME_BUILTIN_MODEL, name: 'Chrome built-in (Gemini Nano)', architecture: 'decoder-only', engine: 'builtin',
  source: { kind: 'builtin' }, files: [], dtype: 'managed', params: 'Gemini Nano',
  // The window of a real session replaces this when the model loads.
  contextLength: 4096, requiredFeatures: [], memoryMb: 0,
  license: 'Google\'s terms for Chrome\'s built-in AI (Generative AI Prohibited Use Policy)',
  goodFor: ['automate', 'math', 'probes'],
  description: 'Chrome downloads and runs it on this device (desktop Chrome 138+, a capable GPU or CPU). Text only: no seeds; JSON-schema output, no script constraints.',
  promptFormat: 'chat',
};

export const catalogue: readonly CatalogueEntry[] = [bundled, bundledEncDec, bundledScriptWriter, ...onnxModels, ...webLlmModels, chromeBuiltIn];

export function findModel(id: string): CatalogueEntry | undefined {
  return catalogue.find((entry) => entry.id === id);
}

/**
 * Whether this device can run the entry at all, and if not, why (for the Models tab). The built-in model depends on
 * what Chrome says (`builtin`, see models/builtin.ts); a download Chrome can still make counts as runnable.
 */
/** A model the user added by URL (models/registry.ts builds those entries with this revision). */
export const isUserAdded = (entry: Pick<CatalogueEntry, 'source'>): boolean => entry.source.kind === 'hub' && entry.source.revision === 'custom';

/**
 * A warning (never a refusal) when a model's working set is more than half the memory the device reports: it may
 * fail to load or slow the whole machine. `navigator.deviceMemory` is coarse (rounded, capped at 8 GB by Chrome),
 * so only a clear shortfall is named.
 */
export function memoryWarning(entry: CatalogueEntry, deviceMemoryGb: number | undefined): string | undefined {
  if (deviceMemoryGb === undefined || !(deviceMemoryGb > 0) || entry.memoryMb <= (deviceMemoryGb * 1024) / 2) return undefined;
  const needs = entry.memoryMb >= 1024 ? `${(entry.memoryMb / 1024).toFixed(1)} GB` : `${entry.memoryMb} MB`;
  return `may not fit: needs about ${needs} of memory, and this device reports ${deviceMemoryGb} GB in all`;
}

export function compatibility(entry: CatalogueEntry, gpuFeatures: readonly string[] | null,
  builtin: BuiltInAvailability = 'absent'): { ok: boolean; reason?: string } {
  if (entry.unavailableReason) return { ok: false, reason: entry.unavailableReason };
  if (entry.source.kind === 'builtin') {
    return builtin === 'available' || builtin === 'downloadable' || builtin === 'downloading' ? { ok: true } : { ok: false, reason: builtInReason(builtin)! };
  }
  // web-llm runs on WebGPU only (its f32 builds need no shader-f16, but a GPU all the same).
  if (entry.engine === 'web-llm' && gpuFeatures === null) return { ok: false, reason: 'needs WebGPU, which is not available' };
  const missing = entry.requiredFeatures.filter((feature) => !gpuFeatures?.includes(feature));
  if (missing.length) {
    return { ok: false, reason: gpuFeatures ? `needs WebGPU ${missing.join(', ')}, which this GPU lacks` : 'needs WebGPU, which is not available' };
  }
  return { ok: true };
}
