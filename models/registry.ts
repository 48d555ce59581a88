import * as v from 'valibot';
import { CustomModelSchema, mlcRefusal, type CustomModel } from './custom-model.ts';
import { database, type ModelRow, type PocketDb } from '../extension/storage/db.ts';
import { findModel, type CatalogueEntry } from './catalogue.ts';

/** Optimum file names, with or without a folder and a variant suffix (`onnx/encoder_model_quantized.onnx`). */
const pattern = (stem: string) => new RegExp(`(^|/)${stem}(_[\\w-]+)?\\.onnx$`);
const ENCODER = pattern('encoder_model');
const MERGED = pattern('decoder_model_merged');
const WITH_PAST = pattern('decoder_with_past_model');
const FIRST = /(^|\/)decoder_model(?!_merged)(_[\w-]+)?\.onnx$/;

/** Which of an entry's files are the encoder and the decoder(s); undefined when they are not an optimum seq2seq set. */
export type Seq2SeqFileSet = { encoder: string; merged: string } | { encoder: string; first: string; withPast: string };
export function seq2seqFiles(paths: readonly string[]): Seq2SeqFileSet | undefined {
  const find = (re: RegExp) => paths.find((path) => re.test(path));
  const encoder = find(ENCODER);
  const merged = find(MERGED);
  const first = find(FIRST);
  const withPast = find(WITH_PAST);
  if (!encoder) return undefined;
  if (merged) return { encoder, merged };
  if (first && withPast) return { encoder, first, withPast };
  return undefined;
}

const REQUIRED = ['tokenizer.json', 'tokenizer_config.json', 'config.json'];
export const REPLAY_FILE = 'replay.json';

/**
 * A model whose only file is replay.json is the canned-answer engine (see workers/engines/replay.ts). With a
 * tokenizer_config.json beside it, it is a chat model: the worker renders chats with that file's chat template.
 */
const CHAT_CONFIG = 'tokenizer_config.json';
const isReplay = (model: CustomModel) => model.files.some((file) => file.path === REPLAY_FILE)
  && model.files.every((file) => file.path === REPLAY_FILE || file.path === CHAT_CONFIG);
function replayEntry(model: CustomModel): CatalogueEntry {
  return {
    id: model.id, name: model.name, architecture: 'decoder-only', engine: 'replay',
    source: { kind: 'hub', repo: new URL(model.files[0]!.url).host, revision: 'custom', pinned: model.files[0]!.sha256 !== null },
    files: model.files, dtype: 'fp32', params: '0', contextLength: model.contextLength, requiredFeatures: [], memoryMb: 1,
    license: 'as stated by its host', goodFor: ['automate', 'math', 'story', 'probes'],
    description: 'Canned answers keyed on the prompt (replay): for tests and demos, not a language model.',
    promptFormat: model.files.some((file) => file.path === CHAT_CONFIG) ? 'chat' : 'plain',
  };
}

/** What the download found in a user-added model's files (ModelRow.chatTemplate). */
export interface CustomModelTraits {
  chatTemplate?: boolean | undefined;
}

export function customEntry(model: CustomModel, traits: CustomModelTraits = {}): CatalogueEntry {
  if (isReplay(model)) return replayEntry(model);
  const mlc = mlcRefusal(model.files.map((file) => file.path));
  if (mlc) throw new Error(mlc);
  const missing = REQUIRED.filter((name) => !model.files.some((file) => file.path === name));
  if (!model.files.some((file) => file.path.endsWith('.onnx'))) missing.unshift('an .onnx model file');
  if (missing.length) throw new Error(`a custom model needs ${missing.join(', ')}`);
  // Optimum's encoder-decoder layout (encoder_model.onnx + decoder_model_merged.onnx, or the split pair) is a seq2seq model.
  const seq2seq = seq2seqFiles(model.files.map((file) => file.path)) !== undefined;
  // An instruction-tuned model (its template found when it was downloaded) takes prompts as chat turns.
  // (The encoder-decoder engine takes plain text only.)
  const chat = traits.chatTemplate === true && model.role !== 'scriptwriter' && !seq2seq;
  return {
    id: model.id, name: model.name,
    architecture: seq2seq ? 'encoder-decoder' : 'decoder-only', engine: seq2seq ? 'ort-seq2seq' : 'ort-decoder',
    source: { kind: 'hub', repo: new URL(model.files[0]!.url).host, revision: 'custom', pinned: model.files.every((f) => f.sha256 !== null) },
    files: model.files, dtype: 'fp32', params: 'unknown', contextLength: model.contextLength, requiredFeatures: [],
    memoryMb: Math.ceil(model.files.reduce((sum, f) => sum + (f.bytes ?? 0), 0) / 1e6) * 2, license: 'as stated by its host',
    goodFor: model.role === 'scriptwriter' ? ['automate'] : chat ? ['automate', 'math', 'probes', 'story'] : ['story'],
    description: chat ? 'Added by you from a URL; a chat model (its tokenizer_config.json has a chat template).' : 'Added by you from a URL.',
    promptFormat: model.role === 'scriptwriter' ? 'scriptwriter' : chat ? 'chat' : 'plain',
  };
}

/** The entry of a user-added model's row (with what its download found), or undefined for any other row. */
export function customRowEntry(row: Pick<ModelRow, 'custom' | 'chatTemplate'> | undefined): CatalogueEntry | undefined {
  const parsed = v.safeParse(CustomModelSchema, row?.custom);
  if (!parsed.success) return undefined;
  try {
    return customEntry(parsed.output, { chatTemplate: row?.chatTemplate });
  } catch {
    return undefined; // a row stored by an older version that this one no longer accepts
  }
}

/** The catalogue plus the user's own models. */
export async function resolveModel(id: string, db: PocketDb = database()): Promise<CatalogueEntry | undefined> {
  const known = findModel(id);
  if (known) return known;
  return customRowEntry(await db.models.get(id));
}
